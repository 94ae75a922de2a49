"""The history of a dossier as a Dutch reader reads it.

Every write leaves one line of history in English (`huurbeg.db`): that line is data, kept as
written and exported as it is. On a Dutch screen each line that has one of the forms below is
shown in Dutch, its codes as their labels; a line of another form is shown as it was written.
"""

import re
from functools import cache

from huurbeg.core.codes import (AttachmentKind, ConciliationResult, ContactKind, Destination, DwellingKind,
                                EvictionResult, HearingResult, Outcome, Party, ReferralDestination, ReferralOutcome,
                                Source, Track, known)
from huurbeg.core.i18n import N_, _, language, pgettext
from huurbeg.core.messages import state_word, text_value

FORMS = (
    N_("opened on track {track} (registered by {source}), returning household"),
    N_("opened on track {track} (registered by {source})"),
    N_("registered again on {date} (registered by {source})"),
    N_("household kept as in open case {cases}; answered otherwise, not written: {fields}"),
    N_("household details updated at this registration: {fields}"),
    N_("consent of {party} recorded, dated {date}"),
    N_("track {track} → {to}: the admission's track change withdrawn"),
    N_("track {track} → {to}: the move of hearing {id} withdrawn with it"),
    N_("track {track} → {to} from {date}"),
    N_("closed on {date}: {outcome}; note: {note}"),
    N_("closed on {date}: {outcome}; note erased (retention)"),
    N_("closed on {date}: {outcome}"),
    N_("reopened (was closed on {date}: {outcome})"),
    N_("assigned to {worker} (was {previous})"),
    N_("{contact_kind} contact on {date} (household not reached), {minutes} min; next contact planned {next}"),
    N_("{contact_kind} contact on {date} (household not reached); next contact planned {next}"),
    N_("{contact_kind} contact on {date} (household not reached), {minutes} min"),
    N_("{contact_kind} contact on {date} (household not reached)"),
    N_("{contact_kind} contact on {date}, {minutes} min; next contact planned {next}"),
    N_("{contact_kind} contact on {date}; next contact planned {next}"),
    N_("{contact_kind} contact on {date}, {minutes} min"),
    N_("{contact_kind} contact on {date}"),
    N_("corrected: {fields}"),
    N_("contact {id} ({contact_kind}, {date}) removed; reason: {reason}"),
    N_("payment {id} (dated {date}) removed; reason: {reason}"),
    N_("agreement {id} ({party}, due {date}) removed; reason: {reason}"),
    N_("referral {id} (to {referral_destination}, {date}) removed; reason: {reason}"),
    N_("hearing {id} ({when}) removed; reason: {reason}"),
    N_("FBU agreement {id} (signed {date}) removed; reason: {reason}"),
    N_("case removed; reason: {reason}"),
    N_("contact {id} ({contact_kind}, {date}) removed; reason erased (retention)"),
    N_("payment {id} (dated {date}) removed; reason erased (retention)"),
    N_("agreement {id} ({party}, due {date}) removed; reason erased (retention)"),
    N_("referral {id} (to {referral_destination}, {date}) removed; reason erased (retention)"),
    N_("hearing {id} ({when}) removed; reason erased (retention)"),
    N_("FBU agreement {id} (signed {date}) removed; reason erased (retention)"),
    N_("case removed; reason erased (retention)"),
    N_("document {id} ({document_kind}, {date}) removed; reason: {reason}"),
    N_("document {id} ({document_kind}, {date}) removed; reason erased (retention)"),
    N_("document {id} attached: {document_kind}, {size} bytes, dated {date}"),
    N_("document {id} written to a file"), N_("case files"),
    N_("contact {id}: next contact of {date} cleared"),
    N_("contact {id} corrected: {fields}"), N_("payment {id} corrected: {fields}"),
    N_("agreement {id} corrected: {fields}"), N_("referral {id} corrected: {fields}"),
    N_("hearing {id} corrected: {fields}"),
    N_("payment plan {plan} active again"),
    N_("payment plan {plan} replaced"),
    N_("payment plan {plan}: {count} instalments from {date}"),
    N_("payment plan {plan} {status}"),
    N_("payment on plan {plan} dated {date}"),
    N_("FBU agreement {id} signed {date}: advance of {amount} EUR due {due}, balance in payment plan {plan} "
       "(advance above the fund's limit, recorded with --force)"),
    N_("FBU agreement {id} signed {date}: advance of {amount} EUR due {due}, balance in payment plan {plan}"),
    N_("FBU agreement {id}: advance paid to the landlord on {date}"),
    N_("FBU agreement {id}: filed with the Fund on {date}"),
    N_("agreement {id} ({party}) due {date}"),
    N_("agreement {id} done on {date}"),
    N_("hearing {id} on {when} at {court} (postponed from hearing {previous})"),
    N_("hearing {id} on {when} at {court}"),
    N_("conciliation {id} on {when} at {court}"),
    N_("court {court} merged into {into} (hearing {ids})"),
    N_("hearing {id}: judgment served on {date}, term {days} days"),
    N_("hearing {id}: judgment served on {date}"),
    N_("hearing {id}: eviction on {when} announced on {date}"),
    N_("hearing {id}: eviction {eviction_result} on {date}"),
    N_("hearing {id}: service of the judgment removed; reason: {reason}"),
    N_("hearing {id}: service of the judgment removed; reason erased (retention)"),
    N_("hearing {id}: eviction date removed; reason: {reason}"),
    N_("hearing {id}: eviction date removed; reason erased (retention)"),
    N_("hearing {id}: eviction result {eviction_result} removed; reason: {reason}"),
    N_("hearing {id}: eviction result {eviction_result} removed; reason erased (retention)"),
    N_("hearing {id}: {hearing_result}, eviction on {date}"),
    N_("hearing {id}: outcome {hearing_result} removed; reason: replaced by the outcome recorded next"),
    N_("hearing {id}: outcome {hearing_result} removed; reason: {reason}"),
    N_("hearing {id}: outcome {hearing_result} removed; reason erased (retention)"),
    N_("hearing {id}: {hearing_result}"),
    N_("conciliation {id}: outcome {hearing_result} removed; reason: replaced by the outcome recorded next"),
    N_("conciliation {id}: outcome {hearing_result} removed; reason: {reason}"),
    N_("conciliation {id}: outcome {hearing_result} removed; reason erased (retention)"),
    N_("conciliation {id}: {hearing_result}"),
    N_("dwelling {code} ({dwelling_kind}) added"),
    N_("admitted to {dwelling_kind} dwelling {code} on {date} until {end}"),
    N_("admitted to {dwelling_kind} dwelling {code} on {date}"),
    N_("stay extended: end {end}, review {review}"),
    N_("stay dates changed: end {end}, review {review}"),
    N_("moved out on {date} to {destination}"),
    N_("referred to {referral_destination} on {date}"),
    N_("referral {id} to {referral_destination}: {referral_result} on {date} (was {previous_result})"),
    N_("referral {id} to {referral_destination}: {referral_result} on {date}"),
    N_("personal data and free text removed (retention)"),
    N_("household merged: the cases {cases} of a duplicate household joined this household; returning household "
       "recomputed"),
    N_("household merged into that of case {number} (a duplicate); returning household recomputed"),
    N_("household merge undone: the cases {cases} have their own household again; returning household restored"),
    N_("household merge with that of case {number} undone; returning household restored"),
    N_("case show"), N_("case history"), N_("case report for the landlord"), N_("case export"),
    N_("hearing brief"), N_("case find"), N_("FBU guidance agreement printed"), N_("backup of {label} written"),
    N_("letter preview"), N_("letter to the landlord made ({format}), kept as document {id}"),
    N_("invitation to the tenant made ({format}), kept as document {id}"),
    N_("note for the Justice of the Peace made ({format}), kept as document {id}"),
    N_("FBU guidance agreement made ({format}), kept as document {id}"),
)
"""The forms of the history lines huurbeg writes, as written (English)."""

CODES = {"track": Track, "to": Track, "source": Source, "party": Party, "outcome": Outcome,
         "contact_kind": ContactKind, "hearing_result": HearingResult, "dwelling_kind": DwellingKind,
         "destination": Destination, "referral_destination": ReferralDestination,
         "referral_result": ReferralOutcome, "previous_result": ReferralOutcome,
         "document_kind": AttachmentKind, "eviction_result": EvictionResult}


def _known(enum, slug: str):
    """A slug of a code list as its code; a hearing's result may be a conciliation's (huurbeg.domain.hearings.RESULTS)."""
    found = known(enum, slug)
    return known(ConciliationResult, slug) if enum is HearingResult and found is slug else found


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})( \d{2}:\d{2})?")


def _day(value: str) -> str:
    """An ISO date in a history line as a screen shows dates: 2026-11-29 as 29/11/2026."""
    found = _ISO_DAY.fullmatch(value)
    return f"{found[3]}/{found[2]}/{found[1]}{found[4] or ''}" if found else value


@cache
def _patterns() -> list[tuple[str, re.Pattern]]:
    def pattern(form: str) -> re.Pattern:
        parts = re.split(r"\{(\w+)\}", form)
        return re.compile("".join(re.escape(part) if n % 2 == 0 else f"(?P<{part}>.+?)"
                                  for n, part in enumerate(parts)), re.DOTALL)
    return [(form, pattern(form)) for form in FORMS]


def _field_names() -> dict[str, str]:
    """The corrected fields as the history and the messages name them (huurbeg.domain.casework.EDITABLE,
    huurbeg.domain.corrections), each in the reader's language."""
    return {
        "tenant name": pgettext("field", "tenant name"), "address": pgettext("field", "address"),
        "phone": pgettext("field", "phone"), "birth date": pgettext("field", "birth date"),
        "national register number": pgettext("field", "national register number"),
        "adults": pgettext("field", "adults"), "children": pgettext("field", "children"),
        "landlord": pgettext("field", "landlord"), "landlord type": pgettext("field", "landlord type"),
        "registration source": pgettext("field", "registration source"),
        "referrer": pgettext("field", "referrer"), "problems": pgettext("field", "problems"),
        "problems the landlord reported": pgettext("field", "problems the landlord reported"),
        "arrears": pgettext("field", "arrears"), "rent": pgettext("field", "rent"), "note": pgettext("field", "note"),
        "date": pgettext("field", "date"), "kind": pgettext("field", "kind"), "minutes": pgettext("field", "minutes"),
        "next contact": pgettext("field", "next contact"), "amount": pgettext("field", "amount"),
        "reached": pgettext("field", "reached"),
        "text": pgettext("field", "text"), "due date": pgettext("field", "due date"),
        "party": pgettext("field", "party"), "court": pgettext("field", "court"), "room": pgettext("field", "room"),
        "petition date": pgettext("field", "petition date"), "claimed": pgettext("field", "claimed"),
        "proposal": pgettext("field", "proposal"),
    }


def fields_shown(fields) -> str:
    """The names of corrected fields, joined, in the reader's language (the history keeps them in English)."""
    names = _field_names() if language() == "nl" else {}
    return ", ".join(names.get(field, field) for field in fields)


_SESSION = re.compile(r"hearing (\d+)(?=[: ])")


def shown(detail: str | None, conciliations: frozenset[int] = frozenset()) -> str | None:
    """A line of history in the reader's language: as written to an English reader. A line written before a
    conciliation had its own kind names it 'hearing N'; one of the `conciliations` reads as the conciliation it
    was, where a conciliation's line has that form (the stored line stays as written)."""
    if detail and (session := _SESSION.match(detail)) and int(session[1]) in conciliations:
        as_conciliation = "conciliation" + detail.removeprefix("hearing")
        if any(pattern.fullmatch(as_conciliation) for form, pattern in _patterns() if form.startswith("conciliation")):
            detail = as_conciliation
    if not detail or language() != "nl":
        return detail
    for form, pattern in _patterns():
        if found := pattern.fullmatch(detail):
            values = {key: text_value(_known(CODES[key], value)) if key in CODES
                      else state_word(value) if key == "status" else fields_shown(value.split(", "))
                      if key == "fields" else _day(value)
                      for key, value in found.groupdict().items()}
            return _(form).format(**values)
    return detail


def _action_labels() -> dict[str, str]:
    """What each kind of history line is called on a Dutch screen (the stored word stays English)."""
    return {
        "intake": pgettext("history", "intake"), "consent": pgettext("history", "consent"),
        "contact": pgettext("history", "contact"), "plan": pgettext("history", "plan"),
        "agreement": pgettext("history", "agreement"), "payment": pgettext("history", "payment"),
        "fbu": pgettext("history", "fbu"), "hearing": pgettext("history", "hearing"),
        "track": pgettext("history", "track"), "dwelling": pgettext("history", "dwelling"),
        "transfer": pgettext("history", "transfer"), "referral": pgettext("history", "referral"),
        "close": pgettext("history", "close"), "reopen": pgettext("history", "reopen"),
        "assign": pgettext("history", "assign"), "edit": pgettext("history", "edit"),
        "correct": pgettext("history", "correct"), "remove": pgettext("history", "remove"),
        "merge": pgettext("history", "merge"), "unmerge": pgettext("history", "unmerge"),
        "purge": pgettext("history", "purge"),
        "read": pgettext("history", "read"), "backup": pgettext("history", "backup"),
        "copy": pgettext("history", "copy"), "attach": pgettext("history", "attach"),
        "letter": pgettext("history", "letter"),
    }


def shown_entry(entry: dict, conciliations: frozenset[int] = frozenset()) -> dict:
    """One row of `case history` as its reader reads it on screen: the kind and the line translated."""
    if language() != "nl":
        return entry | {"detail": shown(entry["detail"], conciliations)}
    return entry | {"action": _action_labels().get(entry["action"], entry["action"]),
                    "detail": shown(entry["detail"], conciliations)}
