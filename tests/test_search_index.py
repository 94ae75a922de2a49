"""The trigram index narrows `case find` and intake's check for a household written otherwise, and changes
neither: on a generated caseload of a few thousand households written with typos, in every form a worker
types them, the index's candidates are those of reading every household, and the results are the same
as judging every household as before (huurbeg.db.search)."""

import random
import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest

from huurbeg.db import intake, open_store, search
from huurbeg.domain import caseload, finding
from huurbeg.domain.casework import IntakeDraft, match_key
from huurbeg.domain.finding import number_key, parse_query, search_key

pytestmark = pytest.mark.sqlite_only  # the index is SQLite's; a server reads every household

FIRST = ["Jan", "Marie", "Karim", "Sara", "Luc", "An", "Mohamed", "Mohammed", "Els", "Fatima", "Pieter", "Ahmed",
         "Inès", "Koen", "Nadia", "Bart", "Sofie", "Ali", "Li", "Zoë"]
LAST = ["Peeters", "Janssens", "Maes", "Claes", "Smets", "Aerts", "El Amrani", "Elamrani", "Van Damme", "Benali",
        "Ben Ali", "Yilmaz", "De Smet", "Vermeulen", "Bench", "Bexch", "Mark", "Wouters", "Dubois", "O'Neill"]
STREETS = ["Kerkstraat", "Koningin Astridlaan", "Kon. Astridlaan", "Bruul", "Ijzerenleen", "Église", "Elders",
           "Stationsstraat", "Benchstraat", "Hoogstraat"]
TITLES = ["", "", "", "mevrouw ", "dhr. "]
BORN = [date(1980, 3, 12), date(1985, 7, 30), date(1990, 1, 1), date(1975, 11, 2), None, None]


def typo(rng: random.Random, word: str) -> str:
    """One letter wrong, missing, extra, or two swapped; or the word as it was."""
    if len(word) < 2:
        return word
    i = rng.randrange(len(word) - 1)
    return rng.choice([
        word[:i] + rng.choice("aeiknrstx") + word[i + 1:], word[:i] + word[i + 1:],
        word[:i] + rng.choice("aeiknrstx") + word[i:], word[:i] + word[i + 1] + word[i] + word[i + 2:], word])


def household(rng: random.Random) -> dict:
    name = rng.choice(TITLES) + " ".join(typo(rng, w) if rng.random() < 0.3 else w
                                        for w in f"{rng.choice(FIRST)} {rng.choice(LAST)}".split())
    number = rng.choice([1, 2, 11, 12, 140, 3, 250])
    address = rng.choice([f"{rng.choice(STREETS)} {number}", f"{rng.choice(STREETS)} {number}, 2800 Mechelen",
                          f"{rng.choice(STREETS)} {number} bus {rng.randint(1, 3)}, 2800", rng.choice(STREETS),
                          None])
    if address and rng.random() < 0.2:
        address = typo(rng, address)
    digits = f"4{rng.randint(70, 72)}{rng.randint(0, 99):02d}{rng.randint(0, 9)}{rng.randint(0, 9)}{rng.randint(0, 9)}"
    phone = rng.choice([f"0{digits}", f"+32 {digits[:3]} {digits[3:]}", f"0{digits[:3]}/{digits[3:]}", None])
    return {"name": name, "address": address, "phone": phone, "birth_date": rng.choice(BORN),
            "national_number": None}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A migrated database of 3,000 households (one case each), written with typos; and the households."""
    path = tmp_path_factory.mktemp("index") / "caseload.db"
    store, _ = open_store(str(path), write=True)  # made and migrated by huurbeg itself: the index too
    store.close()
    rng = random.Random(30)
    now = datetime.now(UTC).isoformat()
    people = [household(rng) for _ in range(3000)]
    with sqlite3.connect(path) as connection:  # the triggers of migration 0030 index each row as it is written
        connection.execute("INSERT INTO landlord (id, name, name_key, kind, created_at) VALUES "
                           "(1, 'Woonpunt Mechelen', 'woonpunt mechelen', 'shm', ?)", (now,))
        for n, h in enumerate(people, start=1):
            connection.execute(
                "INSERT INTO household (id, name, name_key, address, address_key, phone, birth_date, national_number, "
                "search_key, address_numbers, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (n, h["name"], match_key(h["name"]), h["address"], match_key(h["address"]), h["phone"],
                 h["birth_date"].isoformat() if h["birth_date"] else None, None,
                 search_key(h["name"], h["address"], h["phone"], None), number_key(h["address"]), now))
            intake_date = date(2020, 1, 1) + timedelta(days=n % 1500)
            connection.execute(
                "INSERT INTO case_file (id, number, year, seq, household_id, landlord_id, track, source, intake_date, "
                "tenant_informed, returning_household, status, external_ref, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, 'pw', 'tenant', ?, 1, 0, ?, ?, ?, ?)",
                (n, f"{intake_date.year}-{n:04d}", intake_date.year, n, n, 1 if n % 7 == 0 else None,
                 intake_date.isoformat(), "open" if n % 3 else "closed", f"IMP-{n}" if n % 11 == 0 else None,
                 now, now))
    yield path, people


@pytest.fixture
def store(generated):
    opened, _ = open_store(str(generated[0]), write=False)
    yield opened
    opened.close()


def without_index(monkeypatch):
    """Every household read and judged as before the index: no index, no quick test before a score."""
    monkeypatch.setattr(search, "indexed", lambda db: False)
    monkeypatch.setattr(finding, "_may_find", lambda query_words, target: True)


def queries(people) -> list[str]:
    rng = random.Random(31)
    found = ["Jan Peeters", "Peeters", "An", "Li", "mevrouw Maes", "El Amrani", "elamrani", "Ben Ali", "Benali",
             "Bench Mark", "Kerkstraat 12", "Astridlaan 140", "2800", "0470", "+32 470", "woonpunt", "IMP-77",
             "Zoe", "oneill", "straat"]
    for h in rng.sample(people, 60):
        found.append(" ".join(typo(rng, w) for w in h["name"].split()))
        if h["address"]:
            found.append(h["address"].split(",")[0])
        if h["phone"]:
            found.append(h["phone"])
    return found


def test_the_index_gives_every_candidate_of_reading_every_household(generated, store, monkeypatch):
    looked_up = {text: {c.id for c in store.cases.find_candidates(parse_query(text), None)}
                 for text in queries(generated[1])}
    assert search.indexed(store.sql)
    without_index(monkeypatch)
    read = {text: {c.id for c in store.cases.find_candidates(parse_query(text), None)} for text in looked_up}
    assert looked_up == read
    assert sum(map(len, read.values())) > 3000  # the queries do find households, many of them


def test_case_find_shows_what_scoring_every_candidate_showed(generated, store, monkeypatch):
    shown = {text: caseload.find(store, text, None) for text in queries(generated[1])}
    without_index(monkeypatch)
    for text, rows in shown.items():
        scored = []
        for candidate in store.cases.find_candidates(parse_query(text), None):
            match = finding.score(parse_query(text), candidate.fields)
            if match is not None:
                scored.append((-match.score, candidate.status != "open", -candidate.intake_date.toordinal(),
                               candidate.number))
        best = [number for *_, number in sorted(scored)[:caseload.FIND_LIMIT]]
        assert [row["case"] for row in rows] == best, text


def drafts(people) -> list[IntakeDraft]:
    rng = random.Random(32)
    found = []
    for h in rng.sample(people, 150) + [household(rng) for _ in range(50)]:
        address = h["address"]
        if address and rng.random() < 0.5:
            address = address.replace("Koningin", "Kon.").replace(", 2800 Mechelen", "")
        found.append(IntakeDraft(
            track="pw", source="tenant", intake_date=date(2026, 12, 1), problems=[],
            tenant=" ".join(typo(rng, w) for w in (h["name"] or "x").split()),
            address=address, phone=h["phone"] if rng.random() < 0.7 else None,
            birth_date=h["birth_date"] if rng.random() < 0.7 else rng.choice(BORN), national_number=None))
    return found


def test_intake_spots_the_households_that_judging_every_one_spotted(generated, store, monkeypatch):
    spotted = [intake.matches(store.sql, draft) for draft in drafts(generated[1])]
    without_index(monkeypatch)
    judged = [intake.matches(store.sql, draft) for draft in drafts(generated[1])]
    assert spotted == judged
    assert sum(len(found) for found in judged) > 100  # alike households are there to be spotted
