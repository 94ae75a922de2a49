"""Screen layouts that are more than one table: the dossier and today's overview."""

from datetime import timedelta
from itertools import groupby

from huurbeg.core import dates, national_number
from huurbeg.core.text import courtroom
from huurbeg.core.i18n import N_, _, ngettext
from huurbeg.core.codes import (AttachmentKind, ConciliationResult, ContactKind, Destination, DwellingKind,
                                EvictionResult, HearingResult, LandlordType, Outcome, Party, Problem,
                                ReferralDestination, ReferralOutcome, SessionKind, Source, Status, Track, known)
from huurbeg.domain.payment_plan import LATE_AFTER_DAYS
from huurbeg.domain.attachments import size_shown, type_name
from huurbeg.domain.figures import (BREAKDOWN_SEPARATOR, FIGURES, HEADLINES, PANELS, WORKER_FIGURES, breakdown_items,
                                    figure_name, panel_name)
from huurbeg.output import history
from huurbeg.output.render import (Cents, Items, coded, console, literal, message, plain, state_word, table,
                                   text_value)
from huurbeg.domain.entities import HOUSEHOLD, LANDLORD_CONTACT

PLAN_STATE_STYLE = {"late": "yellow", "missed": "red", "paid": "green"}
WARNING_COLUMNS = [("severity", N_("Severity")), ("due", N_("Due")), ("case", N_("Case")), ("tenant", N_("Tenant"), 50),
                   ("message", N_("Warning"))]


MULTILINE_FACTS = frozenset({"Note", "Proposal", "Closing note"})
"""Facts a worker may write over several lines; in every other one (a name, an address) a line break is shown
as its placeholder, so a stored name cannot draw a line of its own that reads as another field."""


def _facts_grid(pairs: list[tuple[str, object]]):
    from rich.table import Table  # heavy

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column(overflow="fold")
    for name, value in pairs:
        if value not in (None, "", []):
            grid.add_row(_(name), literal(value, lines=name in MULTILINE_FACTS))
    return grid


def dossier_view(record: dict, show_worker: bool = False) -> None:
    """The dossier; `show_worker` on a database shared by several workers (a solo file needs no name)."""
    from rich.panel import Panel  # heavy

    out = console()
    tenant, landlord = record["tenant"], record["landlord"] or {}
    record = coded(record, source=Source, outcome=Outcome, problems=Problem)
    status = text_value(record["status"]) + (f" ({text_value(record['outcome'])}, "
                                             f"{text_value(record['closed_date'])})" if record["outcome"] else "")
    out.print(Panel(_facts_grid([
        *_household_facts(tenant),
        (N_("Landlord"), _landlord(landlord["name"], landlord["type"]) if landlord else None),
        (N_("Landlord contact"), _landlord_contact(landlord)),
        (N_("Track"), record["track"]), (N_("Status"), status), (N_("Registered"), record["intake_date"]),
        (N_("By"), f"{text_value(record['source'])}" + (f": {record['referrer']}" if record["referrer"] else "")),
        (N_("Returning"), _("yes: earlier case(s) of this household") if record["returning_household"] else None),
        (N_("Problems"), record["problems"]), (N_("Arrears"), record["arrears"]), (N_("Rent"), record["rent"]),
        (N_("Consent"), _consents(record)),
        (N_("Worker"), record["worker"] if show_worker else None),
        (N_("Note"), record["note"]),
        (N_("Closing note"), record.get("closing_note")),
    ]), title=literal(_("Case {number}").format(number=record["case"])), title_align="left"))
    if record["warnings"]:
        out.print(table(record["warnings"], headers(WARNING_COLUMNS[:2] + WARNING_COLUMNS[4:]), title=_("Warnings")))
    if record.get("court"):
        out.print(Panel(_facts_grid(_court_facts(record["court"])), title=_("Court"), title_align="left"))
    if record.get("stay"):
        out.print(Panel(_facts_grid(_stay_facts(record["stay"])), title=_("Stay"), title_align="left"))
    if record["payment_plan"]:
        plan = record["payment_plan"]
        out.print(literal(_("Payment plan: {arrears}, {standing}, paid {paid}, balance {balance}").format(
            arrears=text_value(plan["arrears"]), standing=_standing(plan["standing"]),
            paid=text_value(plan["paid"]), balance=text_value(plan["balance"])) + _delays(plan)))
    if record.get("fbu_agreement"):
        fbu = record["fbu_agreement"]
        paid = _("paid {date}").format(date=text_value(fbu["paid"])) if fbu["paid"] else _("not paid")
        filed = _("filed {date}").format(date=text_value(fbu["filed"])) if fbu["filed"] \
            else _("not filed with the Fund")
        out.print(literal(_("FBU agreement signed {signed}: advance {advance} due {due}, {paid}, {filed}").format(
            signed=text_value(fbu["signed"]), advance=text_value(fbu["advance"]),
            due=text_value(fbu["advance_due"]), paid=paid, filed=filed)))
    if record["agreements"]:
        out.print(table([coded(a, party=Party) for a in record["agreements"]], [
            ("id", "#"), ("party", _("Party")), ("text", _("Agreement")), ("due", _("Due")), ("done", _("Done"))],
            title=_("Agreements"), whole=("text",)))
    if record["referrals"]:
        out.print(table([coded(r, to=ReferralDestination, outcome=ReferralOutcome) for r in record["referrals"]],
                        [("id", "#"), ("date", _("Date")), ("to", _("Referred to")),
                                              ("outcome", _("Outcome"))], title=_("Referrals")))
    if record.get("documents"):
        out.print(table(document_rows(record["documents"]), headers(DOCUMENT_COLUMNS), title=_("Documents")))
    if record["contacts"]:
        out.print(table([coded(c, kind=ContactKind) for c in record["contacts"]],
                        [("id", "#"), ("date", _("Date")), ("kind", _("Kind")), ("reached", _("Reached")),
                         ("minutes", _("Min")), ("next", _("Next")), ("note", _("Note"))],
                        title=_("Contacts"), whole=("note",)))  # what the worker typed: whole, in the dossier

    out.print(table([row | {"detail": history.shown(row["detail"])} for row in record["timeline"]],
                    [("at", _("When")), ("user", _("Who")), ("detail", _("What"))],
                    title=_("Timeline"), whole=("detail",)))  # a line of the history says its fact at its end too


DOCUMENT_COLUMNS = [("id", "#"), ("kind", N_("Kind")), ("date", N_("Date")), ("name", N_("File")),
                    ("type", N_("Type")), ("size", N_("Size"))]


def document_rows(documents: list[dict]) -> list[dict]:
    """Documents as a table shows them: the kind's label, the type's name, the size in kB or MB."""
    return [coded(d, kind=AttachmentKind) | {"type": type_name(d["type"]), "size": size_shown(d["size"])}
            for d in documents]


def headers(columns):
    """Columns whose headers were marked with N_, translated now."""
    return [(key, _(header), *rest) for key, header, *rest in columns]


def _household_facts(values: dict) -> list[tuple]:
    """A household's lines (its details by column), in the order of its description (huurbeg.domain.entities); its
    size on one line, "2 adults, 1 child"."""
    pairs: list[tuple] = []
    for field in HOUSEHOLD:
        value = values[field.column]
        if field.column in ("adults", "children"):
            if field.heading not in (heading for heading, _value in pairs):
                pairs.append((field.heading, _household(values["adults"], values["children"])))
        else:
            pairs.append((field.heading, national_number.fmt(value) if field.kind == "national-number" else value))
    return pairs


def _household(adults: int | None, children: int | None) -> str:
    return ", ".join(filter(None, [
        ngettext("{n} adult", "{n} adults", adults).format(n=adults) if adults is not None else "",
        ngettext("{n} child", "{n} children", children).format(n=children) if children is not None else ""]))


def _landlord(name: str, kind) -> str:
    return f"{name} ({text_value(known(LandlordType, kind))})"


def _landlord_contact(landlord: dict) -> str | None:
    """How the landlord is reached (contact person, phone, e-mail, address), each as stored."""
    first = ("contact_person", "phone", "email")  # whom to ask for, then how to reach them
    keys = [*first, *(f.column for f in LANDLORD_CONTACT if f.column not in first)]
    return ", ".join(text_value(landlord[key]) for key in keys
                     if landlord.get(key)) or None


def instalment_state(state: str, days_late: int) -> str:
    """An instalment's state as read: a paid one says how late it was paid ('paid, 36 days late')."""
    if state == "paid" and days_late > 0:
        return ngettext("paid, {days} day late", "paid, {days} days late", days_late).format(days=days_late)
    return state_word(state)


def _delays(plan: dict) -> str:
    """That a plan was kept with delays, after its summary: the tenant caught up, but late."""
    if not plan.get("paid_late"):
        return ""
    return " " + ngettext("({count} instalment paid late, {days} days after its due date)",
                          "({count} instalments paid late, up to {days} days after their due date)",
                          plan["paid_late"]).format(count=plan["paid_late"], days=plan["most_days_late"])


def _standing(value) -> str:
    return state_word(text_value(value))


def _shown_rows(rows: list[dict], *keys: str) -> list[dict]:
    """Rows with the state slugs of `keys` shown as words."""
    return [row | {key: _standing(row[key]) for key in keys if isinstance(row.get(key), str)} for row in rows]


def plan_view(view: dict) -> None:
    from rich.table import Table  # heavy

    out = console()
    from rich.text import Text  # heavy

    out.print(Text.assemble(
        (_("Payment plan of case {number}").format(number=view["case"]), "bold"),
        _(" ({standing}): {arrears} in instalments of {instalment} on day {day}, from {start}").format(
            standing=_standing(view["standing"]), arrears=text_value(view["arrears"]),
            instalment=text_value(view["instalment"]), day=view["day"], start=text_value(view["start"]))))
    grid = Table(box=None, header_style="bold", pad_edge=False)
    for key, header in (("seq", "#"), ("due", N_("Due")), ("amount", N_("Amount")), ("paid", N_("Paid")),
                        ("paid_on", N_("Paid on")), ("state", N_("State"))):
        grid.add_column(_(header) if key != "seq" else header,
                        justify="right" if key in ("seq", "amount", "paid") else "left")
    for row in view["instalments"]:
        late = row["state"] == "paid" and row["days_late"] > LATE_AFTER_DAYS
        grid.add_row(str(row["seq"]), text_value(row["due"]), text_value(row["amount"]), text_value(row["paid"]),
                     text_value(row["paid_on"]), instalment_state(row["state"], row["days_late"]),
                     style="yellow" if late else PLAN_STATE_STYLE.get(row["state"]))
    out.print(grid)
    out.print(_("Paid {paid} — balance {balance} as of {date}").format(
        paid=text_value(view["paid"]), balance=text_value(view["balance"]), date=text_value(view["as_of"]))
        + _delays(view))
    if view["payments"]:
        out.print(table(view["payments"], [("id", "#"), ("date", _("Date")), ("amount", _("Amount"))],
                        title=_("Payments")))



BRIEF_WIDTH = 80
CLAIMED_PRIORITY = 72
"""The amount claimed is what the session is about: on a narrow roll the room, landlord and plan give way to it,
and a long name is shortened beside it."""
ROLL_COLUMNS = [("time", N_("Time")), ("room", N_("Room")), ("case", N_("Case")), ("tenant", N_("Tenant")),
                ("landlord", N_("Landlord")), ("claimed", N_("Claimed"), CLAIMED_PRIORITY), ("plan", N_("Plan")),
                ("ready", N_("Ready")), ("result", N_("Result"))]
SESSION_COLUMN = ("kind", N_("Session"))
"""Shown on the roll of a session where a conciliation sits between the hearings."""


def roll_view(rows: list[dict]) -> None:
    """The roll grouped by session (day and court), one line per hearing."""
    out = console()
    if not rows:
        out.print(_("No hearings in that period."))
        return
    by_session = sorted(rows, key=lambda r: (r["starts_at"].date(), r["court"]))  # stable: by time within a session
    for (day, court), group in groupby(by_session, key=lambda r: (r["starts_at"].date(), r["court"])):
        session = list(group)
        shown = [coded(row, result=ConciliationResult if row["kind"] == SessionKind.CONCILIATION else HearingResult) | {
            "kind": SessionKind.CONCILIATION if row["kind"] == SessionKind.CONCILIATION else None,
            "time": f"{row['starts_at']:%H:%M}", "plan": state_word(row["plan"]) if row["plan"] else None,
            "ready": _("yes ({date})").format(date=f"{row['last_reached']:%d/%m}") if row["prepared"] else _("NO"),
            "severity": None if row["prepared"] or row["result"] else "urgent"} for row in session]
        columns = [c for c in headers(ROLL_COLUMNS) if c[0] != "result" or any(r["result"] for r in session)]
        if any(row["kind"] == SessionKind.CONCILIATION and row["result"] for row in session):
            columns = [("result", _("Outcome")) if c[0] == "result" else c for c in columns]  # no judgment
        if any(row["kind"] == SessionKind.CONCILIATION for row in session):
            columns.insert(1, headers([SESSION_COLUMN])[0])
        out.print(table(shown, columns, title=f"{dates.long_day(day)} — {court}"))


def brief_view(data: dict) -> None:
    """The courtroom brief, laid out to be read at a glance in 80 columns."""
    from rich.panel import Panel  # heavy

    out = console(width=min(console().width, BRIEF_WIDTH))  # to the file of --output, if there is one
    hearing = data["hearing"]
    landlord = data["landlord"]
    household = _household(data["adults"], data["children"])
    plan = data["payment_plan"]
    conciliation = hearing.get("kind") == SessionKind.CONCILIATION
    out.print(Panel(_facts_grid([
        (N_("Conciliation session") if conciliation else N_("Hearing"),
         _place(text_value(hearing["starts_at"]), hearing["court"], hearing["room"])),
        (N_("Clock"), _clock(data["clock"], conciliation)),
        (N_("Tenant"), data["tenant"]), (N_("Household"), household),
        (N_("Landlord"), _landlord(landlord["name"], landlord["type"]) if landlord else None),
        (N_("Petition"), data["petition_date"]), (N_("Claimed"), data["claimed"]),
        (N_("Plan"), _("{standing}: {arrears}, paid {paid}, balance {balance}").format(
            standing=_standing(plan["standing"]), arrears=text_value(plan["arrears"]),
            paid=text_value(plan["paid"]), balance=text_value(plan["balance"])) + _delays(plan)
            if plan else _("no payment plan")),
        (N_("FBU"), _fbu_brief(data.get("fbu_agreement"))),
        (N_("Proposal"), data["proposal"] or _("none recorded (hearing edit --proposal)")),
    ]), title=literal(_("Brief — case {number}").format(number=data["case"])), title_align="left"))
    if data["agreements"]:
        out.print(table([coded(a, party=Party) | {"kept": state_word(a["kept"])} for a in data["agreements"]],
                        [("due", _("Due")), ("party", _("Party")), ("text", _("Agreement")), ("kept", _("Kept"))],
                        title=_("Agreements"), width=out.width, whole=("text",)))
    if data["contacts_since_petition"]:
        out.print(table([coded(c, kind=ContactKind) for c in data["contacts_since_petition"]],
                        [("date", _("Date")), ("kind", _("Kind")), ("reached", _("Reached")), ("minutes", _("Min"))],
                        title=_("Contacts since the petition"), width=out.width))
    if not data["prepared"]:
        out.print(literal(_("No contact since the petition.") if not data["contacts_since_petition"]
                          else _("No contact since the petition reached the household."), style="bold red"))
    if data["referrals"]:
        out.print(table([coded(r | {"outcome": r["outcome"] or _("no answer yet")}, to=ReferralDestination,
                               outcome=ReferralOutcome) for r in data["referrals"]],
                        [("date", _("Date")), ("to", _("Referred to")), ("outcome", _("Answer"))],
                        title=_("Referrals"), width=out.width))
    if data["earlier_hearings"]:
        out.print(table([coded(h, result=ConciliationResult if h.get("kind") == SessionKind.CONCILIATION
                               else HearingResult) for h in data["earlier_hearings"]],
                        [("starts_at", _("Hearing")), ("court", _("Court")),
                         ("result", _("Outcome") if any(h.get("kind") == SessionKind.CONCILIATION
                                                        for h in data["earlier_hearings"]) else _("Result"))],
                        title=_("Earlier hearings"), width=out.width))


def _court_facts(court: dict) -> list[tuple[str, object]]:
    """The court section of the dossier: what is next, what was decided, and after a judgment where it stands."""
    following, last = court["next_hearing"], court["last_outcome"]
    result = court["eviction_result"]
    return [
        (N_("Next session"), _("{when} ({kind})").format(
            when=_place(text_value(following["starts_at"]), following["court"], following["room"]),
            kind=text_value(SessionKind(following["kind"]))) if following else None),
        (N_("Last conciliation"), _("{result} (conciliation session of {date})").format(
            result=text_value(_result_of(last)), date=text_value(last["hearing"].date())))
        if last and last.get("kind") == SessionKind.CONCILIATION else
        (N_("Last outcome"), _("{result} (hearing of {date})").format(
            result=text_value(_result_of(last)), date=text_value(last["hearing"].date()))
         if last else None),
        (N_("Judgment served"), (text_value(court["served"]) + (_(", term {days} days").format(
            days=court["term_days"]) if court["term_days"] is not None else "")) if court["served"]
         else _("not yet") if court["judgment_date"] else None),
        (N_("Earliest eviction"), court["earliest_eviction"]),
        (N_("Eviction"), _("{when}, announced {announced}").format(
            when=text_value(court["eviction"]), announced=text_value(court["eviction_announced"]))
         if court["eviction"] and court["eviction_announced"] else court["eviction"]),
        (N_("What happened"), _("{result} ({date})").format(result=text_value(EvictionResult(result)),
                                                          date=text_value(court["eviction_result_date"]))
         if result else None),
    ]


def _result_of(session: dict):
    """A session's outcome as a code of its kind: a conciliation's outcomes are not a hearing's."""
    codes = ConciliationResult if session.get("kind") == SessionKind.CONCILIATION else HearingResult
    return known(codes, session["result"])


def _stay_facts(stay: dict) -> list[tuple[str, object]]:
    return [
        (N_("Dwelling"), f"{stay['dwelling']} ({text_value(DwellingKind(stay['kind']))})"),
        (N_("Admitted"), stay["admitted"]), (N_("End"), stay["end"]), (N_("Review"), stay["review"]),
        (N_("Extensions"), str(stay["extensions"]) if stay["extensions"] else None),
        (N_("Left"), _("{date} to {destination}").format(date=text_value(stay["left"]),
                                                          destination=text_value(Destination(stay["destination"])))
         if stay["left"] and stay["destination"] else stay["left"]),
    ]


def _clock(clock: dict, conciliation: bool = False) -> str | None:
    """The procedure's clock in the brief: the days left to what comes next."""
    def left(days: int) -> str:
        return ngettext("in {days} day", "in {days} days", days).format(days=days) if days >= 0 else \
            ngettext("{days} day ago", "{days} days ago", -days).format(days=-days)
    if clock["eviction"] is not None:
        return _("eviction {when}: {left}").format(when=text_value(clock["eviction"]),
                                                  left=left(clock["days_to_eviction"]))
    if clock["earliest_eviction"] is not None:
        return _("served {served}; earliest eviction {when}: {left}").format(
            served=text_value(clock["served"]), when=text_value(clock["earliest_eviction"]),
            left=left(clock["days_to_earliest_eviction"]))
    if clock["judgment_date"] is not None:
        return _("judgment of {date}, not served yet").format(date=text_value(clock["judgment_date"]))
    if clock["hearing"] is not None:
        return (_("conciliation session {left}") if conciliation else _("hearing {left}")).format(
            left=left(clock["days_to_hearing"]))
    return None


def _place(when: str, court: str, room: str | None) -> str:
    """Where and when a hearing sits: '24/11/2026 09:30, Vredegerecht Gent, room 2'."""
    return f"{when}, {court}, {courtroom(room)}" if room else f"{when}, {court}"


def _fbu_brief(fbu: dict | None) -> str | None:
    """The FBU agreement in the courtroom: the landlord agreed to give the service 2 weeks before a claim."""
    if fbu is None:
        return None
    paid = _("paid {date}").format(date=text_value(fbu["paid"])) if fbu["paid"] \
        else _("due {date}, not paid").format(date=text_value(fbu["advance_due"]))
    return _("guidance agreement signed {signed}; advance {advance} {paid}; the landlord agreed to report a "
             "broken plan and give the service 2 weeks before a claim").format(
        signed=text_value(fbu["signed"]), advance=text_value(fbu["advance"]), paid=paid)


def figures_view(period, rows) -> None:
    """The figures grouped in panels; each line a total with its non-zero breakdowns."""
    from rich.panel import Panel  # heavy
    from rich.table import Table  # heavy

    from rich.text import Text  # heavy


    out = console()
    named = period.shown()
    days = f"{text_value(period.first)} – {text_value(period.last)}"
    out.print(Text.assemble((_("Figures {period}").format(period=named), "bold"), "" if named == days else f" ({days})"))
    by_key = {key: list(found) for key, found in groupby(rows, key=lambda r: r.figure)}
    for panel in PANELS:
        grid = Table.grid(padding=(0, 2))
        # a label and its number on one line: a label that wrapped read as the figure above it with the next
        # figure's number ("aangekondigde uithuiszettingen 1" / "afgewend"); the breakdown folds beside them
        grid.add_column(style="bold", no_wrap=True, overflow="ellipsis")
        grid.add_column(justify="right", no_wrap=True)
        grid.add_column(overflow="fold", style="dim")
        for figure in (f for f in FIGURES if f.panel == panel):
            total, *parts = by_key[figure.key]
            by_dimension = groupby((r for r in parts if r.value), key=lambda r: r.breakdown.split("=", 1)[0])
            # a value and its count stay together: the line breaks between items ('OCMW 1 · huurdersbond 2')
            detail = Items([breakdown_items(dimension, [(r.breakdown.split("=", 1)[1], text_value(r.value))
                                                        for r in found])
                            for dimension, found in by_dimension], BREAKDOWN_SEPARATOR, style="dim")
            grid.add_row(figure_name(figure.key), text_value(total.value), detail)
        out.print(Panel(grid, title=panel_name(panel), title_align="left"))


def workers_view(rows) -> None:
    """The caseload per worker: one line per worker, one column per worker figure."""
    by_worker: dict[str, dict] = {}
    for row in rows:
        by_worker.setdefault(row.worker, {"worker": row.worker})[row.figure] = row.value

    columns = [("worker", _("Worker"))] + [(key, figure_name(key)) for key, _words in WORKER_FIGURES]
    if not by_worker:
        message(_("No cases in that period."))
        return
    console().print(table(list(by_worker.values()), columns, title=_("Caseload per worker")))


def chart_view(months) -> None:
    """Bars of the headline figures over twelve months."""
    out = console()
    for key in HEADLINES:
        values = [(m.shown(), next(r.value for r in rows if r.figure == key and not r.breakdown)) for m, rows in months]
        top = max((v for _label, v in values), default=0) or 1
        wide = max((len(label) for label, _value in values), default=0)
        out.print(literal(figure_name(key), style="bold"))
        for label, value in values:
            out.print(f"  {label:<{wide}}  {'█' * round(30 * value / top):<30} {value}")


def intake_summary(draft, decision, hearing: tuple | None, stored_landlord: tuple | None = None) -> None:
    """One screen with everything an interactive intake is about to register, before it is confirmed: a landlord
    already known as it is stored (its name as written there, its kind), the consents as answered."""
    from rich.panel import Panel  # heavy

    answered = [(Party.TENANT, draft.consent_tenant)] + ([(Party.LANDLORD, draft.consent_landlord)]
                                                         if draft.landlord else [])
    consents = ", ".join(f"{text_value(party)} {text_value(bool(given))}" for party, given in answered
                         if given is not None or draft.track == Track.PW)
    landlord = _landlord(*stored_landlord) if stored_landlord else \
        _landlord(draft.landlord, draft.landlord_type or _("known")) if draft.landlord else None
    starts_at, court, room, petition, claimed = hearing or (None,) * 5
    console().print(Panel(_facts_grid([
        (N_("Track"), draft.track), *_household_facts({f.column: getattr(draft, str(f.edit)) for f in HOUSEHOLD}),
        (N_("Landlord"), landlord),
        (N_("By"), text_value(draft.source) + (f": {draft.referrer}" if draft.referrer else "")),
        (N_("Returning"), _("yes: earlier case(s) {cases}").format(cases=", ".join(decision.earlier_cases))
         if decision.returning else None),
        (N_("Problems"), draft.problems), (N_("Arrears"), Cents(draft.arrears_cents)
                                           if draft.arrears_cents is not None else None),
        (N_("Rent"), Cents(draft.rent_cents) if draft.rent_cents is not None else None),
        (N_("Registered"), draft.intake_date), (N_("Informed"), text_value(bool(draft.tenant_informed))),
        (N_("Consent"), consents or None), (N_("Note"), draft.note),
        (N_("Hearing"), _place(text_value(starts_at), court, room) if hearing else None),
        (N_("Petition"), petition), (N_("Claimed"), Cents(claimed) if claimed is not None else None),
    ]), title=_("New case"), title_align="left"))


def plan_summary(number: str, arrears: int, schedule: list) -> None:
    """One screen with the payment plan an interactive `plan` is about to set up, before it is confirmed."""
    from rich.panel import Panel  # heavy

    first, last = schedule[0], schedule[-1]
    console().print(Panel(_facts_grid([
        (N_("Arrears"), Cents(arrears)), (N_("Instalment"), Cents(first.amount)),
        (N_("Instalments"), ngettext("{count} instalment, from {first} to {last}",
                                     "{count} instalments, from {first} to {last}", len(schedule)).format(
            count=len(schedule), first=text_value(first.due), last=text_value(last.due))),
        (N_("Last"), _("{amount} on {due}").format(amount=text_value(Cents(last.amount)), due=text_value(last.due))
         if len(schedule) > 1 else None),
    ]), title=_("New payment plan — case {number}").format(number=number), title_align="left"))


def visit_summary(number: str, when, kind, reached: bool, minutes: int | None, note: str | None, next_planned) -> None:
    """One screen with the contact a resumed `visit` is about to log, its kept answers with the new ones."""
    from rich.panel import Panel  # heavy

    console().print(Panel(_facts_grid([
        (N_("Date"), text_value(when)), (N_("Kind"), text_value(kind)), (N_("Reached"), text_value(reached)),
        (N_("Min"), minutes), (N_("Note"), note), (N_("Next"), text_value(next_planned) if next_planned else None),
    ]), title=_("Contact — case {number}").format(number=number), title_align="left"))


def _consents(record: dict) -> str | None:
    """Consent matters on PW (both parties must agree; without a landlord, the tenant); elsewhere it is shown only
    when recorded."""
    consents = record["consents"]
    if record["track"] != "pw" and not any(consents.values()):
        return None
    if record.get("landlord") is None and not consents.get("landlord"):  # no landlord: none to consent
        consents = {party: when for party, when in consents.items() if party != "landlord"}
    missing = _("missing")
    return ", ".join(f"{text_value(Party(party))} {text_value(when) or missing}" for party, when in consents.items())


def _hearing_days(data: dict) -> str:
    """What 'this week' of the overview means: today and the days after it, up to the last one named."""
    days = data.get("hearing_days", 7)
    return _("Hearings in the next {days} days (today to {last})").format(
        days=days, last=text_value(data["date"] + timedelta(days=days - 1)))


def overview_view(data: dict, limit: int = 15) -> None:
    out = console()
    warnings = [w.as_dict() | {"tenant": data.get("tenants", {}).get(w.case)} for w in data["warnings"]]
    from rich.markup import escape  # heavy

    cases = ngettext("{n} open case", "{n} open cases", data["open_cases"]).format(n=data["open_cases"])
    if data.get("worker"):
        cases = _("{cases} of {worker}").format(cases=cases, worker=escape(plain(data["worker"])))
    counted = ngettext("{n} warning", "{n} warnings", len(warnings)).format(n=len(warnings))
    out.print(f"[bold]huurbeg[/bold] — {text_value(data['date'])}: {cases}, {counted}")
    if warnings:
        shown = warnings[:limit]
        out.print(table(shown, headers(WARNING_COLUMNS), title=_("Needs attention")))
        if len(warnings) > limit:
            out.print(_("… and {n} more: huurbeg deadlines").format(n=len(warnings) - limit), style="dim")
    elif data["open_cases"]:
        out.print(_("Nothing needs attention today."), style="green")
    if data.get("planned"):
        tenants = data.get("tenants", {})
        out.print(table([row | {"tenant": tenants.get(row["case"])} for row in data["planned"]],
                        [("case", _("Case")), ("tenant", _("Tenant"))], title=_("Contacts planned for today")))
    if data["hearings"]:
        out.print(table(data["hearings"], [("starts_at", _("Hearing")), ("case", _("Case")), ("court", _("Court")),
                                           ("room", _("Room"))], title=_hearing_days(data)))
    if not data["open_cases"]:
        out.print(_("No open cases. Register one with 'huurbeg intake', or explore with 'huurbeg --help'."))



SHARED = {"name": N_("name"), "birth_date": N_("birth date"), "national_number": N_("national register number"),
          "phone": N_("phone"), "address": N_("address")}
"""What two households may have in common that identifies a person (huurbeg.domain.finding.IDENTIFYING)."""


def households_view(sides, headings: tuple[str, str], title: str) -> None:
    """Two households side by side, before a worker says they are one (`case merge`) or two again
    (`case unmerge`): what tells them apart, literally, in two columns that fold to fit the screen."""
    from rich.table import Table  # heavy


    out = console()
    # two equal columns, however wide the screen: the eye goes from one household to the other
    grid = Table(title=literal(title), title_justify="left", width=min(out.width, 80))
    grid.add_column("", style="bold", no_wrap=True)
    for heading in headings:
        grid.add_column(literal(heading), overflow="fold", ratio=1)
    rows = [(N_("Tenant"), "name"), (N_("Address"), "address"), (N_("Born"), "birth_date"),
            (N_("National no."), "national_number"), (N_("Phone"), "phone")]
    for label, key in rows:
        shown_values = [national_number.fmt(side[key]) if key == "national_number" else text_value(side[key])
                        for side in (sides.mine, sides.theirs)]
        grid.add_row(_(label), *(literal(value or "-") for value in shown_values))
    grid.add_row(_("Household"), *(literal(_household(side["adults"], side["children"]) or "-")
                                   for side in (sides.mine, sides.theirs)))
    grid.add_row(_("Cases"), *(literal(", ".join(f"{number} ({text_value(known(Status, status))})"
                                                for number, status in side["cases"]))
                               for side in (sides.mine, sides.theirs)))
    out.print(grid)
