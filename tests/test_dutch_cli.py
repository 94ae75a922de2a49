"""The command line in Dutch: messages, questions and errors of the commands read as a Flemish caseworker
writes them; json and csv stay byte for byte the same in both languages."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import INTAKE, POSTGRES, answer, assert_one_line_error, snapshot, spawn_huurbeg

NL = {"HUURBEG_LANG": "nl"}
PO = Path(__file__).parent.parent / "huurbeg" / "locale" / "nl" / "LC_MESSAGES" / "huurbeg.po"


def english_fragments() -> set[str]:
    """The longer pieces of every catalogue text whose Dutch differs: none may be on a Dutch screen."""
    with PO.open("rb") as f:
        catalogue = read_po(f, locale="nl")
    found = set()
    for entry in catalogue:
        if not entry.id:
            continue
        ids = [entry.id] if isinstance(entry.id, str) else list(entry.id)
        strings = [entry.string] if isinstance(entry.string, str) else list(entry.string)
        for msgid in ids:
            if msgid in strings:
                continue
            for piece in re.split(r"\{[^{}]*\}", msgid):
                piece = piece.strip(" .;:,()")
                if len(piece) >= 16 and " " in piece and not any(piece in string for string in strings):
                    found.add(piece)
    return found


ENGLISH = english_fragments()


def assert_dutch(text: str) -> None:
    left = sorted(piece for piece in ENGLISH if piece in text)
    assert not left, f"English on a Dutch screen: {left}\n{text}"


def run(cli, *args, input=None):
    result = cli(*args, input=input, env=NL)
    assert_dutch(result.output)
    return result


def test_a_day_of_messages_in_dutch(cli):
    number = run(cli, *INTAKE).stdout.strip()
    assert number == "2026-0001"
    said = run(cli, "visit", number, "--kind", "phone", "--minutes", "15", "--next", "+2w", "--no-input").stderr
    assert said.startswith(f"{number}: contact genoteerd (") and "volgend contact 06/12/2026" in said
    said = run(cli, "plan", number, "--arrears", "1.234,56", "--instalment", "103", "--start", "01/12/2026").stderr
    assert said == f"{number}: afbetalingsplan van 12 afbetalingen voor € 1.234,56.\n"
    said = run(cli, "plan", "pay", number, "--amount", "103").stderr
    assert said == f"{number}: betaling van € 103,00 genoteerd; nog € 1.131,56 te betalen.\n"
    said = run(cli, "plan", "agree", number, "Huur op tijd betalen", "--due", "+1m").stderr
    assert said.startswith(f"{number}: afspraak 1 (") and "na te komen tegen 22/12/2026" in said
    assert run(cli, "plan", "done", number, "1").stderr == f"{number}: afspraak 1 nagekomen.\n"
    said = run(cli, "hearing", "add", number, "--date", "24/11/2026 09:30", "--court", "Vredegerecht Mechelen").stderr
    assert said.startswith(f"{number}: zitting op 24/11/2026 09:30 bij Vredegerecht Mechelen; traject ")
    assert run(cli, "refer", number, "--to", "cgg").stderr.startswith(f"{number}: doorverwijzing 1 naar ")
    assert run(cli, "case", "consent", number, "--tenant").stderr == \
        f"{number}: toestemming van de huurder genoteerd.\n"
    assert run(cli, "case", "edit", number, "--phone", "0470 12 34 56").stderr.startswith(f"{number}: verbeterd: ")
    assert run(cli, "case", "close", number, "--outcome", "referred").stderr.startswith(f"{number}: afgesloten (")
    assert run(cli, "case", "reopen", number).stderr == f"{number}: heropend.\n"
    assert run(cli, "visit", "list", "--since", "01/01/2030").stderr == "Geen contacten.\n"
    headers = run(cli, "case", "list").stdout.splitlines()[0].split()
    assert headers[:3] == ["Dossier", "Huurder", "Traject"] and "Case" not in headers
    assert run(cli, "visit", "list", number).stdout.split()[:4] == ["#", "Datum", "Dossier", "Soort"]
    history = cli("case", "history", number, env=NL).stdout.splitlines()  # its lines are stored text
    role = ["Rol"] if POSTGRES else []  # a server's history names the database role too
    assert history[0] == "Geschiedenis van 2026-0001" and history[1].split() == ["Wanneer", "Wie", *role, "Wat",
                                                                                 "Details"]
    assert run(cli, "case", "find", "Zzyzx").stderr == "Geen dossier gevonden; probeer minder of kortere woorden.\n"


def test_codes_and_exports_do_not_change_with_the_language(cli):
    number = cli(*INTAKE).stdout.strip()
    cli("visit", number, "--kind", "home", "--minutes", "60", "--no-input")
    cli("refer", number, "--to", "ocmw")
    for args in (["case", "list", "-f", "json"], ["case", "list", "-f", "csv"], ["case", "show", number, "-f", "json"],
                 ["visit", "list", number, "-f", "csv"], ["refer", "list", number, "-f", "json"],
                 ["deadlines", "-f", "csv"], ["stats", "-f", "csv"]):
        dutch, english = cli(*args, env=NL), cli(*args, env={"HUURBEG_LANG": "en"})
        assert dutch.exit_code == english.exit_code == 0, dutch.output
        assert dutch.stdout == english.stdout, args


@pytest.mark.parametrize("args, expected", [
    (["visit", "add"], "huurbeg: fout: Argument 'DOSSIER' ontbreekt. Zie 'huurbeg visit add --help'."),
    (["case", "close", "2026-0001"], "huurbeg: fout: Optie '--outcome' ontbreekt. Zie 'huurbeg case close --help'."),
    (["visit", "add", "2026-0001", "--minutes"], "huurbeg: fout: Optie '--minutes' vraagt een waarde."),
    (["vist"], "huurbeg: fout: Onbekende opdracht 'vist'. Bedoelde u 'visit', 'digest'? Zie 'huurbeg --help'."),
    (["case", "shw"], "huurbeg: fout: Onbekende opdracht 'shw'. Bedoelde u 'show'? Zie 'huurbeg case --help'."),
    (["case", "list", "--trak", "pw"], "huurbeg: fout: Onbekende optie: --trak (Mogelijke opties: --track). "
                                       "Zie 'huurbeg case list --help'."),
    (["case", "show", "2026-0001", "extra"], "huurbeg: fout: Onverwacht(e) extra argument(en) (extra). "
                                             "Zie 'huurbeg case show --help'."),
    (["case", "list", "--status", "gesloten"], "huurbeg: fout: Ongeldige waarde voor '--status': gebruik lopend, "
                                               "afgesloten of alle. Zie 'huurbeg case list --help'."),
    (["visit", "add", "2026-0001", "--minutes", "veel"], "huurbeg: fout: Ongeldige waarde voor '--minutes': "
                                                         "gebruik een tijd zoals 90, 45 min, 1u30, 1:30 of "
                                                         "2u, hoogstens 8 uur. "
                                                         "Zie 'huurbeg visit add --help'."),
    (["deadlines", "--within", "99999"], "huurbeg: fout: Ongeldige waarde voor '--within': gebruik een aantal "
                                         "dagen van 0 tot 3660. Zie 'huurbeg deadlines --help'."),
    (["hearing", "list", "--date", "tomorrow", "--within", "3"], "huurbeg: fout: Ongeldige waarde voor '--date' / "
                                                                 "'--within': geef --date of --within, niet allebei. "
                                                                 "Zie 'huurbeg hearing list --help'."),
    (["visit", "edit", "2026-0001", "1"], "huurbeg: fout: Ongeldige waarde voor 'ID': geef wat te verbeteren is: "
                                          "--date, --kind, --minutes, --note, --next of --reached/--not-reached. "
                                          "Zie 'huurbeg visit edit --help'."),
    (["case", "edit", "2026-0001", "--no-input"], "huurbeg: fout: geef minstens één veld om te verbeteren (bv. "
                                                  "--address), of werk op een terminal zonder --no-input om elk "
                                                  "veld gevraagd te worden"),
    (["case", "report", "2026-0001", "--for", "landlord", "-f", "pdf"],
     "huurbeg: fout: Ongeldige waarde voor '--format': gebruik text of json. Zie 'huurbeg case report --help'."),
    (["plan", "new", "2026-0001", "--arrears", "500", "--no-input"],
     "huurbeg: fout: --instalment: verplicht; geef het als optie, of werk op een terminal om het gevraagd te worden"),
    (["plan", "fbu", "2026-0001", "--output", "x.txt"], "huurbeg: fout: --output: hoort bij --document"),
    (["stats", "--month", "last", "--year", "2026"], "huurbeg: fout: Ongeldige waarde voor '--month': geef één "
                                                     "periode, niet --month en --year. Zie 'huurbeg stats --help'."),
    (["copy", "--to", " "], "huurbeg: fout: --to: geef de doeldatabank, een bestandspad of een SQLAlchemy-URL"),
], ids=lambda value: " ".join(value) if isinstance(value, list) else None)
def test_errors_of_the_command_line_in_dutch(cli, db_path, args, expected):
    cli(*INTAKE)
    before = snapshot(db_path)
    result = run(cli, *args)
    assert_one_line_error(result)
    assert result.stderr == expected + "\n"
    assert snapshot(db_path) == before


def test_the_same_errors_stay_english(cli):
    result = cli("vist", env={"HUURBEG_LANG": "en", "LANG": "nl_BE.UTF-8"})
    assert result.stderr == "huurbeg: error: No such command 'vist'. Did you mean 'visit', 'digest'? " \
                            "See 'huurbeg --help'.\n"
    result = cli("visit", "add", env={"HUURBEG_LANG": "en"})
    assert result.stderr == "huurbeg: error: Missing argument 'CASE'. See 'huurbeg visit add --help'.\n"


def test_the_locale_alone_gives_dutch(cli):
    result = cli("visit", "add", env={"HUURBEG_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "nl_BE.UTF-8"})
    assert result.stderr == "huurbeg: fout: Argument 'DOSSIER' ontbreekt. Zie 'huurbeg visit add --help'.\n"


def test_every_help_in_dutch(cli):
    """Each command's --help: whole Dutch sentences, nothing of the English catalogue left."""
    from typer.main import get_command

    from huurbeg.cli.root import app

    def paths(command, path=()):
        yield path
        for name, sub in getattr(command, "commands", {}).items():
            yield from paths(sub, (*path, name))

    for path in paths(get_command(app)):
        result = run(cli, *path, "--help")
        assert result.exit_code == 0, path
        assert result.stdout.startswith("Gebruik: huurbeg"), path


# --- questions on a terminal -------------------------------------------------------------------

pexpect = pytest.importorskip("pexpect")


def spawn(db_path, *args, lang="nl"):
    return spawn_huurbeg(db_path, *args, lang=lang)


@pytest.mark.slow
def test_the_intake_asks_in_dutch_and_takes_j_for_ja(db_path, cli):
    child = spawn(db_path, "intake", "--track", "pw", "--address", "", "--phone", "", "--birth-date", "30/07/1985",
                  "--national-number", "85073003328", "--adults", "1", "--children", "0", "--landlord", "Woonpunt",
                  "--landlord-type", "shm", "--problem", "arrears", "--arrears", "500", "--rent", "650", "--note", "",
                  "--date", "today")
    answer(child, "Is de huurder op de hoogte van deze aanmelding?", "j\r", hint="(j/N)")  # asked first
    child.expect_exact("Ja")
    answer(child, "Naam van de huurder?", "Marie Dubois\r")
    child.expect_exact("Aangemeld door?")
    child.expect_exact("(gebruik de pijltjestoetsen)")
    child.send("\r")
    answer(child, "Heeft de huurder ingestemd met de begeleiding?", "y\r", hint="(j/N)")  # y answers too
    answer(child, "Heeft de verhuurder ingestemd met de begeleiding?", "n\r", hint="(j/N)")
    answer(child, "Dit dossier registreren?", "\r", hint="(J/n)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert_dutch(child.before)
    assert "(y/N)" not in child.before and "Yes" not in child.before
    case = json.loads(cli("case", "show", "2026-0001", "-f", "json").stdout)
    assert case["consents"]["tenant"] and not case["consents"]["landlord"]


@pytest.mark.slow
def test_a_bad_answer_is_refused_in_dutch_and_ctrl_c_stops_in_dutch(db_path, cli):
    number = cli("intake", "--track", "pw", "--tenant", "X", "--source", "tenant", "--tenant-informed",
                 "--no-input").stdout.strip()
    child = spawn(db_path, "visit", number)
    child.expect_exact(f"Dossier {number}: X")
    answer(child, "Soort contact?", "\r")
    answer(child, "Werd het huishouden bereikt", "\r")
    answer(child, "Bestede minuten? (Enter: 60)", "veel\r")
    child.expect_exact("gebruik een tijd zoals 90, 45 min, 1u30, 1:30 of 2u")
    child.send("\x03")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "huurbeg: afgebroken; er is niets opgeslagen" in child.before  # the worker's choice, not an error
    assert "fout" not in child.before
    assert json.loads(cli("visit", "list", number, "-f", "json").stdout) == []


@pytest.mark.slow
def test_completion_describes_in_dutch():
    variables = {"COMP_WORDS": "huurbeg visit add 2026-0001 --mi", "COMP_CWORD": "4",
                 "_HUURBEG_COMPLETE": "zsh_complete", "HUURBEG_LANG": "nl"}
    result = subprocess.run([sys.executable, "-m", "huurbeg"], capture_output=True, text=True, timeout=60,
                            env=os.environ | variables)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.splitlines() == ["plain", "--minutes", "Bestede tijd: 90, 45 min, 1u30, 1:30 of 2u."]
    variables |= {"COMP_WORDS": "huurbeg backup ", "COMP_CWORD": "2", "_HUURBEG_COMPLETE": "bash_complete"}
    result = subprocess.run([sys.executable, "-m", "huurbeg"], capture_output=True, text=True, timeout=60,
                            env=os.environ | variables)
    assert result.stdout.splitlines() == ["file,"]  # a PATH is still a file when its name reads PAD
