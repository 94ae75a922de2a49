"""An import matches each row against the households before it, the file's own rows among them, held in memory
(huurbeg.db.intake.Written): what it finds is what the same search in the database finds, row by row."""

import csv
import random
import sqlite3
from datetime import date, timedelta

import pytest

from huurbeg.db import intake

FIRST = ["Jan", "Marie", "Karim", "Sara", "Mohamed", "Mohammed", "Fatima", "Pieter", "Ahmed", "Zoë", "Li"]
LAST = ["Peeters", "Janssens", "Maes", "El Amrani", "Elamrani", "Van Damme", "Benali", "Ben Ali", "O'Neill"]
STREETS = ["Kerkstraat", "Koningin Astridlaan", "Kon. Astridlaan", "Bruul", "Ijzerenleen", "Église"]


def typo(rng: random.Random, word: str) -> str:
    if len(word) < 3 or rng.random() < 0.6:
        return word
    i = rng.randrange(len(word) - 1)
    return rng.choice([word[:i] + word[i + 1:], word[:i] + word[i + 1] + word[i] + word[i + 2:],
                       word[:i] + rng.choice("aeinrst") + word[i + 1:]])


def caseload(path, rng: random.Random, rows: int, first_ref: int) -> None:
    """Rows of a few households written again and again, otherwise: typos, another phone form, a missing
    address, a birth date or not, a box number, a flat's next tenant; some closed."""
    people = [{"name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
               "street": f"{rng.choice(STREETS)} {rng.randint(1, 40)}", "phone": f"04{rng.randint(70, 72)}"
               f"{rng.randint(100000, 999999)}", "born": date(1960, 1, 1) + timedelta(days=rng.randint(0, 15000))}
              for _ in range(60)]
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["ref", "tenant", "address", "phone", "birth_date", "track", "source", "intake_date",
                         "tenant_informed", "status", "closed_date", "outcome"])
        for n in range(rows):
            who = rng.choice(people)
            name = " ".join(typo(rng, word) for word in who["name"].split())
            if rng.random() < 0.15:
                name = rng.choice(people)["name"]  # another household at this one's address
            address = rng.choice([who["street"], f"{who['street']}, 2800 Mechelen", f"{who['street']} bus 2",
                                  typo(rng, who["street"]), "", f"{rng.choice(STREETS)} {rng.randint(1, 40)}"])
            phone = rng.choice([who["phone"], f"+32 {who['phone'][1:4]} {who['phone'][4:]}", "", ""])
            born = rng.choice([who["born"].strftime("%d/%m/%Y"), ""])
            intake_date = date(2023, 1, 1) + timedelta(days=rng.randint(0, 1300))
            closed = rng.random() < 0.3
            writer.writerow([f"REF-{first_ref + n}", name, address, phone, born, "pw", "tenant",
                             intake_date.strftime("%d/%m/%Y"), "yes", "closed" if closed else "open",
                             (intake_date + timedelta(days=30)).strftime("%d/%m/%Y") if closed else "",
                             "eviction-prevented" if closed else ""])


class EveryRowInTheDatabase(intake.Written):
    """As an import matched before: every household sought in the database, none held in memory."""

    def __init__(self, db):
        super().__init__(db)
        self.before = 10 ** 9

    def holding(self, likes, draft):
        return []


def households(path) -> list:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT c.number, c.household_id, c.returning_household, h.name, h.address, "
                                  "h.phone, h.birth_date FROM case_file c JOIN household h ON h.id = "
                                  "c.household_id ORDER BY c.id").fetchall()


@pytest.mark.sqlite_only
def test_an_import_finds_the_households_it_wrote_as_the_database_finds_them(cli, tmp_path, monkeypatch):
    rng = random.Random(5000)
    files = [tmp_path / "first.csv", tmp_path / "second.csv"]
    caseload(files[0], rng, 400, 0)
    caseload(files[1], rng, 300, 1000)  # into a database holding the first: both searches at work
    found = {}
    for how in ("memory", "database"):
        if how == "database":
            monkeypatch.setattr(intake, "Written", EveryRowInTheDatabase)
        db = tmp_path / f"{how}.db"
        for file in files:
            result = cli("--db", str(db), "import", str(file))
            assert result.exit_code == 0, result.output
        found[how] = households(db)
    assert found["memory"] == found["database"]
    shared = len(found["memory"]) - len({row[1] for row in found["memory"]})
    assert shared > 150  # many rows were found to be a household written before
    assert sum(row[2] for row in found["memory"]) > 30  # returning households, among them
