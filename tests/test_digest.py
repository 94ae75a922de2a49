"""`huurbeg digest`: run by cron, with no terminal and stdin closed; silent on a quiet day."""

import os
import subprocess
import sys

import pytest

from conftest import assert_one_line_error, me

QUIET = ["--consent-tenant", "--consent-landlord", "--allow-duplicate"]


def run_digest(*args: str) -> subprocess.CompletedProcess:
    """As cron runs it: a process of its own, stdin closed, no terminal."""
    return subprocess.run([sys.executable, "-m", "huurbeg", "digest", *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, preexec_fn=lambda: os.close(0), timeout=120, env=os.environ)


def quiet_case(cli, new_case) -> str:
    number = new_case(*QUIET)
    assert cli("visit", number, "--kind", "phone", "--minutes", "5", "--no-input").exit_code == 0
    return number


@pytest.mark.slow
def test_a_quiet_day_prints_nothing_at_all(cli, new_case):
    quiet_case(cli, new_case)
    assert cli("deadlines", "--within", "0", "-f", "json").stdout.strip() == "[]"
    done = run_digest()
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    done = run_digest("--mine")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


@pytest.mark.slow
def test_the_digest_names_hearings_warnings_and_newly_broken_plans(cli, new_case):
    today_case, tomorrow_case, overdue_case, plan_case = (quiet_case(cli, new_case) for _ in range(4))
    cli("hearing", "add", today_case, "--date", "22/11/2026 09:30", "--court", "Vredegerecht Mechelen",
        "--room", "2", "--petition-date", "20/11/2026", "--force")
    cli("hearing", "add", tomorrow_case, "--date", "23/11/2026 14:00", "--court", "Vredegerecht Lier")
    cli("hearing", "add", overdue_case, "--date", "30/11/2026 14:00", "--court", "Later")
    cli("plan", "agree", overdue_case, "clean the kitchen", "--due", "01/11/2026")
    # monthly on the 22nd from 22/09: the second instalment is missed today, so the plan broke today
    assert cli("plan", plan_case, "--arrears", "900", "--force", "--instalment", "100",
               "--start", "22/09/2026").exit_code == 0
    done = run_digest()
    assert done.returncode == 0 and done.stderr == "", done.stderr
    text = done.stdout
    assert text.startswith("huurbeg digest, Sunday 22/11/2026\n"), text
    today_part = text.split("Hearings today (1)\n")[1].split("\n\n")[0]
    assert today_case in today_part and "09:30" in today_part and "Vredegerecht Mechelen, room 2" in today_part
    tomorrow_part = text.split("Hearings tomorrow (1)\n")[1].split("\n\n")[0]
    assert tomorrow_case in tomorrow_part and "14:00" in tomorrow_part and "Later" not in text
    assert "Payment plans broken since yesterday (1)\n" in text and f"  {plan_case}  2 instalments missed" in text
    # each thing is said once: a listed hearing or a newly broken plan is not repeated as a warning
    assert text.count(tomorrow_case) == text.count(plan_case) == 1
    assert "Jan Peeters" not in text and "Kerkstraat" not in text and "kitchen" not in text
    assert "\x1b" not in text and "[" not in text  # plain text: no colour, no markup
    # the agreement overdue is a warning, not urgent: the digest carries only urgent and overdue ones
    assert overdue_case not in text
    # the next morning the plan is still broken, but no longer news
    later = run_digest("--as-of", "2026-11-23")
    assert "broken since yesterday" not in later.stdout and plan_case in later.stdout


@pytest.mark.slow
def test_one_workers_digest(cli, new_case):
    quiet_case(cli, new_case)
    theirs = quiet_case(cli, new_case)
    cli("hearing", "add", theirs, "--date", "22/11/2026 11:00", "--court", "Vredegerecht Mechelen", "--force")
    if "://" not in os.environ["HUURBEG_DB"]:  # a file: any account name may be given a case
        assert cli("case", "assign", theirs, "--to", "karim").exit_code == 0
        assert run_digest("--mine").stdout == ""
        assert run_digest("--worker", "karim").stdout.startswith("huurbeg digest for karim, ")
    else:
        assert run_digest("--mine").stdout.startswith(f"huurbeg digest for {me()}, ")


def test_a_typo_in_the_worker_is_an_error_for_cron_to_mail(cli, new_case):
    quiet_case(cli, new_case)
    assert_one_line_error(cli("digest", "--worker", "nobody"), code=2, contains="--worker")


def test_no_database_is_an_error_not_a_quiet_day(cli, tmp_path):
    assert_one_line_error(cli("--db", str(tmp_path / "missing.db"), "digest"), code=5)
