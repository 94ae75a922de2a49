"""The interactive intake, driven through a real pseudo-terminal as a worker would type it."""

import json
import os
import re
import sys

import pytest

pexpect = pytest.importorskip("pexpect")

from conftest import answer, finish, spawn_huurbeg  # noqa: E402  (after pexpect is known to be there)

NO_CONTACT = dict.fromkeys(("address", "phone", "email", "contact_person"))
"""A landlord's contact details in the dossier, when none were given."""

pytestmark = pytest.mark.slow

DOWN, BACKSPACE, CTRL_C = "\x1b[B", "\x7f", "\x03"


def spawn(db_path, *args):
    return spawn_huurbeg(db_path, *args)


def test_intake_asks_for_what_is_missing(db_path, cli):
    child = spawn(db_path, "intake")
    answer(child, "Track?", DOWN + "\r")  # the second track: pre-ogp
    answer(child, "informed of this registration?", "y\r")  # the one condition, before anything is typed
    answer(child, "Tenant's name?", "Marie Dubois\r")
    answer(child, "Address?", "Bruul 5, 2800 Mechelen\r")
    answer(child, "Phone?", "\r")
    answer(child, "Birth date", "31/02/1980\r")
    child.expect_exact("not a date")  # refused at the prompt, asked again
    child.send(BACKSPACE * 10 + "01/02/1980\r")
    answer(child, "National register number?", "\r")
    answer(child, "Adults in the household?", "\r")
    answer(child, "Children in the household? (Enter: 0)", "2\r")  # not prefilled: typing replaces, never appends
    answer(child, "Registered by?", DOWN * 2 + "\r")  # ocmw
    answer(child, "Who at that service", "Maatschappelijk werker\r")
    answer(child, "Landlord?", "Huisbaas Peeters\r")
    answer(child, "New landlord: what kind?", "\r")  # private
    answer(child, "Problems?", " \r")  # tick the first: arrears
    answer(child, "Rent arrears in euros?", "850,00\r")
    answer(child, "Monthly rent in euros?", "625\r")
    answer(child, "Date of registration? (Enter: 22/11/2026)", "\r")  # today
    answer(child, "Note (confidential)?", "Eerste gesprek\r")
    child.expect_exact("New case")  # the summary, before anything is written
    for shown in ("Marie Dubois", "Bruul 5, 2800 Mechelen", "01/02/1980", "Maatschappelijk werker", "€ 850,00"):
        child.expect_exact(shown)
    answer(child, "Register this case?", "\r")  # yes by default
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert "2026-0001" in child.before

    case = json.loads(cli("case", "show", "2026-0001", "--format", "json").stdout)
    assert (case["track"], case["source"], case["referrer"]) == ("pre-ogp", "ocmw", "Maatschappelijk werker")
    assert case["tenant"]["birth_date"] == "1980-02-01" and case["tenant"]["children"] == 2
    assert case["landlord"] == {"name": "Huisbaas Peeters", "type": "private"} | NO_CONTACT
    assert (case["problems"], case["arrears"], case["note"]) == (["arrears"], 850.0, "Eerste gesprek")
    assert case["rent"] == 625.0


def test_only_missing_values_are_asked(db_path, cli):
    child = spawn(db_path, "intake", "--track", "crisis", "--source", "police", "--tenant-informed",
                  "--address", "Brandstraat 3", "--phone", "", "--birth-date", "30/07/1985",
                  "--national-number", "85073003328", "--adults", "2", "--children", "1",
                  "--referrer", "wijkagent", "--note", "", "--date", "today")
    answer(child, "Tenant's name?", "Familie Janssens\r")
    answer(child, "Register this case?", "y\r")
    child.expect(pexpect.EOF)  # crisis: no landlord or problems asked
    child.close()
    assert child.exitstatus == 0, child.before
    assert "Track?" not in child.before and "Landlord?" not in child.before


def test_refusing_the_informed_question_refuses_the_intake(db_path, cli):
    cli("case", "list")
    child = spawn(db_path, "intake", "--track", "pw", "--tenant", "X", "--address", "", "--phone", "",
                  "--birth-date", "30/07/1985", "--national-number", "85073003328", "--adults", "1",
                  "--children", "0", "--landlord", "", "--problem", "arrears", "--arrears", "0", "--rent", "650",
                  "--note", "", "--date", "today")
    answer(child, "informed of this registration?", "n\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 4
    assert "tenant must be informed" in child.before
    assert "Registered by?" not in child.before  # refused at once: no question asked in vain
    assert json.loads(cli("case", "list", "--status", "all", "-f", "json").stdout) == []


def test_ctrl_c_at_a_prompt_writes_nothing(db_path, cli):
    cli("case", "list")
    child = spawn(db_path, "intake")
    answer(child, "Track?", "\r")
    answer(child, "informed of this registration?", "y\r")
    answer(child, "Tenant's name?", "Half Ingevuld")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "huurbeg: stopped; nothing was written" in child.before and "Traceback" not in child.before
    assert "error" not in child.before  # the worker's choice, not an error
    assert json.loads(cli("case", "list", "--status", "all", "-f", "json").stdout) == []


def test_an_open_case_of_the_same_household_is_offered(db_path, cli):
    first = cli("intake", "--track", "pw", "--tenant", "Jan Peeters", "--source", "tenant",
                "--national-number", "85073003328", "--tenant-informed", "--no-input").stdout.strip()
    child = spawn(db_path, "intake", "--track", "ogp", "--tenant", "Jan Peeters", "--source", "court",
                  "--national-number", "85073003328", "--address", "", "--phone", "",
                  "--birth-date", "30/07/1985", "--adults", "1", "--children", "0", "--landlord", "",
                  "--problem", "arrears", "--arrears", "0", "--rent", "650", "--note", "", "--date", "today", "--referrer", "")
    answer(child, f"already has open case {first}", "\r")  # use that case
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert first in child.before
    assert len(json.loads(cli("case", "list", "-f", "json").stdout)) == 1


def test_a_home_visit_in_a_few_keystrokes(db_path, cli):
    number = cli("intake", "--track", "pw", "--tenant", "X", "--source", "tenant", "--tenant-informed",
                 "--no-input").stdout.strip()
    child = spawn(db_path, "visit", number)
    child.expect_exact(f"Case {number}: X")  # whose case, before the first question
    answer(child, "Kind of contact?", "\r")  # home
    answer(child, "Did it reach the household", "\r")  # a home visit does, unless the door stayed shut
    answer(child, "Minutes spent? (Enter: 60)", "\r")
    answer(child, "Note (confidential)?", "\r")
    answer(child, "Next contact", "+2w\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    [contact] = json.loads(cli("visit", "list", number, "-f", "json").stdout)
    assert (contact["kind"], contact["minutes"], contact["next"]) == ("home", 60, "2026-12-06")


def test_a_note_of_several_lines(db_path, cli):
    """Alt-Enter (Esc, then Enter) starts a new line of the note, Enter alone finishes it: three lines typed are
    stored with their two line breaks, and the hint under the question says how."""
    number = cli("intake", "--track", "pw", "--tenant", "X", "--source", "tenant", "--tenant-informed",
                 "--no-input").stdout.strip()
    child = spawn(db_path, "visit", number, "--kind", "home", "--minutes", "60", "--reached")
    answer(child, "Note (confidential)?", "Deur open\x1b\rHuurder thuis\x1b\rVolgende week terug\r",
           hint="Alt-Enter or Esc, Enter: a new line; Enter: done")
    answer(child, "Next contact", "\r")
    assert finish(child) == 0, child.before
    [contact] = json.loads(cli("visit", "list", number, "-f", "json").stdout)
    assert contact["note"] == "Deur open\nHuurder thuis\nVolgende week terug"


def test_an_intakes_note_of_several_lines_in_dutch(db_path, cli):
    """The intake's note takes several lines too, the hint in Dutch on a Dutch screen; the summary shows each
    line under the one before, and they are stored with their line breaks."""
    child = spawn_huurbeg(db_path, "intake", "--track", "pw", "--tenant", "Jan Peeters", "--source", "tenant",
                          "--tenant-informed", "--address", "", "--phone", "", "--birth-date", "30/07/1985",
                          "--national-number", "85073003328", "--adults", "1", "--children", "0", "--landlord", "",
                          "--problem", "nuisance", "--date", "today", "--consent-tenant", "--consent-landlord",
                          lang="nl")
    answer(child, "Notitie (vertrouwelijk)?", "Eerste gesprek\x1b\rBuren klagen over lawaai\r",
           hint="Alt-Enter of Esc, Enter: nieuwe regel; Enter: klaar")
    child.expect_exact("Dit dossier registreren?")
    summary = child.before.rsplit("Notitie (vertrouwelijk)?", 1)[-1]
    summary = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", summary.split("Nieuw dossier")[-1])
    between = summary.split("Eerste gesprek")[-1].split("Buren klagen over lawaai")[0]
    assert "\n" in between and not between.strip(" │\r\n"), repr(summary)  # the summary: one line under the other
    child.send("\r")
    assert finish(child) == 0, child.before
    case = json.loads(cli("case", "show", "2026-0001", "--format", "json").stdout)
    assert case["note"] == "Eerste gesprek\nBuren klagen over lawaai"


@pytest.mark.parametrize("lang, kind, question", [
    ("en", "phone", "Minutes spent? (Enter: 15)"), ("nl", "telefoon", "Bestede minuten? (Enter: 15)"),
    ("en", "office", "Minutes spent? (Enter: 45)"), ("nl", "brief", "Bestede minuten? (Enter: 15)")])
def test_the_minutes_proposed_follow_the_kind(db_path, cli, lang, kind, question):
    """A phone call is not an hour's home visit: Enter at the minutes takes what a contact of its kind takes."""
    number = cli("intake", "--track", "pw", "--tenant", "X", "--source", "tenant", "--tenant-informed",
                 "--no-input").stdout.strip()
    child = spawn_huurbeg(db_path, "visit", number, "--kind", kind, "--reached", "--note", "", lang=lang)
    answer(child, question, "\r")
    answer(child, "Volgend contact" if lang == "nl" else "Next contact", "\r")  # none planned
    assert finish(child) == 0, child.before
    [contact] = json.loads(cli("visit", "list", number, "-f", "json").stdout)
    assert contact["minutes"] == int(question.rsplit(" ", 1)[1].rstrip(")"))


def test_a_court_notice_flows_into_its_hearing(db_path, cli):
    child = spawn(db_path, "intake", "--track", "ogp", "--source", "court", "--tenant", "Karim Aziz",
                  "--address", "", "--phone", "", "--birth-date", "30/07/1985", "--national-number", "85073003328",
                  "--adults", "1", "--children", "0", "--landlord", "", "--problem", "arrears", "--arrears", "2450", "--rent", "650",
                  "--note", "", "--date", "today", "--referrer", "")
    answer(child, "Add the hearing of this petition now?", "y\r")  # the court's notice: nobody told the tenant
    answer(child, "Hearing date and time", "tomorrow 09:30\r")
    answer(child, "Court?", "Vredegerecht Mechelen\r")
    answer(child, "Courtroom?", "2\r")
    answer(child, "Date of the petition?", "yesterday\r")
    answer(child, "Arrears claimed", "2.450,00\r")
    child.expect_exact("Vredegerecht Mechelen")  # the hearing is part of the summary
    answer(child, "Register this case?", "\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert "informed of this registration?" not in child.before
    [row] = json.loads(cli("hearing", "list", "--date", "tomorrow", "-f", "json").stdout)
    assert (row["starts_at"], row["room"], row["claimed"], row["petition_date"]) == \
        ("2026-11-23T09:30:00", "2", 2450.0, "2026-11-21")



def test_a_no_to_a_hearing_on_a_saturday_asks_the_hearing_again_and_keeps_the_intake(db_path, cli):
    child = spawn(db_path, "intake", "--track", "ogp", "--source", "court", "--tenant", "Karim Aziz",
                  "--address", "", "--phone", "", "--birth-date", "30/07/1985", "--national-number", "85073003328",
                  "--adults", "1", "--children", "0", "--landlord", "", "--problem", "arrears", "--arrears", "2450", "--rent", "650",
                  "--note", "", "--date", "today", "--referrer", "")
    answer(child, "Add the hearing of this petition now?", "y\r")
    answer(child, "Hearing date and time", "28/11 09:30\r")  # a Saturday
    child.expect_exact("is not a working day")
    answer(child, "Record it anyway?", "n\r")
    answer(child, "Hearing date and time", "tomorrow 09:30\r")  # asked again at once, nothing thrown away
    answer(child, "Court?", "Vredegerecht Mechelen\r")
    answer(child, "Courtroom?", "\r")
    answer(child, "Date of the petition?", "yesterday\r")
    answer(child, "Arrears claimed", "\r")
    answer(child, "Register this case?", "\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    [row] = json.loads(cli("hearing", "list", "--date", "tomorrow", "-f", "json").stdout)
    assert row["starts_at"] == "2026-11-23T09:30:00"


def test_the_problems_ticked_are_named_in_the_readers_language(db_path, cli, monkeypatch):
    spawn(db_path, "--version").expect(pexpect.EOF)  # the database exists before the Dutch intake
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", NO_COLOR="1", HUURBEG_LANG="nl")
    child = pexpect.spawn(sys.executable, ["-m", "huurbeg", "intake", "--track", "pw", "--source", "tenant",
                                           "--tenant-informed", "--consent-tenant", "--consent-landlord", "--tenant", "An Peeters",
                                           "--address", "Bruul 5",
                                           "--phone", "", "--birth-date", "30/07/1985", "--national-number", "85073003328",
                                           "--adults", "1", "--children", "0", "--landlord", "Woonpunt",
                                           "--landlord-type", "svk", "--arrears", "800", "--rent", "600",
                                           "--note", "", "--date", "today"],
                          env=env, encoding="utf-8", timeout=20, dimensions=(40, 120))
    answer(child, "Problemen?", " " + DOWN + " \r")  # the first two
    from huurbeg.core.codes import Problem
    from huurbeg.output.render import text_value

    monkeypatch.setenv("HUURBEG_LANG", "nl")
    first, second = (text_value(problem) for problem in list(Problem)[:2])
    child.expect_exact(f"{first}, {second}")  # the answer line names them, in Dutch
    answer(child, "Dit dossier registreren?", "j\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert "selections" not in child.before
    shown = json.loads(cli("case", "show", "2026-0001", "--format", "json").stdout)
    assert shown["problems"] == [p.value for p in list(Problem)[:2]]


def test_a_choice_list_speaks_the_readers_language(db_path, cli):
    number = cli("intake", "--track", "pw", "--tenant", "X", "--source", "tenant", "--tenant-informed",
                 "--no-input").stdout.strip()
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", NO_COLOR="1", HUURBEG_LANG="nl")
    child = pexpect.spawn(sys.executable, ["-m", "huurbeg", "visit", number, "--minutes", "30", "--note", ""],
                          env=env, encoding="utf-8", timeout=20, dimensions=(40, 120))
    child.expect_exact("Soort contact?")
    for shown in ("huisbezoek", "kantoorafspraak", "telefoon", "cliëntoverleg"):
        child.expect_exact(shown)
    child.send(DOWN * 2 + "\r")  # telefoon
    answer(child, "Werd het huishouden bereikt", "\r")
    answer(child, "Volgend contact", "\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert "home" not in child.before and "phone" not in child.before
    [contact] = json.loads(cli("visit", "list", number, "-f", "json").stdout)
    assert contact["kind"] == "phone"  # the code stays the code


def test_a_household_written_otherwise_is_offered_at_the_intake(db_path, cli):
    first = cli("intake", "--track", "pw", "--tenant", "Mohamed Benali", "--address", "Koningin Astridlaan 140",
                "--phone", "0488 44 33 22", "--source", "tenant", "--tenant-informed", "--no-input").stdout.strip()
    child = spawn(db_path, "intake", "--track", "pw", "--tenant", "Mohammed Ben Ali", "--address",
                  "Kon. Astridlaan 140", "--phone", "0488443322", "--source", "tenant", "--tenant-informed")
    offered = f"This household already has open case {first} (same name and address, written alike)"
    while child.expect_exact([offered, "? "]) == 1:  # Enter to every question before it
        child.send("\r")
    child.send("\r")  # use that case
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert [c["case"] for c in json.loads(cli("case", "list", "--status", "all", "-f", "json").stdout)] == [first]


@pytest.mark.parametrize("lang, use, not_recorded, edit, again", [
    ("en", "Use case {number}", "Not recorded in case {number}: track pre-ogp, registered by ocmw",
     "huurbeg case edit {number}", "registered again on 2026-11-22 (registered by ocmw)"),
    ("nl", "Dossier {number} gebruiken", "Niet genoteerd in dossier {number}: traject pre-OGP, aangemeld door OCMW",
     "huurbeg case edit {number}", "opnieuw aangemeld op 22/11/2026 (aangemeld door OCMW)")])
def test_using_the_open_case_of_a_duplicate_names_the_answers_it_did_not_take(db_path, cli, new_case, lang, use,
                                                                              not_recorded, edit, again):
    number = new_case()
    child = spawn_huurbeg(db_path, "intake", "--track", "pre-ogp", "--source", "ocmw", "--referrer", "", "--tenant",
                          "Jan Peeters", "--address", "Kerkstraat 1, 2800 Mechelen", "--phone", "", "--birth-date",
                          "30/07/1985", "--national-number", "85073003328", "--adults", "1", "--children", "0",
                          "--landlord", "Woonpunt", "--problem", "arrears", "--arrears", "3120", "--rent", "650",
                          "--note", "", "--date", "today", "--tenant-informed", "--consent-tenant",
                          "--consent-landlord", lang=lang)
    answer(child, use.format(number=number), "\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    said = " ".join(child.before.split())
    assert not_recorded.format(number=number) in said, said
    assert "€ 3.120,00" in said and "--" not in said.rpartition(not_recorded[:12])[2]
    # the household's answers the case does not hold, and the consents, are named too (never written to it)
    assert ("birth date, national register number" if lang == "en" else "geboortedatum, rijksregisternummer") in said
    assert ("consent of the tenant, consent of the landlord" if lang == "en" else
            "toestemming van de huurder, toestemming van de verhuurder") in said, said
    assert cli("case", "show", number, "--format", "json").stdout.count("1985") == 0
    assert edit.format(number=number) in said
    # the case's history says that the household came in again, when and who registered it
    shown = cli("case", "history", number, env={"HUURBEG_LANG": lang}).stdout
    assert again in " ".join(shown.split()), shown
    [line] = [h for h in json.loads(cli("case", "history", number, "--format", "json").stdout)
              if "again" in h["detail"]]
    assert line["detail"] == "registered again on 2026-11-22 (registered by ocmw)"
