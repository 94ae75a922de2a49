"""The morning digest: what needs a worker's attention today, as a short plain text for cron mail.

It holds today's and tomorrow's hearings still without an outcome, the urgent and overdue
warnings, and the payment plans that broke since yesterday. When there is none of these the
digest is empty, so that cron sends no mail on a quiet day. Mail leaves the office: the digest
names cases by number, courts and rules, never a household's name, address or a note.
Nothing here prints.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from huurbeg.core import dates
from huurbeg.domain import payment_plan
from huurbeg.core.codes import Severity
from huurbeg.core.i18n import N_, _
from huurbeg.core.messages import plain, text_value
from huurbeg.core.text import courtroom
from huurbeg.domain.caseload import deadlines
from huurbeg.domain.followup import standing
from huurbeg.domain.hearings import roll

if TYPE_CHECKING:  # the store's types only
    from huurbeg.db.area import Storage


DIGEST_SEVERITIES = (Severity.OVERDUE, Severity.URGENT)
"""The warnings a digest carries: what must be done today, not what may wait."""


def digest(store: Storage, today: date, worker: str | None) -> dict:
    """The sections of the digest of `worker` (or of every case), each a list; all empty on a quiet day."""
    hearings = [row for row in roll(store, today, 2, None, worker) if row["result"] is None]
    pressing = [w for w in deadlines(store, today, 0, worker) if w.severity in DIGEST_SEVERITIES]
    broken = []
    for facts in store.cases.facts(None, worker):
        if not facts.instalments:
            continue
        lines, payments = list(facts.instalments), list(facts.payments)
        now = payment_plan.states(lines, payments, today)
        if standing("active", now, today) == "broken" and \
                standing("active", payment_plan.states(lines, payments, today - timedelta(days=1)),
                         today - timedelta(days=1)) != "broken":
            broken.append({"case": facts.case, "missed": sum(1 for s in now if s.state == "missed")})
    # what a section already says is not repeated among the warnings
    said = {("hearing-due", h["case"]) for h in hearings} | {("instalment-unpaid", p["case"]) for p in broken}
    return {"date": today, "worker": worker,
            "hearings_today": [h for h in hearings if h["starts_at"].date() == today],
            "hearings_tomorrow": [h for h in hearings if h["starts_at"].date() != today],
            "warnings": [w for w in pressing if (w.rule, w.case) not in said], "plans_broken": broken}


def is_quiet(data: dict) -> bool:
    return not any(data[key] for key in ("hearings_today", "hearings_tomorrow", "warnings", "plans_broken"))


def digest_text(data: dict) -> str:
    """The digest as plain text (no colour, no markup); "" when quiet."""
    if is_quiet(data):
        return ""
    today = data["date"]
    day = f"{dates.weekday(today)} {today:%d/%m/%Y}"
    lines = [_("huurbeg digest for {worker}, {day}").format(worker=plain(data["worker"]), day=day) if data["worker"]
             else _("huurbeg digest, {day}").format(day=day)]
    for key, title in (("hearings_today", N_("Hearings today ({n})")),
                       ("hearings_tomorrow", N_("Hearings tomorrow ({n})"))):
        if data[key]:
            lines += ["", _(title).format(n=len(data[key]))]
            lines += [_hearing_line(h) for h in data[key]]
    if data["warnings"]:
        lines += ["", _("Urgent and overdue ({n})").format(n=len(data["warnings"]))]
        lines += [f"  {text_value(w.severity):<8} {w.due:%d/%m/%Y}  {w.case}  {text_value(w.message)}"
                  for w in data["warnings"]]
    if data["plans_broken"]:
        lines += ["", _("Payment plans broken since yesterday ({n})").format(n=len(data["plans_broken"]))]
        lines += ["  " + _("{case}  {missed} instalments missed").format(case=p["case"], missed=p["missed"])
                  for p in data["plans_broken"]]
    return "\n".join(lines) + "\n"


def _hearing_line(row: dict) -> str:
    where = f"{plain(row['court'])}, {courtroom(plain(row['room']))}" if row["room"] else plain(row["court"])
    ready = "" if row["prepared"] else _(" - not contacted since the petition")
    return f"  {row['starts_at']:%H:%M}  {row['case']}  {where}{ready}"
