"""Nothing typed is lost: an interactive intake, visit or plan stopped by Ctrl-C or a No keeps its answers,
and `--resume` goes on with them to the same record as a flow that was never stopped; the answers are the
worker's own, last seven days, go with a purge, and never leave the database in a view, figure or export."""

import json
import re

import pytest

from conftest import answer, assert_one_line_error, finish, query, snapshot, spawn_huurbeg
from test_output_files import SAMPLES, casework  # noqa: F401  (the fixture: something for every command)

pexpect = pytest.importorskip("pexpect")

CTRL_C = "\x03"
CASE = "2026-0001"

INTAKE_FLAGS = ["intake", "--track", "pw", "--source", "tenant"]
INTAKE_ANSWERS = [("informed of this registration?", "y\r"), ("Tenant's name?", "Jan Peeters\r"),
                  ("Address?", "Kerkstraat 1, 2800 Mechelen\r"), ("Phone?", "0488 11 22 33\r"),
                  ("Birth date", "30/07/1985\r"), ("National register number?", "85073003328\r"),
                  ("Adults in the household?", "2\r"), ("Children in the household?", "1\r"),
                  ("Landlord?", "Karel De Smet\r"), ("New landlord: what kind?", "\r"), ("Problems?", " \r"),
                  ("Rent arrears in euros?", "1.700\r"), ("Monthly rent in euros?", "650\r"),
                  ("Date of registration?", "\r"), ("tenant consented", "y\r"), ("landlord consented", "y\r"),
                  ("Note (confidential)?", "Drie maanden achter\r")]
VISIT_ANSWERS = [("Kind of contact?", "\r"), ("Did it reach the household", "\r"), ("Minutes spent?", "45\r"),
                 ("Note (confidential)?", "Keuken nat, eigenaar verwittigd\r"), ("Next contact", "+2w\r")]
PLAN_ANSWERS = [("Arrears to pay off", "1200\r"), ("Record it anyway?", "y\r"),  # not the case's 1.234,56
                ("Monthly instalment", "100\r"), ("Start date?", "\r")]


def run_flow(db_path, args, answers, *, then=(), lang=None):
    """Answer `answers`, then `then` (question, keys) pairs; the exit status and what was shown."""
    child = spawn_huurbeg(db_path, *args, lang=lang)
    for question, keys in (*answers, *then):
        answer(child, question, keys)
    code = finish(child)
    return code, child.before or ""


def stopped_at(db_path, args, answers, at: int, *, lang=None) -> str:
    """Answer the questions before `at`, press Ctrl-C at it: the line that says so."""
    child = spawn_huurbeg(db_path, *args, lang=lang)
    for question, keys in answers[:at]:
        answer(child, question, keys)
    child.expect_exact(answers[at][0])
    child.send(CTRL_C)
    assert finish(child) == 130
    return " ".join((child.before or "").split())


def dossier(cli, number=CASE) -> dict:
    shown = json.loads(cli("case", "show", number, "--format", "json").stdout)
    for volatile in ("history", "timeline"):
        shown.pop(volatile, None)
    return shown


def drafts(db_path) -> list[tuple]:
    return query(db_path, "SELECT flow, case_id, answers FROM draft ORDER BY id")


@pytest.fixture
def uninterrupted_intake(cli, db_path):
    """The dossier of the intake typed in one go, on a database of its own."""
    code, _ = run_flow(db_path, INTAKE_FLAGS, INTAKE_ANSWERS, then=[("Register this case?", "\r")])
    assert code == 0
    expected = dossier(cli)
    assert drafts(db_path) == []  # a flow that completes keeps nothing
    db_path.unlink()
    return expected


@pytest.mark.slow
@pytest.mark.sqlite_only
@pytest.mark.parametrize("at", [2, 10, 16])  # the address, the problems, the note: early, middle, last
def test_an_intake_stopped_at_any_question_resumes_to_the_same_case(cli, db_path, uninterrupted_intake, at):
    said = stopped_at(db_path, INTAKE_FLAGS, INTAKE_ANSWERS, at)
    assert "nothing was written, but the answers given are kept for 7 days: huurbeg intake --resume" in said
    assert query(db_path, "SELECT count(*) FROM case_file") == [(0,)]
    assert len(drafts(db_path)) == 1
    code, shown = run_flow(db_path, ["intake", "--resume"], INTAKE_ANSWERS[at:],  # the answers kept are in the
                           then=[("Jan Peeters", ""), ("Register this case?", "\r")])  # summary, to be confirmed
    assert code == 0, shown
    assert dossier(cli) == uninterrupted_intake
    assert drafts(db_path) == []  # used: deleted with the write


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_a_refused_summary_keeps_the_answers_and_a_flag_replaces_one(cli, db_path):
    code, shown = run_flow(db_path, INTAKE_FLAGS, INTAKE_ANSWERS, then=[
        ("Register this case?", "n\r"), ("Which answer do you want to change?", "\x1b[A\r")])  # the last: stop
    assert code == 130
    assert "not registered; nothing was written, but the answers given are kept" in " ".join(shown.split())
    assert query(db_path, "SELECT count(*) FROM case_file") == [(0,)]
    assert len(drafts(db_path)) == 1  # "nothing to change" stops with the answers kept
    code, shown = run_flow(db_path, ["intake", "--resume", "--children", "3"], [],
                           then=[("Register this case?", "\r")])
    assert code == 0, shown
    case = dossier(cli)
    assert case["tenant"]["name"] == "Jan Peeters" and case["tenant"]["children"] == 3
    assert drafts(db_path) == []


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_a_visit_stopped_at_its_last_question_resumes_to_the_same_contact(cli, new_case, db_path):
    number = new_case("--date", "-1m")
    code, _ = run_flow(db_path, ["visit", number, "--date", "-3d"], VISIT_ANSWERS)
    assert code == 0
    expected = cli("visit", "list", number, "--format", "json").stdout
    cli("visit", "remove", number, "1", "--reason", "twice")
    said = stopped_at(db_path, ["visit", number, "--date", "-3d"], VISIT_ANSWERS, 4)  # resumed without --date
    assert f"but the answers given are kept for 7 days: huurbeg visit {number} --resume" in said
    code, _ = run_flow(db_path, ["visit", number, "--resume"], VISIT_ANSWERS[4:],
                       then=[("Keuken nat", ""), ("Log this contact?", "\r")])  # the kept note, shown
    assert code == 0
    contacts = json.loads(cli("visit", "list", number, "--format", "json").stdout)
    assert [{k: v for k, v in c.items() if k != "id"} for c in contacts] == \
        [{k: v for k, v in c.items() if k != "id"} for c in json.loads(expected)]
    assert drafts(db_path) == []


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_on_a_dutch_screen_the_stop_says_so_in_dutch(db_path):
    said = stopped_at(db_path, INTAKE_FLAGS, [("op de hoogte van deze aanmelding?", "j\r"),
                                              ("Naam van de huurder?", "")], 1, lang="nl")
    assert said.endswith("huurbeg: afgebroken; er is niets opgeslagen, maar de gegeven antwoorden worden 7 dagen "
                         "bijgehouden: huurbeg intake --resume gaat ermee verder, en met Nee bij het overzicht pas "
                         "je er een aan")


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_a_plan_refused_at_its_confirmation_is_resumed(cli, new_case, db_path):
    number = new_case("--date", "-1m")
    code, _ = run_flow(db_path, ["plan", number], PLAN_ANSWERS, then=[
        ("Set up this payment plan?", "n\r"), ("Which answer do you want to change?", "\x1b[A\r")])
    assert code == 130
    assert query(db_path, "SELECT count(*) FROM payment_plan") == [(0,)]
    code, shown = run_flow(db_path, ["plan", number, "--resume"], [], then=[("Record it anyway?", "y\r"),
                                                                            ("Set up this payment plan?", "\r")])
    assert code == 0, shown
    assert query(db_path, "SELECT arrears_cents, instalment_cents FROM payment_plan") == [(120000, 10000)]
    assert drafts(db_path) == []


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_resume_without_kept_answers_or_without_a_terminal_is_refused(cli, new_case, db_path):
    number = new_case()
    before = snapshot(db_path)
    code, shown = run_flow(db_path, ["plan", number, "--resume"], [])
    assert code == 3 and "--resume: you have no answers kept of an interrupted payment plan on case" in shown
    assert_one_line_error(cli("intake", "--resume"), code=2, contains="--resume: goes on with the questions")
    assert snapshot(db_path) == before


def keep(db_path, flow, case_id, answers, worker=None, until="2026-11-29"):
    """Answers kept as an interrupted flow leaves them (by this worker unless told)."""
    from conftest import me

    query(db_path, "SELECT 1")  # the file exists
    import sqlite3

    with sqlite3.connect(db_path) as connection:
        connection.execute("INSERT INTO draft (flow, case_id, worker, created_at, updated_at, kept_until, answers) "
                           "VALUES (?, ?, ?, '2026-11-22 10:00:00', '2026-11-22 10:00:00', ?, ?)",
                           (flow, case_id, worker or me(), until, json.dumps(answers)))


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_only_the_worker_who_typed_them_sees_them(cli, new_case, db_path):
    number = new_case()
    keep(db_path, "plan", 1, {"arrears": 120000, "instalment": 10000, "start": "2026-11-22"}, worker="karim")
    code, shown = run_flow(db_path, ["plan", number, "--resume"], [])
    assert code == 3 and "no answers kept" in shown
    assert len(drafts(db_path)) == 1  # a colleague's stay theirs


@pytest.mark.sqlite_only
def test_kept_answers_go_after_seven_days_at_the_next_write(cli, new_case, db_path, monkeypatch):
    new_case()
    keep(db_path, "intake", None, {"tenant": "Jan Peeters"}, until="2026-11-29")
    keep(db_path, "visit", 1, {"note": "x"}, worker="karim", until="2026-11-30")
    monkeypatch.setenv("HUURBEG_TODAY", "2026-11-29")
    cli("visit", CASE, "--note", "a", "--minutes", "5", "--next", "+1w", "--reached", "--kind", "phone")
    assert len(drafts(db_path)) == 2  # the last day they are kept
    monkeypatch.setenv("HUURBEG_TODAY", "2026-11-30")
    cli("case", "list")  # a lookup writes nothing, and deletes nothing
    assert len(drafts(db_path)) == 2
    cli("visit", CASE, "--note", "b", "--minutes", "5", "--next", "+1w", "--reached", "--kind", "phone")
    assert [row[0] for row in drafts(db_path)] == ["visit"]  # the intake's are past their day; karim's not yet


@pytest.mark.sqlite_only
def test_a_purge_erases_every_kept_answer(cli, new_case, db_path):
    new_case()
    keep(db_path, "intake", None, {"tenant": "Jan Peeters"})
    keep(db_path, "visit", 1, {"note": "x"}, worker="karim")
    result = cli("purge", "--closed-before", "01/01/2026", "--yes")
    assert result.exit_code == 0, result.output
    assert drafts(db_path) == []


MARKER = "Zq9Marker"


@pytest.mark.sqlite_only
@pytest.mark.parametrize("command", sorted(SAMPLES))
def test_kept_answers_are_in_no_view_figure_or_export(cli, casework, db_path, tmp_path, command):  # noqa: F811
    keep(db_path, "intake", None, {"tenant": MARKER, "note": MARKER, "address": MARKER})
    keep(db_path, "visit", 1, {"note": MARKER})
    keep(db_path, "plan", 1, {"arrears": 100, "instalment": 100, "start": "2026-11-22"}, worker=MARKER)
    written = tmp_path / "out"
    args = [("json" if arg == "xlsx" else arg) for arg in SAMPLES[command]]  # text, to be searched
    result = cli(*args, "--output", str(written))
    assert result.exit_code == 0, result.output
    assert MARKER not in result.output
    written = written.with_suffix(".pdf") if not written.exists() else written  # a letter is a PDF, named so
    assert MARKER.encode() not in written.read_bytes()
    copy = tmp_path / "copy.db"
    if command == "case export":  # and a copy for others: every table it knows, none of the kept answers
        assert cli("copy", "--to", str(copy)).exit_code == 0
        assert query(copy, "SELECT count(*) FROM draft") == [(0,)]
    text = "\n".join(str(row) for row in query(db_path, "SELECT detail FROM history"))
    assert MARKER not in text
    assert not re.search(MARKER, json.dumps(query(db_path, "SELECT * FROM case_file"), default=str))


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.roles
@pytest.mark.xdist_group("roles")  # it makes a role, which belongs to the whole server
def test_on_a_server_two_workers_do_not_see_each_others_answers(cli, new_case, db_path, monkeypatch):
    from sqlalchemy import text

    from conftest import POSTGRES, server
    from test_caseworkers import team

    OTHER = "lotte"  # a colleague of her own: the caseworkers' tests make and drop theirs

    number = new_case("--date", "-1m")
    said = stopped_at(db_path, ["plan", number], PLAN_ANSWERS, 3)
    assert f"huurbeg plan {number} --resume" in said
    with server().begin() as connection:
        connection.execute(text(f"DROP ROLE IF EXISTS {OTHER}"))
        connection.execute(text(f"CREATE ROLE {OTHER} LOGIN"))
        connection.execute(text(f'GRANT "{team()}" TO {OTHER}'))
    try:
        scheme, rest = POSTGRES.split("://", 1)
        monkeypatch.setenv("HUURBEG_DB", f"{scheme}://{OTHER}@{rest.split('@', 1)[1]}")
        code, shown = run_flow(db_path, ["plan", number, "--resume"], [])
        assert code == 3 and "no answers kept" in shown
        theirs = [*PLAN_ANSWERS[:2], ("Monthly instalment", "200\r"), PLAN_ANSWERS[3]]
        code, _ = run_flow(db_path, ["plan", number], theirs, then=[
            ("Set up this payment plan?", "n\r"), ("Which answer do you want to change?", "\x1b[A\r")])
        assert code == 130
        assert sorted(query(None, "SELECT worker FROM draft")) == sorted([(OTHER,), (POSTGRES.split("://")[1]
                                                                                     .split("@")[0],)])
        monkeypatch.setenv("HUURBEG_DB", POSTGRES)
        code, shown = run_flow(db_path, ["plan", number, "--resume"], [], then=[
            ("Start date?", "\r"), ("Record it anyway?", "y\r"), ("Set up this payment plan?", "\r")])
        assert code == 0, shown
        assert query(None, "SELECT instalment_cents FROM payment_plan") == [(10000,)]  # mine, not the colleague's
        assert query(None, "SELECT worker FROM draft") == [(OTHER,)]
    finally:
        with server().begin() as connection:
            connection.execute(text(f"DELETE FROM draft WHERE worker = '{OTHER}'"))
            connection.execute(text(f"DROP ROLE IF EXISTS {OTHER}"))


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_a_new_intake_says_answers_of_another_are_kept_and_replaces_them(cli, db_path):
    cli("case", "list")
    keep(db_path, "intake", None, {"tenant": "Els Maes", "track": "pw"})
    child = spawn_huurbeg(db_path, *INTAKE_FLAGS)
    child.expect_exact("Answers of an interrupted intake are kept: 'huurbeg intake --resume' goes on with them")
    for question, keys in INTAKE_ANSWERS[:3]:
        answer(child, question, keys)
    child.expect_exact(INTAKE_ANSWERS[3][0])
    child.send(CTRL_C)
    assert finish(child) == 130
    [(flow, case, kept)] = drafts(db_path)
    assert json.loads(kept)["tenant"] == "Jan Peeters"


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_an_answer_refused_at_its_doubt_is_asked_again_when_resumed(cli, new_case, db_path):
    """1.500 typed for 150, and No to the question about it: the instalment is asked again at once, and a plan
    stopped there and resumed asks it again too, keeping the other answers, instead of stopping at the doubt."""
    number = new_case("--arrears", "4.500", "--rent", "450")
    child = spawn_huurbeg(db_path, "plan", number)
    answer(child, "Arrears to pay off", "\r")
    answer(child, "Monthly instalment", "1500\r")
    answer(child, "Record it anyway?", "n\r")
    child.expect_exact("Monthly instalment")
    child.send(CTRL_C)
    assert finish(child) == 130
    assert "instalment" not in json.loads(drafts(db_path)[0][2])  # the refused amount is not kept
    code, shown = run_flow(db_path, ["plan", number, "--resume"], [("Monthly instalment", "150\r")],
                           then=[("Start date?", "\r"), ("Set up this payment plan?", "\r")])
    assert code == 0, shown
    assert query(db_path, "SELECT arrears_cents, instalment_cents FROM payment_plan") == [(450000, 15000)]
    assert drafts(db_path) == []


# --- a No at the summary corrects an answer ------------------------------------------------------------------

DOWN = "\x1b[B"
CHILDREN_LINE = 6  # the household's lines first, in the order they are asked: the children's is the seventh
NL_INTAKE_ANSWERS = [("op de hoogte van deze aanmelding?", "j\r"), ("Naam van de huurder?", "Jan Peeters\r"),
                     ("Adres?", "Kerkstraat 1, 2800 Mechelen\r"), ("Telefoon?", "\r"), ("Geboortedatum", "\r"),
                     ("Rijksregisternummer?", "\r"), ("Volwassenen in het gezin?", "2\r"),
                     ("Kinderen in het gezin?", "1\r"), ("Verhuurder?", "\r"), ("Problemen?", "\r"),
                     ("Datum van aanmelding?", "\r"), ("huurder ingestemd", "j\r"), ("Notitie (vertrouwelijk)?", "\r")]


@pytest.mark.slow
@pytest.mark.sqlite_only
@pytest.mark.parametrize("lang, answers, which, children, register", [
    ("en", INTAKE_ANSWERS, "Which answer do you want to change?", "Children in the household? (Enter: 1)",
     "Register this case?"),
    ("nl", NL_INTAKE_ANSWERS, "Welk antwoord wil je aanpassen?", "Kinderen in het gezin? (Enter: 1)",
     "Dit dossier registreren?")])
def test_a_no_at_the_intake_summary_corrects_one_answer_and_shows_the_summary_again(
        cli, db_path, lang, answers, which, children, register):
    child = spawn_huurbeg(db_path, *INTAKE_FLAGS, lang=lang)
    for question, keys in answers:
        answer(child, question, keys)
    answer(child, register, "n\r")
    assert query(db_path, "SELECT count(*) FROM case_file") == [(0,)]
    answer(child, which, DOWN * CHILDREN_LINE + "\r")  # among the summary's lines, with what was answered
    answer(child, children, "3\r")  # what was answered on Enter, what is typed replaces it
    child.expect_exact(register)  # the summary again, then its question
    assert query(db_path, "SELECT count(*) FROM case_file") == [(0,)]  # nothing written while correcting
    child.send("\r")
    assert finish(child) == 0, child.before
    case = dossier(cli)
    assert case["tenant"]["name"] == "Jan Peeters" and case["tenant"]["children"] == 3
    assert drafts(db_path) == []


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_a_stop_while_correcting_keeps_the_answers_and_resuming_corrects_too(cli, db_path):
    child = spawn_huurbeg(db_path, *INTAKE_FLAGS)
    for question, keys in INTAKE_ANSWERS:
        answer(child, question, keys)
    answer(child, "Register this case?", "n\r")
    answer(child, "Which answer do you want to change?", DOWN + "\r")  # the address
    child.expect_exact("Address?")
    child.send(CTRL_C)
    assert finish(child) == 130
    said = " ".join((child.before or "").split())
    assert "huurbeg intake --resume goes on with them, and No at its summary corrects one" in said
    assert query(db_path, "SELECT count(*) FROM case_file") == [(0,)]
    assert json.loads(drafts(db_path)[0][2])["address"] == "Kerkstraat 1, 2800 Mechelen"
    code, shown = run_flow(db_path, ["intake", "--resume"], [], then=[
        ("Register this case?", "n\r"), ("Which answer do you want to change?", DOWN + "\r"),
        ("Address?", "\x7f" * 30 + "Kerkstraat 3, 2800 Mechelen\r"), ("Register this case?", "\r")])
    assert code == 0, shown
    assert dossier(cli)["tenant"]["address"] == "Kerkstraat 3, 2800 Mechelen"
    assert drafts(db_path) == []


@pytest.mark.slow
@pytest.mark.sqlite_only
@pytest.mark.parametrize("lang, keys", [
    ("en", [("Log this contact?", "n\r"), ("Which answer do you want to change?", DOWN * 2 + "\r"),
            ("Minutes spent? (Enter: 45; - to clear)", "30\r"), ("Log this contact?", "\r")]),
    ("nl", [("Dit contact noteren?", "n\r"), ("Welk antwoord wil je aanpassen?", DOWN * 2 + "\r"),
            ("Bestede minuten? (Enter: 45; - om te wissen)", "30\r"), ("Dit contact noteren?", "\r")])])
def test_a_resumed_visit_corrects_an_answer_at_a_no(cli, new_case, db_path, lang, keys):
    number = new_case("--date", "-1m")
    stopped_at(db_path, ["visit", number], VISIT_ANSWERS, 4)
    code, shown = run_flow(db_path, ["visit", number, "--resume"], [], then=[("+2w, ...)?", "+2w\r"), *keys],
                           lang=lang)
    assert code == 0, shown
    [contact] = json.loads(cli("visit", "list", number, "--format", "json").stdout)
    assert contact["minutes"] == 30 and contact["note"] == "Keuken nat, eigenaar verwittigd"
    assert drafts(db_path) == []


@pytest.mark.slow
@pytest.mark.sqlite_only
@pytest.mark.parametrize("lang, questions, keys", [
    ("en", ["Arrears to pay off", "Monthly instalment", "Start date?"],
     [("Set up this payment plan?", "n\r"), ("Which answer do you want to change?", DOWN + "\r"),
      ("Monthly instalment (euros)? (Enter: 100,00)", "150\r"), ("Set up this payment plan?", "\r")]),
    ("nl", ["Af te betalen huurachterstal", "Maandelijkse afbetaling", "Startdatum?"],
     [("Dit afbetalingsplan opstellen?", "n\r"), ("Welk antwoord wil je aanpassen?", DOWN + "\r"),
      ("Maandelijkse afbetaling (euro)? (Enter: 100,00)", "150\r"), ("Dit afbetalingsplan opstellen?", "\r")])])
def test_a_plan_corrects_an_answer_at_a_no(cli, new_case, db_path, lang, questions, keys):
    from conftest import records

    number = new_case("--date", "-1m", "--arrears", "1.200")
    before = records(db_path)
    child = spawn_huurbeg(db_path, "plan", number, lang=lang)
    for question, typed in zip(questions, ("\r", "100\r", "\r")):  # the case's arrears on Enter
        answer(child, question, typed)
    answer(child, *keys[0])
    answer(child, *keys[1])
    child.expect_exact(keys[2][0])
    assert records(db_path) == before  # nothing written while correcting
    child.send(keys[2][1])
    answer(child, *keys[3])
    assert finish(child) == 0, child.before
    assert query(db_path, "SELECT arrears_cents, instalment_cents FROM payment_plan") == [(120000, 15000)]
    assert drafts(db_path) == []


SKIPPED = ("Phone?", "Birth date", "National register number?", "Landlord?", "Problems?", "Note (confidential)?")


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_an_answer_skipped_with_enter_is_kept_as_answered_and_not_asked_again(cli, db_path):
    typed = [("informed of this registration?", "y\r"), ("Tenant's name?", "Jan Peeters\r"),
             ("Address?", "Kerkstraat 1, 2800 Mechelen\r"), ("Phone?", "\r"), ("Birth date", "\r"),
             ("National register number?", "\r"), ("Adults in the household?", "\r"),
             ("Children in the household?", "\r"), ("Landlord?", "\r"), ("Problems?", "\r"),
             ("Date of registration?", "\r"), ("tenant consented", "y\r"), ("Note (confidential)?", "\r"),
             ("Register this case?", "n\r"), ("Which answer do you want to change?", "")]
    child = spawn_huurbeg(db_path, *INTAKE_FLAGS)
    for question, keys in typed:
        answer(child, question, keys)
    child.send(CTRL_C)
    assert finish(child) == 130
    code, shown = run_flow(db_path, [*INTAKE_FLAGS, "--resume"], [], then=[("Register this case?", "\r")])
    assert code == 0, shown
    assert not [question for question in SKIPPED if question in shown], shown  # each answered, empty
    case = dossier(cli)
    assert (case["problems"], case["landlord"], case["note"]) == ([], None, None), case


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_a_visit_note_skipped_with_enter_is_not_asked_again_on_resume(cli, new_case, db_path):
    number = new_case("--date", "-1m")
    skipped = [*VISIT_ANSWERS[:3], ("Note (confidential)?", "\r"), VISIT_ANSWERS[4]]
    stopped_at(db_path, ["visit", number], skipped, 4)  # Ctrl-C at the next contact, the note skipped
    code, shown = run_flow(db_path, ["visit", number, "--resume"], [("Next contact", "+2w\r")],
                           then=[("Log this contact?", "\r")])
    assert code == 0, shown
    assert "Note (confidential)?" not in shown


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_a_note_skipped_with_enter_stays_answered_over_two_resumes(cli, new_case, db_path):
    """Stopped at the note; resumed, the note skipped with Enter and another answer corrected, stopped again;
    resumed a second time, the note is still answered (empty), and not asked again."""
    number = new_case("--date", "-1m")
    stopped_at(db_path, ["visit", number], VISIT_ANSWERS, 3)  # Ctrl-C at the note
    child = spawn_huurbeg(db_path, "visit", number, "--resume")
    for question, keys in [("Note (confidential)?", "\r"), ("Next contact", "+2w\r"), ("Log this contact?", "n\r"),
                           ("Which answer do you want to change?", DOWN * 2 + "\r"), ("Minutes spent?", "30\r")]:
        answer(child, question, keys)
    child.expect_exact("Log this contact?")
    child.send(CTRL_C)
    assert finish(child) == 130
    code, shown = run_flow(db_path, ["visit", number, "--resume"], [], then=[("Log this contact?", "\r")])
    assert code == 0, shown
    assert "Note (confidential)?" not in shown
    [contact] = json.loads(cli("visit", "list", number, "--format", "json").stdout)
    assert (contact["minutes"], contact["note"], contact["next"]) == (30, None, "2026-12-06")
    assert drafts(db_path) == []


@pytest.mark.slow
@pytest.mark.sqlite_only
@pytest.mark.parametrize("lang, since, discard", [
    ("en", ["case", "close", "{number}", "--outcome", "other"], "Discard the kept answers?"),
    ("en", ["case", "remove", "{number}", "--reason", "op het verkeerde dossier"], "Discard the kept answers?"),
    ("nl", ["case", "close", "{number}", "--outcome", "other"], "De bijgehouden antwoorden weggooien?")])
@pytest.mark.parametrize("keep", [True, False])
def test_kept_answers_of_a_case_closed_or_removed_since_are_offered_to_discard(cli, new_case, db_path, lang, since,
                                                                              discard, keep):
    number = new_case("--date", "-1m")
    stopped_at(db_path, ["visit", number], VISIT_ANSWERS, 3)
    assert cli(*(word.format(number=number) for word in since)).exit_code == 0
    before = snapshot(db_path)
    child = spawn_huurbeg(db_path, "visit", number, "--resume", lang=lang)
    child.expect_exact(number)
    said = {"close": ("was closed since these answers were kept", "werd afgesloten nadat"),
            "remove": ("was removed since these answers were kept", "werd verwijderd nadat")}[since[1]]
    child.expect_exact(said[lang == "nl"])
    answer(child, discard, "n\r" if keep else "\r")
    code = finish(child)
    if keep:  # refused as the case is refused anywhere, the answers still kept, nothing written
        assert code == (4 if since[1] == "close" else 3), child.before
        assert snapshot(db_path) == before
        assert len(drafts(db_path)) == 1
    else:
        assert code == 0, child.before
        assert drafts(db_path) == []
        assert "Kind of contact?" not in child.before


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_the_first_intake_on_a_new_database_keeps_its_answers_when_stopped(cli, db_path):
    """A new worker's first intake makes the database: stopped there, the answers it promises to keep are kept."""
    import os
    import sys

    assert not db_path.exists()
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", NO_COLOR="1")
    child = pexpect.spawn(sys.executable, ["-m", "huurbeg", *INTAKE_FLAGS], env=env, encoding="utf-8", timeout=20,
                          dimensions=(40, 120))
    answer(child, "(y/N)", "y\r")
    for question, keys in INTAKE_ANSWERS[:3]:
        answer(child, question, keys)
    child.expect_exact(INTAKE_ANSWERS[3][0])
    child.send(CTRL_C)
    assert finish(child) == 130
    assert "answers given are kept" in " ".join((child.before or "").split())
    assert db_path.exists()
    assert [(flow, case) for flow, case, _ in drafts(db_path)] == [("intake", None)]
    assert query(db_path, "SELECT count(*) FROM case_file") == [(0,)]
    code, shown = run_flow(db_path, [*INTAKE_FLAGS, "--resume"], INTAKE_ANSWERS[3:],
                           then=[("Register this case?", "\r")])
    assert code == 0, shown
    assert query(db_path, "SELECT name, address FROM household") == [("Jan Peeters", "Kerkstraat 1, 2800 Mechelen")]


# --- the hearing of a court's notice is kept and corrected as the intake's other answers ------------------------

NOTICE_FLAGS = ["intake", "--track", "ogp", "--source", "court", "--address", "", "--phone", "",
                "--birth-date", "30/07/1985", "--national-number", "85073003328", "--adults", "1", "--children", "0",
                "--landlord", "", "--problem", "arrears", "--arrears", "2450", "--rent", "650", "--note", "",
                "--date", "today", "--referrer", ""]
NOTICE = {"en": {"answers": [("Tenant's name?", "Karim Aziz\r"), ("Add the hearing of this petition now?", "y\r"),
                             ("Hearing date and time", "tomorrow 09:30\r"), ("Court?", "Vredegerecht Mechelen\r"),
                             ("Courtroom?", "2\r"), ("Date of the petition?", "yesterday\r"),
                             ("Arrears claimed", "2.450,00\r")],
                 "register": "Register this case?", "which": "Which answer do you want to change?",
                 "again": "Hearing date and time (dd/mm/yyyy HH:MM)? (Enter: 23/11/2026 09:30; - to clear)",
                 "anyway": "Record it anyway?", "no": "n\r"},
          "nl": {"answers": [("Naam van de huurder?", "Karim Aziz\r"),
                             ("De zitting van dit verzoekschrift nu toevoegen?", "j\r"),
                             ("Datum en uur van de zitting", "morgen 09:30\r"), ("Vredegerecht?", "Vredegerecht Mechelen\r"),
                             ("Zittingszaal?", "\r"), ("Datum van het verzoekschrift?", "gisteren\r"),
                             ("Gevorderde huurachterstal", "\r")],  # the room and the claim skipped with Enter
                 "register": "Dit dossier registreren?", "which": "Welk antwoord wil je aanpassen?",
                 "again": "Datum en uur van de zitting (dd/mm/jjjj UU:MM)? (Enter: 23/11/2026 09:30; - om te wissen)",
                 "anyway": "Toch noteren?", "no": "n\r"}}


def hearings_of(cli) -> list[dict]:
    return [{k: v for k, v in row.items() if k != "id"}
            for row in json.loads(cli("hearing", "list", "--within", "60", "-f", "json").stdout)]


@pytest.mark.slow
@pytest.mark.sqlite_only
@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("at", range(1, 7))  # each of the hearing's questions: add it now, date, court, room, ...
def test_an_intake_stopped_at_a_hearing_question_resumes_to_the_same_case_and_hearing(cli, db_path, lang, at):
    said = NOTICE[lang]
    code, shown = run_flow(db_path, NOTICE_FLAGS, said["answers"], then=[(said["register"], "\r")], lang=lang)
    assert code == 0, shown
    expected, expected_hearings = dossier(cli), hearings_of(cli)
    assert len(expected_hearings) == 1
    db_path.unlink()
    stopped_at(db_path, NOTICE_FLAGS, said["answers"], at, lang=lang)
    assert records(db_path) == records_of_a_new_database(cli, db_path)  # nothing written but the kept answers
    assert len(drafts(db_path)) == 1
    code, shown = run_flow(db_path, ["intake", "--resume"], said["answers"][at:],
                           then=[("Karim Aziz", ""), (said["register"], "\r")], lang=lang)
    assert code == 0, shown
    for question, _keys in said["answers"][:at]:  # answered before the stop, an empty one too: not asked again
        assert question not in shown, (question, shown)
    assert dossier(cli) == expected
    assert hearings_of(cli) == expected_hearings
    assert drafts(db_path) == []


def records_of_a_new_database(cli, db_path) -> list:
    """What a database holds before anything is registered: the tables, no case, no hearing."""
    from conftest import records

    assert query(db_path, "SELECT count(*) FROM case_file") == [(0,)]
    assert query(db_path, "SELECT count(*) FROM hearing") == [(0,)]
    return records(db_path)


def records(db_path) -> list:
    from conftest import records as every_record

    return every_record(db_path)


UP = "\x1b[A"
HEARING_LINE = UP * 6  # from the first line up: "Nothing: stop", then the hearing's lines from the last, its date


@pytest.mark.slow
@pytest.mark.sqlite_only
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_hearing_date_is_corrected_at_the_intake_summary(cli, db_path, lang):
    from conftest import records as every_record

    said = NOTICE[lang]
    child = spawn_huurbeg(db_path, *NOTICE_FLAGS, lang=lang)
    for question, keys in said["answers"]:
        answer(child, question, keys)
    answer(child, said["register"], "n\r")
    before = every_record(db_path)
    answer(child, said["which"], HEARING_LINE + "\r")  # the hearing's date, among the summary's answers
    answer(child, said["again"], "28/11 09:30\r")  # a Saturday: asked about as when it was first typed
    answer(child, said["anyway"], said["no"])
    answer(child, said["again"], "24/11 10:00\r")  # asked again at once, the kept answer still on Enter
    child.expect_exact("24/11/2026 10:00")  # the summary again, with the corrected hearing
    answer(child, said["register"], "")
    assert every_record(db_path) == before  # nothing written while correcting
    assert json.loads(drafts(db_path)[0][2])["hearing_at"] == "2026-11-24T10:00:00"  # kept as corrected
    child.send("\r")
    assert finish(child) == 0, child.before
    [hearing] = hearings_of(cli)
    assert (hearing["starts_at"], hearing["court"], hearing["petition_date"]) == \
        ("2026-11-24T10:00:00", "Vredegerecht Mechelen", "2026-11-21")
    assert drafts(db_path) == []


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_a_stop_while_correcting_the_court_keeps_the_hearing_and_resuming_corrects_it(cli, db_path):
    said = NOTICE["en"]
    child = spawn_huurbeg(db_path, *NOTICE_FLAGS)
    for question, keys in said["answers"]:
        answer(child, question, keys)
    answer(child, said["register"], "n\r")
    answer(child, said["which"], UP * 5 + "\r")  # the court, shown in the input to be edited
    child.expect_exact("Court?")
    child.send(CTRL_C)
    assert finish(child) == 130
    assert query(db_path, "SELECT count(*) FROM case_file") == [(0,)]
    kept = json.loads(drafts(db_path)[0][2])
    assert (kept["hearing_court"], kept["hearing_room"], kept["hearing_claimed"]) == \
        ("Vredegerecht Mechelen", "2", 245000)
    code, shown = run_flow(db_path, ["intake", "--resume"], [], then=[
        (said["register"], "n\r"), (said["which"], UP * 5 + "\r"),
        ("Court?", "\x7f" * 8 + "Leuven\r"), ("Vredegerecht Leuven", ""), (said["register"], "\r")])
    assert code == 0, shown
    [hearing] = hearings_of(cli)
    assert (hearing["court"], hearing["room"], hearing["starts_at"]) == \
        ("Vredegerecht Leuven", "2", "2026-11-23T09:30:00")


@pytest.mark.slow
@pytest.mark.sqlite_only
@pytest.mark.parametrize("typed, then, expected", [
    ("20/11/2026 09:00\r", [("is after the hearing now: asked again", ""), ("Date of the petition?", "19/11/2026\r")],
     [("2026-11-20T09:00:00", "2026-11-19")]),  # the kept petition now after the hearing: asked again
    ("-\r", [], [])])  # the hearing left out, to add later
def test_a_hearing_corrected_to_before_its_petition_or_left_out(cli, db_path, typed, then, expected):
    said = NOTICE["en"]
    code, shown = run_flow(db_path, NOTICE_FLAGS, said["answers"], then=[
        (said["register"], "n\r"), (said["which"], HEARING_LINE + "\r"), (said["again"], typed), *then,
        (said["register"], "\r")])
    assert code == 0, shown
    assert query(db_path, "SELECT starts_at, petition_date FROM hearing") == \
        [(at.replace("T", " ") + ".000000", petition) for at, petition in expected]  # past: not on the roll
    assert dossier(cli)["tenant"]["name"] == "Karim Aziz"
