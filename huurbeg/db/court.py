"""Reads about hearings at the Justice of the Peace (vredegerecht), as plain SQL (see huurbeg.db.sql)."""

from datetime import date, datetime

from huurbeg.db.follow_up import LAST_CONTACT, LAST_REACHED
from huurbeg.db.area import Area
from huurbeg.db.sql import Connection, Record, members


def hearings(db: Connection, case_id: int) -> list[Record]:
    return db.rows("SELECT * FROM hearing WHERE case_id = :id AND removed_at IS NULL ORDER BY starts_at, id",
                   id=case_id)


def next_hearings(db: Connection, case_ids: list[int]) -> dict[int, tuple[datetime, date]]:
    """The earliest hearing without an outcome per case, with the date the service learnt of it."""
    listed, params = members("case", case_ids)
    found: dict[int, tuple[datetime, date]] = {}
    for row in db.rows(f"SELECT case_id, starts_at, petition_date, created_at FROM hearing WHERE case_id IN ({listed}) "
                       "AND result IS NULL AND removed_at IS NULL ORDER BY starts_at DESC", **params):
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
