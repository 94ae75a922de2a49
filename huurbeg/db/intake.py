"""Registering a case (aanmelding) as plain SQL, for `intake` and for a whole imported caseload.

The household it matches, its household and landlord rows, the next case number of the year,
the case with its problems, first track and consents, and the history of each; an imported
closed case is closed in the same way. An import of thousands of rows runs these statements
straight on the driver, in the import's one transaction (see huurbeg.db.sql).
"""

import re
from datetime import date, datetime
from itertools import combinations
from typing import Any

from huurbeg.domain.casework import (HouseholdMatch, IntakeDraft, Registration, answered_otherwise, format_case_number,
                                     match_key)
from huurbeg.core.codes import Party, Status
from huurbeg.db import history, search
from huurbeg.db.caseload import NOT_REMOVED
from huurbeg.db.sql import Connection, Record
from huurbeg.domain.entities import HOUSEHOLD, HOUSEHOLD_FIELDS
from huurbeg.domain.finding import (TYPO_MIN_LENGTH, number_key, patterns, phone_key, search_key, shared_pair, words)
from huurbeg.core.i18n import N_
from huurbeg.domain.finding import (DIGITS_MIN_LENGTH, cheaply_shared)



def matches(db: Connection, draft: IntakeDraft, written: "Written | None" = None) -> list[HouseholdMatch]:
    """Earlier cases of households with the same national number, name + birth date, or address; and of
    households written otherwise (_alike), those an import wrote before this row among them (`written`)."""
    name_key, address_key = match_key(draft.tenant), match_key(draft.address)
    conditions, params = [], dict[str, Any]()
    if draft.national_number:
        conditions.append("household.national_number = :number")
        params["number"] = draft.national_number
    if name_key and draft.birth_date:
        conditions.append("(household.name_key = :name AND household.birth_date = :born)")
        params.update(name=name_key, born=draft.birth_date)
    if address_key:
        conditions.append("household.address_key = :address")
        params["address"] = address_key
    rows = db.rows("SELECT case_file.number, case_file.status, household.id, household.national_number, "
                   "household.name_key, household.birth_date FROM case_file "
                   "JOIN household ON household.id = case_file.household_id "
                   f"WHERE ({' OR '.join(conditions)}) AND {NOT_REMOVED} ORDER BY case_file.intake_date DESC, case_file.id DESC", **params) \
        if conditions else []
    found = [HouseholdMatch(row.number, Status(row.status), row.id, _reason(row, draft, name_key)) for row in rows]
    return found + _alike(db, draft, {match.case for match in found if match.strong}, written)


ALIKE = {("name", "address"): N_("name and address, written alike"),
         ("name", "phone"): N_("name and phone, written alike"),
         ("name", "birth_date"): N_("name and birth date, written alike"),
         ("address", "phone"): N_("address and phone, written alike")}
"""What two households written differently share, by the pair of fields that first says so."""


def _alike(db: Connection, draft: IntakeDraft, known: set[str], written: "Written | None" = None) -> list[HouseholdMatch]:
    """Cases of a household written otherwise ('Mohamed Benali' for 'Mohammed Ben Ali', 'Kon.' for 'Koningin',
    a phone with or without spaces) that shares two identifying facts with the draft, judged as `case find`
    judges a match (huurbeg.domain.finding.shared_identity): one shared fact alone (a common name, a building) is not
    the same household."""
    wanted = {"name": draft.tenant, "address": draft.address, "phone": draft.phone, "birth_date": draft.birth_date,
              "national_number": draft.national_number}
    keys = [pattern for word in words(draft.tenant) if len(word) >= TYPO_MIN_LENGTH for pattern in patterns(word)]
    keys += [phone] if len(phone := phone_key(draft.phone)) >= 6 else []
    if not keys:
        return []
    params = {f"k{n}": f"%{key}%" for n, key in enumerate(dict.fromkeys(keys))}
    second, more = _second_fact(draft, db.dialect)
    if second is None:
        return []  # neither a birth date, a phone nor an address to share: no pair can be whole
    rows = _alike_rows(db, draft, keys, params, second, more, written)
    found = []
    for row in rows:
        if row.number in known:
            continue
        theirs = {"name": row.name, "address": row.address, "phone": row.phone, "birth_date": row.birth_date,
                  "national_number": row.national_number}
        # a short name's letters are in most households' keys: judge names only where a pair can still be whole
        possible = cheaply_shared(wanted, theirs) | {"name"}
        if not any(set(pair) <= possible for pair in ALIKE):
            continue
        pair = shared_pair(wanted, theirs, ALIKE)
        if pair:
            found.append(HouseholdMatch(row.number, Status(row.status), row.id, ALIKE[pair]))
    return found


def _alike_rows(db: Connection, draft: IntakeDraft, keys: list[str], params: dict, second: str, more: dict,
                written: "Written | None") -> list[Record]:
    """The cases whose household's search key holds one of the keys (`params`: their LIKE patterns) and that
    may share a second fact, most recent first; of an import, its own cases from what it wrote (`written`)."""
    if written is not None and not written.before:  # a database without cases before the import
        return sorted(written.holding(list(params.values()), draft), key=_recent, reverse=True)
    before = " AND case_file.id <= :before" if written else ""
    narrowed = search.holding(db, list(dict.fromkeys(keys)), "alike_keys")
    if narrowed is not None:  # the same households, looked up instead of sought in every one
        households, found_keys = narrowed
        second = f"household.id IN ({households}) AND ({second})"
        more = more | found_keys
    sharing = search.sharing_a_fact(db, draft.birth_date, phone_key(draft.phone), draft.address)
    if sharing is not None:  # every household a pair of ALIKE can be whole with, looked up
        households, found_facts = sharing
        second = f"household.id IN ({households}) AND ({second})"
        more = more | found_facts
    rows = db.rows("SELECT case_file.number, case_file.status, household.id, household.name, household.address, "
                   "household.phone, household.birth_date, household.national_number, case_file.intake_date, "
                   "case_file.id AS case_id FROM case_file JOIN household ON household.id = case_file.household_id "
                   f"WHERE ({' OR '.join(f'household.search_key LIKE :{key}' for key in params)}) AND ({second}) "
                   f"AND {NOT_REMOVED}{before} ORDER BY case_file.intake_date DESC, case_file.id DESC",
                   **params, **more, **({"before": written.before} if written else {}))
    if written is None:
        return rows
    return sorted(rows + written.holding(list(params.values()), draft), key=_recent, reverse=True)


def _recent(row: Record) -> tuple:
    """The order of the cases matched: the most recent intake first, as `ORDER BY intake_date DESC, id DESC`."""
    return row.intake_date, row.case_id


class Written:
    """The cases an import wrote so far in its one transaction, and their households, held to be matched in memory.

    Each row of an import is matched against the households before it (huurbeg.domain.casework.import_rows): the
    database's own cases as intake matches them, and the import's own, held here, as _alike_rows would find them in
    the database: a household whose search key holds one of the draft's keys (as LIKE holds it) and that may share
    a birth date, a phone or an address with the draft (huurbeg.domain.finding.cheaply_shared, which _alike judges
    first, and which every pair it judges alike needs), looked up by those facts. Sought in the database instead,
    each row would read the trigram index of every household the import wrote before it."""

    def __init__(self, db: Connection):
        self.db = db
        self.before = db.value("SELECT max(id) FROM case_file") or 0
        """The last case written before the import: the database's cases, matched there."""
        self.households: dict[int, Record] = {}
        self.cases: dict[int, list[Record]] = {}
        self.facts: dict[tuple, set[int]] = {}
        """The households by each fact they may share: ('born', date), ('phone', key), ('numbers', the address's
        numbers), ('number', one of them)."""

    def add(self, number: str) -> None:
        """The case just written: it and its household (with what this case changed of it) are matched from now on."""
        row = self.db.single("SELECT case_file.number, case_file.status, household.id, household.name, "
                             "household.address, household.phone, household.birth_date, household.national_number, "
                             "case_file.intake_date, case_file.id AS case_id, household.search_key FROM case_file "
                             "JOIN household ON household.id = case_file.household_id "
                             "WHERE case_file.number = :number", number=number)
        if row.id in self.households:
            for fact in _facts(self.households[row.id]):
                self.facts[fact].discard(row.id)
        self.households[row.id] = row
        for fact in _facts(row):
            self.facts.setdefault(fact, set()).add(row.id)
        details = {name: row[name] for name in ("name", "address", "phone", "birth_date", "national_number")}
        self.cases[row.id] = [Record(case | details) for case in self.cases.get(row.id, [])] + [row]

    def holding(self, likes: list[str], draft: IntakeDraft) -> list[Record]:
        """The cases written whose household's search key holds one of these LIKE patterns (`%key%`) and that may
        share a birth date, a phone or an address with the draft."""
        sharing = set(self.facts.get(("born", draft.birth_date), ())) if draft.birth_date is not None else set()
        if len(phone := phone_key(draft.phone)) >= DIGITS_MIN_LENGTH:
            sharing |= self.facts.get(("phone", phone), set())
        if draft.address:
            mine = frozenset(re.findall(r"\d+", draft.address))
            for size in range(len(mine) + 1):  # their numbers among mine
                for subset in combinations(sorted(mine), size):
                    sharing |= self.facts.get(("numbers", frozenset(subset)), set())
            if mine:  # mine among theirs
                sharing |= set.intersection(*(self.facts.get(("number", n), set()) for n in mine))
            else:
                sharing |= self.facts.get(("address",), set())
        keys = [like[1:-1] for like in likes]
        found = []
        for id in sharing:
            text = self.households[id]["search_key"]
            if text is not None and any(key in text if "_" not in key else _like(key, text) for key in keys):
                found += self.cases[id]
        return found


def _facts(household: Record) -> list[tuple]:
    """What a household is looked up by in Written (the facts cheaply_shared compares)."""
    found: list[tuple] = [("born", household.birth_date)] if household.birth_date is not None else []
    if len(phone := phone_key(household.phone)) >= DIGITS_MIN_LENGTH:
        found.append(("phone", phone))
    if household.address:
        numbers = frozenset(re.findall(r"\d+", household.address))
        found += [("address",), ("numbers", numbers), *(("number", n) for n in numbers)]
    return found


def _like(key: str, text: str | None) -> bool:
    """Whether `text LIKE '%key%'` holds, for a key of letters and digits in lower case, as the search keys are:
    `_` is any one character."""
    if text is None:
        return False
    if "_" not in key:
        return key in text
    return re.search(".".join(map(re.escape, key.split("_"))), text, re.DOTALL) is not None


def _second_fact(draft: IntakeDraft, dialect: str) -> tuple[str | None, dict]:
    """SQL that holds for every household sharing with the draft a birth date, a phone or an address whose numbers
    agree (huurbeg.domain.finding.cheaply_shared), one of which every pair of ALIKE needs; None when the draft has none.
    A common name's halves are in most households' keys: this keeps the households judged in Python few."""
    either, params = [], dict[str, Any]()
    if draft.birth_date is not None:
        either.append("household.birth_date = :alike_born")
        params["alike_born"] = draft.birth_date
    if len(phone := phone_key(draft.phone)) >= DIGITS_MIN_LENGTH:
        either.append("household.search_key LIKE :alike_phone")  # the key holds the phone's digits
        params["alike_phone"] = f"%{phone}%"
    if draft.address:
        numbers = sorted(set(re.findall(r"\d+", draft.address)))
        agree = ""
        if numbers:  # one side's numbers among the other's: an address holding one of the draft's, or none at all
            held = [_holds_number(f"alike_n{n}", dialect) for n in range(len(numbers))]
            params.update({f"alike_n{n}": _number_pattern(number, dialect) for n, number in enumerate(numbers)})
            none = " AND ".join(f"household.address NOT LIKE :alike_d{digit}" for digit in range(10))
            params.update({f"alike_d{digit}": f"%{digit}%" for digit in range(10)})
            agree = f" AND ({' OR '.join([*held, f'({none})'])})"
        either.append(f"(household.address <> ''{agree})")
    return (" OR ".join(either) if either else None), params


def _holds_number(key: str, dialect: str) -> str:
    """An address holding a number as a whole (1 in 'Kerkstraat 1, 2800', not in 'Kerkstraat 12')."""
    if dialect == "sqlite":
        return f"(' ' || household.address || ' ') GLOB :{key}"
    return f"household.address ~ :{key}"


def _number_pattern(number: str, dialect: str) -> str:
    return f"*[^0-9]{number}[^0-9]*" if dialect == "sqlite" else f"(^|[^0-9]){number}([^0-9]|$)"


def _reason(household, draft: IntakeDraft, name_key: str | None) -> str:
    """What the two households share, in English; translated where it is said (huurbeg.core.i18n.N_)."""
    if draft.national_number and household.national_number == draft.national_number:
        return N_("national number")
    if name_key and household.name_key == name_key:
        same_birth = draft.birth_date is not None and household.birth_date == draft.birth_date
        return N_("name and birth date") if same_birth else N_("name and address")
    return N_("address")


class Writer:
    """The statements of registering cases, by one worker, in one transaction."""

    def __init__(self, db: Connection, *, worker: str, os_user: str, db_user: str | None):
        self.db, self.worker = db, worker
        self.by = {"os_user": os_user, "db_user": db_user}

    def create(self, draft: IntakeDraft, household_id: int | None, returning: bool, now: datetime,
               external_ref: str | None = None, keep_known: tuple[str, ...] = ()) -> Registration:
        """A new case with its household, landlord, problems, track and consents.

        A household of another open case (`keep_known`: those cases) keeps what is stored: an answer that
        differs is not written over it, only an empty field is filled; a returning household takes the new
        answers as its current facts. Either way the new case's history names the fields (never their values)."""
        when = draft.intake_date
        if when is None:
            raise ValueError("a case is created on its intake date, which the intake's checks gave it")
        household, kept, updated = self._household(draft, household_id, now, keep_known)
        landlord = self.landlord(draft.landlord, draft.landlord_type, now) if draft.landlord else None
        seq = self._sequence(when.year)
        number = format_case_number(when.year, seq)
        case_id = self.db.insert(
            "INSERT INTO case_file (number, year, seq, household_id, landlord_id, track, source, referrer, "
            "intake_date, tenant_informed, arrears_cents, rent_cents, returning_household, status, note, "
            "external_ref, created_at, updated_at, worker) VALUES (:number, :year, :seq, :household, :landlord, "
            ":track, :source, :referrer, :intake, :informed, :arrears, :rent, :returning, :status, :note, :ref, "
            ":now, :now, :worker)",
            number=number, year=when.year, seq=seq, household=household, landlord=landlord, track=str(draft.track),
            source=str(draft.source), referrer=draft.referrer, intake=when, informed=bool(draft.tenant_informed),
            arrears=draft.arrears_cents, rent=draft.rent_cents, returning=returning, status=str(Status.OPEN),
            note=draft.note, ref=external_ref, now=now, worker=self.worker)
        raised = draft.source == "landlord"  # a landlord who registers the case reports its problems
        for problem in draft.problems:
            self.db.execute("INSERT INTO case_problem (case_id, problem, raised_by_landlord, at_registration) "
                            "VALUES (:id, :problem, :raised, :registered)", id=case_id, problem=str(problem),
                            raised=raised, registered=True)
        self.db.execute("INSERT INTO track_change (case_id, from_track, to_track, date, created_at) "
                        "VALUES (:id, NULL, :track, :when, :now)", id=case_id, track=str(draft.track), when=when,
                        now=now)
        entries = [("intake", f"opened on track {draft.track} (registered by {draft.source})"
                    + (", returning household" if returning else ""))]
        for party, given in ((Party.TENANT, draft.consent_tenant), (Party.LANDLORD, draft.consent_landlord)):
            if given:
                self.db.execute("INSERT INTO consent (case_id, party, date, created_at) VALUES (:id, :party, :when, "
                                ":now)", id=case_id, party=str(party), when=when, now=now)
                entries.append(("consent", f"consent of {party} recorded, dated {when.isoformat()}"))
        if kept:
            entries.append(("intake", f"household kept as in open case {', '.join(keep_known)}; "
                                      f"answered otherwise, not written: {', '.join(kept)}"))
        if updated:
            entries.append(("intake", f"household details updated at this registration: {', '.join(updated)}"))
        self._history(case_id, now, entries)
        return Registration(case_id, number, kept, updated)

    def close(self, case_id: int, outcome: str, when: date, now: datetime) -> None:
        self.db.execute("UPDATE case_file SET status = :status, outcome = :outcome, closed_date = :when, "
                        "updated_at = :now WHERE id = :id", status=str(Status.CLOSED), outcome=str(outcome),
                        when=when, now=now, id=case_id)
        self._history(case_id, now, [("close", f"closed on {when.isoformat()}: {outcome}")])

    def landlord(self, name: str, kind: str | None, now: datetime) -> int:
        """The landlord of that name (case, accents and punctuation ignored), made when new."""
        key = match_key(name)
        found = self.db.value("SELECT id FROM landlord WHERE name_key = :key", key=key)
        return found if found is not None else self.db.insert(
            "INSERT INTO landlord (name, name_key, kind, created_at) VALUES (:name, :key, :kind, :now)",
            name=name.strip(), key=key, kind=str(kind) if kind else None, now=now)

    def _household(self, draft: IntakeDraft, household_id: int | None, now: datetime,
                   keep_known: tuple[str, ...]) -> tuple[int, tuple[str, ...], tuple[str, ...]]:
        """The household's id, and the labels of the fields answered otherwise than stored (or where nothing is
        stored): kept as stored, or updated."""
        given = {f.column: getattr(draft, f.edit or f.column) for f in HOUSEHOLD}  # the draft names them as `case edit`
        kept: tuple[str, ...] = ()
        updated: tuple[str, ...] = ()
        if household_id is None:
            values = given
        else:
            known = self.db.single(f"SELECT {', '.join(HOUSEHOLD_FIELDS)} FROM household WHERE id = :id",
                                   id=household_id)
            other = answered_otherwise(draft, known)
            # another open case's household stays as stored, every answer that differs named and not written; a
            # returning household takes what is answered otherwise, and keeps what is not given anew or given alike
            values = {name: known[name] if keep_known or name not in other else value for name, value in given.items()}
            if keep_known:
                kept = tuple(other.values())
            else:
                updated = tuple(other.values())
        keys = {"name_key": match_key(values["name"]), "address_key": match_key(values["address"]),
                "search_key": search_key(values["name"], values["address"], values["phone"],
                                         values["national_number"]), "address_numbers": number_key(values["address"])}
        if household_id is None:
            columns = [*HOUSEHOLD_FIELDS, *keys, "created_at"]
            return self.db.insert(f"INSERT INTO household ({', '.join(columns)}) "
                                  f"VALUES ({', '.join(':' + c for c in columns)})", **values, **keys,
                                  created_at=now), kept, updated
        columns = [*HOUSEHOLD_FIELDS, *keys]
        self.db.execute(f"UPDATE household SET {', '.join(f'{c} = :{c}' for c in columns)} WHERE id = :id",
                        **values, **keys, id=household_id)
        return household_id, kept, updated

    def _sequence(self, year: int) -> int:
        """The next number of the year; the caller holds the numbering lock for the transaction."""
        return (self.db.value("SELECT max(seq) FROM case_file WHERE year = :year", year=year) or 0) + 1

    def _history(self, case_id: int, now: datetime, entries: list[tuple[str, str]]) -> None:
        history.append(self.db, [{"at": now, **self.by, "case_id": case_id, "action": action, "detail": detail}
                                 for action, detail in entries])
