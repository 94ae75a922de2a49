"""Documents for someone outside the service: what each may say, declared field by field, once.

A letter to the landlord, an invitation to the tenant, a note for the Justice of the Peace and the
FBU guidance agreement are each a set of named fields (FIELDS): the PDF is laid out from them, the
service's own Word template is filled with them (`letter --fields` lists them), and `--preview`
shows them. A builder fills only the fields its document declares, from the state of affairs
professional secrecy allows (huurbeg.domain.secrecy): never a note, a referral, a problem the landlord did
not raise, anything health-related, or anything of another household. Stored text goes in through
messages.plain, so a control character cannot reach a page. Prints nothing.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from typing import TYPE_CHECKING

from huurbeg.core import dates
from huurbeg.domain.casework import check_open
from huurbeg.core.codes import Track
from huurbeg.core.errors import InvalidInput, MissingValue, RuleViolation
from huurbeg.core.i18n import N_, _, speaking
from huurbeg.core.messages import plain, state_word
from huurbeg.domain import hearings, secrecy
from huurbeg.domain.secrecy import SUPPORT
from huurbeg.output import fbu_document

if TYPE_CHECKING:  # the store's types only
    from huurbeg.db.area import Storage

COMMON = {
    "service_name": N_("the service's name"),
    "service_organisation": N_("the organisation the service belongs to"),
    "service_address": N_("the service's address (one line per line of the address)"),
    "service_phone": N_("the service's phone number"),
    "service_email": N_("the service's e-mail address"),
    "signatory": N_("who signs for the service"),
    "place": N_("where the document is signed"),
    "date": N_("the document's date, written out (1 december 2026)"),
    "reference": N_("the case number, the reference of the document"),
    "worker_name": N_("the worker who writes, as signed"),
    "worker_phone": N_("the worker's phone number"),
    "worker_email": N_("the worker's e-mail address"),
    "addressee": N_("to whom the document is sent"),
    "addressee_address": N_("the addressee's address (one line per line)"),
    "subject": N_("the subject line (a PDF writes it after Concerns:)"),
    "salutation": N_("the opening (Geachte ...)"),
    "body": N_("the text, one paragraph per line"),
    "closing": N_("the closing words"),
}
"""The fields of every document: the letterhead, the addressee, place and date, reference, signature."""

OWN = {
    "landlord": {
        "tenant": N_("the tenant's name"),
        "tenant_address": N_("the tenant's address"),
        "support": N_("the kind of support, in words a landlord understands"),
        "support_since": N_("since when the support runs (dd/mm/yyyy)"),
        "payment_plan": N_("whether the payment plan is kept (empty without a plan)"),
        "next_step": N_("the next step: a hearing or an agreement due (empty when none)"),
    },
    "tenant": {
        "tenant": N_("the tenant's name"),
        "appointment_date": N_("the appointment's day, with its weekday"),
        "appointment_time": N_("the appointment's time (HH:MM)"),
        "appointment_place": N_("where the appointment is (the tenant's home by default)"),
    },
    "court": {
        "tenant": N_("the tenant's name"),
        "court": N_("the court of the hearing"),
        "hearing_date": N_("the hearing's day (dd/mm/yyyy)"),
        "hearing_time": N_("the hearing's time (HH:MM)"),
        "support": N_("the kind of support, in words a landlord understands"),
        "support_since": N_("since when the support runs (dd/mm/yyyy)"),
        "payment_plan": N_("whether the payment plan is kept (empty without a plan)"),
        "proposal": N_("the service's proposal to the court (empty when none)"),
    },
    "fbu": {
        "tenant": N_("the tenant's name"),
        "tenant_address": N_("the tenant's address"),
        "landlord": N_("the landlord's name"),
        "signed": N_("the signing date (dd/mm/yyyy)"),
    },
}
"""The fields of each document besides the common ones; nothing else ever enters it."""

LABELS = {
    "service_name": N_("Service"), "service_organisation": N_("Organisation"),
    "service_address": N_("Service's address"), "service_phone": N_("Service's phone"),
    "service_email": N_("Service's e-mail"), "signatory": N_("Signed by"), "place": N_("Place"), "date": N_("Date"),
    "reference": N_("Reference"), "worker_name": N_("Worker"), "worker_phone": N_("Worker's phone"),
    "worker_email": N_("Worker's e-mail"), "addressee": N_("Addressee"), "addressee_address": N_("Addressee's address"),
    "subject": N_("Subject"), "salutation": N_("Salutation"), "body": N_("Text"), "closing": N_("Closing"),
    "tenant": N_("Tenant"), "tenant_address": N_("Tenant's address"), "support": N_("Support"),
    "support_since": N_("Support since"), "payment_plan": N_("Payment plan"), "next_step": N_("Next step"),
    "appointment_date": N_("Appointment date"), "appointment_time": N_("Appointment time"),
    "appointment_place": N_("Appointment place"), "court": N_("Court"), "hearing_date": N_("Hearing date"),
    "hearing_time": N_("Hearing time"), "proposal": N_("Proposal"), "landlord": N_("Landlord"),
    "signed": N_("Signed on"),
}
"""Each field as a person reading a preview calls it, in the reader's language; a template names it by its key."""

TITLES = {"landlord": N_("letter to the landlord"), "tenant": N_("invitation to the tenant"),
          "court": N_("note for the Justice of the Peace"), "fbu": N_("FBU guidance agreement")}
LETTERS = ("landlord", "tenant", "court")
"""The documents of `letter --to`; the FBU agreement is made by `plan fbu --document`."""

IDENTITY_NEEDED = ("name", "organisation", "address", "phone", "email", "signatory", "place")
"""The service's details every document carries (the logo is shown when there is one)."""
WORKER_NEEDED = ("name", "phone", "email")


def fields(kind: str) -> dict:
    """The fields a document of `kind` holds, name → description (a catalogue message)."""
    return COMMON | OWN[kind]


def language(option: str | None, setting: str | None) -> str:
    """The reader's language: --lang when given, else English only when HUURBEG_LANG asks for it (as for the
    FBU agreement), else Dutch, the language of a Flemish landlord, tenant and court."""
    if option is not None:
        chosen = option.strip().lower()
        if chosen not in ("nl", "en"):
            raise InvalidInput(_("{value} is not a language of the documents; use nl or en")
                               .format(value=plain(option)), field="lang")
        return chosen
    return fbu_document.language(setting)


@dataclass(frozen=True)
class Letter:
    """A document ready to be written: its kind, case, language, and the values of exactly its fields."""

    kind: str
    case: str
    lang: str
    values: dict
    logo: bytes | None = None
    logo_type: str | None = None
    parts: tuple = ()  # the FBU agreement's parts (huurbeg.output.fbu_document.blocks), laid out in the page's own font

    @property
    def paragraphs(self) -> list[str]:
        return self.values["body"].split("\n") if self.values["body"] else []


def written_date(value: date) -> str:
    """A letter's date as it is written: 1 december 2026, 1 December 2026."""
    return f"{value.day} {dates.month(value)} {value.year}"


def _text(value) -> str:
    return plain(value) if value else ""


def _address(value) -> str:
    """An address of one or more lines, each line shown literally."""
    return "\n".join(plain(line).strip() for line in str(value).replace("\r\n", "\n").split("\n")
                     if line.strip()) if value else ""


_POSTCODE = re.compile(r"^(?P<street>.*?\S)[\s,;]+(?P<town>(?:B-?)?\d{4}\s+\D.*)$", re.IGNORECASE)
"""A line that holds a street and, after it, a Belgian postcode and its town: 'Kerkstraat 11, 2800 Mechelen'."""


def postal_lines(value) -> list[str]:
    """An address as it goes in an envelope's window: the lines it was stored with, and a line typed as one
    ('Kerkstraat 11, 2800 Mechelen', 'Kerkstraat 11 bus 2 2800 Mechelen') cut before its postcode and town, so
    the street and the town each have their own line. Each line shown literally."""
    lines: list[str] = []
    for line in str(value or "").replace("\r\n", "\n").split("\n"):
        found = _POSTCODE.match(line.strip())
        lines += [found["street"].rstrip(" ,;"), found["town"]] if found else [line]
    return [plain(line).strip() for line in lines if line.strip()]


def _postal(value) -> str:
    return "\n".join(postal_lines(value))


def _common(number: str, identity, worker, when: date) -> dict:
    return {
        "service_name": _text(identity.name), "service_organisation": _text(identity.organisation),
        "service_address": _address(identity.address), "service_phone": _text(identity.phone),
        "service_email": _text(identity.email), "signatory": _text(identity.signatory),
        "place": _text(identity.place), "date": written_date(when), "reference": number,
        "worker_name": _text(worker.name if worker else None), "worker_phone": _text(worker.phone if worker else None),
        "worker_email": _text(worker.email if worker else None),
    }


def _declared(kind: str, values: dict) -> dict:
    """The values of exactly the declared fields: a builder that adds one more is a fault, not a feature."""
    wanted = fields(kind)
    if set(values) != set(wanted):
        raise AssertionError(f"{kind}: fields {sorted(set(values) ^ set(wanted))} are not as declared")
    return {name: values[name] for name in wanted}


def _open_case(store: "Storage", number: str):
    case = store.cases.case(number)
    check_open(case.status, number)
    return case


@dataclass(frozen=True)
class Unsigned:
    """A letter whose case has been checked and whose text is known, before the sender's details are asked."""

    kind: str
    case: str
    lang: str
    values: dict
    when: date


def unsigned(store: "Storage", kind: str, number: str, today: date, lang: str, *, on: date | None = None,
             at: time | None = None, place: str | None = None) -> Unsigned:
    """The text of the document of `kind` for case `number`, in `lang`, once every rule of the case allows it:
    asked before the sender's details, so a letter that cannot go asks nothing. `on`, `at` and `place` are the
    tenant's appointment, or for the other letters `on` is the letter's date."""
    if kind != "tenant":
        for value, field in ((at, "time"), (place, "place")):
            if value is not None:
                raise InvalidInput(_("only for an invitation ({field:to} tenant)"), field=field)
    case = _open_case(store, number)
    with speaking(lang):
        if kind == "landlord":
            values = _landlord(store, case, today)
            when = on or today
        elif kind == "tenant":
            values = _tenant(store, case, today, on, at, place)
            when = today
        else:
            values = _court(store, case, today)
            _check_told_the_court(store, case)
            when = on or today
    return Unsigned(kind, number, lang, values, when)


def signed(letter: Unsigned, identity, worker) -> Letter:
    """The letter on the service's paper, signed by the service and the worker."""
    with speaking(letter.lang):
        values = letter.values | _common(letter.case, identity, worker, letter.when)
        values["closing"] = _("Kind regards,")
    return Letter(letter.kind, letter.case, letter.lang, _declared(letter.kind, values), identity.logo,
                  identity.logo_type)


def _landlord(store: "Storage", case, today: date) -> dict:
    landlord = store.cases.landlord(case)
    if landlord is None:
        raise RuleViolation(_("case {number} has no landlord").format(number=case.number), field="to",
                            hint="add_landlord", number=case.number)
    report = secrecy.landlord_report(store, case.number, today)
    d = dates.fmt
    support = report["support"]
    body = [line.strip() for line in secrecy.state_of_affairs(report)]  # a letter's lines stand at its margin
    plan, next_step = secrecy.plan_standing(report), secrecy.next_step_line(report)
    contact = _text(getattr(landlord, "contact_person", None))
    return {
        "addressee": _text(landlord.name) + (f"\n{_('attn. {person}').format(person=contact)}" if contact else ""),
        "addressee_address": _postal(getattr(landlord, "address", None)),
        "subject": _("State of affairs of the support of {tenant}").format(tenant=_text(report["tenant"])),
        "salutation": _("Dear Sir or Madam,"), "body": "\n".join(body),
        "tenant": _text(report["tenant"]), "tenant_address": _address(report["address"]),
        "support": _(support["kind"]), "support_since": d(support["since"]), "payment_plan": plan,
        "next_step": next_step,
    }


def _tenant(store: "Storage", case, today: date, on: date | None, at: time | None, place: str | None) -> dict:
    if on is None:
        raise MissingValue(_("the day of the appointment is required for an invitation"), field="date")
    if at is None:
        raise MissingValue(_("the time of the appointment is required for an invitation (HH:MM)"), field="time")
    if on < today:
        raise InvalidInput(_("the appointment cannot be in the past"), field="date")
    household = store.cases.household(case)
    home = place is None
    where = _address(household.address).replace("\n", ", ") if place is None else _text(place.strip())
    day = f"{dates.weekday(on)} {on:%d/%m/%Y}"
    if home:
        invitation = _("We would like to visit you at home on {day} at {time}.").format(day=day, time=f"{at:%H:%M}")
        if not where:
            where = _("at your home")
    else:
        invitation = _("We would like to meet you on {day} at {time}, at {place}.").format(
            day=day, time=f"{at:%H:%M}", place=where)
    body = [invitation,
            _("We will talk about your housing and what we can do together so that you can keep it."),
            _("Does this moment not suit you? Please let us know, and we will look for another one together.")]
    return {
        "addressee": _text(household.name), "addressee_address": _postal(household.address),
        "subject": _("Invitation for an appointment"), "salutation": _("Dear {name},").format(
            name=_text(household.name)),
        "body": "\n".join(body), "tenant": _text(household.name), "appointment_date": day,
        "appointment_time": f"{at:%H:%M}", "appointment_place": where,
    }


def _check_told_the_court(store: "Storage", case) -> None:
    """The note says the household agreed that the court is told: professional secrecy lets it go only
    when the tenant's consent is recorded (a case opened from the court's own notice has none yet)."""
    if store.cases.consents(case).get("tenant") is None:
        raise RuleViolation(_("the tenant's consent to tell the court is not recorded for case "
                              "{number}; nothing was written").format(number=case.number), field="to",
                            hint="record_consent", number=case.number)


def _court(store: "Storage", case, today: date) -> dict:
    brief = hearings.brief(store, case.number, today)
    hearing = brief["hearing"]
    starts = hearing["starts_at"]
    household = store.cases.household(case)
    plan = state_word(brief["payment_plan"]["standing"]).replace("-", " ") if brief["payment_plan"] else ""
    court = _text(hearing["court"])
    room = _text(hearing["room"])
    if room and room.split()[0].casefold() in ("zaal", "room", "salle"):  # typed as "zaal 2": said once
        room = room.split(None, 1)[1] if len(room.split()) > 1 else ""
    body = [_("{tenant} is supported by our service since {since}: {kind}.").format(
                tenant=_text(household.name), since=dates.fmt(case.intake_date), kind=_(SUPPORT[Track(case.track)]))]
    if plan:
        body.append(_("Payment plan: {standing}.").format(standing=plan))
    if fbu := brief["fbu_agreement"]:
        if signed := fbu.get("signed"):
            body.append(_("An FBU guidance agreement was signed on {date}.").format(date=dates.fmt(signed)))
    proposal = _text(brief["proposal"])
    if proposal:
        body.append(_("Our proposal: {proposal}").format(proposal=proposal))
    body.append(_("The household agreed that the court is told this; everything else stays under professional "
                  "secrecy."))
    return {
        "addressee": _("The Justice of the Peace"), "addressee_address": court,
        "subject": (_("Tenancy support of {tenant} — hearing of {date} at {time}, room {room}") if room else
                    _("Tenancy support of {tenant} — hearing of {date} at {time}")).format(
            tenant=_text(household.name), date=dates.fmt(starts.date()), time=f"{starts:%H:%M}", room=room),
        "salutation": _("Your Honour,"), "body": "\n".join(body), "tenant": _text(household.name), "court": court,
        "hearing_date": dates.fmt(starts.date()), "hearing_time": f"{starts:%H:%M}",
        "support": _(SUPPORT[Track(case.track)]), "support_since": dates.fmt(case.intake_date),
        "payment_plan": plan, "proposal": proposal,
    }


def fbu(data: dict, text: str, identity, worker, lang: str, parts: Sequence[tuple] = ()) -> Letter:
    """The FBU guidance agreement as a document: its text (huurbeg.output.fbu_document) as the body, its parts for the
    page."""
    with speaking(lang):
        values = _common(data["case"], identity, worker, data["signed"]) | {
            "addressee": "", "addressee_address": "", "subject": "", "salutation": "", "closing": "",
            "body": text.rstrip("\n"), "tenant": _text(data["tenant"]), "tenant_address": _address(data["address"]),
            "landlord": _text(data["landlord"]), "signed": dates.fmt(data["signed"])}
    return Letter("fbu", data["case"], lang, _declared("fbu", values), identity.logo, identity.logo_type,
                  tuple(parts))


def preview(letter: Letter) -> str:
    """Every field of the document, named in the reader's words (LABELS), with its value as it will be written:
    what leaves is shown first."""
    lines = []
    with speaking(letter.lang):
        lines.append(_("{title} — case {number}").format(title=_(TITLES[letter.kind]), number=letter.case))
    labels = {name: _(LABELS[name]) for name in letter.values}
    width = max(map(len, labels.values()))
    for name, value in letter.values.items():
        shown = value.split("\n") if value else [""]
        lines.append(f"{labels[name].ljust(width)}  {shown[0]}".rstrip())
        lines += [f"{'':{width}}  {line}".rstrip() for line in shown[1:]]
    return "\n".join(lines) + "\n"


def field_list() -> list[dict]:
    """Every field a template may use: its name, what it holds, the documents that have it."""
    names = list(COMMON) + [name for kind in OWN for name in OWN[kind] if name not in COMMON]
    seen, rows = set(), []
    for name in names:
        if name in seen:
            continue
        seen.add(name)
        kinds = [kind for kind in OWN if name in fields(kind)]
        description = COMMON.get(name) or next(OWN[kind][name] for kind in kinds)
        rows.append({"field": name, "meaning": _(description),
                     "documents": ", ".join(_(TITLES[kind]) for kind in kinds) if name not in COMMON
                     else _("every document")})
    return rows

