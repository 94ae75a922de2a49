"""Letters on the service's paper: to the landlord, the tenant and the court, and the FBU agreement.

Each is written to PDF and into a Word template made here, read back (pypdf, python-docx), and
checked for what it must hold and for what must never leave the service: planted markers in every
stored field of the case, and of another household.
"""

import hashlib
import io
import json
import shutil
import stat
import subprocess
import zipfile

import pytest

from conftest import assert_one_line_error, on_a_terminal, snapshot

SERVICE = ["service", "set", "--name", "Dienst huurbegeleiding", "--organisation", "Sociaal Huis Mechelen",
           "--address", "Grote Markt 21, 2800 Mechelen", "--phone", "015 29 76 00",
           "--email", "huurbegeleiding@mechelen.be", "--signatory", "Els Janssens", "--place", "Mechelen"]
ME = ["service", "me", "--name", "Karim Aït", "--phone", "015 11 22 33", "--email", "karim@mechelen.be"]
SECRETS = {
    "note": "SECRET-CASE-NOTE", "contact": "SECRET-CONTACT-NOTE", "referral": "SECRET-REFERRAL-NOTE",
    "phone": "0499 SECRET 77", "national_number": "85073003328", "referrer": "SECRET-REFERRER",
    "close": "SECRET-CLOSE-NOTE", "birth": "1985", "other household": "ANDERE-HUISHOUDEN",
    "other address": "Geheimstraat 99", "attachment note": "SECRET-ATTACHMENT-NOTE",
    "visit minutes": "97 min",
}
"""A distinctive value in every stored field no document for others may hold."""
NEVER = ("psychiatry", "psychiatrie", "referr", "doorverw", "hygiene", "hygiëne", "1.234,56", "103", "€")
"""Words of what is confidential: the referral's destination, a problem the landlord did not raise, money paid."""
PROPOSAL = "Afbetaling van honderd per maand"


@pytest.fixture
def service(cli):
    for args in (SERVICE, ME):
        result = cli(*args)
        assert result.exit_code == 0, result.output


@pytest.fixture
def planted(cli, tmp_path, made_once):
    """The service's details, a case with a distinctive string in every confidential field, and another household
    of the same landlord."""
    return made_once(_planted, cli, tmp_path)


def _planted(cli, tmp_path):
    for args in (SERVICE, ME):
        result = cli(*args)
        assert result.exit_code == 0, result.output

    def run(*args):
        result = cli(*args)
        assert result.exit_code == 0, (args, result.output)
        return result.stdout.strip()

    number = run("intake", "--track", "pw", "--tenant", "Jeanne Dûbois-Éloi", "--address", "Kerkstraat 1, 2800 Mechelen",
                 "--phone", SECRETS["phone"], "--national-number", SECRETS["national_number"],
                 "--birth-date", "30/07/1985", "--source", "landlord", "--referrer", SECRETS["referrer"],
                 "--landlord", "Karel De Smet", "--landlord-type", "private", "--problem", "arrears",
                 "--rent", "650", "--arrears", "1950", "--note", SECRETS["note"],
                 "--tenant-informed", "--consent-tenant", "--consent-landlord", "--date", "01/10/2026", "--no-input")
    run("case", "edit", number, "--problem", "arrears", "--problem", "hygiene")  # found on a visit: not the landlord's
    run("landlord", "edit", "Karel De Smet", "--address", "Bruul 5, 2800 Mechelen", "--contact", "Karel De Smet")
    run("visit", number, "--note", SECRETS["contact"], "--date", "02/10/2026", "--minutes", "97", "--no-input")
    run("refer", number, "--to", "psychiatry", "--note", SECRETS["referral"], "--date", "03/10/2026")
    run("plan", number, "--arrears", "1.234,56", "--force", "--instalment", "103", "--start", "01/11/2026")
    run("plan", "pay", number, "--amount", "103", "--date", "01/11/2026")
    run("plan", "agree", number, "Keuken opruimen", "--due", "+7d")
    run("hearing", "add", number, "--date", "+3d 09:30", "--court", "Vredegerecht Mechelen", "--room", "2",
        "--proposal", PROPOSAL)
    scan = tmp_path / "loonfiche.txt"
    scan.write_text("loonfiche\n", encoding="utf-8")
    run("case", "attach", number, str(scan), "--kind", "income", "--note", SECRETS["attachment note"])
    run("intake", "--track", "pw", "--tenant", SECRETS["other household"], "--address", SECRETS["other address"],
        "--source", "landlord", "--landlord", "Karel De Smet", "--landlord-type", "private", "--tenant-informed",
        "--note", SECRETS["note"] + "-2", "--no-input")
    return number


LETTER_ARGS = {"landlord": [], "tenant": ["--date", "+5d", "--time", "14u30"], "court": []}


def pdf_text(path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def docx_text(path) -> str:
    from docx import Document

    document = Document(path)
    return "\n".join(p.text for p in document.paragraphs)


def make_template(path, fields) -> None:
    """A Word template as a service makes one: a paragraph per field."""
    from docx import Document

    document = Document()
    document.add_heading("Huisstijl", level=1)
    for name in fields:
        document.add_paragraph(f"{name}: {{{{ {name} }}}}")
    document.save(path)


def letter(cli, number, to, output, *extra):
    return cli("letter", number, "--to", to, *LETTER_ARGS[to], "--output", str(output), "--lang", "nl", *extra)


@pytest.mark.parametrize("to", LETTER_ARGS)
def test_each_letter_is_a_pdf_on_the_services_paper(cli, planted, tmp_path, to):
    out = tmp_path / f"{to}.pdf"
    result = letter(cli, planted, to, out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = pdf_text(out)
    for expected in ("Dienst huurbegeleiding", "Sociaal Huis Mechelen", "Grote Markt 21, 2800 Mechelen",
                     "015 29 76 00", "huurbegeleiding@mechelen.be", "Mechelen, 22 november 2026",
                     f"Ons kenmerk: {planted}", "Karim Aït", "015 11 22 33", "karim@mechelen.be", "Els Janssens",
                     "Jeanne Dûbois-Éloi"):
        assert expected in text, (to, expected, text)
    addressed = {"landlord": ("Karel De Smet\nBruul 5\n2800 Mechelen\n", "Geachte heer, mevrouw"),
                 "tenant": ("Jeanne Dûbois-Éloi\nKerkstraat 1\n2800 Mechelen\n", "vrijdag 27/11/2026", "14:30"),
                 "court": ("Aan de vrederechter", "Vredegerecht Mechelen", "25/11/2026", PROPOSAL)}[to]
    for expected in addressed:
        assert expected in text, (to, expected, text)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("to", LETTER_ARGS)
def test_no_confidential_field_and_no_other_household_in_any_letter(cli, planted, tmp_path, to, fmt):
    from huurbeg.output.letters import fields

    out = tmp_path / f"{to}.{fmt}"
    extra = []
    if fmt == "docx":
        make_template(tmp_path / "huisstijl.docx", fields(to))
        extra = ["--template", str(tmp_path / "huisstijl.docx")]
    result = letter(cli, planted, to, out, *extra)
    assert result.exit_code == 0, result.output
    text = pdf_text(out) if fmt == "pdf" else docx_text(out)
    assert "Jeanne Dûbois-Éloi" in text
    for what, secret in SECRETS.items():
        assert secret not in text, (what, text)
    for word in NEVER:
        assert word not in text.lower(), (word, text)
    assert (PROPOSAL in text) == (to == "court")  # the proposal is meant for the court only
    preview = cli("letter", planted, "--to", to, *LETTER_ARGS[to], "--preview", "--lang", "nl")
    for what, secret in SECRETS.items():
        assert secret not in preview.stdout, what


def test_the_fbu_agreement_has_every_party_filled_in(cli, service, tmp_path):
    number = cli("intake", "--track", "pw", "--tenant", "Sara Janssens", "--address", "Kerkstraat 1, 2800 Mechelen",
                 "--source", "tenant", "--landlord", "Karel De Smet", "--landlord-type", "private", "--rent", "650",
                 "--arrears", "1950", "--note", SECRETS["note"], "--tenant-informed", "--date", "01/10/2026",
                 "--no-input").stdout.strip()
    assert cli("plan", "fbu", number, "--signed", "05/11/2026", "--instalment", "200", "--start", "01/12/2026",
               "--no-input").exit_code == 0
    out = tmp_path / "overeenkomst.pdf"
    result = cli("plan", "fbu", number, "--document", "--output", str(out), env={"HUURBEG_LANG": "nl"})
    assert result.exit_code == 0, result.output
    text = pdf_text(out)
    for expected in ("BEGELEIDINGSOVEREENKOMST", "Sociaal Huis Mechelen", "Els Janssens", "Opgemaakt te Mechelen",
                     "Sara Janssens", "Karel De Smet", "€ 975,00", "Dienst huurbegeleiding", number):
        assert expected in text, (expected, text)
    assert "____________" not in text.split("Opgemaakt te")[0]  # every party named, no line left to fill
    assert SECRETS["note"] not in text
    files = cli("case", "files", number, "--format", "json")
    assert '"letter"' in files.stdout and "overeenkomst.pdf" in files.stdout


def test_a_word_template_is_filled_with_the_fields(cli, planted, tmp_path):
    template = tmp_path / "huisstijl.docx"
    make_template(template, ["service_name", "addressee", "addressee_address", "reference", "body", "worker_name"])
    out = tmp_path / "brief.docx"
    result = letter(cli, planted, "landlord", out, "--template", str(template))
    assert result.exit_code == 0, result.output
    text = docx_text(out)
    assert "service_name: Dienst huurbegeleiding" in text
    assert f"reference: {planted}" in text
    assert "addressee_address: Bruul 5\n2800 Mechelen" in text  # over two lines, as in the envelope's window
    assert "Keuken opruimen" in text and "{{" not in text
    assert zipfile.ZipFile(out).testzip() is None


@pytest.mark.parametrize("template, contains", [
    ("not-a-docx", "not a Word document"),
    ("unknown-field", "fields a letter to the landlord does not have: favourite_colour"),
    ("broken", "not a valid template"),
    ("missing", "is not a file"),
])
def test_a_bad_template_is_refused_and_nothing_written(cli, planted, tmp_path, db_path, template, contains):
    path = tmp_path / "huisstijl.docx"
    if template == "not-a-docx":
        path.write_text("{{ tenant }}", encoding="utf-8")
    elif template == "unknown-field":
        make_template(path, ["tenant", "favourite_colour"])
    elif template == "broken":
        make_template(path, ["tenant"])
        from docx import Document

        document = Document(path)
        document.add_paragraph("{% if tenant %} never closed")
        document.save(path)
    before = snapshot(db_path)
    out = tmp_path / "brief.docx"
    result = letter(cli, planted, "landlord", out, "--template", str(path))
    assert_one_line_error(result, contains=contains)
    assert "--template" in result.stderr
    assert snapshot(db_path) == before
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".huurbeg-output-")]  # no half-written file


@pytest.mark.parametrize("args, contains", [
    (["--to", "landlord", "--output", "{missing}/brief.pdf"], "no directory"),
    (["--to", "landlord", "--output", "{tmp}/brief.pdf", "--template", "{tmp}/huisstijl.docx"], "--template"),
    (["--to", "landlord", "--output", "{tmp}/brief.docx"], "--template"),
    (["--to", "landlord"], "--output"),
    (["--to", "neighbour", "--output", "{tmp}/brief.pdf"], "landlord, tenant, court"),
    (["--to", "tenant", "--output", "{tmp}/brief.pdf", "--time", "14:00"], "--date"),
    (["--to", "tenant", "--output", "{tmp}/brief.pdf", "--date", "+1d"], "--time"),
    (["--to", "tenant", "--output", "{tmp}/brief.pdf", "--date", "+1d", "--time", "25:00"], "--time"),
    (["--to", "tenant", "--output", "{tmp}/brief.pdf", "--date", "-1d", "--time", "10:00"], "past"),
    (["--to", "tenant", "--output", "{tmp}/brief.pdf", "--date", "29/11/2026", "--time", "21:00"],
     "--date: Sunday 29/11/2026 is a Sunday or a public holiday; give --force"),
    (["--to", "tenant", "--output", "{tmp}/brief.pdf", "--date", "25/12/2026", "--time", "10:00"],
     "public holiday"),
    (["--to", "tenant", "--output", "{tmp}/brief.pdf", "--date", "+1d", "--time", "7u30"],
     "--time: 07:30 is outside 08:00-20:00; give --force"),
    (["--to", "tenant", "--preview", "--date", "+1d", "--time", "22:00"], "--time: 22:00 is outside"),
    (["--to", "landlord", "--output", "{tmp}/brief.pdf", "--time", "10:00"], "--time: only for an invitation"),
    (["--to", "landlord", "--output", "{tmp}/brief.pdf", "--lang", "fr"], "--lang"),
])
def test_bad_input_is_one_line_and_nothing_is_written(cli, planted, tmp_path, db_path, args, contains):
    given = [a.format(tmp=tmp_path, missing=tmp_path / "nowhere") for a in args]
    before = snapshot(db_path)
    result = cli("letter", planted, *given)
    assert_one_line_error(result, contains=contains)
    assert snapshot(db_path) == before
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".pdf", ".docx") or p.name.startswith(".huurbeg")]


def test_an_invitation_on_a_day_without_its_year_that_fell_next_year_is_refused(cli, planted, tmp_path, db_path):
    before = snapshot(db_path)
    result = cli("letter", planted, "--to", "tenant", "--output", str(tmp_path / "brief.pdf"), "--date", "20/11",
                 "--time", "10:00")  # 20/11 was two days ago
    assert result.exit_code == 4, result.output
    error, read_as = result.stderr.strip().splitlines()
    assert error == ("huurbeg: error: --date: Saturday 20/11/2027 is more than three months ahead; give --force to "
                     "record it anyway")
    assert read_as == "20/11 is Saturday 20/11/2027."
    assert snapshot(db_path) == before and not list(tmp_path.glob("*.pdf"))


def test_an_invitation_asked_about_is_made_with_force(cli, planted, tmp_path):
    out = tmp_path / "uitnodiging.pdf"
    result = cli("letter", planted, "--to", "tenant", "--date", "29/11/2026", "--time", "19:00", "--output", str(out),
                 "--lang", "nl", "--force")
    assert result.exit_code == 0, result.output
    assert "zondag 29/11/2026" in pdf_text(out)


def test_a_closed_case_and_a_case_without_landlord_are_refused(cli, service, new_case, tmp_path, db_path):
    closed = new_case()
    assert cli("case", "close", closed, "--outcome", "referred").exit_code == 0
    crisis = cli("intake", "--track", "crisis", "--source", "police", "--tenant", "Familie Maes",
                 "--tenant-informed", "--no-input").stdout.strip()
    before = snapshot(db_path)
    assert_one_line_error(cli("letter", closed, "--to", "landlord", "--output", str(tmp_path / "a.pdf")),
                          contains="closed")
    assert_one_line_error(cli("letter", crisis, "--to", "landlord", "--output", str(tmp_path / "b.pdf")),
                          contains="has no landlord")
    assert_one_line_error(cli("letter", crisis, "--to", "court", "--output", str(tmp_path / "c.pdf")),
                          contains="has no hearing")
    assert snapshot(db_path) == before
    assert not list(tmp_path.glob("*.pdf"))


def test_the_court_is_told_nothing_without_the_tenants_consent(cli, service, tmp_path, db_path):
    """A case opened from the court's own notice has no consent yet: the note, which says the household
    agreed, is refused until the consent is recorded; a room typed as "zaal 2" is named once."""
    number = cli("intake", "--track", "ogp", "--source", "court", "--tenant", "Familie Maes", "--no-input").stdout.strip()
    assert cli("hearing", "add", number, "--date", "+3d 09:30", "--court", "Vredegerecht Mechelen",
               "--room", "zaal 2").exit_code == 0
    before = snapshot(db_path)
    assert_one_line_error(cli("letter", number, "--to", "court", "--output", str(tmp_path / "c.pdf")),
                          contains="consent")
    assert snapshot(db_path) == before and not list(tmp_path.glob("*.pdf"))
    assert cli("case", "consent", number, "--tenant").exit_code == 0
    preview = cli("letter", number, "--to", "court", "--preview")
    assert preview.exit_code == 0, preview.output
    assert "room 2" in preview.stdout and "zaal zaal" not in preview.stdout and "room zaal" not in preview.stdout


def test_missing_service_details_are_named_without_a_terminal(cli, new_case, tmp_path, db_path):
    number = new_case()
    assert cli("landlord", "edit", "Woonpunt", "--address", "Bruul 5, 2800 Mechelen").exit_code == 0  # the case's first
    before = snapshot(db_path)
    result = cli("letter", number, "--to", "landlord", "--output", str(tmp_path / "a.pdf"))
    assert_one_line_error(result, contains="--name --organisation --address")
    assert snapshot(db_path) == before


def test_the_preview_shows_exactly_what_the_letter_holds_and_writes_nothing(cli, planted, tmp_path, db_path):
    import json

    from huurbeg.output.letters import fields

    files = cli("case", "files", planted, "--format", "json").stdout
    preview = cli("letter", planted, "--to", "landlord", "--preview", "--lang", "nl", env={"HUURBEG_LANG": "nl"})
    assert preview.exit_code == 0, preview.output
    assert cli("case", "files", planted, "--format", "json").stdout == files  # nothing kept
    history = json.loads(cli("case", "history", planted, "--format", "json").stdout)
    assert [h["detail"] for h in history if h["action"] in ("read", "letter")][-3:] == [
        "case files", "letter preview", "case files"]  # the read of the dossier, and nothing else
    assert not list(tmp_path.glob("*.pdf"))
    labels = [LABELS_NL[name] for name in fields("landlord")]
    width = max(map(len, labels))
    lines = preview.stdout.splitlines()[1:]
    shown = [line[:width].rstrip() for line in lines if line and not line[0].isspace()]
    assert shown == labels  # every field, in the declared order, in the reader's words, and nothing else
    out = tmp_path / "brief.pdf"
    assert letter(cli, planted, "landlord", out).exit_code == 0
    text = " ".join(pdf_text(out).split())
    for line in lines:
        value = line[width + 2:].strip()
        if value and not line.startswith(("Huurder", "Begeleiding", "Afbetalingsplan", "Volgende stap", "Adres van de huurder")):
            assert " ".join(value.split()) in text, value


LABELS_NL = {
    "service_name": "Dienst", "service_organisation": "Organisatie", "service_address": "Adres van de dienst",
    "service_phone": "Telefoon van de dienst", "service_email": "E-mail van de dienst", "signatory": "Ondertekend door",
    "place": "Plaats", "date": "Datum", "reference": "Referentie", "worker_name": "Begeleider",
    "worker_phone": "Telefoon van de begeleider", "worker_email": "E-mail van de begeleider",
    "addressee": "Geadresseerde", "addressee_address": "Adres van de geadresseerde", "subject": "Onderwerp",
    "salutation": "Aanhef", "body": "Tekst", "closing": "Slotformule", "tenant": "Huurder",
    "tenant_address": "Adres van de huurder", "support": "Begeleiding", "support_since": "Begeleiding sinds",
    "payment_plan": "Afbetalingsplan", "next_step": "Volgende stap",
}


@pytest.mark.parametrize("lang, first, absent", [("nl", "Dienst", "service_name"), ("en", "Service", "service_name")])
def test_the_preview_names_the_fields_in_the_readers_words(cli, planted, lang, first, absent):
    """A preview is read by a person: each field in the reader's words, never the template's key."""
    preview = cli("letter", planted, "--to", "tenant", "--preview", "--date", "+1d", "--time", "10u",
                  env={"HUURBEG_LANG": lang})
    assert preview.exit_code == 0, preview.output
    lines = preview.stdout.splitlines()
    assert lines[1].startswith(first)
    assert not any(line.startswith(absent) or line.startswith("appointment_") for line in lines)


def test_a_letter_is_kept_in_the_dossier_and_in_its_history(cli, planted, tmp_path):
    import json

    out = tmp_path / "brief.pdf"
    result = letter(cli, planted, "landlord", out)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # said at a terminal only (tests/test_output_files.py): under cron a success is no mail
    files = json.loads(cli("case", "files", planted, "--format", "json").stdout)
    kept = files[-1]
    assert (kept["kind"], kept["name"], kept["type"]) == ("letter", "brief.pdf", "application/pdf")
    assert kept["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    again = tmp_path / "again.pdf"
    assert cli("case", "file", planted, str(kept["id"]), "--output", str(again)).exit_code == 0
    assert again.read_bytes() == out.read_bytes()
    history = json.loads(cli("case", "history", planted, "--format", "json").stdout)
    made = [h for h in history if h["action"] == "letter"]
    assert [h["detail"] for h in made] == ["letter to the landlord made (PDF), kept as document 2"]
    dutch = cli("case", "history", planted, env={"HUURBEG_LANG": "nl", "COLUMNS": "200"}).stdout
    assert "brief aan de verhuurder gemaakt (PDF), bewaard als document 2" in dutch


def test_the_fields_a_template_may_use_are_listed_and_documented(cli):
    from pathlib import Path

    from huurbeg.output.letters import OWN, COMMON

    result = cli("letter", "--fields")
    assert result.exit_code == 0, result.output
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for name in {*COMMON, *(n for own in OWN.values() for n in own)}:
        assert name in result.stdout, name
        assert f"`{name}`" in readme, name


def test_documents_are_dutch_by_default_and_english_on_request(cli, planted, tmp_path, monkeypatch):
    monkeypatch.delenv("HUURBEG_LANG")
    dutch = cli("letter", planted, "--to", "landlord", "--preview")
    assert "Geachte heer, mevrouw," in dutch.stdout and "Met vriendelijke groeten," in dutch.stdout
    english = cli("letter", planted, "--to", "landlord", "--preview", "--lang", "en")
    assert "Dear Sir or Madam," in english.stdout and "Kind regards," in english.stdout
    error = cli("letter", planted, "--to", "landlord", env={"HUURBEG_LANG": "nl"})
    assert_one_line_error(error, contains="--output")
    assert "huurbeg: fout:" in error.stderr


def test_a_logo_is_on_the_letterhead(cli, planted, tmp_path):
    png = tmp_path / "logo.png"
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
                    + chunk(b"IDAT", zlib.compress(b"\x00" + b"\xff\x00\x00" * 2 + b"\x00" + b"\x00\x00\xff" * 2))
                    + chunk(b"IEND", b""))
    assert cli("service", "set", "--logo", str(png)).exit_code == 0
    out = tmp_path / "brief.pdf"
    assert letter(cli, planted, "landlord", out).exit_code == 0
    from pypdf import PdfReader

    assert PdfReader(out).pages[0].images, "no logo drawn"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed here; "
                                                                 "the text of every PDF is still read back above")
def test_page_one_renders_as_an_image(cli, planted, tmp_path):
    out = tmp_path / "brief.pdf"
    assert letter(cli, planted, "landlord", out).exit_code == 0
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")],
                   check=True, capture_output=True)
    [image] = tmp_path.glob("page*.png")
    data = image.read_bytes()
    assert data.startswith(b"\x89PNG")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (331, 468)  # A4 at 40 dpi: 210 x 297 mm
    assert len(set(io.BytesIO(data).read())) > 50  # not a blank page


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_stored_text_is_written_literally(cli, service, tmp_path, fmt):
    """Markup, XML and control characters in a stored name stay characters on the page; nothing is said but
    what was done (no font warning on stderr)."""
    hostile = "Jan [red]x[/red] **vet** <w:t>&amp; \x1b[2J\x07 \u202e"
    number = cli("intake", "--track", "pw", "--tenant", hostile, "--source", "tenant", "--landlord", hostile,
                 "--landlord-type", "private", "--tenant-informed", "--no-input").stdout.strip()
    assert cli("landlord", "edit", hostile, "--address", "Bruul 5, 2800 Mechelen").exit_code == 0
    out = tmp_path / f"brief.{fmt}"
    extra = []
    if fmt == "docx":
        make_template(tmp_path / "huisstijl.docx", ["addressee", "tenant"])
        extra = ["--template", str(tmp_path / "huisstijl.docx")]
    result = letter(cli, number, "landlord", out, *extra)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    text = pdf_text(out) if fmt == "pdf" else docx_text(out)
    assert "Jan [red]x[/red] **vet** <w:t>&amp;" in " ".join(text.split())
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text


def fbu_case(cli, *extra) -> str:
    number = cli("intake", "--track", "pw", "--tenant", "Sara Janssens", "--address", "Kerkstraat 1, 2800 Mechelen",
                 "--source", "tenant", "--landlord", "Karel De Smet", "--landlord-type", "private", "--rent", "650",
                 "--arrears", "1950", "--tenant-informed", "--date", "01/10/2026", "--no-input", *extra).stdout.strip()
    assert cli("landlord", "edit", "Karel De Smet", "--address", "Bruul 5, 2800 Mechelen").exit_code == 0
    return number


def pdf_fonts(path) -> set[str]:
    from pypdf import PdfReader

    return {str(font["/BaseFont"]) for page in PdfReader(path).pages
            for font in page["/Resources"]["/Font"].values()}


@pytest.mark.parametrize("instalment, pages", [("200", 2), ("40", 2)])  # 5 instalments, and 25 of them
def test_the_fbu_agreement_is_set_in_the_letters_font_and_signed_below_its_text(cli, service, tmp_path, instalment,
                                                                               pages):
    from pypdf import PdfReader

    number = fbu_case(cli)
    assert cli("plan", "fbu", number, "--signed", "05/11/2026", "--instalment", instalment, "--start", "01/12/2026",
               "--no-input").exit_code == 0
    out = tmp_path / "overeenkomst.pdf"
    assert cli("plan", "fbu", number, "--document", "--output", str(out), env={"HUURBEG_LANG": "nl"}).exit_code == 0
    assert not [font for font in pdf_fonts(out) if "Mono" in font]
    texts = [page.extract_text() for page in PdfReader(out).pages]
    assert len(texts) == pages
    signing = [text for text in texts if "Opgemaakt te Mechelen" in text]
    assert len(signing) == 1 and "Artikel 6" in signing[0] and "De huurder" in signing[0], texts
    flowing = " ".join(" ".join(texts).split())
    assert "met adres Bruul 5, 2800 Mechelen" in flowing
    assert "OCMW" not in flowing and "De dienst betaalt" in flowing and "Voor Sociaal Huis Mechelen" in flowing


def test_the_fbu_agreement_of_a_dissolved_lease_is_refused_unless_forced_and_made_with_a_warning(cli, service, tmp_path,
                                                                                            db_path):
    number = fbu_case(cli)
    assert cli("hearing", "add", number, "--date", "20/11/2026 09:30", "--court",
               "Vredegerecht Mechelen").exit_code == 0
    assert cli("hearing", "outcome", number, "--result", "dissolved").exit_code == 0
    before = snapshot(db_path)
    refused = cli("plan", "fbu", number, "--signed", "21/11/2026", "--instalment", "200", "--start", "01/12/2026",
                  "--no-input", env={"HUURBEG_LANG": "nl"})
    assert_one_line_error(refused, code=4, contains="de vrederechter heeft de huurovereenkomst op 20/11/2026 ontbonden")
    assert snapshot(db_path) == before  # nothing recorded: not the agreement, not its plan
    assert cli("plan", "fbu", number, "--signed", "21/11/2026", "--instalment", "200", "--start", "01/12/2026",
               "--no-input", "--force").exit_code == 0
    for extra in ([], ["--output", str(tmp_path / "overeenkomst.pdf")]):
        made = cli("plan", "fbu", number, "--document", *extra, env={"HUURBEG_LANG": "nl"})
        assert made.exit_code == 0, made.output
        assert "de vrederechter heeft de huurovereenkomst op 20/11/2026 ontbonden" in made.stderr


@pytest.mark.parametrize("stored, lines", [
    ("Kerkstraat 11, 2800 Mechelen", ["Kerkstraat 11", "2800 Mechelen"]),
    ("Kerkstraat 11 bus 2 2800 Mechelen", ["Kerkstraat 11 bus 2", "2800 Mechelen"]),
    ("Residentie Zon, Kerkstraat 11, B-2800 Mechelen", ["Residentie Zon, Kerkstraat 11", "B-2800 Mechelen"]),
    ("Kerkstraat 11\n2800 Mechelen", ["Kerkstraat 11", "2800 Mechelen"]),  # stored over lines: kept
    ("Kerkstraat 11", ["Kerkstraat 11"]), ("Steenweg 2800", ["Steenweg 2800"]), ("", []),
])
def test_an_address_goes_over_lines_in_the_envelopes_window(stored, lines):
    from huurbeg.output.letters import postal_lines

    assert postal_lines(stored) == lines


@pytest.mark.parametrize("consents, said", [
    ([], "de begeleiding start zodra huurder en verhuurder allebei hun toestemming gaven"),
    (["--consent-tenant"], "de begeleiding start zodra ook u uw toestemming gaf"),
    (["--consent-tenant", "--consent-landlord"], "De dienst huurbegeleiding begeleidt uw huurder sinds"),
])
def test_a_landlord_is_told_support_runs_only_once_both_consented(cli, service, tmp_path, consents, said):
    """PW starts only with the consent of tenant and landlord: until then the letter and the report say the tenant
    was registered, never that support runs."""
    number = cli("intake", "--track", "pw", "--tenant", "Marie Dubois", "--source", "tenant", "--tenant-informed",
                 "--landlord", "Woonpunt Gent", "--landlord-type", "shm", *consents, "--no-input").stdout.strip()
    assert cli("landlord", "edit", "Woonpunt Gent", "--address", "Sint-Pietersplein 1, 9000 Gent").exit_code == 0
    out = tmp_path / "brief.pdf"
    made = cli("letter", number, "--to", "landlord", "--output", str(out), "--lang", "nl")
    assert made.exit_code == 0, made.output
    assert said in " ".join(pdf_text(out).split())
    report = cli("case", "report", number, "--for", "landlord", env={"HUURBEG_LANG": "nl"})
    assert said in " ".join(report.stdout.split())


def test_a_letter_named_without_a_suffix_is_written_as_a_pdf_with_pdf_added(cli, planted, tmp_path):
    result = letter(cli, planted, "landlord", tmp_path / "brief-desmet")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "brief-desmet").exists()
    assert (tmp_path / "brief-desmet.pdf").read_bytes().startswith(b"%PDF-")
    code, read = on_a_terminal(["letter", planted, "--to", "landlord", "--output", "brief-desmet"],
                               {"COLUMNS": "500"}, tmp_path)  # the path on one line
    assert code == 0, read
    assert read.splitlines()[-1] == f"Written to {tmp_path / 'brief-desmet.pdf'}.", read


def test_a_worker_who_signs_for_the_service_signs_the_letter_once(cli, new_case, tmp_path):
    for args in (SERVICE[:-4] + ["--signatory", "Karim Aït", "--place", "Mechelen"], ME):
        assert cli(*args).exit_code == 0
    number = new_case()
    assert cli("landlord", "edit", "Woonpunt", "--address", "Bruul 5, 2800 Mechelen").exit_code == 0
    out = tmp_path / "brief.pdf"
    result = cli("letter", number, "--to", "landlord", "--output", str(out), "--lang", "nl")
    assert result.exit_code == 0, result.output
    signed = pdf_text(out).split("Met vriendelijke groeten,")[-1]
    assert signed.count("Karim Aït") == 1, signed
    assert "huurbegeleider" in signed and "voor Sociaal Huis Mechelen" in signed, signed


SALUTATIONS = {"landlord": "Geachte heer, mevrouw,", "tenant": "Beste Jeanne Dûbois-Éloi,",
               "court": "Geachte vrederechter,"}


@pytest.mark.parametrize("to", LETTER_ARGS)
def test_every_letter_has_its_subject_above_the_salutation(cli, planted, tmp_path, to):
    """One layout for every letter, a Belgian letter's: the subject after Betreft:, then the salutation, then
    the text; the court's hearing, time and room are in the subject, not in a line under the salutation."""
    out = tmp_path / f"{to}.pdf"
    assert letter(cli, planted, to, out).exit_code == 0
    text = pdf_text(out)
    head, salutation, rest = text.partition(SALUTATIONS[to])
    assert salutation and head.count("Betreft:") == 1 and "Betreft:" not in rest, text
    assert head.index("Ons kenmerk") < head.index("Betreft:"), text
    if to == "court":
        assert "zitting van 25/11/2026 om 09:30, zaal 2" in " ".join(head.split()), text


@pytest.mark.parametrize("to", LETTER_ARGS)
@pytest.mark.parametrize("signatory, title", [("Karim Aït", "huurbegeleider"),
                                              ("Karim Aït, huurbegeleider", "huurbegeleider"),
                                              ("karim  aït (teamverantwoordelijke)", "teamverantwoordelijke")])
def test_a_signatory_stored_with_a_title_after_the_name_signs_once(cli, planted, tmp_path, to, signatory, title):
    """The worker who is the service's signatory, stored with the name alone or with a title after it, signs
    every letter once: the name, the title, and for whom."""
    assert cli("service", "set", "--signatory", signatory).exit_code == 0
    out = tmp_path / f"{to}.pdf"
    assert letter(cli, planted, to, out).exit_code == 0
    signed = pdf_text(out).split("Met vriendelijke groeten,")[-1]
    assert signed.split() == ["Karim", "Aït", *title.split(), "voor", "Sociaal", "Huis", "Mechelen"], signed


def test_another_person_who_signs_for_the_service_has_a_block_of_their_own(cli, planted, tmp_path):
    assert cli("service", "set", "--signatory", "Karim Aïtouna").exit_code == 0  # another name, not a title
    out = tmp_path / "court.pdf"
    assert letter(cli, planted, "court", out).exit_code == 0
    signed = pdf_text(out).split("Met vriendelijke groeten,")[-1]
    assert "Karim Aïtouna" in signed and signed.replace("Karim Aïtouna", "").count("Karim Aït") == 1, signed


@pytest.mark.slow
def test_the_worker_asked_for_their_name_is_offered_the_services_signatory(cli, new_case, db_path, tmp_path):
    pexpect = pytest.importorskip("pexpect")
    from conftest import answer, spawn_huurbeg

    assert cli(*SERVICE[:-4], "--signatory", "Karim Aït", "--place", "Mechelen").exit_code == 0
    number = new_case()
    assert cli("landlord", "edit", "Woonpunt", "--address", "Bruul 5, 2800 Mechelen").exit_code == 0
    out = tmp_path / "brief.pdf"
    child = spawn_huurbeg(db_path, "letter", number, "--to", "landlord", "--output", str(out))
    answer(child, "Your name as it is signed?", "\r")  # the signatory's name is in the input: Enter takes it
    answer(child, "Your phone number?", "015 11 22 33\r")
    answer(child, "Your e-mail address?", "karim@mechelen.be\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    import json

    shown = json.loads(cli("service", "show", "-f", "json").stdout)
    assert [w["name"] for w in shown["workers"] if w["worker"] == shown["me"]] == ["Karim Aït"]


def test_a_letter_to_a_landlord_without_an_address_is_refused_without_a_terminal(cli, service, new_case, tmp_path,
                                                                                 db_path):
    number = new_case()
    before = snapshot(db_path)
    out = tmp_path / "brief.pdf"
    result = cli("letter", number, "--to", "landlord", "--output", str(out))
    assert_one_line_error(result, contains="huurbeg landlord edit NAME --address")
    assert "address" in result.output and number in result.output
    assert snapshot(db_path) == before and not out.exists()


@pytest.mark.slow
def test_a_landlords_address_is_asked_for_on_a_terminal_and_kept(cli, service, new_case, db_path, tmp_path):
    pexpect = pytest.importorskip("pexpect")
    from conftest import answer, spawn_huurbeg

    number = new_case()
    out = tmp_path / "brief.pdf"
    child = spawn_huurbeg(db_path, "letter", number, "--to", "landlord", "--output", str(out))
    answer(child, "Landlord's address?", "Bruul 5, 2800 Mechelen\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert "Woonpunt\nBruul 5\n2800 Mechelen\n" in pdf_text(out)
    import json

    assert json.loads(cli("landlord", "show", "Woonpunt", "-f", "json").stdout)["address"] == "Bruul 5, 2800 Mechelen"


CONSENTS = {"none": [], "tenant": ["--consent-tenant"], "landlord": ["--consent-landlord"],
            "both": ["--consent-tenant", "--consent-landlord"]}


def _told_everything(cli, new_case, consents: list[str]) -> str:
    """A PW case the landlord registered, with an agreement and a payment plan, and these consents."""
    number = new_case(*consents)
    for args in (["plan", number, "--arrears", "1.234,56", "--instalment", "103", "--start", "today", "--no-input"],
                 ["plan", "agree", number, "Keuken poetsen", "--due", "+2w"]):
        done = cli(*args)
        assert done.exit_code == 0, done.output
    return number


@pytest.mark.parametrize("consent", list(CONSENTS))
def test_before_the_tenants_consent_the_landlord_hears_only_of_the_registration(cli, new_case, service, tmp_path,
                                                                                consent):
    """PW: both must consent to support (the seed, "Beide partijen moeten instemmen"); the tenant's secrecy is
    released by the tenant's consent, so before it the landlord is told only that the household was registered,
    in the report (text and json) and in the letter alike; after it, the state of affairs."""
    number = _told_everything(cli, new_case, CONSENTS[consent])
    assert cli("landlord", "edit", "Woonpunt", "--address", "Sint-Pietersplein 1, 9000 Gent").exit_code == 0
    data = json.loads(cli("case", "report", number, "--for", "landlord", "-f", "json").stdout)
    text = " ".join(cli("case", "report", number, "--for", "landlord").stdout.split())
    out = tmp_path / "brief.pdf"
    made = cli("letter", number, "--to", "landlord", "--output", str(out))
    assert made.exit_code == 0, made.output
    letter = " ".join(pdf_text(out).split())
    told = {"problems": "Problems you reported: arrears", "agreement": "Keuken poetsen", "plan": "Payment plan:",
            "next step": "Next step:"}
    if consent in ("none", "landlord"):
        assert (data["problems_reported_by_landlord"], data["agreements"], data["payment_plan"],
                data["next_step"], data["fbu_agreement"]) == ([], [], None, None, None)
        for said in (text, letter):
            assert "registered with the tenancy-support service" in said
            assert "starts once tenant and landlord have both consented" in said
            for what, line in told.items():
                assert line not in said, what
    else:
        assert data["problems_reported_by_landlord"] == ["arrears"] and data["payment_plan"] == "on-track"
        for said in (text, letter):
            for what, line in told.items():
                assert line in said, what
        waiting = "starts once you have consented as well"
        assert (waiting in text, waiting in letter) == ((consent == "tenant",) * 2)


@pytest.mark.slow
@pytest.mark.parametrize("to, setup, refusal", [
    ("court", "notice", "consent"), ("landlord", "crisis", "has no landlord"), ("court", "crisis", "has no hearing")])
def test_a_letter_that_cannot_go_asks_nothing_of_the_service_first(cli, db_path, tmp_path, to, setup, refusal):
    """On a terminal with no service details yet, a letter the case's rules refuse says so before any question
    about the service or the worker: those answers would be asked only to be thrown away."""
    pexpect = pytest.importorskip("pexpect")
    from conftest import spawn_huurbeg

    args = ["--track", "ogp", "--source", "court", "--tenant", "Familie Maes"] if setup == "notice" else \
        ["--track", "crisis", "--source", "tenant", "--tenant", "Familie Maes", "--tenant-informed"]
    number = cli("intake", *args, "--no-input").stdout.strip()
    if setup == "notice":
        assert cli("hearing", "add", number, "--date", "+3d 09:30", "--court", "Vredegerecht Mechelen").exit_code == 0
    before = snapshot(db_path)
    child = spawn_huurbeg(db_path, "letter", number, "--to", to, "--output", str(tmp_path / "brief.pdf"))
    child.expect(pexpect.EOF)
    child.close()
    shown = " ".join((child.before or "").split())
    assert child.exitstatus != 0 and refusal in shown, shown
    assert "?" not in shown.replace("(y/N)", "")  # no question was asked
    assert snapshot(db_path) == before and not list(tmp_path.glob("*.pdf"))


def test_the_landlord_is_told_the_support_began_when_both_had_consented(cli, new_case, service, tmp_path):
    """PW support starts with the later of the two consents: before it the landlord reads only the registration
    date, after it the day support began, not the registration's."""
    number = new_case("--date", "-10d")
    assert cli("landlord", "edit", "Woonpunt", "--address", "Sint-Pietersplein 1, 9000 Gent").exit_code == 0
    report = lambda: json.loads(cli("case", "report", number, "--for", "landlord", "-f", "json").stdout)  # noqa: E731
    assert (report()["support"]["since"], report()["support"]["registered"]) == (None, "2026-11-12")
    preview = cli("letter", number, "--to", "landlord", "--preview").stdout
    assert "12/11/2026" in preview and "running since" not in preview
    assert cli("case", "consent", number, "--tenant", "--date", "-5d").exit_code == 0
    assert cli("case", "consent", number, "--landlord", "--date", "-3d").exit_code == 0
    assert report()["support"]["since"] == "2026-11-19"
    out = tmp_path / "brief.pdf"
    assert letter(cli, number, "landlord", out).exit_code == 0
    said = " ".join(pdf_text(out).split())
    assert "sinds 19/11/2026" in said and "12/11/2026" not in said, said  # the service writes in Dutch
