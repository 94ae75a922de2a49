"""Excel and files: xlsx workbooks with typed cells, csv for a Belgian Excel, and --output for every format."""

import csv
import io
import json
import re
import os
import stat
import subprocess
import sys
from datetime import datetime

import pytest
import typer
from openpyxl import load_workbook

from huurbeg.cli.root import app
from huurbeg.domain.figures import PANELS
from huurbeg.core.i18n import _, speaking
from huurbeg.output.workbook import HEADERS

EURO = '[$€-813] #,##0.00'
"""Money in a workbook: a euro amount with two decimals, the way Excel writes the euro of Belgian Dutch."""


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def sheets(path):
    return load_workbook(path)


def records(sheet) -> list[dict]:
    rows = list(sheet.iter_rows())
    keys = [c.value for c in rows[0]]
    return [{k: c for k, c in zip(keys, row)} for row in rows[1:]]


def test_stats_workbook_has_one_sheet_per_panel_with_integer_counts(cli, new_case, tmp_path):
    new_case("--track", "ogp")
    new_case("--tenant", "Another")
    path = tmp_path / "figures.xlsx"
    result = ok(cli("stats", "--year", "2026", "--format", "xlsx", "--output", str(path)))
    assert result.stdout == ""
    book = sheets(path)
    assert book.sheetnames == list(PANELS)
    intake = book["intake"]
    assert [c.value for c in intake[1]] == ["period", "figure", "breakdown", "value"]
    assert intake[1][0].font.bold
    assert intake.freeze_panes == "A2"
    assert intake.column_dimensions["B"].width >= len("returning_households")
    rows = records(intake)
    new = [r for r in rows if r["figure"].value == "new_cases" and r["breakdown"].value is None]
    assert new[0]["value"].value == 2 and new[0]["value"].data_type == "n"
    assert new[0]["value"].number_format == "0"
    by_track = {r["breakdown"].value: r["value"].value for r in rows if r["figure"].value == "new_cases"}
    assert by_track["track=ogp"] == 1 and by_track["track=pw"] == 1
    # the same figures as the json, sheet by sheet
    figures = json.loads(ok(cli("stats", "--year", "2026", "-f", "json")).stdout)
    in_book = [(r["figure"].value, r["breakdown"].value or "", r["value"].value)
               for name in PANELS for r in records(book[name])]
    assert in_book == [(f["figure"], f["breakdown"], f["value"]) for f in figures]
    work = records(book["work"])
    hours = [r for r in work if r["figure"].value == "hours"][0]["value"]
    assert isinstance(hours.value, (int, float)) and hours.number_format == "0.0"


def test_case_list_workbook_types_dates_counts_and_keeps_text_as_text(cli, new_case, tmp_path):
    new_case("--tenant", "=HYPERLINK(\"http://x\",\"click\")", "--address", "Chloé's street")
    path = tmp_path / "cases.xlsx"
    ok(cli("case", "list", "-f", "xlsx", "-o", str(path)))
    [row] = records(sheets(path).active)
    assert row["tenant"].value.startswith("=HYPERLINK") and row["tenant"].data_type == "s"  # never a formula
    assert row["intake_date"].value == datetime(2026, 11, 22)  # a date cell, shown dd/mm/yyyy
    assert row["intake_date"].number_format == "dd/mm/yyyy" and row["intake_date"].is_date
    assert row["days_open"].value == 0 and row["days_open"].data_type == "n"


def test_a_listing_s_sheet_is_named_after_its_command(cli, new_case, tmp_path):
    number = new_case()
    for command, name in ((["case", "list"], "case list"), (["deadlines"], "deadlines"),
                          (["visit", "list", number], "visit list"), (["transfer", "list"], "transfer list")):
        path = tmp_path / f"{name}.xlsx"
        ok(cli(*command, "-f", "xlsx", "-o", str(path)))
        assert sheets(path).sheetnames == [name]


def test_amounts_are_numbers_with_two_decimals(cli, new_case, tmp_path):
    number = new_case()
    ok(cli("plan", number, "--arrears", "1.234,56", "--instalment", "103", "--start", "01/12/2026"))
    path = tmp_path / "plan.xlsx"
    ok(cli("plan", "show", number, "-f", "xlsx", "-o", str(path)))
    rows = records(sheets(path).active)
    assert len(rows) == 12
    assert rows[0]["amount"].value == 103 and rows[0]["amount"].number_format == EURO
    assert rows[-1]["amount"].value == pytest.approx(101.56)
    assert rows[0]["due"].is_date


def test_an_fbu_advance_in_the_figures_is_a_euro_amount(cli, tmp_path):
    """The FBU panel's sum of advances is money: a euro amount, as every money cell of a workbook."""
    number = ok(cli("intake", "--track", "pw", "--tenant", "Sara Janssens", "--address", "Molenstraat 5, 2800 Mechelen",
                    "--source", "tenant", "--landlord", "Karel De Smet", "--landlord-type", "private",
                    "--problem", "arrears", "--arrears", "1950", "--rent", "650", "--tenant-informed",
                    "--consent-tenant", "--consent-landlord", "--date", "2026-10-01", "--no-input")).stdout.strip()
    ok(cli("plan", "fbu", number, "--signed", "05/11/2026", "--instalment", "200", "--start", "01/12/2026"))
    ok(cli("plan", "fbu-paid", number, "--date", "19/11/2026"))
    path = tmp_path / "figures.xlsx"
    ok(cli("stats", "--month", "2026-11", "-f", "xlsx", "-o", str(path)))
    [amount] = [r["value"] for r in records(sheets(path)["fbu"]) if r["figure"].value == "fbu_advances_paid_amount"]
    assert amount.value == 975 and amount.number_format == EURO and "€" in amount.number_format


def test_a_hearing_roll_workbook_has_date_and_time_cells(cli, new_case, tmp_path):
    number = new_case("--track", "ogp", "--source", "court")
    ok(cli("hearing", "add", number, "--date", "24/11/2026 09:30", "--court", "Vredegerecht Mechelen",
           "--claimed", "2450"))
    path = tmp_path / "roll.xlsx"
    ok(cli("hearing", "list", "-f", "xlsx", "-o", str(path)))
    [row] = records(sheets(path).active)
    assert row["starts_at"].value == datetime(2026, 11, 24, 9, 30)
    assert row["starts_at"].number_format == "dd/mm/yyyy hh:mm"
    assert row["claimed"].value == 2450 and row["claimed"].number_format == EURO
    assert row["prepared"].value is False


def test_csv_for_a_belgian_excel(cli, new_case):
    number = new_case("--tenant", "Chloé Dubois")
    ok(cli("plan", number, "--arrears", "1.234,56", "--instalment", "103", "--start", "01/12/2026"))
    raw = ok(cli("plan", "show", number, "-f", "csv-excel")).stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "case;seq;due;amount;paid;state;paid_on;days_late"
    assert lines[1].split(";")[2:4] == ["2026-12-01", "103,00"]  # ISO date, decimal comma
    listing = ok(cli("case", "list", "-f", "csv-excel")).stdout_bytes.decode("utf-8-sig")
    assert "Chloé Dubois" in listing
    # plain csv stays the data contract: commas, decimal point, no byte-order mark
    plain = ok(cli("plan", "show", number, "-f", "csv")).stdout
    assert plain.startswith("case,seq,due,amount") and "103.00" in plain


@pytest.mark.parametrize("fmt, check", [
    ("json", lambda text: json.loads(text)[0]["case"] == "2026-0001"),
    ("csv", lambda text: text.startswith("case,tenant,track")),
    ("table", lambda text: "2026-0001" in text and "Jan Peeters" in text and "\x1b" not in text),
])
def test_output_writes_any_format_to_a_private_file(cli, new_case, tmp_path, fmt, check):
    new_case()
    path = tmp_path / f"cases.{fmt}"
    result = ok(cli("case", "list", "-f", fmt, "--output", str(path)))
    assert result.stdout == ""
    assert check(path.read_text(encoding="utf-8"))
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600  # it names households
    assert not list(tmp_path.glob("*.partial"))


def test_output_of_a_calendar_and_of_a_single_record(cli, new_case, tmp_path):
    number = new_case("--track", "ogp", "--source", "court")
    ok(cli("hearing", "add", number, "--date", "24/11/2026 09:30", "--court", "Vredegerecht Mechelen"))
    ok(cli("hearing", "list", "-f", "ics", "-o", str(tmp_path / "h.ics")))
    assert (tmp_path / "h.ics").read_text().startswith("BEGIN:VCALENDAR")
    ok(cli("case", "show", number, "-f", "xlsx", "-o", str(tmp_path / "case.xlsx")))
    fields = {r["field"].value: r["value"].value for r in records(sheets(tmp_path / "case.xlsx").active)}
    assert fields["case"] == number and fields["status"] == "open"


def test_a_failed_command_leaves_no_file(cli, tmp_path):
    path = tmp_path / "out.json"
    result = cli("case", "show", "2026-0099", "-f", "json", "-o", str(path))
    assert result.exit_code == 3
    assert not path.exists() and not list(tmp_path.glob("*.partial"))
    result = cli("case", "list", "-o", str(tmp_path / "missing" / "x.csv"))
    assert result.exit_code == 2 and "no directory" in result.stderr


def test_every_command_with_a_format_takes_output():
    def walk(group):
        for command in group.commands.values():
            if hasattr(command, "commands"):
                yield from walk(command)
            else:
                yield command

    with_format = [c for c in walk(typer.main.get_command(app)) if "fmt" in {p.name for p in c.params}]
    assert len(with_format) >= 10
    for command in with_format:
        assert "output" in {p.name for p in command.params}, command.name


@pytest.mark.slow
def test_openpyxl_is_imported_only_for_a_workbook(tmp_path):
    probe = ("import sys\nfrom huurbeg.cli.root import app\n"
             "try:\n    app(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
             "sys.stderr.write(repr('openpyxl' in sys.modules))\n")
    env = os.environ | {"HUURBEG_DB": str(tmp_path / "h.db")}
    found = {}
    for fmt in ("json", "xlsx"):
        result = subprocess.run([sys.executable, "-c", probe, "case", "list", "-f", fmt, "-o",
                                 str(tmp_path / f"x.{fmt}")], capture_output=True, text=True, env=env, timeout=60)
        found[fmt] = result.stderr.strip().splitlines()[-1]
    assert found == {"json": "False", "xlsx": "True"}


NL = {"HUURBEG_LANG": "nl"}
SPREADSHEETS = {
    "intake": ["intake", "--track", "ogp", "--tenant", "Piet Maes", "--address", "Dorp 3, 2800 Mechelen",
               "--source", "court", "--tenant-informed", "--no-input", "--allow-duplicate"],
    "stats": ["stats", "--year", "2026"],
    "purge": ["purge", "--closed-before", "01/01/2026"],
    "deadlines": ["deadlines"],
    "case list": ["case", "list"],
    "case find": ["case", "find", "Peeters"],
    "case show": ["case", "show", "2026-0001"],
    "case history": ["case", "history", "2026-0001"],
    "case files": ["case", "files", "2026-0001"],
    "visit list": ["visit", "list"],
    "plan show": ["plan", "show", "2026-0001"],
    "hearing list": ["hearing", "list", "--within", "60"],
    "hearing brief": ["hearing", "brief", "2026-0001"],
    "transfer list": ["transfer", "list"],
    "refer list": ["refer", "list"],
    "hearing courts": ["hearing", "courts"],
    "service show": ["service", "show"],
    "landlord show": ["landlord", "show", "Woonpunt"],
    "landlord list": ["landlord", "list"],
}
"""A Dutch export that succeeds, for every command whose --format takes xlsx (the walk keeps it complete)."""


def commands_with_spreadsheets() -> set[str]:
    def walk(group, path):
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                yield from walk(command, [*path, name])
            else:
                for param in command.params:
                    code_list = getattr(getattr(param, "type_descriptor", None), "parameter_info", None)
                    values = getattr(getattr(code_list, "parser", None), "code_list", None) or ()
                    if param.name == "fmt" and "xlsx" in {m.value for m in values}:
                        yield " ".join([*path, name])

    return set(walk(typer.main.get_command(app), []))


def slugs_with_other_words() -> set[str]:
    """Every code and state slug that a Dutch reader reads as another word."""
    from huurbeg.core import codes
    from huurbeg.output.render import STATES, state_word
    from huurbeg.domain.rules import RULE_NAMES

    with speaking("nl"):
        found = {value for (enum, value), _ in codes.SCREEN.items() if codes.shown(enum(value)) != value}
        return found | {slug for slug in STATES if state_word(slug) != slug} | set(RULE_NAMES)


@pytest.fixture
def dutch_work(cli, new_case, tmp_path):
    """A case with a visit, a plan, a hearing, a referral, a document and a dwelling stay."""
    number = new_case("--track", "ogp", "--source", "court", "--problem", "nuisance")
    scan = tmp_path / "vonnis.pdf"
    scan.write_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n")
    for args in (["visit", number, "--kind", "home", "--minutes", "45"],
                 ["plan", number, "--arrears", "600", "--force", "--instalment", "100", "--start", "01/11/2026"],
                 ["hearing", "add", number, "--date", "24/12/2026 09:30", "--court", "Vredegerecht Mechelen"],
                 ["refer", number, "--to", "psychiatry"],
                 ["case", "attach", number, str(scan), "--kind", "judgment"],
                 ["transfer", "dwelling", "add", "CW-1", "--kind", "crisis"],
                 ["transfer", "in", new_case("--track", "crisis", "--tenant", "An Claes"), "--dwelling", "CW-1"]):
        ok(cli(*args))
    return number


def test_every_spreadsheet_reads_in_dutch(cli, dutch_work, tmp_path):
    assert set(SPREADSHEETS) == commands_with_spreadsheets()
    slugs, problems = slugs_with_other_words(), []
    with speaking("nl"):  # a header left in English, as the catalogue has it before its translation
        words = {english for english in HEADERS.values() if _(english) != english}
    from huurbeg.domain.figures import PANEL_NAMES
    from huurbeg.output.workbook import SHEETS

    # a sheet or a title named by an English word: a listing's command or sheet, a figures panel ('caseload')
    english_names = {name for name in [*SHEETS, *SHEETS.values(), *PANEL_NAMES, *PANEL_NAMES.values()]
                     if re.fullmatch(r"[a-z]+( [a-z]+)*", name)}
    for name, args in SPREADSHEETS.items():
        keys = set()
        for row in json.loads(ok(cli(*args, "-f", "json")).stdout or "[]") if name != "intake" else []:
            keys |= set(row)
        path = tmp_path / f"{name}.xlsx"
        ok(cli(*args, "-f", "xlsx", "-o", str(path), env=NL))
        book = sheets(path)
        english = tmp_path / f"{name}-en.xlsx"  # the file's title, as a spreadsheet's properties show it
        ok(cli(*args, "-f", "xlsx", "-o", str(english)))
        if book.properties.title in english_names or re.search("[a-z]{3}", book.properties.title) and \
                book.properties.title == sheets(english).properties.title:
            problems.append(f"{name}: title {book.properties.title!r}")
        for sheet in book:
            if sheet.title in keys or re.fullmatch(r"[a-z]+( [a-z]+)*", sheet.title) and \
                    sheet.title.replace(" ", "_") in keys | {"case_list"} | set(SPREADSHEETS) or \
                    sheet.title in english_names:
                problems.append(f"{name}: sheet {sheet.title!r}")
            rows = list(sheet.iter_rows(values_only=True))
            if rows == [(None,)]:  # nothing to export: an empty sheet
                continue
            if english := [h for h in rows[0] if re.fullmatch(r"[a-z]+(_[a-z]+)*", h) or h in words]:
                problems.append(f"{name}: headers {english}")
            for row in rows[1:]:
                if found := [v for v in row if isinstance(v, bool) or isinstance(v, str) and v in slugs]:
                    problems.append(f"{name}: cells {found}")
        raw = ok(cli(*args, "-f", "csv-excel", env=NL)).stdout_bytes.decode("utf-8-sig")
        header, *lines = list(csv.reader(io.StringIO(raw), delimiter=";"))
        if english := [h for h in header if re.fullmatch(r"[a-z]+(_[a-z]+)*", h) or h in words]:
            problems.append(f"{name} csv-excel: headers {english}")
        if found := [v for line in lines for v in line if v in slugs or v in ("True", "False")]:
            problems.append(f"{name} csv-excel: cells {found}")
    assert not problems, "\n".join(problems)


def test_json_and_plain_csv_stay_the_data_contract_in_dutch(cli, dutch_work):
    for args in (["case", "list"], ["plan", "show", dutch_work], ["stats", "--year", "2026"]):
        for fmt in ("json", "csv"):
            assert cli(*args, "-f", fmt, env=NL).stdout == cli(*args, "-f", fmt).stdout
