"""Concurrency and crashes, with real processes on one SQLite file."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.sqlite_only]

WRITER = """
import sys
from huurbeg.cli.root import app
tag, count = sys.argv[1], int(sys.argv[2])
failures = 0
for n in range(count):
    code = app(['intake', '--track', 'pw', '--tenant', f'{tag} {n}', '--address', f'{tag} street {n}',
                '--source', 'tenant', '--tenant-informed', '--no-input'], standalone_mode=False)
    failures += code != 0
sys.exit(failures)
"""


def spawn(db_path, code: str, *args: str, **kwargs) -> subprocess.Popen:
    env = dict(os.environ, HUURBEG_DB=str(db_path))
    return subprocess.Popen([sys.executable, "-c", code, *args], env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def count(db_path, sql: str) -> int:
    with sqlite3.connect(db_path) as connection:
        return connection.execute(sql).fetchone()[0]


def test_two_writers_do_100_intakes_each_at_once(db_path, cli):
    cli("case", "list")
    writers = [spawn(db_path, WRITER, tag, "100") for tag in ("first", "second")]
    results = [(w.wait(timeout=300), w.stderr.read()) for w in writers]
    for code, stderr in results:
        assert code == 0, stderr
        assert "locked" not in stderr and "Traceback" not in stderr
    assert count(db_path, "SELECT count(*) FROM case_file") == 200
    assert count(db_path, "SELECT count(DISTINCT number) FROM case_file") == 200
    assert count(db_path, "SELECT max(seq) FROM case_file") == 200
    assert count(db_path, "SELECT count(*) FROM history WHERE action = 'intake'") == 200


def test_a_cron_export_and_an_intake_at_the_same_moment(db_path, cli):
    cli("case", "list")
    cron = "import sys\nfrom huurbeg.cli.root import app\n" \
           "sys.exit(sum(app(['stats', '--month', 'this', '--format', 'csv'], standalone_mode=False) != 0 " \
           "for _ in range(30)))"
    exporter = spawn(db_path, cron)
    writer = spawn(db_path, WRITER, "solo", "40")
    out, err = exporter.communicate(timeout=300)
    assert exporter.returncode == 0, err
    assert writer.wait(timeout=300) == 0, writer.stderr.read()
    assert out.count("period,figure,breakdown,value") == 30
    assert "locked" not in err
    assert count(db_path, "SELECT count(*) FROM case_file") == 40


IMPORT = """
import sys
from huurbeg.cli.root import app
sys.exit(app(['import', sys.argv[1]], standalone_mode=False))
"""


def test_a_writer_killed_mid_import_leaves_all_or_nothing(tmp_path, cli):
    rows = 1500
    csv_file = tmp_path / "big.csv"
    csv_file.write_text("ref,tenant,address,track,source,intake_date,tenant_informed\n" + "\n".join(
        f"K-{n},Tenant {n},Street {n},pw,tenant,01/10/2026,yes" for n in range(rows)) + "\n")
    timing = tmp_path / "timing.db"
    started = time.monotonic()
    assert spawn(timing, IMPORT, str(csv_file)).wait(timeout=300) == 0
    duration = time.monotonic() - started
    assert count(timing, "SELECT count(*) FROM case_file") == rows
    rng = random.Random(8)
    seen = []
    for attempt in range(8):
        db_path = tmp_path / f"crash{attempt}.db"
        cli("--db", str(db_path), "case", "list")
        process = spawn(db_path, IMPORT, str(csv_file))
        time.sleep(rng.uniform(0.3, 0.97) * duration)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        with sqlite3.connect(db_path) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        found = count(db_path, "SELECT count(*) FROM case_file")
        assert found in (0, rows), f"attempt {attempt}: {found} rows of one import"
        assert count(db_path, "SELECT count(*) FROM history") == found
        seen.append(found)
        assert cli("--db", str(db_path), "case", "list").exit_code == 0  # the file is usable afterwards
        if found == rows:  # the machine got quicker than the timing run: the next kill comes sooner
            duration *= 0.6
    assert 0 in seen


def _disk_full(limit: int):
    def apply():
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_a_full_disk_during_a_write_is_a_clear_error_and_loses_nothing(db_path, tmp_path, cli):
    for n in range(3):
        cli("intake", "--track", "pw", "--tenant", f"Before {n}", "--address", f"B {n}", "--source", "tenant",
            "--tenant-informed", "--no-input")
    with sqlite3.connect(db_path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    csv_file = tmp_path / "big.csv"
    csv_file.write_text("ref,tenant,address,track,source,intake_date,tenant_informed\n" + "\n".join(
        f"F-{n},Tenant {n},Street {n},pw,tenant,01/10/2026,yes" for n in range(3000)) + "\n")
    process = spawn(db_path, IMPORT, str(csv_file), preexec_fn=_disk_full(db_path.stat().st_size + 64 * 1024))
    out, err = process.communicate(timeout=120)
    assert process.returncode == 5, err
    assert err.count("\n") == 1 and err.startswith("huurbeg: error: database error") and "Traceback" not in err
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert count(db_path, "SELECT count(*) FROM case_file") == 3
    assert cli("case", "list").exit_code == 0
