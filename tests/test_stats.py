"""`huurbeg stats`: every figure on a hand-built October with known answers, and the cron path."""

import csv
from datetime import date
import io
import json
import os
import re
import subprocess
import sys

import pytest

from conftest import assert_one_line_error
from huurbeg.domain.figures import FIGURES

AFTER = {"HUURBEG_TODAY": "2026-11-05"}


@pytest.fixture
def october(cli, made_once):
    """Six households around October 2026, with events on its first and last day."""
    made_once(_october, cli)


def _october(cli):
    def run(*args):
        result = cli(*args, env=AFTER)
        assert result.exit_code == 0, result.output
        return result.stdout.strip()

    base = ["--tenant-informed", "--no-input"]
    a = run("intake", "--track", "pw", "--tenant", "A", "--source", "landlord", "--landlord", "Woonpunt",
            "--landlord-type", "shm", "--problem", "arrears", "--problem", "hygiene",
            "--national-number", "85073003328", "--date", "01/10/2026", *base)
    run("visit", a, "--date", "01/10/2026", "--minutes", "60", "--no-input")
    run("case", "close", a, "--outcome", "eviction-prevented", "--date", "31/10/2026")
    b = run("intake", "--track", "ogp", "--tenant", "B", "--source", "court", "--landlord", "Peeters",
            "--landlord-type", "private", "--problem", "arrears", "--date", "31/10/2026", *base)
    run("hearing", "add", b, "--date", "31/10/2026 10:00", "--court", "Vredegerecht Mechelen", "--force")
    run("hearing", "outcome", b, "--result", "settled")
    run("visit", b, "--date", "31/10/2026", "--kind", "phone", "--minutes", "30", "--no-input")
    run("refer", b, "--to", "cgg", "--date", "31/10/2026")
    run("refer", b, "--to", "lawyer", "--date", "31/10/2026")
    c = run("intake", "--track", "pre-ogp", "--tenant", "C", "--source", "ocmw", "--date", "30/09/2026", *base)
    run("visit", c, "--date", "30/09/2026", "--kind", "office", "--minutes", "15", "--no-input")
    run("visit", c, "--date", "01/11/2026", "--minutes", "45", "--no-input")
    run("transfer", "dwelling", "add", "DW-1", "--kind", "transit")
    run("transfer", "dwelling", "add", "CR-1", "--kind", "crisis")
    run("transfer", "in", c, "--dwelling", "DW-1", "--date", "01/10/2026")
    run("case", "track", c, "--to", "ogp", "--date", "15/10/2026")
    run("transfer", "out", c, "--destination", "regular-market", "--date", "31/10/2026", "--keep-open")
    run("intake", "--track", "pw", "--tenant", "A", "--source", "tenant", "--national-number", "85073003328",
        "--date", "31/10/2026", *base)  # returning household
    f = run("intake", "--track", "crisis", "--tenant", "F", "--source", "police", "--date", "15/10/2026", *base)
    run("transfer", "in", f, "--dwelling", "CR-1", "--date", "15/10/2026")
    run("intake", "--track", "pw", "--tenant", "D", "--source", "tenant", "--date", "01/11/2026", *base)


def figures_of(cli, *period):
    result = cli("stats", *period, "--format", "json", env=AFTER)
    assert result.exit_code == 0, result.output
    return {(r["figure"], r["breakdown"]): r["value"] for r in json.loads(result.stdout)}


EXPECTED_OCTOBER = {
    ("new_cases", ""): 4, ("new_cases", "track=pw"): 2, ("new_cases", "track=ogp"): 1,
    ("new_cases", "track=crisis"): 1, ("new_cases", "track=pre-ogp"): 0,
    ("new_cases", "source=landlord"): 1, ("new_cases", "source=court"): 1, ("new_cases", "source=tenant"): 1,
    ("new_cases", "source=police"): 1, ("new_cases", "source=ocmw"): 0,
    ("new_cases", "landlord_type=shm"): 1, ("new_cases", "landlord_type=private"): 1,
    ("new_cases", "landlord_type=none"): 2,
    ("new_cases", "problem=arrears"): 2, ("new_cases", "problem=hygiene"): 1,
    ("returning_households", ""): 1,
    ("open_cases", ""): 4, ("open_cases", "track=ogp"): 2, ("open_cases", "track=pw"): 1,
    ("open_cases", "track=crisis"): 1, ("open_cases", "track=dw"): 0,
    ("closed_cases", ""): 1, ("closed_cases", "outcome=eviction-prevented"): 1, ("closed_cases", "track=pw"): 1,
    ("evictions_prevented", ""): 1, ("evictions_prevented", "track=pw"): 1,
    ("households_referred", ""): 1, ("referrals", ""): 2, ("referrals", "destination=cgg"): 1,
    ("referrals", "destination=lawyer"): 1, ("referrals", "destination=ocmw"): 0,
    ("transit_admissions", ""): 1, ("regular_market_moves", ""): 1,
    ("hearings", ""): 1, ("hearings", "result=settled"): 1, ("hearings", "result=pending"): 0,
    ("crisis_admissions", ""): 1, ("moves_out", ""): 1, ("moves_out", "destination=regular-market"): 1,
    ("dwellings", ""): 2, ("dwellings_occupied", ""): 1, ("dwellings_occupied", "kind=crisis"): 1,
    ("dwellings_occupied", "kind=transit"): 0,
    ("contacts", ""): 2, ("contacts", "track=pw"): 1, ("contacts", "track=ogp"): 1,
    ("home_visits", ""): 1, ("home_visits", "track=pw"): 1,
    ("hours", ""): 1.5, ("hours", "track=pw"): 1.0, ("hours", "track=ogp"): 0.5,
}


def test_october_figures_come_out_exactly(cli, october):
    found = figures_of(cli, "--month", "2026-10")
    assert {key: found[key] for key in EXPECTED_OCTOBER} == EXPECTED_OCTOBER


def test_last_month_is_october_in_november(cli, october):
    assert figures_of(cli, "--month", "last") == figures_of(cli, "--month", "2026-10")


def test_period_edges_a_day_off_changes_the_counts(cli, october):
    shifted = figures_of(cli, "--from", "02/10/2026", "--to", "30/10/2026")
    assert shifted[("new_cases", "")] == 1  # only F; A (1st) and B, E (31st) fall outside
    assert shifted[("closed_cases", "")] == 0 and shifted[("transit_admissions", "")] == 0
    assert shifted[("open_cases", "")] == 3  # A, C, F open on 30/10
    year = figures_of(cli, "--year", "2026")
    assert year[("new_cases", "")] == 6 and year[("contacts", "")] == 4


def test_csv_is_long_format_in_a_fixed_order(cli, october):
    first = cli("stats", "--month", "2026-10", "--format", "csv", env=AFTER).stdout
    rows = list(csv.reader(io.StringIO(first)))
    assert rows[0] == ["period", "figure", "breakdown", "value"]
    assert rows[1] == ["2026-10", "new_cases", "", "4"]
    figures_in_order = list(dict.fromkeys(r[1] for r in rows[1:]))
    assert figures_in_order == [f.key for f in FIGURES]
    empty_month = cli("stats", "--month", "2025-01", "--format", "csv", env=AFTER).stdout
    assert [r[1:3] for r in csv.reader(io.StringIO(empty_month))] == [r[1:3] for r in rows]


def test_json_holds_the_same_rows(cli, october):
    as_csv = list(csv.DictReader(io.StringIO(cli("stats", "--month", "2026-10", "-f", "csv", env=AFTER).stdout)))
    as_json = json.loads(cli("stats", "--month", "2026-10", "-f", "json", env=AFTER).stdout)
    assert [list(r) for r in as_json[:1]] == [["period", "figure", "breakdown", "value"]]
    assert [(r["figure"], r["breakdown"], r["value"]) for r in as_json] == \
        [(r["figure"], r["breakdown"], float(r["value"])) for r in as_csv]  # amounts: 1675.0 and 1675.00


def test_no_personal_data_in_any_figure(cli, october):
    out = cli("stats", "--year", "2026", "-f", "csv", env=AFTER).stdout
    for secret in ("Woonpunt", "Peeters", "85073003328", "Vredegerecht"):
        assert secret not in out


def test_table_panels_and_chart(cli, october):
    out = cli("stats", "--month", "2026-10", "--chart", env=AFTER).stdout
    for panel in ("intake", "caseload", "results", "court", "housing", "work"):
        assert panel in out
    assert "cases closed: eviction prevented" in out and "█" in out and "November 2025" in out and "October 2026" in out


@pytest.mark.parametrize("lang, label, pending", [("en", "referrals by answer", "pending"),
                                                  ("nl", "doorverwijzingen volgens antwoord", "nog niet gekend")])
def test_unanswered_referrals_are_counted_as_referrals_by_answer_not_as_answers(cli, october, lang, label, pending):
    """October's two referrals have no answer yet: the figure counts referrals, its answer a breakdown of them."""
    assert figures_of(cli, "--month", "2026-10")[("referral_outcomes", "")] == 2
    out = cli("stats", "--month", "2026-10", env=AFTER | {"HUURBEG_LANG": lang, "COLUMNS": "200"}).stdout
    [line] = [line for line in out.splitlines() if label in line]
    assert re.search(re.escape(label) + r"\s+2\b", line) and re.search(re.escape(pending) + r"\s+2\b", line), out
    assert "referral outcomes" not in out and "antwoorden op doorverwijzingen" not in out


@pytest.mark.parametrize("args, text", [
    (["--month", "2026-13"], "12/2026"), (["--month", "octobre"], "12/2026"), (["--year", "26"], "year"),
    (["--from", "01/10/2026"], "both --from and --to"),
    (["--from", "10/10/2026", "--to", "01/10/2026"], "before --from"),
    (["--month", "last", "--year", "2026"], "one period"),
])
def test_bad_periods(cli, october, args, text):
    assert_one_line_error(cli("stats", *args, env=AFTER), code=2, contains=text)


def run_cron(db_path, *args):
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS",)}
    env.update(HUURBEG_TODAY="2026-11-05", TERM="dumb")
    if db_path is not None:
        env["HUURBEG_DB"] = str(db_path)
    return subprocess.run([sys.executable, "-m", "huurbeg", "stats", *args], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, env=env, timeout=60)


@pytest.mark.slow
def test_cron_writes_only_data_without_a_terminal(db_path, october):
    result = run_cron(None, "--month", "last", "--format", "csv")  # HUURBEG_DB as the tests set it
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["period", "figure", "breakdown", "value"] and rows[1][:2] == ["2026-10", "new_cases"]
    assert all(len(r) == 4 for r in rows)


@pytest.mark.slow
def test_cron_fails_loudly_without_a_database(tmp_path):
    result = run_cron(tmp_path / "missing.db", "--month", "last", "--format", "csv")
    assert result.returncode != 0 and result.stdout == ""
    assert "no huurbeg database" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "missing.db").exists()


def _every_figure_shown(capsys, count: int) -> str:
    """The figures screen of October 2026 with every figure at 1234 and each value of each of its breakdowns at
    `count`, as drawn."""
    from huurbeg.domain.figures import Row, month_period
    from huurbeg.output.views import figures_view

    rows = [Row("2026-10", figure.key, breakdown, value) for figure in FIGURES
            for breakdown, value in [("", 1234)] + [(f"{dimension}={value}", count) for dimension, values, _count
                                                     in figure.breakdowns for value in values]]
    figures_view(month_period("2026-10", date(2026, 11, 5)), rows)
    return capsys.readouterr().out


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_figure_keeps_its_label_and_number_on_one_line_at_80_columns(monkeypatch, capsys, lang):
    """A label that wrapped put its end on a line of its own, under a line that read as another figure with this
    one's number ('aangekondigde uithuiszettingen 1' / 'afgewend'): at 80 columns every figure's whole label and its
    number are one line, however long the breakdowns beside them (every value of every breakdown counted here); a
    line of a panel that does not start with a label holds only a breakdown."""
    import re

    from huurbeg.domain.figures import figure_name

    monkeypatch.setenv("HUURBEG_LANG", lang)
    monkeypatch.setenv("COLUMNS", "80")
    out = _every_figure_shown(capsys, 12)
    assert all(len(line) <= 80 for line in out.splitlines())
    names = [figure_name(figure.key) for figure in FIGURES]
    assert max(map(len, names)) > 30  # labels long enough to wrap beside a long breakdown
    inside = [line[2:] for line in out.splitlines() if line.startswith("│ ")]
    number = r"\s+(€ )?\d[\d.,]*(\s|$)"
    for name in names:
        assert [line for line in inside if re.match(re.escape(name) + number, line)], (name, out)
    for line in inside:  # a label's line is the whole label with its number; the others are breakdowns
        assert line.startswith(" ") or any(re.match(re.escape(name) + number, line) for name in names), (line, out)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_breakdown_value_and_its_count_stay_on_one_line_at_80_columns(monkeypatch, capsys, lang):
    """'bestemming: OCMW 1 · huurdersbond' with its '1' on the next line read as a value without a count: at 80
    columns the breakdowns break between their items, never inside one (every value of every breakdown here)."""
    from huurbeg.core.i18n import _ as tr
    from huurbeg.domain.figures import DIMENSIONS, _value_name

    monkeypatch.setenv("HUURBEG_LANG", lang)
    monkeypatch.setenv("COLUMNS", "80")
    out = _every_figure_shown(capsys, 7)
    assert all(len(line) <= 80 for line in out.splitlines())
    lines = [" ".join(line.strip("│ ").split()) for line in out.splitlines()]
    for figure in FIGURES:
        for dimension, values, _count in figure.breakdowns:
            for value in values:
                item = f"{_value_name(dimension, value)} 7"
                # an item wider than its column alone wraps at its words, the count beside its last word
                tail = " ".join(item.split()[-2:])
                assert any(item in line for line in lines) or len(item) > 26 and any(
                    line.endswith(tail) or f"{tail} ·" in line for line in lines), (item, out)
            assert any(f"{tr(DIMENSIONS[dimension])}:" in line for line in lines), (dimension, out)
