"""Every test runs on its own SQLite file in tmp_path, on a pinned date, at a fixed width."""

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from huurbeg.cli import app

TODAY = "2026-11-22"


@pytest.fixture(autouse=True)
def environment(tmp_path, monkeypatch):
    """HUURBEG_DB points into tmp_path; today is pinned; Rich renders 100 columns without colour."""
    monkeypatch.setenv("HUURBEG_DB", str(tmp_path / "huurbeg.db"))
    monkeypatch.setenv("HUURBEG_TODAY", TODAY)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("HUURBEG_DEBUG", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "huurbeg.db"


@pytest.fixture
def cli():
    """Run huurbeg in-process through CliRunner; returns the Result (stdout and stderr apart)."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None, env: dict | None = None):
        return runner.invoke(app, list(args), input=input, env=env)

    return run


INTAKE = ["intake", "--track", "pw", "--tenant", "Jan Peeters", "--address", "Kerkstraat 1, 2800 Mechelen",
          "--source", "landlord", "--landlord", "Woonpunt", "--landlord-type", "shm", "--problem", "arrears",
          "--arrears", "1.234,56", "--tenant-informed", "--no-input"]


@pytest.fixture
def new_case(cli):
    """Open a PW case with the usual flags (plus any given) and return its number."""

    def make(*extra: str) -> str:
        result = cli(*INTAKE, *extra)
        assert result.exit_code == 0, result.output
        return result.stdout.strip()

    return make


def snapshot(path: Path) -> list[str]:
    """Every row of every table, to prove a failed command wrote nothing."""
    if not path.exists():
        return []
    with sqlite3.connect(path) as connection:
        return list(connection.iterdump())


def assert_one_line_error(result, *, code: int | None = None, contains: str = "") -> None:
    """The contract for bad input: non-zero exit, one line on stderr, no traceback, nothing on stdout."""
    assert result.exit_code != 0, result.output
    if code is not None:
        assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("huurbeg: error: "), result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert contains in lines[0], lines[0]
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
