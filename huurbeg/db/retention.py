"""Retention: what the law lets the service keep, and for how long (purge, access export, merge)."""

from datetime import UTC, date, datetime

from huurbeg.core.codes import Status
from huurbeg.db import attachments, search
from huurbeg.db.area import Area
from huurbeg.db.cases import HOUSEHOLD_KEYS, assignments, household_keys
from huurbeg.db.history import NOTE, NOTE_ERASED, REASON, REASON_ERASED
from huurbeg.db.sql import Record, in_list
from huurbeg.domain.entities import CASE, HOUSEHOLD, HOUSEHOLD_FIELDS, erased
from huurbeg.domain.entities import LANDLORD_CONTACT

PURGED_BEFORE = "purged_before"
"""The setting holding the latest cut-off date a purge used (ISO)."""

STILL_MERGED = "household_merge.undone_at IS NULL AND household_merge.purged_at IS NULL"
"""A merge that holds an absorbed household's details: neither undone nor purged."""


FREE_TEXT = {"contact": ("note",), "agreement": ("text",), "referral": ("note",), "hearing": ("proposal", "room")}
"""The free text of a case's records, which a purge erases."""


def _nulls(*columns: str) -> str:
    return ", ".join(f"{column} = NULL" for column in columns)


class Retention(Area):
    """Purge (bewaartermijn), the access export (inzagerecht), the merge of households."""

    # --- purge -------------------------------------------------------------------
    def closed_before(self, day: date) -> list[Record]:
        """Cases whose personal data are still there, closed before `day` or withdrawn before it
        (a case registered by mistake is kept no longer than a closed one)."""
        return self.sql.rows(
            "SELECT * FROM case_file WHERE ((status = :closed AND closed_date < :day) OR removed_at < :withdrawn) "
            "AND purged_at IS NULL ORDER BY closed_date, id", closed=str(Status.CLOSED), day=day,
            withdrawn=datetime.combine(day, datetime.min.time(), UTC))

    def purged_before(self) -> date | None:
        """The cut-off of the last purge: cases closed before it were purged."""
        value = self.sql.value("SELECT value FROM setting WHERE key = :key", key=PURGED_BEFORE)
        return date.fromisoformat(value) if value else None

    def purge(self, cases: list[Record], before: date) -> None:
        """Erase the personal data, free text and import references of these cases; keep every code,
        date and amount. The cut-off is remembered, so a re-import does not bring them back."""
        db, now = self.sql, self.core.now()
        ids = [c.id for c in cases]
        listed, params = in_list("case", ids)
        db.execute(f"UPDATE case_file SET {_nulls(*erased(CASE))}, purged_at = :now WHERE id IN ({listed})", now=now,
                   **params)
        for table, columns in FREE_TEXT.items():
            db.execute(f"UPDATE {table} SET {_nulls(*columns)} WHERE case_id IN ({listed})", **params)
        attachments.erase(db, ids)
        last = self.purged_before()
        if last is None:
            db.execute("INSERT INTO setting (key, value) VALUES (:key, :value)", key=PURGED_BEFORE,
                       value=before.isoformat())
        elif before > last:
            db.execute("UPDATE setting SET value = :value WHERE key = :key", key=PURGED_BEFORE,
                       value=before.isoformat())
        # a household or a private landlord stays known while one of its cases is not purged
        db.execute(f"UPDATE household SET {_nulls(*erased(HOUSEHOLD), *HOUSEHOLD_KEYS)} "
                   f"WHERE id IN (SELECT household_id FROM case_file WHERE id IN ({listed})) "
                   "AND id NOT IN (SELECT household_id FROM case_file WHERE purged_at IS NULL)", **params)
        private = db.rows(f"SELECT id FROM landlord WHERE kind = 'private' AND id IN (SELECT landlord_id FROM "
                          f"case_file WHERE id IN ({listed})) AND id NOT IN (SELECT landlord_id FROM case_file "
                          "WHERE purged_at IS NULL AND landlord_id IS NOT NULL)", **params)
        for row in private:
            label = f"(purged landlord {row.id})"
            db.execute("UPDATE landlord SET name = :label, name_key = :label WHERE id = :id", label=label, id=row.id)
        self.erase_landlord_contacts(ids)
        search.forget_erased(db)
        # an absorbed household's details go with the cases of its merge (and the merge can no longer be undone)
        db.execute(f"UPDATE household_merge SET {_nulls(*HOUSEHOLD_FIELDS)}, purged_at = :now WHERE id IN "
                   f"(SELECT merge_id FROM household_merge_case WHERE case_id IN ({listed}))", now=now, **params)
        self._erase_removal_reasons(ids)
        self.erase_closing_notes(ids)
        for case in cases:
            self.core.record(case, "purge", "personal data and free text removed (retention)")

    def _erase_removal_reasons(self, ids: list[int]) -> None:
        """The worker's reason for withdrawing a record is free text in the history: the one change
        the append-only history allows (migration 0011) is a purge replacing it."""
        listed, params = in_list("case", ids)
        for line in self.sql.rows(f"SELECT id, detail FROM history WHERE case_id IN ({listed}) "
                                  "AND action = 'remove'", **params):
            if line.detail and REASON in line.detail:
                self.sql.execute("UPDATE history SET detail = :detail WHERE id = :id", id=line.id,
                                 detail=line.detail.split(REASON, 1)[0] + REASON_ERASED)

    def scrub(self) -> str | None:
        """After a committed purge: rewrite an SQLite file without the free space where erased values
        may linger (VACUUM), and empty its log. None when done, else why it could not be done."""
        import sqlite3

        if self.core.dialect != "sqlite":
            return None
        with self.core.outside() as connection:
            try:
                connection.execute("VACUUM")
                busy = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            except sqlite3.Error as exc:
                return str(exc)
        return "another program is reading the database" if busy else None

    # --- one household registered twice -----------------------------------------------
    def merge_households(self, case: Record, duplicate: Record) -> list[str]:
        """OTHER's household and its cases join CASE's household (see huurbeg.domain.casework.merge_households).

        What the merge changes is recorded first (household_merge), so that `case unmerge` can give
        it back: the absorbed household's details, the fields taken from it, every case's flag."""
        db, cases, now = self.sql, self.core.cases, self.core.now()
        keep, gone = cases.household(case), cases.household(duplicate)
        staying, moved = cases.household_cases(case), cases.household_cases(duplicate)
        filled = [name for name in HOUSEHOLD_FIELDS if keep[name] is None and gone[name] is not None]
        merge_id = db.insert(
            f"INSERT INTO household_merge (case_id, filled, household_created_at, created_at, "
            f"{', '.join(HOUSEHOLD_FIELDS)}) VALUES (:case_id, :filled, :household_created_at, :created_at, "
            f"{', '.join(':' + name for name in HOUSEHOLD_FIELDS)})", case_id=case.id, filled=",".join(filled) or None,
            household_created_at=gone.created_at, created_at=now, **{name: gone[name] for name in HOUSEHOLD_FIELDS})
        moving = {each.id for each in moved}
        for each in staying + moved:
            db.execute("INSERT INTO household_merge_case (merge_id, case_id, moved, returning_household) "
                       "VALUES (:merge_id, :case_id, :moved, :returning)", merge_id=merge_id, case_id=each.id,
                       moved=each.id in moving, returning=each.returning_household)
        values = {name: gone[name] for name in filled}
        self._write_household(keep.id, keep | values, values)
        for each in moved:
            cases.change(each, household_id=keep.id)
        db.execute("DELETE FROM household WHERE id = :id", id=gone.id)
        self._recompute_returning(cases.household_cases(case))
        numbers = [c.number for c in moved]
        self.core.record(case, "merge", f"household merged: the cases {', '.join(numbers)} of a duplicate household "
                                        "joined this household; returning household recomputed")
        for each in moved:
            self.core.record(each, "merge", f"household merged into that of case {case.number} (a duplicate); "
                                            "returning household recomputed")
        return numbers

    def _write_household(self, household_id: int, details, values: dict) -> None:
        """These details of a household, and its keys from all its `details` as they will be."""
        values = values | household_keys(details)
        self.sql.execute(f"UPDATE household SET {assignments(values)} WHERE id = :household_id", **values,
                         household_id=household_id)

    def _recompute_returning(self, cases: list[Record], kept: dict[int, bool] | None = None) -> None:
        """'Returning household' of one household's cases from their dates, or as `kept` had it."""
        from huurbeg.domain.casework import returning_flags

        flags = returning_flags([(c.id, c.intake_date, c.closed_date) for c in cases]) | (kept or {})
        for each in cases:
            if bool(each.returning_household) != flags[each.id]:
                self.sql.execute("UPDATE case_file SET returning_household = :flag WHERE id = :id",
                                 flag=flags[each.id], id=each.id)

    def merge_between(self, case: Record, other: Record) -> Record | None:
        """The latest merge in which one of the two cases moved to the other's household."""
        return self.sql.one(
            "SELECT household_merge.* FROM household_merge "
            "JOIN household_merge_case one ON one.merge_id = household_merge.id "
            "JOIN household_merge_case two ON two.merge_id = household_merge.id "
            "WHERE one.case_id = :case AND two.case_id = :other AND one.moved <> two.moved "
            "ORDER BY household_merge.id DESC LIMIT 1", case=case.id, other=other.id)

    def merge_cases(self, merge: Record) -> tuple[list[Record], list[Record]]:
        """The cases of a merge: (those of the household that stayed, those that moved), oldest first."""
        rows = self.sql.rows(
            "SELECT case_file.*, household_merge_case.moved AS moved_in_merge FROM case_file "
            "JOIN household_merge_case ON household_merge_case.case_id = case_file.id "
            "WHERE household_merge_case.merge_id = :id ORDER BY case_file.intake_date, case_file.id", id=merge.id)
        cases = [(Record((k, v) for k, v in row.items() if k != "moved_in_merge"), row.moved_in_merge)
                 for row in rows]
        return [c for c, moved in cases if not moved], [c for c, moved in cases if moved]

    def later_merge(self, merge: Record, case: Record) -> tuple[str, str] | None:
        """A merge still in force, made after `merge`, that involves the household `case` is in now:
        (its CASE, a case that moved in it), to be undone first."""
        later = self.sql.one(
            "SELECT household_merge.* FROM household_merge "
            "JOIN household_merge_case ON household_merge_case.merge_id = household_merge.id "
            "JOIN case_file ON case_file.id = household_merge_case.case_id "
            f"WHERE household_merge.id > :id AND {STILL_MERGED} AND case_file.household_id = :household "
            "ORDER BY household_merge.id DESC LIMIT 1", id=merge.id, household=case.household_id)
        if later is None:
            return None
        moved = self.merge_cases(later)[1]
        return self.sql.value("SELECT number FROM case_file WHERE id = :id", id=later.case_id), moved[0].number

    def merges_into(self, case: Record) -> list[Record]:
        """The merges into the household of `case` that still hold an absorbed household's details."""
        return self.sql.rows(
            f"SELECT * FROM household_merge WHERE {STILL_MERGED} AND id IN (SELECT household_merge_case.merge_id "
            "FROM household_merge_case JOIN case_file ON case_file.id = household_merge_case.case_id "
            "WHERE household_merge_case.moved = :yes AND case_file.household_id = :household) ORDER BY id",
            yes=True, household=case.household_id)

    def unmerge_households(self, merge: Record) -> tuple[str, list[str]]:
        """Undo a merge: the absorbed household again with its details and cases, the fields the other
        took from it given back (unless corrected since), every case's flag as before the merge."""
        from huurbeg.domain.casework import given_back

        db, cases, now = self.sql, self.core.cases, self.core.now()
        case = db.single("SELECT * FROM case_file WHERE id = :id", id=merge.case_id)
        keep = cases.household(case)
        details = {name: merge[name] for name in HOUSEHOLD_FIELDS}
        columns = [*HOUSEHOLD_FIELDS, *HOUSEHOLD_KEYS, "created_at"]
        restored = db.insert(f"INSERT INTO household ({', '.join(columns)}) "
                             f"VALUES ({', '.join(':' + c for c in columns)})", **details,
                             **household_keys(details), created_at=merge.household_created_at or now)
        back = {name: None for name in given_back(merge, keep)}
        self._write_household(keep.id, keep | back, back)
        moved = self.merge_cases(merge)[1]
        for each in moved:
            cases.change(each, household_id=restored)
        before = {row.case_id: row.returning_household for row in db.rows(
            "SELECT case_id, returning_household FROM household_merge_case WHERE merge_id = :id", id=merge.id)}
        for household_case in (case, moved[0]):
            of_household = cases.household_cases(household_case)
            self._recompute_returning(of_household, {c.id: before[c.id] for c in of_household if c.id in before})
        # the household they describe holds them again
        db.execute(f"UPDATE household_merge SET undone_at = :now, {_nulls(*HOUSEHOLD_FIELDS)} WHERE id = :id",
                   now=now, id=merge.id)
        numbers = [c.number for c in moved]
        self.core.record(case, "unmerge", f"household merge undone: the cases {', '.join(numbers)} have their own "
                                          "household again; returning household restored")
        for each in moved:
            self.core.record(each, "unmerge", f"household merge with that of case {case.number} undone; "
                                              "returning household restored")
        return case.number, numbers

    def erase_landlord_contacts(self, case_ids: list[int]) -> None:
        """A purge: the contact details of the landlords of these cases that no case left unpurged names."""
        listed, params = in_list("case", case_ids)
        self.sql.execute(
            f"UPDATE landlord SET {_nulls(*erased(LANDLORD_CONTACT))} "
            f"WHERE id IN (SELECT landlord_id FROM case_file WHERE id IN ({listed})) "
            "AND id NOT IN (SELECT landlord_id FROM case_file WHERE purged_at IS NULL AND landlord_id IS NOT NULL)",
            **params)

    def erase_closing_notes(self, case_ids: list[int]) -> None:
        """The worker's note on a closing is free text in the history: a purge replaces it, the second change
        the append-only history allows (schema 0028), keeping the closing's date and outcome."""
        if not case_ids:
            return
        listed, ids = in_list("case", case_ids)
        for line in self.sql.rows(f"SELECT id, detail FROM history WHERE case_id IN ({listed}) AND action = 'close'",
                                  **ids):
            if NOTE in line.detail:
                self.sql.execute("UPDATE history SET detail = :detail WHERE id = :id", id=line.id,
                                 detail=line.detail.split(NOTE, 1)[0] + NOTE_ERASED)
