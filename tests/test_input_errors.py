"""Input that once ended in an internal error (exit 70): each gets its one line and its exit code."""

import json
import os
import signal
import sys

import pytest

from conftest import INTAKE, POSTGRES, assert_one_line_error, snapshot


@pytest.fixture
def case_db(cli):
    assert cli(*INTAKE).exit_code == 0


@pytest.mark.parametrize("args, code, contains", [
    (["deadlines", "--within", "2913000"], 2, "--within"),
    (["deadlines", "--within", "99999999999999999999999"], 2, "from 0 to 3660"),
    (["hearing", "list", "--within", "2913000"], 2, "--within"),
    (["plan", "done", "2026-0001", "9223372036854775808"], 2, "ID"),
    (["visit", "2026-0001", "--minutes", "9223372036854775808", "--no-input"], 2, "--minutes"),
    (["case", "show", "9223372036854775808"], 2, "CASE"),
    (["--db", "mysql://worker@server/huurbeg", "case", "list"], 2, "mysql:// is not a database huurbeg runs on"),
    (["--db", "oracle+cx_oracle://x", "case", "list"], 2, "--db"),
], ids=["deadlines-within", "within-beyond-int64", "hearing-within", "huge-id", "huge-minutes", "huge-case",
        "mysql", "oracle"])
def test_out_of_range_input_is_a_clear_error(cli, db_path, case_db, args, code, contains):
    before = snapshot(db_path)
    assert_one_line_error(cli(*args), code=code, contains=contains)
    assert snapshot(db_path) == before


def test_the_longest_look_ahead_still_works(cli, case_db):
    assert cli("deadlines", "--within", "3660", "--as-of", "31/12/2199").exit_code == 0
    assert cli("hearing", "list", "--within", "3660").exit_code == 0


@pytest.mark.parametrize("pinned", ["9999-12-31", "0001-01-01", "2200-01-01", "2026-02-30"])
def test_a_pinned_today_out_of_range_is_refused(cli, case_db, pinned):
    for args in (["deadlines"], [], ["case", "list"]):
        assert_one_line_error(cli(*args, env={"HUURBEG_TODAY": pinned}), code=2, contains="HUURBEG_TODAY")


@pytest.mark.parametrize("name, content, contains", [
    ("binary", bytes(range(256)) * 20, "not a text file"),
    ("cp1252-0x81", "tenant;track;source;intake_date;tenant_informed\nJan \u00e9;pw;tenant;01/10/2026;ja\n"
                    .encode("cp1252") + b"Piet \x81;pw;tenant;01/10/2026;ja\n", "line 3: byte 0x81"),
    ("huge-field", ("tenant,track,source,intake_date,tenant_informed\n" + "X" * 140_000
                    + ",pw,tenant,01/10/2026,yes\n").encode(), "field larger than field limit"),
    ("utf-16", "tenant,track,source,intake_date,tenant_informed\n".encode("utf-16"), "not a text file"),
])
def test_a_file_that_is_not_a_csv_is_refused(cli, db_path, tmp_path, case_db, name, content, contains):
    sheet = tmp_path / f"{name}.csv"
    sheet.write_bytes(content)
    before = snapshot(db_path)
    assert_one_line_error(cli("import", str(sheet)), code=2, contains=contains)
    assert snapshot(db_path) == before


@pytest.mark.slow
@pytest.mark.skipif(POSTGRES is not None, reason="kills a writer of an SQLite file")
def test_a_demo_killed_midway_leaves_nothing_and_can_run_again(cli, db_path):
    pexpect = pytest.importorskip("pexpect")
    env = dict(os.environ, TERM="xterm", NO_COLOR="1")
    child = pexpect.spawn(sys.executable, ["-m", "huurbeg", "demo"], env=env, timeout=60)  # a terminal: progress
    child.expect(rb"\b[1-8]\d%")  # well under way: between 10 and 89 % of the households written
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus == signal.SIGKILL
    assert json.loads(cli("case", "list", "--status", "all", "-f", "json").stdout) == []
    assert json.loads(cli("transfer", "list", "-f", "json").stdout) == []
    result = cli("demo")
    assert result.exit_code == 0, result.output
    assert len(json.loads(cli("case", "list", "--status", "all", "-f", "json").stdout)) > 100
