"""`huurbeg case find`: spellings that must and must not match, ranking, and the read log."""

import json

import pytest

from conftest import assert_one_line_error, snapshot
from huurbeg.domain.finding import parse_query, patterns, score, search_key, within_one_typo

PEETERS = {"tenant": "Jan Peeters", "address": "Kerkstraat 1, 2800 Mechelen", "phone": "0470/12.34.56",
           "national_number": "85073003328", "landlord": "Woonpunt Mechelen", "reference": "ROW-0042"}
EL_AMRANI = {"tenant": "Fatima El Amrani", "address": "Brusselsesteenweg 5", "phone": None,
             "national_number": None, "landlord": "Huisbaas Pieters", "reference": None}
DE_CLERCQ = {"tenant": "Hélène De Clercq-Van Damme", "address": "Rue de l'Église 3", "phone": "+32 3 123 45 67",
             "national_number": None, "landlord": None, "reference": None}
ELAMRANI_TOGETHER = {"tenant": "Karim Elamrani", "address": None, "phone": None, "national_number": None,
                     "landlord": None, "reference": None}


@pytest.mark.parametrize("query, fields, field", [
    ("Peeters", PEETERS, "tenant"),
    ("peeters", PEETERS, "tenant"),
    ("Peters", PEETERS, "tenant"),  # one letter missing
    ("Peetres", PEETERS, "tenant"),  # two letters swapped
    ("Peetars", PEETERS, "tenant"),  # one letter wrong
    ("Peeeters", PEETERS, "tenant"),  # one letter extra
    ("Pee", PEETERS, "tenant"),  # the beginning of a word
    ("jan peeters", PEETERS, "tenant"),
    ("J. Peeters", PEETERS, "tenant"),
    ("kerkstraat", PEETERS, "address"),
    ("Kerkstr 1", PEETERS, "address"),
    ("kerkstraaat", PEETERS, "address"),
    ("85.07.30-033.28", PEETERS, "national_number"),
    ("85073003328", PEETERS, "national_number"),
    ("0470 12 34 56", PEETERS, "phone"),
    ("0470123456", PEETERS, "phone"),
    ("woonpunt", PEETERS, "landlord"),
    ("row-0042", PEETERS, "reference"),
    ("Elamrani", EL_AMRANI, "tenant"),  # written apart, typed together
    ("El Amrani", EL_AMRANI, "tenant"),
    ("el amrani", ELAMRANI_TOGETHER, "tenant"),  # written together, typed apart
    ("Amrani", EL_AMRANI, "tenant"),
    ("Elamrnai", EL_AMRANI, "tenant"),  # together and one swap
    ("helene de clercq", DE_CLERCQ, "tenant"),  # accents ignored
    ("Hélène", DE_CLERCQ, "tenant"),
    ("van damme", DE_CLERCQ, "tenant"),  # hyphens are spaces
    ("declercq", DE_CLERCQ, "tenant"),
    ("eglise", DE_CLERCQ, "address"),
    ("123 45 67", DE_CLERCQ, "phone"),
    ("mevrouw Peeters", PEETERS, "tenant"),  # as heard on the phone: the title is no part of the name
    ("Mevr. Peters", PEETERS, "tenant"),
    ("dhr. El Amrani", EL_AMRANI, "tenant"),
    ("meneer Elamrani", EL_AMRANI, "tenant"),
    ("+32 470 12 34 56", PEETERS, "phone"),  # the caller's number as a phone shows it
    ("0032470123456", PEETERS, "phone"),
    ("03 123 45 67", DE_CLERCQ, "phone"),  # stored in international form, typed in national form
    ("031234567", DE_CLERCQ, "phone"),
])
def test_spellings_that_must_match(query, fields, field):
    found = score(parse_query(query), fields)
    assert found is not None, query
    assert found.field == field


@pytest.mark.parametrize("query, fields", [
    ("Petrs", PEETERS),  # two letters missing
    ("Paters", PEETERS),  # "Paters" → "Peeters": a wrong and a missing letter
    ("Janssens", PEETERS),
    ("Jan Janssens", PEETERS),  # every word must match
    ("Pieters", PEETERS),  # "Pieters" → "Peeters" is one letter wrong... in 'Pieters', but the landlord is elsewhere
    ("Maes", PEETERS),
    ("Peet", {**PEETERS, "tenant": "Jan Pete"}),  # four letters: no typo tolerated ("Peet" is not "Pete")
    ("85073003329", PEETERS),
    ("0471", PEETERS),
    ("Amrnii Fatima", EL_AMRANI),  # two typos in one word
    ("Clercx", {**DE_CLERCQ, "tenant": "Marie"}),
    ("mevrouw Janssens", PEETERS),  # a title does not make any name match
    ("+31 470 12 34 56", PEETERS),  # a Dutch number is another number
    ("+32 470 12 34 57", PEETERS),
])
def test_spellings_that_must_not_match(query, fields):
    if query == "Pieters":  # one letter wrong from Peeters: a typo that is tolerated, so it matches
        assert score(parse_query(query), fields) is not None
        return
    assert score(parse_query(query), fields) is None, query


def test_better_matches_score_higher():
    exact = score(parse_query("Peeters"), PEETERS).score
    prefix = score(parse_query("Peet"), PEETERS).score
    typo = score(parse_query("Peters"), PEETERS).score
    assert exact > prefix > typo
    assert score(parse_query("Peeters"), PEETERS).score > score(parse_query("Pieters"), EL_AMRANI).score


@pytest.mark.parametrize("a, b, near", [("peeters", "peters", True), ("peters", "peeters", True),
                                        ("peeters", "peetres", True), ("peeters", "pieters", True),
                                        ("peeters", "petres", False), ("abc", "abc", True), ("ab", "ba", True),
                                        ("abcd", "abdc", True), ("abcd", "bacd", True), ("abcd", "bcda", False)])
def test_one_typo(a, b, near):
    assert within_one_typo(a, b) is near


@pytest.mark.parametrize("query, stored", [("peters", "jan peeters"), ("petres", "jan peters"),
                                           ("elamrnai", "elamrani"), ("peeterz", "peeters"),
                                           ("xeeters", "peeters"), ("peetersx", "peeters")])
def test_the_sql_patterns_find_every_one_typo_match(query, stored):
    assert any(p in stored for p in patterns(query))


def test_the_search_key_holds_every_form():
    key = search_key("Fatima El Amrani", "Église 3", "0470/12.34", "85073003328")
    for part in ("fatima el amrani", "fatimaelamrani", "eglise 3", "04701234", "85073003328"):
        assert part in key


@pytest.mark.parametrize("text", ["", "  ", "...", "-/-"])
def test_an_empty_query_is_refused(text):
    with pytest.raises(ValueError):
        parse_query(text)


# --- through the CLI, on a real database -----------------------------------------------

def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def caseload(cli, new_case):
    a = new_case("--tenant", "Jan Peeters", "--phone", "0470 12 34 56", "--national-number", "85073003328",
                 "--birth-date", "30/07/1985")
    b = new_case("--tenant", "Fatima El Amrani", "--address", "Brusselsesteenweg 5", "--landlord",
                 "Huisbaas Pieters", "--landlord-type", "private", "--date", "01/03/2026")
    c = new_case("--tenant", "Mia Janssens", "--address", "Peterstraat 4", "--landlord", "")
    d = new_case("--tenant", "Marc Peeters", "--address", "Lange Straat 9", "--date", "01/01/2025")
    cli("case", "close", d, "--outcome", "referred", "--date", "01/06/2025")
    return a, b, c, d


def test_find_by_a_misspelt_name_most_likely_first(cli, caseload):
    a, b, c, d = caseload
    found = as_json(cli("case", "find", "Peters", "-f", "json"))
    assert [r["case"] for r in found][:2] == [a, d]  # the tenants first, open before closed
    assert set(r["case"] for r in found) == {a, b, c, d}  # landlord Pieters, Peterstraat
    assert set(found[0]) == {"case", "tenant", "address", "landlord", "status", "track", "intake_date", "matched",
                             "score"}
    assert [r["case"] for r in as_json(cli("case", "find", "Elamrani", "-f", "json"))] == [b]
    assert [r["case"] for r in as_json(cli("case", "find", "85.07.30-033.28", "-f", "json"))] == [a]
    assert [r["case"] for r in as_json(cli("case", "find", "0470123456", "-f", "json"))] == [a]
    assert as_json(cli("case", "find", "Vermeulen", "-f", "json")) == []
    assert [r["case"] for r in as_json(cli("case", "find", "mevrouw Peters", "-f", "json"))][:2] == [a, d]
    assert [(r["case"], r["matched"]) for r in as_json(cli("case", "find", "+32 470 12 34 56", "-f", "json"))] == [
        (a, "phone")]


def test_the_field_found_in_is_shown_in_the_reader_s_language(cli, caseload, monkeypatch):
    monkeypatch.setenv("HUURBEG_LANG", "nl")
    shown = cli("case", "find", "85073003328").stdout
    assert "rijksregisternummer" in shown and "national_number" not in shown
    assert as_json(cli("case", "find", "85073003328", "-f", "json"))[0]["matched"] == "national_number"


def test_find_by_status(cli, caseload):
    a, b, c, d = caseload
    assert [r["case"] for r in as_json(cli("case", "find", "peeters", "--status", "closed", "-f", "json"))] == [d]
    # the open ones: the tenant first, then landlord Pieters (one letter off)
    assert [r["case"] for r in as_json(cli("case", "find", "peeters", "--status", "open", "-f", "json"))] == [a, b]
    assert "Jan Peeters" in cli("case", "find", "jan peeters").stdout


def test_each_case_found_is_a_read_in_its_history(cli, caseload):
    a, b, c, d = caseload
    cli("case", "find", "Elamrani")
    reads = lambda n: [e for e in as_json(cli("case", "history", n, "-f", "json"))  # noqa: E731
                       if e["detail"] == "case find"]
    assert len(reads(b)) == 1 and reads(a) == []
    assert "Elamrani" not in json.dumps(as_json(cli("case", "history", b, "-f", "json")))


def test_find_follows_a_correction(cli, caseload):
    a = caseload[0]
    cli("case", "edit", a, "--tenant", "Jan Vermeulen")
    assert [r["case"] for r in as_json(cli("case", "find", "vermeulen", "-f", "json"))] == [a]


def test_bad_searches(cli, caseload, db_path):
    before = snapshot(db_path)
    assert_one_line_error(cli("case", "find", " - "), code=2, contains="TEXT")
    assert_one_line_error(cli("case", "find", "x", "--status", "gone"), code=2, contains="--status")
    assert snapshot(db_path) == before


def test_case_list_by_landlord(cli, caseload):
    a, b, c, d = caseload
    assert [r["case"] for r in as_json(cli("case", "list", "--landlord", "woonpunt", "-f", "json"))] == [a]
    assert [r["case"] for r in as_json(cli("case", "list", "--landlord", "HUISBAAS", "-f", "json"))] == [b]
    assert [r["case"] for r in as_json(cli("case", "list", "--landlord", "woonpunt", "--status", "all",
                                           "-f", "json"))] == [d, a]
    assert as_json(cli("case", "list", "--landlord", "nobody", "-f", "json")) == []


@pytest.mark.parametrize("one, other, alike", [
    ("Kerkstraat 11, 2800 Mechelen", "Kerkstraat 12, 2800 Mechelen", False),  # the house next door
    ("Kerkstraat 11", "Kerkstraat 11, 2800 Mechelen", True),  # a postcode left out
    ("Kon. Astridlaan 140", "Koningin Astridlaan 140", True),
    ("Kerkstraat 11, 2800 Mechelen", "Kerkstraat 11, 2000 Antwerpen", False),
])
def test_addresses_are_alike_only_when_their_numbers_agree(one, other, alike):
    from huurbeg.domain.finding import shared_identity

    assert ("address" in shared_identity({"address": one}, {"address": other})) is alike
