"""Values as a Flemish caseworker types them, through the real CLI in both languages: a time spent (1u30), a date
with a time where only the day is kept (9/12 14u), overmorgen and weekdays, months (december, 12/2026), a landlord
named in part (woonpunt), and codes named by their Dutch names on a Dutch screen, in every help and refusal."""

import json
import re
from datetime import date
from enum import StrEnum

import pytest
import typer

from conftest import INTAKE, assert_one_line_error, snapshot
from huurbeg.core import dates
from huurbeg.core.codes import ALIASES, names, parse_code, shown
from huurbeg.core.i18n import speaking
from huurbeg.cli.root import app

LANGUAGES = ["en", "nl"]
TODAY = date(2026, 11, 22)  # the pinned HUURBEG_TODAY: a Sunday


@pytest.fixture
def case(cli):
    """A case registered on 01/11/2026, so that a visit can lie in the past."""
    result = cli(*INTAKE, "--date", "01/11/2026")
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


# --- time spent --------------------------------------------------------------------------------------

MINUTES = [("90", 90), ("1u30", 90), ("1u", 60), ("1h30", 90), ("1:30", 90), ("45min", 45), ("45 min", 45),
           ("2u", 120), ("2 uur", 120), ("1u 30", 90), ("0", 0), ("8u", 480), ("7:59", 479), (" 1U30 ", 90)]
NOT_MINUTES = ["9u", "481", "13u", "1u75", "1:5", "1.30", "anderhalf uur", "-10", "1u30u", "", "2147483648"]
ACCEPTED_MINUTES = {"en": "use a time such as 90, 45 min, 1u30, 1:30 or 2u, at most 8 hours",
                    "nl": "gebruik een tijd zoals 90, 45 min, 1u30, 1:30 of 2u, hoogstens 8 uur"}


@pytest.mark.parametrize("typed, minutes", MINUTES)
def test_a_time_spent_as_a_fleming_types_it(typed, minutes):
    assert dates.parse_minutes(typed, 480) == minutes


@pytest.mark.parametrize("typed", NOT_MINUTES)
def test_an_implausible_or_unreadable_time_spent_is_refused(typed):
    with pytest.raises(ValueError, match="at most 8 hours"):
        dates.parse_minutes(typed, 480)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("typed, minutes", [("1u30", 90), ("45 min", 45), ("1:30", 90), ("2u", 120), ("90", 90)])
def test_a_visit_takes_the_time_as_typed(cli, case, lang, typed, minutes):
    result = cli("visit", case, "--minutes", typed, "--note", "", "--no-input", env={"HUURBEG_LANG": lang})
    assert result.exit_code == 0, result.output
    [contact] = json.loads(cli("visit", "list", case, "-f", "json").stdout)
    assert contact["minutes"] == minutes
    assert cli("visit", "edit", case, str(contact["id"]), "--minutes", "1h", env={"HUURBEG_LANG": lang}).exit_code == 0
    [contact] = json.loads(cli("visit", "list", case, "-f", "json").stdout)
    assert contact["minutes"] == 60


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("command", [["visit"], ["visit", "edit"]])
@pytest.mark.parametrize("typed", ["9u", "1u75", "1.30"])
def test_a_wrong_time_spent_is_one_line_and_writes_nothing(cli, db_path, case, lang, command, typed):
    assert cli("visit", case, "--minutes", "30", "--note", "", "--no-input").exit_code == 0
    before = snapshot(db_path)
    args = [*command, case, *(["1"] if command[-1] == "edit" else []), "--minutes", typed]
    result = cli(*args, "--no-input" if command == ["visit"] else "--note=x", env={"HUURBEG_LANG": lang})
    assert_one_line_error(result, code=2, contains="--minutes")
    assert ACCEPTED_MINUTES[lang] in result.stderr
    assert "2147483647" not in result.stderr
    assert snapshot(db_path) == before


@pytest.mark.slow
@pytest.mark.parametrize("lang, question, refused, next_contact", [
    ("en", "Minutes spent?", "at most 8 hours", "Next contact"),
    ("nl", "Bestede minuten?", "hoogstens 8 uur", "Volgend contact")])
def test_the_visit_question_takes_the_time_as_the_flag_does(db_path, cli, case, lang, question, refused,
                                                            next_contact):
    import os
    import sys

    pexpect = pytest.importorskip("pexpect")
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", NO_COLOR="1", HUURBEG_LANG=lang)
    child = pexpect.spawn(sys.executable, ["-m", "huurbeg", "visit", case, "--kind", "phone", "--note", "",
                                           "--reached"], env=env, encoding="utf-8", timeout=20, dimensions=(24, 80))
    child.expect_exact(question)
    child.send("9u\r")  # refused at the prompt, as --minutes refuses it
    child.expect_exact(refused)
    child.send("\x7f" * 2 + "1u30\r")
    child.expect_exact(next_contact)
    child.send("\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    [contact] = json.loads(cli("visit", "list", case, "-f", "json").stdout)
    assert contact["minutes"] == 90


# --- dates: words, weekdays, a time where only the day is kept ---------------------------------------

@pytest.mark.parametrize("typed, direction, expected", [
    ("overmorgen", dates.COMING, date(2026, 11, 24)), ("eergisteren", dates.PAST, date(2026, 11, 20)),
    ("overmorgen", None, date(2026, 11, 24)), ("day after tomorrow", dates.COMING, date(2026, 11, 24)),
    ("vrijdag", dates.COMING, date(2026, 11, 27)), ("vrijdag", dates.PAST, date(2026, 11, 20)),
    ("Friday", dates.COMING, date(2026, 11, 27)), ("monday", dates.COMING, date(2026, 11, 23)),
    ("maandag", dates.PAST, date(2026, 11, 16)), ("maandag", dates.NEAREST, date(2026, 11, 23)),
    ("zaterdag", dates.NEAREST, date(2026, 11, 21)),
    ("zondag", dates.COMING, date(2026, 11, 29)), ("zondag", dates.PAST, date(2026, 11, 15)),  # never today itself
    ("9/12 14u", dates.COMING, date(2026, 12, 9)), ("9/12/2026 9u30", dates.PAST, date(2026, 12, 9)),
    ("vrijdag 10u", dates.COMING, date(2026, 11, 27)), ("morgen 14:00", dates.COMING, date(2026, 11, 23)),
])
def test_a_date_in_words(typed, direction, expected):
    assert dates.parse_date(typed, TODAY, direction) == expected


@pytest.mark.parametrize("typed, direction", [
    ("vrijdag", None), ("frydag", dates.COMING), ("vrijdag 25u", dates.COMING), ("9/12 14u", None),
    ("9/12 14u 15u", dates.COMING), ("9/12 930", dates.COMING), ("vrijdag", dates.BIRTH), ("volgende", dates.COMING),
])
def test_what_is_not_a_date_is_refused(typed, direction):
    with pytest.raises(ValueError):
        dates.parse_date(typed, TODAY, direction)


LEFT_OUT = {"en": "9/12 14u is Wednesday 09/12/2026; only the day is kept, not the time 14:00.",
            "nl": "9/12 14u is woensdag 09/12/2026; alleen de dag wordt bewaard, niet het uur 14:00."}
FRIDAY = {"en": "vrijdag is Friday 27/11/2026.", "nl": "vrijdag is vrijdag 27/11/2026."}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_next_contact_with_a_time_keeps_the_day_and_says_so(cli, case, lang):
    """The next contact is a day (its column holds a date): the time typed with it is said to be left out."""
    result = cli("visit", case, "--minutes", "30", "--note", "", "--next", "9/12 14u", "--no-input",
                 env={"HUURBEG_LANG": lang})
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == LEFT_OUT[lang]
    [contact] = json.loads(cli("visit", "list", case, "-f", "json").stdout)
    assert contact["next"] == "2026-12-09"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_weekdays_and_overmorgen_on_the_command_line(cli, case, lang):
    result = cli("visit", case, "--date", "eergisteren", "--minutes", "30", "--note", "", "--next", "vrijdag",
                 "--no-input", env={"HUURBEG_LANG": lang})
    assert result.exit_code == 0, result.output
    assert FRIDAY[lang] in result.stderr.splitlines()
    assert cli("visit", case, "--date", "maandag", "--minutes", "30", "--note", "", "--next", "overmorgen",
               "--no-input", env={"HUURBEG_LANG": lang}).exit_code == 0
    contacts = json.loads(cli("visit", "list", case, "-f", "json").stdout)
    assert sorted((c["date"], c["next"]) for c in contacts) == [("2026-11-16", "2026-11-24"),
                                                               ("2026-11-20", "2026-11-27")]
    hearing = cli("hearing", "add", case, "--date", "monday 9u30", "--court", "Vredegerecht Mechelen",
                  env={"HUURBEG_LANG": lang})
    assert hearing.exit_code == 0, hearing.output
    assert json.loads(cli("hearing", "list", "-f", "json").stdout)[0]["starts_at"] == "2026-11-23T09:30:00"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("typed", ["frydag", "vrijdag 25u", "9/12 14u 15u"])
def test_a_wrong_date_in_words_is_one_line_and_writes_nothing(cli, db_path, case, lang, typed):
    before = snapshot(db_path)
    result = cli("visit", case, "--minutes", "30", "--note", "", "--next", typed, "--no-input",
                 env={"HUURBEG_LANG": lang})
    assert_one_line_error(result, code=2, contains="--next")
    assert snapshot(db_path) == before


def test_every_date_option_takes_a_weekday_and_a_date_with_a_time_in_its_direction(capsys):
    """Walks the whole CLI: each date option reads vrijdag as its field looks (the direction decided for 17/11 in
    test_belgian_input), and a date option that keeps no time takes '9/12 14u' as 9/12, saying so."""
    from datetime import datetime

    from test_belgian_input import DIRECTIONS, date_options

    for name, annotation, parse in date_options():
        direction = DIRECTIONS[name]
        if direction is None:  # a birth date
            for typed in ("vrijdag", "14/3/1988 9u"):
                with pytest.raises(typer.BadParameter):
                    parse(typed)
            continue
        friday = {dates.PAST: date(2026, 11, 20), dates.COMING: date(2026, 11, 27),
                  dates.NEAREST: date(2026, 11, 20)}[direction]  # on a Sunday the last Friday is nearer
        if annotation is datetime:
            assert parse("vrijdag 9u30") == datetime(2026, 11, 27 if direction == dates.COMING else 20, 9, 30) \
                or parse("vrijdag 9u30").date() == friday, name
            capsys.readouterr()
            continue
        assert parse("vrijdag") == friday, name
        assert capsys.readouterr().err.startswith("vrijdag is "), name
        assert parse("17/11/2026 14u") == date(2026, 11, 17), name
        assert "14:00" in capsys.readouterr().err, name


# --- months and years --------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, first", [
    ("12/2026", date(2026, 12, 1)), ("12-2026", date(2026, 12, 1)), ("2026-12", date(2026, 12, 1)),
    ("december 2026", date(2026, 12, 1)), ("dec 2026", date(2026, 12, 1)), ("December", date(2025, 12, 1)),
    ("december", date(2025, 12, 1)), ("12", date(2025, 12, 1)), ("november", date(2026, 11, 1)),
    ("11", date(2026, 11, 1)), ("okt", date(2026, 10, 1)), ("october", date(2026, 10, 1)),
    ("maart 2025", date(2025, 3, 1)), ("mrt", date(2026, 3, 1)), ("vorige", date(2026, 10, 1)),
    ("deze", date(2026, 11, 1)), ("last", date(2026, 10, 1)), ("this", date(2026, 11, 1)),
    ("vorige maand", date(2026, 10, 1)), ("1/2027", date(2027, 1, 1)),
])
def test_a_month_as_a_worker_names_it(typed, first):
    """A month without its year is the latest such month that has begun (on 22/11/2026: december is 2025's)."""
    assert dates.parse_month(typed, TODAY) == first


@pytest.mark.parametrize("typed", ["13", "13/2026", "0", "decembre", "dec 26", "2026", "12/26", "", "2026-13"])
def test_what_is_not_a_month_is_refused(typed):
    with pytest.raises(ValueError, match="12/2026"):
        dates.parse_month(typed, TODAY)


@pytest.mark.parametrize("typed, year", [("2026", 2026), ("vorig", 2025), ("vorig jaar", 2025), ("last", 2025),
                                         ("dit jaar", 2026), ("this", 2026)])
def test_a_year_as_a_worker_names_it(typed, year):
    assert dates.parse_year(typed, TODAY) == year


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("option, typed, period", [
    ("--month", "12/2026", "2026-12"), ("--month", "december", "2025-12"), ("--month", "dec 2026", "2026-12"),
    ("--month", "12", "2025-12"), ("--month", "vorige", "2026-10"), ("--month", "deze", "2026-11"),
    ("--month", "October", "2026-10"), ("--month", "12-2026", "2026-12"), ("--year", "vorig", "2025"),
    ("--year", "2026", "2026"),
])
def test_stats_takes_a_month_as_it_is_named(cli, case, lang, option, typed, period):
    result = cli("stats", option, typed, "--format", "json", env={"HUURBEG_LANG": lang})
    assert result.exit_code == 0, result.output
    assert {row["period"] for row in json.loads(result.stdout)} == {period}


@pytest.mark.parametrize("lang, said", [("en", "use a month such as 12/2026"), ("nl", "gebruik een maand zoals 12/2026")])
@pytest.mark.parametrize("typed", ["13", "decembre", "2026"])
def test_stats_refuses_what_is_no_month_in_one_line(cli, case, lang, said, typed):
    result = cli("stats", "--month", typed, env={"HUURBEG_LANG": lang})
    assert_one_line_error(result, code=2, contains=said)


@pytest.mark.parametrize("lang, forms", [("en", "12/2026, 12-2026, 2026-12, december 2026, dec 2026, december or 12"),
                                         ("nl", "12/2026, 12-2026, 2026-12, december 2026, dec 2026, december of 12")])
def test_the_help_of_stats_lists_the_forms_of_a_month(cli, lang, forms):
    result = cli("stats", "--help", env={"HUURBEG_LANG": lang})
    assert forms in " ".join(result.stdout.split())


# --- a landlord named in part --------------------------------------------------------------------------

@pytest.fixture
def woonpunt(cli):
    """A case whose landlord is Woonpunt Gent."""
    result = cli(*[a if a != "Woonpunt" else "Woonpunt Gent" for a in INTAKE], "--date", "01/11/2026")
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


OTHER = ["intake", "--track", "pw", "--tenant", "Piet Jansen", "--address", "Dorp 2, 9000 Gent", "--source",
         "tenant", "--tenant-informed", "--no-input"]
REFUSED = {"en": "'Woonpunt Gent' is; give that name, or add --new-landlord if it is another landlord",
           "nl": "'Woonpunt Gent' wel; geef die naam, of voeg --new-landlord toe als het een andere verhuurder is"}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("typed", ["woonpunt", "Woonpunt", "gent", "Woonpnt Gent", "Wonpunt Gent",
                                   "woonpunt gnet"])
def test_a_landlord_that_is_part_of_a_known_one_or_a_typo_away_is_refused_without_a_terminal(
        cli, db_path, woonpunt, lang, typed):
    before = snapshot(db_path)
    for command in ([*OTHER, "--landlord", typed, "--landlord-type", "shm"],
                    ["case", "edit", woonpunt, "--landlord", typed, "--landlord-type", "private"]):
        result = cli(*command, env={"HUURBEG_LANG": lang})
        assert_one_line_error(result, contains="--landlord: ")
        assert REFUSED[lang] in result.stderr
    assert snapshot(db_path) == before


@pytest.mark.parametrize("typed", ["woonpunt gent", "Woonpunt-Gent", "Wöonpunt Gent"])
def test_a_known_landlord_written_otherwise_is_that_landlord(cli, woonpunt, typed):
    result = cli(*OTHER, "--landlord", typed, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["landlord"]["name"] == "Woonpunt Gent"


@pytest.mark.parametrize("typed", ["Woonhaven", "wo", "Gent Huurt"])
def test_a_landlord_like_no_known_one_is_new(cli, woonpunt, typed):
    result = cli(*OTHER, "--landlord", typed, "--landlord-type", "private", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["landlord"]["name"] == typed


def test_new_landlord_says_it_is_really_new(cli, woonpunt):
    result = cli(*OTHER, "--landlord", "woonpunt", "--landlord-type", "private", "--new-landlord", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["landlord"] == {**json.loads(result.stdout)["landlord"], "name": "woonpunt"}
    result = cli("case", "edit", woonpunt, "--landlord", "Woonpnt Gent", "--landlord-type", "shm", "--new-landlord")
    assert result.exit_code == 0, result.output
    assert cli("landlord", "show", "Woonpnt Gent").exit_code == 0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_lookup_takes_a_part_that_only_one_landlord_holds(cli, db_path, woonpunt, lang):
    shown = cli("landlord", "show", "woonpunt", "--format", "json", env={"HUURBEG_LANG": lang})
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["name"] == "Woonpunt Gent"
    edited = cli("landlord", "edit", "gent", "--phone", "09 123 45 67", env={"HUURBEG_LANG": lang})
    assert edited.exit_code == 0, edited.output
    assert json.loads(cli("landlord", "show", "Woonpunt Gent", "-f", "json").stdout)["phone"] == "09 123 45 67"
    listed = cli("case", "list", "--landlord", "woonpunt", "--format", "json", env={"HUURBEG_LANG": lang})
    assert [row["case"] for row in json.loads(listed.stdout)] == [woonpunt]


@pytest.mark.parametrize("lang, said", [("en", "is part of the names of several landlords: 'Woonpunt Gent', "
                                               "'Woonpunt Zele'"),
                                        ("nl", "staat in de naam van meerdere verhuurders: 'Woonpunt Gent', "
                                               "'Woonpunt Zele'")])
def test_a_part_that_several_landlords_hold_names_them(cli, db_path, woonpunt, lang, said):
    assert cli(*OTHER, "--landlord", "Woonpunt Zele", "--landlord-type", "shm").exit_code == 0
    before = snapshot(db_path)
    for command in (["landlord", "show", "woonpunt"], ["landlord", "edit", "woonpunt", "--phone", "1"]):
        result = cli(*command, env={"HUURBEG_LANG": lang})
        assert_one_line_error(result, contains=said)
    assert snapshot(db_path) == before


# --- codes in the reader's words, on every option that takes one -----------------------------------------

def code_options(command=None, path=()):
    """(command path, the command, the option, its code list, its parser) of every option that takes a code."""
    command = command or typer.main.get_command(app)
    for param in command.params:
        info = getattr(getattr(param, "type_descriptor", None), "parameter_info", None)
        code_list = getattr(getattr(info, "parser", None), "code_list", None)
        if isinstance(code_list, type) and issubclass(code_list, StrEnum):
            yield path, command, param, code_list, info.parser
    for name, sub in getattr(command, "commands", {}).items():
        yield from code_options(sub, (*path, name))


def english_only(code_list) -> set[str]:
    """The slugs of a code list a Dutch reader does not type: those that are no Dutch name or label of it too
    (pw is PW on a Dutch screen, ocmw OCMW)."""
    with speaking("nl"):
        dutch = set(names(code_list)) | set(ALIASES.get(code_list, {})) | {
            shown(member).lower().replace(" ", "-") for member in code_list}
    return {member.value for member in code_list} - dutch


def test_every_code_option_speaks_dutch_to_a_dutch_reader(cli, monkeypatch):
    """Walks the whole CLI: on a Dutch screen, the help of every option taking a code, its metavar, every example
    or sentence of the command's help that gives it a value, and the refusal of a wrong value name the codes by
    their Dutch names only; and every Dutch name is taken."""
    from huurbeg.cli.helptext import speak

    root = typer.main.get_command(app)
    speak(root, "nl")
    found = list(code_options(root))
    assert len(found) > 20
    monkeypatch.setenv("HUURBEG_LANG", "nl")
    helps: dict[tuple, str] = {}
    wrong = []
    for path, command, param, code_list, parse in found:
        where = " ".join((*path, param.opts[0]))
        if path not in helps:
            result = cli(*path, "--help")
            assert result.exit_code == 0, (where, result.output)
            helps[path] = " ".join(result.stdout.split())
        english = english_only(code_list)
        words = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(english))) + r")(?![\w-])") \
            if english else None
        if words:
            if words.search(param.help or ""):
                wrong.append((where, "help", param.help))
            if words.search(param.metavar or ""):
                wrong.append((where, "metavar", param.metavar))
            for flag in param.opts:
                for value in re.findall(re.escape(flag) + r"[ =](\S+)", helps[path]):
                    if value.strip("'\".,;)") in english:
                        wrong.append((where, "in the help", value))
        with speaking("nl"):
            with pytest.raises(typer.BadParameter) as refused:
                parse("geen-code")
            said = str(refused.value.message)
            if ", ".join(names(code_list)) not in said or words and words.search(said.split("gebruik een van:")[-1]):
                wrong.append((where, "refusal", said))
            for member in code_list:
                for name in {names(code_list)[list(code_list).index(member)],
                             *(n for n, m in ALIASES.get(code_list, {}).items() if m is member)}:
                    value = parse(name)  # an outcome stays text until the session it ends is known
                    if parse_code(code_list, str(value), "code") is not member:
                        wrong.append((where, "not taken", name))
    assert not wrong, "\n".join(map(str, wrong))


@pytest.mark.parametrize("lang, listed", [("en", "private, shm, svk, other"), ("nl", "privé, shm, svk, andere")])
def test_a_new_landlord_without_its_kind_lists_the_kinds_in_the_readers_words(cli, db_path, woonpunt, lang, listed):
    before = snapshot(db_path)
    for command in ([*OTHER, "--landlord", "Woonhaven"], ["case", "edit", woonpunt, "--landlord", "Woonhaven"]):
        result = cli(*command, env={"HUURBEG_LANG": lang})
        assert_one_line_error(result, contains="--landlord-type")
        assert result.stderr.strip().endswith(listed)
    assert snapshot(db_path) == before


@pytest.mark.parametrize("lang, listed", [("en", "landlord, tenant, court"), ("nl", "verhuurder, huurder, vredegerecht")])
def test_a_letter_is_addressed_in_the_readers_words(cli, case, lang, listed):
    result = cli("letter", case, "--to", "nobody", "--preview", env={"HUURBEG_LANG": lang})
    assert_one_line_error(result, code=2, contains=listed)
    result = cli("letter", case, "--preview", env={"HUURBEG_LANG": lang})
    assert_one_line_error(result, contains=listed)
    usage = " ".join(cli("letter", "--help", env={"HUURBEG_LANG": lang}).stdout.split())
    assert "landlord|tenant|court" not in usage


@pytest.mark.slow
@pytest.mark.parametrize("lang, offered, keys, landlord", [
    ("nl", "(J/n)", "\r", "Woonpunt Gent"),  # Enter takes the known one
    ("en", "(Y/n)", "n\r", "woonpunt"),  # No keeps it as typed: a new landlord, asked nothing more
])
def test_on_a_terminal_a_landlord_given_in_part_is_offered_as_the_known_one(cli, db_path, woonpunt, lang, offered,
                                                                           keys, landlord):
    from conftest import finish, spawn_huurbeg

    other = cli(*OTHER, "--landlord", "Woonhaven", "--landlord-type", "private").stdout.strip()
    child = spawn_huurbeg(db_path, "case", "edit", other, "--landlord", "woonpunt", "--landlord-type", "svk",
                          lang=lang)
    child.expect_exact("Woonpunt Gent?")
    child.expect_exact(offered)
    child.send(keys)
    assert finish(child) == 0, child.before
    assert json.loads(cli("case", "show", other, "-f", "json").stdout)["landlord"]["name"] == landlord


def _english_only_slugs() -> set[str]:
    """The slugs of every code list that a Dutch reader never types: with a hyphen (so no word of a Dutch
    sentence), and not among the list's Dutch names; the tracks' slugs (pw, pre-ogp, ogp) are the service's own
    Dutch abbreviations."""
    import huurbeg.core.codes as codes

    lists = [value for value in vars(codes).values() if isinstance(value, type) and issubclass(value, StrEnum)
             and value not in (StrEnum, codes.Track) and value.__module__ == codes.__name__]  # pre-ogp: Dutch too
    with speaking("nl"):
        return {code.value for enum in lists for code in enum if "-" in code.value and code.value not in names(enum)}


def test_no_help_on_a_dutch_screen_lists_a_code_by_its_english_slug(cli):
    """A group's help, a command's text and its examples name codes as the Dutch reader types them."""
    from test_docs import ALL

    english = _english_only_slugs()
    assert {"plan-imposed", "no-agreement", "tenant-absent"} <= english
    found = {}
    for path, _command in [((), None), *ALL]:
        shown_help = cli(*path, "--help", env={"HUURBEG_LANG": "nl", "COLUMNS": "200"}).stdout
        words = set(re.findall(r"(?<![\w-])[a-z]+(?:-[a-z]+)+(?![\w-])", shown_help.replace("\n", " ")))
        if words & english:
            found[" ".join(path)] = sorted(words & english)
    assert found == {}


@pytest.mark.parametrize("enum_name, typed, code", [
    ("ConciliationResult", "akkoord bereikt", "agreement"), ("ConciliationResult", "akkoord-bereikt", "agreement"),
    ("ConciliationResult", "Geen akkoord", "no-agreement"), ("ContactKind", "huisbezoek", "home"),
    ("ContactKind", "home visit", "home")])
def test_a_code_is_taken_as_its_list_shows_it(enum_name, typed, code):
    import huurbeg.core.codes as codes

    with speaking("nl"):
        assert parse_code(getattr(codes, enum_name), typed, "x").value == code


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_lookup_takes_a_landlord_typed_one_typo_away(cli, woonpunt, lang):
    """`landlord show` and `edit` find a landlord as the intake offers it: a name one typo away from one known."""
    shown = cli("landlord", "show", "woonpnt gent", "--format", "json", env={"HUURBEG_LANG": lang})
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["name"] == "Woonpunt Gent"
    assert cli("landlord", "edit", "Woonpunt Gnet", "--phone", "09 123 45 67").exit_code == 0
    assert json.loads(cli("landlord", "show", "Woonpunt Gent", "-f", "json").stdout)["phone"] == "09 123 45 67"
