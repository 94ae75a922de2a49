"""huurbeg as a package: its licence, its metadata, one version, and no team driver for a solo install."""

import importlib.metadata
import subprocess
import sys
import tomllib
from pathlib import Path

from huurbeg import __version__

ROOT = Path(__file__).parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]


def test_the_licence_is_the_whole_eupl_1_2():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.lstrip().startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    for article in range(1, 16):  # fifteen articles and the appendix of compatible licences
        assert f"\n{article}. " in text or f"\n    {article}. " in text, article
    assert "Appendix" in text and "Compatible Licences" in text
    assert PROJECT["license"] == "EUPL-1.2"  # an SPDX expression (PEP 639), not the old table
    assert PROJECT["license-files"] == ["LICENSE"]
    assert not [c for c in PROJECT["classifiers"] if c.startswith("License ::")]  # PEP 639 forbids both


def test_the_build_backend_understands_the_licence_expression():
    requirement = PYPROJECT["build-system"]["requires"][0]
    assert requirement.startswith("setuptools>=")
    assert int(requirement.split(">=")[1]) >= 77


def test_one_version_number(cli):
    assert PROJECT["dynamic"] == ["version"] and "version" not in PROJECT
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "huurbeg.__version__"}
    assert importlib.metadata.version("huurbeg") == __version__
    assert cli("--version").stdout.strip() == f"huurbeg {__version__}"


def test_a_solo_install_brings_no_database_driver():
    assert not [d for d in PROJECT["dependencies"] if d.lower().startswith("psycopg")]
    assert PROJECT["optional-dependencies"]["team"] == ["psycopg[binary]>=3.1"]
    # the suite also runs against PostgreSQL, so the test extra brings the team extra
    assert "huurbeg[team]" in PROJECT["optional-dependencies"]["test"]
    assert "pip install '.[team]'" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_only_typer_has_an_upper_bound_and_says_why():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    bounded = [d for d in PROJECT["dependencies"] if "<" in d]
    assert bounded == ["typer>=0.29,<0.30"]
    before = text[:text.index('"typer>=0.29,<0.30"')].splitlines()[-5:]
    assert any("internals" in line for line in before), before


def test_metadata_of_the_installed_package():
    metadata = importlib.metadata.metadata("huurbeg")
    assert metadata["License-Expression"] == "EUPL-1.2"
    assert "Programming Language :: Python :: 3 :: Only" in metadata.get_all("Classifier")
    assert metadata.get_all("Project-URL")


def test_a_postgresql_url_without_the_driver_says_how_to_install_it(tmp_path):
    """A solo install (no psycopg) pointed at a team server: one line naming the extra, exit 5."""
    probe = ("import sys\n"
             "sys.modules['psycopg'] = None  # as if `pip install .` without the team extra\n"
             "sys.modules['psycopg2'] = None\n"
             "from huurbeg.cli.root import main\n"
             "sys.argv = ['huurbeg', '--db', 'postgresql+psycopg://an@127.0.0.1:9/huurbeg', 'case', 'list']\n"
             "main()\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                            cwd=tmp_path)
    assert result.returncode == 5, result.stderr
    assert result.stderr.strip() == ("huurbeg: error: team mode needs: pip install 'huurbeg[team]' "
                                     "(the PostgreSQL driver psycopg is not installed)")
    assert result.stdout == ""
