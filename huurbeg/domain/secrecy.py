"""Professional secrecy (beroepsgeheim) and retention: what a landlord may hear, and how data go.

"Transparency about the state of affairs versus professional secrecy": a landlord
may be told that support is running and since when, the agreements and whether
they were kept, whether the payment plan is on track, and the next step. Never
notes, referrals, health matters, amounts paid, or problems the landlord did not
raise. A purge removes personal data and free text of long-closed cases while
keeping every code, date and amount the figures count.
"""

from __future__ import annotations

from datetime import date
import textwrap
from typing import TYPE_CHECKING

from huurbeg.domain.casework import check_not_future
from huurbeg.core.codes import Party, Problem, Status, Track, known
from huurbeg.domain.followup import plan_view
from huurbeg.domain.hearings import agreement_kept
from huurbeg.domain.rules import consents_missing
from huurbeg.core.i18n import N_, _
from huurbeg.core.messages import plain, state_word, text_value

if TYPE_CHECKING:  # the store's types only
    from huurbeg.db.area import Storage


SUPPORT = {Track.PW: N_("preventive tenancy support"), Track.PRE_OGP: N_("support in a conciliation procedure"),
           Track.OGP: N_("support during the court procedure"), Track.DW: N_("a transitional dwelling with support"),
           Track.CRISIS: N_("a crisis dwelling")}
"""The kind of support, in words a landlord understands (json keeps these English words)."""


def landlord_report(store: Storage, number: str, today: date) -> dict:
    """The state of affairs a landlord may be told; built only from fields that are allowed.

    On PW, before the tenant has consented, there is no support and no state of affairs of it to tell: the
    landlord hears only that the household was registered and that support starts once both consented (no
    problems, agreements, plan, FBU agreement or next step; `released` says what may be told, see README's
    *Professional secrecy*)."""
    case = store.cases.case(number)
    household, landlord = store.cases.household(case), store.cases.landlord(case)
    running = case.status == Status.OPEN
    given = store.cases.consents(case)
    released = Track(case.track) != Track.PW or Party.TENANT in given
    agreements = [{"party": a.party, "agreement": a.text, "due": a.due_date,
                   "kept": agreement_kept(a.due_date, a.done_date, today)}
                  for a in store.follow_up.agreements(case)] if released else []
    plan_standing = plan_view(store, number, today)["standing"] \
        if released and store.follow_up.latest_plan(case) else None
    fbu = store.follow_up.fbu_agreement(case) if released else None  # the landlord signed it; no amounts
    upcoming = [("hearing", h.starts_at.date()) for h in store.court.hearings(case)
                if h.result is None and h.starts_at.date() >= today] if released else []
    upcoming += [("agreement due", a["due"]) for a in agreements if a["kept"] == "open"]
    next_step = min(upcoming, key=lambda step: step[1]) if upcoming else None
    # PW starts only once tenant and landlord (if any) consented (huurbeg.domain.rules.consents_missing): until
    # then the letter may not say that support runs
    missing = consents_missing(Track(case.track), landlord is not None, Party.TENANT in given,
                               Party.LANDLORD in given) if running else []
    return {
        "case": case.number, "date": today, "landlord": landlord.name if landlord else None,
        "tenant": household.name, "address": household.address,
        "support": {"running": running, "since": None if missing else _started(case, given, landlord is not None),
                    "registered": case.intake_date, "ended": case.closed_date,
                    "kind": SUPPORT[Track(case.track)], "waiting_for_consent": bool(missing),
                    "tenant_consented": released},
        "problems_reported_by_landlord": store.cases.landlord_problems(case) if released else [],
        "agreements": agreements, "payment_plan": plan_standing,
        "fbu_agreement": {"signed": fbu.signed_date, "advance_due": fbu.advance_due,
                          "advance_paid": fbu.paid_date} if fbu else None,
        "next_step": {"what": next_step[0], "date": next_step[1]} if next_step and running else None,
    }


def _started(case, given: dict, has_landlord: bool):
    """When the support began: on PW once the tenant and the landlord (if any) both consented, the later of the
    two; on another track at the registration."""
    if Track(case.track) != Track.PW:
        return case.intake_date
    needed = [given.get(Party.TENANT)] + ([given.get(Party.LANDLORD)] if has_landlord else [])
    return max([case.intake_date, *(day for day in needed if day is not None)])


def support_sentence(support: dict) -> str:
    """Where the support stands, as a landlord may be told it: waiting for a consent, running, or ended."""
    d = lambda value: value.strftime("%d/%m/%Y") if value else ""  # noqa: E731
    if support["waiting_for_consent"] and support.get("tenant_consented", False):
        return _("Your tenant was registered with the tenancy-support service on {since} for {kind}; the support "
                 "starts once you have consented as well.").format(kind=_(support["kind"]),
                                                                   since=d(support["registered"]))
    if support["waiting_for_consent"]:
        return _("Your tenant was registered with the tenancy-support service on {since} for {kind}; the support "
                 "starts once tenant and landlord have both consented.").format(kind=_(support["kind"]),
                                                                               since=d(support["registered"]))
    if support["running"]:
        return _("Support by the tenancy-support service: {kind}, running since {since}.").format(
            kind=_(support["kind"]), since=d(support["since"]))
    return _("Support by the tenancy-support service ended on {ended} (it ran since {since}).").format(
        ended=d(support["ended"]), since=d(support["since"] or support["registered"]))


def state_of_affairs(report: dict) -> list[str]:
    """What the landlord is told, line by line, in the report and the letter alike (one list, so they cannot say
    different things): where the support stands, the problems they reported, the agreements and whether they are
    kept, the plan's standing, the FBU agreement's advance, the next step, and that the rest stays secret."""
    d = lambda value: value.strftime("%d/%m/%Y") if value else ""  # noqa: E731
    lines = [support_sentence(report["support"])]
    if report["problems_reported_by_landlord"]:
        problems = [known(Problem, p) for p in report["problems_reported_by_landlord"]]
        lines.append(_("Problems you reported: {problems}.").format(problems=text_value(problems)))
    if report["agreements"]:
        lines.append(_("Agreements:"))
        lines += [_("  - {party}: {agreement} — due {due} — {kept}").format(
            party=text_value(known(Party, a["party"])), agreement=plain(a["agreement"]) or _("(no text)"),
            due=d(a["due"]), kept=state_word(a["kept"])) for a in report["agreements"]]
    if report["payment_plan"]:
        lines.append(plan_line(report))
    if fbu := report.get("fbu_agreement"):
        if fbu["advance_paid"]:
            lines.append(_("FBU guidance agreement signed {signed}: the advance due {due} was paid on {paid}.")
                         .format(signed=d(fbu["signed"]), due=d(fbu["advance_due"]), paid=d(fbu["advance_paid"])))
        else:
            lines.append(_("FBU guidance agreement signed {signed}: the advance due {due} is not paid yet.").format(
                signed=d(fbu["signed"]), due=d(fbu["advance_due"])))
    if report["next_step"]:
        lines.append(next_step_line(report))
    lines.append(_("This report gives the state of affairs only; everything else stays under professional secrecy."))
    return lines


def plan_standing(report: dict) -> str:
    """The payment plan's standing in words ("on track"), or '' without a plan to tell of."""
    return state_word(report["payment_plan"]).replace("-", " ") if report["payment_plan"] else ""


def plan_line(report: dict) -> str:
    return _("Payment plan: {standing}.").format(standing=plan_standing(report)) if report["payment_plan"] else ""


def next_step_line(report: dict) -> str:
    """The next step as the landlord is told it, or '' without one."""
    step = report["next_step"]
    if not step:
        return ""
    said = _("Next step: hearing on {date}.") if step["what"] == "hearing" else _("Next step: agreement due on {date}.")
    return said.format(date=step["date"].strftime("%d/%m/%Y"))


def report_text(report: dict) -> str:
    """The report as a short letter, to paste into a letter or an e-mail, in the reader's language;
    stored text shown literally."""
    d = lambda value: value.strftime("%d/%m/%Y") if value else ""  # noqa: E731
    tenant = _("Tenant: {tenant}, {address}") if report["address"] else _("Tenant: {tenant}")
    lines = [_("Status report for the landlord — case {number} — {date}").format(number=report["case"],
                                                                                date=d(report["date"])),
             tenant.format(tenant=plain(report["tenant"]), address=plain(report["address"])),
             "", _("Dear Sir or Madam,"), ""]
    lines += state_of_affairs(report)
    lines += ["", _("Kind regards,"), _("The tenancy-support service")]
    return "\n".join(_wrapped(line) for line in lines) + "\n"


LETTER_WIDTH = 78
"""A letter's lines fit a terminal and a printed page (a name or an address is never split)."""


def _wrapped(line: str) -> str:
    indent = " " * (len(line) - len(line.lstrip(" -")))
    return textwrap.fill(line, LETTER_WIDTH, subsequent_indent=indent, break_long_words=False,
                         break_on_hyphens=False) if len(line) > LETTER_WIDTH else line


def purge_candidates(store: Storage, before: date, today: date) -> list:
    check_not_future(before, today, "closed_before")
    return store.retention.closed_before(before)


def purge(store: Storage, before: date, today: date) -> list[str]:
    """Remove the personal data of every case closed before `before`, and every worker's kept answers of an
    interrupted flow (an intake's name no case that a purge could wait for); returns the cases' numbers."""
    cases = purge_candidates(store, before, today)
    store.drafts.erase()
    if cases:
        store.retention.purge(cases, before)
    return [c.number for c in cases]
