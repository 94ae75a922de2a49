"""Input as a Flemish caseworker types it, through the real CLI in both languages: amounts (1.700), dates
without a year (17/11), times (9u30) and dwelling codes in any case (dw-1)."""

import json
from datetime import date, datetime

import pytest
import typer

from conftest import INTAKE, assert_one_line_error, snapshot
from huurbeg.core import dates
from huurbeg.cli.root import app

LANGUAGES = ["en", "nl"]
READ_AS = {"en": "17/11 is Wednesday 17/11/2027.", "nl": "17/11 is woensdag 17/11/2027."}
READ_AS_PAST = {"en": "17/11 is Tuesday 17/11/2026.", "nl": "17/11 is dinsdag 17/11/2026."}


@pytest.fixture
def case(cli):
    """A case registered on 01/11/2026 (today is 22/11/2026), so that 17/11 can be a past visit."""
    result = cli(*INTAKE, "--date", "01/11/2026")
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


# --- amounts ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("typed, cents", [
    ("1.700", 170000), ("1.700,50", 170050), ("1700,5", 170050), ("1 700", 170000), ("€ 1.700", 170000),
    ("1700.50", 170050), ("1.70", 170), ("12.345,67", 1234567), ("€ 1.700,-", 170000),
])
def test_an_amount_as_a_fleming_types_it(cli, lang, typed, cents):
    result = cli(*INTAKE, "--arrears", typed, "--format", "json", env={"HUURBEG_LANG": lang})
    assert result.exit_code == 0, result.output
    assert round(json.loads(result.stdout)["arrears"] * 100) == cents


ACCEPTED_AMOUNTS = {"en": "euros such as 1700, 1.700, 1.700,50, 1700,50, 1 700 or 1700.50",
                    "nl": "euro zoals 1700, 1.700, 1.700,50, 1700,50, 1 700 of 1700.50"}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("typed", ["1.7000", "1,2,3", "1.700.5", "abc", "17 00"])
def test_a_wrong_amount_is_one_line_listing_what_is_accepted(cli, db_path, case, lang, typed):
    before = snapshot(db_path)
    result = cli("plan", case, "--arrears", typed, "--instalment", "100", "--start", "today",
                 env={"HUURBEG_LANG": lang})
    assert_one_line_error(result, code=2, contains="--arrears")
    assert ACCEPTED_AMOUNTS[lang] in result.stderr
    assert snapshot(db_path) == before


@pytest.mark.parametrize("lang, said", [("en", "must not be negative"), ("nl", "mag niet negatief")])
def test_a_negative_amount_is_refused(cli, db_path, case, lang, said):
    before = snapshot(db_path)
    result = cli("plan", case, "--arrears", "-1.700", "--instalment", "100", "--start", "today",
                 env={"HUURBEG_LANG": lang})
    assert_one_line_error(result, code=2, contains=said)
    assert snapshot(db_path) == before


def test_a_payment_of_seventeen_hundred(cli, case):
    assert cli("plan", case, "--arrears", "3.400", "--force", "--instalment", "1.700",
               "--start", "01/11/2026").exit_code == 0
    result = cli("plan", "pay", case, "--amount", "1.700", "--date", "17/11")
    assert result.exit_code == 0, result.output
    assert "€ 1.700,00" in result.stderr
    payments = json.loads(cli("plan", "show", case, "-f", "json").stdout)["payments"]
    assert [(p["date"], p["amount"]) for p in payments] == [("2026-11-17", 1700.0)]


# --- dates without a year ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_visit_is_the_past_17_11_and_its_next_visit_the_coming_one(cli, case, lang):
    result = cli("visit", case, "--date", "17/11", "--next", "17/11", "--minutes", "30", "--note", "",
                 "--no-input", env={"HUURBEG_LANG": lang})
    assert result.exit_code == 0, result.output
    [contact] = json.loads(cli("visit", "list", case, "-f", "json").stdout)
    assert (contact["date"], contact["next"]) == ("2026-11-17", "2027-11-17")
    said = result.stderr.splitlines()
    assert said[:2] == [READ_AS_PAST[lang], READ_AS[lang]]  # each date in full, as soon as it is read
    assert "17/11/2027" in said[2]  # and the next visit in the success line


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_list_says_the_date_it_took(cli, case, lang):
    assert cli("visit", case, "--date", "18/11/2026", "--minutes", "30", "--note", "", "--no-input").exit_code == 0
    result = cli("visit", "list", "--since", "17/11", "-f", "json", env={"HUURBEG_LANG": lang})
    assert result.exit_code == 0, result.output
    assert [c["date"] for c in json.loads(result.stdout)] == ["2026-11-18"]  # stdout stays data
    assert result.stderr.splitlines() == [READ_AS_PAST[lang]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_error_after_a_day_without_a_year_says_the_year_on_a_line_of_its_own(cli, db_path, new_case, lang):
    number = new_case()  # registered today, 22/11/2026
    before = snapshot(db_path)
    result = cli("visit", number, "--date", "17/11", "--minutes", "30", "--no-input", env={"HUURBEG_LANG": lang})
    assert result.exit_code == 2, result.output
    error, said = result.stderr.splitlines()
    assert error.startswith(("huurbeg: error: ", "huurbeg: fout: ")) and "22/11/2026" in error
    assert READ_AS_PAST[lang] not in error
    assert said == READ_AS_PAST[lang]  # which year the refused 17/11 was read in
    assert result.stdout == ""
    assert snapshot(db_path) == before


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_agreement_is_due_the_coming_17_11(cli, case, lang):
    result = cli("plan", "agree", case, "Keuken poetsen", "--due", "17/11", env={"HUURBEG_LANG": lang})
    assert result.exit_code == 0, result.output
    assert READ_AS[lang] in result.stderr
    assert "17/11/2027" in result.stderr.splitlines()[-1]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_year_typed_is_not_repeated(cli, case, lang):
    result = cli("visit", case, "--date", "17/11/2026", "--minutes", "30", "--note", "", "--next", "+2w",
                 "--no-input", env={"HUURBEG_LANG": lang})
    assert result.exit_code == 0, result.output
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("lang, accepted", [("en", "dd/mm/yyyy, dd/mm, yyyy-mm-dd"),
                                            ("nl", "dd/mm/jjjj, dd/mm, jjjj-mm-dd")])
@pytest.mark.parametrize("typed", ["17-11-", "1711"])
def test_a_wrong_day_without_a_year_is_refused(cli, db_path, case, lang, accepted, typed):
    before = snapshot(db_path)
    result = cli("visit", case, "--next", typed, "--minutes", "30", "--no-input", env={"HUURBEG_LANG": lang})
    assert_one_line_error(result, code=2, contains="--next")
    assert accepted in result.stderr
    assert snapshot(db_path) == before


@pytest.mark.parametrize("lang, typed, reason", [
    ("en", "31/11", "not a date: November has 30 days"), ("nl", "31/11", "geen datum: november heeft 30 dagen"),
    ("en", "17/13", "not a date: the months are 1 to 12"), ("nl", "0/11", "geen datum: de dagen van een maand "
                                                                         "beginnen bij 1")])
def test_a_day_the_calendar_does_not_have_says_why(cli, db_path, case, lang, typed, reason):
    before = snapshot(db_path)
    result = cli("visit", case, "--next", typed, "--minutes", "30", "--no-input", env={"HUURBEG_LANG": lang})
    assert_one_line_error(result, code=2, contains="--next")
    assert reason in result.stderr
    assert snapshot(db_path) == before


@pytest.mark.parametrize("lang, reason", [("en", "not a date: November has 30 days"),
                                          ("nl", "geen datum: november heeft 30 dagen")])
def test_a_birth_date_of_31_november_says_november_has_30_days(cli, db_path, case, lang, reason):
    before = snapshot(db_path)
    result = cli("case", "edit", case, "--birth-date", "31/11/1985", env={"HUURBEG_LANG": lang})
    assert_one_line_error(result, code=2, contains="--birth-date")
    assert reason in result.stderr and "1985" not in result.stderr  # the typed birth date is not echoed
    assert snapshot(db_path) == before


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_birth_date_wants_its_year(cli, db_path, case, lang):
    before = snapshot(db_path)
    result = cli("case", "edit", case, "--birth-date", "17/11", env={"HUURBEG_LANG": lang})
    assert_one_line_error(result, code=2, contains="--birth-date")
    assert "dd/mm," not in result.stderr
    assert snapshot(db_path) == before


@pytest.mark.parametrize("typed, born", [
    ("14/3/88", date(1988, 3, 14)), ("14.03.05", date(2005, 3, 14)), ("14-3-26", date(2026, 3, 14)),
    ("23/11/26", date(1926, 11, 23)), ("1/1/00", date(2000, 1, 1))])
def test_a_birth_date_with_two_digits_of_its_year_is_the_one_in_the_past(cli, case, typed, born):
    result = cli("case", "edit", case, "--birth-date", typed)
    assert result.exit_code == 0, result.output
    assert born.strftime("%d/%m/%Y") in result.stderr  # said in full, as a day without its year is
    assert json.loads(cli("case", "show", case, "-f", "json").stdout)["tenant"]["birth_date"] == born.isoformat()


def test_every_other_date_wants_four_digits_of_its_year():
    for name, annotation, parse in date_options():
        if name.endswith("--birth-date"):
            assert parse("14/3/88") == date(1988, 3, 14), name
            continue
        with pytest.raises(typer.BadParameter):
            parse("14/3/88 9u30" if annotation is datetime else "14/3/88")


DIRECTIONS = {
    "intake --birth-date": None, "case edit --birth-date": None,
    "intake --date": dates.PAST, "case attach --date": dates.PAST, "case consent --date": dates.PAST, "case track --date": dates.PAST,
    "case close --date": dates.PAST, "visit add --date": dates.PAST, "visit edit --date": dates.PAST,
    "visit list --since": dates.PAST, "plan pay --date": dates.PAST, "plan payment-edit --date": dates.PAST,
    "plan done --date": dates.PAST, "plan agree-edit --done": dates.PAST, "plan fbu --signed": dates.PAST,
    "plan fbu-paid --date": dates.PAST, "plan fbu-filed --date": dates.PAST, "hearing add --petition-date": dates.PAST,
    "hearing served --date": dates.PAST, "hearing eviction --announced": dates.PAST,
    "hearing edit --petition-date": dates.PAST, "transfer in --date": dates.PAST, "transfer out --date": dates.PAST,
    "refer add --date": dates.PAST, "refer outcome --date": dates.PAST, "purge --closed-before": dates.PAST,
    "visit add --next": dates.COMING, "visit edit --next": dates.COMING, "plan agree --due": dates.COMING,
    "plan agree-edit --due": dates.COMING, "hearing add --date": dates.COMING, "hearing outcome --new-date": dates.COMING,
    "hearing outcome --eviction-date": dates.COMING, "hearing eviction --date": dates.COMING,
    "transfer in --until": dates.COMING,
    "transfer in --review": dates.COMING, "transfer extend --until": dates.COMING,
    "transfer extend --review": dates.COMING, "letter --date": dates.COMING,
    "stats --from": dates.NEAREST, "stats --to": dates.NEAREST, "deadlines --as-of": dates.NEAREST,
    "digest --as-of": dates.NEAREST, "case list --as-of": dates.NEAREST, "case show --as-of": dates.NEAREST,
    "plan show --as-of": dates.NEAREST, "transfer list --as-of": dates.NEAREST, "plan new --start": dates.NEAREST,
    "plan fbu --start": dates.NEAREST, "hearing list --date": dates.NEAREST, "hearing edit --date": dates.NEAREST,
}
"""Every option taking a date, and which 17/11 it means: a new one must be decided here."""


def date_options(command=None, path=()):
    """(command and option, date or datetime, its parser) of every option of the tree, groups included."""
    command = command or typer.main.get_command(app)
    for param in command.params:
        described = getattr(param, "type_descriptor", None)
        if described is not None and described.annotation in (date, datetime):
            yield " ".join((*path, param.opts[0])), described.annotation, described.parameter_info.parser
    for name, sub in getattr(command, "commands", {}).items():
        yield from date_options(sub, (*path, name))


def test_every_date_option_reads_a_day_without_a_year_in_its_direction(capsys):
    """Walks the whole CLI: each date option completes 17/11 (and 17/11 9u30) as its field looks, and says the
    date in full; a birth date refuses it."""
    found = list(date_options())
    assert {name for name, _, _ in found} == set(DIRECTIONS), "a date option without a decided direction"
    today = date(2026, 11, 22)  # the pinned HUURBEG_TODAY
    for name, annotation, parse in found:
        typed = "17/11 9u30" if annotation is datetime else "17/11"
        direction = DIRECTIONS[name]
        if direction is None:
            with pytest.raises(typer.BadParameter, match="use dd/mm/yyyy"):
                parse(typed)
            continue
        value = parse(typed)
        expected = {dates.PAST: date(2026, 11, 17), dates.COMING: date(2027, 11, 17),
                    dates.NEAREST: date(2026, 11, 17)}[direction]
        assert (value.date() if annotation is datetime else value) == expected, name
        if annotation is datetime:
            assert (value.hour, value.minute) == (9, 30), name
        said = capsys.readouterr().err
        assert f"{expected:%d/%m/%Y}" in said and said.startswith(typed), name
        assert dates.parse_date(typed.split()[0], today, direction) == expected


# --- times ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("typed, at", [
    ("9u", "09:00"), ("9u30", "09:30"), ("9.30", "09:30"), ("9h30", "09:30"), ("09:30", "09:30"), ("9:30", "09:30"),
    ("14u", "14:00"),
])
def test_a_hearing_at_a_time_as_a_fleming_writes_it(cli, case, lang, typed, at):
    result = cli("hearing", "add", case, "--date", f"24/11/2026 {typed}", "--court", "Vredegerecht Mechelen",
                 env={"HUURBEG_LANG": lang})
    assert result.exit_code == 0, result.output
    assert f"24/11/2026 {at}" in result.stderr
    [hearing] = json.loads(cli("hearing", "list", "-f", "json").stdout)
    assert hearing["starts_at"] == f"2026-11-24T{at}:00"


@pytest.mark.parametrize("lang, accepted", [("en", "9u, 9u30, 9h30, 9.30 or 09:30"),
                                            ("nl", "9u, 9u30, 9h30, 9.30 of 09:30")])
@pytest.mark.parametrize("typed", ["25u", "9u75", "930", "9", "24u", "9:60"])
def test_a_wrong_time_is_refused(cli, db_path, case, lang, accepted, typed):
    before = snapshot(db_path)
    result = cli("hearing", "add", case, "--date", f"24/11/2026 {typed}", "--court", "Vredegerecht Mechelen",
                 env={"HUURBEG_LANG": lang})
    assert_one_line_error(result, code=2, contains="--date")
    assert accepted in result.stderr
    assert snapshot(db_path) == before


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_hearing_without_a_year_is_the_coming_one(cli, case, lang):
    result = cli("hearing", "add", case, "--date", "17/11 9u", "--court", "Vredegerecht Mechelen",
                 env={"HUURBEG_LANG": lang})
    assert result.exit_code == 0, result.output
    assert "17/11/2027 09:00" in result.stderr.splitlines()[0]  # the date in full, with its weekday
    assert "17/11/2027 09:00" in result.stderr.splitlines()[-1]  # and in the success line
    [hearing] = json.loads(cli("hearing", "list", "--within", "400", "-f", "json").stdout)
    assert hearing["starts_at"] == "2027-11-17T09:00:00"


# --- dwelling codes ---------------------------------------------------------------------------------

@pytest.fixture
def dwelling_case(cli):
    result = cli("intake", "--track", "dw", "--tenant", "Mia Claes", "--source", "ocmw", "--tenant-informed",
                 "--date", "01/11/2026", "--no-input")
    assert result.exit_code == 0, result.output
    assert cli("transfer", "dwelling", "add", "DW-1", "--kind", "transit").exit_code == 0
    return result.stdout.strip()


@pytest.mark.parametrize("typed", ["dw-1", " dw-1 ", "Dw-1", "DW-1"])
def test_a_dwelling_is_found_in_any_case(cli, dwelling_case, typed):
    result = cli("transfer", "in", dwelling_case, "--dwelling", typed)
    assert result.exit_code == 0, result.output
    assert "admitted to DW-1" in result.stderr  # the code as stored
    [row] = json.loads(cli("transfer", "list", "-f", "json").stdout)
    assert (row["dwelling"], row["case"]) == ("DW-1", dwelling_case)


@pytest.mark.parametrize("lang, said", [("en", "exists already"), ("nl", "bestaat al")])
def test_a_dwelling_differing_only_in_case_is_the_same_dwelling(cli, db_path, dwelling_case, lang, said):
    before = snapshot(db_path)
    result = cli("transfer", "dwelling", "add", " dw-1", "--kind", "crisis", env={"HUURBEG_LANG": lang})
    assert_one_line_error(result, contains=said)
    assert "DW-1" in result.stderr
    assert snapshot(db_path) == before


def test_an_unknown_dwelling_is_still_refused(cli, db_path, dwelling_case):
    before = snapshot(db_path)
    assert_one_line_error(cli("transfer", "in", dwelling_case, "--dwelling", "dw-2"), contains="--dwelling")
    assert snapshot(db_path) == before


# --- at a prompt --------------------------------------------------------------------------------------

NO_31_NOVEMBER = {"en": "November has 30 days", "nl": "november heeft 30 dagen"}


@pytest.mark.slow
@pytest.mark.parametrize("lang, question", [("en", "Next contact"), ("nl", "Volgend contact")])
def test_a_prompt_reads_a_day_without_a_year_as_the_flag_does(db_path, cli, case, lang, question):
    import os
    import sys

    pexpect = pytest.importorskip("pexpect")
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", NO_COLOR="1", HUURBEG_LANG=lang)
    child = pexpect.spawn(sys.executable, ["-m", "huurbeg", "visit", case, "--kind", "phone", "--minutes", "10",
                                           "--note", "", "--reached"], env=env, encoding="utf-8", timeout=20, dimensions=(40, 120))
    child.expect_exact(question)
    child.send("31/11\r")  # no such day: refused at the prompt, as --next refuses it, saying why
    child.expect_exact(NO_31_NOVEMBER[lang])
    child.send("\x7f" * 5 + "17/11\r")
    child.expect_exact(READ_AS[lang])  # under the answer, in full
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    [contact] = json.loads(cli("visit", "list", case, "-f", "json").stdout)
    assert contact["next"] == "2027-11-17"
