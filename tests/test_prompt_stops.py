"""Every interactive flow, stopped at each of its questions in turn, leaves the database as it was,
and holds no lock while the question waits (a colleague's command can write meanwhile).

Each flow runs in a real pseudo-terminal on a copy of a database made once for that flow; the
test answers the questions before one, presses Ctrl-C at it, and compares every row.
"""

import os
import shutil
import sqlite3
import sys

import pytest
from typer.testing import CliRunner

from conftest import TODAY, snapshot
from huurbeg.cli.root import app
from conftest import finish, records

pexpect = pytest.importorskip("pexpect")

pytestmark = [pytest.mark.slow, pytest.mark.sqlite_only]

DOWN, CTRL_C = "\x1b[B", "\x03"
NATIONAL = "85073003328"

# Each flow: the database it starts from (commands run once), the command, and its questions in order.
FLOWS = {
    "intake-ogp-court": (
        [],
        ["intake"],
        [("Track?", DOWN * 2 + "\r"), ("Registered by?", "\r"),  # ogp: who sent it first; the court needs no
         ("Tenant's name?", "Karim Aziz\r"), ("Address?", "Kerkstraat 1\r"),  # informed tenant
         ("Phone?", "\r"), ("Birth date", "01/01/1980\r"), ("National register number?", "\r"),
         ("Adults in the household?", "\r"), ("Children in the household?", "\r"),
         ("Who at that service", "\r"), ("Landlord?", "Woonpunt\r"),
         ("New landlord: what kind?", "\r"), ("Problems?", " \r"), ("Rent arrears in euros?", "1000\r"),
         ("Monthly rent in euros?", "650\r"), ("Date of registration?", "\r"), ("Note (confidential)?", "\r"),
         ("Add the hearing of this petition now?", "y\r"), ("Hearing date and time", "tomorrow 09:30\r"),
         ("Court?", "Vredegerecht Mechelen\r"), ("Courtroom?", "\r"), ("Date of the petition?", "yesterday\r"),
         ("Arrears claimed", "\r"), ("Register this case?", "\r")]),
    "intake-pw-consents": (
        [],
        ["intake", "--track", "pw", "--tenant", "Jan Peeters", "--address", "", "--phone", "", "--birth-date",
         "30/07/1985", "--national-number", NATIONAL, "--adults", "1", "--children", "0", "--landlord", "",
         "--problem", "arrears", "--arrears", "0", "--rent", "650", "--date", "today", "--source", "tenant"],
        [("informed of this registration?", "y\r"), ("tenant consented", "y\r"),  # no landlord: nobody to consent
         ("Note (confidential)?", "\r"), ("Register this case?", "\r")]),
    "intake-same-household": (
        [["intake", "--track", "pw", "--tenant", "Jan Peeters", "--source", "tenant", "--national-number",
          NATIONAL, "--tenant-informed", "--no-input"]],
        ["intake", "--track", "ogp", "--tenant", "Jan Peeters", "--source", "tenant", "--national-number",
         NATIONAL, "--address", "", "--phone", "", "--birth-date", "30/07/1985", "--adults", "1", "--children",
         "0", "--landlord", "", "--problem", "arrears", "--arrears", "0", "--rent", "650", "--note", "", "--date",
         "today"],
        [("informed of this registration?", "y\r"), ("already has open case 2026-0001", DOWN + "\r"),
         ("Register this case?", "\r")]),
    "visit": (
        [["intake", "--track", "pw", "--tenant", "Jan Peeters", "--source", "tenant", "--tenant-informed",
          "--date", "-1m", "--no-input"]],
        ["visit", "2026-0001"],
        [("Kind of contact?", "\r"), ("Did it reach the household", "\r"), ("Minutes spent?", "45\r"),
         ("Note (confidential)?", "Bezoek\r"),
         ("Next contact", "+2w\r")]),
    "plan": (
        [["intake", "--track", "pw", "--tenant", "Jan Peeters", "--source", "tenant", "--tenant-informed",
          "--date", "-1m", "--no-input"]],
        ["plan", "2026-0001"],
        [("Arrears to pay off", "1200\r"), ("Monthly instalment", "100\r"), ("Start date?", "\r"),
         ("Set up this payment plan?", "\r")]),
    "hearing-outcome-plan-imposed": (
        [["intake", "--track", "ogp", "--tenant", "Jan Peeters", "--source", "court", "--tenant-informed",
          "--date", "-1m", "--no-input"],
         ["hearing", "add", "2026-0001", "--date", "today 08:30", "--court", "Vredegerecht Mechelen",
          "--force"]],
        ["hearing", "outcome", "2026-0001", "--result", "plan-imposed"],
        [("Record the imposed payment plan now?", "y\r"), ("Arrears to pay off", "1200\r"),
         ("Monthly instalment", "100\r"), ("Start date?", "\r")]),
    "transfer-out": (
        [["intake", "--track", "crisis", "--tenant", "Jan Peeters", "--source", "police", "--tenant-informed",
          "--date", "-1m", "--no-input"],
         ["transfer", "dwelling", "add", "CR-1", "--kind", "crisis"],
         ["transfer", "in", "2026-0001", "--dwelling", "CR-1", "--date", "-3w"]],
        ["transfer", "out", "2026-0001", "--destination", "family"],
        [("The household's new address?", "Stationsstraat 12, 2800 Mechelen\r"),
         ("Close the case with outcome", "y\r")]),
    "plan-fbu": (
        [["intake", "--track", "pw", "--tenant", "Sara Janssens", "--address", "Molenstraat 5, 2800 Mechelen",
          "--source", "tenant", "--landlord", "Karel De Smet", "--landlord-type", "private", "--problem", "arrears",
          "--arrears", "1950", "--rent", "650", "--tenant-informed", "--consent-tenant", "--consent-landlord",
          "--date", "2026-10-01", "--no-input"]],
        ["plan", "fbu", "2026-0001"],
        [("Signed on?", "\r"), ("Monthly instalment on the balance", "200\r"), ("Start of the payment plan?", "\r")]),
    "case-merge": (
        [["intake", "--track", "pw", "--tenant", "Jan Peeters", "--source", "tenant", "--tenant-informed",
          "--no-input"],
         ["intake", "--track", "pw", "--tenant", "Jan Peters", "--source", "tenant", "--tenant-informed",
          "--no-input"]],
        ["case", "merge", "2026-0001", "2026-0002"],
        [("Merge them into one household?", "y\r")]),
    "case-unmerge": (
        [["intake", "--track", "pw", "--tenant", "Jan Peeters", "--source", "tenant", "--tenant-informed",
          "--no-input"],
         ["intake", "--track", "pw", "--tenant", "Jan Peters", "--source", "tenant", "--tenant-informed",
          "--no-input"],
         ["case", "merge", "2026-0001", "2026-0002", "--yes"]],
        ["case", "unmerge", "2026-0001", "2026-0002"],
        [("Undo the merge: two households again?", "y\r")]),
}
WHOSE = {"visit": "Case 2026-0001: Jan Peeters", "plan": "Case 2026-0001: Jan Peeters",
         "hearing-outcome-plan-imposed": "Case 2026-0001: Jan Peeters", "transfer-out": "Case 2026-0001: Jan Peeters",
         "plan-fbu": "Case 2026-0001: Sara Janssens"}


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    """One database per flow, made once and copied for every stop."""
    made = {}
    runner = CliRunner()
    for name, (setup, _, _) in FLOWS.items():
        path = tmp_path_factory.mktemp("templates") / f"{name}.db"
        env = {"HUURBEG_DB": str(path), "HUURBEG_TODAY": TODAY}
        for args in setup or [["case", "list"]]:
            result = runner.invoke(app, args, env=env)
            assert result.exit_code == 0, (args, result.output)
        with sqlite3.connect(path) as connection:  # everything in the file itself, so a copy is whole
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        made[name] = path
    return made


def spawn(*args):
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", NO_COLOR="1")
    return pexpect.spawn(sys.executable, ["-m", "huurbeg", *args], env=env, encoding="utf-8", timeout=30,
                         dimensions=(50, 120))


def start(templates, db_path, flow):
    shutil.copy(templates[flow], db_path)
    return snapshot(db_path)


def lock_is_free(db_path) -> bool:
    """Another worker could write now: nothing is locked while a person types."""
    connection = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        connection.close()


STOPS = [(flow, n) for flow, (_, _, questions) in FLOWS.items() for n in range(len(questions))]


@pytest.mark.parametrize("flow, stop", STOPS, ids=[f"{flow}-{FLOWS[flow][2][n][0][:24]}" for flow, n in STOPS])
def test_stopped_at_any_question_nothing_is_written(templates, db_path, flow, stop):
    before = start(templates, db_path, flow)
    _, command, questions = FLOWS[flow]
    child = spawn(*command)
    if flow in WHOSE:
        child.expect_exact(WHOSE[flow])  # whose case it is, before the first question
    for question, keys in questions[:stop]:
        child.expect_exact(question)
        child.send(keys)
    child.expect_exact(questions[stop][0])
    assert lock_is_free(db_path), f"{flow}: the database is locked while {questions[stop][0]!r} waits"
    child.send(CTRL_C)
    code = finish(child)
    assert code == 130, child.before
    assert "nothing was written" in child.before and "Traceback" not in child.before
    assert records(db_path) == before


@pytest.mark.parametrize("flow", list(FLOWS))
def test_answered_to_the_end_each_flow_writes(templates, db_path, flow):
    before = start(templates, db_path, flow)
    _, command, questions = FLOWS[flow]
    child = spawn(*command)
    for question, keys in questions:
        child.expect_exact(question)
        child.send(keys)
    assert finish(child) == 0, child.before
    assert snapshot(db_path) != before


YES_NO_QUESTIONS = ("informed of this registration?", "tenant consented", "landlord consented",
                    "Add the hearing of this petition now?", "Register this case?",
                    "Record the imposed payment plan now?", "Close the case with outcome",
                    "Merge them into one household?")
"""The yes/no questions of these flows (huurbeg.cli.prompts.confirm), each tried once."""
YES_NO = list({questions[n][0]: (flow, n) for flow, (_, _, questions) in reversed(FLOWS.items())
               for n in range(len(questions)) if questions[n][0] in YES_NO_QUESTIONS}.values())


@pytest.mark.parametrize("flow, stop", YES_NO, ids=[f"{flow}-{FLOWS[flow][2][n][0][:24]}" for flow, n in YES_NO])
def test_every_yes_no_question_waits_for_enter_and_refuses_other_answers(templates, db_path, flow, stop):
    before = start(templates, db_path, flow)
    _, command, questions = FLOWS[flow]
    child = spawn(*command)
    for question, keys in questions[:stop]:
        child.expect_exact(question)
        child.send(keys)
    child.expect_exact(questions[stop][0])
    child.send("ok\r")  # neither yes nor no: refused where it is typed, the question still waits
    child.expect_exact("answer y or n (yes or no)")
    child.send(CTRL_C)
    assert finish(child) == 130, child.before
    assert records(db_path) == before


def test_a_petition_in_the_future_is_refused_at_its_prompt(templates, db_path):
    before = start(templates, db_path, "intake-ogp-court")
    _, command, questions = FLOWS["intake-ogp-court"]
    child = spawn(*command)
    for question, keys in questions[:21]:
        child.expect_exact(question)
        child.send(keys)
    child.expect_exact("Date of the petition?")
    child.send("+3d\r")
    child.expect_exact("cannot be after today")  # refused where it is typed, asked again
    child.send(CTRL_C)
    assert finish(child) == 130
    assert records(db_path) == before


def test_no_at_the_summary_writes_nothing(templates, db_path):
    before = start(templates, db_path, "intake-ogp-court")
    _, command, questions = FLOWS["intake-ogp-court"]
    child = spawn(*command)
    for question, keys in questions[:-1]:
        child.expect_exact(question)
        child.send(keys)
    child.expect_exact("Register this case?")
    child.send("n\r")
    child.expect_exact("Which answer do you want to change?")  # a No offers to correct; the last choice stops
    child.send("\x1b[A\r")
    assert finish(child) == 130
    assert "not registered; nothing was written" in child.before
    assert records(db_path) == before


@pytest.mark.parametrize("flow, question, bad, refusal", [
    ("intake-ogp-court", "Tenant's name?", "\u200b  \r", "visible text"),
    ("intake-ogp-court", "Birth date", "+1d\r", "cannot be after the registration date"),
    ("intake-ogp-court", "National register number?", "85073003328\r", "holds another birth date"),
    ("visit", "Minutes spent?", "99999\r", "at most 8 hours"),
    ("visit", "Next contact", "yesterday\r", "must come after this contact"),
    ("plan", "Monthly instalment", "5000\r", "cannot be larger than the arrears"),
    ("hearing-outcome-plan-imposed", "Arrears to pay off", "0\r", "must be more than 0"),
])
def test_a_bad_answer_is_refused_where_it_is_typed(templates, db_path, flow, question, bad, refusal):
    before = start(templates, db_path, flow)
    _, command, questions = FLOWS[flow]
    child = spawn(*command)
    for asked, keys in questions:
        child.expect_exact(asked)
        if asked == question:
            break
        child.send(keys)
    child.send(bad)
    child.expect_exact(refusal)
    child.send(CTRL_C)
    assert finish(child) == 130
    assert records(db_path) == before


def test_visit_on_a_closed_case_is_refused_before_any_question(templates, db_path, cli):
    start(templates, db_path, "visit")
    assert cli("case", "close", "2026-0001", "--outcome", "referred").exit_code == 0
    child = spawn("visit", "2026-0001")
    assert finish(child) == 4
    assert "is closed" in child.before and "Kind of contact?" not in child.before


def test_a_flag_answers_only_its_own_question(templates, db_path):
    start(templates, db_path, "visit")
    child = spawn("visit", "2026-0001", "--kind", "phone", "--next", "yesterday")
    assert finish(child) == 2  # --next checked before any question is asked
    assert "--next" in child.before and "Minutes spent?" not in child.before
    child = spawn("visit", "2026-0001", "--kind", "phone")
    child.expect_exact("Did it reach the household")  # --kind given: the other questions are still asked
    child.send("\r")
    child.expect_exact("Minutes spent?")
    child.send(CTRL_C)
    assert finish(child) == 130
