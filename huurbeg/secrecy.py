"""Professional secrecy (beroepsgeheim) and retention: what a landlord may hear, and how data go.

"Transparency about the state of affairs versus professional secrecy": a landlord
may be told that support is running and since when, the agreements and whether
they were kept, whether the payment plan is on track, and the next step. Never
notes, referrals, health matters, amounts paid, or problems the landlord did not
raise. A purge removes personal data and free text of long-closed cases while
keeping every code, date and amount the figures count.
"""

from datetime import date
from pathlib import Path

from huurbeg.casework import check_not_future
from huurbeg.codes import Status, Track
from huurbeg.errors import DatabaseProblem, InvalidInput
from huurbeg.followup import plan_view
from huurbeg.hearings import agreement_kept

SUPPORT = {Track.PW: "preventive tenancy support", Track.PRE_OGP: "support in a conciliation procedure",
           Track.OGP: "support during the court procedure", Track.DW: "a transitional dwelling with support",
           Track.CRISIS: "a crisis dwelling"}


def landlord_report(store, number: str, today: date) -> dict:
    """The state of affairs a landlord may be told; built only from fields that are allowed."""
    case = store.case(number)
    household, landlord = store.household(case), store.landlord(case)
    agreements = [{"party": a.party, "agreement": a.text, "due": a.due_date,
                   "kept": agreement_kept(a.due_date, a.done_date, today)} for a in store.agreements(case)]
    plan_standing = plan_view(store, number, today)["standing"] if store.latest_plan(case) else None
    fbu = store.fbu_agreement(case)  # the landlord signed it; like elsewhere, no amounts
    upcoming = [("hearing", h.starts_at.date()) for h in store.hearings(case)
                if h.result is None and h.starts_at.date() >= today]
    upcoming += [("agreement due", a["due"]) for a in agreements if a["kept"] == "open"]
    next_step = min(upcoming, key=lambda step: step[1]) if upcoming else None
    running = case.status == Status.OPEN
    return {
        "case": case.number, "date": today, "landlord": landlord.name if landlord else None,
        "tenant": household.name, "address": household.address,
        "support": {"running": running, "since": case.intake_date, "ended": case.closed_date,
                    "kind": SUPPORT[Track(case.track)]},
        "problems_reported_by_landlord": store.landlord_problems(case),
        "agreements": agreements, "payment_plan": plan_standing,
        "fbu_agreement": {"signed": fbu.signed_date, "advance_due": fbu.advance_due,
                          "advance_paid": fbu.paid_date} if fbu else None,
        "next_step": {"what": next_step[0], "date": next_step[1]} if next_step and running else None,
    }


def report_text(report: dict) -> str:
    """The report as plain text, to paste into a letter or an e-mail; stored text shown literally."""
    from huurbeg.render import plain

    d = lambda value: value.strftime("%d/%m/%Y") if value else ""  # noqa: E731
    support = report["support"]
    lines = [f"Status report for the landlord — case {report['case']} — {d(report['date'])}",
             f"Tenant: {plain(report['tenant'])}" + (f", {plain(report['address'])}" if report["address"] else "")]
    if support["running"]:
        lines.append(f"Support by the tenancy-support service: {support['kind']}, running since {d(support['since'])}.")
    else:
        lines.append(f"Support by the tenancy-support service ended on {d(support['ended'])} "
                     f"(it ran since {d(support['since'])}).")
    if report["problems_reported_by_landlord"]:
        lines.append("Problems you reported: " + ", ".join(report["problems_reported_by_landlord"]) + ".")
    if report["agreements"]:
        lines.append("Agreements:")
        lines += [f"  - {a['party']}: {plain(a['agreement']) or '(no text)'} — due {d(a['due'])} — {a['kept']}"
                  for a in report["agreements"]]
    if report["payment_plan"]:
        lines.append(f"Payment plan: {report['payment_plan'].replace('-', ' ')}.")
    if fbu := report.get("fbu_agreement"):
        lines.append(f"FBU guidance agreement signed {d(fbu['signed'])}: the advance due {d(fbu['advance_due'])} "
                     + (f"was paid on {d(fbu['advance_paid'])}." if fbu["advance_paid"] else "is not paid yet."))
    if report["next_step"]:
        lines.append(f"Next step: {report['next_step']['what']} on {d(report['next_step']['date'])}.")
    lines.append("This report gives the state of affairs only; everything else stays under professional secrecy.")
    return "\n".join(lines) + "\n"


def purge_candidates(store, before: date, today: date) -> list:
    check_not_future(before, today, "--closed-before")
    return store.closed_before(before)


def purge(store, before: date, today: date) -> list[str]:
    """Remove the personal data of every case closed before `before`; returns their numbers."""
    cases = purge_candidates(store, before, today)
    if cases:
        store.purge(cases, before)
    return [c.number for c in cases]


def backup(store, target: Path, label: str, today: date) -> Path:
    """A checked copy of the database in a new file with mode 0600; into a folder, a dated file."""
    from huurbeg.db.engine import shown

    if store.dialect != "sqlite":
        raise DatabaseProblem("backup copies SQLite files; back up a PostgreSQL database with pg_dump")
    if store.damaged:
        from huurbeg.db.health import damaged

        raise DatabaseProblem(damaged(store.damaged, "no backup was written"))
    try:
        if target.is_dir():
            target = _dated(target, today)
        elif target.exists() or target.is_symlink():
            raise InvalidInput(f"PATH: {shown(target)} exists already; give a new file name")
        elif not target.parent.is_dir():
            raise InvalidInput(f"PATH: directory {shown(target.parent)} does not exist")
        store.backup(target)
    except OSError as exc:  # a name too long, a folder that cannot be written, ...
        raise InvalidInput(f"PATH: cannot write {shown(exc.filename or target)}: {exc.strerror or exc}") from None
    store.record(None, "backup", f"backup of {label} written")
    return target


def _dated(folder: Path, today: date) -> Path:
    """huurbeg-YYYY-MM-DD.db in the folder, or -2, -3 ... when that day has a backup already."""
    for n in range(1, 1000):
        candidate = folder / f"huurbeg-{today.isoformat()}{f'-{n}' if n > 1 else ''}.db"
        if not candidate.exists():
            return candidate
    raise InvalidInput(f"PATH: {folder} holds 999 backups of today already")
