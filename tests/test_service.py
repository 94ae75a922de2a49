"""The service's identity, the workers' own details, and landlords as contacts."""

import json
import zlib

import pytest

from conftest import assert_one_line_error, me, query, snapshot
from huurbeg.domain import service
from huurbeg.domain.service import ServiceIdentity, WorkerContact

HOSTILE = "Dienst [bold]huur[/bold] \x1b[2J\x07"
SHOWN = "Dienst [bold]huur[/bold] ␛[2J␇"


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def png(width: int = 2, height: int = 2) -> bytes:
    """A real PNG of one colour."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")
    rows = b"".join(b"\x00" + b"\xc0\x20\x20" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", width.to_bytes(4, "big") + height.to_bytes(4, "big")
                                         + b"\x08\x02\x00\x00\x00")
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


SVG = b'<?xml version="1.0"?>\n<!-- logo -->\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">' \
      b'<rect width="10" height="10" fill="#c02020"/></svg>'


# --- the domain -------------------------------------------------------------------------------

def test_missing_names_what_a_document_lacks_in_the_fields_order():
    identity = ServiceIdentity(name="Dienst huurbegeleiding", address="  ", place="Mechelen")
    assert service.missing(identity, ["signatory", "address", "name", "place"]) == ["address", "signatory"]
    assert service.missing(identity, ["logo"]) == ["logo"]
    assert service.missing(ServiceIdentity(logo=b"x", logo_type=service.PNG), ["logo"]) == []
    assert service.missing(WorkerContact("an", name="An Peeters"), ["name", "phone"]) == ["phone"]
    with pytest.raises(ValueError):
        service.missing(identity, ["colour"])


@pytest.mark.parametrize("content, kind", [(png(), service.PNG), (SVG, service.SVG),
                                           (b"\xef\xbb\xbf<svg viewBox='0 0 1 1'></svg>", service.SVG)])
def test_a_logo_is_known_by_its_content(content, kind):
    assert service.logo_type(content) == kind


@pytest.mark.parametrize("content", [b"", b"GIF89a....", b"%PDF-1.7", b"<html><svg></svg></html>",
                                     b"\x89PNG" + b"\x00" * 10, b"\x89PNG\r\n\x1a\n" + bytes(service.LOGO_MOST_BYTES)])
def test_anything_else_is_no_logo(content):
    with pytest.raises(ValueError):
        service.logo_type(content)


# --- service set / me / show ------------------------------------------------------------------

def test_the_service_is_set_once_and_shown(cli, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(png())
    result = cli("service", "set", "--name", "Dienst huurbegeleiding", "--organisation", "Sociaal Huis Mechelen",
                 "--address", "Grote Markt 21, 2800 Mechelen", "--phone", "015 29 76 00",
                 "--email", "huurbegeleiding@mechelen.be", "--signatory", "Els Janssens, diensthoofd",
                 "--place", "Mechelen", "--logo", str(logo))
    assert result.exit_code == 0, result.output
    assert "saved" in result.stderr and result.stdout == ""
    assert cli("service", "set", "--phone", "015 29 76 01").exit_code == 0  # only what is given changes
    shown = as_json(cli("service", "show", "--format", "json"))
    assert shown == {"name": "Dienst huurbegeleiding", "organisation": "Sociaal Huis Mechelen",
                     "address": "Grote Markt 21, 2800 Mechelen", "phone": "015 29 76 01",
                     "email": "huurbegeleiding@mechelen.be", "signatory": "Els Janssens, diensthoofd",
                     "place": "Mechelen", "logo": {"type": "image/png", "bytes": len(png())}, "missing": [],
                     "me": me(), "workers": []}
    table = cli("service", "show")
    assert "Sociaal Huis Mechelen" in table.stdout and "image/png" in table.stdout
    history = query(None, "SELECT action, detail FROM history WHERE action = 'service' ORDER BY id")
    assert history == [("service", "service identity set: name, organisation, address, phone, email, signatory, "
                                   "place, logo"), ("service", "service identity set: phone")]
    assert cli("service", "set", "--logo", "").exit_code == 0
    assert as_json(cli("service", "show", "-f", "json"))["logo"] is None


def test_an_svg_logo_and_clearing_a_detail(cli, tmp_path):
    logo = tmp_path / "logo"  # no extension: the content says what it is
    logo.write_bytes(SVG)
    assert cli("service", "set", "--logo", str(logo), "--place", "Mechelen").exit_code == 0
    assert as_json(cli("service", "show", "-f", "json"))["logo"] == {"type": "image/svg+xml", "bytes": len(SVG)}
    assert cli("service", "set", "--place", "").exit_code == 0
    assert as_json(cli("service", "show", "-f", "json"))["place"] is None


def test_each_worker_signs_with_their_own_details(cli):
    result = cli("service", "me", "--name", "An Peeters", "--phone", "015 29 76 12", "--email", "an@mechelen.be")
    assert result.exit_code == 0, result.output
    assert me() in result.stderr
    assert as_json(cli("service", "show", "-f", "json"))["workers"] == [
        {"worker": me(), "name": "An Peeters", "phone": "015 29 76 12", "email": "an@mechelen.be"}]
    cli("service", "me", "--phone", "")
    assert as_json(cli("service", "show", "-f", "json"))["workers"][0]["phone"] is None
    assert query(None, "SELECT detail FROM history WHERE action = 'service' ORDER BY id")[-1] == (
        f"details of worker {me()} set: phone",)


@pytest.mark.parametrize("args, contains", [
    (["service", "set", "--email", "not-an-address"], "--email"),
    (["service", "set", "--name", " \u200b "], "--name"),
    (["service", "set", "--logo", "no-such-file.png"], "--logo"),
    (["service", "set", "--logo", "LOGO:text"], "not a PNG or SVG"),
    (["service", "set", "--logo", "LOGO:large"], "1024 KB"),
    (["service", "set", "--logo", "LOGO:empty"], "--logo"),
    (["service", "set", "--name", "Dienst", "--logo", "LOGO:text"], "--logo"),  # nothing of it is stored
    (["service", "set"], "--name"),
    (["service", "me"], "--name"),
    (["service", "me", "--email", "an(at)mechelen.be"], "--email"),
    (["landlord", "edit", "Woonpunt"], "--address"),
    (["landlord", "edit", "Woonpunt", "--email", "x"], "--email"),
    (["landlord", "edit", "Nobody", "--phone", "1"], "NAME"),
    (["landlord", "show", "Nobody"], "NAME"),
])
def test_bad_input_is_one_line_and_writes_nothing(cli, new_case, db_path, tmp_path, args, contains):
    new_case()
    files = {"LOGO:text": b"just text, renamed logo.png", "LOGO:large": png() + bytes(service.LOGO_MOST_BYTES),
             "LOGO:empty": b""}
    for n, arg in enumerate(args):
        if arg in files:
            path = tmp_path / "logo.png"
            path.write_bytes(files[arg])
            args[n] = str(path)
    before = snapshot(db_path)
    result = cli(*args)
    assert_one_line_error(result, contains=contains)
    assert result.exit_code in (2, 3)
    assert snapshot(db_path) == before


def test_stored_text_is_shown_literally(cli, new_case):
    new_case()
    assert cli("service", "set", "--name", HOSTILE, "--signatory", "[red]x").exit_code == 0
    assert cli("service", "me", "--name", HOSTILE).exit_code == 0
    assert cli("landlord", "edit", "Woonpunt", "--contact", HOSTILE, "--address", "[link=x]y[/link]").exit_code == 0
    for args in (["service", "show"], ["landlord", "show", "Woonpunt"], ["landlord", "list"],
                 ["case", "show", "2026-0001"]):
        out = cli(*args).stdout
        assert SHOWN in out and "\x1b" not in out and "\x07" not in out, args
    assert "[link=x]y[/link]" in cli("landlord", "show", "Woonpunt").stdout
    assert as_json(cli("service", "show", "-f", "json"))["name"] == HOSTILE


# --- ensure_identity: what a document calls -----------------------------------------------------

def test_a_document_names_the_details_it_lacks_without_a_terminal(cli):
    from huurbeg.commands.service import ensure_identity, ensure_worker
    from huurbeg.db import open_store
    from huurbeg.core.errors import MissingValue

    cli("service", "set", "--name", "Dienst huurbegeleiding")
    store, _ = open_store(None, write=True)
    try:
        with pytest.raises(MissingValue) as refused:
            ensure_identity(store, ["name", "signatory", "place"])
        assert str(refused.value) == ("the service's details this document needs are not set: --signatory --place; "
                                      "set them once with huurbeg service set --signatory ... --place ...")
        assert ensure_identity(store, ["name"]).name == "Dienst huurbegeleiding"
        with pytest.raises(MissingValue, match="huurbeg service me --phone"):
            ensure_worker(store, ["phone"])
    finally:
        store.close()


# --- landlords ----------------------------------------------------------------------------------

def test_a_landlord_is_a_contact_shown_in_the_dossier_and_found(cli, new_case):
    number = new_case()
    result = cli("landlord", "edit", "woonpunt", "--address", "Lange Schipstraat 5, 2800 Mechelen",
                 "--phone", "015 44 55 66", "--email", "huurders@woonpunt.be", "--contact", "Karin Wouters")
    assert result.exit_code == 0, result.output
    assert as_json(cli("landlord", "show", "WOONPUNT", "-f", "json")) == {
        "name": "Woonpunt", "type": "shm", "address": "Lange Schipstraat 5, 2800 Mechelen", "phone": "015 44 55 66",
        "email": "huurders@woonpunt.be", "contact_person": "Karin Wouters", "open_cases": 1, "cases": 1}
    assert as_json(cli("case", "show", number, "-f", "json"))["landlord"] == {
        "name": "Woonpunt", "type": "shm", "address": "Lange Schipstraat 5, 2800 Mechelen", "phone": "015 44 55 66",
        "email": "huurders@woonpunt.be", "contact_person": "Karin Wouters"}
    assert "Karin Wouters, 015 44 55 66" in cli("case", "show", number).stdout
    for typed, field in (("015 44 55 66", "landlord_phone"), ("+32 15 44 55 66", "landlord_phone"),
                         ("huurders@woonpunt.be", "landlord_email"), ("karin wouters", "landlord_contact"),
                         ("Karin Wotuers", "landlord_contact")):
        found = as_json(cli("case", "find", typed, "-f", "json"))
        assert [(f["case"], f["matched"]) for f in found] == [(number, field)], typed
    # the access export names the landlord as before: their details are not the household's
    assert as_json(cli("case", "export", number, "-f", "json"))["cases"][0]["landlord"] == {
        "name": "Woonpunt", "type": "shm"}
    history = query(None, "SELECT detail FROM history WHERE action = 'landlord'")
    assert history == [("landlord 1 contact details set: address, phone, email, contact_person",)]


def test_a_landlord_list(cli, new_case):
    new_case()
    assert cli("intake", "--track", "pw", "--tenant", "An Claes", "--source", "tenant", "--tenant-informed",
               "--landlord", "Huisbaas Pieters", "--landlord-type", "private", "--no-input").exit_code == 0
    cli("landlord", "edit", "Huisbaas Pieters", "--phone", "0470 11 22 33")
    listed = as_json(cli("landlord", "list", "-f", "json"))
    assert [(row["name"], row["phone"], row["open_cases"]) for row in listed] == [
        ("Huisbaas Pieters", "0470 11 22 33", 1), ("Woonpunt", None, 1)]


@pytest.mark.sqlite_only
def test_a_purge_erases_a_landlords_details_only_once_no_case_left_names_it(cli, new_case, db_path):
    import sqlite3

    first = new_case("--date", "01/10/2026")
    second = new_case("--tenant", "An Claes", "--address", "Elders 2", "--date", "01/10/2026")
    cli("landlord", "edit", "Woonpunt", "--phone", "015-PLANTED-1", "--contact", "PLANTED-CONTACT")
    cli("case", "close", first, "--outcome", "referred", "--date", "10/11/2026")
    assert cli("purge", "--closed-before", "today", "--yes").stderr.startswith("Personal data of 1 case")
    assert as_json(cli("landlord", "show", "Woonpunt", "-f", "json"))["phone"] == "015-PLANTED-1"  # still named
    cli("case", "close", second, "--outcome", "referred", "--date", "11/11/2026")
    assert cli("purge", "--closed-before", "today", "--yes").stderr.startswith("Personal data of 1 case")
    with sqlite3.connect(db_path) as connection:
        dump = "\n".join(connection.iterdump())
    assert "PLANTED" not in dump
    assert as_json(cli("landlord", "show", "Woonpunt", "-f", "json"))["name"] == "Woonpunt"  # an SHM stays known


def test_a_copy_to_a_team_database_carries_the_identity(cli, new_case, tmp_path):
    number = new_case()
    cli("service", "set", "--name", "Dienst huurbegeleiding", "--place", "Mechelen")
    cli("service", "me", "--name", "An Peeters")
    cli("landlord", "edit", "Woonpunt", "--phone", "015 44 55 66")
    team = str(tmp_path / "team.db")
    assert cli("--db", team, "service", "set", "--name", "Sociale dienst", "--no-input").exit_code == 0
    result = cli("copy", "--to", team, "--merge")
    assert result.exit_code == 0, result.output
    copied = as_json(cli("--db", team, "service", "show", "-f", "json"))
    assert (copied["name"], copied["place"]) == ("Sociale dienst", "Mechelen")  # the team's own name is kept
    assert copied["workers"][0]["name"] == "An Peeters"
    assert as_json(cli("--db", team, "case", "show", number, "-f", "json"))["landlord"]["phone"] == "015 44 55 66"


@pytest.mark.slow
def test_a_document_asks_on_a_terminal_for_what_it_lacks_once_and_keeps_it(cli, db_path, tmp_path):
    pexpect = pytest.importorskip("pexpect")
    from conftest import answer, spawn_huurbeg

    cli("service", "set", "--name", "Dienst huurbegeleiding")
    report = tmp_path / "report.html"
    stopped = spawn_huurbeg(db_path, "stats", "--year", "2026", "--format", "html", "--output", str(report))
    answer(stopped, "The place documents are signed in?", "\x03")  # Ctrl-C: nothing kept, nothing written
    stopped.expect(pexpect.EOF)
    stopped.close()
    assert stopped.exitstatus == 130 and not report.exists()
    assert as_json(cli("service", "show", "-f", "json"))["place"] is None
    child = spawn_huurbeg(db_path, "stats", "--year", "2026", "--format", "html", "--output", str(report))
    child.expect_exact("they are kept for the whole team")
    answer(child, "The place documents are signed in?", " \r")  # nothing visible: asked again
    child.expect_exact("visible text")
    child.send("\x7f" + "Mechelen\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert "Dienst huurbegeleiding Mechelen" in report.read_text(encoding="utf-8")
    assert as_json(cli("service", "show", "-f", "json"))["place"] == "Mechelen"
    again = cli("stats", "--year", "2026", "--format", "html", "--no-input")  # kept: not asked again
    assert again.exit_code == 0 and "Mechelen" in again.stdout


@pytest.mark.parametrize("args, said", [
    (["service", "set", "--organisation", "Sociaal Huis Mechelen", "--email", "huur@mechelen.be", "--signatory",
      "Els Janssens"], "Gegevens van de dienst bewaard: organisatie, e-mail, ondertekenaar."),
    (["service", "me", "--name", "Karim Aït", "--phone", "015 11 22 33"], "naam, telefoon."),
    (["landlord", "edit", "Karel De Smet", "--address", "Bruul 5, 2800 Mechelen", "--contact", "Karel"],
     "Karel De Smet: contactgegevens bewaard: adres, contactpersoon."),
])
def test_what_was_saved_is_named_as_the_screen_labels_it(cli, new_case, args, said):
    new_case("--landlord", "Karel De Smet", "--landlord-type", "private")
    result = cli(*args, env={"HUURBEG_LANG": "nl"})
    assert result.exit_code == 0, result.output
    assert said in result.stderr, result.stderr
    assert "--" not in result.stderr.split(":", 1)[1] and "organisation" not in result.stderr
