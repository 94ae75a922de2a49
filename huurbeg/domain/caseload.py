"""What a worker looks at: the caseload, one dossier, the deadlines, today's overview.

Each view combines the store's data with the warning rules and returns plain
dicts whose values keep their types (dates, Cents, codes); huurbeg.output.render
writes them as a table, json or csv. Nothing here prints.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from huurbeg.domain import finding
from huurbeg.core.codes import FoundIn, SessionKind, Severity, Status, Track
from huurbeg.domain.entities import HOUSEHOLD, HOUSEHOLD_FIELDS
from huurbeg.core.errors import InvalidInput
from huurbeg.domain.followup import fbu_summary, plan_view
from huurbeg.domain.hearings import court_section
from huurbeg.core.money import Cents
from huurbeg.domain.rules import CaseWarning, actionable, most_urgent_first, warnings_for
from huurbeg.core.i18n import _

if TYPE_CHECKING:  # the store's types only
    from huurbeg.db.area import Storage
from huurbeg.domain.entities import LANDLORD_CONTACT


def _ordinal(day: object) -> int:
    return day.toordinal() if isinstance(day, date) else 0


OVERVIEW_HEARING_DAYS = 7
"""The overview shows the hearings of the coming week."""


def warnings_by_case(store: Storage, today: date, numbers=None,
                     worker: str | None = None) -> dict[str, list[CaseWarning]]:
    """Warnings of every open case (or of `numbers`; of one worker's cases), most urgent first."""
    return {facts.case: most_urgent_first(warnings_for(facts, today)) for facts in store.cases.facts(numbers, worker)}


def case_list(store: Storage, track: Track | None, status: Status | None, today: date,
              worker: str | None = None, landlord: str | None = None) -> list[dict]:
    """The caseload (of everyone, or of one worker; optionally one landlord's cases): one row per case with its
    most pressing warning."""
    listed = store.cases.case_rows(track, status, worker, landlord)
    warnings = {facts.case: most_urgent_first(warnings_for(facts, today)) for facts in (
        store.cases.list_facts(track, status, worker, landlord) if any(row.status == Status.OPEN for row in listed)
        else ())}
    rows = []
    for row in listed:
        found = warnings.get(row.case, [])
        pressing = found[0] if found and found[0].severity != Severity.INFO else None
        rows.append({
            "case": row.case, "tenant": row.tenant, "track": row.track, "status": row.status,
            "intake_date": row.intake_date, "days_open": ((row.closed_date or today) - row.intake_date).days,
            "last_contact": row.last_contact,
            "next_deadline": min((w.due for w in found), default=None),
            "severity": pressing.severity if pressing else None,
            "warning": pressing.message if pressing else None,
            "worker": row.worker,
        })
    return rows


FIND_LIMIT = 20
"""`case find` shows the best matches only: a search that finds more needs more words."""
FIND_READ = 50
"""The candidates of a search read whole at a time, in the order that breaks a tie of scores."""


def find(store: Storage, text: str, status: Status | None, limit: int = FIND_LIMIT) -> list[dict]:
    """Cases matching a fragment of a name, address, phone, number, landlord or reference; most likely first.

    Each case shown is a read of its dossier, logged in its history.
    """
    try:
        query = finding.parse_query(text)
    except ValueError as exc:
        raise InvalidInput(_("TEXT: {exc}").format(exc=exc)) from None
    found: list = []
    best = 0
    # In the order that breaks a tie of scores: once `limit` cases have the best score a match can have,
    # no case after them can come before them, and they need not be read whole or scored.
    ordered = [c.id for c in sorted(store.cases.find_cases(query, status), key=lambda c: (
        c.status != Status.OPEN, -_ordinal(c.intake_date), c.number))]
    for start in range(0, len(ordered), FIND_READ):
        chunk = ordered[start:start + FIND_READ]
        read = {candidate.id: candidate for candidate in store.cases.find_fields(chunk)}
        for candidate in (read[case_id] for case_id in chunk):
            fields = candidate.fields
            match = finding.score(query, fields)
            if match is not None:
                found.append((match, candidate.id, {
                    "case": candidate.number, "tenant": fields["tenant"], "address": fields["address"],
                    "landlord": fields["landlord"], "status": candidate.status, "track": candidate.track,
                    "intake_date": candidate.intake_date, "matched": FoundIn(match.field), "score": match.score}))
                best += match.score >= finding.BEST_SCORE
                if best >= limit:
                    break
        if best >= limit:
            break
    found.sort(key=lambda f: (-f[0].score, f[2]["status"] != Status.OPEN, -_ordinal(f[2]["intake_date"]),
                              f[2]["case"]))
    shown = found[:limit]
    store.log_reads([case_id for _, case_id, _ in shown], "case find")
    return [row for _, _, row in shown]


def dossier(store: Storage, number: str, today: date, removed: bool = False) -> dict:
    """The whole dossier of one case, with its warnings and timeline; a withdrawn case only with `removed`."""
    case = store.cases.case(number, removed)
    data = store.cases.dossier(case)
    household, landlord = data["household"], data["landlord"]
    return {
        "case": case.number, "status": Status(case.status), "track": Track(case.track),
        "source": case.source, "referrer": case.referrer, "intake_date": case.intake_date,
        "closed_date": case.closed_date, "outcome": case.outcome, "returning_household": case.returning_household,
        "days_open": ((case.closed_date or today) - case.intake_date).days,
        "tenant": {f.column: getattr(household, f.column) for f in HOUSEHOLD},
        "landlord": {"name": landlord.name, "type": landlord.kind,
                     **{f.column: landlord[f.column] for f in LANDLORD_CONTACT}} if landlord else None,
        "problems": data["problems"],
        "arrears": Cents(case.arrears_cents) if case.arrears_cents is not None else None,
        "rent": Cents(case.rent_cents) if case.rent_cents is not None else None,
        "consents": {"tenant": data["consents"].get("tenant"), "landlord": data["consents"].get("landlord")},
        "tracks": [{"track": t.to_track, "from": t.from_track, "date": t.date} for t in data["tracks"]],
        "contacts": [{"id": c.id, "date": c.date, "kind": c.kind, "reached": c.reached, "minutes": c.minutes,
                      "next": c.next_planned, "note": c.note} for c in data["contacts"]],
        "payment_plan": _plan_summary(store, case.number, today) if data["has_plan"] else None,
        "fbu_agreement": fbu_summary(store.follow_up.fbu_agreement(case)),
        "agreements": [{"id": a.id, "party": a.party, "text": a.text, "due": a.due_date, "done": a.done_date}
                       for a in data["agreements"]],
        "referrals": [{"id": r.id, "date": r.date, "to": r.destination, "outcome": r.outcome,
                       "outcome_date": r.outcome_date} for r in store.housing.referrals(case)],
        "documents": [{"id": a.id, "kind": a.kind, "date": a.date, "name": a.name, "type": a.media_type,
                       "size": a.size_bytes} for a in data["attachments"]],
        "court": court_section(store, case),
        "stay": stay_section(store, case),
        "warnings": [w.as_dict() for w in warnings_by_case(store, today, [case.number]).get(case.number, [])
                     if w.severity != Severity.INFO],
        "note": case.note,
        "closing_note": data["closing_note"] if case.status == Status.CLOSED else None,
        "worker": case.worker,
        "timeline": [{"at": h.at, "user": h.os_user, "action": h.action, "detail": h.detail}
                     for h in data["timeline"]],
    }


def stay_section(store: "Storage", case) -> dict | None:
    """The household's latest stay in one of the service's dwellings: where, since when, until when, extended."""
    stay = store.housing.latest_stay(case)
    if stay is None:
        return None
    return {"dwelling": stay.dwelling_code, "kind": stay.dwelling_kind, "admitted": stay.start_date,
            "end": stay.end_date, "review": stay.review_date, "extensions": stay.extensions, "left": stay.left_date,
            "destination": stay.destination}


def _plan_summary(store: Storage, number: str, today: date) -> dict:
    view = plan_view(store, number, today)
    return {key: view[key] for key in ("plan", "status", "standing", "arrears", "instalment", "paid", "balance",
                                         "paid_late", "most_days_late")}


def deadlines(store: Storage, today: date, within_days: int, worker: str | None = None) -> list[CaseWarning]:
    """Every warning of every open case (of one worker's), most urgent first."""
    every = [w for found in warnings_by_case(store, today, worker=worker).values() for w in found]
    return actionable(every, today, within_days)


def overview(store: Storage, today: date, worker: str | None = None) -> dict:
    """Today at a glance (for everyone, or one worker): open cases, warnings, the contacts planned for today, and the
    hearings of the coming week."""
    due = deadlines(store, today, 0, worker)
    pressing = [w for w in due if w.severity != Severity.INFO]
    planned = [w.case for w in due if w.rule == "next-contact-passed" and w.due == today]  # a visit set it for today
    start = datetime.combine(today, time())
    hearings = [{"case": number, "starts_at": hearing.starts_at, "court": hearing.court, "room": hearing.room}
                for hearing, number in store.court.hearings_between(
                    start, start + timedelta(days=OVERVIEW_HEARING_DAYS), worker)]
    return {"date": today, "open_cases": store.cases.count_cases(Status.OPEN, worker), "warnings": pressing,
            "tenants": store.cases.tenants([w.case for w in pressing] + planned),
            "planned": [{"case": number} for number in sorted(planned)],
            "hearings": hearings, "hearing_days": OVERVIEW_HEARING_DAYS, "worker": worker}


def history(store: Storage, number: str) -> list[dict]:
    """Every write and read of a dossier, oldest first: who by OS user and, on a server, by database role (two
    workers sharing a machine account are told apart by their roles)."""
    return [{"case": number, "at": entry.at, "user": entry.os_user, "role": entry.db_user, "action": entry.action,
             "detail": entry.detail} for entry in store.cases.history(store.cases.case(number, removed=True))]


def conciliations(store: Storage, number: str) -> frozenset[int]:
    """The ids of a case's conciliation sessions: its history may name the older ones 'hearing N'."""
    return frozenset(h.id for h in store.court.hearings(store.cases.case(number, removed=True))
                     if h.kind == SessionKind.CONCILIATION)


def export(store: Storage, number: str, today: date) -> dict:
    """Everything stored about the household of a case: the right of access (inzagerecht)."""
    case = store.cases.case(number, removed=True)
    household = store.cases.household(case)
    cases = []
    for each in store.cases.household_cases(case):
        record = dossier(store, each.number, today, removed=True)
        record["removed"] = each.removed_at is not None
        if record["landlord"]:  # the landlord's own contact details are not the household's data
            record["landlord"] = {"name": record["landlord"]["name"], "type": record["landlord"]["type"]}
        record["timeline"] = history(store, each.number)
        record["payment_plans"] = [_plan_export(store, plan) for plan in store.follow_up.plans(each)]
        record["hearings"] = [{"kind": h.kind, "starts_at": h.starts_at, "court": h.court, "room": h.room,
                               "petition_date": h.petition_date,
                               "claimed": Cents(h.claimed_cents) if h.claimed_cents is not None else None,
                               "proposal": h.proposal, "result": h.result, "eviction_date": h.eviction_date}
                              for h in store.court.hearings(each)]
        record["stays"] = [{"dwelling": d.code, "kind": d.kind, "start": s.start_date, "until": s.end_date,
                            "review": s.review_date, "extensions": s.extensions, "left": s.left_date,
                            "destination": s.destination} for s, d in store.housing.stays(each)]
        record["referrals"] = [{"date": r.date, "to": r.destination, "note": r.note}
                               for r in store.housing.referrals(each)]
        record["documents"] = [{"id": a.id, "kind": a.kind, "date": a.date, "name": a.name, "type": a.media_type,
                                "size": a.size_bytes, "sha256": a.sha256, "note": a.note, "added": a.created_at}
                               for a in store.attachments.of(each)]
        record.pop("payment_plan", None)
        cases.append(record)
    return {"exported_on": today, "household": {f.column: getattr(household, f.column) for f in HOUSEHOLD},
            "cases": cases, "merged_households": [_merge_export(store, merge) for merge in store.retention.merges_into(case)]}


def _merge_export(store: Storage, merge) -> dict:
    """A household merged into this one, as it was: kept until the merge is undone or purged."""
    moved = store.retention.merge_cases(merge)[1]
    return {"merged_on": merge.created_at.date(), "cases": [c.number for c in moved]} | {
        name: getattr(merge, name) for name in HOUSEHOLD_FIELDS}


def _plan_export(store: Storage, plan) -> dict:
    instalments, payments = store.follow_up.plan_lines(plan)
    return {"plan": plan.id, "status": plan.status, "arrears": Cents(plan.arrears_cents),
            "instalment": Cents(plan.instalment_cents), "start": plan.start_date, "day": plan.day_of_month,
            "instalments": [{"seq": i.seq, "due": i.due, "amount": Cents(i.amount)} for i in instalments],
            "payments": [{"date": when, "amount": Cents(amount)} for when, amount in payments]}
