"""Small things of everyday entry: the number of what was just recorded, what 'this week' means, the
household's address after a move, the questions a PW intake without a landlord asks, its summary."""

import json

import pytest

from conftest import answer, assert_one_line_error, snapshot, spawn_huurbeg
from conftest import finish


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def test_refer_prints_the_referral_number_that_refer_outcome_takes(cli, new_case):
    number = new_case()
    ok(cli("refer", number, "--to", "ocmw"))
    result = ok(cli("refer", number, "--to", "cgg"))
    assert result.stdout == "2\n"
    assert f"{number}: referral 2 to cgg" in result.stderr
    ok(cli("refer", "outcome", number, result.stdout.strip(), "--result", "accepted"))
    rows = json.loads(cli("refer", "list", number, "-f", "json").stdout)
    assert [(r["id"], r["to"], r["outcome"]) for r in rows] == [(1, "ocmw", None), (2, "cgg", "accepted")]


def test_refer_in_dutch_names_the_number(cli, new_case):
    number = new_case()
    result = ok(cli("refer", number, "--to", "ocmw", env={"HUURBEG_LANG": "nl"}))
    assert f"{number}: doorverwijzing 1 naar OCMW" in result.stderr


pytest.importorskip("pexpect")


@pytest.mark.slow
@pytest.mark.sqlite_only
@pytest.mark.parametrize("command, said", [
    (["plan", "agree", "{n}", "Keuken poetsen", "--due", "+2w"], "agreement 1 (tenant) due 06/12/2026"),
    (["refer", "{n}", "--to", "ocmw"], "referral 1 to ocmw")])
def test_on_a_terminal_the_number_is_printed_once(cli, new_case, db_path, command, said):
    number = new_case()
    child = spawn_huurbeg(db_path, *[part.format(n=number) for part in command])
    assert finish(child) == 0, child.before
    assert said in child.before
    assert [line.strip() for line in child.before.splitlines()].count("1") == 0, child.before  # no bare number


@pytest.mark.parametrize("lang, title", [("en", "Hearings in the next 7 days (today to 28/11/2026)"),
                                         ("nl", "Zittingen de komende 7 dagen (vandaag tot 28/11/2026)")])
def test_the_overview_says_which_days_its_hearings_are(cli, new_case, lang, title):
    number = new_case()
    ok(cli("hearing", "add", number, "--date", "+3d 09:30", "--court", "Vredegerecht Mechelen"))
    result = ok(cli(env={"HUURBEG_LANG": lang, "COLUMNS": "120"}))
    assert title in result.stdout, result.stdout


@pytest.fixture
def dwellings(cli):
    ok(cli("transfer", "dwelling", "add", "DW-1", "--kind", "transit", "--address", "Doorstroomstraat 1, 2800 Mechelen"))
    ok(cli("transfer", "dwelling", "add", "CR-1", "--kind", "crisis"))


def address(cli, number):
    return json.loads(ok(cli("case", "show", number, "-f", "json")).stdout)["tenant"]["address"]


def test_admitted_the_household_lives_at_the_dwelling_and_leaves_for_its_new_address(cli, new_case, dwellings):
    number = new_case()
    result = ok(cli("transfer", "in", number, "--dwelling", "DW-1"))
    assert "new address is recorded" in result.stderr
    assert address(cli, number) == "Doorstroomstraat 1, 2800 Mechelen"
    ok(cli("transfer", "out", number, "--destination", "regular-market", "--address", "Nieuwstraat 4, 2800 Mechelen",
           "--keep-open"))
    assert address(cli, number) == "Nieuwstraat 4, 2800 Mechelen"
    history = [e["detail"] for e in json.loads(cli("case", "show", number, "-f", "json").stdout)["timeline"]]
    assert history.count("corrected: address") == 2


def test_address_given_on_admission_and_a_dwelling_without_one(cli, new_case, dwellings):
    number, other = new_case(), new_case("--tenant", "Els Maes", "--address", "Dorp 2, 2800 Mechelen")
    ok(cli("transfer", "in", number, "--dwelling", "DW-1", "--address", "Doorstroomstraat 1 bus 2, 2800 Mechelen"))
    assert address(cli, number) == "Doorstroomstraat 1 bus 2, 2800 Mechelen"
    result = ok(cli("transfer", "in", other, "--dwelling", "CR-1"))  # no address known: the household's stays
    assert "new address" not in result.stderr and address(cli, other) == "Dorp 2, 2800 Mechelen"


@pytest.mark.parametrize("value", ["", "  ", "\u200b"])
def test_an_empty_new_address_is_refused_and_nothing_is_written(cli, new_case, dwellings, db_path, value):
    number = new_case()
    before = snapshot(db_path)
    assert_one_line_error(cli("transfer", "in", number, "--dwelling", "DW-1", "--address", value), code=2,
                          contains="--address")
    assert snapshot(db_path) == before


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_on_a_terminal_transfer_in_offers_the_dwelling_address(cli, new_case, dwellings, db_path):
    number = new_case()
    child = spawn_huurbeg(db_path, "transfer", "in", number, "--dwelling", "DW-1")
    answer(child, "The household's new address? (Enter: Doorstroomstraat 1, 2800 Mechelen)", "\r")
    assert finish(child) == 0, child.before
    assert address(cli, number) == "Doorstroomstraat 1, 2800 Mechelen"


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_on_a_terminal_transfer_out_asks_the_new_address(cli, new_case, dwellings, db_path):
    number = new_case()
    ok(cli("transfer", "in", number, "--dwelling", "DW-1"))
    child = spawn_huurbeg(db_path, "transfer", "out", number, "--destination", "family", lang="nl")
    answer(child, "Het nieuwe adres van het gezin?", "Kerkstraat 9, 2800 Mechelen\r")
    answer(child, "Het dossier afsluiten met resultaat", "n\r")
    assert finish(child) == 0, child.before
    assert address(cli, number) == "Kerkstraat 9, 2800 Mechelen"


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_transfer_out_no_input_asks_nothing_on_a_terminal(cli, new_case, dwellings, db_path):
    number = new_case()
    ok(cli("transfer", "in", number, "--dwelling", "DW-1"))
    child = spawn_huurbeg(db_path, "transfer", "out", number, "--destination", "family", "--no-input")
    assert finish(child) == 0, child.before
    assert "?" not in child.before
    record = json.loads(cli("case", "show", number, "-f", "json").stdout)
    assert (record["status"], record["tenant"]["address"]) == ("open", "Doorstroomstraat 1, 2800 Mechelen")


@pytest.mark.slow
@pytest.mark.sqlite_only
@pytest.mark.parametrize("lang, landlord, consent", [("en", "Woonpunt (shm)", "tenant yes, landlord no"),
                                                     ("nl", "Woonpunt (SHM)", "huurder ja, verhuurder nee")])
def test_the_intake_summary_shows_the_landlord_as_stored_and_the_consents(cli, new_case, db_path, lang, landlord,
                                                                          consent):
    new_case()  # Woonpunt is known, as an SHM
    child = spawn_huurbeg(db_path, "intake", "--track", "pw", "--tenant", "Els Maes", "--source", "tenant",
                          "--tenant-informed", "--address", "", "--phone", "", "--birth-date", "30/07/1985",
                          "--national-number", "85073003328", "--adults", "1", "--children", "0", "--landlord", "WOONPUNT",
                          "--problem", "hygiene", "--date", "today", "--note", "", lang=lang)
    answer(child, "tenant consented" if lang == "en" else "huurder ingestemd", "y\r")
    answer(child, "landlord consented" if lang == "en" else "verhuurder ingestemd", "n\r")
    for shown in (landlord, consent):
        child.expect_exact(shown)
    answer(child, "Register this case?" if lang == "en" else "Dit dossier registreren?", "\r")
    assert finish(child) == 0, child.before


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_a_pw_intake_without_a_landlord_does_not_ask_the_landlords_consent(cli, db_path):
    child = spawn_huurbeg(db_path, "intake", "--track", "pw", "--tenant", "Els Maes", "--source", "tenant",
                          "--tenant-informed", "--address", "", "--phone", "", "--birth-date", "30/07/1985",
                          "--national-number", "85073003328", "--adults", "1", "--children", "0", "--landlord", "",
                          "--problem", "hygiene", "--date", "today")
    answer(child, "Has the tenant consented", "y\r")
    child.expect_exact("Note (confidential)?")
    assert "landlord consented" not in child.before
    child.send("\r")
    child.expect_exact("tenant yes")
    answer(child, "Register this case?", "\r")
    assert finish(child) == 0, child.before


# --- a known landlord typed in part is offered -----------------------------------------------------------------

@pytest.mark.parametrize("typed, offered", [
    ("woonpunt", ["Woonpunt Gent", "Woonpunt Mechelen"]), ("GENT", ["Woonpunt Gent"]), ("Sociale won", ["Sociale Wóningen Mechelen"]),
    ("mechelen", ["Sociale Wóningen Mechelen", "Woonpunt Mechelen"]),  # neither starts with it: by name
    ("woonpunt gent", []),  # the known landlord itself
    ("wo", []), ("Karel De Smet", []),  # too short to mean one; a new landlord
])
def test_the_known_landlords_a_name_typed_in_part_may_mean(typed, offered):
    from huurbeg.domain.casework import landlords_like

    known = ["Woonpunt Gent", "Sociale Wóningen Mechelen", "Woonpunt Mechelen"]
    assert landlords_like(typed, known) == offered


LANDLORD_ASKED = ["intake", "--track", "pw", "--tenant", "Els Maes", "--source", "tenant", "--tenant-informed",
                  "--address", "", "--phone", "", "--birth-date", "30/07/1985", "--national-number", "85073003328",
                  "--adults", "1", "--children", "0", "--problem", "arrears", "--arrears", "500", "--rent", "650",
                  "--date", "today", "--note", "", "--consent-tenant", "--consent-landlord"]


@pytest.mark.slow
@pytest.mark.sqlite_only
@pytest.mark.parametrize("lang, typed, keys, landlord", [
    ("en", "woonpunt", [("Woonpunt Gent?", "\r"), ("Register this case?", "\r")], "Woonpunt Gent"),
    ("nl", "woonpunt", [("Woonpunt Gent?", "\r"), ("Dit dossier registreren?", "\r")], "Woonpunt Gent"),
    ("en", "gent", [("Woonpunt Gent?", "n\r"), ("New landlord: what kind?", "\r"),
                    ("Register this case?", "\r")], "gent"),  # no: a new landlord, as typed
    ("nl", "woonpunt", [("Woonpunt Gent?", "n\r"), ("Nieuwe verhuurder", "\r"),
                        ("Dit dossier registreren?", "\r")], "woonpunt")])
def test_a_known_landlord_typed_in_part_is_offered_as_a_court_is(cli, db_path, lang, typed, keys, landlord):
    made = cli("intake", "--track", "pw", "--tenant", "Jan Peeters", "--address", "Kerkstraat 1, 2800 Mechelen",
               "--source", "landlord", "--landlord", "Woonpunt Gent", "--landlord-type", "shm", "--tenant-informed",
               "--no-input")  # another household, of the landlord known
    assert made.exit_code == 0, made.output
    child = spawn_huurbeg(db_path, *LANDLORD_ASKED, lang=lang)
    answer(child, {"en": "Landlord?", "nl": "Verhuurder?"}[lang], typed + "\r")  # the one question the flags leave
    for question, typed_keys in keys:
        answer(child, question, typed_keys)
    assert finish(child) == 0, child.before
    case = json.loads(cli("case", "show", "2026-0002", "-f", "json").stdout)
    assert case["landlord"]["name"] == landlord


# --- a household already known is said as soon as it can be ---------------------------------------------------

@pytest.mark.slow
@pytest.mark.sqlite_only
@pytest.mark.parametrize("lang, questions, said, keys", [
    ("en", ["informed of this registration?", "Tenant's name?", "Address?", "Phone?", "Birth date"],
     "This household may already be known: case 2026-0001. Go on with this intake?", "n\r"),
    ("nl", ["op de hoogte van deze aanmelding?", "Naam van de huurder?", "Adres?", "Telefoon?", "Geboortedatum"],
     "Dit gezin is misschien al gekend: dossier 2026-0001. Verder met deze aanmelding?", "nee\r")])
def test_a_known_household_is_said_once_its_name_and_birth_date_are_typed(cli, db_path, lang, questions, said, keys):
    from conftest import records

    made = cli("intake", "--track", "pw", "--tenant", "Jan Peeters", "--birth-date", "30/07/1985",
               "--address", "Kerkstraat 1, 2800 Mechelen", "--source", "tenant", "--tenant-informed", "--no-input")
    assert made.exit_code == 0, made.output
    before = records(db_path)
    child = spawn_huurbeg(db_path, "intake", "--track", "pw", "--source", "tenant", lang=lang)
    for question, typed in zip(questions, ["y\r", "jan peeters\r", "Bruul 5, 2800 Mechelen\r", "\r", "30/07/1985\r"]):
        answer(child, question, typed)
    child.expect_exact(said)  # before the national number: the rest is not typed in vain
    assert "Kerkstraat" not in child.before.split("30/07/1985")[-1]  # the case number alone, not whose
    child.send(keys)
    assert finish(child) == 130
    assert "--resume" in child.before  # the answers are kept
    assert records(db_path) == before


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_going_on_after_the_early_word_leads_to_the_usual_question_at_the_end(cli, db_path):
    made = cli("intake", "--track", "pw", "--tenant", "Jan Peeters", "--phone", "0488 11 22 33", "--source",
               "tenant", "--tenant-informed", "--no-input")
    assert made.exit_code == 0, made.output
    child = spawn_huurbeg(db_path, "intake", "--track", "crisis", "--source", "tenant", "--tenant-informed",
                          "--address", "", "--adults", "1",
                          "--children", "0", "--date", "today", "--note", "")
    answer(child, "Tenant's name?", "Jan Peeters\r")
    answer(child, "Phone?", "0488112233\r")
    answer(child, "This household may already be known: case 2026-0001", "\r")  # Enter: go on
    answer(child, "Birth date", "\r")
    answer(child, "National register number?", "\r")
    answer(child, "This household already has open case 2026-0001", "\r")  # which case: still asked at the end
    assert finish(child) == 0, child.before
    assert json.loads(cli("case", "list", "-f", "json").stdout)[0]["case"] == "2026-0001"
