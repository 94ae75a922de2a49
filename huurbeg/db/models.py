"""The schema: one SQLModel table per entity of the glossary in DESIGN.md.

Codes are stored as their slugs (see huurbeg.core.codes), money as integer cents,
dates as dates. Personal data live only in `household` and in free-text
columns (`note`, `text`, `address`), so a purge knows exactly what to erase.
Timestamps of writes are timezone-aware UTC; a hearing's start is the court's
wall-clock time. Every change goes through a migration in
huurbeg/db/migrations/versions.
"""

import datetime as dt
from typing import Any

from pydantic import NaiveDatetime

from sqlalchemy import Column, ForeignKey, Index, Integer, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel


def _fk(target: str, *, nullable: bool = False, index: bool = True) -> Any:
    """A foreign key that keeps the row it points to: deleting a referenced row is an error."""
    return Field(default=None, sa_column=Column(Integer, ForeignKey(target, ondelete="RESTRICT"),
                                                nullable=nullable, index=index))


class Household(SQLModel, table=True):
    """The tenant (huurder) and the people living with them."""

    __tablename__ = "household"
    id: int | None = Field(default=None, primary_key=True)
    name: str | None = Field(default=None, index=True)
    name_key: str | None = Field(default=None, index=True)  # casefolded, for duplicate search
    address: str | None = None
    address_key: str | None = Field(default=None, index=True)
    phone: str | None = None
    birth_date: dt.date | None = Field(default=None, index=True)
    national_number: str | None = Field(default=None, index=True)
    adults: int | None = None
    children: int | None = None
    search_key: str | None = None  # normalised name, address, phone and number, for `case find`
    # the address's numbers, for intake's check of a household written otherwise (huurbeg.domain.finding.number_key);
    # on SQLite both keys are in the trigram index household_search too (migration 0030, huurbeg.db.search)
    address_numbers: str | None = Field(default=None, index=True)
    created_at: dt.datetime


class Landlord(SQLModel, table=True):
    """A landlord (verhuurder): private, SHM, SVK or other."""

    __tablename__ = "landlord"
    id: int | None = Field(default=None, primary_key=True)
    name: str
    name_key: str = Field(index=True, unique=True)
    kind: str  # LandlordType
    created_at: dt.datetime
    # how a letter reaches them: an SHM's or SVK's desk for the service, a private landlord's own
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    contact_person: str | None = None


class Case(SQLModel, table=True):
    """A household's support trajectory (dossier), numbered YYYY-NNNN."""

    __tablename__ = "case_file"
    __table_args__ = (
        UniqueConstraint("year", "seq", name="uq_case_year_seq"),
        Index("ix_case_status_track", "status", "track"),
        Index("ix_case_file_intake_date", "intake_date"),
        Index("ix_case_file_closed_date", "closed_date"),
    )
    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True, index=True)
    year: int
    seq: int
    household_id: int | None = _fk("household.id")
    landlord_id: int | None = _fk("landlord.id", nullable=True)
    track: str  # Track: the current one; the history is in track_change
    source: str  # Source
    referrer: str | None = None
    intake_date: dt.date
    tenant_informed: bool = True
    arrears_cents: int | None = None  # at intake
    rent_cents: int | None = None  # the monthly rent
    returning_household: bool = False  # the household had an earlier, closed case
    status: str = Field(default="open")  # Status
    closed_date: dt.date | None = None
    outcome: str | None = None  # Outcome
    note: str | None = None
    external_ref: str | None = Field(default=None, unique=True)  # from an imported spreadsheet
    created_at: dt.datetime
    updated_at: dt.datetime
    purged_at: dt.datetime | None = None  # personal data removed (huurbeg purge); counts stay
    worker: str | None = Field(default=None, index=True)  # responsible: database role on a server, else OS user
    removed_at: dt.datetime | None = None  # registered by mistake, withdrawn (who and why: the history)


class HouseholdMerge(SQLModel, table=True):
    """Two households found to be one (`case merge`), kept so that a mistaken merge can be undone.

    The absorbed household's details are personal data, as a household's are: a purge of any case
    of the merge erases them (and with them the way back); undoing the merge erases them too, since
    the household they describe is then itself again.
    """

    __tablename__ = "household_merge"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = _fk("case_file.id")  # the CASE of `case merge`: its household stayed
    filled: str | None = None  # the fields the staying household took from the absorbed one, comma-separated
    name: str | None = None
    address: str | None = None
    phone: str | None = None
    birth_date: dt.date | None = None
    national_number: str | None = None
    adults: int | None = None
    children: int | None = None
    household_created_at: dt.datetime | None = None
    created_at: dt.datetime  # when merged
    undone_at: dt.datetime | None = None  # `case unmerge`
    purged_at: dt.datetime | None = None  # the absorbed household's details erased by a purge


class HouseholdMergeCase(SQLModel, table=True):
    """A case of either household at the time of a merge: whether it moved, and its 'returning household'."""

    __tablename__ = "household_merge_case"
    merge_id: int | None = Field(default=None, sa_column=Column(
        Integer, ForeignKey("household_merge.id", ondelete="RESTRICT"), primary_key=True))
    case_id: int | None = Field(default=None, sa_column=Column(
        Integer, ForeignKey("case_file.id", ondelete="RESTRICT"), primary_key=True, index=True))
    moved: bool  # from the absorbed household
    returning_household: bool  # before the merge recomputed it


class CaseProblem(SQLModel, table=True):
    """A problem threatening the tenancy; several per case."""

    __tablename__ = "case_problem"
    case_id: int | None = Field(default=None, sa_column=Column(
        Integer, ForeignKey("case_file.id", ondelete="CASCADE"), primary_key=True))
    problem: str = Field(primary_key=True)  # Problem
    raised_by_landlord: bool = False  # the landlord reported it: what a landlord may hear about
    at_registration: bool = False  # came with the registration (intake or import), not added by a correction


class TrackChange(SQLModel, table=True):
    """A case entering a track (the first row is the intake track)."""

    __tablename__ = "track_change"
    # the track of a case on a date (the figures), answered from the index alone
    __table_args__ = (Index("ix_track_change_case_date", "case_id", "date", "id", "removed_at", "to_track"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = _fk("case_file.id")
    from_track: str | None = None
    to_track: str
    date: dt.date
    created_at: dt.datetime
    removed_at: dt.datetime | None = None  # withdrawn by a worker (who and why: the history)


class Consent(SQLModel, table=True):
    """Consent of tenant or landlord to support (instemming); needed on PW."""

    __tablename__ = "consent"
    __table_args__ = (UniqueConstraint("case_id", "party", name="uq_consent_case_party"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = _fk("case_file.id")
    party: str  # Party
    date: dt.date
    created_at: dt.datetime


class Contact(SQLModel, table=True):
    """A contact with the household (huisbezoek, telefoon, cliëntoverleg, ...)."""

    __tablename__ = "contact"
    __table_args__ = (Index("ix_contact_case_date", "case_id", "date"),
                      Index("ix_contact_date_kind", "date", "kind", "case_id", "minutes", "removed_at"),
                      # each open case's latest contacts, read from the index alone (a list of every open case)
                      Index("ix_contact_case_latest", "case_id", "removed_at", "date", "reached", "next_planned"))
    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = _fk("case_file.id", index=False)
    date: dt.date
    kind: str  # ContactKind
    minutes: int | None = None
    note: str | None = None
    next_planned: dt.date | None = None
    reached: bool = True  # the household was reached (a door that stayed shut, an unanswered letter: not)
    created_at: dt.datetime
    removed_at: dt.datetime | None = None  # withdrawn by a worker (who and why: the history)


class PaymentPlan(SQLModel, table=True):
    """A payment plan for rent arrears (afbetalingsplan); one active per case."""

    __tablename__ = "payment_plan"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = _fk("case_file.id")
    arrears_cents: int
    instalment_cents: int
    start_date: dt.date
    day_of_month: int
    status: str = "active"  # active, replaced, completed
    created_at: dt.datetime
    ended_at: dt.datetime | None = None


class Instalment(SQLModel, table=True):
    """One scheduled instalment of a payment plan."""

    __tablename__ = "instalment"
    __table_args__ = (UniqueConstraint("plan_id", "seq", name="uq_instalment_plan_seq"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int | None = _fk("payment_plan.id")
    seq: int
    due_date: dt.date = Field(index=True)
    amount_cents: int


class Payment(SQLModel, table=True):
    """A payment received against a payment plan."""

    __tablename__ = "payment"
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int | None = _fk("payment_plan.id")
    date: dt.date
    amount_cents: int
    created_at: dt.datetime
    removed_at: dt.datetime | None = None  # withdrawn by a worker (who and why: the history)


class Agreement(SQLModel, table=True):
    """Something tenant or landlord agreed to do by a date (afspraak)."""

    __tablename__ = "agreement"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = _fk("case_file.id")
    party: str  # Party
    text: str | None = None
    due_date: dt.date
    done_date: dt.date | None = None
    created_at: dt.datetime
    removed_at: dt.datetime | None = None  # withdrawn by a worker (who and why: the history)


class FbuAgreement(SQLModel, table=True):
    """A guidance agreement (begeleidingsovereenkomst) backed by the Flemish eviction-prevention fund (FBU):
    the service advances part of the arrears to the landlord, the tenant pays the balance in `plan_id`."""

    __tablename__ = "fbu_agreement"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = _fk("case_file.id")
    plan_id: int | None = _fk("payment_plan.id")  # the payment plan of the balance
    signed_date: dt.date = Field(index=True)
    arrears_cents: int
    rent_cents: int  # the monthly rent when signed (arrears 2 to 6 times it)
    advance_cents: int  # paid by the service to the landlord
    advance_due: dt.date
    paid_date: dt.date | None = Field(default=None, index=True)  # the advance, to the landlord
    filed_date: dt.date | None = Field(default=None, index=True)  # with the Fund, through its portal
    created_at: dt.datetime
    removed_at: dt.datetime | None = None  # withdrawn by a worker (who and why: the history)


class Hearing(SQLModel, table=True):
    """A hearing (zitting) at the Justice of the Peace on a landlord's petition (verzoekschrift)."""

    __tablename__ = "hearing"
    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(unique=True)  # stable calendar UID
    case_id: int | None = _fk("case_file.id")
    kind: str = "hearing"  # SessionKind: a hearing on a petition, or a conciliation session (pre-OGP)
    petition_date: dt.date | None = None
    starts_at: NaiveDatetime = Field(index=True)  # wall-clock time at the court (Europe/Brussels)
    court: str = Field(index=True)
    room: str | None = None
    claimed_cents: int | None = None
    proposal: str | None = None
    result: str | None = None  # HearingResult, or ConciliationResult for a conciliation
    result_date: dt.date | None = None
    eviction_date: dt.date | None = None  # the bailiff's announced eviction (or one typed with the dissolution)
    served_date: dt.date | None = None  # the judgment served on the tenant (betekening)
    term_days: int | None = None  # the term the judge set before an eviction, when not one month
    eviction_time: str | None = None  # HH:MM of the announced eviction
    eviction_announced: dt.date | None = None  # the day the bailiff announced it to the tenant
    eviction_result: str | None = None  # EvictionResult
    eviction_result_date: dt.date | None = None
    postponed_from_id: int | None = _fk("hearing.id", nullable=True)
    created_at: dt.datetime
    removed_at: dt.datetime | None = None  # withdrawn by a worker (who and why: the history)
    sequence: int = 0  # the calendar event's SEQUENCE: raised by every change a calendar shows (huurbeg.db.court)


class Dwelling(SQLModel, table=True):
    """A transitional (doorstroomwoning) or crisis dwelling of the service."""

    __tablename__ = "dwelling"
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, index=True)
    kind: str  # DwellingKind
    address: str | None = None
    active: bool = True
    created_at: dt.datetime


class Stay(SQLModel, table=True):
    """A household living in a dwelling: admission, extensions, move out (doorstroom)."""

    __tablename__ = "stay"
    __table_args__ = (Index("ix_stay_dwelling_left", "dwelling_id", "left_date"),
                      Index("ix_stay_start_date", "start_date"), Index("ix_stay_left_date", "left_date"))
    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = _fk("case_file.id")
    dwelling_id: int | None = _fk("dwelling.id", index=False)
    start_date: dt.date
    end_date: dt.date | None = None  # planned end: fixed for crisis, optional for transit
    review_date: dt.date | None = None
    extensions: int = 0
    left_date: dt.date | None = None
    destination: str | None = None  # Destination
    created_at: dt.datetime
    removed_at: dt.datetime | None = None  # withdrawn by a worker (who and why: the history)


class Referral(SQLModel, table=True):
    """A referral of the case to another service (doorverwijzing); never shown to a landlord."""

    __tablename__ = "referral"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = _fk("case_file.id")
    date: dt.date = Field(index=True)
    destination: str  # ReferralDestination
    note: str | None = None
    outcome: str | None = None  # ReferralOutcome: accepted, refused, no-answer
    outcome_date: dt.date | None = None
    created_at: dt.datetime
    removed_at: dt.datetime | None = None  # withdrawn by a worker (who and why: the history)


class Attachment(SQLModel, table=True):
    """A document kept in the dossier (bijlage): a petition copy, a judgment, a signed agreement, a payslip.

    The bytes are in attachment_content, so that listing the documents never reads them."""

    __tablename__ = "attachment"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = _fk("case_file.id")
    kind: str  # AttachmentKind
    date: dt.date  # the document's date (of the judgment, of the letter)
    name: str | None = None  # the original file name, kept literally; erased by a purge
    media_type: str  # sniffed from the content, never from the name
    size_bytes: int
    sha256: str | None = None  # of the content; erased by a purge with it
    note: str | None = None
    created_at: dt.datetime
    removed_at: dt.datetime | None = None  # withdrawn by a worker (who and why: the history)


class AttachmentContent(SQLModel, table=True):
    """The bytes of one document."""

    __tablename__ = "attachment_content"
    attachment_id: int | None = Field(default=None, sa_column=Column(
        Integer, ForeignKey("attachment.id", ondelete="RESTRICT"), primary_key=True))
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class History(SQLModel, table=True):
    """Every write, and every read of a dossier: who, when, what. Append-only."""

    __tablename__ = "history"
    __table_args__ = (Index("ix_history_case_at", "case_id", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime
    os_user: str
    db_user: str | None = None
    case_id: int | None = Field(default=None, sa_column=Column(
        Integer, ForeignKey("case_file.id", ondelete="SET NULL"), nullable=True))
    action: str  # e.g. intake, consent, track, close, reopen, read
    detail: str | None = None  # what changed, in words without personal data


class ServiceIdentity(SQLModel, table=True):
    """The service's letterhead and signature, once for the whole team: one row."""

    __tablename__ = "service_identity"
    id: int | None = Field(default=None, primary_key=True)
    name: str | None = None  # Dienst huurbegeleiding
    organisation: str | None = None  # Sociaal Huis Mechelen
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    signatory: str | None = None  # who signs for the service
    place: str | None = None  # where documents are signed (Opgemaakt te ...)
    logo: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    logo_type: str | None = None  # image/png or image/svg+xml, sniffed from the content
    updated_at: dt.datetime


class WorkerContact(SQLModel, table=True):
    """How a worker signs the letters they send: by their login (the database role, the OS user)."""

    __tablename__ = "worker_contact"
    id: int | None = Field(default=None, primary_key=True)
    worker: str = Field(unique=True)
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    updated_at: dt.datetime


class Setting(SQLModel, table=True):
    """A fact about the database itself: the last daily check that passed, the last purge's cut-off."""

    __tablename__ = "setting"
    key: str = Field(primary_key=True)
    value: str


class Draft(SQLModel, table=True):
    """The answers typed so far in an interactive intake, visit or plan, to resume it after Ctrl-C or a No.

    Seen only by the worker who typed them; deleted when the flow is completed, after kept_until, or by a
    purge. Never part of a case: no view, figure, export or copy reads it."""

    __tablename__ = "draft"
    id: int | None = Field(default=None, primary_key=True)
    flow: str  # intake, visit or plan
    case_id: int | None = _fk("case_file.id", nullable=True)  # none for an intake: no case yet
    worker: str = Field(index=True)  # the database role on a server, the OS user on a file
    created_at: dt.datetime
    updated_at: dt.datetime
    kept_until: dt.date  # the service's day after which it is deleted
    answers: str  # JSON: field name to value, as typed and checked
