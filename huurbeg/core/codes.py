"""The codes of the domain, as the lowercase slugs used on the command line and in files.

Each enum is one list of the glossary in DESIGN.md. Stored values are the slugs,
so a slug must never change once released; new members may be added.
"""

from enum import StrEnum
from typing import Any, TypeVar

from huurbeg.core.i18n import N_, _, language
from huurbeg.core.text import quoted


class Track(StrEnum):
    """Support track (traject)."""

    PW = "pw"  # preventieve woonbegeleiding
    PRE_OGP = "pre-ogp"  # ondersteuning in een verzoeningsprocedure
    OGP = "ogp"  # ondersteuning tijdens de gerechtsprocedure tot ontbinding
    DW = "dw"  # doorstroomwoning
    CRISIS = "crisis"  # crisisopvang


class Source(StrEnum):
    """Who registered the case (aanmelding)."""

    TENANT = "tenant"
    LANDLORD = "landlord"
    OCMW = "ocmw"
    CAW = "caw"
    POLICE = "police"  # wijkpolitie
    BAILIFF = "bailiff"  # gerechtsdeurwaarder
    DOCTOR = "doctor"
    ESTATE_AGENT = "estate-agent"  # immokantoor
    COURT = "court"  # verzoekschrift van het vredegerecht
    OTHER = "other"


class LandlordType(StrEnum):
    """Kind of landlord (verhuurder)."""

    PRIVATE = "private"
    SHM = "shm"  # sociale huisvestingsmaatschappij
    SVK = "svk"  # sociaal verhuurkantoor
    OTHER = "other"


class Problem(StrEnum):
    """Problems that threaten the tenancy."""

    ARREARS = "arrears"  # huurachterstal
    HYGIENE = "hygiene"
    NUISANCE = "nuisance"  # overlast
    HOUSING_SKILLS = "housing-skills"  # wooncultuur
    NEIGHBOUR_CONFLICT = "neighbour-conflict"
    OTHER = "other"


class ContactKind(StrEnum):
    """Kind of contact (huisbezoek, ...)."""

    HOME = "home"
    OFFICE = "office"
    PHONE = "phone"
    EMAIL = "email"
    LETTER = "letter"
    CONSULTATION = "consultation"  # cliëntoverleg
    HEARING = "hearing"


class Outcome(StrEnum):
    """How a case ended."""

    EVICTION_PREVENTED = "eviction-prevented"
    REFERRED = "referred"
    TRANSIT_ADMITTED = "transit-admitted"
    REGULAR_MARKET = "regular-market"
    EVICTED = "evicted"
    SUPPORT_REFUSED = "support-refused"
    MOVED_OUT = "moved-out"
    NO_SUPPORT_NEEDED = "no-support-needed"
    OTHER = "other"


class HearingResult(StrEnum):
    """Outcome of a hearing (zitting) at the Justice of the Peace."""

    SETTLED = "settled"
    POSTPONED = "postponed"
    PLAN_IMPOSED = "plan-imposed"
    DISSOLVED = "dissolved"
    WITHDRAWN = "withdrawn"
    OTHER = "other"


class SessionKind(StrEnum):
    """What sits at the Justice of the Peace: a hearing on a petition (OGP), or a conciliation session
    (verzoening, minnelijke schikking) before any petition (pre-OGP)."""

    HEARING = "hearing"
    CONCILIATION = "conciliation"


class ConciliationResult(StrEnum):
    """Outcome of a conciliation session (verzoening) at the Justice of the Peace."""

    AGREEMENT = "agreement"
    NO_AGREEMENT = "no-agreement"
    TENANT_ABSENT = "tenant-absent"
    WITHDRAWN = "withdrawn"


class EvictionResult(StrEnum):
    """What happened on a dissolved lease's announced eviction."""

    CARRIED_OUT = "carried-out"
    AVERTED = "averted"  # stopped: arrears paid, a new agreement with the landlord, a judge's stay
    LEFT = "left"  # the household left before the bailiff came


class DwellingKind(StrEnum):
    """A dwelling the service owns."""

    TRANSIT = "transit"  # doorstroomwoning
    CRISIS = "crisis"  # crisiswoning


class Destination(StrEnum):
    """Where a household goes when it leaves a dwelling (doorstroom)."""

    REGULAR_MARKET = "regular-market"
    SOCIAL_HOUSING = "social-housing"
    FAMILY = "family"
    INSTITUTION = "institution"
    HOMELESS = "homeless"
    OTHER = "other"


class ReferralDestination(StrEnum):
    """Service a case is referred to (doorverwijzing)."""

    OCMW = "ocmw"
    CGG = "cgg"
    PSYCHIATRY = "psychiatry"
    CAW_PREVENTION = "caw-prevention"
    CAW_OTHER = "caw-other"
    FAMILY_CARE = "family-care"
    PARENTING_SUPPORT = "parenting-support"
    YOUTH_CARE = "youth-care"
    ADDICTION_CARE = "addiction-care"
    DISABILITY_SERVICES = "disability-services"
    COMMUNITY_WORK = "community-work"
    MUNICIPALITY = "municipality"
    POLICE = "police"
    TENANTS_UNION = "tenants-union"
    LAWYER = "lawyer"
    OTHER = "other"


class ReferralOutcome(StrEnum):
    """What the service a case was referred to answered."""

    ACCEPTED = "accepted"
    REFUSED = "refused"
    NO_ANSWER = "no-answer"


class Party(StrEnum):
    """Party to a consent or an agreement."""

    TENANT = "tenant"
    LANDLORD = "landlord"


class Audience(StrEnum):
    """Whom a report of `case report --for` is meant for."""

    LANDLORD = "landlord"


class Recipient(StrEnum):
    """Whom a letter (`huurbeg letter --to`) is addressed to."""

    LANDLORD = "landlord"
    TENANT = "tenant"
    COURT = "court"  # the Justice of the Peace


class AttachmentKind(StrEnum):
    """What a document kept in the dossier (bijlage) is."""

    PETITION = "petition"  # verzoekschrift
    SUMMONS = "summons"  # dagvaarding
    JUDGMENT = "judgment"  # vonnis
    AGREEMENT = "agreement"  # a signed agreement (the FBU agreement, a payment plan)
    LETTER = "letter"
    INCOME = "income"  # loonfiches, uitkeringen
    IDENTITY = "identity"
    OTHER = "other"


class Status(StrEnum):
    """Whether a case is running."""

    OPEN = "open"
    CLOSED = "closed"


class FoundIn(StrEnum):
    """The field of a case that a search (`case find`) matched best."""

    TENANT = "tenant"
    ADDRESS = "address"
    PHONE = "phone"
    NATIONAL_NUMBER = "national_number"
    LANDLORD = "landlord"
    REFERENCE = "reference"
    LANDLORD_PHONE = "landlord_phone"
    LANDLORD_EMAIL = "landlord_email"
    LANDLORD_CONTACT = "landlord_contact"


class Severity(StrEnum):
    """How pressing a warning is, from least to most."""

    INFO = "info"
    WARNING = "warning"
    URGENT = "urgent"
    OVERDUE = "overdue"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {member: rank for rank, member in enumerate(Severity)}


# --- words for people: a label per code in each language, Dutch names accepted on input --------
# (code, Dutch name typed on the command line (a slug), label on a Dutch screen). An English screen
# shows the slug itself; LONG holds the longer words a worker choosing from a list reads.

_DUTCH: list[tuple[StrEnum, tuple[str, ...], str]] = [  # (code, its Dutch names, its label)
    (Track.PW, ("preventieve-woonbegeleiding",), N_("PW")),
    (Track.PRE_OGP, ("verzoening",), N_("pre-OGP")),
    (Track.OGP, ("gerechtelijke-procedure",), N_("OGP")),
    (Track.DW, ("doorstroomwoning",), N_("DW")),
    (Track.CRISIS, ("crisisopvang", "crisiswoning"), N_("crisis shelter")),  # the seeds' word for the track
    (Source.TENANT, ("huurder",), N_("tenant")),
    (Source.LANDLORD, ("verhuurder",), N_("landlord")),
    (Source.OCMW, (), N_("OCMW")),
    (Source.CAW, (), N_("CAW")),
    (Source.POLICE, ("wijkpolitie", "politie"), N_("neighbourhood police")),
    (Source.BAILIFF, ("deurwaarder", "gerechtsdeurwaarder"), N_("bailiff")),
    (Source.DOCTOR, ("arts", "huisarts", "dokter"), N_("doctor")),
    (Source.ESTATE_AGENT, ("immokantoor", "makelaar"), N_("estate agent")),
    (Source.COURT, ("vredegerecht", "verzoekschrift"), N_("Justice of the Peace")),
    (Source.OTHER, ("andere",), N_("other")),
    (LandlordType.PRIVATE, ("privé", "prive", "privaat"), N_("private")),
    (LandlordType.SHM, (), N_("SHM")),
    (LandlordType.SVK, (), N_("SVK")),
    (LandlordType.OTHER, ("andere",), N_("other")),
    (Problem.ARREARS, ("huurachterstal", "huurachterstand", "achterstal"), N_("rent arrears")),
    (Problem.HYGIENE, ("hygiëne",), N_("hygiene")),
    (Problem.NUISANCE, ("overlast",), N_("nuisance")),
    (Problem.HOUSING_SKILLS, ("wooncultuur",), N_("housing skills")),
    (Problem.NEIGHBOUR_CONFLICT, ("burenconflict", "burenruzie"), N_("neighbour conflict")),
    (Problem.OTHER, ("andere",), N_("other")),
    (ContactKind.HOME, ("huisbezoek",), N_("home visit")),
    (ContactKind.OFFICE, ("kantoor", "kantoorafspraak"), N_("office appointment")),
    (ContactKind.PHONE, ("telefoon", "telefonisch"), N_("phone call")),
    (ContactKind.EMAIL, ("e-mail", "mail"), N_("e-mail")),
    (ContactKind.LETTER, ("brief",), N_("letter")),
    (ContactKind.CONSULTATION, ("cliëntoverleg", "clientoverleg", "overleg"), N_("client consultation")),
    (ContactKind.HEARING, ("zitting",), N_("hearing attended")),
    (Outcome.EVICTION_PREVENTED, ("uithuiszetting-voorkomen",), N_("eviction prevented")),
    (Outcome.REFERRED, ("doorverwezen",), N_("referred")),
    (Outcome.TRANSIT_ADMITTED, ("doorstroomwoning",), N_("admitted to a transitional dwelling")),
    (Outcome.REGULAR_MARKET, ("private-huurmarkt",), N_("to the private rental market")),
    (Outcome.EVICTED, ("uithuisgezet",), N_("evicted")),
    (Outcome.SUPPORT_REFUSED, ("begeleiding-geweigerd",), N_("support refused")),
    (Outcome.MOVED_OUT, ("verhuisd",), N_("moved out")),
    (Outcome.NO_SUPPORT_NEEDED, ("geen-begeleiding-nodig",), N_("no support needed")),
    (Outcome.OTHER, ("andere",), N_("other")),
    (HearingResult.SETTLED, ("akkoord", "minnelijke-regeling"), N_("settled")),
    (HearingResult.POSTPONED, ("uitgesteld", "uitstel"), N_("postponed")),
    (HearingResult.PLAN_IMPOSED, ("afbetalingsplan-opgelegd", "plan-opgelegd"), N_("payment plan imposed")),
    (HearingResult.DISSOLVED, ("ontbonden", "ontbinding"), N_("lease dissolved")),
    (HearingResult.WITHDRAWN, ("ingetrokken",), N_("withdrawn")),
    (HearingResult.OTHER, ("andere",), N_("other")),
    (SessionKind.HEARING, ("zitting",), N_("hearing")),
    (SessionKind.CONCILIATION, ("verzoening", "minnelijke-schikking"), N_("conciliation")),
    (ConciliationResult.AGREEMENT, ("akkoord", "schikking"), N_("agreement reached")),
    (ConciliationResult.NO_AGREEMENT, ("geen-akkoord",), N_("no agreement")),
    (ConciliationResult.TENANT_ABSENT, ("huurder-afwezig", "afwezig"), N_("tenant absent")),
    (ConciliationResult.WITHDRAWN, ("ingetrokken",), N_("withdrawn")),
    (EvictionResult.CARRIED_OUT, ("uitgevoerd",), N_("eviction carried out")),
    (EvictionResult.AVERTED, ("afgewend", "voorkomen"), N_("eviction averted")),
    (EvictionResult.LEFT, ("vertrokken",), N_("left before the eviction")),
    (DwellingKind.TRANSIT, ("doorstroomwoning",), N_("transitional dwelling")),
    (DwellingKind.CRISIS, ("crisiswoning",), N_("crisis dwelling")),
    (Destination.REGULAR_MARKET, ("private-huurmarkt",), N_("private rental market")),
    (Destination.SOCIAL_HOUSING, ("sociale-huurwoning", "sociale-woning"), N_("social housing")),
    (Destination.FAMILY, ("familie",), N_("family")),
    (Destination.INSTITUTION, ("instelling",), N_("institution")),
    (Destination.HOMELESS, ("dakloos",), N_("homeless")),
    (Destination.OTHER, ("andere",), N_("other")),
    (ReferralDestination.OCMW, (), N_("OCMW")),
    (ReferralDestination.CGG, (), N_("CGG")),
    (ReferralDestination.PSYCHIATRY, ("psychiatrie",), N_("psychiatry")),
    (ReferralDestination.CAW_PREVENTION, ("caw-preventie",), N_("CAW prevention")),
    (ReferralDestination.CAW_OTHER, ("caw-andere",), N_("CAW other")),
    (ReferralDestination.FAMILY_CARE, ("gezinszorg",), N_("family care")),
    (ReferralDestination.PARENTING_SUPPORT, ("opvoedingsondersteuning",), N_("parenting support")),
    (ReferralDestination.YOUTH_CARE, ("jeugdhulp",), N_("youth care")),
    (ReferralDestination.ADDICTION_CARE, ("verslavingszorg",), N_("addiction care")),
    (ReferralDestination.DISABILITY_SERVICES, ("gehandicaptenzorg",), N_("disability services")),
    (ReferralDestination.COMMUNITY_WORK, ("opbouwwerk",), N_("community work")),
    (ReferralDestination.MUNICIPALITY, ("gemeente",), N_("municipality")),
    (ReferralDestination.POLICE, ("politie",), N_("police")),
    (ReferralDestination.TENANTS_UNION, ("huurdersbond",), N_("tenants' union")),
    (ReferralDestination.LAWYER, ("advocaat",), N_("lawyer")),
    (ReferralDestination.OTHER, ("andere",), N_("other")),
    (ReferralOutcome.ACCEPTED, ("aanvaard",), N_("accepted")),
    (ReferralOutcome.REFUSED, ("geweigerd",), N_("refused")),
    (ReferralOutcome.NO_ANSWER, ("geen-antwoord",), N_("no answer")),
    (Party.TENANT, ("huurder",), N_("tenant")),
    (Party.LANDLORD, ("verhuurder",), N_("landlord")),
    (Audience.LANDLORD, ("verhuurder",), N_("landlord")),
    (Recipient.LANDLORD, ("verhuurder",), N_("landlord")),
    (Recipient.TENANT, ("huurder",), N_("tenant")),
    (Recipient.COURT, ("vredegerecht", "rechtbank"), N_("Justice of the Peace")),
    (AttachmentKind.PETITION, ("verzoekschrift",), N_("petition")),
    (AttachmentKind.SUMMONS, ("dagvaarding",), N_("summons")),
    (AttachmentKind.JUDGMENT, ("vonnis",), N_("judgment")),
    (AttachmentKind.AGREEMENT, ("overeenkomst",), N_("agreement")),
    (AttachmentKind.LETTER, ("brief",), N_("letter")),
    (AttachmentKind.INCOME, ("inkomen",), N_("income")),
    (AttachmentKind.IDENTITY, ("identiteit",), N_("identity")),
    (AttachmentKind.OTHER, ("andere",), N_("other")),
    (Status.OPEN, ("lopend",), N_("open (case)")),
    (Status.CLOSED, ("afgesloten",), N_("closed")),
    (Severity.INFO, (), N_("info")),
    (Severity.WARNING, ("waarschuwing",), N_("warning")),
    (Severity.URGENT, ("dringend",), N_("urgent")),
    (Severity.OVERDUE, ("verstreken",), N_("overdue")),
    (FoundIn.TENANT, (), N_("tenant")),
    (FoundIn.ADDRESS, (), N_("address")),
    (FoundIn.PHONE, (), N_("phone")),
    (FoundIn.NATIONAL_NUMBER, (), N_("national register number")),
    (FoundIn.LANDLORD, (), N_("landlord")),
    (FoundIn.REFERENCE, (), N_("import reference")),
    (FoundIn.LANDLORD_PHONE, (), N_("landlord's phone")),
    (FoundIn.LANDLORD_EMAIL, (), N_("landlord's e-mail")),
    (FoundIn.LANDLORD_CONTACT, (), N_("landlord's contact person")),
]
ALIASES: dict[type[StrEnum], dict[str, StrEnum]] = {}
"""Per code list, each Dutch name to its code."""
SCREEN: dict[tuple[type[StrEnum], str], str] = {}
"""Each code's label (translated where shown), by code list and slug: `police` is a source and a referral."""
for _member, _names, _label in _DUTCH:
    SCREEN[type(_member), _member.value] = _label
    for _name in _names:
        ALIASES.setdefault(type(_member), {})[_name] = _member
del _member, _names, _label, _name

LONG: dict[StrEnum, str] = {
    Track.PW: N_("preventive tenancy support (preventieve woonbegeleiding)"),
    Track.PRE_OGP: N_("conciliation before court (pre-OGP)"),
    Track.OGP: N_("court procedure to dissolve the lease (OGP)"),
    Track.DW: N_("transitional dwelling (doorstroomwoning)"),
    Track.CRISIS: N_("crisis dwelling (crisisopvang)"),
}
"""Words for a worker choosing from a list; the slug stays the value."""
LABELS = LONG  # the name this table had

WHAT: dict[str, str] = {
    "track": N_("track"), "registration source": N_("registration source"), "source": N_("registration source"),
    "landlord type": N_("landlord type"), "problem": N_("problem"), "kind of contact": N_("kind of contact"),
    "outcome": N_("outcome"), "hearing result": N_("hearing result"), "dwelling kind": N_("dwelling kind"),
    "conciliation result": N_("conciliation result"), "session kind": N_("session kind"),
    "destination": N_("destination"), "referral destination": N_("referral destination"),
    "referral outcome": N_("referral outcome"), "party": N_("party"), "status": N_("status"),
    "severity": N_("severity"), "format": N_("format"), "audience": N_("audience"), "shell": N_("shell"),
    "document kind": N_("document kind"), "eviction result": N_("eviction result"),
    "recipient": N_("recipient"),
}
"""The name of each code list, as error messages use it."""


def shown(member: StrEnum) -> str:
    """A code on screen: its Dutch label to a Dutch reader, its slug to an English one."""
    if language() == "nl" and (type(member), member.value) in SCREEN:
        return _(SCREEN[type(member), member.value])
    return member.value


def known(enum: type[StrEnum], slug: Any) -> Any:
    """A stored slug as its code, so that a screen shows its label; an unknown slug stays as it is."""
    try:
        return enum(slug)
    except ValueError:
        return slug


def names(enum: type[StrEnum]) -> list[str]:
    """What a reader types for each code: the slugs, and to a Dutch reader the first Dutch name of each."""
    if language() != "nl":
        return [member.value for member in enum]
    dutch = {member: name for name, member in reversed(ALIASES.get(enum, {}).items())}
    return [dutch.get(member, member.value) for member in enum]


def choices(enum: type[StrEnum]) -> str:
    """The valid names of a code list, for help texts and error messages, in the reader's language."""
    return ", ".join(names(enum))


Code = TypeVar("Code", bound=StrEnum)


def parse_code(enum: type[Code], text: str, what: str) -> Code:
    """The member whose slug or Dutch name is `text` (case and surrounding blanks ignored)."""
    slug = text.strip().lower()
    try:
        return enum(slug)
    except ValueError:
        pass
    if member := ALIASES.get(enum, {}).get(slug) or ALIASES.get(enum, {}).get(slug.replace(" ", "-")):
        return enum(member)  # the member itself
    typed = "-".join(slug.replace("-", " ").split())
    for code in enum:  # the label a list shows, typed as it reads ("akkoord bereikt", "akkoord-bereikt")
        if (shown_as := SCREEN.get((enum, code.value))) and typed in (
                "-".join(words.lower().replace("-", " ").split()) for words in (shown_as, _(shown_as))):
            return code
    if language() == "nl":
        raise ValueError(_("{value} is not a valid {what}; use one of: {names}").format(
            value=quoted(text), what=_(WHAT.get(what, what)), names=choices(enum))) from None
    article = "an" if what[:1] in "aeiou" else "a"
    raise ValueError(f"{quoted(text)} is not {article} {what}; use one of: {choices(enum)}") from None


def label(member: StrEnum) -> str:
    """A code with its words, as a worker choosing from a list reads it."""
    if isinstance(member, Track) and member in LONG:
        return f"{member.value}: {_(LONG[member])}"
    return shown(member)  # the slug to an English reader, its label to a Dutch one


COLUMN_CODES = {
    "track": (Track,), "to": (ReferralDestination, Track), "source": (Source,),
    "outcome": (Outcome, ReferralOutcome), "kind": (ContactKind, DwellingKind),
    "result": (HearingResult, ReferralOutcome), "destination": (Destination,),
    "party": (Party,), "status": (Status,), "severity": (Severity,),
    "landlord_type": (LandlordType,), "problems": (Problem,), "problem": (Problem,),
}
"""The code lists a table column holds, for the slugs that come from the database as plain text."""
