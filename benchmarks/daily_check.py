"""What the daily check costs: the first command of a day against the same command later that day.

    python benchmarks/daily_check.py                  # the 100,000-case database of run.py
    python benchmarks/daily_check.py --db PATH --runs 5

Each run of the first command gets a date of its own (HUURBEG_TODAY), so it runs SQLite's
quick_check as the first command of each day does; the later command repeats one date
that was checked already. The bare PRAGMAs are timed too, with integrity_check (what
doctor and every backup run) for comparison. The file is in the page cache after the
warm-up, as it is on a machine in use; a cold cache adds the time to read the file.
"""

import argparse
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from run import database  # noqa: E402


def timed(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def measure(path: Path, runs: int) -> list[tuple[str, float]]:
    with sqlite3.connect(path) as connection:
        case = connection.execute("SELECT number FROM case_file WHERE status = 'open' LIMIT 1").fetchone()[0]
    command = [sys.executable, "-m", "huurbeg", "case", "show", case, "-f", "json"]
    env = dict(os.environ, HUURBEG_DB=str(path), NO_COLOR="1")
    first_day = date.today() + timedelta(days=1000)
    env["HUURBEG_TODAY"] = first_day.isoformat()
    timed(command, env)  # warm-up: the file in the page cache, this date checked
    later = statistics.median(timed(command, env) for _ in range(runs))
    first = []
    for n in range(1, runs + 1):
        env["HUURBEG_TODAY"] = (first_day + timedelta(days=n)).isoformat()
        first.append(timed(command, env))
    pragmas = []
    with sqlite3.connect(path) as connection:
        for pragma in ("quick_check", "integrity_check"):
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                assert connection.execute(f"PRAGMA {pragma}").fetchone() == ("ok",)
                times.append(time.perf_counter() - started)
            pragmas.append((f"PRAGMA {pragma} alone", statistics.median(times)))
    return [("case show, first command of a day (with quick_check)", statistics.median(first)),
            ("case show, later the same day", later), *pragmas]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a huurbeg database (default: run.py's 100,000 cases)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path = args.db or database(100_000)
    size = path.stat().st_size // (1024 * 1024)
    with sqlite3.connect(path) as connection:
        cases = connection.execute("SELECT count(*) FROM case_file").fetchone()[0]
    lines = [f"Measured {date.today():%d/%m/%Y} on {platform.node()} ({platform.machine()}, {os.cpu_count()} cores, "
             f"Python {platform.python_version()}); {cases:,} cases, a {size} MB file; median of {args.runs} runs.",
             "", "| what | median ms |", "|---|---:|"]
    lines += [f"| {label} | {seconds * 1000:.0f} |" for label, seconds in measure(path, args.runs)]
    text = "\n".join(lines) + "\n"
    (HERE / "daily-check.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
