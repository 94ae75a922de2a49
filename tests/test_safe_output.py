"""Stored text is data: one hostile string in every text field, through every command of the CLI.

The list of commands is read from the CLI itself, so a new command cannot be added without
either being driven here or being named as one that shows no stored text.
"""

import csv
import io
import json
import os
import sys
import tempfile

import pytest
import typer.main

from conftest import assert_one_line_error, me, snapshot
from huurbeg.cli.root import app
from huurbeg.output.render import plain

HOSTILE = ('Jan [/x] [red]x[/red] [link=http://e.vil]click[/link] \x1b[2J\x1b]0;title\x07 \u202e '
           '=HYPERLINK("x") \x9b31m end')
FORMULA = '=HYPERLINK("http://e.vil","click") [/x]'
SHOWN = plain(HOSTILE)
RAW = ("\x1b", "\x07", "\x9b", "\u202e")
FRAGMENTS = ("[/x]", "[red]x[/red]", "[link=http://e.vil]click[/link]", "\u241b[2J\u241b]0;title\u2407",
             '=HYPERLINK("x")', "\ufffd31m")
"""Pieces of the text as it must show; none has a space, so none is broken by the layout of a narrow view."""


def test_the_placeholders():
    assert SHOWN == ('Jan [/x] [red]x[/red] [link=http://e.vil]click[/link] \u241b[2J\u241b]0;title\u2407 \ufffd '
                     '=HYPERLINK("x") \ufffd31m end')
    assert plain("a\nb") == "a\u240ab" and plain("a\r\nb", lines=True) == "a\nb"


def commands(group=None, path=()):
    """Every command of the CLI, as its words ('' is the bare overview)."""
    group = group or typer.main.get_command(app)
    found = [] if path else [""]
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            found += commands(command, path + (name,))
        else:
            found.append(" ".join(path + (name,)))
    return found


def build(cli) -> dict:
    """A database where every text field holds the hostile string; each setup command is checked too."""
    setup = []

    def run(*args):
        result = cli(*args)
        assert result.exit_code == 0, (args, result.output)
        setup.append((args, result))
        return result

    number = run("intake", "--track", "pw", "--tenant", HOSTILE, "--address", FORMULA, "--phone", HOSTILE,
                 "--landlord", HOSTILE, "--landlord-type", "private", "--source", "ocmw", "--referrer", HOSTILE,
                 "--problem", "arrears", "--arrears", "1000", "--tenant-informed", "--note", HOSTILE,
                 "--date", "-2m", "--no-input").stdout.strip()
    run("visit", number, "--note", HOSTILE, "--next", "+1w", "--minutes", "30", "--no-input")
    run("landlord", "edit", HOSTILE, "--address", HOSTILE, "--phone", HOSTILE, "--contact", HOSTILE)
    run("service", "set", *[part for flag in ("--name", "--organisation", "--address", "--phone", "--signatory",
                                               "--place") for part in (flag, HOSTILE)])
    run("service", "me", "--name", HOSTILE, "--phone", HOSTILE)
    run("plan", number, "--arrears", "600", "--force", "--instalment", "100", "--start", "-1m")
    run("plan", "agree", number, HOSTILE, "--due", "-1d")
    run("hearing", "add", number, "--date", "today 08:30", "--court", HOSTILE, "--room", HOSTILE,
        "--petition-date", "-3d", "--claimed", "800", "--proposal", HOSTILE, "--force")
    run("refer", number, "--to", "ocmw", "--note", HOSTILE, "--date", "-1d")
    stay = run("intake", "--track", "crisis", "--tenant", HOSTILE + " 2", "--source", "police", "--referrer",
               HOSTILE, "--tenant-informed", "--date", "-6m", "--no-input").stdout.strip()
    run("transfer", "dwelling", "add", "CR [/x] \x1b[2J", "--kind", "crisis", "--address", HOSTILE)
    run("transfer", "in", stay, "--dwelling", "CR [/x] \x1b[2J", "--date", "-5m")
    scan = os.path.join(tempfile.mkdtemp(), '[red]x[red] [link=http:e.vil] =HYPERLINK("x").pdf')  # no control in a name
    with open(scan, "wb") as file:
        file.write(b"%PDF-1.4 [red]x[/red] \x1b[2J")
    run("case", "attach", number, scan, "--note", HOSTILE)
    run("service", "set", "--email", "huurbegeleiding@mechelen.be")  # what a letter needs besides the above
    run("service", "me", "--email", "karim@mechelen.be")
    return {"case": number, "stay": stay, "setup": setup}


# Each command that shows stored text, with the arguments to show it; True: the literal text must appear.
def views(case: str, stay: str) -> dict:
    return {
        "": ([], True),
        "case list": (["case", "list"], True),
        "case find": (["case", "find", "jan click"], True),
        "case show": (["case", "show", case], True),
        "case history": (["case", "history", case], False),
        "case files": (["case", "files", case], True),
        "case report": (["case", "report", case, "--for", "landlord"], True),
        "case export": (["case", "export", case], False),
        "deadlines": (["deadlines", "--within", "30"], False),
        "visit list": (["visit", "list", case], True),
        "refer list": (["refer", "list", case], True),
        "plan show": (["plan", "show", case], False),
        "hearing list": (["hearing", "list"], True),
        "hearing brief": (["hearing", "brief", case], True),
        "hearing courts": (["hearing", "courts"], True),
        "transfer list": (["transfer", "list"], True),
        "stats": (["stats", "--month", "this"], False),
        "purge": (["purge", "--closed-before", "today"], False),
        "digest": (["digest"], True),
        "letter": (["letter", case, "--to", "landlord", "--preview"], True),
        "service show": (["service", "show"], True),
        "landlord show": (["landlord", "show", HOSTILE], True),
        "landlord list": (["landlord", "list"], True),
    }


SETUP = {"intake", "visit add", "plan new", "plan agree", "hearing add", "refer add", "transfer dwelling add",
         "transfer in", "case attach", "service set", "service me", "landlord edit"}
"""Commands that wrote the hostile data above: their own output was checked while building it."""
AFTERWARDS = {
    "plan pay": lambda c, s: ["plan", "pay", c, "--amount", "100"],
    "plan payment-edit": lambda c, s: ["plan", "payment-edit", c, "1", "--amount", "50"],
    "plan payment-remove": lambda c, s: ["plan", "payment-remove", c, "1", "--reason", "twice"],
    "plan agree-edit": lambda c, s: ["plan", "agree-edit", c, "1", "--due", "+1w"],
    "plan done": lambda c, s: ["plan", "done", c, "1"],
    "plan agree-remove": lambda c, s: ["plan", "agree-remove", c, "1", "--reason", "mistake"],
    "visit edit": lambda c, s: ["visit", "edit", c, "1", "--minutes", "20"],
    "visit remove": lambda c, s: ["visit", "remove", c, "1", "--reason", "mistake"],
    "refer outcome": lambda c, s: ["refer", "outcome", c, "1", "--result", "accepted"],
    "refer remove": lambda c, s: ["refer", "remove", c, "1", "--reason", "mistake"],
    "hearing courts": lambda c, s: ["hearing", "courts", "--merge", HOSTILE, "--into", HOSTILE + " 2"],
    "hearing edit": lambda c, s: ["hearing", "edit", c, "--room", "4"],
    "hearing outcome": lambda c, s: ["hearing", "outcome", c, "--result", "dissolved"],
    "hearing served": lambda c, s: ["hearing", "served", c, "--date", "today"],
    "hearing eviction": lambda c, s: ["hearing", "eviction", c, "--date", "+6w 09:00"],
    "hearing eviction-remove": lambda c, s: ["hearing", "eviction-remove", c, "--reason", "mistake"],
    "hearing served-remove": lambda c, s: ["hearing", "served-remove", c, "--reason", "mistake"],
    "hearing outcome-remove": lambda c, s: ["hearing", "outcome-remove", c, "--reason", "mistake"],
    "hearing remove": lambda c, s: ["hearing", "remove", c, "--reason", "mistake"],
    "case consent": lambda c, s: ["case", "consent", c, "--tenant"],
    "case consent-remove": lambda c, s: ["case", "consent-remove", c, "--tenant", "--reason", "mistake"],
    "case edit": lambda c, s: ["case", "edit", c, "--phone", "0470 11 22 33", "--rent", "400"],
    "plan fbu": lambda c, s: ["plan", "fbu", c, "--signed", "today", "--instalment", "100", "--start", "+1m",
                              "--document"],
    "plan fbu-paid": lambda c, s: ["plan", "fbu-paid", c],
    "plan fbu-filed": lambda c, s: ["plan", "fbu-filed", c],
    "plan fbu-remove": lambda c, s: ["plan", "fbu-remove", c, "--reason", "mistake"],
    "transfer extend": lambda c, s: ["transfer", "extend", s],
    "transfer out": lambda c, s: ["transfer", "out", s, "--destination", "family", "--keep-open"],
    "transfer undo": lambda c, s: ["transfer", "undo", s, "--reason", "mistake"],  # the move out: names the dwelling
    "case file": lambda c, s: ["case", "file", c, "1", "--output", os.path.join(tempfile.mkdtemp(), "out.pdf")],
    "case file-remove": lambda c, s: ["case", "file-remove", c, "1", "--reason", "mistake"],
    "case track": lambda c, s: ["case", "track", c, "--to", "pre-ogp"],
    "case close": lambda c, s: ["case", "close", c, "--outcome", "referred"],
    "case reopen": lambda c, s: ["case", "reopen", c],
    "case merge": lambda c, s: ["case", "merge", c, s, "--yes"],
    "case unmerge": lambda c, s: ["case", "unmerge", c, s, "--yes"],
    "case assign": lambda c, s: ["case", "assign", c, "--to", me()],
    "case remove": lambda c, s: ["case", "remove", s, "--reason", "mistake"],  # last: the case leaves every view
}
"""Commands that change a case and answer with a message: run after the views, in this order."""
NO_STORED_TEXT = {
    "demo": "fills only an empty database with its own fictional text",
    "import": "reports row numbers and column names, never a value (tests/test_exchange.py)",
    "backup": "reports only the path it was given",
    "doctor": "reports checks of the file, never its contents",
    "copy": "reports counts of rows",
    "completion": "prints a fixed shell script (tests/test_completion.py)",
}


def test_every_command_is_driven_or_named():
    known = set(views("", "")) | SETUP | set(AFTERWARDS) | set(NO_STORED_TEXT)
    missing = sorted(set(commands()) - known)
    assert not missing, f"add these commands to tests/test_safe_output.py: {missing}"
    assert not known - set(commands()), sorted(known - set(commands()))


def check_literal(name, args, result, must_show) -> list[str]:
    problems = []
    if result.exit_code != 0:
        problems.append(f"{name}: exit {result.exit_code}: {result.output[-300:]}")
    found = [c for c in RAW if c in result.output]
    if found:
        problems.append(f"{name}: raw {found!r} reached the terminal")
    if must_show and not all(fragment in result.output for fragment in FRAGMENTS):
        problems.append(f"{name}: the stored text is not shown literally: "
                        f"{[f for f in FRAGMENTS if f not in result.output]}")
    return problems


def test_hostile_text_through_every_command(cli):
    wide = {"COLUMNS": "400"}  # wide enough that no cell is shortened: the whole text must show
    built = build(cli)
    problems = []
    for args, result in built["setup"]:
        problems += check_literal(" ".join(args[:2]), args, result, must_show=False)
    for name, (args, must_show) in views(built["case"], built["stay"]).items():
        problems += check_literal(name or "(overview)", args, cli(*args, env=wide), must_show)
        for fmt in ("json", "csv"):
            if fmt in cli(*args[:2], "--help").stdout and name not in ("", "case export"):
                result = cli(*args, "--format", fmt, env=wide)
                problems += [p for p in check_literal(f"{name} -f {fmt}", args, result, False) if "exit" in p]
    for name, make in AFTERWARDS.items():
        problems += check_literal(name, (), cli(*make(built["case"], built["stay"])), must_show=False)
    assert not problems, "\n".join(problems)


def test_json_keeps_the_stored_text_exactly(cli):
    number = build(cli)["case"]
    result = cli("case", "show", number, "--format", "json")
    assert "\x1b" not in result.stdout and "\x9b" not in result.stdout
    record = json.loads(result.stdout)
    assert (record["tenant"]["name"], record["note"], record["landlord"]["name"]) == (HOSTILE.strip(),) * 3


def test_csv_cells_a_spreadsheet_would_run_are_neutralised(cli):
    built = build(cli)
    [row] = list(csv.DictReader(io.StringIO(cli("case", "show", built["case"], "-f", "csv").stdout)))[:1] or [None]
    fields = {r["field"]: r["value"] for r in csv.DictReader(io.StringIO(
        cli("case", "show", built["case"], "-f", "csv").stdout))}
    assert fields["arrears"] == "1000.00"  # a number stays a number
    listed = next(csv.DictReader(io.StringIO(cli("case", "list", "-f", "csv").stdout)))
    assert listed["days_open"] == "61" and listed["case"] == built["case"]
    contacts = list(csv.DictReader(io.StringIO(cli("visit", "list", built["case"], "-f", "csv").stdout)))
    assert contacts[0]["minutes"] == "30"
    stays = {r["case"]: r for r in csv.DictReader(io.StringIO(cli("transfer", "list", "-f", "csv").stdout))}
    assert int(stays[built["stay"]]["days_left"]) < 0, stays  # a negative number we wrote stays a number
    export = cli("transfer", "list", "-f", "csv").stdout
    assert "'=HYPERLINK" not in export  # the dwelling's address does not start with a formula
    for value, expected in (("=1+2", "'=1+2"), ("+32 470", "'+32 470"), ("-cmd", "'-cmd"), ("@SUM(A1)", "'@SUM(A1)"),
                            ("\tx", "'\tx"), ("\rx", "'\rx"), ("Jan", "Jan"), ("", "")):
        from huurbeg.output.render import _csv_value

        assert _csv_value(value) == expected
    assert [_csv_value(v) for v in (-5, 3, ["=a", "b"])] == ["-5", "3", "'=a;b"]


def test_a_formula_in_a_stored_field_is_text_in_every_csv(cli):
    number = cli("intake", "--track", "pw", "--tenant", "=cmd|' /C calc'!A0", "--address", FORMULA,
                 "--source", "tenant", "--tenant-informed", "--note", "@SUM(1+1)", "--no-input").stdout.strip()
    cli("visit", number, "--note", "+1+1", "--no-input")
    listed = next(csv.DictReader(io.StringIO(cli("case", "list", "-f", "csv").stdout)))
    assert listed["tenant"] == "'=cmd|' /C calc'!A0"
    fields = {r["field"]: r["value"] for r in csv.DictReader(io.StringIO(cli("case", "show", number, "-f", "csv").stdout))}
    assert fields["note"] == "'@SUM(1+1)"
    [contact] = csv.DictReader(io.StringIO(cli("visit", "list", number, "-f", "csv").stdout))
    assert contact["note"] == "'+1+1"


@pytest.mark.parametrize("value", ["", "   ", "\u200b\u200b", "\t\x1b", "\u202e ", "\u3164"])
@pytest.mark.parametrize("command", [
    lambda v: ["intake", "--track", "pw", "--tenant", v, "--source", "tenant", "--tenant-informed", "--no-input"],
    lambda v: ["hearing", "add", "2026-0001", "--date", "tomorrow 10:00", "--court", v],
    lambda v: ["plan", "agree", "2026-0001", v, "--due", "+1w"],
    lambda v: ["transfer", "dwelling", "add", v, "--kind", "crisis"],
], ids=["tenant", "court", "agreement", "dwelling"])
def test_invisible_names_are_refused(cli, new_case, db_path, command, value):
    new_case()
    before = snapshot(db_path)
    assert_one_line_error(cli(*command(value)), code=2, contains="visible text")
    assert snapshot(db_path) == before


def test_invisible_tenant_in_an_imported_row_is_refused(cli, tmp_path):
    sheet = tmp_path / "cases.csv"
    sheet.write_text("tenant,track,source,intake_date,tenant_informed\n\u200b \u200b,pw,tenant,01/10/2026,yes\n")
    result = cli("import", str(sheet))
    assert result.exit_code == 2 and "row 2: tenant: required" in result.stderr


# --- data formats on a terminal: the same placeholders as a table --------------------------------

CONTROLS = "\u241b[2J\u241b]0;title\u2407"
"""The hostile text's terminal instructions as they must show: ESC and BEL as their pictures."""
ON_TERMINAL = {"intake": lambda c, s: ["intake", "--track", "crisis", "--tenant", HOSTILE + " 3", "--source",
                                       "police", "--tenant-informed", "--no-input"]}
"""Commands with a --format that are not among the views: what they show their output for."""
RUN_EACH = """
import json, os, sys
from huurbeg.cli.root import app

sys.stdin = open(os.devnull)  # questions are not part of this: stdout alone is the terminal
for index, args in enumerate(json.loads(sys.argv[1])):
    print(f"<<<{index}>>>", flush=True)
    app(args=args, prog_name="huurbeg", standalone_mode=False)
    sys.stdout.flush()
    sys.stderr.flush()
print("<<<end>>>", flush=True)
"""


def formats() -> dict:
    """Every command with a --format, and the formats it takes (a table excepted: it is styled, and
    tests/test_safe_output.py::test_hostile_text_through_every_command reads it)."""
    found = {}
    for name in commands():
        command = typer.main.get_command(app)
        for word in name.split():
            command = command.commands[word]
        for param in command.params:
            if param.name == "fmt":
                info = param.type_descriptor.parameter_info
                code_list = getattr(info.parser, "code_list", None)
                found[name] = [m.value for m in code_list] if code_list else param.metavar.strip("[]").split("|")
    return {name: [f for f in values if f != "table"] for name, values in found.items()}


@pytest.mark.slow
def test_every_data_format_shows_stored_text_on_a_terminal_as_a_table_does(cli, tmp_path):
    pexpect = pytest.importorskip("pexpect")
    built = build(cli)
    shown = views(built["case"], built["stay"])
    runs = []
    for name, kinds in formats().items():
        args = shown[name][0] if name in shown else ON_TERMINAL[name](built["case"], built["stay"])
        runs += [(name, kind, [*args, "--format", kind]) for kind in kinds]
    env = dict(os.environ, TERM="xterm", COLUMNS="400")
    child = pexpect.spawn(sys.executable, ["-c", RUN_EACH, json.dumps([args for _, _, args in runs])], env=env,
                          encoding="utf-8", timeout=300, dimensions=(50, 400))
    child.expect_exact("<<<end>>>")
    screen = child.before
    child.expect(pexpect.EOF)
    problems = []
    for index, (name, kind, args) in enumerate(runs):
        part = screen.split(f"<<<{index}>>>", 1)[1].split(f"<<<{index + 1}>>>", 1)[0]
        if found := [c for c in RAW if c in part]:
            problems.append(f"{name} -f {kind}: raw {found!r} reached the terminal")
        if kind in ("csv", "csv-excel", "ics") and name in ("case list", "case show", "hearing list", "visit list"):
            if CONTROLS not in (_unescaped(_content(part)) if kind == "ics" else part):
                problems.append(f"{name} -f {kind}: the stored text is not shown as placeholders: {part[-300:]!r}")
    assert "hearing list" in formats() and "ics" in formats()["hearing list"]
    assert {"csv", "csv-excel"} <= set(formats()["case list"])
    assert not problems, "\n".join(problems)
    # in a file or a pipe, csv keeps the data as they are, with its formula neutralisation
    export = tmp_path / "cases.csv"
    assert cli("case", "list", "-f", "csv-excel", "--output", str(export)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(export.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[0]["case"] == built["case"] and rows[0]["tenant"] == HOSTILE.strip()
    assert "'=HYPERLINK" in cli("case", "find", "click", "-f", "csv").stdout  # the address, a formula


def _content(ics: str) -> str:
    """An iCalendar text unfolded, without its line breaks: what its values hold."""
    return ics.replace("\r\n", "\n").replace("\n ", "").replace("\n", "")


def _unescaped(values: str) -> str:
    return values.replace("\\;", ";").replace("\\,", ",")


def test_a_calendar_never_carries_a_control_character(cli, tmp_path):
    build(cli)
    roll = tmp_path / "roll.ics"
    assert cli("hearing", "list", "-f", "ics", "--output", str(roll)).exit_code == 0
    for ics in (cli("hearing", "list", "-f", "ics").stdout, roll.read_text(encoding="utf-8")):
        values = _content(ics)
        assert "LOCATION:" in values and CONTROLS in _unescaped(values), values
        assert not [c for c in values if ord(c) < 0x20 or 0x7f <= ord(c) < 0xa0 or c in "\u202e\u2066"], values


def test_a_new_database_is_announced_literally(cli, tmp_path):
    path = tmp_path / "new \x1b]52;c;aGk=\x07 \x1b[2J \x9b31m.db"
    result = cli("--db", str(path), "case", "list")
    assert result.exit_code == 0, result.output
    assert "created a new, empty database at" in result.stderr
    assert not [c for c in RAW if c in result.stderr], repr(result.stderr)
    assert "\u241b]52;c;aGk=\u2407 \u241b[2J \ufffd31m.db" in result.stderr


@pytest.mark.parametrize("view", [["case", "show", "{case}"], ["hearing", "brief", "{case}"]])
def test_a_line_break_in_a_name_draws_no_field_of_its_own(cli, view):
    """A tenant's name typed with a line break reads as one field: the break shows as its placeholder."""
    number = cli("intake", "--track", "ogp", "--tenant", "Jan Smet\nStatus       afgesloten", "--source", "court",
                 "--landlord", "Woonpunt\nTraject  pw", "--landlord-type", "shm", "--no-input").stdout.strip()
    assert cli("hearing", "add", number, "--date", "+3d 09:00", "--court", "Vredegerecht Mechelen").exit_code == 0
    shown = cli(*[part.format(case=number) for part in view]).stdout
    assert "Jan Smet\u240aStatus" in shown and "Woonpunt\u240aTraject" in shown
    assert not any(line.strip(" │").startswith(("Status       afgesloten", "Traject  pw")) for line in shown.splitlines())
