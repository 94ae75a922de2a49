"""The Dutch catalogue: complete for every message the code marks, placeholders intact, compiled as committed,
and installed with the package; the language follows HUURBEG_LANG, else the locale, else English."""

import gettext
import io
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from huurbeg.core import i18n

ROOT = Path(__file__).parent.parent
PO = ROOT / "huurbeg" / "locale" / "nl" / "LC_MESSAGES" / "huurbeg.po"
MO = PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def catalogue():
    with PO.open("rb") as f:
        return read_po(f, locale="nl")


def extracted() -> dict[str, list[str]]:
    """Every message the code marks, as `pybabel extract -F babel.cfg -k N_ -k Nn_:1,2` finds it: msgid -> files."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "N_": None, "Nn_": (1, 2)}
    found: dict[str, list[str]] = {}
    for filename, _line, message, _comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=keywords):
        msgid = message if isinstance(message, str) else message[0]
        found.setdefault((context, msgid), []).append(filename)
    return found


def test_every_marked_message_has_a_dutch_translation():
    po = catalogue()
    missing = []
    for (context, msgid), files in extracted().items():
        entry = po.get(msgid, context=context)
        strings = [] if entry is None else [entry.string] if isinstance(entry.string, str) else list(entry.string)
        if not strings or not all(strings):
            missing.append(f"{msgid!r} ({', '.join(sorted(set(files)))})")
    assert not missing, "no Dutch for:\n" + "\n".join(missing)


def test_translations_keep_the_placeholders_of_their_message():
    wrong = []
    for entry in catalogue():
        if not entry.id:
            continue
        ids = [entry.id] if isinstance(entry.id, str) else list(entry.id)
        strings = [entry.string] if isinstance(entry.string, str) else list(entry.string)
        wanted = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
        for string in strings:
            if string and set(PLACEHOLDER.findall(string)) != wanted and not (
                    len(ids) > 1 and set(PLACEHOLDER.findall(string)) <= wanted):
                wrong.append(f"{ids[0]!r} -> {string!r}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_a_text_with_a_count_has_its_own_singular():
    """ngettext("{n} case(s)", "{n} case(s)", n) says '1 case(s)': a count deserves both forms."""
    same = [entry.id[0] for entry in catalogue() if isinstance(entry.id, tuple) and entry.id[0] == entry.id[1]]
    assert not same, same


def test_no_fuzzy_or_stale_entries():
    po = catalogue()
    assert not [entry.id for entry in po if entry.fuzzy and entry.id]
    assert not po.obsolete
    marked = {msgid for _context, msgid in extracted()}
    stale = [entry.id for entry in po if entry.id and (entry.id if isinstance(entry.id, str) else entry.id[0])
             not in marked]
    assert not stale, f"translated but no longer in the code (run the update of README 'Translating'): {stale}"


def _messages(compiled: bytes) -> dict:
    """What a compiled catalogue says: every message and its translation, the header's fields but the one
    naming the Babel that compiled it (which differs between Babel releases, not between catalogues)."""
    translations = gettext.GNUTranslations(io.BytesIO(compiled))
    messages = dict(translations._catalog)
    header = [line for line in messages.pop("", "").splitlines() if not line.startswith("Generated-By:")]
    return {"": header, **messages}


def test_the_committed_mo_is_the_po_compiled():
    fresh = io.BytesIO()
    write_mo(fresh, catalogue())
    assert _messages(MO.read_bytes()) == _messages(fresh.getvalue()), (
        "compile it: pybabel compile -d huurbeg/locale -D huurbeg")


def test_the_catalogue_comparison_sees_a_changed_translation():
    """The comparison above is not blind: one translation changed is a different catalogue."""
    po = catalogue()
    entry = next(entry for entry in po if entry.id and isinstance(entry.id, str))
    entry.string = entry.string + " (changed)"
    changed = io.BytesIO()
    write_mo(changed, po)
    assert _messages(MO.read_bytes()) != _messages(changed.getvalue())


def test_the_compiled_catalogue_is_package_data():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["huurbeg"]
    assert any(MO.relative_to(ROOT / "huurbeg").match(pattern) for pattern in patterns)
    assert "babel" in " ".join(pyproject["project"]["optional-dependencies"]["test"])
    assert not [d for d in pyproject["project"]["dependencies"] if d.lower().startswith("babel")]


@pytest.mark.slow
def test_a_built_wheel_carries_the_compiled_catalogue(tmp_path):
    """What `pip install .` installs on a fresh machine: the wheel pip builds, with the project's own backend."""
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                           capture_output=True, text=True)
    if built.returncode != 0 and ("Could not find a version" in built.stderr or "connection" in built.stderr.lower()):
        pytest.skip("no package index to fetch the build backend from")
    assert built.returncode == 0, built.stderr
    [wheel] = tmp_path.glob("huurbeg-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read("huurbeg/locale/nl/LC_MESSAGES/huurbeg.mo") == MO.read_bytes()


@pytest.mark.parametrize("environment, expected", [
    ({"HUURBEG_LANG": "nl"}, "nl"),
    ({"HUURBEG_LANG": "nl_BE"}, "nl"),
    ({"HUURBEG_LANG": "en", "LANG": "nl_BE.UTF-8"}, "en"),
    ({"HUURBEG_LANG": "nl", "LC_ALL": "en_GB.UTF-8"}, "nl"),
    ({"LANG": "nl_BE.UTF-8"}, "nl"),
    ({"LC_MESSAGES": "nl_NL.UTF-8", "LANG": "en_US.UTF-8"}, "nl"),
    ({"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "nl_BE.UTF-8"}, "en"),
    ({"LC_ALL": "nl_BE.UTF-8", "LANG": "C"}, "nl"),
    ({"LANG": "fr_BE.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({}, "en"),
], ids=["huurbeg-lang", "huurbeg-lang-region", "huurbeg-lang-wins-en", "huurbeg-lang-wins-nl", "lang",
        "lc-messages-before-lang", "lc-all-first", "lc-all-nl", "french-is-english", "c-locale", "nothing"])
def test_the_language_is_huurbeg_lang_else_the_locale_else_english(monkeypatch, environment, expected):
    for variable in ("HUURBEG_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    assert i18n.language() == expected
    assert (i18n._("Options") == "Opties") == (expected == "nl")


@pytest.mark.parametrize("environment", [{"HUURBEG_LANG": "nl"}, {"HUURBEG_LANG": "", "LANG": "nl_BE.UTF-8"}],
                         ids=["huurbeg-lang", "lang"])
def test_help_and_parser_errors_in_dutch(cli, environment):
    result = cli("visit", "add", "--help", env=environment)
    assert result.exit_code == 0
    assert result.stdout.startswith("Gebruik: huurbeg visit add [OPTIES] DOSSIER")
    for dutch in ("Een contact noteren", "Argumenten:", "Opties:", "[verplicht]", "Voorbeelden:",
                  "Deze hulp tonen en stoppen."):
        assert dutch in result.stdout
    for english in ("Usage:", "Options:", "Log a contact", "Show this message", "[required]", "Examples:"):
        assert english not in result.stdout
    result = cli("visit", "add", "2026-0001", "--bogus", env=environment)
    assert result.stderr == "huurbeg: fout: Onbekende optie: --bogus. Zie 'huurbeg visit add --help'.\n"
    assert result.exit_code == 2


def test_the_english_help_stays_english(cli):
    result = cli("visit", "add", "--help", env={"HUURBEG_LANG": "en", "LANG": "nl_BE.UTF-8"})
    assert result.stdout.startswith("Usage: huurbeg visit add [OPTIONS] CASE")
    assert "Log a contact" in result.stdout and "[required]" in result.stdout and "Opties" not in result.stdout
