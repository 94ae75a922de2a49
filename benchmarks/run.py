"""Time huurbeg as a user runs it: whole processes, against floors measured in the same rounds.

    python benchmarks/run.py                      # 1,000 and 100,000 cases, 7 rounds
    python benchmarks/run.py --sizes 1000 --rounds 3
    python benchmarks/run.py --readme             # also write the table into README.md
    python benchmarks/run.py --only "visit add" "case list"   # the commands whose label begins so
    python benchmarks/run.py --help-only --rounds 15   # only the two help timings, beside their floor

Every round runs every floor and every command once, in a new random order, so that a
slow moment of the machine hits floors and commands alike; a command's ratio is the median
over the rounds of its time divided by its floor's time in the same round. Lists are timed
the way people see them, as a table on a pseudo-terminal (120 x 40, the pager set to `cat`)
and piped, and as json. Targets are ratios, never times: they mean the same on a slow or
busy machine. Each database is generated once and kept in benchmarks/data/.
"""

import argparse
import os
import platform
import pty
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).parent
README = HERE.parent / "README.md"
PYTHON = sys.executable
HUURBEG = [PYTHON, "-m", "huurbeg"]
FLOORS = {
    "python -c pass": [PYTHON, "-c", "pass"],
    "import typer": [PYTHON, "-c", "import typer"],
    "import floor": [PYTHON, "-c", "import sqlmodel, typer, rich"],
}
TERMINAL = (40, 120)  # rows, columns of the pseudo-terminal
LOOKUP_GROWTH = 1.10
"""A lookup at 100,000 cases may be at most 10 % slower than at 1,000."""
LOOKUP_MEMORY = 1.0
"""Peak memory of a lookup, as a ratio of the import floor's."""
DOCUMENTS = 100
DOCUMENT_BYTES = 500_000
"""The dossier of `case show (100 documents)`: a hundred scans of half a megabyte."""
LARGE_PDF = 20_000_000
ATTACH_SECONDS = 1.0
"""Attaching a 20 MB PDF takes at most this long."""
DOCUMENTS_GROWTH = 1.10
"""A dossier with a hundred documents is shown at most 10 % slower than the same dossier without."""


@dataclass
class Bench:
    label: str
    args: list[str]
    target: float  # ratio to `floor`
    floor: str = "import floor"
    kind: str = "lookup"  # lookup, list, stats, write, help, import, attach
    output: str = "pipe"  # pipe, tty
    db: str | None = None  # another database of the same size (the one with documents)
    versus: str | None = None  # the bench this one may be at most DOCUMENTS_GROWTH slower than
    seconds: float | None = None  # a limit on the median time itself
    times: list[float] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)


IMPORT_ROWS = 5_000


def helps() -> list[Bench]:
    """Help as fast as Typer allows: the root's lists its commands from a table, a command's builds that one."""
    return [Bench("huurbeg --help", ["--help"], 1.3, "import typer", "help"),
            Bench("case show --help", ["case", "show", "--help"], 1.3, "import typer", "help")]


def commands(sample: dict) -> list[Bench]:
    listing = [("overview", []), ("case list", ["case", "list"]), ("deadlines", ["deadlines"])]
    benches = [
        *helps(),
        Bench("case show", ["case", "show", sample["case"]], 0.5, output="tty"),
        Bench("case show (json)", ["case", "show", sample["case"], "-f", "json"], 0.5),
        Bench("hearing list --date D", ["hearing", "list", "--date", sample["tomorrow"]], 0.5, output="tty"),
        Bench("hearing brief", ["hearing", "brief", sample["hearing_case"]], 0.5, output="tty"),
        Bench("plan show", ["plan", "show", sample["plan_case"]], 0.5, output="tty"),
        Bench("stats --month", ["stats", "--month", "last", "-f", "csv"], 0.6, kind="stats"),
        Bench("stats --year", ["stats", "--year", sample["year"], "-f", "csv"], 0.8, kind="stats"),
        Bench("intake (all flags)", [
            "intake", "--track", "pw", "--tenant", "Bench Mark", "--address", "Benchstraat 1", "--phone",
            "0470000000", "--birth-date", "30/07/1985", "--national-number", "85073003328", "--adults", "2",
            "--children", "1", "--landlord", "Landlord 7", "--source", "landlord", "--referrer", "x", "--problem",
            "arrears", "--arrears", "1000", "--tenant-informed", "--consent-tenant", "--consent-landlord", "--note",
            "bench", "--allow-duplicate", "--no-input"], 0.5, kind="write"),
        Bench("visit add", ["visit", "add", sample["case"], "--kind", "phone", "--minutes", "15", "--no-input"],
              0.5, kind="write"),
    ]
    if sample["find"]:
        benches.append(Bench("case find", ["case", "find", "Jan Peeters"], 0.5, output="tty"))
    if sample.get("spreadsheet"):  # into a new database each time, so every row is written
        benches.append(Bench(f"import {IMPORT_ROWS:,} rows", ["import", sample["spreadsheet"]], 5.0, kind="import"))
    if sample.get("pdf"):  # the file changes before each run, so that it is never the dossier's already
        benches.append(Bench("case attach (20 MB PDF)", ["case", "attach", sample["case"], sample["pdf"]], 4.0,
                             kind="attach", seconds=ATTACH_SECONDS))
    if sample.get("documents"):
        benches += [Bench("case show (no documents)", ["case", "show", sample["docs_case"]], 0.5, output="tty"),
                    Bench(f"case show ({DOCUMENTS} documents)", ["case", "show", sample["docs_case"]], 0.5,
                          output="tty", db=sample["documents"], versus="case show (no documents)")]
    for label, args in listing:
        benches += [Bench(f"{label} (table, terminal)", args, 0.8, kind="list", output="tty"),
                    Bench(f"{label} (table, piped)", args, 0.8, kind="list"),
                    *([Bench(f"{label} (json)", [*args, "-f", "json"], 0.8, kind="list")] if args else [])]
    return benches


LAUNCHER = """
import os, sys, time
report = int(sys.argv[1])
os.set_inheritable(report, False)
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
os.write(report, f"{time.perf_counter() - started} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}".encode())
"""
"""Runs a command and reports its seconds, its peak resident memory (KB) and its exit code on a pipe.

A child's peak as the kernel counts it (ru_maxrss) starts from the memory of the process it was forked from,
which for this script is tens of megabytes (the 20 MB PDF it writes, the databases it copies), so every
command measured from here would seem to take at least that. Forked from this small process instead, and
timed from its fork to its end, a command's peak and time are its own."""


def run_once(command: list[str], env: dict, output: str) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of one run; stdout on a pipe or a pseudo-terminal."""
    if output == "tty":
        primary, secondary = pty.openpty()
        _window(secondary)
        reader = threading.Thread(target=_drain, args=(primary,), daemon=True)
        reader.start()
        stdout = secondary
    else:
        stdout = subprocess.PIPE
    report, written = os.pipe()
    process = subprocess.Popen([PYTHON, "-c", LAUNCHER, str(written), *command], env=env, stdin=subprocess.DEVNULL,
                               stdout=stdout, stderr=subprocess.PIPE, pass_fds=(written,))
    os.close(written)
    if output == "tty":
        os.close(secondary)
    else:
        drainer = threading.Thread(target=process.stdout.read, daemon=True)
        drainer.start()
    error = process.stderr.read()
    process.wait()
    with os.fdopen(report, "rb") as pipe:
        measured = pipe.read().split()
    if output == "tty":
        reader.join(5)
        os.close(primary)
    else:
        drainer.join(5)
        process.stdout.close()
    process.stderr.close()
    if len(measured) != 3 or int(measured[2]) != 0:
        raise SystemExit(f"failed: {' '.join(command)}: {error.decode(errors='replace')[-500:]}")
    return float(measured[0]), int(measured[1]) / 1024


def _window(fd: int) -> None:
    import fcntl
    import struct
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", *TERMINAL, 0, 0))


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:  # the other side closed
        pass


def database(size: int) -> Path:
    path = HERE / "data" / f"{size}.db"
    if not path.exists():
        subprocess.run([PYTHON, str(HERE / "generate.py"), str(path), "--cases", str(size)], check=True)
    return path


def samples(path: Path) -> dict:
    import sqlite3

    with sqlite3.connect(path) as connection:
        one = lambda sql: connection.execute(sql).fetchone()[0]  # noqa: E731
        case = one("SELECT number FROM case_file WHERE status = 'open' ORDER BY id LIMIT 1")
        plan = one("SELECT c.number FROM case_file c JOIN payment_plan p ON p.case_id = c.id "
                   "WHERE c.status = 'open' ORDER BY c.id LIMIT 1")
        hearing = one("SELECT c.number FROM case_file c JOIN hearing h ON h.case_id = c.id "
                      "WHERE c.status = 'open' ORDER BY h.starts_at DESC LIMIT 1")
        # another open case than `case`, which the writes of `visit add` grow round after round
        docs_case = one("SELECT number FROM case_file WHERE status = 'open' ORDER BY id LIMIT 1 OFFSET 1")
    found = subprocess.run([*HUURBEG, "case", "find", "--help"], capture_output=True).returncode == 0
    return {"case": case, "plan_case": plan, "hearing_case": hearing, "find": found, "docs_case": docs_case,
            "tomorrow": (date.today() + timedelta(days=1)).isoformat(), "year": str(date.today().year - 1)}


def measure(sizes: list[int], rounds: int, work: Path, only: list[str] | None = None,
            only_help: bool = False) -> dict:
    """Floors once per round and every command at every size once per round, shuffled."""
    env = dict(os.environ, NO_COLOR="1", PAGER="cat", COLUMNS=str(TERMINAL[1]), LINES=str(TERMINAL[0]))
    env.pop("HUURBEG_TODAY", None)
    # an installed huurbeg has its modules compiled, as the floors' packages have theirs: the warm-up writes them
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    floors = {name: Bench(name, command, 0, kind="floor") for name, command in FLOORS.items()}
    plans = {}
    if only_help:  # no database needed
        sizes, plans = [], {0: (work / "empty.db", helps())}
    spreadsheet = work / "caseload.csv"
    if sizes:
        subprocess.run([PYTHON, str(HERE / "generate.py"), str(spreadsheet), "--spreadsheet", str(IMPORT_ROWS)],
                       check=True)
        subprocess.run([*HUURBEG, "--db", str(work / "empty.db"), "case", "list"], check=True, capture_output=True)
    pdf = work / "judgment.pdf"
    if sizes:
        with open(pdf, "wb") as file:
            file.write(b"%PDF-1.7\n" + os.urandom(LARGE_PDF - 9))
    for n, size in enumerate(sizes):
        copy = work / f"{size}.db"
        shutil.copyfile(database(size), copy)  # writes go to a copy, the kept database stays as generated
        sample = samples(copy) | ({"spreadsheet": str(spreadsheet), "pdf": str(pdf)} if n == 0 else {})
        if not only or any("case show (".startswith(label) or label.startswith("case show (") for label in only):
            sample |= {"documents": _with_documents(copy, sample["docs_case"], work, env)}
        plans[size] = (copy, [bench for bench in commands(sample)
                              if not only or bench.label.startswith(tuple(only))])
    jobs = [(None, f) for f in floors.values()] + [(size, b) for size, (_, benches) in plans.items() for b in benches]
    for job in jobs:  # warm the caches
        _time(job, floors, plans, env, record=False)
    for n in range(rounds):
        random.shuffle(jobs)
        round_times = {}
        for job in jobs:
            round_times[id(job[1])] = _time(job, floors, plans, env)
        for size, (_, benches) in plans.items():
            for bench in benches:
                bench.ratios.append(round_times[id(bench)] / round_times[id(floors[bench.floor])])
        print(f"round {n + 1} of {rounds} done", file=sys.stderr)
    return {"floors": floors, "plans": plans, "rounds": rounds}


def _with_documents(path: Path, number: str, work: Path, env: dict) -> str:
    """A copy of the database at `path` whose case `number` has DOCUMENTS scans attached; its file name."""
    copy = path.with_name(f"{path.stem}-documents.db")
    shutil.copyfile(path, copy)
    scans = work / "scans"
    scans.mkdir(exist_ok=True)
    files = []
    for n in range(DOCUMENTS):
        files.append(scans / f"scan-{n:03}.jpg")
        files[-1].write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(DOCUMENT_BYTES - 4))
    subprocess.run([*HUURBEG, "case", "attach", number, *map(str, files), "--kind", "income", "--move"],
                   env=dict(env, HUURBEG_DB=str(copy)), check=True, capture_output=True)
    return copy.name


def _time(job, floors, plans, env, record: bool = True) -> float:
    size, bench = job
    if size is None:
        command = bench.args
    else:
        command = [*HUURBEG, *bench.args]
        target = plans[size][0]
        if bench.db:
            target = target.with_name(bench.db)
        if bench.kind == "attach":
            with open(bench.args[-1], "r+b") as file:  # new bytes at the end: a document the dossier does not hold
                file.seek(-16, os.SEEK_END)
                file.write(os.urandom(16))
        if bench.kind == "import":
            target = target.with_name("import.db")
            for stale in (target, target.with_name("import.db-wal"), target.with_name("import.db-shm")):
                stale.unlink(missing_ok=True)
            shutil.copyfile(target.with_name("empty.db"), target)
        env = dict(env, HUURBEG_DB=str(target))
    seconds, peak = run_once(command, env, bench.output)
    if record:
        bench.times.append(seconds)
        bench.peaks.append(peak)
    return seconds


def verdicts(result: dict) -> list[str]:
    """Every target missed, in words."""
    missed = []
    floor_peak = statistics.median(result["floors"]["import floor"].peaks)
    plans = result["plans"]
    smallest = min(plans)
    for size, (_, benches) in plans.items():
        for bench in benches:
            ratio = statistics.median(bench.ratios)
            if bench.seconds and statistics.median(bench.times) > bench.seconds:
                missed.append(f"{bench.label} at {size:,} cases: {statistics.median(bench.times):.2f} s "
                              f"(target {bench.seconds} s)")
            if bench.versus:
                other = next(b for b in benches if b.label == bench.versus)
                slower = ratio / statistics.median(other.ratios)
                if slower > DOCUMENTS_GROWTH:
                    missed.append(f"{bench.label} at {size:,} cases: {slower:.2f}x {bench.versus} "
                                  f"(target {DOCUMENTS_GROWTH}x)")
            if ratio > bench.target:
                where = f" at {size:,} cases" if size else ""
                missed.append(f"{bench.label}{where}: {ratio:.2f}x {bench.floor} (target {bench.target}x)")
            if bench.kind == "lookup" and max(bench.peaks) > floor_peak * LOOKUP_MEMORY:
                missed.append(f"{bench.label} at {size:,} cases: peak memory {max(bench.peaks) / floor_peak:.2f}x "
                              f"the floor's (target {LOOKUP_MEMORY}x)")
            small = next(b for b in plans[smallest][1] if b.label == bench.label)
            growth = statistics.median(bench.ratios) / statistics.median(small.ratios)
            if bench.kind == "lookup" and size != smallest and growth > LOOKUP_GROWTH:
                missed.append(f"{bench.label}: {growth:.2f}x slower at {size:,} than at {smallest:,} cases "
                              f"(target {LOOKUP_GROWTH}x)")
    return missed


def table(result: dict) -> str:
    floors, plans = result["floors"], result["plans"]
    floor_peak = statistics.median(floors["import floor"].peaks)
    ms = lambda values: "/".join(f"{v * 1000:.0f}" for v in (min(values), statistics.median(values), max(values)))  # noqa
    lines = [f"Measured {date.today():%d/%m/%Y} on {platform.node() or 'this machine'} ({platform.machine()}, "
             f"{os.cpu_count()} cores, Python {platform.python_version()}); {result['rounds']} interleaved rounds "
             f"after a warm-up; table output on a {TERMINAL[1]}x{TERMINAL[0]} pseudo-terminal where marked.", "",
             "| cases | command | ms min/median/max | ratio (median) | target | peak MB | memory ratio |",
             "|---:|---|---:|---:|---:|---:|---:|"]
    import_floor = floors["import floor"]
    for floor in floors.values():
        ratios = [t / f for t, f in zip(floor.times, import_floor.times)]
        lines.append(f"|  | `{' '.join(floor.args[1:]) if floor.args[1] == '-c' else floor.label}` (floor) | "
                     f"{ms(floor.times)} | {statistics.median(ratios):.2f} |  | "
                     f"{statistics.median(floor.peaks):.0f} | {statistics.median(floor.peaks) / floor_peak:.2f} |")
    for size, (_, benches) in plans.items():
        for b in benches:
            peak = max(b.peaks)
            lines.append(f"| {f'{size:,}' if size else ''} | {b.label} | {ms(b.times)} | {statistics.median(b.ratios):.2f} | "
                         f"≤ {b.target}× {b.floor} | {peak:.0f} | {peak / floor_peak:.2f} |")
    missed = verdicts(result)
    lines += ["", "Every target met." if not missed else "Targets missed:"] + [f"- {m}" for m in missed]
    return "\n".join(lines)


def write_readme(report: str) -> None:
    text = README.read_text(encoding="utf-8")
    begin, end = "<!-- speed:begin -->", "<!-- speed:end -->"
    if begin not in text:
        raise SystemExit(f"README.md has no {begin} ... {end} block")
    README.write_text(re.sub(f"{begin}.*?{end}", lambda _: f"{begin}\n{report}\n{end}", text, flags=re.S),
                      encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    parser.add_argument("--only", nargs="+", metavar="LABEL", help="time only the commands whose label begins so")
    parser.add_argument("--help-only", action="store_true", help="only the help timings and their floors (quick)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        report = table(measure(args.sizes, max(args.rounds, 1), Path(work), args.only, args.help_only))
    if args.help_only:
        print(report)
        return
    (HERE / "results.md").write_text(report + "\n")
    if args.readme:
        write_readme(report)
    print(report)


if __name__ == "__main__":
    main()
