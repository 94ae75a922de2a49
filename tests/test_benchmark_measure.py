"""benchmarks/run.py measures each command's own time and peak memory, whatever the memory of the runner."""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
import run  # noqa: E402


@pytest.mark.slow
@pytest.mark.sqlite_only
@pytest.mark.parametrize("output", ["pipe", "tty"])
def test_a_commands_peak_memory_is_its_own_not_the_runners(output):
    held = bytearray(150_000_000)  # the runner grown large, as it is once it has written the 20 MB PDF
    held[::4096] = b"x" * len(held[::4096])  # every page touched: resident
    _, small = run.run_once([sys.executable, "-c", "pass"], dict(os.environ), output)
    _, large = run.run_once([sys.executable, "-c", "x = bytearray(60_000_000); x[::4096] = b'x' * len(x[::4096])"],
                            dict(os.environ), output)
    assert small < 40, small
    assert 50 < large - small < 70, (small, large)  # 57 MiB more
    with pytest.raises(SystemExit, match="failed"):
        run.run_once([sys.executable, "-c", "import sys; sys.exit(3)"], dict(os.environ), output)
