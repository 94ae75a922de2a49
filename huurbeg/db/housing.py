"""Housing: the service's dwellings, the stays in them, and referrals to other services, read and written
as plain SQL (see huurbeg.db.sql)."""

from datetime import date
from typing import Any

from huurbeg.db.area import Area
from huurbeg.db.history import REASON
from huurbeg.db.sql import Record
from huurbeg.core.errors import NotFound
from huurbeg.core.i18n import _

RUNNING = "stay.removed_at IS NULL AND (stay.left_date IS NULL OR stay.left_date > :on)"
"""A stay not withdrawn whose household had not left on the day :on."""


class Housing(Area):
    """Dwellings (doorstroom- en crisiswoningen), stays, referrals (doorverwijzingen)."""

    KINDS = {"referral": "referral", "stay": "stay"}

    # --- dwellings -------------------------------------------------------------
    def add_dwelling(self, code: str, kind: str, address: str | None) -> int:
        new = self._add("dwelling", code=code, kind=kind, address=address, active=True, created_at=self.core.now())
        self.core.record(None, "dwelling", f"dwelling {code} ({kind}) added")
        return new

    def dwelling(self, code: str) -> Record | None:
        """The dwelling of a code typed in any case and with spaces around it (dw-1 finds DW-1); its code stays
        as stored. Compared in Python, where case folds alike on every backend; the service owns a handful."""
        code = code.strip()
        exact = self.sql.one("SELECT * FROM dwelling WHERE code = :code", code=code)
        if exact is not None:
            return exact
        found = [d for d in self.sql.rows("SELECT * FROM dwelling") if d.code.strip().casefold() == code.casefold()]
        if len(found) > 1:
            raise NotFound(_("{code} could be {codes}; type the code as it is written")
                           .format(code=code, codes=", ".join(sorted(d.code for d in found))), field="dwelling")
        return found[0] if found else None

    def dwelling_of(self, stay: Any) -> Record:
        return self.sql.single("SELECT * FROM dwelling WHERE id = :id", id=stay.dwelling_id)

    def occupancy(self, as_of: date) -> list[tuple]:
        """Every dwelling with the stay running on `as_of` (or None): (dwelling, stay, case number, tenant)."""
        running: dict[int, list[Record]] = {}
        for stay in self.sql.rows(
                "SELECT stay.*, case_file.number AS case_number, household.name AS tenant FROM stay "
                "LEFT JOIN case_file ON case_file.id = stay.case_id "
                "LEFT JOIN household ON household.id = case_file.household_id "
                f"WHERE stay.start_date <= :on AND {RUNNING} ORDER BY stay.id", on=as_of):
            running.setdefault(stay.dwelling_id, []).append(stay)
        found: list[tuple[Record, Record | None, str | None, str | None]] = []
        for dwelling in self.sql.rows("SELECT * FROM dwelling ORDER BY kind, code"):
            stays: list[Record | None] = [*running.get(dwelling.id, [])] or [None]  # an empty one: a line too
            for held in stays:
                if held is None:
                    found.append((dwelling, None, None, None))
                else:
                    number, tenant = held.pop("case_number"), held.pop("tenant")
                    found.append((dwelling, held, number, tenant))
        return found

    # --- stays -----------------------------------------------------------------
    def current_stay(self, case: Any) -> Record | None:
        return self.sql.one("SELECT * FROM stay WHERE case_id = :id AND left_date IS NULL AND removed_at IS NULL "
                            "ORDER BY id LIMIT 1", id=case.id)

    def latest_stay(self, case: Any) -> Record | None:
        """The household's latest stay in one of the service's dwellings, with the dwelling's code and kind."""
        return self.sql.one("SELECT stay.*, dwelling.code AS dwelling_code, dwelling.kind AS dwelling_kind FROM stay "
                            "JOIN dwelling ON dwelling.id = stay.dwelling_id "
                            "WHERE stay.case_id = :case AND stay.removed_at IS NULL "
                            "ORDER BY stay.start_date DESC, stay.id DESC LIMIT 1", case=case.id)

    def stays(self, case: Any) -> list[tuple[Record, Record]]:
        """The stays of a case, oldest first, each with its dwelling."""
        stays = self.sql.rows("SELECT * FROM stay WHERE case_id = :id AND removed_at IS NULL ORDER BY start_date",
                              id=case.id)
        dwellings = {row.id: row for row in self.sql.rows(
            "SELECT * FROM dwelling WHERE id IN (SELECT dwelling_id FROM stay WHERE case_id = :id)", id=case.id)}
        return [(stay, dwellings[stay.dwelling_id]) for stay in stays]

    def stay_overlapping(self, dwelling: Any, on: date) -> Record | None:
        """A stay in the dwelling that is running on `on` or starts later."""
        return self.sql.one(f"SELECT * FROM stay WHERE dwelling_id = :dwelling AND {RUNNING} ORDER BY id LIMIT 1",
                            dwelling=dwelling.id, on=on)

    def admit(self, case: Any, dwelling: Any, when: date, end: date | None, review: date | None) -> int:
        new = self._add("stay", case_id=case.id, dwelling_id=dwelling.id, start_date=when, end_date=end,
                        review_date=review, extensions=0, created_at=self.core.now())
        self._touch(case)
        self.core.record(case, "transfer", f"admitted to {dwelling.kind} dwelling {dwelling.code} on "
                                           f"{when.isoformat()}" + (f" until {end.isoformat()}" if end else ""))
        return new

    def change_stay(self, case: Any, stay: Any, end: date | None, review: date | None, extension: bool) -> None:
        self._update("stay", stay, {"end_date": end, "review_date": review,
                                    "extensions": stay.extensions + (1 if extension else 0)})
        self._touch(case)
        what = "extended" if extension else "dates changed"
        self.core.record(case, "transfer", f"stay {what}: end {end.isoformat() if end else '-'}, "
                                           f"review {review.isoformat() if review else '-'}")

    def leave(self, case: Any, stay: Any, when: date, destination: str) -> None:
        self._update("stay", stay, {"left_date": when, "destination": destination})
        self._touch(case)
        self.core.record(case, "transfer", f"moved out on {when.isoformat()} to {destination}")

    def undo_leave(self, case: Any, stay: Any, reason: str) -> None:
        """A move out entered by mistake withdrawn: the household lives in its dwelling again."""
        left, destination = stay.left_date, stay.destination
        self._update("stay", stay, {"left_date": None, "destination": None})
        self._touch(case)
        self.core.record(case, "remove", f"stay {stay.id}: move out on {left.isoformat()} to {destination} "
                                         f"removed{REASON}{reason}")

    def undo_extension(self, case: Any, stay: Any, end: date, reason: str) -> None:
        """A crisis extension entered by mistake withdrawn: the stay ends at its earlier end again."""
        self._update("stay", stay, {"extensions": stay.extensions - 1, "end_date": end})
        self._touch(case)
        self.core.record(case, "remove", f"stay {stay.id}: extension removed, end {end.isoformat()}"
                                         f"{REASON}{reason}")

    def undo_stay(self, case: Any, stay: Any, track: str, reason: str) -> str | None:
        """Withdraw a stay entered by mistake, and the track change its admission made; returns the track
        the case is back on, if it moved."""
        self.remove(case, "stay", stay, f"stay {stay.id} (admission on {stay.start_date.isoformat()})", reason)
        change = self.sql.one("SELECT * FROM track_change WHERE case_id = :id AND removed_at IS NULL "
                              "ORDER BY date DESC, id DESC LIMIT 1", id=case.id)
        if change is None or change.from_track is None or change.to_track != track or case.track != track \
                or change.date != stay.start_date:
            return None
        self._update("track_change", change, {"removed_at": self.core.now()})
        self._update("case_file", case, {"track": change.from_track})
        self.core.record(case, "track", f"track {track} → {change.from_track}: the admission's track change "
                                        "withdrawn")
        return change.from_track

    # --- referrals -------------------------------------------------------------
    def add_referral(self, case: Any, when: date, destination: str, note: str | None) -> int:
        new = self._add("referral", case_id=case.id, date=when, destination=destination, note=note,
                        created_at=self.core.now())
        self._touch(case)
        self.core.record(case, "referral", f"referred to {destination} on {when.isoformat()}")
        return new

    def referrals(self, case: Any) -> list[Record]:
        return self.sql.rows("SELECT * FROM referral WHERE case_id = :id AND removed_at IS NULL ORDER BY date, id",
                             id=case.id)

    def referrals_awaiting(self) -> list[tuple[Record, str]]:
        """Referrals of open cases without an answer yet, oldest first, with their case number."""
        return [(row, row.pop("case_number")) for row in self.sql.rows(
            "SELECT referral.*, case_file.number AS case_number FROM referral "
            "JOIN case_file ON case_file.id = referral.case_id WHERE case_file.status = 'open' "
            "AND case_file.removed_at IS NULL AND referral.outcome IS NULL AND referral.removed_at IS NULL "
            "ORDER BY referral.date, referral.id")]

    def referral_outcome(self, case: Any, referral: Any, result: str, when: date) -> None:
        was = f" (was {referral.outcome})" if referral.outcome else ""
        self._update("referral", referral, {"outcome": result, "outcome_date": when})
        self._touch(case)
        self.core.record(case, "referral", f"referral {referral.id} to {referral.destination}: {result} "
                                           f"on {when.isoformat()}{was}")
