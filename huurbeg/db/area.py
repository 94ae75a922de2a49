"""One area of the domain's storage (cases, follow-up, court, ...), on the core of a store.

The store of one invocation is a small core — its connection and transaction, who is at the
keyboard and when, the history record — composed of one object per area of the domain, each
holding that area's reads and writes as SQL text (fava's ledger and its modules are the
model). A command or a domain rule calls the area it means: `store.court.roll(...)`. The areas are
composed into a store in huurbeg.db.areas, so that this base, which every area imports, imports none of them.
"""

from collections.abc import Iterable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from huurbeg.db.history import REASON
from huurbeg.db.sql import Connection, Record

if TYPE_CHECKING:
    from huurbeg.db.attachments import Attachments
    from huurbeg.db.cases import Cases
    from huurbeg.db.court import Court
    from huurbeg.db.drafts import Drafts
    from huurbeg.db.follow_up import FollowUp
    from huurbeg.db.housing import Housing
    from huurbeg.db.retention import Retention
    from huurbeg.db.service import Service


class Core(Protocol):
    """What every area may use of the store it belongs to."""

    dialect: str
    user: str
    damaged: str | None  # what the daily check found wrong with the file: nothing may be written

    @property
    def db_user(self) -> str | None: ...

    @property
    def sql(self) -> Connection: ...

    @property
    def me(self) -> str: ...

    def now(self) -> datetime: ...

    def record(self, case: Any, action: str, detail: str) -> None: ...

    def log_reads(self, case_ids: Iterable[int | None], what: str) -> None: ...

    def outside(self) -> AbstractContextManager[Any]:
        """A connection of the driver outside the command's transaction (SQLite's VACUUM needs one)."""
        ...

    def aside(self) -> AbstractContextManager[Connection]:
        """Plain SQL in a short transaction of its own beside the command's (answers kept as they are typed)."""
        ...


class Storage(Core, Protocol):
    """A store as the domain uses it, a lookup's (huurbeg.db.reader.Reader) or a writing command's
    (huurbeg.db.store.Store): its core and its areas."""

    cases: "Cases"
    follow_up: "FollowUp"
    court: "Court"
    housing: "Housing"
    attachments: "Attachments"
    retention: "Retention"
    service: "Service"
    drafts: "Drafts"

    def commit(self) -> None: ...

    def pause(self) -> None: ...

    def close(self) -> None: ...

    def is_login_role(self, name: str) -> bool | None: ...



class Writing(Storage, Protocol):
    """A writing command's store (huurbeg.db.store.Store): a savepoint, and the team's roles on a server."""

    read_only: str | None  # why the file cannot be written: reads go unrecorded, writes are refused

    def attempt(self) -> AbstractContextManager[Any]: ...

    def team_standing(self, name: str) -> tuple[bool, bool, str] | None: ...


class Area:
    """The reads and writes of one area of the domain, in the transaction of its store's core."""

    KINDS: dict[str, str] = {}
    """The records of this area a worker corrects or withdraws by id: their kind and table."""

    def __init__(self, core: "Storage") -> None:
        self.core = core

    @property
    def sql(self) -> Connection:
        return self.core.sql

    # --- writing -------------------------------------------------------------
    def _add(self, table: str, **values: Any) -> int:
        """A new row of `table`; its id."""
        return self.sql.insert(f"INSERT INTO {table} ({', '.join(values)}) "
                               f"VALUES ({', '.join(':' + name for name in values)})", **values)

    def _update(self, table: str, row: Any, values: dict[str, Any]) -> None:
        """These columns of one row, in one UPDATE; the row in hand shows them too (a Record; an object of
        the ORM is read again by its session)."""
        if not values:
            return
        sets = ", ".join(f"{name} = :{name}" for name in values)
        self.sql.execute(f"UPDATE {table} SET {sets} WHERE id = :id", **values, id=row.id)
        if isinstance(row, dict):
            row.update(values)

    def _touch(self, case: Any, **values: Any) -> None:
        """The case changed (and these of its columns): its updated_at is now."""
        self._update("case_file", case, {**values, "updated_at": self.core.now()})

    # --- corrections of any record (huurbeg.domain.corrections) ----------------------
    def record_of(self, kind: str, case: Any, record_id: int) -> Record | None:
        """A record of `case` by its kind and id; None when it does not exist, was removed, or is another case's."""
        return self.sql.one(f"SELECT * FROM {self.KINDS[kind]} WHERE id = :id AND case_id = :case "
                            "AND removed_at IS NULL", id=record_id, case=case.id)

    def correct(self, case: Any, kind: str, record: Any, values: dict[str, Any], label: str,
                changed: list[str]) -> None:
        """Write corrected values of a record; the history names the fields, not their values."""
        self._update(self.KINDS[kind], record, values)
        self._touch(case)
        self.core.record(case, "correct", f"{label} corrected: {', '.join(changed)}")

    def remove(self, case: Any, kind: str, record: Any, label: str, reason: str) -> None:
        """Withdraw a record: it stays in the database, marked, and leaves every view and figure."""
        self._update(self.KINDS[kind], record, {"removed_at": self.core.now()})
        self._touch(case)
        self.core.record(case, "remove", f"{label} removed{REASON}{reason}")
