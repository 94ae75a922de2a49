"""One area of the domain's storage (cases, follow-up, court, ...), on the core of a store.

The store of one invocation is a small core — its connection and transaction, who is at the
keyboard and when, the history record — composed of one object per area of the domain, each
holding that area's reads and writes as SQL text (fava's ledger and its modules are the
model). A command or a domain rule calls the area it means: `store.court.roll(...)`.
"""

from collections.abc import Iterable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any, Protocol

from huurbeg.db.sql import Connection


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


class Area:
    """The reads and writes of one area of the domain, in the transaction of its store's core."""

    def __init__(self, core: Core) -> None:
        self.core = core

    @property
    def sql(self) -> Connection:
        return self.core.sql


def compose(core: Core) -> None:
    """Give a store its areas: `store.cases`, `store.follow_up`, `store.court`, ..."""
    from huurbeg.db import cases, court, follow_up, housing, retention, service

    core.cases = cases.Cases(core)  # type: ignore[attr-defined]
    core.follow_up = follow_up.FollowUp(core)  # type: ignore[attr-defined]
    core.court = court.Court(core)  # type: ignore[attr-defined]
    core.housing = housing.Housing(core)  # type: ignore[attr-defined]
    core.retention = retention.Retention(core)  # type: ignore[attr-defined]
    core.service = service.Service(core)  # type: ignore[attr-defined]
