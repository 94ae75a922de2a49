"""Nothing typed is lost: the answers of an interactive intake, visit or plan, kept as each is accepted.

Ctrl-C or a No late in a flow stops the command with nothing written, but the answers given
so far stay in the database (huurbeg.db.drafts), seen only by the worker who typed them, for
seven days. The same command with --resume takes them as if they had been given as flags: the
questions already answered are not asked again, the summary shows them all before anything is
written (a No there corrects one of them, huurbeg.cli.prompts), and a flag given with --resume replaces
its kept answer. A resumed (or any) flow that
completes deletes its kept answers in the transaction that writes it.
"""

import dataclasses
import json
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, TypeVar

from huurbeg.core.codes import ContactKind, LandlordType, Problem, Source, Status, Track
from huurbeg.core.errors import Cancelled, NotFound, reason
from huurbeg.core.i18n import N_, _
from huurbeg.domain.casework import IntakeHearing

if TYPE_CHECKING:  # the store's types only
    from huurbeg.db.area import Storage

INTAKE, VISIT, PLAN = "intake", "visit", "plan"
SKIPPED = "skipped"
"""The kept answers' list of the questions answered with Enter alone, not asked again when resumed."""
KEPT_DAYS = 7
"""How long the answers of an interrupted flow are kept, in days of the service's calendar."""


def _plain(value):
    """An answer as JSON holds it: a code by its slug, a day or a moment in ISO, a list of codes as a list."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(each) for each in value]
    return value


def encode(answers: dict) -> str:
    return json.dumps({name: _plain(value) for name, value in answers.items() if value not in (None, [])},
                      sort_keys=True, ensure_ascii=False)


def decode(kept: str, kinds: dict[str, Callable]) -> dict:
    """The kept answers with their types again (`kinds`: field to the type that reads its JSON value);
    a field no longer asked is left out."""
    values = json.loads(kept)
    typed = {}
    for name, value in values.items():
        kind = kinds.get(name)
        if kind is None or value is None:
            continue
        typed[name] = [kind(each) for each in value] if isinstance(value, list) else kind(value)
    return typed


def _day(value: str) -> date:
    return date.fromisoformat(value)


HEARING_KINDS: dict[str, Callable] = {"hearing_now": bool, "hearing_at": datetime.fromisoformat, "hearing_court": str,
                                      "hearing_room": str, "hearing_petition": _day, "hearing_claimed": int}
"""The answers of a court notice's hearing, kept with its intake's (huurbeg.domain.casework.IntakeHearing)."""


def intake_kinds() -> dict[str, Callable]:
    kinds: dict[str, Callable] = {"track": Track, "landlord_type": LandlordType, "source": Source,
                                  "problems": Problem, "birth_date": _day, "intake_date": _day,
                                  **HEARING_KINDS}
    for name in ("tenant", "address", "phone", "national_number", "landlord", "referrer", "note"):
        kinds[name] = str
    for name in ("adults", "children", "arrears_cents", "rent_cents"):
        kinds[name] = int
    for name in ("tenant_informed", "consent_tenant", "consent_landlord"):
        kinds[name] = bool
    return kinds


def visit_kinds() -> dict[str, Callable]:
    return {"when": _day, "kind": ContactKind, "reached": bool, "minutes": int, "note": str, "next_planned": _day}


def plan_kinds() -> dict[str, Callable]:
    return {"arrears": int, "instalment": int, "start": _day}


KINDS = {flow: (lambda kinds=kinds: {**kinds(), SKIPPED: str})
         for flow, kinds in {INTAKE: intake_kinds, VISIT: visit_kinds, PLAN: plan_kinds}.items()}
"""What each flow keeps, with the questions answered with Enter alone (SKIPPED): answered, empty."""


def resume_command(flow: str, number: str | None) -> str:
    return f"huurbeg {flow} --resume" if number is None else f"huurbeg {flow} {number} --resume"


NONE_KEPT = {INTAKE: N_("you have no answers kept of an interrupted intake (they are kept {days} days)"),
             VISIT: N_("you have no answers kept of an interrupted contact on case {number} (they are "
                       "kept {days} days)"),
             PLAN: N_("you have no answers kept of an interrupted payment plan on case {number} (they are "
                      "kept {days} days)")}


def resumed(store: "Storage", flow: str, case, number: str | None, today: date) -> dict:
    """The worker's kept answers of this flow (of this case), typed; refused when there are none."""
    found = store.drafts.kept(flow, case.id if case is not None else None, today)
    if found is None:
        raise NotFound(_(NONE_KEPT[flow]).format(number=number, days=KEPT_DAYS), field="resume")
    return decode(found.answers, KINDS[flow]())


Given = TypeVar("Given")


def given_or_kept(given: Given | None, kept: dict, name: str) -> Given | None:
    """A flag's value when it was given, else its kept answer (a flag always replaces what was kept)."""
    return kept.get(name) if given is None else given


def resumed_on_case(store, flow: str, number: str, today: date) -> tuple:
    """The kept answers of a flow about a case (a visit, a plan): (the case, the answers, why they can no longer
    be used or None). The case may have been closed or removed since they were kept: that is said, not refused
    at once, so the worker can discard them (discard_kept) instead of leaving them to expire."""
    case = store.cases.case(number, removed=True)
    kept = resumed(store, flow, case, number, today)
    if case.removed_at is not None:
        gone = _("case {number} was removed since these answers were kept").format(number=number)
    elif case.status == Status.CLOSED:
        gone = _("case {number} was closed since these answers were kept").format(number=number)
    else:
        gone = None
    return case, kept, gone


def discard_kept(store, flow: str, case, today: date) -> None:
    """The worker's kept answers of this flow of this case go, in the command's transaction."""
    store.drafts.drop(flow, case.id, today)


def fill_intake(draft, kept: dict):
    """An intake's values: each flag given, else its kept answer; and the kept answers of its hearing (no flag gives
    them)."""
    hearing = IntakeHearing(**{name: value for name, value in kept.items() if name in HEARING_KINDS})
    return dataclasses.replace(draft, **{name: value for name, value in kept.items()
                                         if name != SKIPPED and name not in HEARING_KINDS
                                         and getattr(draft, name) in (None, [])}), hearing


class Keeper:
    """Keeps one flow's answers as they are accepted (huurbeg.cli.prompts calls it), in a transaction of their own."""

    def __init__(self, store: "Storage", flow: str, case, today: date, kept: bool):
        self.store, self.flow, self.today = store, flow, today
        self.case_id = case.id if case is not None else None
        self.kept = kept  # answers of this flow are in the database (resumed, or kept since)

    def __call__(self, answers: dict) -> None:
        if self.store.damaged or getattr(self.store, "read_only", None):
            return  # nothing can be written there, kept answers included
        self.store.drafts.keep(self.flow, self.case_id, encode(answers), self.today)
        self.kept = True

    def forget(self, name: str | None) -> None:
        """An answer the worker doubted and refused (1.500 typed for 150) is not kept: a resumed flow asks it
        again instead of stopping at the same doubt."""
        found = self.store.drafts.kept(self.flow, self.case_id, self.today) if name else None
        if found is None:
            return
        answers = json.loads(found.answers)
        if answers.pop(str(name), None) is not None:
            self.store.drafts.keep(self.flow, self.case_id, encode(answers), self.today)

    def done(self) -> None:
        """The flow is written: its kept answers go, in the same transaction."""
        self.store.drafts.drop(self.flow, self.case_id, self.today)


@contextmanager
def keeping(store: "Storage", flow: str, case, number: str | None, today: date, resuming: bool = False):
    """While an interactive flow asks and writes: a Keeper of its answers; when the worker stops it after
    answering something, the message says the answers are kept, how to resume, and how to correct one."""
    keeper = Keeper(store, flow, case, today, resuming)
    try:
        yield keeper
    except Cancelled as stopped:
        if not keeper.kept:
            raise
        keeper.forget(getattr(stopped, "doubted", None))  # set by prompts.vouch
        raise Cancelled(_("{stopped}, but the answers given are kept for {days} days: {command} goes on with "
                          "them, and No at its summary corrects one").format(
            stopped=reason(stopped), days=KEPT_DAYS, command=resume_command(flow, number))) from None
