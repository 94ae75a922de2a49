"""What the views and the domain say, in Dutch (HUURBEG_LANG=nl or a Dutch locale), and codes as words.

The data stay data: json and csv are byte-identical in both languages; only the screen changes.
"""

import json
import re

import pytest
from babel.messages.pofile import read_po

from conftest import assert_one_line_error, snapshot
from huurbeg.core.i18n import LOCALE_DIR

NL = {"HUURBEG_LANG": "nl"}
PO = LOCALE_DIR / "nl" / "LC_MESSAGES" / "huurbeg.po"


def english_texts() -> set[str]:
    """Every English text of the catalogue whose Dutch differs (a text that may not show on a Dutch screen)."""
    with PO.open("rb") as file:
        catalogue = read_po(file)
    found = set()
    for message in catalogue:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in ids:
            plain = text.split("{")[0].strip(" :;,(")
            if len(plain) > 12 and plain not in strings and not any(plain in s for s in strings):
                found.add(plain)
    return found


def no_english(screen: str) -> None:
    leftovers = sorted(text for text in english_texts() if text in screen)
    assert not leftovers, leftovers


@pytest.fixture
def dutch_case(cli, new_case):
    """A PW case with a plan, a visit, an agreement and a referral, registered in Dutch words."""
    number = new_case("--source", "deurwaarder", "--problem", "overlast", "--date", "-90d")
    for args in (["visit", number, "--kind", "huisbezoek", "--minutes", "45", "--date", "-40d"],
                 ["plan", number, "--arrears", "600", "--force", "--instalment", "100", "--start", "-80d"],
                 ["plan", "agree", number, "keuken poetsen", "--due", "-3d", "--party", "huurder"],
                 ["refer", number, "--to", "psychiatrie", "--date", "-35d"]):
        result = cli(*args, env=NL)
        assert result.exit_code == 0, result.output
    return number


def test_dutch_names_of_codes_are_accepted_in_both_languages(cli, new_case):
    for env in (NL, {"HUURBEG_LANG": "en"}):
        number = new_case("--track", "pre-ogp", "--source", "deurwaarder")
        assert cli("refer", number, "--to", "psychiatrie", env=env).exit_code == 0
        assert cli("visit", number, "--kind", "huisbezoek", env=env).exit_code == 0
        assert cli("case", "close", number, "--outcome", "uithuiszetting-voorkomen", env=env).exit_code == 0
        shown = json.loads(cli("case", "show", number, "--format", "json").stdout)
        assert shown["source"] == "bailiff" and shown["outcome"] == "eviction-prevented"
        assert shown["referrals"][0]["to"] == "psychiatry" and shown["contacts"][0]["kind"] == "home"


def test_a_wrong_code_lists_the_names_in_the_readers_language(cli, new_case, db_path):
    number = new_case()
    before = snapshot(db_path)
    dutch = cli("refer", number, "--to", "psychiater", env=NL)
    assert_one_line_error(dutch, contains="psychiatrie")
    assert "geen geldige waarde voor doorverwijzing" in dutch.stderr and "psychiatry," not in dutch.stderr
    english = cli("refer", number, "--to", "psychiater")
    assert_one_line_error(english, contains="psychiatry")
    assert "psychiatrie" not in english.stderr
    assert snapshot(db_path) == before


def test_the_dossier_in_dutch(cli, dutch_case):
    screen = cli("case", "show", dutch_case, env=NL).stdout
    for words in (f"Dossier {dutch_case}", "Huurder", "Verhuurder", "Woonpunt (SHM)", "gerechtsdeurwaarder",
                  "huurachterstal, overlast", "huisbezoek", "psychiatrie", "Afbetalingsplan: € 600,00",
                  "Toestemming", "ontbreekt", "Afspraken", "Doorverwijzingen", "Contacten", "Tijdlijn",
                  "afspraak 1 over tijd; te doen door de huurder"):
        assert words in screen, words
    no_english(screen)


def test_the_overview_and_deadlines_in_dutch_with_a_dutch_locale(cli, dutch_case, monkeypatch):
    monkeypatch.delenv("HUURBEG_LANG")
    for variable in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    overview = cli().stdout
    assert "1 lopend dossier" in overview and "Vraagt aandacht" in overview and "Ernst" in overview
    assert "geen toestemming van beiden" in overview
    no_english(overview)
    deadlines = cli("deadlines").stdout
    assert "afspraak 1 over tijd; te doen door de huurder" in deadlines and "waarschuwing" in deadlines
    assert "doorverwijzing 1 onbevestigd; naar psychiatrie" in deadlines


def test_english_stays_english(cli, dutch_case):
    screen = cli("case", "show", dutch_case).stdout
    assert "Tenant" in screen and "bailiff" in screen and "psychiatry" in screen
    assert "Huurder" not in screen and "psychiatrie" not in screen


@pytest.mark.parametrize("args", [("case", "list"), ("deadlines",), ("visit", "list", "CASE"), ("refer", "list", "CASE"), ("plan", "show", "CASE"),
                                  ("stats", "--month", "2026-11"), ("case", "show", "CASE")])
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_json_and_csv_are_the_same_in_both_languages(cli, dutch_case, args, fmt):
    args = [dutch_case if a == "CASE" else a for a in args]
    english = cli(*args, "--format", fmt, env={"HUURBEG_LANG": "en"})
    dutch = cli(*args, "--format", fmt, env=NL)
    assert english.exit_code == 0, english.output
    assert english.stdout == dutch.stdout and english.stdout.strip()


def test_the_plan_in_dutch(cli, dutch_case):
    screen = cli("plan", "show", dutch_case, env=NL).stdout
    for words in (f"Afbetalingsplan van dossier {dutch_case}", "afbetalingen van € 100,00", "Vervalt", "Stand",
                  "gemist", "te betalen", "Betaald € 0,00 — saldo € 600,00"):
        assert words in screen, words
    no_english(screen)


@pytest.mark.parametrize("args, dutch", [
    (["visit", "CASE", "--date", "gisteren-ish"], "geen datum; gebruik dd/mm/jjjj"),
    (["visit", "CASE", "--date", "+1d"], "kan niet in de toekomst liggen"),
    (["plan", "CASE", "--arrears", "1,234", "--instalment", "100", "--start", "today"], "is dubbelzinnig"),
    (["plan", "pay", "CASE", "--amount", "10"], "heeft geen lopend afbetalingsplan"),
    (["case", "reopen", "CASE"], "loopt al"),
    (["hearing", "brief", "CASE"], "heeft geen zitting"),
    (["transfer", "out", "CASE", "--destination", "familie"], "woont niet in een woning van de dienst"),
    (["case", "track", "CASE", "--to", "preventieve-woonbegeleiding"], "zit al in traject PW"),
    (["intake", "--tenant", "X", "--track", "pw", "--source", "huurder", "--no-input"], "aanmelding geweigerd"),
    (["case", "show", "2026-9999"], "dossier 2026-9999 bestaat niet"),
])
def test_errors_in_dutch(cli, new_case, db_path, args, dutch):
    number = new_case()
    before = snapshot(db_path)
    result = cli(*[number if a == "CASE" else a for a in args], env=NL)
    assert_one_line_error(result, contains=dutch)
    no_english(result.stderr)
    assert snapshot(db_path) == before


def test_the_landlord_report_is_a_dutch_letter(cli, dutch_case, new_case):
    raised = new_case("--tenant", "Els Wouters", "--address", "Dorp 2", "--source", "verhuurder",
                      "--problem", "overlast", "--consent-tenant")
    assert "Problemen die u meldde: huurachterstal, overlast." in cli("case", "report", raised, "--for", "landlord", env=NL).stdout
    cli("hearing", "add", dutch_case, "--date", "+3d 09:30", "--court", "Vredegerecht Mechelen")
    letter = cli("case", "report", dutch_case, "--for", "landlord", env=NL).stdout
    for words in (f"Stand van zaken voor de verhuurder — dossier {dutch_case} — 22/11/2026", "Geachte heer, mevrouw,",
                  "De dienst huurbegeleiding begeleidt uw huurder sinds 24/08/2026 (ondersteuning tijdens de "
                  "gerechtelijke procedure).", "  - huurder: keuken poetsen — tegen 19/11/2026 — "
                  "niet nagekomen", "Afbetalingsplan: niet nagekomen.", "Volgende stap: zitting op 25/11/2026.",
                  "al het overige valt onder het beroepsgeheim", "Met vriendelijke groeten,\nDe dienst huurbegeleiding"):
        assert " ".join(words.split(" ")) in letter or " ".join(words.split()) in " ".join(letter.split()), words
    no_english(" ".join(letter.split()))
    assert "psychiatrie" not in letter and "overlast" not in letter  # not raised by the landlord, a referral


def test_the_hearing_roll_brief_and_calendar_in_dutch(cli, dutch_case):
    cli("hearing", "add", dutch_case, "--date", "+1d 09:30", "--court", "Vredegerecht Mechelen", "--room", "2",
        "--claimed", "1.500,00")
    roll = cli("hearing", "list", "--within", "3", env=NL).stdout
    assert "maandag 23/11/2026 — Vredegerecht Mechelen" in roll and "Voorbereid" in roll and "Zaal" in roll
    no_english(roll)
    brief = cli("hearing", "brief", dutch_case, env=NL).stdout
    for words in (f"Zittingsfiche — dossier {dutch_case}", "23/11/2026 09:30, Vredegerecht Mechelen, zaal 2",
                  "Gevorderd", "€ 1.500,00", "niet nagekomen: € 600,00", "Voorstel", "geen genoteerd",
                  "Geen contact sinds het verzoekschrift."):
        assert words in brief, words
    no_english(brief)
    calendar = re.sub(r"\r?\n ", "", cli("hearing", "list", "--within", "3", "--format", "ics", env=NL).stdout)
    for words in (f"SUMMARY:Zitting {dutch_case}", "zaal 2", f"DESCRIPTION:Dossier {dutch_case}\\; gevorderd € 1.500\\,00",
                  "afbetalingsplan niet nagekomen", "gezin NOG NIET gecontacteerd sinds het verzoekschrift"):
        assert words in calendar, words


def test_the_monthly_figures_in_dutch_with_a_decimal_comma(cli, dutch_case):
    cli("visit", dutch_case, "--kind", "telefoon", "--minutes", "50")
    screen = cli("stats", "--month", "2026-11", env=NL).stdout
    for words in ("Cijfers november 2026 (01/11/2026 – 30/11/2026)", "aanmelding", "nieuwe dossiers",
                  "afgesloten: uithuiszetting voorkomen",
                  "gezinnen doorverwezen", "huisbezoeken", "uren", "0,8", "traject: PW 0,8", "werk"):
        assert words in screen, words
    no_english(screen)
    english = cli("stats", "--month", "2026-11").stdout
    assert "0.8" in english and "Figures November 2026 (01/11/2026 – 30/11/2026)" in english
    assert cli("stats", "--year", "2026", env=NL).stdout.startswith("Cijfers 2026 (01/01/2026 – 31/12/2026)")
    assert cli("stats", "--from", "2026-02-03", "--to", "2026-02-10", env=NL).stdout.startswith(
        "Cijfers 03/02/2026 – 10/02/2026\n")


def test_every_code_has_a_label_and_its_dutch_names_are_its_own():
    from enum import StrEnum

    from huurbeg.core import codes

    lists = [value for value in vars(codes).values()
             if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum]
    for enum in lists:
        slugs = {member.value for member in enum}
        for member in enum:
            assert (enum, member.value) in codes.SCREEN, member
        for name, member in codes.ALIASES.get(enum, {}).items():
            assert name not in slugs and codes.parse_code(enum, name, "code") is member


def test_a_message_is_english_data_and_dutch_text(monkeypatch):
    from huurbeg.core.codes import Party
    from huurbeg.core.i18n import N_
    from huurbeg.core.messages import Msg
    from huurbeg.output.render import text_value

    monkeypatch.setenv("HUURBEG_LANG", "nl")
    message = Msg(N_("agreement {id} ({party}) due"), id=3, party=Party.TENANT)
    assert message == "agreement 3 (tenant) due" and json.dumps(message) == '"agreement 3 (tenant) due"'
    assert text_value(message) == f"{message}" == "afspraak 3 vervalt; te doen door de huurder"



@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_message_of_text_and_numbers_is_english_data_as_any_other(monkeypatch, lang):
    """A rule's message made of text and numbers has its English text without the catalogue: the text English
    gives it, singular and plural, a field it refers to, and Dutch on a Dutch screen."""
    from huurbeg.core.i18n import N_, Nn_, speaking
    from huurbeg.core.messages import Msg, _filled
    from huurbeg.domain.rules import RULE_NAMES

    monkeypatch.setenv("HUURBEG_LANG", lang)
    made = [(Nn_("no contact for {days} day", "no contact for {days} days"), {"count": n, "days": n})
            for n in (-1, 0, 1, 2, 31)]
    made += [(N_("instalment {seq}: {open} unpaid; of {amount}, due {due}"),
              {"seq": 2, "open": "€ 10,00", "amount": "€ 100,00", "due": "01/11/2026"}),
             (N_("give {field:worker} or {field:mine}, not both"), {}), (N_("PW past its {years}-year maximum"),
                                                                        {"years": 3})]
    made += [(slug, {}) for slug in RULE_NAMES.values()]
    for msgid, params in made:
        count = params.pop("count", None)
        message = Msg(msgid, count=count, **params)
        with speaking("en"):
            assert str.__str__(message) == _filled(msgid, params, count)
        assert message.shown() == _filled(msgid, params, count)

def test_the_history_in_dutch(cli, dutch_case):
    screen = cli("case", "show", dutch_case, env=NL).stdout
    for words in ("geopend in traject PW (aangemeld door gerechtsdeurwaarder)", "contact (huisbezoek) op 13/10/2026, 45 min",
                  "doorverwezen naar psychiatrie op 18/10/2026"):
        assert words in screen, words
    history = json.loads(cli("case", "history", dutch_case, "--format", "json", env=NL).stdout)
    assert history[0]["detail"] == "opened on track pw (registered by bailiff)"  # the history itself stays as written


def test_the_history_table_in_dutch(cli, dutch_case):
    cli("case", "show", dutch_case)
    screen = cli("case", "history", dutch_case, env={**NL, "COLUMNS": "160"}).stdout
    for words in ("Geschiedenis van", "Wanneer", "aanmelding", "geopend in traject PW (aangemeld door gerechtsdeurwaarder)",
                  "huisbezoek", "afbetalingsplan", "doorverwijzing", "doorverwezen naar psychiatrie op 18/10/2026",
                  "inzage"):
        assert words in screen, words
    no_english(screen)
    assert not re.search(r"\b(intake|contact on|referral|read)\b", screen)
    english = cli("case", "history", dutch_case, env={"COLUMNS": "160"}).stdout
    assert "intake" in english and "opened on track pw (registered by bailiff)" in english


@pytest.mark.sqlite_only
def test_the_doctor_in_dutch(cli, dutch_case):
    doctor = cli("doctor", env=NL).stdout
    assert "integriteit: ok" in doctor and "elke verwijzing wijst naar een bestaande rij" in doctor
    assert "integrity: ok" in cli("doctor").stdout


def test_import_errors_in_dutch_name_the_line_and_column(cli, tmp_path, db_path):
    sheet = tmp_path / "caseload.csv"
    sheet.write_text("ref;tenant;address;track;source;intake_date;tenant_informed\n"
                     "R2;;Markt 1;pw;tenant;01/10/2026;ja\n"
                     "R3;Ann Smet;Markt 2;xx;tenant;01/10/2026;ja\n", encoding="utf-8")
    cli("case", "list")
    before = snapshot(db_path)
    result = cli("import", str(sheet), env=NL)
    assert result.exit_code != 0
    assert "caseload.csv rij 2: tenant: verplicht\n" in result.stderr  # a column to fill, not a flag to give
    assert "rij 3: track: geen geldige waarde voor traject; gebruik een van: preventieve-woonbegeleiding" in result.stderr
    assert "xx" not in result.stderr
    assert "line" not in result.stderr and "--no-input" not in result.stderr
    assert snapshot(db_path) == before
    english = cli("import", str(sheet))
    assert "caseload.csv row 2: tenant: required\n" in english.stderr


def test_the_dutch_words_a_message_suggests_are_accepted(cli, dutch_case):
    cli("case", "close", dutch_case, "--outcome", "verhuisd")
    for env in (NL, {"HUURBEG_LANG": "en"}):
        closed = cli("case", "list", "--status", "afgesloten", "--format", "json", env=env)
        assert closed.exit_code == 0, closed.output
        assert [row["case"] for row in json.loads(closed.stdout)] == [dutch_case]
        assert cli("case", "list", "--status", "alle", "--format", "json", env=env).stdout == closed.stdout
        assert cli("stats", "--month", "vorige", "--format", "json", env=env).exit_code == 0
        assert cli("case", "report", dutch_case, "--for", "verhuurder", env=env).exit_code == 0
    listed = cli("case", "list", "--status", "alle", env=NL).stdout
    assert "afgesloten" in listed  # a closed case among the others says so
    wrong = cli("case", "list", "--status", "dicht", env=NL)
    assert wrong.exit_code == 2 and "gebruik lopend, afgesloten of alle" in wrong.stderr


def test_corrections_name_their_fields_in_dutch(cli, dutch_case):
    result = cli("case", "edit", dutch_case, "--phone", "0470 12 34 56", "--address", "Bruul 7", env=NL)
    assert result.exit_code == 0, result.output
    assert "verbeterd: adres, telefoon." in result.stderr + result.stdout
    history = cli("case", "history", dutch_case, env={**NL, "COLUMNS": "160"}).stdout
    assert "wijziging" in history and "verbeterd: adres, telefoon" in history
    assert "corrected: address, phone" in cli("case", "history", dutch_case, "--format", "json").stdout  # data


def test_an_error_names_its_value_as_the_help_does(cli, dutch_case):
    assert "fout: TEKST: " in cli("case", "find", "", env=NL).stderr
    assert "error: TEXT: " in cli("case", "find", "").stderr


def test_help_examples_write_codes_as_the_reader_types_them(cli):
    dutch = cli("visit", "add", "--help", env={**NL, "COLUMNS": "120"}).stdout
    assert "--kind telefoon --minutes 15" in dutch and "--kind phone" not in dutch
    assert "(standaard huisbezoek)" in dutch and "vandaag, gisteren" in dutch
    assert "--result uitgesteld" in cli("hearing", "outcome", "--help", env={**NL, "COLUMNS": "120"}).stdout
    assert "--kind phone --minutes 15" in cli("visit", "add", "--help", env={"COLUMNS": "120"}).stdout


@pytest.mark.parametrize("room", ["3", "zaal 3", "Zaal 3"])
def test_a_courtroom_is_named_once(cli, new_case, room):
    number = new_case("--track", "ogp")
    assert cli("hearing", "add", number, "--date", "30/11/2026 09:30", "--court", "Vredegerecht Mechelen",
               "--room", room).exit_code == 0
    brief = cli("hearing", "brief", number, env=NL).stdout
    assert "vredegerecht mechelen, zaal 3" in brief.lower() and "zaal zaal" not in brief.lower()
    feed = cli("hearing", "list", "--within", "30", "-f", "ics", env=NL).stdout
    assert "zaal zaal" not in feed.lower()


def test_the_national_number_is_shown_as_printed(cli, new_case):
    number = new_case("--birth-date", "30/07/1985", "--national-number", "85073003328")
    assert "85.07.30-033.28" in cli("case", "show", number, env=NL).stdout
    assert json.loads(cli("case", "show", number, "--format", "json").stdout)["tenant"]["national_number"] \
        == "85073003328"  # the data keep the digits


def test_the_chart_names_its_months_and_the_demo_speaks_dutch(cli, tmp_path):
    demo = str(tmp_path / "demo.db")
    assert cli("--db", demo, "demo", env=NL).exit_code == 0
    chart = cli("--db", demo, "stats", "--month", "2026-10", "--chart", env=NL).stdout
    assert "  november 2025 " in chart and "  oktober 2026 " in chart and "2025-11" not in chart
    visits = cli("--db", demo, "visit", "list", env={**NL, "COLUMNS": "160"}).stdout
    assert "demobezoek" in visits and "demo visit" not in visits


@pytest.mark.parametrize("env", [NL, {"HUURBEG_LANG": "en"}])
def test_the_landlord_letter_fits_a_page(cli, dutch_case, env):
    letter = cli("case", "report", dutch_case, "--for", "landlord", env=env).stdout
    assert max(len(line) for line in letter.splitlines()) <= 78
    assert "woonbegeleiding" in letter or "tenancy" in letter or "support" in letter


def test_a_corrected_outcome_reads_as_dutch_in_the_history(cli, new_case):
    """`hearing outcome --correct` withdraws the outcome recorded before: that line too is in Dutch."""
    number = new_case("--date", "01/10/2026")
    assert cli("hearing", "add", number, "--date", "20/11/2026 09:30", "--court", "Vredegerecht Mechelen").exit_code == 0
    assert cli("hearing", "outcome", number, "--result", "settled").exit_code == 0
    assert cli("hearing", "outcome", number, "--result", "withdrawn", "--correct").exit_code == 0
    shown = " ".join(cli("case", "history", number, env={"HUURBEG_LANG": "nl", "COLUMNS": "200"}).stdout.split())
    assert "ingetrokken; reden: vervangen door de uitspraak die erna geregistreerd werd" in shown
    assert "outcome" not in shown and "replaced by" not in shown


def test_the_rule_of_a_warning_is_named_in_dutch(cli, new_case):
    number = new_case("--date", "-40d")
    shown = cli("deadlines", env=NL | {"COLUMNS": "200"}).stdout  # wide enough for the Rule column
    assert "Regel" in shown and number in shown and "contact nodig" in shown and "no-contact" not in shown
    assert "no-contact" in {w["rule"] for w in json.loads(cli("deadlines", "-f", "json", env=NL).stdout)}  # data: slugs


def test_the_crisis_track_has_one_dutch_word(cli):
    import os
    import subprocess
    import sys

    shown = subprocess.run([sys.executable, "-m", "huurbeg", "intake", "--help"], capture_output=True, text=True,
                           env=os.environ | NL, timeout=60).stdout  # the help is worded as the process starts
    help_text = " ".join(shown.split())
    assert "doorstroomwoning, crisisopvang" in help_text  # the word of the seeds, not the dwelling's
    number = cli("intake", "--track", "crisisopvang", "--tenant", "X", "--source", "huurder", "--tenant-informed",
                 "--no-input").stdout.strip()
    assert "crisisopvang" in cli("case", "show", number, env=NL).stdout


def test_a_dutch_message_names_the_field_in_dutch(cli, new_case):
    number = new_case("--landlord", "Karel De Smet", "--landlord-type", "private")  # the case's rent unknown
    result = cli("plan", "fbu", number, "--signed", "22/11/2026", "--instalment", "200", "--start", "01/12/2026",
                 env=NL)
    assert_one_line_error(result, contains="fout: huurprijs: de maandelijkse huurprijs")
    shm = cli("plan", "fbu", new_case("--tenant", "Els Wouters", "--rent", "650"), "--signed", "22/11/2026", "--instalment", "200",
              "--start", "01/12/2026", env=NL)  # an SHM landlord: no FBU agreement
    assert_one_line_error(shm, contains="fout: verhuurder: een FBU-overeenkomst")
    from huurbeg.core.i18n import speaking
    from huurbeg.output.render import state_word

    with speaking("nl"):
        assert state_word("behind") == "achterop"  # a plan behind its schedule, as a Fleming writes it
