"""The FBU guidance agreement (begeleidingsovereenkomst) as a text to print and sign.

Two templates, Dutch and English, with named placeholders only, so that they can
move into the message catalogue as they are. Pure: `render` takes the agreement's
data (huurbeg.followup.fbu_document) and returns the text; it holds no notes,
referrals or anything else confidential. Stored text (names, addresses) goes in
through render.plain, so a control character or line break cannot break the layout.
"""

from huurbeg import dates, money
from huurbeg.render import plain

BLANK = "______________________________"
"""A line to fill in by hand where a value is not known."""
SIGNATURE = "_" * 23

TEMPLATES = {
    "nl": """\
BEGELEIDINGSOVEREENKOMST
Fonds ter Bestrijding van Uithuiszettingen (FBU)
Dossier {case}

Tussen

1. het OCMW / Sociaal Huis van {blank},
   vertegenwoordigd door {blank}, hierna "het OCMW";
2. de huurder: {tenant},
   wonende te {address}, hierna "de huurder";
3. de verhuurder: {landlord} ({landlord_kind}), hierna "de verhuurder",

wordt het volgende overeengekomen.

Artikel 1 - Huurachterstal
De maandelijkse huurprijs bedraagt {rent}. De partijen stellen de huurachterstal vast op {arrears}.

Artikel 2 - Voorschot
Het OCMW betaalt aan de verhuurder een voorschot van {advance} op de huurachterstal,
uiterlijk op {advance_due} (binnen 10 werkdagen na de ondertekening).

Artikel 3 - Afbetalingsplan
De huurder betaalt het saldo van {balance} aan de verhuurder af in {count} maandelijkse afbetaling(en):
{schedule}

Artikel 4 - Verbintenissen van de huurder
De huurder aanvaardt de begeleiding door het OCMW, betaalt de lopende huur stipt
en leeft het afbetalingsplan na.

Artikel 5 - Verbintenissen van de verhuurder
De verhuurder stelt geen vordering tot uithuiszetting in zolang het afbetalingsplan wordt
nageleefd en er geen nieuwe huurachterstal ontstaat. Leeft de huurder het afbetalingsplan
niet na of ontstaat er nieuwe huurachterstal, dan meldt de verhuurder dit aan het OCMW en
geeft hij het OCMW minstens 2 weken de tijd om een oplossing te zoeken, voor hij een
vordering instelt bij de vrederechter. Op eerste verzoek van het OCMW bevestigt de
verhuurder schriftelijk of de huurder zich in een stabiele woonsituatie bevindt.

Artikel 6 - Verbintenissen van het OCMW
Het OCMW begeleidt de huurder, volgt het afbetalingsplan op en dient deze overeenkomst in
bij het Fonds ter Bestrijding van Uithuiszettingen.

Opgemaakt te {blank} op {signed}, in drie exemplaren;
elke partij verklaart er een te hebben ontvangen.

Voor het OCMW              De huurder                 De verhuurder


{sign}    {sign}    {sign}
""",
    "en": """\
GUIDANCE AGREEMENT
Flemish eviction-prevention fund (Fonds ter Bestrijding van Uithuiszettingen, FBU)
Case {case}

Between

1. the OCMW / Sociaal Huis of {blank},
   represented by {blank}, hereafter "the service";
2. the tenant: {tenant},
   living at {address}, hereafter "the tenant";
3. the landlord: {landlord} ({landlord_kind}), hereafter "the landlord",

the following is agreed.

Article 1 - Rent arrears
The monthly rent is {rent}. The parties establish the rent arrears at {arrears}.

Article 2 - Advance
The service pays the landlord an advance of {advance} on the arrears,
by {advance_due} at the latest (within 10 working days after signing).

Article 3 - Payment plan
The tenant pays the balance of {balance} to the landlord in {count} monthly instalment(s):
{schedule}

Article 4 - Commitments of the tenant
The tenant accepts the support of the service, pays the current rent on time
and keeps to the payment plan.

Article 5 - Commitments of the landlord
The landlord starts no eviction claim as long as the payment plan is kept and no new
arrears arise. When the tenant does not keep to the payment plan or new arrears arise,
the landlord reports it to the service and gives the service at least 2 weeks to find a
solution before going to the Justice of the Peace. At the service's first request the
landlord confirms in writing whether the tenant's housing is stable.

Article 6 - Commitments of the service
The service supports the tenant, follows up the payment plan and files this agreement
with the Fonds ter Bestrijding van Uithuiszettingen.

Signed at {blank} on {signed}, in three copies;
each party declares to have received one.

For the service            The tenant                 The landlord


{sign}    {sign}    {sign}
""",
}
LANDLORD_KINDS = {
    "nl": {"private": "private verhuurder", "svk": "sociaal verhuurkantoor"},
    "en": {"private": "private landlord", "svk": "social rental agency"},
}
SCHEDULE_LINE = "  {seq:>3}.  {due}  {amount:>12}"


def language(setting: str | None) -> str:
    """English when HUURBEG_LANG asks for it; Dutch, the language of the Flemish agreement, otherwise."""
    return "en" if (setting or "").strip().lower().startswith("en") else "nl"


def _literal(value) -> str:
    """Stored text through the output door (controls and line breaks shown as placeholders)."""
    return plain(value) if value else BLANK


def render(data: dict, lang: str = "nl") -> str:
    """The agreement text in `lang` ("nl" or "en") from the data of followup.fbu_document."""
    schedule = "\n".join(SCHEDULE_LINE.format(seq=line["seq"], due=dates.fmt(line["due"]),
                                              amount=money.fmt(line["amount"])) for line in data["schedule"])
    kind = LANDLORD_KINDS[lang].get(data["landlord_type"], data["landlord_type"] or "")
    return TEMPLATES[lang].format(
        blank=BLANK, sign=SIGNATURE, case=data["case"], tenant=_literal(data["tenant"]), address=_literal(data["address"]),
        landlord=_literal(data["landlord"]), landlord_kind=kind, rent=money.fmt(data["rent"]),
        arrears=money.fmt(data["arrears"]), advance=money.fmt(data["advance"]),
        advance_due=dates.fmt(data["advance_due"]), balance=money.fmt(data["balance"]),
        count=len(data["schedule"]), schedule=schedule, signed=dates.fmt(data["signed"]))
