"""Amounts that keep the rules but look like a typo (1500 typed for 150): asked about on a terminal, refused
without one unless --force, with nothing written."""

import json

import pytest

from conftest import answer, assert_one_line_error, snapshot, spawn_huurbeg
from huurbeg.domain.rules import PAYMENT_FAR_ABOVE_INSTALMENTS
from conftest import finish, query, records


@pytest.fixture
def planned(cli, new_case, made_once):
    """A case with arrears of € 1.500 in a plan of € 150 a month from 1 November 2026."""
    return made_once(_planned, cli, new_case)


def _planned(cli, new_case):
    number = new_case("--arrears", "1.500")
    result = cli("plan", number, "--arrears", "1.500", "--instalment", "150", "--start", "01/11/2026")
    assert result.exit_code == 0, result.output
    return number


def paid(cli, number):
    return json.loads(cli("plan", "show", number, "-f", "json").stdout)["paid"]


@pytest.mark.parametrize("lang, said", [
    ("en", "--amount: € 1.400,00 is far above the instalment of € 150,00"),
    ("nl", "--amount: € 1.400,00 ligt ver boven de afbetaling van € 150,00")])
def test_a_payment_far_above_the_instalment_is_refused_without_force(cli, planned, db_path, lang, said):
    before = snapshot(db_path)
    result = cli("plan", "pay", planned, "--amount", "1400", env={"HUURBEG_LANG": lang})
    assert_one_line_error(result, code=4, contains=said)
    assert "--force" in result.stderr
    assert snapshot(db_path) == before
    assert cli("plan", "pay", planned, "--amount", "1400", "--force").exit_code == 0
    assert paid(cli, planned) == 1400.0


@pytest.mark.parametrize("amount", ["150", "450", "1.500"])
def test_the_instalments_up_to_the_threshold_and_the_whole_balance_are_plausible(cli, planned, amount):
    assert PAYMENT_FAR_ABOVE_INSTALMENTS * 150 == 450
    result = cli("plan", "pay", planned, "--amount", amount)
    assert result.exit_code == 0, result.output


def test_catching_up_what_is_due_and_the_next_instalment_is_plausible(cli, planned):
    # as of 22/02/2027 four instalments are due (nov, dec, jan, feb) and march is next: € 750
    env = {"HUURBEG_TODAY": "2027-02-22"}
    assert_one_line_error(cli("plan", "pay", planned, "--amount", "751", env=env), code=4, contains="--amount")
    result = cli("plan", "pay", planned, "--amount", "750", env=env)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("args, lang, said", [
    (["--arrears", "1.500", "--instalment", "1.600"], "en",
     "--instalment: € 1.600,00 is more than the arrears of € 1.500,00"),
    (["--arrears", "15.000", "--instalment", "150"], "en",
     "--arrears: € 15.000,00 differs from the case's arrears of € 1.500,00"),
    (["--arrears", "15.000", "--instalment", "150"], "nl",
     "--arrears: € 15.000,00 verschilt van de achterstal van het dossier, € 1.500,00"),
])
def test_an_implausible_plan_is_refused_without_force(cli, new_case, db_path, args, lang, said):
    number = new_case("--arrears", "1.500")
    before = snapshot(db_path)
    result = cli("plan", number, *args, "--start", "today", env={"HUURBEG_LANG": lang})
    assert_one_line_error(result, code=4, contains=said)
    assert snapshot(db_path) == before
    result = cli("plan", number, *args, "--start", "today", "--force")
    assert result.exit_code == 0, result.output


def test_a_forced_instalment_above_the_arrears_is_one_instalment(cli, new_case):
    number = new_case("--arrears", "1.500")
    assert cli("plan", number, "--arrears", "1.500", "--instalment", "1.600", "--start", "today",
               "--force").exit_code == 0
    view = json.loads(cli("plan", "show", number, "-f", "json").stdout)
    assert [i["amount"] for i in view["instalments"]] == [1500.0]


def test_a_replacing_plan_on_the_balance_left_is_plausible(cli, planned):
    assert cli("plan", "pay", planned, "--amount", "150").exit_code == 0
    result = cli("plan", planned, "--arrears", "1.350", "--instalment", "100", "--start", "today")
    assert result.exit_code == 0, result.output


def test_a_refused_rule_is_said_before_any_doubt(cli, planned):
    assert_one_line_error(cli("plan", "pay", planned, "--amount", "1400", "--date", "+1d"), code=2,
                          contains="future")


# --- on a terminal -------------------------------------------------------------------------------

pytest.importorskip("pexpect")


@pytest.mark.slow
@pytest.mark.sqlite_only
@pytest.mark.parametrize("lang, question, keys, code, paid_after", [
    ("en", "€ 1.400,00 is far above the instalment of € 150,00", "\r", 130, 0.0),  # No by default
    ("en", "€ 1.400,00 is far above the instalment of € 150,00", "y\r", 0, 1400.0),
    ("nl", "€ 1.400,00 ligt ver boven de afbetaling van € 150,00", "j\r", 0, 1400.0)])
def test_on_a_terminal_the_payment_is_asked_about(cli, planned, db_path, lang, question, keys, code, paid_after):
    before = snapshot(db_path)
    child = spawn_huurbeg(db_path, "plan", "pay", planned, "--amount", "1400", lang=lang)
    answer(child, question, keys)
    assert finish(child) == code, child.before
    assert paid(cli, planned) == paid_after
    if code:
        assert snapshot(db_path) == before


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_an_interactive_plan_offers_the_case_arrears_and_ends_with_a_summary(cli, new_case, db_path):
    number = new_case("--arrears", "1.500")
    child = spawn_huurbeg(db_path, "plan", number)
    answer(child, "Arrears to pay off (euros)? (Enter: 1.500,00)", "\r")
    answer(child, "Monthly instalment", "200\r")
    answer(child, "Start date?", "01/12/2026\r")
    child.expect_exact("New payment plan")
    for shown in ("€ 1.500,00", "8 instalments, from 01/12/2026 to 01/07/2027", "€ 100,00 on 01/07/2027"):
        child.expect_exact(shown)
    answer(child, "Set up this payment plan?", "\r")
    assert finish(child) == 0, child.before
    view = json.loads(cli("plan", "show", number, "-f", "json").stdout)
    assert (view["arrears"], view["instalment"], len(view["instalments"])) == (1500.0, 200.0, 8)


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_an_interactive_plan_asks_about_other_arrears_and_no_writes_nothing(cli, new_case, db_path):
    number = new_case("--arrears", "1.500")
    before = snapshot(db_path)
    child = spawn_huurbeg(db_path, "plan", number)
    answer(child, "Arrears to pay off", "15000\r")
    answer(child, "€ 15.000,00 differs from the case's arrears of € 1.500,00", "y\r")  # asked where it was typed
    answer(child, "Monthly instalment", "200\r")
    answer(child, "Start date?", "\r")
    answer(child, "Set up this payment plan?", "n\r")
    answer(child, "Which answer do you want to change?", "\x1b[A\r")  # the last: nothing, stop
    assert finish(child) == 130
    assert "nothing was written" in child.before
    assert records(db_path) == before  # only the answers are kept, to be resumed


@pytest.mark.parametrize("lang, said", [
    ("en", "--instalment: € 1.500,00 is more than 2 times the monthly rent of € 450,00"),
    ("nl", "--instalment: € 1.500,00 is meer dan 2 keer de maandhuur van € 450,00")])
def test_an_instalment_far_above_the_rent_is_refused_without_force(cli, new_case, db_path, lang, said):
    number = new_case("--arrears", "4.500", "--rent", "450")
    before = snapshot(db_path)
    result = cli("plan", number, "--arrears", "4.500", "--instalment", "1.500", "--start", "today",
                 env={"HUURBEG_LANG": lang})
    assert_one_line_error(result, code=4, contains=said)
    assert snapshot(db_path) == before
    assert cli("plan", number, "--arrears", "4.500", "--instalment", "900", "--start", "today").exit_code == 0


def test_a_plan_without_arrears_takes_the_case_arrears(cli, new_case):
    number = new_case("--arrears", "1.500")
    result = cli("plan", "new", number, "--instalment", "150", "--start", "today", "--no-input")
    assert result.exit_code == 0, result.output
    assert json.loads(cli("plan", "show", number, "-f", "json").stdout)["arrears"] == 1500.0


def test_a_plan_without_arrears_on_a_case_without_them_names_the_flag(cli, new_case, db_path):
    number = cli("intake", "--track", "pw", "--tenant", "Jan", "--source", "tenant", "--tenant-informed",
                 "--no-input").stdout.strip()
    before = snapshot(db_path)
    result = cli("plan", "new", number, "--instalment", "150", "--start", "today", "--no-input")
    assert_one_line_error(result, code=2, contains="--arrears")
    assert snapshot(db_path) == before


def test_a_payment_typed_for_a_script_takes_no_input_like_every_command_that_may_ask(cli, new_case, db_path):
    number = new_case("--arrears", "4.500")
    assert cli("plan", number, "--arrears", "4.500", "--instalment", "150", "--start", "today").exit_code == 0
    before = snapshot(db_path)
    refused = cli("plan", "pay", number, "--amount", "1.500", "--no-input")
    assert_one_line_error(refused, code=4, contains="--force")
    assert snapshot(db_path) == before
    assert cli("plan", "pay", number, "--amount", "150", "--no-input").exit_code == 0


@pytest.mark.slow
@pytest.mark.sqlite_only
@pytest.mark.parametrize("lang, questions, doubt, again", [
    ("en", ["Arrears to pay off", "Monthly instalment", "Start date?", "Set up this payment plan?"],
     "instalment: € 1.500,00 is more than 2 times the monthly rent of € 450,00. Record it anyway?",
     "Monthly instalment"),
    ("nl", ["Af te betalen huurachterstal", "Maandelijkse afbetaling", "Startdatum?", "Dit afbetalingsplan opstellen?"],
     "afbetaling: € 1.500,00 is meer dan 2 keer de maandhuur van € 450,00. Toch noteren?", "Maandelijkse afbetaling")])
def test_the_doubt_about_an_instalment_comes_right_after_it_and_a_no_asks_it_again(
        cli, new_case, db_path, lang, questions, doubt, again):
    number = new_case("--arrears", "4.500", "--rent", "450")
    before = records(db_path)
    child = spawn_huurbeg(db_path, "plan", number, lang=lang)
    answer(child, questions[0], "\r")
    answer(child, questions[1], "1500\r")
    child.expect_exact(doubt)  # before the start date is asked, its field in words: no flag was typed for it
    assert questions[2] not in child.before and "--" not in child.before.splitlines()[-1]
    child.send("n\r")
    answer(child, again, "150\r")
    answer(child, questions[2], "\r")
    child.expect_exact(questions[3])
    assert records(db_path) == before  # nothing written before the plan is confirmed
    child.send("\r")
    assert finish(child) == 0, child.before
    assert query(db_path, "SELECT arrears_cents, instalment_cents FROM payment_plan") == [(450000, 15000)]
