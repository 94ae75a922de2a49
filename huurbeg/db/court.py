"""Hearings at the Justice of the Peace (vredegerecht), their outcomes and the roll, read and written as
plain SQL (see huurbeg.db.sql)."""

import re
import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from huurbeg.db.follow_up import LAST_CONTACT, LAST_REACHED
from huurbeg.db.area import Area
from huurbeg.db.history import REASON
from huurbeg.db.sql import Connection, Record, Select, members




def next_hearings(db: Connection, case_ids: Select | Sequence[int]) -> dict[int, tuple[datetime, date]]:
    """The earliest hearing without an outcome per case, with the date the service learnt of it. A conciliation
    session of a pre-OGP case is no petition's hearing, and not the deadline of the court procedure."""
    listed, params = members("case", case_ids)
    found: dict[int, tuple[datetime, date]] = {}
    for row in db.rows(f"SELECT case_id, starts_at, petition_date, created_at FROM hearing WHERE case_id IN ({listed}) "
                       "AND kind = 'hearing' AND result IS NULL AND removed_at IS NULL ORDER BY starts_at DESC",
                       **params):
        found[row.case_id] = (row.starts_at, row.petition_date or row.created_at.date())  # the earliest comes last
    return found


JUDGMENT = ("SELECT * FROM hearing WHERE case_id IN ({listed}) AND result = 'dissolved' AND removed_at IS NULL "
            "ORDER BY result_date, id")
"""The hearings that dissolved a lease, the latest last: the judgment a case is followed after."""


def judgments(db: Connection, case_ids) -> dict[int, Record]:
    """The latest judgment that dissolved the lease of each case: its service, eviction and what happened."""
    listed, params = members("case", case_ids)
    return {row.case_id: row for row in db.rows(JUDGMENT.format(listed=listed), **params)}  # the latest comes last


CALENDAR_FIELDS = ("starts_at", "court", "room", "result", "claimed_cents", "petition_date", "case_id",
                   "removed_at")
"""What a hearing's calendar event shows; a change to any of them is a new revision of the event."""



def _session(hearing: Any) -> str:
    """What the history calls a session: a conciliation is no hearing, and its outcome no judgment."""
    return "conciliation" if hearing.kind == "conciliation" else "hearing"

class Court(Area):
    """The court: hearings, their outcomes, the roll; after a judgment its service and the eviction."""

    KINDS = {"hearing": "hearing"}

    def _update(self, table: str, row: Any, values: dict[str, Any]) -> None:
        """However a hearing is changed (an outcome, a correction), a subscribed calendar sees a new revision."""
        if table == "hearing" and any(values[name] != row[name] for name in CALENDAR_FIELDS if name in values):
            values = {**values, "sequence": (row.sequence or 0) + 1}
        super()._update(table, row, values)

    def add_hearing(self, case: Any, starts_at: datetime, court: str, room: str | None, petition_date: date | None,
                    claimed: int | None, proposal: str | None, postponed_from: Any | None = None) -> int:
        new = self._add("hearing", uid=uuid.uuid4().hex, case_id=case.id, kind="hearing",
                        petition_date=petition_date, starts_at=starts_at, court=court, room=room,
                        claimed_cents=claimed, proposal=proposal,
                        postponed_from_id=postponed_from.id if postponed_from else None, sequence=0,
                        created_at=self.core.now())
        self._touch(case)
        self.core.record(case, "hearing", f"hearing {new} on {starts_at:%Y-%m-%d %H:%M} at {court}"
                         + (f" (postponed from hearing {postponed_from.id})" if postponed_from else ""))
        return new

    def add_conciliation(self, case: Any, starts_at: datetime, court: str, room: str | None, claimed: int | None,
                         proposal: str | None) -> int:
        """A conciliation session (verzoening) of a pre-OGP case; its id."""
        new = self._add("hearing", uid=uuid.uuid4().hex, case_id=case.id, kind="conciliation", starts_at=starts_at,
                        court=court, room=room, claimed_cents=claimed, proposal=proposal, sequence=0,
                        created_at=self.core.now())
        self._touch(case)
        self.core.record(case, "hearing", f"conciliation {new} on {starts_at:%Y-%m-%d %H:%M} at {court}")
        return new

    def hearings(self, case: Any) -> list[Record]:
        return self.sql.rows("SELECT * FROM hearing WHERE case_id = :id AND removed_at IS NULL "
                             "ORDER BY starts_at, id", id=case.id)

    def record_outcome(self, case: Any, hearing: Any, result: str, when: date, eviction: date | None,
                       proposal: str | None) -> None:
        values = {"result": result, "result_date": when, "eviction_date": eviction}
        if proposal is not None:
            values["proposal"] = proposal
        self._update("hearing", hearing, values)
        self._touch(case)
        self.core.record(case, "hearing", f"{_session(hearing)} {hearing.id}: {result}"
                         + (f", eviction on {eviction.isoformat()}" if eviction else ""))

    def withdraw_outcome(self, case: Any, hearing: Any, follow_up: Any | None, reason: str) -> None:
        """A hearing's outcome withdrawn (entered by mistake), with the new hearing its postponement made."""
        result = hearing.result
        self._update("hearing", hearing, {"result": None, "result_date": None, "eviction_date": None})
        self._touch(case)
        self.core.record(case, "remove", f"{_session(hearing)} {hearing.id}: outcome {result} removed{REASON}{reason}")
        if follow_up is not None:
            self.remove(case, "hearing", follow_up, f"hearing {follow_up.id} "
                        f"({follow_up.starts_at:%Y-%m-%d %H:%M}), set by the postponement", reason)

    def roll(self, start: datetime, end: datetime, court: str | None, worker: str | None = None,
             removed: bool = False) -> list[tuple]:
        """Hearings between two moments: (hearing, case id, number, tenant, landlord, last contact, last contact
        that reached the household); with `removed`, the withdrawn ones too (a calendar cancels them)."""
        db = self.sql
        where, params = "" if removed else " AND hearing.removed_at IS NULL", dict[str, Any](start=start, end=end)
        if court:
            where += " AND instr(lower(hearing.court), :court) > 0" if db.dialect == "sqlite" else \
                " AND strpos(lower(hearing.court), :court) > 0"
            params["court"] = court.lower()
        if worker is not None:
            where += " AND case_file.worker = :worker"
            params["worker"] = worker
        found = db.rows(
            "SELECT hearing.*, case_file.number AS case_number, household.name AS tenant, "
            "landlord.name AS landlord_name, "
            f"{LAST_CONTACT} AS last_contact, {LAST_REACHED} AS last_reached "
            "FROM hearing JOIN case_file ON case_file.id = hearing.case_id "
            "JOIN household ON household.id = case_file.household_id "
            "LEFT JOIN landlord ON landlord.id = case_file.landlord_id "
            "WHERE hearing.starts_at >= :start AND hearing.starts_at < :end"
            f"{where} ORDER BY hearing.starts_at, hearing.court, hearing.id", **params)
        return [(row, row.case_id, row.case_number, row.tenant, row.landlord_name, row.last_contact,
                 row.last_reached) for row in found]

    def hearings_between(self, start: datetime, end: datetime, worker: str | None = None) -> list[tuple]:
        """Hearings between two moments, with their case number."""
        db = self.sql
        where, params = "", dict[str, Any](start=start, end=end)
        if worker is not None:
            where, params["worker"] = " AND case_file.worker = :worker", worker
        return [(row, row.case_number) for row in db.rows(
            "SELECT hearing.*, case_file.number AS case_number FROM hearing "
            "JOIN case_file ON case_file.id = hearing.case_id "
            f"WHERE hearing.starts_at >= :start AND hearing.starts_at < :end AND hearing.removed_at IS NULL{where} "
            "ORDER BY hearing.starts_at", **params)]

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


    def evictions(self, start: date, end: date, worker: str | None = None) -> list[dict]:
        """Every eviction announced on a judgment, withdrawn ones too, whose day falls from `start` to before `end`:
        the hearing's id, the case number, the day (a withdrawn one's from the history, which names the day it was
        announced for), its hour, whether it still stands (not withdrawn, no result recorded, the case open), and
        how often the history changed it since it was announced (a calendar needs a revision that only rises)."""
        where, params = "", {}
        if worker is not None:
            where, params["worker"] = " AND case_file.worker = :worker", worker
        mentioned = ("SELECT 1 FROM history WHERE history.case_id = hearing.case_id "
                     "AND history.detail LIKE 'hearing ' || CAST(hearing.id AS TEXT) || ': %eviction%'")
        judgments = self.sql.rows(
            "SELECT hearing.id, hearing.case_id, hearing.eviction_date, hearing.eviction_time, hearing.eviction_result, "
            "hearing.removed_at, case_file.number AS case_number, case_file.status "
            "FROM hearing JOIN case_file ON case_file.id = hearing.case_id "
            f"WHERE (hearing.eviction_date IS NOT NULL OR EXISTS ({mentioned})){where} ORDER BY hearing.id", **params)
        if not judgments:
            return []
        cases = ", ".join(str(case_id) for case_id in {row.case_id for row in judgments})
        history = self.sql.rows(f"SELECT case_id, action, detail FROM history WHERE case_id IN ({cases}) "
                                "AND (detail LIKE 'hearing %' OR action IN ('close', 'reopen')) ORDER BY id")
        found = []
        for row in judgments:
            own = f"hearing {row.id}: "
            entries = [entry for entry in history if entry.case_id == row.case_id]
            first = next((n for n, entry in enumerate(entries)
                          if (entry.detail or "").startswith(own) and "eviction" in entry.detail), None)
            announced = [day for entry in entries if (entry.detail or "").startswith(own)
                         for day in _EVICTION_ON.findall(entry.detail)]
            day = row.eviction_date or (date.fromisoformat(announced[-1]) if announced else None)
            if day is None or not start <= day < end:
                continue
            later = entries[first + 1:] if first is not None else []
            found.append({"id": row.id, "case": row.case_number, "day": day,
                          "time": row.eviction_time if row.eviction_date else None,
                          "result": row.eviction_result,
                          "stands": row.eviction_date is not None and row.eviction_result is None
                          and row.removed_at is None and row.status == "open",
                          "revisions": sum((entry.detail or "").startswith(own) or entry.action in ("close", "reopen")
                                           for entry in later)})
        return found

    def judgment(self, case) -> Record | None:
        """The case's latest judgment that dissolved the lease."""
        return judgments(self.sql, [case.id]).get(case.id)

    def _set(self, case, hearing_id: int, detail: str, action: str = "hearing", **values) -> None:
        assigned = ", ".join(f"{name} = :{name}" for name in values)
        self.sql.execute(f"UPDATE hearing SET {assigned} WHERE id = :id", id=hearing_id, **values)
        self.sql.execute("UPDATE case_file SET updated_at = :now WHERE id = :case", now=self.core.now(), case=case.id)
        self.core.record(case, action, detail)

    def record_served(self, case, judgment: Record, served: date, term_days: int | None) -> None:
        self._set(case, judgment.id, f"hearing {judgment.id}: judgment served on {served.isoformat()}"
                  + (f", term {term_days} days" if term_days is not None else ""),
                  served_date=served, term_days=term_days)

    def record_eviction(self, case, judgment: Record, on: date, at: str | None, announced: date) -> None:
        self._set(case, judgment.id, f"hearing {judgment.id}: eviction on {on.isoformat()}{' ' + at if at else ''} "
                                     f"announced on {announced.isoformat()}",
                  eviction_date=on, eviction_time=at, eviction_announced=announced)

    def record_eviction_result(self, case, judgment: Record, result: str, when: date) -> None:
        self._set(case, judgment.id, f"hearing {judgment.id}: eviction {result} on {when.isoformat()}",
                  eviction_result=result, eviction_result_date=when)

    def withdraw_served(self, case, judgment: Record, reason: str) -> None:
        self._set(case, judgment.id, f"hearing {judgment.id}: service of the judgment removed{REASON}{reason}",
                  action="remove", served_date=None, term_days=None)

    def withdraw_eviction(self, case, judgment: Record, reason: str) -> None:
        self._set(case, judgment.id, f"hearing {judgment.id}: eviction date removed{REASON}{reason}",
                  action="remove", eviction_date=None, eviction_time=None, eviction_announced=None)

    def withdraw_eviction_result(self, case, judgment: Record, reason: str) -> None:
        self._set(case, judgment.id, f"hearing {judgment.id}: eviction result {judgment.eviction_result} "
                                     f"removed{REASON}{reason}",
                  action="remove", eviction_result=None, eviction_result_date=None)


_EVICTION_ON = re.compile(r"eviction on (\d{4}-\d{2}-\d{2})")
"""The day an eviction was announced for, as the history writes it (record_eviction, record_outcome)."""


class _CaseRef:
    """What the history needs of a case: its id."""

    __slots__ = ("id",)

    def __init__(self, case_id: int) -> None:
        self.id = case_id
