"""The codes of the domain, as the lowercase slugs used on the command line and in files.

Each enum is one list of the glossary in DESIGN.md. Stored values are the slugs,
so a slug must never change once released; new members may be added.
"""

from enum import StrEnum


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


class Status(StrEnum):
    """Whether a case is running."""

    OPEN = "open"
    CLOSED = "closed"


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


def choices(enum: type[StrEnum]) -> str:
    """The valid slugs of a code list, for help texts and error messages."""
    return ", ".join(member.value for member in enum)


def parse_code(enum: type[StrEnum], text: str, what: str) -> StrEnum:
    """The member whose slug is `text` (case and surrounding blanks ignored)."""
    slug = text.strip().lower()
    try:
        return enum(slug)
    except ValueError:
        article = "an" if what[:1] in "aeiou" else "a"
        raise ValueError(f"{text!r} is not {article} {what}; use one of: {choices(enum)}") from None


LABELS: dict[StrEnum, str] = {
    Track.PW: "preventive tenancy support (preventieve woonbegeleiding)",
    Track.PRE_OGP: "conciliation before court (pre-OGP)",
    Track.OGP: "court procedure to dissolve the lease (OGP)",
    Track.DW: "transitional dwelling (doorstroomwoning)",
    Track.CRISIS: "crisis dwelling (crisisopvang)",
}
"""Words for a worker choosing from a list; the slug stays the value."""


def label(member: StrEnum) -> str:
    return f"{member.value}: {LABELS[member]}" if member in LABELS else member.value
