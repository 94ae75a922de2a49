"""Questions asked on a terminal, with questionary; the only module that imports it.

A prompt appears only when stdin and stdout are terminals, --no-input is not
given, and a required value is missing. Every answer is checked as it is typed,
with the same parsers as the flags, so a prompt never accepts what a flag refuses.
Ctrl-C stops the command before anything is written.
"""

import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from huurbeg import dates, money, national_number
from huurbeg.casework import HouseholdDecision, HouseholdMatch, IntakeDraft, decision_for, match_key
from huurbeg.codes import ContactKind, LandlordType, Problem, Source, Status, Track, label
from huurbeg.errors import Cancelled


def interactive(no_input: bool) -> bool:
    """Whether this invocation may ask questions."""
    return not no_input and sys.stdin.isatty() and sys.stdout.isatty()


def _ask(question):
    try:
        answer = question.unsafe_ask()
    except (KeyboardInterrupt, EOFError):
        raise Cancelled("stopped; nothing was written") from None
    return answer


def _check(parse: Callable[[str], object], optional: bool = True) -> Callable[[str], bool | str]:
    def validate(text: str) -> bool | str:
        if optional and not text.strip():
            return True
        try:
            parse(text)
        except ValueError as exc:
            return str(exc)
        return True
    return validate


def _text(prompt: str, parse: Callable[[str], object] = str, *, optional: bool = True, default: str = ""):
    import questionary

    hint = " (Enter to skip)" if optional and not default else ""
    answer = _ask(questionary.text(prompt + hint, default=default, validate=_check(parse, optional))).strip()
    return parse(answer) if answer else None


def _select(prompt: str, members, default=None):
    import questionary

    choices = [questionary.Choice(label(m), value=m.value) for m in members]
    chosen = _ask(questionary.select(prompt, choices=choices, default=default.value if default else None))
    return type(members[0])(chosen)


def _count(text: str) -> int:
    if not (text.strip().isascii() and text.strip().isdigit()):
        raise ValueError("use a whole number")
    return int(text)


def ask_intake(draft: IntakeDraft, landlords: list[str], today: date) -> IntakeDraft:
    """Ask for what the flags did not give; returns the completed draft."""
    import questionary

    d = replace(draft)
    parse_date = lambda text: dates.parse_date(text, today)  # noqa: E731
    if d.track is None:
        d.track = _select("Track?", list(Track), Track.PW)
    if not d.tenant:
        d.tenant = _text("Tenant's name?", optional=False)
    if d.address is None:
        d.address = _text("Address?")
    if d.phone is None:
        d.phone = _text("Phone?")
    if d.birth_date is None:
        d.birth_date = _text("Birth date (dd/mm/yyyy)?", parse_date)
    if d.national_number is None:
        d.national_number = _text("National register number?", national_number.normalise)
    if d.adults is None:
        d.adults = _text("Adults in the household?", _count, default="1")
    if d.children is None:
        d.children = _text("Children in the household?", _count, default="0")
    if d.source is None:
        d.source = _select("Registered by?", list(Source), Source.TENANT)
    if d.referrer is None and d.source not in (Source.TENANT, Source.LANDLORD):
        d.referrer = _text("Who at that service (name, phone)?")
    if d.landlord is None and d.track != Track.CRISIS:
        d.landlord = _ask_landlord(landlords)
    if d.landlord and d.landlord_type is None and match_key(d.landlord) not in {match_key(n) for n in landlords}:
        d.landlord_type = _select("New landlord: what kind?", list(LandlordType), LandlordType.PRIVATE)
    if not d.problems and d.track != Track.CRISIS:
        picked = _ask(questionary.checkbox("Problems? (space to tick, Enter when done)",
                                           choices=[questionary.Choice(p.value, value=p.value) for p in Problem]))
        d.problems = [Problem(p) for p in picked]
    if d.arrears_cents is None and Problem.ARREARS in d.problems:
        d.arrears_cents = _text("Rent arrears in euros?", money.parse_money)
        if d.rent_cents is None:
            d.rent_cents = _text("Monthly rent in euros?", money.parse_money)
    if d.intake_date is None:
        d.intake_date = _text("Date of registration?", parse_date, optional=False, default=dates.fmt(today))
    if d.tenant_informed is None:
        d.tenant_informed = _ask(questionary.confirm("Has the tenant been informed of this registration?",
                                                     default=False))
    if d.track == Track.PW and d.tenant_informed:
        if d.consent_tenant is None:
            d.consent_tenant = _ask(questionary.confirm("Has the tenant consented to support?", default=False))
        if d.consent_landlord is None:
            d.consent_landlord = _ask(questionary.confirm("Has the landlord consented to support?",
                                                          default=False))
    if d.note is None:
        d.note = _text("Note (confidential)?")
    return d


def _ask_landlord(landlords: list[str]) -> str | None:
    """Existing landlords are offered as completions; autocomplete needs at least one."""
    import questionary

    question = "Landlord? (Enter to skip)"
    prompt = questionary.autocomplete(question, choices=landlords, ignore_case=True, match_middle=True) \
        if landlords else questionary.text(question)
    return _ask(prompt).strip() or None


def ask_household(matches: list[HouseholdMatch]) -> HouseholdDecision | str:
    """Which earlier cases are this household: a HouseholdDecision, or an open case to use instead."""
    import questionary

    strong = [m for m in matches if m.strong]
    open_cases = [m for m in strong if m.status == Status.OPEN]
    if open_cases:
        first = open_cases[0]
        choice = _ask(questionary.select(
            f"This household already has open case {first.case} (same {first.reason}).",
            choices=[questionary.Choice(f"Use case {first.case}; open no new case", value="use"),
                     questionary.Choice("Open a second case anyway", value="new"),
                     questionary.Choice("Stop", value="stop")]))
        if choice == "stop":
            raise Cancelled("stopped; nothing was written")
        return first.case if choice == "use" else decision_for(strong)
    if not strong:
        numbers = ", ".join(f"{m.case} ({m.status})" for m in matches)
        if _ask(questionary.confirm(f"Earlier cases at this address: {numbers}. Is this the same household?",
                                    default=False)):
            return decision_for(matches)
    return decision_for(strong)


def ask_visit(minutes: int | None, note: str | None, next_planned: date | None,
              today: date) -> tuple[ContactKind, int | None, str | None, date | None]:
    """Kind, minutes, note and next contact, with a home visit of an hour as the default."""
    kind = _select("Kind of contact?", list(ContactKind), ContactKind.HOME)
    if minutes is None:
        minutes = _text("Minutes spent?", _count, default="60")
    if note is None:
        note = _text("Note (confidential)?")
    if next_planned is None:
        next_planned = _text("Next contact (dd/mm/yyyy, +2w, ...)?", lambda text: dates.parse_date(text, today))
    return kind, minutes, note, next_planned


def ask_plan(arrears: int | None, instalment: int | None, start: date | None,
             today: date) -> tuple[int, int, date]:
    """The amounts and start of a payment plan."""
    if arrears is None:
        arrears = _text("Arrears to pay off (euros)?", money.parse_money, optional=False)
    if instalment is None:
        instalment = _text("Monthly instalment (euros)?", money.parse_money, optional=False)
    if start is None:
        start = _text("Start date?", lambda text: dates.parse_date(text, today), optional=False,
                      default=dates.fmt(today))
    return arrears, instalment, start


def confirm(question: str, default: bool = True) -> bool:
    import questionary

    return bool(_ask(questionary.confirm(question, default=default)))


def ask_hearing(today: date) -> tuple:
    """The hearing of a court notice: (starts_at, court, room, petition date, claimed cents)."""
    starts_at = _text("Hearing date and time (dd/mm/yyyy HH:MM)?", lambda text: dates.parse_datetime(text, today),
                      optional=False)
    court = _text("Court?", optional=False)
    room = _text("Courtroom?")
    petition = _text("Date of the petition?", lambda text: dates.parse_date(text, today))
    claimed = _text("Arrears claimed (euros)?", money.parse_money)
    return starts_at, court, room, petition, claimed


def ask_case_edit(current: dict, landlords: list[str], today: date) -> dict:
    """Every editable field of a case, its current value as the default; returns the answers.

    An answer emptied with backspace clears an optional field.
    """
    import questionary

    parse_date = lambda text: dates.parse_date(text, today)  # noqa: E731
    shown = lambda value: "" if value is None else str(value)  # noqa: E731
    answers: dict = {}
    answers["tenant"] = _text("Tenant's name?", optional=False, default=shown(current["tenant"]))
    answers["address"] = _text("Address?", default=shown(current["address"]))
    answers["phone"] = _text("Phone?", default=shown(current["phone"]))
    answers["birth_date"] = _text("Birth date (dd/mm/yyyy)?", parse_date,
                                  default=dates.fmt(current["birth_date"]) if current["birth_date"] else "")
    answers["national_number"] = _text("National register number?", national_number.normalise,
                                       default=shown(current["national_number"]))
    answers["adults"] = _text("Adults in the household?", _count, default=shown(current["adults"]))
    answers["children"] = _text("Children in the household?", _count, default=shown(current["children"]))
    answers["source"] = _select("Registered by?", list(Source), Source(current["source"]))
    answers["referrer"] = _text("Who at that service (name, phone)?", default=shown(current["referrer"]))
    answers["landlord"] = _text("Landlord?", default=shown(current["landlord"]))
    if answers["landlord"] and match_key(answers["landlord"]) not in {match_key(n) for n in landlords}:
        answers["landlord_type"] = _select("New landlord: what kind?", list(LandlordType), LandlordType.PRIVATE)
    ticked = set(current["problems"] or [])
    picked = _ask(questionary.checkbox("Problems? (space to tick, Enter when done)", choices=[
        questionary.Choice(p.value, value=p.value, checked=p.value in ticked) for p in Problem]))
    answers["problems"] = [Problem(p) for p in picked]
    cents = lambda value: money.fmt(value).removeprefix("€ ") if value is not None else ""  # noqa: E731
    answers["arrears_cents"] = _text("Rent arrears in euros?", money.parse_money,
                                     default=cents(current["arrears_cents"]))
    answers["rent_cents"] = _text("Monthly rent in euros?", money.parse_money, default=cents(current["rent_cents"]))
    answers["note"] = _text("Note (confidential)?", default=shown(current["note"]))
    return answers
