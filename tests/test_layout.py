"""Every view is readable at 80 columns: no line longer than the terminal, no date or case number cut.

Each list and view is rendered from the demo database (plus a case with long names and texts) at
80 and at 120 columns; a wider terminal may show more columns, never fewer.
"""

import json
import re

import pytest
from rich.cells import cell_len

from huurbeg.output.render import shorten

LONG = {"tenant": "Anna-Maria Van den Broeck-Vermeersch de la Fontaine",
        "address": "Koning Albert I-laan 123 bus 45, 2800 Mechelen",
        "note": "Een zeer lange notitie die maar doorgaat over van alles, ook over 2026-03-07 en 12/08/2026",
        "court": "Vredegerecht van het eerste kanton Mechelen-Noord"}
CUT = re.compile(r"(?<![\d/])\d{1,2}/(\d{1,2}(/\d{0,3})?)?…|(?<![\d-])\d{4}-(\d{1,4}(-\d?)?)?…")
"""A date or case number that was cut: '12/08/20…', '2026-03…', '2026-00…'."""


@pytest.fixture
def busy(cli, made_once):
    """The demo's year of casework, and one case whose texts are all longer than any column."""
    return made_once(_busy, cli)


def _busy(cli):
    assert cli("demo").exit_code == 0
    number = cli("intake", "--track", "ogp", "--tenant", LONG["tenant"], "--address", LONG["address"],
                 "--source", "court", "--landlord", "Immobiliën- en Beheersvennootschap Vastgoed Noord",
                 "--landlord-type", "private", "--tenant-informed", "--note", LONG["note"],
                 "--no-input").stdout.strip()
    for args in (["hearing", "add", number, "--date", "tomorrow 09:00", "--court", LONG["court"],
                  "--room", "Zaal 3 (eerste verdieping, links)", "--claimed", "12.345,67"],
                 ["visit", number, "--note", LONG["note"], "--minutes", "120", "--next", "+2w", "--no-input"],
                 ["plan", number, "--arrears", "12345,67", "--force", "--instalment", "250", "--start", "today"],
                 ["plan", "agree", number, LONG["note"], "--due", "+1m"]):
        assert cli(*args).exit_code == 0, args
    return number


def views(number: str) -> dict:
    return {"case list": ["case", "list"], "deadlines": ["deadlines"], "overview": [],
            "hearing list": ["hearing", "list"], "transfer list": ["transfer", "list"], "visit list": ["visit", "list"],
            "plan show": ["plan", "show", number], "case show": ["case", "show", number],
            "case history": ["case", "history", number], "stats": ["stats", "--month", "this"],
            "hearing brief": ["hearing", "brief", number]}


def headers(text: str) -> set[str]:
    """The words of every table's header line (the line above a rule of ─)."""
    lines = text.splitlines()
    return {word for above, line in zip(lines, lines[1:]) if line.startswith("─") for word in above.split()}


def test_every_view_fits_80_and_120_columns(cli, busy):
    problems = []
    for name, args in views(busy).items():
        for width in (80, 120):
            result = cli(*args, env={"COLUMNS": str(width)})
            if result.exit_code != 0:
                problems.append(f"{name} at {width}: exit {result.exit_code}")
                continue
            longest = max(map(cell_len, result.stdout.splitlines()), default=0)
            if longest > width:
                problems.append(f"{name} at {width}: a line of {longest} columns")
            if cut := CUT.findall(result.stdout):
                problems.append(f"{name} at {width}: cut {cut[:3]}")
    assert not problems, "\n".join(problems)


LISTS = {"case list": ["case", "list"], "deadlines": ["deadlines"], "visit list": ["visit", "list"],
         "transfer list": ["transfer", "list"]}


def test_case_numbers_and_dates_stay_whole_and_wider_shows_more(cli, busy):
    for view, args in LISTS.items():
        rows = json.loads(cli(*args, "--format", "json").stdout)
        narrow, wide = (cli(*args, env={"COLUMNS": str(w)}).stdout for w in (80, 120))
        for row in rows:
            if row.get("case"):
                assert row["case"] in narrow and row["case"] in wide, (view, row["case"])
            for key in ("due", "date", "admitted"):
                if row.get(key):
                    assert "/".join(reversed(row[key][:10].split("-"))) in wide, (view, key, row[key])
        assert headers(narrow) <= headers(wide), view
        assert headers(narrow), view


def test_a_hearing_roll_keeps_its_result_column_whole(cli, busy):
    assert cli("hearing", "add", busy, "--date", "today 08:00", "--court", "Vredegerecht Demostad",
               "--force").exit_code == 0
    assert cli("hearing", "outcome", busy, "--result", "postponed", "--new-date", "+5d 10:00").exit_code == 0
    narrow = cli("hearing", "list", "--within", "7", env={"COLUMNS": "80"}).stdout
    assert "Result" in narrow and "postponed" in narrow


@pytest.mark.parametrize("text, width, expected", [
    ("consent of landlord recorded, dated 2026-03-07", 40, "consent of landlord recorded, dated…"),
    ("short", 10, "short"),
    ("Anna-Maria-Van-den-Broeck", 10, "Anna-Mari…"),
    ("Jan Peeters", 11, "Jan Peeters"),
    ("Jan Peeters", 10, "Jan Peete…"),  # "Jan" alone would waste the room: a long word is cut
    ("Marie Van den Broeck", 16, "Marie Van den…"),
])
def test_long_text_is_shortened_after_a_whole_word(text, width, expected):
    assert shorten(text, width) == expected
    assert cell_len(shorten(text, width)) <= width


def test_the_roll_keeps_the_claimed_amount_at_80_columns(cli, busy):
    for width in (80, 120):
        roll = cli("hearing", "list", "--date", "tomorrow", env={"COLUMNS": str(width)}).stdout
        assert "Claimed" in headers(roll) and "€ 12.345,67" in roll, (width, roll)
        assert max(map(cell_len, roll.splitlines())) <= width


def test_a_session_with_a_conciliation_keeps_the_claimed_amount_at_80_columns(cli, busy):
    pre_ogp = cli("intake", "--track", "pre-ogp", "--tenant", "An Claes", "--address", "Markt 2, 2800 Mechelen",
                  "--source", "landlord", "--tenant-informed", "--no-input").stdout.strip()
    assert cli("hearing", "add", pre_ogp, "--kind", "conciliation", "--date", "tomorrow 10:00", "--court",
               LONG["court"], "--claimed", "2.500").exit_code == 0
    for width in (80, 120):
        roll = cli("hearing", "list", "--date", "tomorrow", env={"COLUMNS": str(width)}).stdout
        session = roll[roll.index(LONG["court"]):]
        assert "Claimed" in headers(session) and "€ 12.345,67" in session and "€ 2.500,00" in session, (width, roll)
        assert max(map(cell_len, roll.splitlines())) <= width
    assert "Session" in headers(session) and "conciliation" in session  # on a wide terminal it is there too


@pytest.mark.parametrize("options", [{}, {"force_terminal": True, "color_system": "truecolor"},
                                     {"force_terminal": True, "color_system": "standard", "no_color": True},
                                     {"force_terminal": True, "color_system": "256"}])
@pytest.mark.parametrize("title", [None, "A title far longer than the width of the console it is drawn on, cut"])
def test_a_table_is_drawn_as_rich_draws_it(options, title):
    """A list is written line by line, a screenful at a time, without Rich's pass over every line: byte for byte
    what Rich writes, styles, wide characters and a cut title alike."""
    import io

    from rich.console import Console

    from huurbeg.output.render import Lines

    rows = [(["2026-0001", "Jan Peeters", "overdue"], "bold red"), (["2026-0002", "Ŝàrà 日本語 wide", "x"], "bold red"),
            (["2026-0003", "plain", "y"], None), (["2026-0004", "dim one", "z"], "dim"), (["a", "", ""], "yellow"),
            ([" ", " ", " "], None)]
    lines = Lines(title, [("Case", 10), ("Tenant", 18), ("Sev", 8)], rows)
    for width in (40, 20):
        rich = Console(file=io.StringIO(), width=width, height=3, **options)
        rich.print(lines)
        ours = Console(file=io.StringIO(), width=width, height=3, **options)
        screens = list(lines.drawn(ours))
        assert "".join(screens) == rich.file.getvalue()
        assert len(screens) == 3  # the head, then the rows three at a time


@pytest.mark.parametrize("command", [["case", "show"], ["case", "history"]])
def test_a_history_line_is_shown_whole_at_80_columns(cli, new_case, command):
    """A line of the timeline may say its fact at its end (the court, the next contact): wrapped, never cut."""
    number = new_case()
    court = "Vredegerecht van het kanton Sint-Niklaas-Waasland tweede kanton"
    assert cli("hearing", "add", number, "--date", "+3d 09:30", "--court", court, "--new-court").exit_code == 0
    shown = cli(*command, number, env={"COLUMNS": "80"}).stdout
    assert all(len(line) <= 80 for line in shown.splitlines())
    assert court in " ".join(line.strip(" │") for line in shown.splitlines()), shown
