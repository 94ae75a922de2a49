"""The three lists a worker reads most (the overview, `case list`, `deadlines`) write the same bytes as they were
written when their output was last agreed on: every table at 80 and 120 columns, in English and Dutch, and the
json and csv of the two lists, from the demo's year of casework and a case whose texts are longer than any column
(tests/test_layout.py). Making the lists faster must not change a character of them.

The expected outputs are kept in tests/data/lists/; `HUURBEG_WRITE_LIST_OUTPUT=1` writes them anew, for a change
that means to change what a list shows.
"""

import os
from pathlib import Path

import pytest

from test_layout import _busy

EXPECTED = Path(__file__).parent / "data" / "lists"

LISTS = {"overview": [], "overview-mine": ["--mine"], "case-list": ["case", "list"],
         "case-list-all": ["case", "list", "--status", "all"], "case-list-pw": ["case", "list", "--track", "pw"],
         "deadlines": ["deadlines"], "deadlines-within-60": ["deadlines", "--within", "60"]}
DATA = {"case-list": ["case", "list"], "case-list-all": ["case", "list", "--status", "all"],
        "deadlines": ["deadlines"], "deadlines-within-60": ["deadlines", "--within", "60"]}


@pytest.fixture
def busy(cli, made_once):
    return made_once(_busy, cli)


def _outputs(cli, monkeypatch) -> dict[str, str]:
    found = {}
    for lang in ("en", "nl"):
        monkeypatch.setenv("HUURBEG_LANG", lang)
        for width in (80, 120):
            monkeypatch.setenv("COLUMNS", str(width))
            for name, args in LISTS.items():
                result = cli(*args)
                assert result.exit_code == 0, (args, result.stderr)
                found[f"{name}.{lang}.{width}.txt"] = result.stdout
        for name, args in DATA.items():
            for fmt in ("json", "csv"):
                result = cli(*args, "--format", fmt)
                assert result.exit_code == 0, (args, result.stderr)
                found[f"{name}.{lang}.{fmt}"] = result.stdout
    return found


@pytest.mark.sqlite_only  # on a server the worker is the database role, which json, csv and --mine show
def test_the_lists_write_what_they_wrote(cli, busy, monkeypatch):
    found = _outputs(cli, monkeypatch)
    if os.environ.get("HUURBEG_WRITE_LIST_OUTPUT"):
        EXPECTED.mkdir(parents=True, exist_ok=True)
        for name, text in found.items():
            (EXPECTED / name).write_text(text, encoding="utf-8")
    differing = [name for name, text in found.items()
                 if not (EXPECTED / name).exists() or (EXPECTED / name).read_text(encoding="utf-8") != text]
    assert not differing
    assert sorted(found) == sorted(path.name for path in EXPECTED.iterdir())
