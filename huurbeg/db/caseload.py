"""Reads over many cases at once, as plain SQL: the caseload list, the candidates of `case find`,
and the facts the warning rules need, each in a few grouped statements, never one per case.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from huurbeg.core.codes import Party, Status, Track
from huurbeg.db import court, follow_up, search
from huurbeg.db.follow_up import LAST_CONTACT
from huurbeg.db.sql import Connection, Select, in_list, members
from huurbeg.domain.entities import SEARCHED, SEARCHED_CONTACT
from huurbeg.domain.rules import CaseFacts, OpenAgreement, OpenReferral

NOT_REMOVED = "case_file.removed_at IS NULL"
"""A case withdrawn with `case remove` leaves every list, search and figure."""



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


def _where(**conditions: object) -> tuple[str, dict]:
    """`WHERE a = :a AND ...` of the conditions given (None: no condition); a withdrawn case never counts."""
    given = {name: str(value) for name, value in conditions.items() if value is not None}
    clause = " AND ".join([f"case_file.{name} = :{name}" for name in given] + [NOT_REMOVED])
    return f"WHERE {clause}", given


def count(db: Connection, status: Status | None = None, worker: str | None = None) -> int:
    where, params = _where(status=status, worker=worker)
    return db.value(f"SELECT count(*) FROM case_file {where}", **params)


def _listed(db: Connection, track: Track | None, status: Status | None, worker: str | None,
            landlord_key: str | None) -> tuple[str, str, dict]:
    """The join and `WHERE` of the caseload list's cases, and their parameters."""
    where, params = _where(track=track, status=status, worker=worker)
    join = ""
    if landlord_key is not None:  # every landlord whose name holds these words, in this order
        join = "JOIN landlord ON landlord.id = case_file.landlord_id AND instr(landlord.name_key, :landlord) > 0"
        if db.dialect != "sqlite":
            join = join.replace("instr(landlord.name_key, :landlord) > 0", "strpos(landlord.name_key, :landlord) > 0")
        params["landlord"] = landlord_key
    return join, where, params


def rows(db: Connection, track: Track | None, status: Status | None, worker: str | None = None,
         landlord_key: str | None = None) -> list[CaseRow]:
    """The caseload list: number, tenant, track, status, dates, last contact, worker."""
    join, where, params = _listed(db, track, status, worker, landlord_key)
    return [CaseRow(row.number, row.name, Track(row.track), Status(row.status), row.intake_date, row.closed_date,
                    row.last_contact, row.worker) for row in db.rows(
        f"SELECT case_file.number, household.name, case_file.track, case_file.status, case_file.intake_date, "
        f"case_file.closed_date, {LAST_CONTACT} AS last_contact, case_file.worker "
        f"FROM case_file JOIN household ON household.id = case_file.household_id {join} {where} "
        "ORDER BY case_file.year, case_file.seq", **params)]


def list_facts(db: Connection, track: Track | None, status: Status | None, worker: str | None = None,
               landlord_key: str | None = None) -> list[CaseFacts]:
    """The facts of the open cases among those of the caseload list (`rows` of the same filters): the list's
    cases are selected again in each statement, never passed as thousands of parameters."""
    if status not in (None, Status.OPEN):
        return []
    join, where, params = _listed(db, track, Status.OPEN, worker, landlord_key)
    return _facts(db, join, where, params, subquery=True)


@dataclass(frozen=True)
class Candidate:
    """A case `case find` may show, with the fields a search compares (huurbeg.domain.finding.score): tenant,
    address, phone, national_number, landlord, reference, and the landlord's details it looks in, by what
    they are found as (huurbeg.domain.entities.SEARCHED_CONTACT)."""

    id: int
    number: str
    status: Status
    track: Track
    intake_date: date
    fields: dict[str, str | None]


@dataclass(frozen=True)
class Found:
    """A case that may match a search, with what orders the cases of one score (`case find`)."""

    id: int
    number: str
    status: Status
    intake_date: date


def candidates(db: Connection, conditions: list[list[str]], status: Status | None) -> list[Candidate]:
    """Cases whose normalised keys hold, for every group, one of its patterns (huurbeg.domain.finding)."""
    where, params = _candidate_where(db, conditions, status)
    return _candidates(db, where, params)


def candidate_cases(db: Connection, conditions: list[list[str]], status: Status | None) -> list[Found]:
    """The cases `candidates` gives, without the fields compared: those are read for the few scored."""
    where, params = _candidate_where(db, conditions, status)
    return [Found(row.id, row.number, Status(row.status), row.intake_date) for row in db.rows(
        "SELECT case_file.id, case_file.number, case_file.status, case_file.intake_date FROM case_file "
        "JOIN household ON household.id = case_file.household_id "
        f"LEFT JOIN landlord ON landlord.id = case_file.landlord_id {where}", **params)]


def candidates_by_id(db: Connection, ids: list[int]) -> list[Candidate]:
    """These cases (from candidate_cases) with the fields a search compares, as `candidates` has them."""
    listed, params = in_list("case", ids)
    return _candidates(db, f"WHERE case_file.id IN ({listed})", params)


def _candidate_where(db: Connection, conditions: list[list[str]], status: Status | None) -> tuple[str, dict]:
    params: dict = {}
    groups = [NOT_REMOVED]
    contacts = _landlord_contact_keys(db) if conditions else {}
    keys_of: list[list[str]] = []
    landlords: list[str] = []
    for n, patterns in enumerate(conditions):
        either = []
        keys = []
        for m, pattern in enumerate(patterns):
            key = f"p{n}_{m}"
            params[key] = pattern
            keys.append(key)
            either.append(" OR ".join(f"{_contains(column, key, db)}" for column in
                                      ("household.search_key", "landlord.name_key", "lower(case_file.external_ref)")))
        # a landlord's contact details are few: matched here, and their cases selected by landlord
        reached = [landlord for landlord, found in contacts.items() if any(p in found for p in patterns)]
        listed = None
        if reached:
            listed, ids = in_list(f"l{n}", reached)
            params.update(ids)
            either.append(f"case_file.landlord_id IN ({listed})")
        groups.append("(" + " OR ".join(either) + ")")
        keys_of.append(keys)
        landlords += [listed] if listed else []
    narrowed = search.holding_all(db, conditions, "fts")
    if narrowed is not None:  # the same cases, looked up instead of sought in every household
        households, found = narrowed
        params.update(found)
        groups.append(f"case_file.id IN ({_narrowed(households, keys_of, landlords, db)})")
    if status:
        groups.append("case_file.status = :status")
        params["status"] = str(status)
    return "WHERE " + " AND ".join(groups), params


def _candidates(db: Connection, where: str, params: dict) -> list[Candidate]:
    compared = [f.found for f in SEARCHED if f.found]  # each selected below by that name
    return [Candidate(row.id, row.number, Status(row.status), Track(row.track), row.intake_date,
                      {name: row[name] for name in compared}) for row in db.rows(
        "SELECT case_file.id, case_file.number, case_file.status, case_file.track, case_file.intake_date, "
        "household.name AS tenant, household.address, household.phone, household.national_number, "
        "landlord.name AS landlord, case_file.external_ref AS reference, "
        + ", ".join(f"landlord.{f.column} AS {f.found}" for f in SEARCHED_CONTACT)
        + " FROM case_file JOIN household ON household.id = case_file.household_id "
        f"LEFT JOIN landlord ON landlord.id = case_file.landlord_id {where}", **params)]


def _narrowed(households: str, keys: list[list[str]], landlords: list[str], db: Connection) -> str:
    """The ids of the cases that may meet every group of a search: of a household the index gives (one holding a
    pattern of every group), and any case that may meet a group otherwise: of a landlord whose name holds a pattern
    (or whose contact details do: `landlords`), or with a reference holding one. The search's own conditions then
    judge them."""
    every = [key for group in keys for key in group]
    named = " OR ".join(_contains("landlord.name_key", key, db) for key in every)
    referred = " OR ".join(_contains("lower(external_ref)", key, db) for key in every)
    parts = [f"SELECT id FROM case_file WHERE household_id IN ({households})",
             f"SELECT id FROM case_file WHERE landlord_id IN (SELECT id FROM landlord WHERE {named})",
             f"SELECT id FROM case_file WHERE external_ref IS NOT NULL AND ({referred})"]
    parts += [f"SELECT id FROM case_file WHERE landlord_id IN ({listed})" for listed in landlords]
    return " UNION ".join(parts)


def _landlord_contact_keys(db: Connection) -> dict[int, str]:
    """The contact details of every landlord that has some, by id, in the forms a query matches."""
    from huurbeg.domain.finding import contact_key

    columns = [f.column for f in SEARCHED_CONTACT]
    return {row.id: contact_key([(f.kind, row[f.column]) for f in SEARCHED_CONTACT]) for row in db.rows(
        f"SELECT id, {', '.join(columns)} FROM landlord WHERE {' OR '.join(c + ' IS NOT NULL' for c in columns)}")}


def _contains(column: str, key: str, db: Connection) -> str:
    """`column` holds the parameter as plain text (no LIKE wildcards to escape)."""
    return f"instr({column}, :{key}) > 0" if db.dialect == "sqlite" else f"strpos({column}, :{key}) > 0"


def facts(db: Connection, numbers: Sequence[str] | None = None, worker: str | None = None) -> list[CaseFacts]:
    """The facts the warning rules need, for the given cases or every open case (of a worker), in a few statements."""
    if numbers is not None:
        listed, params = in_list("number", numbers)
        where = f"WHERE case_file.number IN ({listed}) AND {NOT_REMOVED}"
    else:
        where, params = f"WHERE case_file.status = :status AND {NOT_REMOVED}", {"status": str(Status.OPEN)}
    if worker is not None:
        where, params = where + " AND case_file.worker = :worker", {**params, "worker": worker}
    return _facts(db, "", where, params, subquery=numbers is None)


def _facts(db: Connection, join: str, where: str, params: dict, subquery: bool) -> list[CaseFacts]:
    """The facts of the cases `FROM case_file {join} {where}` selects; with `subquery`, each statement selects
    them again (many cases), else it names their ids (a few)."""
    cases = db.rows("SELECT case_file.id, case_file.number, case_file.track, case_file.status, "
                    f"case_file.intake_date, case_file.tenant_informed, case_file.landlord_id FROM case_file {join} {where}", **params)
    if not cases:
        return []
    # Every open case: the same cases again as a subquery, not thousands of parameters.
    ids = Select(f"SELECT case_file.id FROM case_file {join} {where}", params) if subquery else \
        [row.id for row in cases]
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
            consent_landlord=consents_of.get(cid, {}).get(Party.LANDLORD), has_landlord=row.landlord_id is not None,
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
