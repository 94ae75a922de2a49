"""Screen layouts that are more than one table: the dossier and today's overview."""

from huurbeg.render import Cents, console, literal, message, plain, table, text_value

PLAN_STATE_STYLE = {"late": "yellow", "missed": "red", "paid": "green"}
WARNING_COLUMNS = [("severity", "Severity"), ("due", "Due"), ("case", "Case"), ("message", "Warning")]


def _facts_grid(pairs: list[tuple[str, object]]):
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column(overflow="fold")
    for name, value in pairs:
        if value not in (None, "", []):
            grid.add_row(name, literal(value, lines=True))
    return grid


def dossier_view(record: dict, show_worker: bool = False) -> None:
    """The dossier; `show_worker` on a database shared by several workers (a solo file needs no name)."""
    from rich.panel import Panel

    out = console()
    tenant, landlord = record["tenant"], record["landlord"] or {}
    status = text_value(record["status"]) + (f" ({text_value(record['outcome'])}, "
                                             f"{text_value(record['closed_date'])})" if record["outcome"] else "")
    household = ", ".join(filter(None, [
        f"{tenant['adults']} adult(s)" if tenant["adults"] is not None else "",
        f"{tenant['children']} child(ren)" if tenant["children"] is not None else ""]))
    out.print(Panel(_facts_grid([
        ("Tenant", tenant["name"]), ("Address", tenant["address"]), ("Phone", tenant["phone"]),
        ("Born", tenant["birth_date"]), ("National no.", tenant["national_number"]), ("Household", household),
        ("Landlord", f"{landlord['name']} ({landlord['type']})" if landlord else None),
        ("Track", record["track"]), ("Status", status), ("Registered", record["intake_date"]),
        ("By", f"{text_value(record['source'])}" + (f": {record['referrer']}" if record["referrer"] else "")),
        ("Returning", "yes: earlier case(s) of this household" if record["returning_household"] else None),
        ("Problems", record["problems"]), ("Arrears", record["arrears"]), ("Rent", record["rent"]),
        ("Consent", _consents(record)),
        ("Worker", record["worker"] if show_worker else None),
        ("Note", record["note"]),
    ]), title=literal(f"Case {record['case']}"), title_align="left"))
    if record["warnings"]:
        out.print(table(record["warnings"], WARNING_COLUMNS[:2] + WARNING_COLUMNS[3:], title="Warnings"))
    if record["payment_plan"]:
        plan = record["payment_plan"]
        out.print(literal(f"Payment plan: {text_value(plan['arrears'])}, {text_value(plan['standing'])}, "
                          f"paid {text_value(plan['paid'])}, balance {text_value(plan['balance'])}"))
    if record.get("fbu_agreement"):
        fbu = record["fbu_agreement"]
        out.print(literal(f"FBU agreement signed {text_value(fbu['signed'])}: advance {text_value(fbu['advance'])} "
                          f"due {text_value(fbu['advance_due'])}, "
                          + (f"paid {text_value(fbu['paid'])}" if fbu["paid"] else "not paid") + ", "
                          + (f"filed {text_value(fbu['filed'])}" if fbu["filed"] else "not filed with the Fund")))
    if record["agreements"]:
        out.print(table(record["agreements"], [("id", "#"), ("party", "Party"), ("text", "Agreement"),
                                               ("due", "Due"), ("done", "Done")], title="Agreements"))
    if record["referrals"]:
        out.print(table(record["referrals"], [("id", "#"), ("date", "Date"), ("to", "Referred to"),
                                              ("outcome", "Outcome")], title="Referrals"))
    if record["contacts"]:
        out.print(table(record["contacts"], [("id", "#"), ("date", "Date"), ("kind", "Kind"), ("minutes", "Min"),
                                             ("next", "Next"), ("note", "Note")], title="Contacts"))
    out.print(table(record["timeline"], [("at", "When"), ("user", "Who"), ("detail", "What")],
                    title="Timeline"))


def plan_view(view: dict) -> None:
    from rich.table import Table

    out = console()
    out.print(f"[bold]Payment plan of case {view['case']}[/bold] ({text_value(view['standing'])}): "
              f"{text_value(view['arrears'])} in instalments of {text_value(view['instalment'])} "
              f"on day {view['day']}, from {text_value(view['start'])}")
    grid = Table(box=None, header_style="bold", pad_edge=False)
    for _, header in (("seq", "#"), ("due", "Due"), ("amount", "Amount"), ("paid", "Paid"), ("state", "State")):
        grid.add_column(header, justify="right" if header in ("#", "Amount", "Paid") else "left")
    for row in view["instalments"]:
        grid.add_row(str(row["seq"]), text_value(row["due"]), text_value(row["amount"]), text_value(row["paid"]),
                     row["state"], style=PLAN_STATE_STYLE.get(row["state"]))
    out.print(grid)
    out.print(f"Paid {text_value(view['paid'])} — balance {text_value(view['balance'])} "
              f"as of {text_value(view['as_of'])}")
    if view["payments"]:
        out.print(table(view["payments"], [("id", "#"), ("date", "Date"), ("amount", "Amount")], title="Payments"))



BRIEF_WIDTH = 80
ROLL_COLUMNS = [("time", "Time"), ("room", "Room"), ("case", "Case"), ("tenant", "Tenant"), ("landlord", "Landlord"),
                ("claimed", "Claimed"), ("plan", "Plan"), ("ready", "Ready"), ("result", "Result")]


def roll_view(rows: list[dict]) -> None:
    """The roll grouped by session (day and court), one line per hearing."""
    from itertools import groupby

    out = console()
    if not rows:
        out.print("No hearings in that period.")
        return
    for (day, court), session in groupby(rows, key=lambda r: (r["starts_at"].date(), r["court"])):
        session = list(session)
        shown = [row | {"time": f"{row['starts_at']:%H:%M}",
                        "ready": f"yes ({row['last_contact']:%d/%m})" if row["prepared"] else "NO",
                        "severity": None if row["prepared"] or row["result"] else "urgent"} for row in session]
        columns = [c for c in ROLL_COLUMNS if c[0] != "result" or any(r["result"] for r in session)]
        out.print(table(shown, columns, title=f"{day:%A %d/%m/%Y} — {court}"))


def brief_view(data: dict) -> None:
    """The courtroom brief, laid out to be read at a glance in 80 columns."""
    from rich.console import Console
    from rich.panel import Panel

    out = Console(width=min(console().width, BRIEF_WIDTH), highlight=False)
    hearing = data["hearing"]
    landlord = data["landlord"]
    household = ", ".join(filter(None, [
        f"{data['adults']} adult(s)" if data["adults"] is not None else "",
        f"{data['children']} child(ren)" if data["children"] is not None else ""]))
    plan = data["payment_plan"]
    out.print(Panel(_facts_grid([
        ("Hearing", f"{text_value(hearing['starts_at'])}, {hearing['court']}"
                    + (f", room {hearing['room']}" if hearing["room"] else "")),
        ("Tenant", data["tenant"]), ("Household", household),
        ("Landlord", f"{landlord['name']} ({landlord['type']})" if landlord else None),
        ("Petition", data["petition_date"]), ("Claimed", data["claimed"]),
        ("Plan", f"{text_value(plan['standing'])}: {text_value(plan['arrears'])}, paid {text_value(plan['paid'])}, "
                 f"balance {text_value(plan['balance'])}" if plan else "no payment plan"),
        ("FBU", _fbu_brief(data.get("fbu_agreement"))),
        ("Proposal", data["proposal"] or "none recorded (hearing add/outcome --proposal)"),
    ]), title=literal(f"Brief — case {data['case']}"), title_align="left"))
    if data["agreements"]:
        out.print(table(data["agreements"], [("due", "Due"), ("party", "Party"), ("text", "Agreement"),
                                             ("kept", "Kept")], title="Agreements", width=out.width))
    out.print(table(data["contacts_since_petition"], [("date", "Date"), ("kind", "Kind"), ("minutes", "Min")],
                    title="Contacts since the petition", width=out.width) if data["contacts_since_petition"]
              else "[bold red]No contact since the petition.[/bold red]")
    if data["referrals"]:
        out.print(table(data["referrals"], [("date", "Date"), ("to", "Referred to")], title="Referrals",
                        width=out.width))
    if data["earlier_hearings"]:
        out.print(table(data["earlier_hearings"], [("starts_at", "Hearing"), ("court", "Court"),
                                                   ("result", "Result")], title="Earlier hearings", width=out.width))


def _fbu_brief(fbu: dict | None) -> str | None:
    """The FBU agreement in the courtroom: the landlord agreed to give the service 2 weeks before a claim."""
    if fbu is None:
        return None
    paid = f"paid {text_value(fbu['paid'])}" if fbu["paid"] else f"due {text_value(fbu['advance_due'])}, not paid"
    return (f"guidance agreement signed {text_value(fbu['signed'])}; advance {text_value(fbu['advance'])} {paid}; "
            "the landlord agreed to report a broken plan and give the service 2 weeks before a claim")


def figures_view(period, rows) -> None:
    """The figures grouped in panels; each line a total with its non-zero breakdowns."""
    from itertools import groupby

    from rich.panel import Panel
    from rich.table import Table

    from huurbeg.figures import FIGURES, PANELS

    out = console()
    out.print(f"[bold]Figures {period.label}[/bold] ({text_value(period.first)} – {text_value(period.last)})")
    by_key = {key: list(found) for key, found in groupby(rows, key=lambda r: r.figure)}
    for panel in PANELS:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold")
        grid.add_column(justify="right")
        grid.add_column(overflow="fold", style="dim")
        for figure in (f for f in FIGURES if f.panel == panel):
            total, *parts = by_key[figure.key]
            by_dimension = groupby((r for r in parts if r.value), key=lambda r: r.breakdown.split("=", 1)[0])
            detail = "\n".join(f"{dimension}: " + " · ".join(f"{r.breakdown.split('=', 1)[1]} {r.value}" for r in found)
                               for dimension, found in by_dimension)
            grid.add_row(figure.key.replace("_", " "), text_value(total.value), detail)
        out.print(Panel(grid, title=panel, title_align="left"))


def workers_view(rows) -> None:
    """The caseload per worker: one line per worker, one column per worker figure."""
    from huurbeg.figures import WORKER_FIGURES

    by_worker: dict[str, dict] = {}
    for row in rows:
        by_worker.setdefault(row.worker, {"worker": row.worker})[row.figure] = row.value
    columns = [("worker", "Worker")] + [(key, key.replace("_", " ")) for key, _ in WORKER_FIGURES]
    if not by_worker:
        message("No cases in that period.")
        return
    console().print(table(list(by_worker.values()), columns, title="Caseload per worker"))


def chart_view(months) -> None:
    """Bars of the headline figures over twelve months."""
    from huurbeg.figures import HEADLINES

    out = console()
    for key in HEADLINES:
        values = [(m.label, next(r.value for r in rows if r.figure == key and not r.breakdown)) for m, rows in months]
        top = max((v for _, v in values), default=0) or 1
        out.print(f"[bold]{key.replace('_', ' ')}[/bold]")
        for label, value in values:
            out.print(f"  {label}  {'█' * round(30 * value / top):<30} {value}")


def intake_summary(draft, decision, hearing: tuple | None) -> None:
    """One screen with everything an interactive intake is about to register, before it is confirmed."""
    from rich.panel import Panel

    household = ", ".join(filter(None, [
        f"{draft.adults} adult(s)" if draft.adults is not None else "",
        f"{draft.children} child(ren)" if draft.children is not None else ""]))
    consents = [party for party, given in (("tenant", draft.consent_tenant), ("landlord", draft.consent_landlord))
                if given]
    starts_at, court, room, petition, claimed = hearing or (None,) * 5
    console().print(Panel(_facts_grid([
        ("Track", draft.track), ("Tenant", draft.tenant), ("Address", draft.address), ("Phone", draft.phone),
        ("Born", draft.birth_date), ("National no.", draft.national_number), ("Household", household),
        ("Landlord", f"{draft.landlord} ({text_value(draft.landlord_type) or 'known'})" if draft.landlord else None),
        ("By", text_value(draft.source) + (f": {draft.referrer}" if draft.referrer else "")),
        ("Returning", "yes: earlier case(s) " + ", ".join(decision.earlier_cases) if decision.returning else None),
        ("Problems", draft.problems), ("Arrears", Cents(draft.arrears_cents) if draft.arrears_cents is not None
                                       else None),
        ("Rent", Cents(draft.rent_cents) if draft.rent_cents is not None else None),
        ("Registered", draft.intake_date), ("Informed", "yes" if draft.tenant_informed else "no"),
        ("Consent", ", ".join(consents) or None), ("Note", draft.note),
        ("Hearing", f"{text_value(starts_at)}, {court}" + (f", room {room}" if room else "") if hearing else None),
        ("Petition", petition), ("Claimed", Cents(claimed) if claimed is not None else None),
    ]), title="New case", title_align="left"))


def _consents(record: dict) -> str | None:
    """Consent matters on PW (both parties must agree); elsewhere it is shown only when recorded."""
    consents = record["consents"]
    if text_value(record["track"]) != "pw" and not any(consents.values()):
        return None
    return ", ".join(f"{party} {text_value(when) or 'missing'}" for party, when in consents.items())


def overview_view(data: dict, limit: int = 15) -> None:
    out = console()
    warnings = [w.as_dict() for w in data["warnings"]]
    from rich.markup import escape

    whose = f" of {escape(plain(data['worker']))}" if data.get("worker") else ""
    out.print(f"[bold]huurbeg[/bold] — {text_value(data['date'])}: {data['open_cases']} open case(s){whose}, "
              f"{len(warnings)} warning(s)")
    if warnings:
        shown = warnings[:limit]
        out.print(table(shown, WARNING_COLUMNS, title="Needs attention"))
        if len(warnings) > limit:
            out.print(f"… and {len(warnings) - limit} more: huurbeg deadlines", style="dim")
    elif data["open_cases"]:
        out.print("Nothing needs attention today.", style="green")
    if data["hearings"]:
        out.print(table(data["hearings"], [("starts_at", "Hearing"), ("case", "Case"), ("court", "Court"),
                                           ("room", "Room")], title="Hearings this week"))
    if not data["open_cases"]:
        out.print("No open cases. Register one with 'huurbeg intake', or explore with 'huurbeg --help'.")

