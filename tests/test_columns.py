"""At 80 columns every line breaks between words: error lines, the message under a question, the help."""

import re
import sys
from datetime import date

import pytest
import typer

from huurbeg.cli.root import app

LANGUAGES = ("en", "nl")


def commands(group=None, path=()):
    group = group or typer.main.get_command(app)
    yield path, group
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from commands(command, path + (name,))
        else:
            yield path + (name,), command


ALL = list(commands())
BROKEN = re.compile(r"\w-$")
"""A line that ends inside a hyphenated word: 'support-' with 'refused' on the next line."""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_help_line_is_broken_inside_a_word(cli, lang):
    broken = []
    for path, _command in ALL:
        result = cli(*path, "--help", env={"COLUMNS": "80", "HUURBEG_LANG": lang})
        assert result.exit_code == 0, (path, result.output)
        broken += [f"huurbeg {' '.join(path)}: {line}" for line in result.stdout.splitlines() if BROKEN.search(line)]
    assert not broken, "\n".join(broken)


def on_screen(text: str, width: int = 80) -> list[str]:
    """The lines a terminal of `width` columns shows of `text`: a longer line goes on, mid-word, on the next."""
    return [line[start:start + width] for line in text.splitlines() for start in range(0, max(len(line), 1), width)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_help_breaks_its_lines_and_examples_between_words_at_80_columns(cli, monkeypatch, lang):
    """Every word on an 80-column screen is a word of the help written out on one line: no option's help and no
    example is broken inside a word, a quoted name or an option (an example too long goes on below, after ' \\')."""
    from typer._click import formatting

    broken = []
    for path, _command in ALL:
        narrow = cli(*path, "--help", env={"COLUMNS": "80", "HUURBEG_LANG": lang})
        monkeypatch.setattr(formatting, "FORCED_WIDTH", 10_000)
        whole = cli(*path, "--help", env={"COLUMNS": "10000", "HUURBEG_LANG": lang})
        monkeypatch.setattr(formatting, "FORCED_WIDTH", None)
        assert narrow.exit_code == whole.exit_code == 0, (path, narrow.output)
        words = set(whole.stdout.split()) | {"\\"}
        for line in on_screen(narrow.stdout):
            cut = [word for word in line.split() if word not in words]
            if cut:
                broken.append(f"huurbeg {' '.join(path)}: {line!r} {cut}")
    assert not broken, "\n".join(broken)


pexpect = pytest.importorskip("pexpect")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_error_line_on_a_terminal_breaks_between_words(cli, db_path, lang):
    import os

    assert cli("case", "list").exit_code == 0  # the database exists
    args = ["intake", "--track", "pw", "--tenant", "Jan", "--source", "estate", "--tenant-informed", "--no-input"]
    whole = cli(*args, env={"HUURBEG_LANG": lang}).stderr.strip()  # off a terminal: one line
    assert len(whole) > 80 and "\n" not in whole, whole
    env = dict(os.environ, TERM="xterm", NO_COLOR="1", HUURBEG_LANG=lang)
    child = pexpect.spawn(sys.executable, ["-m", "huurbeg", *args], env=env, encoding="utf-8", timeout=20,
                          dimensions=(24, 80))
    child.expect(pexpect.EOF)
    lines = [line for line in child.before.replace("\r", "").splitlines() if line.strip()]
    assert all(len(line) <= 80 for line in lines), lines
    assert " ".join(line.strip() for line in lines) == whole  # every word whole, none cut or joined


def test_the_message_under_a_question_is_cut_at_a_word(monkeypatch):
    from huurbeg.cli import prompts

    monkeypatch.setenv("COLUMNS", "40")

    def parse(answer):
        raise ValueError("use a whole number of minutes from 0 to 480 (eight hours at most)")

    shown = prompts._check(parse)("abc")
    assert len(shown) <= 39 and shown.endswith("…"), shown
    assert shown.removesuffix("…").rstrip() == "use a whole number of minutes from 0"


def test_the_message_under_a_question_names_no_flag(monkeypatch):
    from huurbeg.cli import prompts
    from huurbeg.core.errors import InvalidInput

    def parse(answer):
        raise InvalidInput("--instalment: must be more than 0")

    assert prompts._check(parse)("0") == "must be more than 0"


# --- warnings at 80 columns -----------------------------------------------------------------------

SAMPLES = {"date": "21/11/2026", "due": "21/11/2026", "announced": "18/11/2026", "time": "10:30", "days": "999",
           "amount": "€ 12.345,67", "open": "€ 12.345,67", "seq": "12", "missed": "12", "years": "3", "id": "1234",
           "count": "99"}
"""The longest values a warning usually holds: a big amount, a case three years without contact."""
BOUNDED = {"hearing_due": {"days": "6"}, "stay_ending": {"days": "14"}, "eviction_short_notice": {"days": "5"}}
"""Counts a rule's text says only within a window: a hearing's days from six days before (its date before
that), a crisis stay's from fourteen days before its end; the bailiff's notice is five working days."""
KEY_VALUES = ("days", "amount", "open", "missed", "seq", "id", "time", "years")
"""Values that are part of a warning's fact wherever they stand before its '; ' (a date is in the Due column)."""
TWO_FACTS = {"no contact, hearing": {"en": ("no contact", "hearing"), "nl": ("geen contact", "zitting")}}
"""Warnings that say two facts, each of them on screen: no contact reached the household, and the hearing."""
LONG_NAME = "Anna-Maria Van den Broeck-Vermeersch"


def rule_texts():
    """(rule, English text) of every message a warning rule of huurbeg/domain/rules.py may give, plural forms too."""
    import ast
    from pathlib import Path

    import huurbeg.domain.rules

    tree = ast.parse(Path(huurbeg.domain.rules.__file__).read_text(encoding="utf-8"))
    for function in tree.body:
        if isinstance(function, ast.FunctionDef) and any(getattr(d, "id", "") == "rule" for d in function.decorator_list):
            for node in ast.walk(function):
                if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("N_", "Nn_"):
                    yield function.name, tuple(arg.value for arg in node.args)


TEXTS = list(rule_texts())


def test_every_rule_is_walked():
    rules = {rule for rule, _text in rule_texts()}
    from huurbeg.domain.rules import RULE_NAMES

    assert {slug.replace("-", "_") for slug in RULE_NAMES} == rules
    assert len(TEXTS) > 25


def layouts():
    """The three lists that show a warning beside the case number and the tenant's name: deadlines, the overview,
    case list (its warning column is `warning`)."""
    from huurbeg.commands import headed
    from huurbeg.commands.case import LIST_COLUMNS
    from huurbeg.commands.deadlines import COLUMNS
    from huurbeg.output.views import WARNING_COLUMNS

    return {"deadlines": (headed(COLUMNS), "message"), "overview": (headed(WARNING_COLUMNS), "message"),
            "case list": (headed(LIST_COLUMNS), "warning")}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("rule, text", TEXTS, ids=[f"{rule}:{text[0][:30]}" for rule, text in TEXTS])
def test_no_warning_is_cut_before_its_fact_at_80_columns(monkeypatch, rule, text, lang):
    """Every text of every rule, as deadlines, the overview and case list show it at 80 columns beside a long name:
    the whole fact, before any '; ', is on screen, with every count and amount it holds (both facts of a warning
    of two); only what follows it may give way."""
    from huurbeg.core import i18n
    from huurbeg.core.codes import Party, ReferralDestination, label
    from huurbeg.domain.rules import Severity, rule_name
    from huurbeg.output import render

    monkeypatch.setenv("HUURBEG_LANG", lang)
    translated = i18n.catalogue(lang)
    longest = lambda codes: max((label(code) for code in codes), key=len)  # noqa: E731
    values = SAMPLES | {"party": longest(Party), "to": longest(ReferralDestination)} | BOUNDED.get(rule, {})
    message = (translated.gettext(text[0]) if len(text) == 1 else translated.ngettext(*text, 99)).format(**values)
    fact = message.partition("; ")[0]
    english_fact = text[-1].partition("; ")[0]
    for key in KEY_VALUES:  # a count or an amount of the fact stays in it, in either language
        if "{%s}" % key in english_fact:
            assert values[key] in fact, (key, message)
    for start, words in TWO_FACTS.items():
        if text[0].startswith(start):
            assert all(word in fact for word in words[lang]), (words[lang], message)
    longest_severity = max(Severity, key=lambda severity: len(label(severity)))
    for name, (columns, key) in layouts().items():
        row = {"case": "2026-0042", "rule": rule_name(rule.replace("_", "-")), "severity": longest_severity,
               "due": date(2026, 11, 21), "next_deadline": date(2026, 11, 21), "last_contact": date(2026, 11, 1),
               "track": "pre-ogp", "days_open": 1234, "tenant": LONG_NAME, key: message}
        lines = render.table([row], columns, width=80)
        assert all(len(line) <= 80 for line in [lines._line(cells) for cells, _style in lines.rows])
        headers = [header for header, _width in lines.columns]
        assert headers[0] == columns[0][1] or name != "case list", (name, headers)
        assert fact in lines.rows[0][0][-1], (name, message, lines.rows[0][0])  # the warning is the last column


def test_the_case_list_keeps_the_name_and_gives_way_with_it_first():
    """At 80 columns the case list names the tenant (shortened, not left out) beside a warning's whole fact; the
    track and the last contact give way before the name is cut below a readable width."""
    from huurbeg.commands import headed
    from huurbeg.commands.case import LIST_COLUMNS
    from huurbeg.domain.rules import Severity
    from huurbeg.output import render

    row = {"case": "2026-0042", "tenant": LONG_NAME, "track": "pre-ogp", "days_open": 12,
           "last_contact": date(2026, 11, 1), "next_deadline": date(2026, 11, 21), "severity": Severity.WARNING,
           "warning": "no contact since intake: 999 days"}
    lines = render.table([row], headed(LIST_COLUMNS), width=80)
    cells = dict(zip([header for header, _width in lines.columns], lines.rows[0][0]))
    assert cells["Warning"] == row["warning"] and cells["Tenant"].startswith("Anna-M"), cells
    assert "Track" not in cells and "Contact" not in cells
    wide = render.table([row], headed(LIST_COLUMNS), width=160)
    assert [header for header, _width in wide.columns][:3] == ["Case", "Tenant", "Track"]


# --- the tenant beside the case number ------------------------------------------------------------

@pytest.mark.parametrize("args", [("deadlines",), (), ("refer", "list")], ids=["deadlines", "overview", "refer list"])
def test_the_tenant_is_named_beside_the_case_and_gives_way_at_80_columns(cli, new_case, args):
    number = new_case()
    assert cli("refer", number, "--to", "caw-prevention").exit_code == 0
    wide = cli(*args, env={"COLUMNS": "120"})
    assert wide.exit_code == 0, wide.output
    line = next(line for line in wide.stdout.splitlines() if number in line)
    assert re.search(rf"{number}\s+Jan Peeters\s", line), wide.stdout
    narrow = cli(*args, env={"COLUMNS": "80"}).stdout
    assert number in narrow and all(len(line) <= 80 for line in narrow.splitlines())
    if args != ("refer", "list"):  # a long name gives way to the warning's fact
        assert "Jan Peeters" in narrow and "no consent of tenant or landlord" in narrow
        long = new_case("--tenant", "Anna-Maria Van den Broeck-Vermeersch", "--address", "Markt 2, 2800 Mechelen")
        narrow = cli(*args, env={"COLUMNS": "80"}).stdout
        assert long in narrow and "Vermeersch" not in narrow
        assert all("no consent of tenant or landlord" in line for line in narrow.splitlines() if "2026-" in line)


@pytest.mark.parametrize("args", [("deadlines",), ("refer", "list")])
def test_json_and_csv_keep_their_shape_without_the_name(cli, new_case, args):
    number = new_case()
    assert cli("refer", number, "--to", "caw-prevention").exit_code == 0
    import json

    listed = json.loads(cli(*args, "--format", "json").stdout)
    assert listed and all("tenant" not in row for row in listed)
    assert "Jan Peeters" not in cli(*args, "--format", "csv").stdout


def test_the_overview_names_the_contacts_planned_for_today(cli, new_case):
    planned = new_case("--date", "20/11/2026")
    other = new_case("--tenant", "Mia Claes", "--address", "Markt 2, 2800 Mechelen", "--date", "20/11/2026")
    for number, following in ((planned, "today"), (other, "tomorrow")):
        result = cli("visit", number, "--date", "yesterday", "--kind", "phone", "--minutes", "10", "--note", "",
                     "--next", following, "--reached", "--no-input")
        assert result.exit_code == 0, result.output
    screen = cli(env={"COLUMNS": "80"}).stdout
    title, _rule, *rows = screen.partition("Contacts planned for today")[2].splitlines()[1:]
    assert title.split() == ["Case", "Tenant"]
    assert rows[0].split() == [planned, "Jan", "Peeters"]
    assert other not in screen.partition("Contacts planned for today")[2].partition("Hearings")[0]
    nl = cli(env={"COLUMNS": "80", "HUURBEG_LANG": "nl"}).stdout
    assert "Contacten gepland voor vandaag" in nl


SURNAMED = {"case list": ("case", "list"), "case find": ("case", "find", "Benali"), "deadlines": ("deadlines",),
            "overview": (), "refer list": ("refer", "list")}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("view", SURNAMED)
def test_the_tenant_keeps_the_surname_beside_the_case_at_80_columns(cli, new_case, lang, view):
    """'Mohamed Benali' is known by his surname: at 80 columns the name goes on to a second line of its cell
    rather than be cut to 'Mohamed…', in every list that names the tenant beside the case, beside a long name
    and a warning whose fact needs its room."""
    long = new_case("--tenant", LONG_NAME, "--address", "Koning Albert I-laan 123 bus 45, 2800 Mechelen")
    number = new_case("--tenant", "Mohamed Benali", "--address", "Koningin Astridlaan 140, 2800 Mechelen",
                      "--source", "ocmw", "--referrer", "Maatschappelijk werker van het OCMW")
    for case in (long, number):
        assert cli("refer", case, "--to", "caw-prevention").exit_code == 0
    screen = cli(*SURNAMED[view], env={"COLUMNS": "80", "HUURBEG_LANG": lang})
    assert screen.exit_code == 0, screen.output
    lines = screen.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines), screen.stdout
    row = next(n for n, line in enumerate(lines) if number in line)
    assert "Mohamed" in lines[row] and "Benali" in " ".join(lines[row:row + 2]), screen.stdout  # its row, or below
    assert "Mohamed…" not in screen.stdout


NOTE = ("Eerste huisbezoek: huurachterstalbetalingsregeling besproken met beide ouders en de verhuurder.\n"
        "Zoon werkt als vrachtwagenchauffeur-in-opleiding; budgetbegeleidingsaanvraag bij het OCMW ingediend.\n"
        "Volgende stap: opvolging binnen twee weken, samen met de schuldbemiddelaar.")
"""A note of three lines with words longer than a narrow column."""


def note_column(screen: str, header: str, number: str | None = None) -> list[str]:
    """The lines the Note column of the table headed by `header` shows of the first contact (of `number`): the
    row's line and the lines below it where the other columns are empty."""
    lines = screen.splitlines()
    top = next(n for n, line in enumerate(lines) if line.split()[-1:] == [header])
    at = lines[top].index(header)
    row = next(n for n in range(top + 2, len(lines)) if number is None or number in lines[n])
    shown = [lines[row][at:]]
    for line in lines[row + 1:]:
        if line[:at].strip() or not line[at:].strip():
            break
        shown.append(line[at:])
    return [line.strip() for line in shown]


def joined(lines) -> str:
    return "".join("".join(lines).split())


@pytest.mark.parametrize("lang, header", [("en", "Note"), ("nl", "Notitie")])
def test_a_note_is_shown_whole_in_the_dossier_and_its_case_s_contacts_and_cut_with_an_ellipsis_in_a_list(
        cli, new_case, lang, header):
    number = new_case()
    other = new_case("--tenant", "Mia Claes", "--address", "Markt 2, 2800 Mechelen")
    for case in (number, other):
        result = cli("visit", case, "--kind", "home", "--minutes", "60", "--note", NOTE, "--no-input")
        assert result.exit_code == 0, result.output
    env = {"COLUMNS": "80", "HUURBEG_LANG": lang}
    for args in (("case", "show", number), ("visit", "list", number)):
        screen = cli(*args, env=env).stdout
        assert all(len(line) <= 80 for line in screen.splitlines()), screen
        cell = note_column(screen, header)
        assert joined(cell) == joined(NOTE), (args, screen)  # every character, none cut
        assert all(any(shown.startswith(" ".join(line.split()[:2])) for shown in cell) for line in NOTE.splitlines()), cell
        assert max(map(len, cell)) > 20, cell  # room enough to read, not a column of stubs
    listed = cli("visit", "list", env=env).stdout
    assert all(len(line) <= 80 for line in listed.splitlines()), listed
    for case in (number, other):
        cut = note_column(listed, header, case)
        assert len(cut) == 1 and cut[0].endswith("…") and NOTE.startswith(cut[0].removesuffix("…")), listed


# --- questions at 80 columns ----------------------------------------------------------------------

QUESTIONS = [("Track?", "Traject?", "\r"), ("informed", "op de hoogte", "y\r"),
             ("Tenant's name?", "Naam van de huurder?", "Mohamed Benali\r"),
             ("Address?", "Adres?", "Koningin Astridlaan 140, 2800 Mechelen\r"),
             ("with this intake?", "met deze", "\r"), ("Phone?", "Telefoon?", "\r"), ("Birth date", "Geboortedatum", "\r"),
             ("National register", "Rijksregisternummer", "\r"), ("Adults", "Volwassenen", "\r"),
             ("Children", "Kinderen", "\r"), ("Registered by?", "Aangemeld door?", "\r"), ("Landlord?", "Verhuurder?", "\r"),
             ("Problems?", "Problemen?", " \r"), ("Rent arrears", "Huurachterstal", "\r"), ("Monthly rent", "Maandhuur", "\r"),
             ("Date of registration", "Datum van aanmelding", "\r"), ("tenant consented", "ingestemd met", "\r"),
             ("Note", "Notitie", "\r"), ("already has open case", "heeft al een open dossier", "\x1b[B\r"),
             ("Register this case?", "Dit dossier", "n\r"), ("Which answer", "Welk antwoord", "\x03")]
"""The intake's questions of a household that may be known already, to the summary and which answer to correct,
each with what is typed at it."""
KNOWN = {"en": "This household may already be known: case 2026-0001. Go on with this intake?",
         "nl": "Dit gezin is misschien al gekend: dossier 2026-0001. Verder met deze aanmelding?"}


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_question_breaks_between_words_at_80_columns(cli, db_path, lang):
    """The intake asked on a terminal of 80 columns, read as the worker sees it (a terminal emulator): a question,
    questionary's instruction, a choice or an answer longer than a line goes on at a word on the next, so no word
    runs over the last column, where a terminal breaks it."""
    import os

    pyte = pytest.importorskip("pyte")
    assert cli("intake", "--track", "pw", "--tenant", "Mohamed Benali", "--address",
               "Koningin Astridlaan 140, 2800 Mechelen", "--source", "tenant", "--tenant-informed",
               "--no-input").exit_code == 0
    screen = pyte.Screen(80, 24)
    stream = pyte.Stream(screen)

    class Terminal:
        def write(self, data):
            stream.feed(data)

        def flush(self):
            pass

    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", NO_COLOR="1", HUURBEG_LANG=lang)
    child = pexpect.spawn(sys.executable, ["-m", "huurbeg", "intake"], env=env, encoding="utf-8", timeout=20,
                          dimensions=(24, 80))
    child.logfile_read = Terminal()
    seen, full = [], []
    for en, nl, keys in QUESTIONS:
        child.expect_exact(en if lang == "en" else nl)
        try:  # the rest of the question drawn, until the terminal is quiet
            while True:
                child.read_nonblocking(100_000, timeout=0.3)
        except pexpect.TIMEOUT:
            pass
        lines = [line.rstrip() for line in screen.display]
        seen.append("\n".join(lines))
        full += [f"{line}|{below}" for line, below in zip(lines, lines[1:])  # broken where the terminal ended
                 if len(line) >= 80 and line[-1].isalnum() and below[:1].isalnum()]
        child.send(keys)
    child.expect(pexpect.EOF)
    assert not full, "\n".join(full)
    asked = " ".join(" ".join(line.lstrip("? ").strip() for line in screen.splitlines()) for screen in seen)
    assert " ".join(KNOWN[lang].split()) in " ".join(asked.split()), seen[-1]
