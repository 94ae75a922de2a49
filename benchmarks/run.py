"""Time huurbeg as whole processes, against floors measured in the same run.

    python benchmarks/run.py                 # 1,000 and 100,000 cases (generated once, kept in benchmarks/data)
    python benchmarks/run.py --sizes 1000 --runs 5

Each command runs once to warm the caches, then --runs times; the table shows the
median wall time, the peak memory of the process, and the ratio to the import floor
(`python -c "import sqlmodel, typer, rich"`) measured in the same run, so that the
numbers hold on a busy or slow machine. Targets are checked as ratios, never as times.
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).parent
PYTHON = sys.executable
FLOORS = {
    "python -c pass": [PYTHON, "-c", "pass"],
    "import typer": [PYTHON, "-c", "import typer"],
    "import floor": [PYTHON, "-c", "import sqlmodel, typer, rich"],
}
# (label, arguments, target as a ratio of the floor, which floor, kind)
TARGETS = [
    ("huurbeg --help", ["--help"], 1.5, "import typer", "light"),
    ("hearing list --date D", ["hearing", "list", "--date", "{tomorrow}", "-f", "json"], 1.25, "import floor",
     "lookup"),
    ("case show", ["case", "show", "{case}", "-f", "json"], 1.25, "import floor", "lookup"),
    ("plan show", ["plan", "show", "{plan_case}", "-f", "json"], 1.25, "import floor", "lookup"),
    ("case list", ["case", "list", "-f", "json"], 1.5, "import floor", "list"),
    ("deadlines", ["deadlines", "-f", "json"], 1.5, "import floor", "list"),
    ("stats --month", ["stats", "--month", "last", "-f", "csv"], 2.0, "import floor", "stats"),
    ("stats --year", ["stats", "--year", "{year}", "-f", "csv"], 2.0, "import floor", "stats"),
    ("intake (all flags)", ["intake", "--track", "pw", "--tenant", "Bench Mark", "--address", "Benchstraat 1",
                            "--phone", "0470000000", "--birth-date", "30/07/1985", "--national-number",
                            "85073003328", "--adults", "2", "--children", "1", "--landlord", "Landlord 7",
                            "--source", "landlord", "--referrer", "x", "--problem", "arrears", "--arrears", "1000",
                            "--tenant-informed", "--consent-tenant", "--consent-landlord", "--note", "bench",
                            "--allow-duplicate", "--no-input"], 1.5, "import floor", "list"),
]
LOOKUP_GROWTH = 1.10
"""A lookup at 100,000 cases may be at most 10 % slower than at 1,000."""
LOOKUP_MEMORY = 1.3
"""Peak memory of a lookup, as a ratio of the import floor's."""


def measure(command: list[str], runs: int, env: dict) -> tuple[float, float]:
    """Median seconds and peak resident memory (MB) of a command run as a whole process."""
    times, peaks = [], []
    for attempt in range(runs + 1):
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"failed: {' '.join(command)}: {process.stderr.read().decode()}")
        process.stderr.close()
        if attempt:  # the first run warms the caches
            times.append(elapsed)
            peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(times), max(peaks)


def database(size: int) -> Path:
    path = HERE / "data" / f"{size}.db"
    if not path.exists():
        subprocess.run([PYTHON, str(HERE / "generate.py"), str(path), "--cases", str(size)], check=True)
    return path


def samples(path: Path) -> dict:
    import sqlite3

    with sqlite3.connect(path) as connection:
        case = connection.execute("SELECT number FROM case_file WHERE status = 'open' ORDER BY id LIMIT 1").fetchone()
        plan = connection.execute("SELECT c.number FROM case_file c JOIN payment_plan p ON p.case_id = c.id "
                                  "WHERE c.status = 'open' ORDER BY c.id LIMIT 1").fetchone()
    return {"case": case[0], "plan_case": plan[0], "tomorrow": (date.today() + timedelta(days=1)).isoformat(),
            "year": str(date.today().year - 1)}


def run(sizes: list[int], runs: int) -> list[dict]:
    results = []
    env = dict(os.environ, NO_COLOR="1")
    floors = {name: measure(command, runs, env) for name, command in FLOORS.items()}
    for size in sizes:
        path = database(size)
        env["HUURBEG_DB"] = str(path)
        values = samples(path)
        for label, args, target, floor, kind in TARGETS:
            seconds, peak = measure([PYTHON, "-m", "huurbeg", *[a.format(**values) for a in args]], runs, env)
            results.append({"size": size, "command": label, "seconds": seconds, "peak_mb": peak,
                            "ratio": seconds / floors[floor][0], "floor": floor, "target": target, "kind": kind,
                            "memory_ratio": peak / floors["import floor"][1]})
    return [{"size": 0, "command": name, "seconds": s, "peak_mb": m, "ratio": s / floors["import floor"][0],
             "floor": "import floor", "target": None, "kind": "floor", "memory_ratio": m / floors["import floor"][1]}
            for name, (s, m) in floors.items()] + results


def verdicts(results: list[dict]) -> list[str]:
    """Every target missed, in words."""
    missed = []
    by = {(r["size"], r["command"]): r for r in results}
    for r in results:
        if r["target"] is not None and r["ratio"] > r["target"]:
            missed.append(f"{r['command']} at {r['size']:,} cases: {r['ratio']:.2f}x {r['floor']} "
                          f"(target {r['target']}x)")
        if r["kind"] == "lookup" and r["memory_ratio"] > LOOKUP_MEMORY:
            missed.append(f"{r['command']} at {r['size']:,} cases: peak memory {r['memory_ratio']:.2f}x the floor's "
                          f"(target {LOOKUP_MEMORY}x)")
        small = by.get((min(x["size"] for x in results if x["size"]), r["command"]))
        if r["kind"] == "lookup" and small and r is not small and r["seconds"] > small["seconds"] * LOOKUP_GROWTH:
            missed.append(f"{r['command']}: {r['seconds'] / small['seconds']:.2f}x slower at {r['size']:,} than at "
                          f"{small['size']:,} cases (target {LOOKUP_GROWTH}x)")
    return missed


def table(results: list[dict], runs: int) -> str:
    lines = [f"Measured {date.today():%d/%m/%Y} on {platform.node() or 'this machine'} ({platform.machine()}, "
             f"{os.cpu_count()} cores, Python {platform.python_version()}); median of {runs} runs after a warm-up.",
             "", "| cases | command | median ms | ratio | target | peak MB | memory ratio |",
             "|---:|---|---:|---:|---:|---:|---:|"]
    for r in results:
        target = f"≤ {r['target']}× {r['floor']}" if r["target"] else ""
        lines.append(f"| {r['size'] or ''} | {r['command']} | {r['seconds'] * 1000:.0f} | {r['ratio']:.2f} | "
                     f"{target} | {r['peak_mb']:.0f} | {r['memory_ratio']:.2f} |")
    missed = verdicts(results)
    lines += ["", "Every target met." if not missed else "Targets missed:"] + [f"- {m}" for m in missed]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    report = table(run(args.sizes, max(args.runs, 5)), max(args.runs, 5))
    (HERE / "results.md").write_text(report + "\n")
    print(report)


if __name__ == "__main__":
    main()
