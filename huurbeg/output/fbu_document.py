"""The FBU guidance agreement (begeleidingsovereenkomst) as a text to print and sign.

Its sentences are messages of the catalogue (context "agreement"), English in the code and Dutch
in huurbeg/locale, and it is written in the language asked for, whatever the screen speaks:
Dutch, the language of a Flemish agreement, unless English is asked for. Every paragraph is
wrapped to WIDTH columns; a line break inside a message is kept, so that a translation decides
where a party's second line starts. Pure: `render` takes the agreement's data
(huurbeg.domain.followup.fbu_document) and returns the text; it holds no notes, referrals or anything
else confidential. Stored text (names, addresses) goes in through render.plain, so a control
character or line break cannot break the layout.
"""

import textwrap

from huurbeg.core import dates, money
from huurbeg.domain.fbu import ADVANCE_WORKING_DAYS
from huurbeg.core.i18n import ngettext, pgettext, speaking
from huurbeg.output.render import plain
from huurbeg.domain.rules import FBU_CLAIM_NOTICE_DAYS

WIDTH = 80
"""The agreement prints on paper at 80 columns, as a terminal shows it."""
BLANK = "______________________________"
"""A line to fill in by hand where a value is not known."""
SIGNATURE = "_" * 23
SIGNATURE_COLUMN = 27
SCHEDULE_LINE = "  {seq:>3}.  {due}  {amount:>12}"
_KEEP = "\x00"
"""Holds an amount or a date together while wrapping (render.plain never lets it through from data)."""
NO_BREAK = "\u00a0"
"""What holds them together on a page laid out in a proportional font: a no-break space."""


def language(setting: str | None) -> str:
    """English when HUURBEG_LANG asks for it; Dutch, the language of the Flemish agreement, otherwise."""
    return "en" if (setting or "").strip().lower().startswith("en") else "nl"


def _literal(value) -> str:
    """Stored text through the output door (controls and line breaks shown as placeholders)."""
    return plain(value) if value else BLANK


def _whole(text: str) -> str:
    return text.replace(" ", _KEEP)


def _paragraph(text: str, first: str = "", rest: str = "") -> list[str]:
    """`text` wrapped to WIDTH, each of its own lines separately; `first` starts it, `rest` indents the others."""
    lines = []
    for number, line in enumerate(text.split("\n")):
        lead = first if number == 0 else rest
        lines += textwrap.wrap(line, WIDTH, initial_indent=lead, subsequent_indent=rest, break_long_words=False,
                               break_on_hyphens=False) or [lead.rstrip()]
    return [line.replace(_KEEP, " ") for line in lines]


def _landlord_kind(kind: str | None) -> str:
    kinds = {"private": pgettext("agreement", "private landlord"),
             "svk": pgettext("agreement", "social rental agency")}
    return kinds.get(kind or "", kind or "")


def render(data: dict, lang: str = "nl", service=None) -> str:
    """The agreement text in `lang` ("nl" or "en") from the data of followup.fbu_document; the service's
    organisation, signatory and place from `service` (huurbeg.domain.service.ServiceIdentity), blank lines without."""
    with speaking(lang):
        return text(_blocks(data, service))


def blocks(data: dict, lang: str = "nl", service=None) -> list[tuple]:
    """The agreement as its parts, in `lang`, for a page to lay out in its own font (huurbeg.output.documents): ("title",
    text), ("heading", text), ("paragraph", text, first, rest), ("row", seq, due, amount), ("gap",), ("closing",
    text) — the place and date of signing, which stays on the page of the signatures — and ("signatures",
    labels)."""
    with speaking(lang):
        return [tuple(value.replace(_KEEP, NO_BREAK) if isinstance(value, str) else value for value in part)
                for part in _blocks(data, service)]


def text(parts: list[tuple]) -> str:
    """The agreement's parts as text of WIDTH columns, its schedule and signature lines in columns."""
    out = []
    for kind, *rest in parts:
        if kind in ("title", "heading"):
            out.append(rest[0])
        elif kind in ("paragraph", "closing"):
            out += _paragraph(*rest) if kind == "paragraph" else _paragraph(rest[0])
        elif kind == "row":
            seq, due, amount = rest
            out.append(SCHEDULE_LINE.format(seq=seq, due=due, amount=amount))
        elif kind == "gap":
            out.append("")
        else:  # the signatures: the three parties side by side, a line to sign under each
            out += ["".join((label + "  ").ljust(SIGNATURE_COLUMN) for label in rest[0]).rstrip(), "", "",
                    "".join(SIGNATURE.ljust(SIGNATURE_COLUMN) for _ in rest[0]).rstrip()]
    return "\n".join(line.replace(_KEEP, " ") for line in out) + "\n"


def _blocks(data: dict, service=None) -> list[tuple]:
    amount = lambda cents: _whole(money.fmt(cents))  # noqa: E731
    day = lambda value: _whole(dates.fmt(value))  # noqa: E731
    count = len(data["schedule"])
    party = " " * 3
    organisation = getattr(service, "organisation", None)
    landlord = pgettext("agreement", "the landlord: {landlord} ({kind}),\nat {address}, hereafter \"the landlord\",") \
        if data.get("landlord_address") else pgettext("agreement", "the landlord: {landlord} ({kind}), hereafter "
                                                                   "\"the landlord\",")
    gap = ("gap",)
    return [
        ("title", pgettext("agreement", "GUIDANCE AGREEMENT")),
        ("paragraph", pgettext("agreement", "Eviction-prevention fund (Fonds ter Bestrijding van Uithuiszettingen, "
                                            "FBU)"), "", ""),
        ("paragraph", pgettext("agreement", "Case {case}").format(case=data["case"]), "", ""), gap,
        ("paragraph", pgettext("agreement", "Between"), "", ""), gap,
        ("paragraph", pgettext("agreement", "the service: {organisation},\nrepresented by {signatory}, "
                                            "hereafter \"the service\";").format(
            organisation=_literal(organisation), signatory=_literal(getattr(service, "signatory", None))),
         "1. ", party),
        ("paragraph", pgettext("agreement", "the tenant: {tenant},\nliving at {address}, hereafter \"the tenant\";")
         .format(tenant=_literal(data["tenant"]), address=_literal(data["address"])), "2. ", party),
        ("paragraph", landlord.format(landlord=_literal(data["landlord"]), kind=_landlord_kind(data["landlord_type"]),
                                      address=_literal(data.get("landlord_address"))), "3. ", party), gap,
        ("paragraph", pgettext("agreement", "the following is agreed."), "", ""), gap,
        ("heading", pgettext("agreement", "Article 1 - Rent arrears")),
        ("paragraph", pgettext("agreement", "The monthly rent is {rent}. The parties establish the rent arrears "
                                            "at {arrears}.").format(rent=amount(data["rent"]),
                                                                    arrears=amount(data["arrears"])), "", ""), gap,
        ("heading", pgettext("agreement", "Article 2 - Advance")),
        ("paragraph", pgettext("agreement", "The service pays the landlord an advance of {advance} on the arrears, "
                                            "by {due} at the latest (within {days} working days after signing).")
         .format(advance=amount(data["advance"]), due=day(data["advance_due"]), days=ADVANCE_WORKING_DAYS), "", ""),
        gap,
        ("heading", pgettext("agreement", "Article 3 - Payment plan")),
        ("paragraph", ngettext("The tenant pays the balance of {balance} to the landlord in {count} monthly "
                               "instalment:",
                               "The tenant pays the balance of {balance} to the landlord in {count} monthly "
                               "instalments:", count).format(balance=amount(data["balance"]), count=count), "", ""),
        *(("row", line["seq"], dates.fmt(line["due"]), money.fmt(line["amount"])) for line in data["schedule"]), gap,
        ("heading", pgettext("agreement", "Article 4 - Commitments of the tenant")),
        ("paragraph", pgettext("agreement", "The tenant accepts the support of the service, pays the current rent "
                                            "on time and keeps to the payment plan."), "", ""), gap,
        ("heading", pgettext("agreement", "Article 5 - Commitments of the landlord")),
        ("paragraph", pgettext("agreement", "The landlord starts no eviction claim as long as the payment plan is "
                                            "kept and no new arrears arise. When the tenant does not keep to the "
                                            "payment plan or new arrears arise, the landlord reports it to the "
                                            "service and gives the service at least {weeks} weeks to find a "
                                            "solution before going to the Justice of the Peace. At the service's "
                                            "first request the landlord confirms in writing whether the tenant's "
                                            "housing is stable.").format(weeks=FBU_CLAIM_NOTICE_DAYS // 7), "", ""),
        gap,
        ("heading", pgettext("agreement", "Article 6 - Commitments of the service")),
        ("paragraph", pgettext("agreement", "The service supports the tenant, follows up the payment plan and files "
                                            "this agreement with the Fonds ter Bestrijding van Uithuiszettingen."),
         "", ""), gap,
        ("closing", pgettext("agreement", "Signed at {blank} on {signed}, in three copies;\neach party declares to "
                                          "have received one.").format(blank=_literal(getattr(service, "place", None)),
                                                                       signed=day(data["signed"]))), gap,
        ("signatures", (pgettext("agreement", "For {organisation}").format(organisation=plain(organisation))
                        if organisation else pgettext("agreement", "For the service"),
                        pgettext("agreement", "The tenant"), pgettext("agreement", "The landlord"))),
    ]
