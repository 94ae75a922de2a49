"""The households a search may find, narrowed by the database's trigram index of their search keys.

`case find` and intake's check for a household written otherwise look for substrings of the
households' search keys (huurbeg.domain.finding.key_groups and patterns). On an SQLite file,
migration 0030 keeps an FTS5 table with the trigram tokenizer over household.search_key, up
to date by triggers on every write of a household: a substring of three letters or more is
looked up there instead of being sought in every household. The condition it gives is only
ever added to the search's own: a household it lets through is still judged as before, and it
lets through every household holding the substrings, so the results are the same. A pattern
shorter than three letters cannot be looked up (a trigram is three); where every group holds
one, and on PostgreSQL, the search reads every household as before.
"""

from datetime import date
from itertools import combinations

from huurbeg.db.sql import Connection
from huurbeg.domain.finding import DIGITS_MIN_LENGTH, number_key

TABLE = "household_search"
"""The FTS5 table of migration 0030 (SQLite only)."""


def not_index(name: str | None, kind: str, _parents: object = None) -> bool:
    """Alembic's include_name: the index and its FTS5 shadow tables are no model's, and never to be dropped."""
    return not (kind == "table" and name is not None and (name == TABLE or name.startswith(f"{TABLE}_")))


TRIGRAM = 3
"""The shortest substring the index can look up."""


def indexed(db: Connection) -> bool:
    """Whether this database has the trigram index (an SQLite file whose SQLite has FTS5's trigram tokenizer)."""
    return db.dialect == "sqlite" and db.value(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = :name", name=TABLE) > 0


def expression(patterns: list[str]) -> str | None:
    """The FTS5 query of households holding one of these substrings; None when one is too short to look up."""
    if not patterns or any(len(pattern) < TRIGRAM or "_" in pattern or "%" in pattern for pattern in patterns):
        return None  # too short to look up, or a LIKE's wildcard that the search's own condition takes as one
    return " OR ".join(_quoted(pattern) for pattern in dict.fromkeys(patterns))


def holding(db: Connection, patterns: list[str], key: str) -> tuple[str, dict] | None:
    """SQL of the ids of the households whose search key may hold one of `patterns`, and its parameter;
    None when the index cannot say (no index, or a pattern too short)."""
    found = expression(patterns) if indexed(db) else None
    if found is None:
        return None
    return f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH :{key}", {key: found}


def holding_all(db: Connection, groups: list[list[str]], key: str) -> tuple[str, dict] | None:
    """SQL of the ids of the households whose search key may hold, for every group that the index can look up,
    one of its patterns (a group with a pattern too short is left to the search's own condition), and its
    parameter; None when the index cannot say for any group."""
    if not indexed(db):
        return None
    found = [f"({query})" for patterns in groups if (query := expression(patterns))]
    if not found:
        return None
    return f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH :{key}", {key: " AND ".join(found)}


MOST_NUMBERS = 6
"""An address with more numbers than this is not looked up by its numbers (their subsets are too many)."""


def sharing_a_fact(db: Connection, born: date | None, phone: str, address: str | None) -> tuple[str, dict] | None:
    """SQL of the ids of every household that may share with a draft the birth date, the phone (`phone`: its
    huurbeg.domain.finding.phone_key) or an address whose numbers agree, as huurbeg.domain.finding.cheaply_shared
    has them: each pair of what intake's check compares holds one (huurbeg.db.intake.ALIKE), and its parameters.
    None when the index cannot say: no index, or an address without a number (every address agrees with it)
    or with very many."""
    if not indexed(db):
        return None
    parts: list[str] = []
    params: dict[str, object] = {}
    looked_up: list[str] = []
    if born is not None:
        parts.append("SELECT id FROM household WHERE birth_date = :fact_born")
        params["fact_born"] = born
    if len(phone) >= max(DIGITS_MIN_LENGTH, TRIGRAM):  # the search key holds the phone's digits
        looked_up.append(_quoted(phone))
    if address:
        numbers = sorted(set((number_key(address) or "").split()))
        if not numbers or len(numbers) > MOST_NUMBERS:
            return None
        # their numbers among the draft's (none at all, too), or all of the draft's among theirs
        subsets = [" " + " ".join(sorted(subset)) + " " for size in range(len(numbers) + 1)
                   for subset in combinations(numbers, size)]
        params.update({f"fact_n{n}": subset for n, subset in enumerate(subsets)})
        parts.append("SELECT id FROM household WHERE address_numbers IN "
                     f"({', '.join(f':fact_n{n}' for n in range(len(subsets)))})")
        looked_up.append(" AND ".join(_quoted(f" {n} ") for n in numbers))
    if looked_up:
        parts.append(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH :fact_match")
        params["fact_match"] = " OR ".join(f"({query})" for query in looked_up)
    if not parts:
        return None
    return " UNION ".join(parts), params


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def forget_erased(db: Connection) -> None:
    """After a purge: the index rewritten in one piece, so that no trace of an erased household's keys stays in
    its older pieces (a change is written as a new piece beside them; secure_delete and the purge's VACUUM then
    clear the pages they used)."""
    if indexed(db):
        db.execute(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('optimize')")
