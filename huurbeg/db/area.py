"""One area of the domain's storage (cases, follow-up, court, ...), on the core of a store.

The store of one invocation is a small core — its connection and transaction, who is at the
keyboard and when, the history record — composed of one object per area of the domain, each
holding that area's reads and writes as SQL text (fava's ledger and its modules are the
model). A command or a domain rule calls the area it means: `store.court.roll(...)`.
"""

from collections.abc import Iterable
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

from huurbeg.db.sql import Connection, Record

if TYPE_CHECKING:
    from huurbeg.db.cases import Cases
    from huurbeg.db.court import Court
    from huurbeg.db.follow_up import FollowUp
    from huurbeg.db.housing import Housing
    from huurbeg.db.retention import Retention
    from huurbeg.db.service import Service


class Core(Protocol):
    """What every area may use of the store it belongs to."""

    dialect: str
    user: str
    damaged: str | None

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


class Storage(Core, Protocol):
    """A store as the domain uses it, a lookup's (huurbeg.db.reader.Reader) or a writing command's
    (huurbeg.db.store.Store): its core, its areas, and the reads both of them still hold."""

    cases: "Cases"
    follow_up: "FollowUp"
    court: "Court"
    housing: "Housing"
    retention: "Retention"
    service: "Service"

    def commit(self) -> None: ...

    def pause(self) -> None: ...

    def close(self) -> None: ...

    def is_login_role(self, name: str) -> bool | None: ...

    # --- held by both, until they are their area's
    def contacts(self, case: Any, since: date | None) -> list[tuple[Any, str]]: ...

    def latest_plan(self, case: Any) -> Any: ...

    def plan(self, plan_id: int) -> Any: ...

    def payments(self, plan: Any) -> list[Any]: ...

    def plan_lines(self, plan: Any) -> Any: ...

    def active_plan_lines(self, case_ids: list[int]) -> Any: ...

    def agreements(self, case: Any) -> list[Any]: ...

    def fbu_agreement(self, case: Any) -> Any: ...

    def referrals(self, case: Any) -> list[Any]: ...

    def attachments(self, case: Any) -> list[Record]: ...

    def attachment(self, case: Any, attachment_id: int) -> Any: ...

    def attachment_content(self, attachment_id: int) -> bytes | None: ...

    def hearings(self, case: Any) -> list[Any]: ...

    def roll(self, start: datetime, end: datetime, court_name: str | None, worker: str | None = None,
             removed: bool = False) -> list[tuple]: ...

    def hearings_between(self, start: datetime, end: datetime, worker: str | None = None) -> list[tuple]: ...

    def figures(self, first: date, last: date) -> Any: ...


class Area:
    """The reads and writes of one area of the domain, in the transaction of its store's core."""

    def __init__(self, core: Storage) -> None:
        self.core = core

    @property
    def sql(self) -> Connection:
        return self.core.sql


def compose(core: Any) -> None:
    """Give a store its areas: `store.cases`, `store.follow_up`, `store.court`, ..."""
    from huurbeg.db import cases, court, follow_up, housing, retention, service

    core.cases = cases.Cases(core)  # type: ignore[attr-defined]
    core.follow_up = follow_up.FollowUp(core)  # type: ignore[attr-defined]
    core.court = court.Court(core)  # type: ignore[attr-defined]
    core.housing = housing.Housing(core)  # type: ignore[attr-defined]
    core.retention = retention.Retention(core)  # type: ignore[attr-defined]
    core.service = service.Service(core)  # type: ignore[attr-defined]
