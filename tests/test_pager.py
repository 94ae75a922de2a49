"""Long lists on a terminal go through the pager, as git's do; piped output and --no-pager never do."""

import os
import sys

import pytest

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.slow

ROWS = 12


def run_on_terminal(tmp_path, *args, pager: str):
    """huurbeg on a 12-row pseudo-terminal with PAGER writing what it is given to a file.

    LINES says 200, as a stale exported value would: the terminal's own height counts."""
    env = dict(os.environ, TERM="xterm", NO_COLOR="1", PAGER=pager, LINES="200")
    child = pexpect.spawn(sys.executable, ["-m", "huurbeg", *args], env=env, encoding="utf-8", timeout=90,
                          dimensions=(ROWS, 100))
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, child.before


@pytest.fixture
def caseload(new_case, made_once):
    made_once(_caseload, new_case)


def _caseload(new_case):
    for n in range(ROWS + 3):
        new_case("--tenant", f"Huurder {n:02d}", "--address", f"Kerkstraat {n + 10}, 2800 Mechelen")


def test_a_list_taller_than_the_terminal_goes_through_the_pager(tmp_path, caseload):
    paged = tmp_path / "paged.txt"
    status, screen = run_on_terminal(tmp_path, "case", "list", pager=f"sh -c 'cat > {paged}'")
    assert status == 0
    text = paged.read_text(encoding="utf-8")
    assert all(f"Huurder {n:02d}" in text for n in range(ROWS + 3))
    assert "Huurder" not in screen  # the pager had it, not the terminal


def test_no_pager_prints_straight_to_the_terminal(tmp_path, caseload):
    paged = tmp_path / "paged.txt"
    status, screen = run_on_terminal(tmp_path, "--no-pager", "case", "list", pager=f"sh -c 'cat > {paged}'")
    assert status == 0 and not paged.exists()
    assert "Huurder 14" in screen


def test_a_short_list_is_not_paged(tmp_path, new_case):
    new_case()
    paged = tmp_path / "paged.txt"
    status, screen = run_on_terminal(tmp_path, "case", "list", pager=f"sh -c 'cat > {paged}'")
    assert status == 0 and not paged.exists() and "2026-0001" in screen


def test_a_missing_pager_still_shows_the_list(tmp_path, caseload):
    status, screen = run_on_terminal(tmp_path, "case", "list", pager="no-such-pager-here")
    assert status == 0 and "Huurder 14" in screen


def test_piped_output_is_never_paged(tmp_path, cli, caseload, monkeypatch):
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", f"sh -c 'cat > {paged}'")
    result = cli("case", "list")
    assert result.exit_code == 0 and "Huurder 14" in result.stdout and not paged.exists()


def test_the_pager_is_told_the_text_is_utf8_where_the_locale_is_missing(tmp_path, caseload):
    """LANG=nl_BE.UTF-8 on a system without that locale: less would fall back to ASCII and show the table's
    rules as <E2><94><80>; the pager is told the charset, unless LESSCHARSET says otherwise."""
    told = tmp_path / "charset.txt"
    pager = f"sh -c 'echo \"$LESSCHARSET\" > {told}; cat > /dev/null'"
    env = dict(os.environ, LANG="nl_BE.UTF-8", LC_ALL="")
    env.pop("LESSCHARSET", None)
    child = pexpect.spawn(sys.executable, ["-m", "huurbeg", "case", "list"], encoding="utf-8", timeout=90,
                          dimensions=(ROWS, 100), env=dict(env, TERM="xterm", NO_COLOR="1", PAGER=pager))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and told.read_text().strip() == "utf-8"


@pytest.mark.parametrize("view, seen", [(("case", "show", "2026-0001"), "Huurder 00"),
                                        (("plan", "show", "2026-0001"), "€ 50,00"),
                                        (("stats", "--year", "2026"), "2026")])
def test_the_dossier_the_plan_and_the_figures_go_through_the_pager_like_lists(tmp_path, cli, caseload, view, seen):
    assert cli("plan", "2026-0001", "--arrears", "1.234,56", "--instalment", "50", "--start", "today",
               "--force").exit_code == 0
    paged = tmp_path / "paged.txt"
    status, screen = run_on_terminal(tmp_path, *view, pager=f"sh -c 'cat > {paged}'")
    assert status == 0, screen
    assert seen in paged.read_text(encoding="utf-8")
    assert seen not in screen  # the pager had it, not the terminal
    paged.unlink()
    status, screen = run_on_terminal(tmp_path, "--no-pager", *view, pager=f"sh -c 'cat > {paged}'")
    assert status == 0 and not paged.exists() and seen in screen
