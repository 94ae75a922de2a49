"""Cases, households and landlords: their reads and writes, as plain SQL (see huurbeg.db.sql).

The warning rules' facts of many cases come in a few grouped statements, never one per case.
A case is a `Record`; a write to it keeps the record passed in as the row now is, so the
caller reads on what it wrote.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum

from huurbeg.domain.casework import HouseholdMatch, IntakeDraft, match_key
from huurbeg.core.codes import Party, Status, Track
from huurbeg.db import court, follow_up, history, intake
from huurbeg.db.follow_up import LAST_CONTACT
from huurbeg.db.area import Area
from huurbeg.db.history import NOTE, REASON
from huurbeg.db.sql import Connection, Record, Select, in_list, members
from huurbeg.core.errors import DatabaseProblem, NotFound
from huurbeg.domain.finding import Query, key_groups, search_key
from huurbeg.domain.rules import CaseFacts, OpenAgreement, OpenReferral
from huurbeg.core.i18n import _

@dataclass(frozen=True)
class CaseRow:
    """A case in the caseload list, before warnings are added."""

    case: str
    tenant: str | None
    track: Track
    status: Status
    intake_date: date
    closed_date: date | None
    last_contact: date | None
    worker: str | None = None


NOT_REMOVED = "case_file.removed_at IS NULL"
"""A case withdrawn with `case remove` leaves every list, search and figure."""


def case(db: Connection, number: str, removed: bool = False) -> Record:
    """A case by its number; a withdrawn one only with `removed` (its history and the access export)."""
    return check_found(db.one("SELECT * FROM case_file WHERE number = :number", number=number), number, removed)


def check_found(found, number: str, removed: bool = False):
    """`found`, or the error that the case does not exist or was withdrawn (`case remove`)."""
    if found is None:
        raise NotFound(_("case {number} does not exist; 'huurbeg case list --status all' lists the cases")
                       .format(number=number))
    if found.removed_at is not None and not removed:
        raise NotFound(_("case {number} was removed (registered by mistake); 'huurbeg case history {number}' "
                         "says who removed it and why").format(number=number))
    return found


def household(db: Connection, household_id: int) -> Record | None:
    return db.one("SELECT * FROM household WHERE id = :id", id=household_id)


def landlord(db: Connection, landlord_id: int | None) -> Record | None:
    return db.one("SELECT * FROM landlord WHERE id = :id", id=landlord_id) if landlord_id else None


def workers(db: Connection) -> list[str]:
    """Every worker responsible for a case, open or closed."""
    return [row.worker for row in db.rows(
        f"SELECT DISTINCT worker FROM case_file WHERE worker IS NOT NULL AND {NOT_REMOVED} ORDER BY worker")]


def count(db: Connection, status: Status | None = None, worker: str | None = None) -> int:
    where, params = _where(status=status, worker=worker)
    return db.value(f"SELECT count(*) FROM case_file {where}", **params)


def _where(**conditions) -> tuple[str, dict]:
    """`WHERE a = :a AND ...` of the conditions given (None: no condition); a withdrawn case never counts."""
    given = {name: str(value) for name, value in conditions.items() if value is not None}
    clause = " AND ".join([f"case_file.{name} = :{name}" for name in given] + [NOT_REMOVED])
    return f"WHERE {clause}", given


def rows(db: Connection, track: Track | None, status: Status | None, worker: str | None = None,
         landlord_key: str | None = None) -> list[CaseRow]:
    """The caseload list: number, tenant, track, status, dates, last contact, worker."""
    where, params = _where(track=track, status=status, worker=worker)
    join = ""
    if landlord_key is not None:  # every landlord whose name holds these words, in this order
        join = "JOIN landlord ON landlord.id = case_file.landlord_id AND instr(landlord.name_key, :landlord) > 0"
        if db.dialect != "sqlite":
            join = join.replace("instr(landlord.name_key, :landlord) > 0", "strpos(landlord.name_key, :landlord) > 0")
        params["landlord"] = landlord_key
    return [CaseRow(row.number, row.name, Track(row.track), Status(row.status), row.intake_date, row.closed_date,
                    row.last_contact, row.worker) for row in db.rows(
        f"SELECT case_file.number, household.name, case_file.track, case_file.status, case_file.intake_date, "
        f"case_file.closed_date, {LAST_CONTACT} AS last_contact, case_file.worker "
        f"FROM case_file JOIN household ON household.id = case_file.household_id {join} {where} "
        "ORDER BY case_file.year, case_file.seq", **params)]


def candidates(db: Connection, conditions: list[list[str]], status: Status | None) -> list[tuple]:
    """Cases whose normalised keys hold, for every group, one of its patterns (huurbeg.domain.finding):
    (case id, number, status, track, intake date, name, address, phone, national number, landlord, reference,
    landlord's phone, e-mail and contact person)."""
    params: dict = {}
    groups = [NOT_REMOVED]
    contacts = _landlord_contact_keys(db) if conditions else {}
    for n, patterns in enumerate(conditions):
        either = []
        for m, pattern in enumerate(patterns):
            key = f"p{n}_{m}"
            params[key] = pattern
            either.append(" OR ".join(f"{_contains(column, key, db)}" for column in
                                      ("household.search_key", "landlord.name_key", "lower(case_file.external_ref)")))
        # a landlord's contact details are few: matched here, and their cases selected by landlord
        reached = [landlord for landlord, found in contacts.items() if any(p in found for p in patterns)]
        if reached:
            listed, ids = in_list(f"l{n}", reached)
            params.update(ids)
            either.append(f"case_file.landlord_id IN ({listed})")
        groups.append("(" + " OR ".join(either) + ")")
    if status:
        groups.append("case_file.status = :status")
        params["status"] = str(status)
    where = "WHERE " + " AND ".join(groups)
    return [tuple(row.values()) for row in db.rows(
        "SELECT case_file.id, case_file.number, case_file.status, case_file.track, case_file.intake_date, "
        "household.name, household.address, household.phone, household.national_number, "
        "landlord.name AS landlord_name, case_file.external_ref, landlord.phone AS landlord_phone, "
        "landlord.email AS landlord_email, landlord.contact_person "
        "FROM case_file JOIN household ON household.id = case_file.household_id "
        f"LEFT JOIN landlord ON landlord.id = case_file.landlord_id {where}", **params)]


def _landlord_contact_keys(db: Connection) -> dict[int, str]:
    """The contact details of every landlord that has some, by id, in the forms a query matches."""
    from huurbeg.domain.finding import contact_key

    return {row.id: contact_key(row.phone, row.email, row.contact_person) for row in db.rows(
        "SELECT id, phone, email, contact_person FROM landlord "
        "WHERE phone IS NOT NULL OR email IS NOT NULL OR contact_person IS NOT NULL")}


def _contains(column: str, key: str, db: Connection) -> str:
    """`column` holds the parameter as plain text (no LIKE wildcards to escape)."""
    return f"instr({column}, :{key}) > 0" if db.dialect == "sqlite" else f"strpos({column}, :{key}) > 0"


def problems(db: Connection, case_id: int) -> list[str]:
    return [row.problem for row in db.rows("SELECT problem FROM case_problem WHERE case_id = :id ORDER BY problem",
                                           id=case_id)]


def consents(db: Connection, case_id: int) -> dict:
    return {row.party: row.date for row in db.rows(
        "SELECT party, date FROM consent WHERE case_id = :id", id=case_id)}


def tracks(db: Connection, case_id: int) -> list[Record]:
    return db.rows("SELECT * FROM track_change WHERE case_id = :id AND removed_at IS NULL ORDER BY date, id",
                   id=case_id)


def facts(db: Connection, numbers: Sequence[str] | None = None, worker: str | None = None) -> list[CaseFacts]:
    """The facts the warning rules need, for the given cases or every open case (of a worker), in a few statements."""
    if numbers is not None:
        listed, params = in_list("number", numbers)
        where = f"WHERE number IN ({listed}) AND {NOT_REMOVED}"
    else:
        where, params = f"WHERE status = :status AND {NOT_REMOVED}", {"status": str(Status.OPEN)}
    if worker is not None:
        where, params = where + " AND worker = :worker", {**params, "worker": worker}
    cases = db.rows(f"SELECT id, number, track, status, intake_date, tenant_informed FROM case_file {where}",
                    **params)
    if not cases:
        return []
    # Every open case: the same cases again as a subquery, not thousands of parameters.
    ids = Select(f"SELECT id FROM case_file {where}", params) if numbers is None else [row.id for row in cases]
    listed, params = members("case", ids)
    since = {row.case_id: row.track_since for row in db.rows(
        "SELECT track_change.case_id, max(track_change.date) AS track_since FROM track_change "
        "JOIN case_file ON case_file.id = track_change.case_id AND case_file.track = track_change.to_track "
        f"WHERE track_change.removed_at IS NULL AND track_change.case_id IN ({listed}) GROUP BY track_change.case_id",
        **params)}
    contacts = {row.case_id: row for row in db.rows(
        "SELECT case_id, max(date) AS last_contact, max(CASE WHEN reached THEN date END) AS last_reached, "
        "max(next_planned) AS next_planned FROM contact "
        f"WHERE case_id IN ({listed}) AND removed_at IS NULL GROUP BY case_id", **params)}
    consents_of: dict[int, dict] = {}
    for row in db.rows(f"SELECT case_id, party, date FROM consent WHERE case_id IN ({listed})", **params):
        consents_of.setdefault(row.case_id, {})[row.party] = row.date
    instalments, payments = follow_up.active_plan_lines(db, ids)
    agreements: dict[int, list[OpenAgreement]] = {}
    for row in db.rows(f"SELECT case_id, id, party, due_date FROM agreement WHERE case_id IN ({listed}) "
                       "AND done_date IS NULL AND removed_at IS NULL ORDER BY due_date, id", **params):
        agreements.setdefault(row.case_id, []).append(OpenAgreement(row.id, row.party, row.due_date))
    hearings = court.next_hearings(db, ids)
    judgments = court.judgments(db, ids)
    stays = {row.case_id: row for row in db.rows(
        "SELECT stay.case_id, dwelling.kind, stay.end_date, stay.review_date FROM stay "
        f"JOIN dwelling ON dwelling.id = stay.dwelling_id WHERE stay.case_id IN ({listed}) "
        "AND stay.left_date IS NULL AND stay.removed_at IS NULL", **params)}
    referrals: dict[int, list[OpenReferral]] = {}
    for row in db.rows(f"SELECT case_id, id, destination, date FROM referral WHERE case_id IN ({listed}) "
                       "AND outcome IS NULL AND removed_at IS NULL ORDER BY date, id", **params):
        referrals.setdefault(row.case_id, []).append(OpenReferral(row.id, row.destination, row.date))
    fbu = follow_up.fbu_facts(db, ids)
    found = []
    for row in cases:
        cid, contact, stay, (hearing_at, petition) = row.id, contacts.get(row.id), stays.get(row.id), \
            hearings.get(row.id, (None, None))
        judgment = judgments.get(cid)
        found.append(CaseFacts(
            case=row.number, track=Track(row.track), status=Status(row.status), intake_date=row.intake_date,
            track_since=since.get(cid, row.intake_date),
            consent_tenant=consents_of.get(cid, {}).get(Party.TENANT),
            consent_landlord=consents_of.get(cid, {}).get(Party.LANDLORD),
            last_contact=contact.last_contact if contact else None,
            last_reached=contact.last_reached if contact else None, tenant_informed=row.tenant_informed,
            next_planned=contact.next_planned if contact else None,
            instalments=tuple(instalments.get(cid, ())), payments=tuple(payments.get(cid, ())),
            agreements=tuple(agreements.get(cid, ())), hearing_at=hearing_at, petition_date=petition,
            eviction_date=judgment.eviction_date if judgment else None,
            dissolved_on=judgment.result_date if judgment else None, served=judgment.served_date if judgment else None,
            term_days=judgment.term_days if judgment else None,
            eviction_announced=judgment.eviction_announced if judgment else None,
            eviction_result=judgment.eviction_result if judgment else None, stay_kind=stay.kind if stay else None,
            stay_end=stay.end_date if stay else None, stay_review=stay.review_date if stay else None,
            fbu=fbu.get(cid), referrals=tuple(referrals.get(cid, ()))))
    return found


def household_keys(values) -> dict:
    """The normalised keys of a household's details that the duplicate search and `case find` look in."""
    return {"name_key": match_key(values["name"]), "address_key": match_key(values["address"]),
            "search_key": search_key(values["name"], values["address"], values["phone"], values["national_number"])}


def assignments(values: dict) -> str:
    """`a = :a, b = :b` of the columns given (names from the code, never typed ones)."""
    return ", ".join(f"{name} = :{name}" for name in values)


WITHDRAWN_WITH_CASE = ("contact", "agreement", "fbu_agreement", "hearing", "stay", "referral", "track_change")
"""What a case's withdrawal takes along: every record of it that a view, warning or figure counts."""

CASE_NUMBER_LOCK = 0x68_75_72  # "hur": the advisory-lock key of case numbering


class Cases(Area):
    """Cases and their households and landlords (dossier, intake, edit)."""

    LANDLORD_CONTACT = ("address", "phone", "email", "contact_person")
    """How a letter reaches a landlord (the columns of `landlord` a worker may edit)."""

    def landlord_named(self, name: str) -> Record | None:
        """A landlord as intake matches one: by its name without case, accents or punctuation."""
        from huurbeg.domain.casework import match_key

        return self.sql.one("SELECT * FROM landlord WHERE name_key = :key", key=match_key(name))

    def landlords(self) -> list[Record]:
        """Every landlord, by name."""
        return self.sql.rows("SELECT * FROM landlord ORDER BY name_key")

    def landlord_case_count(self, landlord_id: int) -> tuple[int, int]:
        """How many cases name the landlord: (open, all), withdrawn ones left out."""
        row = self.sql.one("SELECT count(*) AS cases, sum(CASE WHEN status = 'open' THEN 1 ELSE 0 END) AS open "
                           "FROM case_file WHERE landlord_id = :id AND removed_at IS NULL", id=landlord_id)
        return (row.open or 0, row.cases or 0)

    def set_landlord_contact(self, landlord_id: int, **fields) -> list[str]:
        """Store a landlord's given contact details (None: left as it is; '': cleared); the names of those changed.

        The history says which changed, never the values."""
        unknown = set(fields) - set(self.LANDLORD_CONTACT)
        if unknown:
            raise TypeError(f"not a landlord's contact detail: {', '.join(sorted(unknown))}")
        current = self.sql.one("SELECT * FROM landlord WHERE id = :id", id=landlord_id)
        given = {name: (value or None) for name, value in fields.items() if value is not None}
        changed = [name for name, value in given.items() if current[name] != value]
        if changed:
            assignments = ", ".join(f"{name} = :{name}" for name in changed)
            self.sql.execute(f"UPDATE landlord SET {assignments} WHERE id = :id", id=landlord_id,
                             **{name: given[name] for name in changed})
            self.core.record(None, "landlord", f"landlord {landlord_id} contact details set: " + ", ".join(changed))
        return changed

    # --- reads ---------------------------------------------------------------
    def case(self, number: str, removed: bool = False) -> Record:
        """A case by its number; a withdrawn one only with `removed` (its history and the access export)."""
        return case(self.sql, number, removed)

    def household(self, of: Record) -> Record:
        return household(self.sql, of.household_id)

    def landlord(self, of: Record) -> Record | None:
        return landlord(self.sql, of.landlord_id)

    def landlord_names(self) -> list[str]:
        return [row.name for row in self.sql.rows("SELECT name FROM landlord ORDER BY name")]

    def find_landlord(self, name: str) -> Record | None:
        return self.sql.one("SELECT * FROM landlord WHERE name_key = :key", key=match_key(name))

    def landlord_keys(self) -> set[str]:
        """The match keys of every landlord, as find_landlord compares them."""
        return {row.name_key for row in self.sql.rows("SELECT name_key FROM landlord")}

    def household_matches(self, draft: IntakeDraft) -> list[HouseholdMatch]:
        """Earlier cases of households with the same national number, name + birth date, or address."""
        return intake.matches(self.sql, draft)

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

    def find_candidates(self, query: Query, status: Status | None) -> list[tuple]:
        """Cases that may match a search, narrowed in SQL on the normalised keys (huurbeg.domain.finding)."""
        return candidates(self.sql, key_groups(query), status)

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
                    external_ref: str | None = None) -> Record:
        """Write a new case with its household, landlord, problems, track and consents."""
        case_id, _ = self._register(draft, household_id, returning, external_ref)
        return self.sql.one("SELECT * FROM case_file WHERE id = :id", id=case_id)

    def import_case(self, draft: IntakeDraft, household_id: int | None, returning: bool, external_ref: str,
                    closed: tuple[str, date] | None) -> str:
        """An imported case (closed, when `closed` gives its outcome and date): its number."""
        case_id, number = self._register(draft, household_id, returning, external_ref)
        if closed is not None:
            self._writer().close(case_id, *closed, self.core.now())
        return number

    def _register(self, draft: IntakeDraft, household_id: int | None, returning: bool,
                  external_ref: str | None) -> tuple[int, str]:
        if self.core.damaged:
            from huurbeg.db.health import damaged

            raise DatabaseProblem(damaged(self.core.damaged))
        self._lock_numbering(draft.intake_date.year)
        return self._writer().create(draft, household_id, returning, self.core.now(), external_ref)

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

    def change(self, of: Record, **values) -> None:
        """Write these columns of a case, and its moment of change; `of` holds them after."""
        values["updated_at"] = self.core.now()
        self.sql.execute(f"UPDATE case_file SET {assignments(values)} WHERE id = :case_id", **values,
                         case_id=of.id)
        if isinstance(of, dict):
            of.update(values)

    def edit_case(self, of: Record, household_values: dict, case_values: dict, landlord: tuple | None | bool,
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
            found = db.one("SELECT id, kind FROM landlord WHERE id = :id",
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
        consent = self.sql.one("SELECT id, date FROM consent WHERE case_id = :id AND party = :party", id=of.id,
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


def _stored(value):
    """A value as a column holds it: a code as its slug."""
    return value.value if isinstance(value, Enum) else value
