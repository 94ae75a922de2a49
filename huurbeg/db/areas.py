"""The areas of the domain, composed into a store: `store.cases`, `store.court`, ... (huurbeg.db.area holds
what they share and the store's protocol; each area's reads and writes are in its own module)."""

from typing import Any

from huurbeg.db import attachments, cases, court, drafts, follow_up, housing, retention, service


class Areas:
    """The areas a store is composed of, as the store's protocol names them (huurbeg.db.area.Storage)."""

    cases: cases.Cases
    follow_up: follow_up.FollowUp
    court: court.Court
    housing: housing.Housing
    attachments: attachments.Attachments
    retention: retention.Retention
    service: service.Service
    drafts: drafts.Drafts


def compose(core: Any) -> None:  # a Storage being made: it is one once it has them
    """Give a store its areas: `store.cases`, `store.follow_up`, `store.court`, ..."""
    core.cases = cases.Cases(core)
    core.follow_up = follow_up.FollowUp(core)
    core.court = court.Court(core)
    core.housing = housing.Housing(core)
    core.attachments = attachments.Attachments(core)
    core.retention = retention.Retention(core)
    core.service = service.Service(core)
    core.drafts = drafts.Drafts(core)
