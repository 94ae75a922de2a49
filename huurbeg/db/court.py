"""Reads about hearings at the Justice of the Peace (vredegerecht), as plain SQL (see huurbeg.db.sql)."""

import uuid
from datetime import date, datetime

from huurbeg.db.follow_up import LAST_CONTACT, LAST_REACHED
from huurbeg.db.area import Area
from huurbeg.db.sql import Connection, Record, members


def hearings(db: Connection, case_id: int) -> list[Record]:
    return db.rows("SELECT * FROM hearing WHERE case_id = :id AND removed_at IS NULL ORDER BY starts_at, id",
                   id=case_id)


def next_hearings(db: Connection, case_ids: list[int]) -> dict[int, tuple[datetime, date]]:
    """The earliest hearing without an outcome per case, with the date the service learnt of it. A conciliation
    session of a pre-OGP case is no petition's hearing, and not the deadline of the court procedure."""
    listed, params = members("case", case_ids)
    found: dict[int, tuple[datetime, date]] = {}
    for row in db.rows(f"SELECT case_id, starts_at, petition_date, created_at FROM hearing WHERE case_id IN ({listed}) "
                       "AND kind = 'hearing' AND result IS NULL AND removed_at IS NULL ORDER BY starts_at DESC",
                       **params):
        found[row.case_id] = (row.starts_at, row.petition_date or row.created_at.date())  # the earliest comes last
    return found


def evictions(db: Connection, case_ids: list[int]) -> dict[int, date]:
    """The eviction date of each case whose lease a judge dissolved."""
    listed, params = members("case", case_ids)
    return {row.case_id: row.eviction_date for row in db.rows(
        f"SELECT case_id, max(eviction_date) AS eviction_date FROM hearing WHERE case_id IN ({listed}) "
        "AND result = 'dissolved' AND removed_at IS NULL GROUP BY case_id", **params)}


def roll(db: Connection, start: datetime, end: datetime, court: str | None, worker: str | None = None,
         removed: bool = False) -> list[tuple]:
    """Hearings between two moments: (hearing, case id, number, tenant, landlord, last contact, last contact that
    reached the household); with
    `removed`, the withdrawn ones too (a calendar cancels them)."""
    where, params = "" if removed else " AND hearing.removed_at IS NULL", {"start": start, "end": end}
    if court:
        where += " AND instr(lower(hearing.court), :court) > 0" if db.dialect == "sqlite" else \
            " AND strpos(lower(hearing.court), :court) > 0"
        params["court"] = court.lower()
    if worker is not None:
        where += " AND case_file.worker = :worker"
        params["worker"] = worker
    found = db.rows(
        "SELECT hearing.*, case_file.number AS case_number, household.name AS tenant, landlord.name AS landlord_name, "
        f"{LAST_CONTACT} AS last_contact, {LAST_REACHED} AS last_reached "
        "FROM hearing JOIN case_file ON case_file.id = hearing.case_id "
        "JOIN household ON household.id = case_file.household_id "
        "LEFT JOIN landlord ON landlord.id = case_file.landlord_id "
        "WHERE hearing.starts_at >= :start AND hearing.starts_at < :end"
        f"{where} ORDER BY hearing.starts_at, hearing.court, hearing.id", **params)
    return [(row, row.case_id, row.case_number, row.tenant, row.landlord_name, row.last_contact, row.last_reached)
            for row in found]


def between(db: Connection, start: datetime, end: datetime, worker: str | None = None) -> list[tuple]:
    """Hearings between two moments, with their case number."""
    where, params = "", {"start": start, "end": end}
    if worker is not None:
        where, params["worker"] = " AND case_file.worker = :worker", worker
    return [(row, row.case_number) for row in db.rows(
        "SELECT hearing.*, case_file.number AS case_number FROM hearing JOIN case_file ON case_file.id = hearing.case_id "
        f"WHERE hearing.starts_at >= :start AND hearing.starts_at < :end AND hearing.removed_at IS NULL{where} "
        "ORDER BY hearing.starts_at", **params)]


class Court(Area):
    """The court: hearings, their outcomes, the roll."""

    def add_conciliation(self, case, starts_at: datetime, court: str, room: str | None, claimed: int | None,
                         proposal: str | None) -> int:
        """A conciliation session (verzoening) of a pre-OGP case; its id."""
        now = self.core.now()
        session_id = self.sql.insert(
            "INSERT INTO hearing (uid, case_id, kind, starts_at, court, room, claimed_cents, proposal, created_at, "
            "sequence) VALUES (:uid, :case_id, 'conciliation', :starts_at, :court, :room, :claimed, :proposal, "
            ":now, 0)", uid=uuid.uuid4().hex, case_id=case.id, starts_at=starts_at, court=court, room=room,
            claimed=claimed, proposal=proposal, now=now)
        self.sql.execute("UPDATE case_file SET updated_at = :now WHERE id = :id", now=now, id=case.id)
        self.core.record(case, "hearing", f"conciliation {session_id} on {starts_at:%Y-%m-%d %H:%M} at {court}")
        return session_id

    def courts(self) -> list[Record]:
        """Every court named by a hearing or conciliation still on record, with how many name it."""
        return self.sql.rows("SELECT court, count(*) AS hearings FROM hearing WHERE removed_at IS NULL "
                             "GROUP BY court ORDER BY court")

    def rename_court(self, old: str, new: str) -> list[Record]:
        """Every session at `old` (withdrawn ones too, so a calendar sees them cancelled at the right
        place) now at `new`; each case's history says so. The sessions moved: (id, case_id)."""
        moved = self.sql.rows("SELECT hearing.id, hearing.case_id, case_file.number FROM hearing "
                              "JOIN case_file ON case_file.id = hearing.case_id WHERE hearing.court = :old "
                              "ORDER BY hearing.case_id, hearing.id", old=old)
        if not moved:
            return moved
        # the calendar shows the court: a new revision of each event, as every other change makes one
        self.sql.execute("UPDATE hearing SET court = :new, sequence = sequence + 1 WHERE court = :old",
                         new=new, old=old)
        now = self.core.now()
        for case_id in dict.fromkeys(row.case_id for row in moved):
            self.sql.execute("UPDATE case_file SET updated_at = :now WHERE id = :id", now=now, id=case_id)
            ids = ", ".join(str(row.id) for row in moved if row.case_id == case_id)
            self.core.record(_CaseRef(case_id), "hearing", f"court {old} merged into {new} (hearing {ids})")
        return moved


class _CaseRef:
    """What the history needs of a case: its id."""

    __slots__ = ("id",)

    def __init__(self, case_id: int) -> None:
        self.id = case_id
