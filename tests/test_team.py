"""Team mode: copying a solo database into a shared one, and intakes from several machines at once.

These run against the database of the test pass: an SQLite file, or the PostgreSQL server
named by HUURBEG_TEST_POSTGRES.
"""

import json
import os
import subprocess
import sys

import pytest

from conftest import POSTGRES, assert_one_line_error, query


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def solo(cli, tmp_path):
    """A solo worker's SQLite file with a year of fictional casework."""
    path = str(tmp_path / "solo.db")
    assert cli("--db", path, "demo").exit_code == 0
    return path


PERIODS = [("--year", "2025"), ("--year", "2026"), ("--month", "2026-10")]


def test_copy_moves_every_case_history_and_number(cli, solo):
    team = os.environ["HUURBEG_DB"]
    result = cli("--db", solo, "copy", "--to", team)
    assert result.exit_code == 0, result.output
    assert "every table's count verified" in result.stderr
    solo_cases = as_json(cli("--db", solo, "case", "list", "--status", "all", "-f", "json"))
    team_cases = as_json(cli("case", "list", "--status", "all", "-f", "json"))
    assert [c["case"] for c in team_cases] == [c["case"] for c in solo_cases]
    for period in PERIODS:
        assert cli("stats", *period, "-f", "csv").stdout == cli("--db", solo, "stats", *period, "-f", "csv").stdout
    number = solo_cases[-1]["case"]
    history = lambda *db: [(h["action"], h["detail"])  # noqa: E731
                           for h in as_json(cli(*db, "case", "history", number, "-f", "json"))]
    solo_history, team_history = history("--db", solo), history()
    assert team_history[:len(solo_history)] == solo_history
    assert as_json(cli("--db", solo, "case", "export", number)) | {"cases": None} == \
        as_json(cli("case", "export", number)) | {"cases": None}
    last = max(c["case"] for c in team_cases if c["case"].startswith("2026-"))
    new = cli("intake", "--track", "pw", "--tenant", "After the copy", "--source", "tenant", "--tenant-informed",
              "--no-input").stdout.strip()
    assert new == f"2026-{int(last[5:]) + 1:04d}"


def test_a_target_with_cases_is_refused_unless_merging(cli, solo, tmp_path):
    cli("intake", "--track", "pw", "--tenant", "Already here", "--source", "tenant", "--date", "01/01/2020",
        "--tenant-informed", "--no-input")
    team = os.environ["HUURBEG_DB"]
    assert_one_line_error(cli("--db", solo, "copy", "--to", team), code=4, contains="--merge")
    assert len(as_json(cli("case", "list", "--status", "all", "-f", "json"))) == 1
    result = cli("--db", solo, "copy", "--to", team, "--merge")
    assert result.exit_code == 0, result.output
    total = len(as_json(cli("--db", solo, "case", "list", "--status", "all", "-f", "json"))) + 1
    assert len(as_json(cli("case", "list", "--status", "all", "-f", "json"))) == total


def test_merging_clashing_case_numbers_copies_nothing(cli, solo):
    cli("intake", "--track", "pw", "--tenant", "Clash", "--source", "tenant", "--date", "01/01/2026",
        "--tenant-informed", "--no-input")
    before = query(None, "SELECT count(*) FROM case_file")
    assert_one_line_error(cli("--db", solo, "copy", "--to", os.environ["HUURBEG_DB"], "--merge"), code=4,
                          contains="exist in both")
    assert query(None, "SELECT count(*) FROM case_file") == before


WRITER = """
import sys
from huurbeg.cli.root import app
tag, count = sys.argv[1], int(sys.argv[2])
sys.exit(sum(app(['intake', '--track', 'pw', '--tenant', f'{tag} {n}', '--address', f'{tag} {n}', '--source',
                  'tenant', '--tenant-informed', '--no-input'], standalone_mode=False) != 0 for n in range(count)))
"""


@pytest.mark.slow
def test_four_machines_fifty_intakes_each(cli):
    cli("case", "list")
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, f"w{n}", "50"], stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for n in range(4)]
    for writer in writers:
        assert writer.wait(timeout=600) == 0, writer.stderr.read()
    assert query(None, "SELECT count(*), count(DISTINCT number), max(seq) FROM case_file") == [(200, 200, 200)]


@pytest.mark.postgres
def test_the_history_names_the_database_role(cli):
    cli("intake", "--track", "pw", "--tenant", "X", "--source", "tenant", "--tenant-informed", "--no-input")
    [(os_user, db_user)] = query(None, "SELECT os_user, db_user FROM history")
    assert os_user and db_user == POSTGRES.split("://", 1)[1].split("@")[0].split(":")[0]


@pytest.mark.postgres
def test_doctor_explains_it_checks_files(cli):
    assert_one_line_error(cli("doctor"), code=2, contains="SQLite files")
