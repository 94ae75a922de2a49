"""Cases, households and landlords: their reads and writes, as plain SQL (see huurbeg.db.sql).

The reads over many cases at once (the caseload, `case find`, the warning rules' facts) are
huurbeg.db.caseload's; a landlord's own reads and writes huurbeg.db.landlords'. A case is a `Record`; a write to it keeps the record passed in as the row now is, so the
caller reads on what it wrote.
"""

from collections.abc import Mapping, Sequence
from datetime import date
from enum import Enum
from typing import Any, Literal

from huurbeg.domain.casework import HouseholdMatch, IntakeDraft, Registration, match_key
from huurbeg.core.codes import Party, Status, Track
from huurbeg.db import follow_up, history, intake
from huurbeg.db.history import NOTE, REASON
from huurbeg.db.sql import Connection, Record, in_list
from huurbeg.core.errors import DatabaseProblem, NotFound
from huurbeg.domain.finding import Query, key_groups, number_key, search_key
from huurbeg.domain.rules import CaseFacts
from huurbeg.core.i18n import _
from huurbeg.db.caseload import (NOT_REMOVED, Candidate, CaseRow, Found, candidate_cases, candidates,
                                 candidates_by_id, count, facts, list_facts, rows)
from huurbeg.db.landlords import Landlords


def case(db: Connection, number: str, removed: bool = False) -> Record:
    """A case by its number; a withdrawn one only with `removed` (its history and the access export)."""
    return check_found(db.one("SELECT * FROM case_file WHERE number = :number", number=number), number, removed)


def check_found(found: Record | None, number: str, removed: bool = False) -> Record:
    """`found`, or the error that the case does not exist or was withdrawn (`case remove`)."""
    if found is None:
        raise NotFound(_("case {number} does not exist").format(number=number), hint="list_cases")
    if found.removed_at is not None and not removed:
        raise NotFound(_("case {number} was removed (registered by mistake); 'huurbeg case history {number}' "
                         "says who removed it and why").format(number=number))
    return found


def household(db: Connection, household_id: int) -> Record:
    """A case's household: every case has one."""
    return db.single("SELECT * FROM household WHERE id = :id", id=household_id)


def landlord(db: Connection, landlord_id: int | None) -> Record | None:
    return db.one("SELECT * FROM landlord WHERE id = :id", id=landlord_id) if landlord_id else None


def workers(db: Connection) -> list[str]:
    """Every worker responsible for a case, open or closed."""
    return [row.worker for row in db.rows(
        f"SELECT DISTINCT worker FROM case_file WHERE worker IS NOT NULL AND {NOT_REMOVED} ORDER BY worker")]


def problems(db: Connection, case_id: int) -> list[str]:
    return [row.problem for row in db.rows("SELECT problem FROM case_problem WHERE case_id = :id ORDER BY problem",
                                           id=case_id)]


def consents(db: Connection, case_id: int) -> dict:
    return {row.party: row.date for row in db.rows(
        "SELECT party, date FROM consent WHERE case_id = :id", id=case_id)}


def tracks(db: Connection, case_id: int) -> list[Record]:
    return db.rows("SELECT * FROM track_change WHERE case_id = :id AND removed_at IS NULL ORDER BY date, id",
                   id=case_id)


HOUSEHOLD_KEYS = ("name_key", "address_key", "search_key", "address_numbers")
"""The columns household_keys writes: made from the details, erased with them."""


def household_keys(values: Mapping[str, Any]) -> dict:
    """The normalised keys of a household's details that the duplicate search and `case find` look in."""
    return {"name_key": match_key(values["name"]), "address_key": match_key(values["address"]),
            "search_key": search_key(values["name"], values["address"], values["phone"], values["national_number"]),
            "address_numbers": number_key(values["address"])}


def assignments(values: dict) -> str:
    """`a = :a, b = :b` of the columns given (names from the code, never typed ones)."""
    return ", ".join(f"{name} = :{name}" for name in values)


WITHDRAWN_WITH_CASE = ("contact", "agreement", "fbu_agreement", "hearing", "stay", "referral", "track_change")
"""What a case's withdrawal takes along: every record of it that a view, warning or figure counts."""

MANY_NUMBERS = 200
"""More cases than this are looked up among every open case rather than named one by one in a statement."""

CASE_NUMBER_LOCK = 0x68_75_72  # "hur": the advisory-lock key of case numbering


class Cases(Landlords):
    """Cases and their households and landlords (dossier, intake, edit)."""

    # --- reads ---------------------------------------------------------------
    def case(self, number: str, removed: bool = False) -> Record:
        """A case by its number; a withdrawn one only with `removed` (its history and the access export)."""
        return case(self.sql, number, removed)

    def household(self, of: Record) -> Record:
        return household(self.sql, of.household_id)

    def landlord(self, of: Record) -> Record | None:
        return landlord(self.sql, of.landlord_id)

    def household_matches(self, draft: IntakeDraft, written: intake.Written | None = None) -> list[HouseholdMatch]:
        """Earlier cases of households with the same national number, name + birth date, or address (of an import,
        its own cases among them as `written` holds them)."""
        return intake.matches(self.sql, draft, written)

    def written_by_import(self) -> intake.Written:
        """What an import writes, held to match its next rows with (intake.Written)."""
        return intake.Written(self.sql)

    def imported_refs(self, refs: list[str]) -> set[str]:
        """The external references already in the database."""
        listed, params = in_list("ref", refs)
        return {row.external_ref for row in self.sql.rows(
            f"SELECT external_ref FROM case_file WHERE external_ref IN ({listed})", **params)}

    def problems(self, of: Record) -> list[str]:
        return problems(self.sql, of.id)

    def landlord_problems(self, of: Record) -> list[str]:
        return [row.problem for row in self.sql.rows(
            "SELECT problem FROM case_problem WHERE case_id = :id AND raised_by_landlord = :yes ORDER BY problem",
            id=of.id, yes=True)]

    def registration_problems(self, of: Record) -> list[str]:
        """The problems that came with the case's registration (not added by a correction)."""
        return [row.problem for row in self.sql.rows(
            "SELECT problem FROM case_problem WHERE case_id = :id AND at_registration = :yes ORDER BY problem",
            id=of.id, yes=True)]

    def consents(self, of: Record) -> dict[str, date]:
        return consents(self.sql, of.id)

    def workers(self) -> list[str]:
        """Every worker responsible for a case, open or closed."""
        return workers(self.sql)

    def open_cases_of(self, worker: str) -> list[Record]:
        return self.sql.rows(f"SELECT * FROM case_file WHERE worker = :worker AND status = :open AND {NOT_REMOVED} "
                             "ORDER BY year, seq", worker=worker, open=str(Status.OPEN))

    def household_cases(self, of: Record) -> list[Record]:
        """Every case of the household of `of`, oldest first."""
        return self.sql.rows("SELECT * FROM case_file WHERE household_id = :household ORDER BY intake_date, id",
                             household=of.household_id)

    def count_cases(self, status: Status | None = None, worker: str | None = None) -> int:
        return count(self.sql, status, worker)

    def case_rows(self, track: Track | None, status: Status | None, worker: str | None = None,
                  landlord: str | None = None) -> list[CaseRow]:
        key = (match_key(landlord) or "") if landlord is not None else None
        return rows(self.sql, track, status, worker, key)

    def list_facts(self, track: Track | None, status: Status | None, worker: str | None = None,
                   landlord: str | None = None) -> list[CaseFacts]:
        """The facts of the open cases of the caseload list of these filters (case_rows)."""
        key = (match_key(landlord) or "") if landlord is not None else None
        return list_facts(self.sql, track, status, worker, key)

    def find_candidates(self, query: Query, status: Status | None) -> list[Candidate]:
        """Cases that may match a search, narrowed in SQL on the normalised keys (huurbeg.domain.finding)."""
        return candidates(self.sql, key_groups(query), status)

    def find_cases(self, query: Query, status: Status | None) -> list[Found]:
        """The cases find_candidates gives, without the fields compared (read for the few scored)."""
        return candidate_cases(self.sql, key_groups(query), status)

    def find_fields(self, ids: list[int]) -> list[Candidate]:
        """These cases of find_cases with the fields a search compares."""
        return candidates_by_id(self.sql, ids)

    def tenants(self, numbers: Sequence[str]) -> dict[str, str | None]:
        """The tenant's name of each of these cases, to show beside its number in a list (None once purged)."""
        wanted = sorted(set(numbers))
        names: dict[str, str | None] = {}
        if len(wanted) > MANY_NUMBERS:  # the deadlines of every open case: those read at once, not named
            every = self._tenants_where("case_file.status = :open", open=str(Status.OPEN))
            names = {number: every[number] for number in wanted if number in every}
            wanted = [number for number in wanted if number not in every]
        if wanted:
            listed, params = in_list("n", wanted)
            names |= self._tenants_where(f"case_file.number IN ({listed})", **params)
        return names

    def _tenants_where(self, condition: str, **params) -> dict[str, str | None]:
        return {row.number: row.name for row in self.sql.rows(
            "SELECT case_file.number, household.name FROM case_file JOIN household ON household.id = "
            f"case_file.household_id WHERE {condition}", **params)}

    def facts(self, numbers: Sequence[str] | None = None, worker: str | None = None) -> list[CaseFacts]:
        """The facts the warning rules need, for the given cases or every open case (of a worker)."""
        return facts(self.sql, numbers, worker)

    def dossier(self, of: Record) -> dict:
        """Everything the case show needs, except warnings (the rules add those)."""
        db = self.sql
        timeline = self.history(of, reads=False)
        return {"case": of, "household": self.household(of), "landlord": self.landlord(of),
                "problems": problems(db, of.id), "consents": consents(db, of.id), "tracks": tracks(db, of.id),
                "contacts": follow_up.case_contacts(db, of.id), "agreements": self.core.follow_up.agreements(of),
                "attachments": self.core.attachments.of(of),
                "has_plan": self.core.follow_up.latest_plan(of) is not None,
                "timeline": timeline, "closing_note": history.closing_note(timeline)}

    def history(self, of: Record, *, reads: bool = True) -> list[Record]:
        return history.entries(self.sql, of.id, reads=reads)

    # --- registration ------------------------------------------------------------
    def create_case(self, draft: IntakeDraft, household_id: int | None, returning: bool,
                    external_ref: str | None = None, keep_known: tuple[str, ...] = ()) -> Registration:
        """Write a new case with its household, landlord, problems, track and consents (`keep_known`: the open
        cases whose household it shares, which keeps its stored details)."""
        return self._register(draft, household_id, returning, external_ref, keep_known)

    def import_case(self, draft: IntakeDraft, household_id: int | None, returning: bool, external_ref: str,
                    closed: tuple[str, date] | None, keep_known: tuple[str, ...] = ()) -> str:
        """An imported case (closed, when `closed` gives its outcome and date): its number."""
        registered = self._register(draft, household_id, returning, external_ref, keep_known)
        if closed is not None:
            self._writer().close(registered.case_id, *closed, self.core.now())
        return registered.number

    def _register(self, draft: IntakeDraft, household_id: int | None, returning: bool,
                  external_ref: str | None, keep_known: tuple[str, ...]) -> Registration:
        if self.core.damaged:
            from huurbeg.db.health import damaged

            raise DatabaseProblem(damaged(self.core.damaged))
        if draft.intake_date is None:
            raise ValueError("a case is registered on its intake date, which the intake's checks gave it")
        self._lock_numbering(draft.intake_date.year)
        return self._writer().create(draft, household_id, returning, self.core.now(), external_ref, keep_known)

    def _writer(self) -> intake.Writer:
        core = self.core
        return intake.Writer(self.sql, worker=core.me, os_user=core.user, db_user=core.db_user)

    def _lock_numbering(self, year: int) -> None:
        """One intake at a time takes the next number of a year. SQLite: the write lock taken at
        BEGIN IMMEDIATE already serialises writers. PostgreSQL: an advisory lock held until commit."""
        if self.core.dialect == "postgresql":
            self.sql.value("SELECT pg_advisory_xact_lock(:key, :year)", key=CASE_NUMBER_LOCK, year=year)

    # --- writes to a case ----------------------------------------------------------
    def touch(self, of: Record) -> None:
        """The case was written to now."""
        self.change(of)

    def change(self, of: Record, **values: object) -> None:
        """Write these columns of a case, and its moment of change; `of` holds them after."""
        values["updated_at"] = self.core.now()
        self.sql.execute(f"UPDATE case_file SET {assignments(values)} WHERE id = :case_id", **values,
                         case_id=of.id)
        if isinstance(of, dict):
            of.update(values)

    def edit_case(self, of: Record, household_values: dict, case_values: dict, landlord: tuple[str, str | None] | None | Literal[False],
                  problems: list[str] | None, changed: list[str], reported: set[str] | None = None) -> None:
        """Write a rectification. `landlord`: (name, kind) to set, None to remove, False to keep;
        `reported`: the problems the landlord reported, None to keep the marks. A problem added here is
        not the registration's, and not the landlord's unless it is in `reported`.

        The history names the changed fields only, never an old or new value (GDPR art. 16).
        """
        db = self.sql
        if household_values:
            values = {name: _stored(value) for name, value in household_values.items()}
            values |= household_keys(self.household(of) | values)
            db.execute(f"UPDATE household SET {assignments(values)} WHERE id = :household_id", **values,
                       household_id=of.household_id)
        values = {name: _stored(value) for name, value in case_values.items()}
        if landlord is None:
            values["landlord_id"] = None
        elif landlord is not False:
            name, kind = landlord
            found = db.single("SELECT id, kind FROM landlord WHERE id = :id",
                           id=self._writer().landlord(name, kind, self.core.now()))
            if kind is not None and found.kind != kind:
                db.execute("UPDATE landlord SET kind = :kind WHERE id = :id", kind=str(kind), id=found.id)
            values["landlord_id"] = found.id
        if problems is not None or reported is not None:
            current = {row.problem: row for row in db.rows(
                "SELECT problem, raised_by_landlord FROM case_problem WHERE case_id = :id", id=of.id)}
            for problem, row in current.items():
                if problems is not None and problem not in problems:
                    db.execute("DELETE FROM case_problem WHERE case_id = :id AND problem = :problem", id=of.id,
                               problem=problem)
                elif reported is not None and row.raised_by_landlord != (problem in reported):
                    db.execute("UPDATE case_problem SET raised_by_landlord = :raised WHERE case_id = :id "
                               "AND problem = :problem", raised=problem in reported, id=of.id, problem=problem)
            for problem in problems or []:
                if problem not in current:
                    db.execute("INSERT INTO case_problem (case_id, problem, raised_by_landlord, at_registration) "
                               "VALUES (:id, :problem, :raised, :registered)", id=of.id, problem=str(problem),
                               raised=problem in (reported or ()), registered=False)
        self.change(of, **values)
        self.core.record(of, "edit", "corrected: " + ", ".join(changed))

    def add_consent(self, of: Record, party: Party, when: date) -> None:
        existing = self.sql.value("SELECT id FROM consent WHERE case_id = :id AND party = :party", id=of.id,
                                  party=str(party))
        if existing is not None:
            self.sql.execute("UPDATE consent SET date = :when WHERE id = :id", when=when, id=existing)
        else:
            self.sql.execute("INSERT INTO consent (case_id, party, date, created_at) VALUES (:id, :party, :when, "
                             ":now)", id=of.id, party=str(party), when=when, now=self.core.now())
        self.touch(of)
        self.core.record(of, "consent", f"consent of {party} recorded, dated {when.isoformat()}")

    def remove_consent(self, of: Record, party: str, reason: str) -> None:
        """A consent recorded by mistake: gone from the case; the history keeps that it was, when, and why not."""
        consent = self.sql.single("SELECT id, date FROM consent WHERE case_id = :id AND party = :party", id=of.id,
                               party=str(party))
        self.sql.execute("DELETE FROM consent WHERE id = :id", id=consent.id)
        self.touch(of)
        self.core.record(of, "remove", f"consent of {party} (dated {consent.date.isoformat()}) removed{REASON}{reason}")

    def change_track(self, of: Record, to: Track, when: date) -> None:
        self.sql.execute("INSERT INTO track_change (case_id, from_track, to_track, date, created_at) "
                         "VALUES (:id, :was, :to, :when, :now)", id=of.id, was=str(of.track), to=str(to), when=when,
                         now=self.core.now())
        self.core.record(of, "track", f"track {of.track} → {to} from {when.isoformat()}")
        self.change(of, track=str(to))

    def track_changes(self, of: Record) -> list[Record]:
        """The case's tracks, the intake's first, withdrawn ones left out."""
        return tracks(self.sql, of.id)

    def withdraw_track_change(self, of: Record, change: Record, hearing_id: int) -> None:
        """Undo a move to another track made by mistake (with a hearing on the wrong case): the case is back on
        the track it left, the move stays in the database, marked, and the history says why."""
        self.sql.execute("UPDATE track_change SET removed_at = :now WHERE id = :id", now=self.core.now(), id=change.id)
        self.core.record(of, "track", f"track {change.to_track} → {change.from_track}: the move of hearing "
                                      f"{hearing_id} withdrawn with it")
        self.change(of, track=str(change.from_track))

    def registered_again(self, of: Record, when: date, source: str) -> None:
        """The household of this open case was registered again (an intake that found it and used this case)."""
        self.core.record(of, "intake", f"registered again on {when.isoformat()} (registered by {source})")

    def close_case(self, of: Record, outcome: str, when: date, note: str | None = None) -> None:
        self.change(of, status=str(Status.CLOSED), outcome=str(outcome), closed_date=when)
        self.core.record(of, "close", f"closed on {when.isoformat()}: {outcome}" + (f"{NOTE}{note}" if note else ""))

    def reopen_case(self, of: Record) -> None:
        self.core.record(of, "reopen", f"reopened (was closed on {of.closed_date.isoformat()}: {of.outcome})")
        self.change(of, status=str(Status.OPEN), outcome=None, closed_date=None)

    def remove_case(self, of: Record, reason: str) -> None:
        """Withdraw a case registered by mistake: it and its records stay in the database, marked, and
        leave every view, warning and figure; the history keeps who did it and why."""
        now = self.core.now()
        for table in WITHDRAWN_WITH_CASE:
            self.sql.execute(f"UPDATE {table} SET removed_at = :now WHERE case_id = :id AND removed_at IS NULL",
                             now=now, id=of.id)
        self.sql.execute("UPDATE payment SET removed_at = :now WHERE removed_at IS NULL AND plan_id IN "
                         "(SELECT id FROM payment_plan WHERE case_id = :id)", now=now, id=of.id)
        self.change(of, removed_at=now)
        self.core.record(of, "remove", f"case removed{REASON}{reason}")

    def assign(self, of: Record, worker: str) -> None:
        self.core.record(of, "assign", f"assigned to {worker} (was {of.worker or 'nobody'})")
        self.change(of, worker=worker)


def _stored(value: object) -> object:
    """A value as a column holds it: a code as its slug."""
    return value.value if isinstance(value, Enum) else value
