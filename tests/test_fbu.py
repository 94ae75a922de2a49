"""`huurbeg plan fbu`: an FBU guidance agreement recorded, followed up, printed and counted, through the CLI."""

import json
import os
import stat

import pytest

from pexpect import EOF

from conftest import assert_one_line_error, query, snapshot

FBU_INTAKE = ["intake", "--track", "pw", "--tenant", "Sara Janssens", "--address", "Molenstraat 5, 2800 Mechelen",
              "--source", "tenant", "--landlord", "Karel De Smet", "--landlord-type", "private",
              "--problem", "arrears", "--arrears", "1950", "--rent", "650", "--tenant-informed",
              "--consent-tenant", "--consent-landlord", "--date", "2026-10-01", "--note", "VERTROUWELIJK: schulden",
              "--no-input"]
SIGN = ["--signed", "05/11/2026", "--instalment", "200", "--start", "01/12/2026"]


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def open_case(cli, *changes: str) -> str:
    args = list(FBU_INTAKE)
    for change in changes:  # "--flag=value" replaces the flag's value
        flag, value = change.split("=", 1)
        args[args.index(flag) + 1] = value
    result = cli(*args)
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


@pytest.fixture
def signed(cli):
    number = open_case(cli)
    result = cli("plan", "fbu", number, *SIGN)
    assert result.exit_code == 0, result.output
    return number, result


def warnings(cli, day, prefix="fbu"):
    found = as_json(cli("deadlines", "-f", "json", "--as-of", day, "--within", "0"))
    return [(w["rule"], w["severity"], w["due"]) for w in found if w["rule"].startswith(prefix)]


def test_done_when_1950_arrears_on_650_rent(cli, signed):
    number, result = signed
    # 10 working days after Thursday 05/11/2026, skipping the weekends and 11 November
    assert ("FBU agreement signed 05/11/2026: advance of € 975,00 to the landlord due 20/11/2026; "
            "balance of € 975,00 in a payment plan of 5 instalments.") in result.stderr
    plan = as_json(cli("plan", "show", number, "-f", "json"))
    assert (plan["arrears"], plan["instalment"], plan["standing"]) == (975.0, 200.0, "on-track")
    assert [(i["due"], i["amount"]) for i in plan["instalments"]] == [
        ("2026-12-01", 200.0), ("2027-01-01", 200.0), ("2027-02-01", 200.0), ("2027-03-01", 200.0),
        ("2027-04-01", 175.0)]


def test_the_agreement_is_stored_with_its_plan(cli, signed, db_path):
    number, _ = signed
    [row] = query(db_path, "SELECT signed_date, arrears_cents, rent_cents, advance_cents, advance_due, paid_date, "
                           "filed_date, plan_id = (SELECT id FROM payment_plan WHERE status = 'active') "
                           "FROM fbu_agreement")
    assert row == ("2026-11-05", 195000, 65000, 97500, "2026-11-20", None, None, 1)
    details = [h["detail"] for h in as_json(cli("case", "history", number, "-f", "json"))]
    assert "FBU agreement 1 signed 2026-11-05: advance of 975.00 EUR due 2026-11-20, balance in payment plan 1" \
        in details


def test_warnings_when_the_advance_or_the_filing_is_late(cli, signed):
    number, _ = signed
    assert warnings(cli, "17/11/2026") == []
    assert warnings(cli, "18/11/2026") == [("fbu-advance-unpaid", "warning", "2026-11-20")]
    assert warnings(cli, "23/11/2026") == [("fbu-advance-unpaid", "overdue", "2026-11-20"),
                                           ("fbu-not-filed", "warning", "2026-11-20")]
    assert cli("plan", "fbu-paid", number, "--date", "19/11/2026").exit_code == 0
    assert warnings(cli, "23/11/2026") == [("fbu-not-filed", "warning", "2026-11-20")]
    result = cli("plan", "fbu-filed", number, "--date", "yesterday")
    assert result.exit_code == 0, result.output
    assert warnings(cli, "23/11/2026") == []
    assert query(None, "SELECT paid_date, filed_date FROM fbu_agreement") == [("2026-11-19", "2026-11-21")]


def test_a_broken_fbu_plan_is_urgent_and_says_what_the_landlord_must_do(cli, signed):
    number, _ = signed
    assert warnings(cli, "01/02/2027", "fbu-plan") == [("fbu-plan-broken", "urgent", "2027-02-15")]
    [row] = as_json(cli("case", "list", "-f", "json", "--as-of", "01/02/2027"))
    assert row["severity"] == "overdue"  # the advance was never paid: more pressing still
    cli("plan", "fbu-paid", number, "--date", "19/11/2026")
    cli("plan", "fbu-filed", number, "--date", "19/11/2026")
    [row] = as_json(cli("case", "list", "-f", "json", "--as-of", "01/02/2027"))
    assert row["severity"] == "urgent"
    assert "give the service at least 2 weeks" in row["warning"]
    assert "FBU plan broken on 01/02/2027" in row["warning"]


def test_the_agreement_text_for_signing_in_dutch(cli, signed, monkeypatch):
    number, _ = signed
    monkeypatch.delenv("HUURBEG_LANG")  # the Flemish agreement is Dutch unless English is asked for
    result = cli("plan", "fbu", number, "--document")
    assert result.exit_code == 0, result.output
    text = result.stdout
    flowing = " ".join(text.split())  # the paragraphs are wrapped to the page: read them as one line
    for expected in ("BEGELEIDINGSOVEREENKOMST", "Fonds ter Bestrijding van Uithuiszettingen", f"Dossier {number}",
                     "de huurder: Sara Janssens", "wonende te Molenstraat 5, 2800 Mechelen",
                     "de verhuurder: Karel De Smet (private verhuurder)", "huurprijs bedraagt € 650,00",
                     "huurachterstal vast op € 1.950,00", "voorschot van € 975,00", "uiterlijk op 20/11/2026",
                     "saldo van € 975,00 aan de verhuurder af in 5 maandelijkse afbetalingen:",
                     "minstens 2 weken", "geen vordering tot uithuiszetting", "op 05/11/2026, in drie exemplaren"):
        assert expected in flowing, expected
    for expected in ("\n    1.  01/12/2026      € 200,00\n", "\n    5.  01/04/2027      € 175,00\n"):
        assert expected in text, expected  # the schedule keeps its columns
    assert "VERTROUWELIJK" not in text and "schulden" not in text  # no confidential notes
    history = as_json(cli("case", "history", number, "-f", "json"))
    assert any(h["action"] == "read" and "FBU" in h["detail"] for h in history)


def test_the_agreement_text_in_english_to_a_file(cli, signed, tmp_path):
    number, _ = signed
    target = tmp_path / "agreement.txt"
    result = cli("plan", "fbu", number, "--document", "--output", str(target), env={"HUURBEG_LANG": "en"})
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    text = target.read_text(encoding="utf-8")
    flowing = " ".join(text.split())
    assert "GUIDANCE AGREEMENT" in text and "the tenant: Sara Janssens" in text
    assert "advance of € 975,00" in flowing and "by 20/11/2026" in flowing and "at least 2 weeks" in flowing
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_agreement_fits_a_page_of_80_columns(cli, lang):
    number = open_case(cli, "--tenant=Anna-Maria Vandenbroucke-Vanhoutteghem",
                       "--address=Sint-Jan-Baptiststraat 123 bus 45, 9000 Gent (achterbouw, tweede verdieping)",
                       "--landlord=Immobiliën Van Den Bossche en Vandewalle Beheer NV")
    assert cli("plan", "fbu", number, *SIGN).exit_code == 0
    text = cli("plan", "fbu", number, "--document", env={"HUURBEG_LANG": lang}).stdout
    assert max(len(line) for line in text.splitlines()) <= 80
    parties = text[text.index("2. "):text.index("\n\n", text.index("2. "))].splitlines()
    assert all(line.startswith(("2. ", "3. ", "   ")) for line in parties)  # a party's lines under its number
    for amount in ("€ 650,00", "€ 1.950,00", "€ 975,00"):  # an amount is never split over two lines
        assert amount in text


def test_one_instalment_is_singular_in_both_languages(cli):
    number = open_case(cli)
    assert cli("plan", "fbu", number, "--signed", "05/11/2026", "--instalment", "975", "--start",
               "01/12/2026").exit_code == 0
    dutch = " ".join(cli("plan", "fbu", number, "--document", env={"HUURBEG_LANG": "nl"}).stdout.split())
    english = " ".join(cli("plan", "fbu", number, "--document", env={"HUURBEG_LANG": "en"}).stdout.split())
    assert "af in 1 maandelijkse afbetaling:" in dutch and "(en)" not in dutch
    assert "in 1 monthly instalment:" in english and "instalment(s)" not in english


def test_the_agreement_follows_the_language_asked_not_the_screen(cli, signed, monkeypatch):
    number, _ = signed
    monkeypatch.delenv("HUURBEG_LANG")
    english_screen = cli("plan", "fbu", number, "--document", env={"LANG": "en_GB.UTF-8", "LC_ALL": ""}).stdout
    assert english_screen.startswith("BEGELEIDINGSOVEREENKOMST\n")  # Dutch, the Flemish agreement's language
    assert "Artikel 6 - Verbintenissen van de dienst" in english_screen


def test_the_file_of_a_refused_agreement_is_not_written(cli, tmp_path):
    number = open_case(cli, "--landlord-type=shm", "--landlord=Woonpunt")
    target = tmp_path / "overeenkomst.txt"
    target.write_text("kept\n", encoding="utf-8")
    result = cli("plan", "fbu", number, *SIGN, "--document", "--output", str(target))
    assert_one_line_error(result, code=4, contains="not an SHM")
    assert target.read_text(encoding="utf-8") == "kept\n"


def test_stored_text_cannot_break_the_document(cli):
    number = open_case(cli, "--tenant=Eva\nArtikel 9 - vals\x1b[2J")
    assert cli("plan", "fbu", number, *SIGN).exit_code == 0
    text = cli("plan", "fbu", number, "--document").stdout
    assert "\x1b" not in text
    assert not any(line.startswith("Artikel 9") for line in text.splitlines())


def test_the_advance_is_capped_by_the_signing_year(cli, db_path):
    number = open_case(cli, "--arrears=3900")  # 6 x 650: half is 1.950, above the 2026 maximum
    result = cli("plan", "fbu", number, "--signed", "05/11/2026", "--instalment", "300", "--start", "01/12/2026")
    assert "advance of € 1.482,00" in result.stderr and "balance of € 2.418,00" in result.stderr


def test_an_agreed_lower_advance_and_a_forced_higher_one(cli, db_path):
    number = open_case(cli)
    assert cli("plan", "fbu", number, *SIGN, "--advance", "900").exit_code == 0
    assert query(db_path, "SELECT advance_cents FROM fbu_agreement") == [(90000,)]
    other = open_case(cli, "--tenant=Ander")
    result = cli("plan", "fbu", other, *SIGN, "--advance", "1000", "--force")
    assert result.exit_code == 0, result.output
    history = as_json(cli("case", "history", other, "-f", "json"))
    assert any("recorded with --force" in h["detail"] for h in history)


BAD = [
    (["--rent=0"], SIGN, 4, "rent of the case is unknown"),
    (["--landlord-type=shm", "--landlord=Woonpunt"], SIGN, 4, "needs a private landlord or an SVK, not an SHM"),
    (["--arrears=1.299,99"], SIGN, 4, "outside the FBU range of 2 to 6 times the rent"),
    (["--arrears=3.900,01"], SIGN, 4, "outside the FBU range of 2 to 6 times the rent"),
    ([], SIGN + ["--advance", "975,01"], 4, "--advance: € 975,01 is more than the fund allows"),
    ([], ["--signed", "23/11/2026", "--instalment", "200", "--start", "01/12/2026"], 2,
     "--signed: cannot be in the future"),
    ([], ["--signed", "05/11/2026", "--instalment", "976", "--start", "01/12/2026"], 2,
     "--instalment: cannot be larger than the balance of € 975,00"),
    ([], ["--signed", "05/11/2026", "--start", "01/12/2026"], 2, "--instalment: required"),
    ([], ["--instalment", "200"], 2, "--signed: required"),
    ([], ["--signed", "30/09/2026", "--instalment", "200", "--start", "01/12/2026"], 2,
     "--signed: cannot be before the registration date (01/10/2026)"),
    ([], SIGN + ["--output", "x.txt"], 2, "--output: goes with --document"),
    ([], SIGN + ["--day", "32"], 2, "--day: use a day of the month from 1 to 31"),
]


@pytest.mark.parametrize("intake, flags, code, message", BAD)
def test_bad_input_names_the_rule_and_writes_nothing(cli, db_path, intake, flags, code, message):
    number = open_case(cli, *intake)
    before = snapshot(db_path)
    assert_one_line_error(cli("plan", "fbu", number, *flags), code=code, contains=message)
    assert snapshot(db_path) == before


def test_unknown_rent_when_no_rent_was_given(cli, db_path):
    args = [a for a in FBU_INTAKE if a not in ("--rent", "650")]
    number = cli(*args).stdout.strip()
    before = snapshot(db_path)
    assert_one_line_error(cli("plan", "fbu", number, *SIGN), code=4, contains="rent: the monthly rent")
    assert snapshot(db_path) == before


def test_a_second_agreement_on_an_active_one_is_refused(cli, signed, db_path):
    number, _ = signed
    before = snapshot(db_path)
    assert_one_line_error(cli("plan", "fbu", number, *SIGN), code=4,
                          contains="already has an active FBU agreement, signed 05/11/2026")
    assert snapshot(db_path) == before
    assert cli("plan", "pay", number, "--amount", "975").exit_code == 0  # plan paid off: the agreement is over
    assert cli("plan", "fbu", number, *SIGN).exit_code == 0


def test_a_mistaken_agreement_is_withdrawn_and_can_be_recorded_again(cli, signed, db_path):
    number, _ = signed
    cli("plan", "fbu-paid", number, "--date", "19/11/2026")
    before = snapshot(db_path)
    assert_one_line_error(cli("plan", "fbu-remove", number), code=2, contains="--reason")
    assert snapshot(db_path) == before
    result = cli("plan", "fbu-remove", number, "--reason", "signing date mistyped")
    assert result.exit_code == 0, result.output
    assert f"{number}: FBU agreement 1 removed; its payment plan stays" in result.stderr
    assert warnings(cli, "23/11/2026") == []  # neither the advance nor the filing is asked for any more
    assert fbu_figures(cli, "--month", "2026-11") == {
        "fbu_agreements_signed": 0, "fbu_advances_paid": 0, "fbu_advances_paid_amount": 0.0,
        "fbu_agreements_filed": 0, "fbu_plans_broken": 0}
    assert fbu_figures(cli, "--month", "2027-02")["fbu_plans_broken"] == 0
    assert warnings(cli, "01/02/2027", "instalment") == [("instalment-unpaid", "urgent", "2026-12-01")]
    assert as_json(cli("case", "show", number, "-f", "json"))["fbu_agreement"] is None
    assert as_json(cli("plan", "show", number, "-f", "json"))["arrears"] == 975.0  # the plan of the balance stays
    details = [h["detail"] for h in as_json(cli("case", "history", number, "-f", "json"))]
    assert "FBU agreement 1 (signed 2026-11-05) removed; reason: signing date mistyped" in details
    dutch = cli("case", "history", number, env={"HUURBEG_LANG": "nl", "COLUMNS": "200"}).stdout
    assert "FBU-overeenkomst 1 (ondertekend op 05/11/2026) ingetrokken" in dutch
    assert_one_line_error(cli("plan", "fbu-remove", number, "--reason", "twice"), code=3,
                          contains="has no FBU agreement")
    assert_one_line_error(cli("plan", "fbu", number, "--document"), code=3, contains="has no FBU agreement")
    again = cli("plan", "fbu", number, "--signed", "06/11/2026", "--instalment", "200", "--start", "01/12/2026")
    assert again.exit_code == 0, again.output
    assert "due 23/11/2026" in again.stderr
    assert fbu_figures(cli, "--month", "2026-11")["fbu_agreements_signed"] == 1
    assert query(db_path, "SELECT count(*) FROM fbu_agreement WHERE removed_at IS NOT NULL") == [(1,)]


def test_follow_up_errors(cli, signed, db_path):
    number, _ = signed
    other = open_case(cli, "--tenant=Ander")
    before = snapshot(db_path)
    assert_one_line_error(cli("plan", "fbu-paid", other), code=3, contains="has no FBU agreement")
    assert_one_line_error(cli("plan", "fbu-paid", number, "--date", "04/11/2026"), code=2,
                          contains="before the agreement was signed (05/11/2026)")
    assert_one_line_error(cli("plan", "fbu-filed", number, "--date", "tomorrow"), code=2, contains="future")
    assert_one_line_error(cli("plan", "fbu", other, "--document"), code=3, contains="has no FBU agreement")
    assert snapshot(db_path) == before
    assert cli("plan", "fbu-paid", number).exit_code == 0
    assert_one_line_error(cli("plan", "fbu-paid", number), code=4, contains="already paid on 22/11/2026")


def fbu_figures(cli, *period):
    rows = as_json(cli("stats", *period, "-f", "json"))
    return {r["figure"]: r["value"] for r in rows if r["figure"].startswith("fbu")}


def test_the_months_fbu_figures(cli, signed, db_path):
    number, _ = signed
    other = open_case(cli, "--tenant=Ander", "--arrears=1400", "--rent=700")
    assert cli("plan", "fbu", other, "--signed", "10/10/2026", "--instalment", "100", "--start", "01/11/2026",
               env={"HUURBEG_TODAY": "2026-10-10"}).exit_code == 0
    cli("plan", "fbu-paid", number, "--date", "19/11/2026")
    cli("plan", "fbu-paid", other, "--date", "20/11/2026")
    cli("plan", "fbu-filed", number, "--date", "21/11/2026")
    assert fbu_figures(cli, "--month", "2026-11") == {
        "fbu_agreements_signed": 1, "fbu_advances_paid": 2, "fbu_advances_paid_amount": 1675.0,
        "fbu_agreements_filed": 1, "fbu_plans_broken": 0}
    assert fbu_figures(cli, "--month", "2026-10")["fbu_agreements_signed"] == 1
    # the other plan (from 01/11/2026) breaks on 01/01/2027, ours on 01/02/2027
    cli("plan", "pay", other, "--amount", "300", "--date", "15/01/2027", env={"HUURBEG_TODAY": "2027-01-15"})
    broken = {month: fbu_figures(cli, "--month", month)["fbu_plans_broken"]
              for month in ("2026-12", "2027-01", "2027-02", "2027-03")}
    assert broken == {"2026-12": 0, "2027-01": 1, "2027-02": 1, "2027-03": 0}
    assert fbu_figures(cli, "--year", "2027")["fbu_plans_broken"] == 2
    csv_rows = cli("stats", "--month", "2026-11", "-f", "csv").stdout.splitlines()
    assert "2026-11,fbu_advances_paid_amount,,1675.00" in csv_rows
    table = cli("stats", "--month", "2026-11").stdout
    assert "FBU advances paid amount" in table and "€ 1.675,00" in table


def test_every_period_has_the_same_fbu_rows(cli):
    open_case(cli)
    empty = as_json(cli("stats", "--month", "2026-11", "-f", "json"))
    assert [r["figure"] for r in empty if r["figure"].startswith("fbu")] == [
        "fbu_agreements_signed", "fbu_advances_paid", "fbu_advances_paid_amount", "fbu_agreements_filed",
        "fbu_plans_broken"]


def test_a_copy_to_a_team_database_keeps_the_agreement_and_its_plan(cli, tmp_path):
    solo = str(tmp_path / "solo.db")
    cli("--db", solo, *FBU_INTAKE)
    cli("--db", solo, "plan", "new", "2026-0001", "--arrears", "500", "--instalment", "100", "--start", "01/11/2026")
    cli("--db", solo, "plan", "fbu", "2026-0001", *SIGN)  # replaces the first plan
    cli("--db", solo, "plan", "fbu-paid", "2026-0001", "--date", "19/11/2026")
    result = cli("--db", solo, "copy", "--to", os.environ["HUURBEG_DB"])
    assert result.exit_code == 0, result.output
    for db in ([], ["--db", solo]):
        case = as_json(cli(*db, "case", "show", "2026-0001", "-f", "json"))
        assert case["fbu_agreement"]["paid"] == "2026-11-19"
        assert case["payment_plan"]["arrears"] == 975.0  # the agreement's plan, not the replaced one
    assert cli("stats", "--month", "2026-11", "-f", "csv").stdout == \
        cli("--db", solo, "stats", "--month", "2026-11", "-f", "csv").stdout


@pytest.mark.sqlite_only
def test_an_old_database_gets_the_empty_agreements_table(cli, tmp_path):
    import shutil
    from pathlib import Path

    old = tmp_path / "old.db"
    shutil.copy(Path(__file__).parent / "data" / "schema-0001.db", old)
    assert cli("--db", str(old), "case", "list").exit_code == 0
    assert query(old, "SELECT count(*) FROM fbu_agreement") == [(0,)]
    assert cli("--db", str(old), "stats", "--year", "2026", "-f", "json").exit_code == 0


def test_the_landlord_report_tells_the_agreement_without_amounts(cli, signed):
    number, _ = signed
    text = cli("case", "report", number, "--for", "landlord").stdout
    text = " ".join(text.split())  # the letter wraps its lines
    assert "FBU guidance agreement signed 05/11/2026: the advance due 20/11/2026 is not paid yet." in text
    cli("plan", "fbu-paid", number, "--date", "19/11/2026")
    data = as_json(cli("case", "report", number, "--for", "landlord", "-f", "json"))
    assert data["fbu_agreement"] == {"signed": "2026-11-05", "advance_due": "2026-11-20", "advance_paid": "2026-11-19"}
    assert "€" not in cli("case", "report", number, "--for", "landlord").stdout


def test_the_courtroom_brief_shows_the_agreement(cli, signed):
    number, _ = signed
    cli("hearing", "add", number, "--date", "+3d 09:30", "--court", "Vredegerecht Mechelen", "--petition-date", "-2d")
    brief = cli("hearing", "brief", number)
    assert brief.exit_code == 0, brief.output
    text = " ".join(brief.stdout.replace("│", " ").split())
    assert "guidance agreement signed 05/11/2026; advance € 975,00 due 20/11/2026, not paid" in text
    assert "give the service 2 weeks before a claim" in text
    data = as_json(cli("hearing", "brief", number, "-f", "json"))
    assert data["fbu_agreement"]["advance"] == 975.0 and data["fbu_agreement"]["paid"] is None


def on_a_terminal(*args):
    import sys

    import pexpect

    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", NO_COLOR="1")
    return pexpect.spawn(sys.executable, ["-m", "huurbeg", *args], env=env, encoding="utf-8", timeout=20,
                         dimensions=(40, 120))


QUESTIONS = {  # what a worker reads on a terminal, in each language: every question in it
    "en": ("Case {number}: Sara Janssens; arrears € 1.950,00, monthly rent € 650,00.", "Signed on?",
           "Advance of € 975,00 due 20/11/2026; the tenant pays off € 975,00.",
           "Monthly instalment on the balance (euros)?", "Start of the payment plan?"),
    "nl": ("Dossier {number}: Sara Janssens; huurachterstal € 1.950,00, maandhuur € 650,00.", "Ondertekend op?",
           "Voorschot van € 975,00 te betalen tegen 20/11/2026; de huurder betaalt € 975,00 af.",
           "Maandelijkse afbetaling op het saldo (euro)?", "Start van het afbetalingsplan?"),
}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_on_a_terminal_the_missing_values_are_asked(cli, db_path, monkeypatch, lang):
    number = open_case(cli)
    monkeypatch.setenv("HUURBEG_LANG", lang)
    whose, signed_on, advance, instalment, start = QUESTIONS[lang]
    child = on_a_terminal("plan", "fbu", number)
    child.expect_exact(whose.format(number=number))
    child.expect_exact(signed_on)
    child.send("\x7f" * 10 + "05/11/2026\r")
    child.expect_exact(advance)
    child.expect_exact(instalment)
    child.send("200\r")
    child.expect_exact(start)
    child.send("\x7f" * 10 + "01/12/2026\r")
    child.expect(EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert query(db_path, "SELECT signed_date, advance_cents FROM fbu_agreement") == [("2026-11-05", 97500)]


@pytest.mark.slow
def test_on_a_terminal_an_instalment_above_the_balance_is_refused_at_its_question(cli, db_path):
    number = open_case(cli)
    child = on_a_terminal("plan", "fbu", number)
    child.expect_exact("Signed on?")
    child.send("\x7f" * 10 + "05/11/2026\r")
    child.expect_exact("Monthly instalment on the balance (euros)?")
    child.send("976")
    child.expect_exact("cannot be larger than the balance of € 975,00 left after the advance")
    child.send("\x7f" * 3 + "0,5\r")
    child.expect_exact("too small")  # 1.950 instalments: more than a plan can have
    child.send("\x7f" * 3 + "200\r")
    child.expect_exact("Start of the payment plan?")
    child.send("\x7f" * 10 + "01/12/2026\r")
    child.expect(EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert query(db_path, "SELECT instalment_cents FROM payment_plan") == [(20000,)]


@pytest.mark.slow
def test_on_a_terminal_a_condition_stops_before_the_plan_is_asked(cli, db_path):
    number = open_case(cli, "--landlord-type=shm", "--landlord=Woonpunt")
    before = snapshot(db_path)
    child = on_a_terminal("plan", "fbu", number)
    child.expect_exact("Signed on?")
    child.send("\r")
    child.expect_exact("not an SHM")
    child.expect(EOF)
    child.close()
    assert child.exitstatus == 4 and "Monthly instalment" not in child.before
    assert snapshot(db_path) == before


def test_without_a_terminal_nothing_is_asked(cli, db_path):
    number = open_case(cli)
    assert_one_line_error(cli("plan", "fbu", number), code=2, contains="--signed: required")


def test_a_withdrawn_payment_leaves_the_broken_plan_figure(cli, signed):
    number, _ = signed
    cli("plan", "pay", number, "--amount", "400", "--date", "15/01/2027", env={"HUURBEG_TODAY": "2027-01-15"})
    assert fbu_figures(cli, "--month", "2027-02")["fbu_plans_broken"] == 0  # December and January paid
    result = cli("plan", "payment-remove", number, "1", "--reason", "entered on the wrong case",
                 env={"HUURBEG_TODAY": "2027-01-16"})
    assert result.exit_code == 0, result.output
    assert fbu_figures(cli, "--month", "2027-02")["fbu_plans_broken"] == 1
    assert warnings(cli, "01/02/2027", "fbu-plan") == [("fbu-plan-broken", "urgent", "2027-02-15")]
