"""The store of a command that writes: the ORM session of one command (SQLModel).

A Store wraps the session of one command. It records every write in the
history table with the OS user, and reads of a dossier too. Its reads of many
cases at once (the facts of the warning rules, lists, the roll) are the plain SQL
of huurbeg.db.cases, court and follow_up, shared with the Reader of lookups
(huurbeg.db.reader). It knows nothing of the service's rules (huurbeg.casework,
huurbeg.rules) and prints nothing.
"""

import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime

from sqlalchemy import and_, or_, text, update
from sqlmodel import Session, select

from huurbeg.casework import HouseholdMatch, IntakeDraft, match_key
from huurbeg.finding import Query, key_groups, search_key
from huurbeg.codes import Party, Status, Track
from huurbeg.db import area, attachments, cases, court, follow_up, intake
from huurbeg.db.cases import CaseRow
from huurbeg.db.history import NOTE, REASON, REASON_ERASED, os_user
from huurbeg.db.models import (Agreement, Attachment, Case, CaseProblem, Consent, Contact, Dwelling, FbuAgreement,
                               Hearing, History, Household, HouseholdMerge, HouseholdMergeCase, Instalment, Landlord,
                               Payment, PaymentPlan, Referral, Setting, Stay, TrackChange)
from huurbeg.errors import DatabaseProblem, NotFound
from huurbeg.payment_plan import Instalment as ScheduledInstalment
from huurbeg.rules import CaseFacts
from huurbeg.i18n import _


class Store:
    """Queries and writes of one command, in one transaction."""

    def __init__(self, session: Session, damaged: str | None = None, read_only: str | None = None):
        self.session = session
        self.damaged = damaged  # what the daily check found wrong with the file: nothing may be written
        self.read_only = read_only  # why the file cannot be written: reads go unrecorded, writes are refused
        self.user = os_user()
        self._db_user: str | None = None
        self.dialect = session.get_bind().dialect.name
        self._wrote = False
        from sqlalchemy import event

        event.listen(session, "after_flush", self._written)
        event.listen(session, "do_orm_execute", self._executing)
        area.compose(self)

    @property
    def db_user(self) -> str | None:
        """The database role on a shared server (who, next to the OS user); None for a file."""
        if self.dialect != "sqlite" and self._db_user is None:
            self._db_user = self.session.execute(text("SELECT session_user")).scalar()
        return self._db_user

    @property
    def me(self) -> str:
        """The worker at the keyboard: the database role on a server, the OS user on a file."""
        return self.db_user or self.user

    # --- transaction --------------------------------------------------------
    def commit(self) -> None:
        self.session.commit()

    def _written(self, *_) -> None:
        self._wrote = True

    def _executing(self, call) -> None:  # returns None: a value would replace the statement's result
        if not call.is_select:
            self._wrote = True

    def pause(self) -> None:
        """Before a person is asked something: end a transaction that has written nothing.

        Otherwise the lock a writing command takes would be held while they type, and a
        colleague's command would wait for it and fail. What was read is read again when next
        used; a transaction that has written is kept whole (all or nothing comes first).
        """
        session = self.session
        if session.in_transaction() and not (self._wrote or session.new or session.dirty or session.deleted):
            session.rollback()

    def attempt(self):
        """A savepoint: what fails inside it is undone, the rest of the command's transaction stays."""
        return self.session.begin_nested()

    def copy_to(self, target: "Store", merge: bool) -> dict[str, int]:
        """Every row of this database into `target`, in its transaction (see huurbeg.db.copy)."""
        from huurbeg.db.copy import copy_database

        return copy_database(self.session.connection(), target.session.connection(), merge)

    def close(self) -> None:
        self.session.close()  # rolls back whatever was not committed

    def now(self) -> datetime:
        return datetime.now(UTC)

    def record(self, case: Case | None, action: str, detail: str) -> None:
        """Append to the history: who did what to which case, when.

        On a damaged or read-only file nothing is written: a read goes unrecorded, any other write is refused."""
        if self.damaged or self.read_only:
            if action == "read":
                return
            from huurbeg.db.health import damaged

            raise DatabaseProblem(damaged(self.damaged) if self.damaged else self.read_only)
        self.session.add(History(at=self.now(), os_user=self.user, db_user=self.db_user,
                                 case_id=case.id if case else None, action=action, detail=detail))

    # --- cases --------------------------------------------------------------
    def case(self, number: str, removed: bool = False) -> Case:
        """A case by its number; a withdrawn one only with `removed` (its history and the access export)."""
        return cases.check_found(self.session.exec(select(Case).where(Case.number == number)).first(), number, removed)

    def household(self, case: Case) -> Household:
        return self.session.get(Household, case.household_id)

    def landlord(self, case: Case) -> Landlord | None:
        return self.session.get(Landlord, case.landlord_id) if case.landlord_id else None

    def landlord_names(self) -> list[str]:
        return list(self.session.exec(select(Landlord.name).order_by(Landlord.name)))

    def find_landlord(self, name: str) -> Landlord | None:
        return self.session.exec(select(Landlord).where(Landlord.name_key == match_key(name))).first()

    def household_matches(self, draft: IntakeDraft) -> list[HouseholdMatch]:
        """Earlier cases of households with the same national number, name + birth date, or address."""
        return intake.matches(self.sql, draft)

    def imported_refs(self, refs: list[str]) -> set[str]:
        """The external references already in the database."""
        return set(self.session.exec(select(Case.external_ref).where(Case.external_ref.in_(refs))).all())

    def landlord_keys(self) -> set[str]:
        """The match keys of every landlord, as find_landlord compares them."""
        return set(self.session.exec(select(Landlord.name_key)).all())

    def create_case(self, draft: IntakeDraft, household_id: int | None, returning: bool,
                    external_ref: str | None = None) -> Case:
        """Write a new case with its household, landlord, problems, track and consents."""
        case_id, _ = self._register(draft, household_id, returning, external_ref)
        return self.session.get(Case, case_id)

    def import_case(self, draft: IntakeDraft, household_id: int | None, returning: bool, external_ref: str,
                    closed: tuple[str, date] | None) -> str:
        """An imported case (closed, when `closed` gives its outcome and date): its number."""
        case_id, number = self._register(draft, household_id, returning, external_ref)
        if closed is not None:
            self._writer().close(case_id, *closed, self.now())
        return number

    def _register(self, draft: IntakeDraft, household_id: int | None, returning: bool,
                  external_ref: str | None) -> tuple[int, str]:
        if self.damaged:
            from huurbeg.db.health import damaged

            raise DatabaseProblem(damaged(self.damaged))
        self._lock_numbering(draft.intake_date.year)
        return self._writer().create(draft, household_id, returning, self.now(), external_ref)

    def _writer(self):
        return intake.Writer(self.sql, worker=self.me, os_user=self.user, db_user=self.db_user)

    CASE_NUMBER_LOCK = 0x68_75_72  # "hur": the advisory-lock key of case numbering

    def _lock_numbering(self, year: int) -> None:
        """One intake at a time takes the next number of a year. SQLite: the write lock taken at
        BEGIN IMMEDIATE already serialises writers. PostgreSQL: an advisory lock held until commit."""
        if self.dialect == "postgresql":
            self.session.execute(text("SELECT pg_advisory_xact_lock(:key, :year)"),
                                 {"key": self.CASE_NUMBER_LOCK, "year": year})

    @staticmethod
    def _keys(household: Household) -> None:
        """The normalised keys the duplicate search and `case find` look in."""
        household.name_key, household.address_key = match_key(household.name), match_key(household.address)
        household.search_key = search_key(household.name, household.address, household.phone,
                                          household.national_number)

    def _landlord_named(self, name: str, kind: str | None, now: datetime) -> Landlord:
        return self.session.get(Landlord, self._writer().landlord(name, kind, now))

    # --- corrections of a case ------------------------------------------------
    def edit_case(self, case: Case, household_values: dict, case_values: dict, landlord: tuple | None | bool,
                  problems: list[str] | None, changed: list[str], reported: set[str] | None = None) -> None:
        """Write a rectification. `landlord`: (name, kind) to set, None to remove, False to keep;
        `reported`: the problems the landlord reported, None to keep the marks. A problem added here is
        not the registration's, and not the landlord's unless it is in `reported`.

        The history names the changed fields only, never an old or new value (GDPR art. 16).
        """
        if household_values:
            household = self.household(case)
            for name, value in household_values.items():
                setattr(household, name, value)
            self._keys(household)
            self.session.add(household)
        for name, value in case_values.items():
            setattr(case, name, value)
        if landlord is None:
            case.landlord_id = None
        elif landlord is not False:
            name, kind = landlord
            found = self._landlord_named(name, kind, self.now())
            if kind is not None and found.kind != kind:
                found.kind = kind
                self.session.add(found)
            case.landlord_id = found.id
        if problems is not None or reported is not None:
            current = {p.problem: p for p in self.session.exec(
                select(CaseProblem).where(CaseProblem.case_id == case.id)).all()}
            for problem, row in current.items():
                if problems is not None and problem not in problems:
                    self.session.delete(row)
                elif reported is not None and row.raised_by_landlord != (problem in reported):
                    row.raised_by_landlord = problem in reported
                    self.session.add(row)
            for problem in problems or []:
                if problem not in current:
                    self.session.add(CaseProblem(case_id=case.id, problem=problem, at_registration=False,
                                                 raised_by_landlord=problem in (reported or ())))
        self._touch(case)
        self.record(case, "edit", "corrected: " + ", ".join(changed))

    def merge_households(self, case: Case, duplicate: Case) -> list[str]:
        """OTHER's household and its cases join CASE's household (see huurbeg.casework.merge_households).

        What the merge changes is recorded first (household_merge), so that `case unmerge` can give
        it back: the absorbed household's details, the fields taken from it, every case's flag."""
        from huurbeg.casework import HOUSEHOLD_FIELDS

        keep, gone = self.household(case), self.household(duplicate)
        staying, moved = self.household_cases(case), self.household_cases(duplicate)
        filled = [name for name in HOUSEHOLD_FIELDS if getattr(keep, name) is None and getattr(gone, name) is not None]
        merge = HouseholdMerge(case_id=case.id, filled=",".join(filled) or None,
                               household_created_at=gone.created_at, created_at=self.now(),
                               **{name: getattr(gone, name) for name in HOUSEHOLD_FIELDS})
        self.session.add(merge)
        self.session.flush()
        moving = {each.id for each in moved}
        self.session.add_all(HouseholdMergeCase(merge_id=merge.id, case_id=each.id, moved=each.id in moving,
                                                returning_household=each.returning_household)
                             for each in staying + moved)
        for name in filled:
            setattr(keep, name, getattr(gone, name))
        self._keys(keep)
        self.session.add(keep)
        for each in moved:
            each.household_id = keep.id
            self._touch(each)
        self.session.flush()
        self.session.delete(gone)
        self._recompute_returning(self.household_cases(case))
        numbers = [c.number for c in moved]
        self.record(case, "merge", f"household merged: the cases {', '.join(numbers)} of a duplicate household "
                                   "joined this household; returning household recomputed")
        for each in moved:
            self.record(each, "merge", f"household merged into that of case {case.number} (a duplicate); "
                                       "returning household recomputed")
        return numbers

    def _recompute_returning(self, cases: list[Case], kept: dict[int, bool] | None = None) -> None:
        """'Returning household' of one household's cases from their dates, or as `kept` had it."""
        from huurbeg.casework import returning_flags

        flags = returning_flags([(c.id, c.intake_date, c.closed_date) for c in cases]) | (kept or {})
        for each in cases:
            each.returning_household = flags[each.id]
            self.session.add(each)

    def merge_between(self, case: Case, other: Case) -> HouseholdMerge | None:
        """The latest merge in which one of the two cases moved to the other's household."""
        from sqlalchemy.orm import aliased

        one, two = aliased(HouseholdMergeCase), aliased(HouseholdMergeCase)
        return self.session.exec(
            select(HouseholdMerge).join(one, one.merge_id == HouseholdMerge.id)
            .join(two, two.merge_id == HouseholdMerge.id)
            .where(one.case_id == case.id, two.case_id == other.id, one.moved != two.moved)
            .order_by(HouseholdMerge.id.desc())).first()

    def merge_cases(self, merge: HouseholdMerge) -> tuple[list[Case], list[Case]]:
        """The cases of a merge: (those of the household that stayed, those that moved), oldest first."""
        rows = self.session.exec(select(Case, HouseholdMergeCase.moved)
                                 .join(HouseholdMergeCase, HouseholdMergeCase.case_id == Case.id)
                                 .where(HouseholdMergeCase.merge_id == merge.id)
                                 .order_by(Case.intake_date, Case.id)).all()
        return [c for c, moved in rows if not moved], [c for c, moved in rows if moved]

    def later_merge(self, merge: HouseholdMerge, case: Case) -> tuple[str, str] | None:
        """A merge still in force, made after `merge`, that involves the household `case` is in now:
        (its CASE, a case that moved in it), to be undone first."""
        later = self.session.exec(
            select(HouseholdMerge).join(HouseholdMergeCase, HouseholdMergeCase.merge_id == HouseholdMerge.id)
            .join(Case, Case.id == HouseholdMergeCase.case_id)
            .where(HouseholdMerge.id > merge.id, HouseholdMerge.undone_at.is_(None),
                   HouseholdMerge.purged_at.is_(None), Case.household_id == case.household_id)
            .order_by(HouseholdMerge.id.desc())).first()
        if later is None:
            return None
        moved = self.merge_cases(later)[1]
        return self.session.get(Case, later.case_id).number, moved[0].number

    def merges_into(self, case: Case) -> list[HouseholdMerge]:
        """The merges into the household of `case` that still hold an absorbed household's details."""
        return list(self.session.exec(
            select(HouseholdMerge).where(HouseholdMerge.undone_at.is_(None), HouseholdMerge.purged_at.is_(None),
                                         HouseholdMerge.id.in_(
                select(HouseholdMergeCase.merge_id).join(Case, Case.id == HouseholdMergeCase.case_id)
                .where(HouseholdMergeCase.moved.is_(True), Case.household_id == case.household_id)))
            .order_by(HouseholdMerge.id)).all())

    def unmerge_households(self, merge: HouseholdMerge) -> tuple[str, list[str]]:
        """Undo a merge: the absorbed household again with its details and cases, the fields the other
        took from it given back (unless corrected since), every case's flag as before the merge."""
        from huurbeg.casework import HOUSEHOLD_FIELDS, given_back

        case = self.session.get(Case, merge.case_id)
        keep = self.household(case)
        restored = Household(created_at=merge.household_created_at or self.now(),
                             **{name: getattr(merge, name) for name in HOUSEHOLD_FIELDS})
        self._keys(restored)
        self.session.add(restored)
        for name in given_back(merge, keep):
            setattr(keep, name, None)
        self._keys(keep)
        self.session.add(keep)
        self.session.flush()
        moved = self.merge_cases(merge)[1]
        for each in moved:
            each.household_id = restored.id
            self._touch(each)
        self.session.flush()
        before = dict(self.session.exec(select(HouseholdMergeCase.case_id, HouseholdMergeCase.returning_household)
                                        .where(HouseholdMergeCase.merge_id == merge.id)).all())
        for household_case in (case, moved[0]):
            cases = self.household_cases(household_case)
            self._recompute_returning(cases, {c.id: before[c.id] for c in cases if c.id in before})
        merge.undone_at = self.now()
        for name in HOUSEHOLD_FIELDS:  # the household they describe holds them again
            setattr(merge, name, None)
        self.session.add(merge)
        numbers = [c.number for c in moved]
        self.record(case, "unmerge", f"household merge undone: the cases {', '.join(numbers)} have their own "
                                     "household again; returning household restored")
        for each in moved:
            self.record(each, "unmerge", f"household merge with that of case {case.number} undone; "
                                         "returning household restored")
        return case.number, numbers

    def problems(self, case: Case) -> list[str]:
        return list(self.session.exec(select(CaseProblem.problem).where(CaseProblem.case_id == case.id)
                                      .order_by(CaseProblem.problem)).all())

    def add_consent(self, case: Case, party: Party, when: date) -> None:
        existing = self.session.exec(select(Consent).where(Consent.case_id == case.id,
                                                           Consent.party == party)).first()
        if existing:
            existing.date = when
        else:
            self.session.add(Consent(case_id=case.id, party=party, date=when, created_at=self.now()))
        self._touch(case)
        self.record(case, "consent", f"consent of {party} recorded, dated {when.isoformat()}")

    def consents(self, case: Case) -> dict[str, date]:
        return {c.party: c.date for c in self.session.exec(select(Consent).where(Consent.case_id == case.id)).all()}

    def remove_consent(self, case: Case, party: str, reason: str) -> None:
        """A consent recorded by mistake: gone from the case; the history keeps that it was, when, and why not."""
        consent = self.session.exec(select(Consent).where(Consent.case_id == case.id, Consent.party == party)).one()
        self.session.delete(consent)
        self._touch(case)
        self.record(case, "remove", f"consent of {party} (dated {consent.date.isoformat()}) removed{REASON}{reason}")

    def change_track(self, case: Case, to: Track, when: date) -> None:
        self.session.add(TrackChange(case_id=case.id, from_track=case.track, to_track=to, date=when,
                                     created_at=self.now()))
        self.record(case, "track", f"track {case.track} → {to} from {when.isoformat()}")
        case.track = to
        self._touch(case)

    def close_case(self, case: Case, outcome: str, when: date, note: str | None = None) -> None:
        case.status, case.outcome, case.closed_date = Status.CLOSED, outcome, when
        self._touch(case)
        self.record(case, "close", f"closed on {when.isoformat()}: {outcome}" + (f"{NOTE}{note}" if note else ""))

    def reopen_case(self, case: Case) -> None:
        self.record(case, "reopen", f"reopened (was closed on {case.closed_date.isoformat()}: {case.outcome})")
        case.status, case.outcome, case.closed_date = Status.OPEN, None, None
        self._touch(case)

    WITHDRAWN_WITH_CASE = (Contact, Agreement, FbuAgreement, Hearing, Stay, Referral, TrackChange)
    """What a case's withdrawal takes along: every record of it that a view, warning or figure counts."""

    def remove_case(self, case: Case, reason: str) -> None:
        """Withdraw a case registered by mistake: it and its records stay in the database, marked, and
        leave every view, warning and figure; the history keeps who did it and why."""
        now = self.now()
        for model in self.WITHDRAWN_WITH_CASE:
            self.session.execute(update(model).where(model.case_id == case.id, model.removed_at.is_(None))
                                 .values(removed_at=now))
        plans = select(PaymentPlan.id).where(PaymentPlan.case_id == case.id)
        self.session.execute(update(Payment).where(Payment.plan_id.in_(plans), Payment.removed_at.is_(None))
                             .values(removed_at=now))
        case.removed_at = now
        self._touch(case)
        self.record(case, "remove", f"case removed{REASON}{reason}")

    def assign(self, case: Case, worker: str) -> None:
        self.record(case, "assign", f"assigned to {worker} (was {case.worker or 'nobody'})")
        case.worker = worker
        self._touch(case)

    def open_cases_of(self, worker: str) -> list[Case]:
        return list(self.session.exec(select(Case).where(Case.worker == worker, Case.status == Status.OPEN,
                                                         Case.removed_at.is_(None))
                                      .order_by(Case.year, Case.seq)).all())

    def workers(self) -> list[str]:
        """Every worker responsible for a case, open or closed."""
        return list(self.session.exec(select(Case.worker).where(Case.worker.is_not(None)).distinct()
                                      .order_by(Case.worker)).all())

    def is_login_role(self, name: str) -> bool | None:
        """Whether a database role of that name may log in; None on a file (no roles there)."""
        if self.dialect == "sqlite":
            return None
        return self.session.execute(text("SELECT count(*) FROM pg_roles WHERE rolname = :name AND rolcanlogin"),
                                    {"name": name}).scalar() > 0

    def team_standing(self, name: str) -> tuple[bool, bool, str] | None:
        """On a server, whether a role of that name can log in, whether it is a member of the team (the role
        that owns the database, as the README's team setup makes it), and the team's name; None on a file."""
        if self.dialect == "sqlite":
            return None
        login, member, team = self.session.execute(text(
            "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :name AND rolcanlogin), "
            "EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :name AND pg_has_role(oid, d.datdba, 'MEMBER')), "
            "pg_get_userbyid(d.datdba) FROM pg_database d WHERE d.datname = current_database()"),
            {"name": name}).one()
        return bool(login), bool(member), team

    def _touch(self, case: Case) -> None:
        case.updated_at = self.now()
        self.session.add(case)

    # --- contacts -----------------------------------------------------------
    def add_contact(self, case: Case, when: date, kind: str, minutes: int | None, note: str | None,
                    next_planned: date | None, reached: bool = True) -> Contact:
        contact = Contact(case_id=case.id, date=when, kind=kind, minutes=minutes, note=note,
                          next_planned=next_planned, reached=reached, created_at=self.now())
        self.session.add(contact)
        self._touch(case)
        spent = f", {minutes} min" if minutes is not None else ""
        planned = f"; next contact planned {next_planned.isoformat()}" if next_planned else ""
        missed = "" if reached else " (household not reached)"
        self.record(case, "contact", f"{kind} contact on {when.isoformat()}{missed}{spent}{planned}")
        return contact

    def contacts(self, case: Case | None, since: date | None) -> list[tuple[Contact, str]]:
        query = select(Contact, Case.number).join(Case, Case.id == Contact.case_id)
        if case is not None:
            query = query.where(Contact.case_id == case.id)
        if since is not None:
            query = query.where(Contact.date >= since)
        query = query.where(Contact.removed_at.is_(None))
        return list(self.session.exec(query.order_by(Contact.date, Contact.id)).all())

    # --- corrections of records ----------------------------------------------
    RECORDS = {"contact": Contact, "payment": Payment, "agreement": Agreement, "referral": Referral,
               "fbu": FbuAgreement, "attachment": Attachment}

    def record_of(self, kind: str, case: Case, record_id: int):
        """A record of `case` by its kind and id; None when it does not exist, was removed, or is another case's."""
        model = self.RECORDS[kind]
        found = self.session.get(model, record_id)
        if found is None or found.removed_at is not None:
            return None
        owner = self.session.get(PaymentPlan, found.plan_id).case_id if model is Payment else found.case_id
        return found if owner == case.id else None

    def correct(self, case: Case, record, values: dict, label: str, changed: list[str]) -> None:
        """Write corrected values of a record; the history names the fields, not their values."""
        for name, value in values.items():
            setattr(record, name, value)
        self.session.add(record)
        self._touch(case)
        self.record(case, "correct", f"{label} corrected: {', '.join(changed)}")

    def remove(self, case: Case, record, label: str, reason: str) -> None:
        """Withdraw a record: it stays in the database, marked, and leaves every view and figure."""
        record.removed_at = self.now()
        self.session.add(record)
        self._touch(case)
        self.record(case, "remove", f"{label} removed{REASON}{reason}")

    # --- documents (huurbeg.db.attachments) --------------------------------------
    def attachments(self, case: Case) -> list:
        return attachments.listed(self.sql, case.id)

    def attachment(self, case: Case, attachment_id: int) -> Attachment | None:
        return self.record_of("attachment", case, attachment_id)

    def attachment_with_checksum(self, case: Case, sha256: str) -> int | None:
        return attachments.with_checksum(self.sql, case.id, sha256)

    def attachment_content(self, attachment_id: int) -> bytes | None:
        return attachments.content(self.sql, attachment_id)

    def attachment_checksum(self, attachment_id: int) -> str | None:
        return attachments.checksum(self.sql, attachment_id)

    def add_attachment(self, case: Case, kind: str, when: date, name: str, media_type: str, size: int, sha256: str,
                       note: str | None, pieces) -> int:
        """Keep a document; the history says what was kept, never its name or note."""
        if self.damaged:
            from huurbeg.db.health import damaged

            raise DatabaseProblem(damaged(self.damaged))
        new = attachments.add(self.sql, case.id, kind, when, name, media_type, size, sha256, note, self.now(), pieces)
        self._touch(case)
        self.record(case, "attach", f"document {new} attached: {kind}, {size} bytes, dated {when.isoformat()}")
        return new

    def reactivate_plan(self, case: Case, plan: PaymentPlan) -> bool:
        """A completed plan whose balance is open again (a payment was removed) is active again,
        unless another plan has become the active one since."""
        if plan.status != "completed" or self.active_plan(case) is not None:
            return False
        plan.status, plan.ended_at = "active", None
        self.session.add(plan)
        self.record(case, "plan", f"payment plan {plan.id} active again")
        return True

    def undo_stay(self, case: Case, stay: Stay, track: str, reason: str) -> str | None:
        """Withdraw a stay entered by mistake, and the track change its admission made; returns the track
        the case is back on, if it moved."""
        label = f"stay {stay.id} (admission on {stay.start_date.isoformat()})"
        self.remove(case, stay, label, reason)
        change = self.session.exec(select(TrackChange).where(
            TrackChange.case_id == case.id, TrackChange.removed_at.is_(None))
            .order_by(TrackChange.date.desc(), TrackChange.id.desc())).first()
        if change is None or change.from_track is None or change.to_track != track or case.track != track \
                or change.date != stay.start_date:
            return None
        change.removed_at = self.now()
        self.session.add(change)
        case.track = change.from_track
        self.record(case, "track", f"track {track} → {change.from_track}: the admission's track change withdrawn")
        return change.from_track

    def plan_of(self, payment: Payment) -> PaymentPlan:
        return self.session.get(PaymentPlan, payment.plan_id)

    def payments(self, plan: PaymentPlan) -> list[Payment]:
        return list(self.session.exec(select(Payment).where(Payment.plan_id == plan.id, Payment.removed_at.is_(None))
                                      .order_by(Payment.date, Payment.id)).all())

    # --- payment plans ------------------------------------------------------
    def active_plan(self, case: Case) -> PaymentPlan | None:
        return self.session.exec(select(PaymentPlan).where(PaymentPlan.case_id == case.id,
                                                           PaymentPlan.status == "active")).first()

    def latest_plan(self, case: Case) -> PaymentPlan | None:
        return self.session.exec(select(PaymentPlan).where(PaymentPlan.case_id == case.id)
                                 .order_by(PaymentPlan.id.desc())).first()

    def create_plan(self, case: Case, arrears: int, instalment: int, start: date, day: int,
                    schedule: list[ScheduledInstalment]) -> PaymentPlan:
        """A new active plan with its instalments; an active plan it replaces is kept as 'replaced'."""
        now = self.now()
        previous = self.active_plan(case)
        if previous is not None:
            previous.status, previous.ended_at = "replaced", now
            self.session.add(previous)
            self.record(case, "plan", f"payment plan {previous.id} replaced")
        plan = PaymentPlan(case_id=case.id, arrears_cents=arrears, instalment_cents=instalment,
                           start_date=start, day_of_month=day, status="active", created_at=now)
        self.session.add(plan)
        self.session.flush()
        self.session.add_all(Instalment(plan_id=plan.id, seq=i.seq, due_date=i.due, amount_cents=i.amount)
                             for i in schedule)
        self._touch(case)
        self.record(case, "plan", f"payment plan {plan.id}: {len(schedule)} instalments from "
                                  f"{schedule[0].due.isoformat()}")
        return plan

    def plan_lines(self, plan: PaymentPlan) -> tuple[list[ScheduledInstalment], list[tuple[date, int]]]:
        instalments = [ScheduledInstalment(i.seq, i.due_date, i.amount_cents) for i in self.session.exec(
            select(Instalment).where(Instalment.plan_id == plan.id).order_by(Instalment.seq)).all()]
        payments = [(p.date, p.amount_cents) for p in self.session.exec(
            select(Payment).where(Payment.plan_id == plan.id, Payment.removed_at.is_(None))
            .order_by(Payment.date, Payment.id)).all()]
        return instalments, payments

    def add_payment(self, case: Case, plan: PaymentPlan, when: date, amount: int) -> None:
        self.session.add(Payment(plan_id=plan.id, date=when, amount_cents=amount, created_at=self.now()))
        self._touch(case)
        self.record(case, "payment", f"payment on plan {plan.id} dated {when.isoformat()}")

    def end_plan(self, case: Case, plan: PaymentPlan, status: str) -> None:
        plan.status, plan.ended_at = status, self.now()
        self.session.add(plan)
        self.record(case, "plan", f"payment plan {plan.id} {status}")

    # --- FBU guidance agreements ----------------------------------------------
    def fbu_agreement(self, case: Case) -> FbuAgreement | None:
        """The latest FBU guidance agreement of a case (a withdrawn one is not)."""
        return self.session.exec(select(FbuAgreement).where(FbuAgreement.case_id == case.id,
                                                            FbuAgreement.removed_at.is_(None))
                                 .order_by(FbuAgreement.signed_date.desc(), FbuAgreement.id.desc())).first()

    def plan(self, plan_id: int) -> PaymentPlan:
        return self.session.get(PaymentPlan, plan_id)

    def add_fbu_agreement(self, case: Case, plan: PaymentPlan, signed: date, arrears: int, rent: int,
                          advance: int, advance_due: date, forced: bool) -> FbuAgreement:
        agreement = FbuAgreement(case_id=case.id, plan_id=plan.id, signed_date=signed, arrears_cents=arrears,
                                 rent_cents=rent, advance_cents=advance, advance_due=advance_due,
                                 created_at=self.now())
        self.session.add(agreement)
        self.session.flush()
        self._touch(case)
        self.record(case, "fbu", f"FBU agreement {agreement.id} signed {signed.isoformat()}: advance of "
                                 f"{advance / 100:.2f} EUR due {advance_due.isoformat()}, balance in payment plan "
                                 f"{plan.id}" + (" (advance above the fund's limit, recorded with --force)"
                                                 if forced else ""))
        return agreement

    def fbu_step(self, case: Case, agreement: FbuAgreement, step: str, when: date) -> None:
        """Record the advance as paid (`paid`) or the agreement as filed with the Fund (`filed`)."""
        setattr(agreement, f"{step}_date", when)
        self.session.add(agreement)
        self._touch(case)
        what = "advance paid to the landlord" if step == "paid" else "filed with the Fund"
        self.record(case, "fbu", f"FBU agreement {agreement.id}: {what} on {when.isoformat()}")

    # --- agreements ---------------------------------------------------------
    def add_agreement(self, case: Case, party: str, text: str, due: date) -> Agreement:
        agreement = Agreement(case_id=case.id, party=party, text=text, due_date=due, created_at=self.now())
        self.session.add(agreement)
        self.session.flush()
        self._touch(case)
        self.record(case, "agreement", f"agreement {agreement.id} ({party}) due {due.isoformat()}")
        return agreement

    def agreement(self, case: Case, agreement_id: int) -> Agreement:
        found = self.session.get(Agreement, agreement_id)
        if found is None or found.case_id != case.id or found.removed_at is not None:
            raise NotFound(_("case {number} has no agreement {agreement_id}; 'huurbeg case show {number}' lists them")
                           .format(number=case.number, agreement_id=agreement_id))
        return found

    def agreements(self, case: Case) -> list[Agreement]:
        return list(self.session.exec(select(Agreement).where(Agreement.case_id == case.id,
                                                              Agreement.removed_at.is_(None))
                                      .order_by(Agreement.due_date, Agreement.id)).all())

    def agreement_done(self, case: Case, agreement: Agreement, when: date) -> None:
        agreement.done_date = when
        self.session.add(agreement)
        self._touch(case)
        self.record(case, "agreement", f"agreement {agreement.id} done on {when.isoformat()}")

    # --- hearings -----------------------------------------------------------
    def add_hearing(self, case: Case, starts_at: datetime, court: str, room: str | None,
                    petition_date: date | None, claimed: int | None, proposal: str | None,
                    postponed_from: Hearing | None = None) -> Hearing:
        hearing = Hearing(uid=uuid.uuid4().hex, case_id=case.id, petition_date=petition_date, starts_at=starts_at,
                          court=court, room=room, claimed_cents=claimed, proposal=proposal,
                          postponed_from_id=postponed_from.id if postponed_from else None, created_at=self.now())
        self.session.add(hearing)
        self.session.flush()
        self._touch(case)
        self.record(case, "hearing", f"hearing {hearing.id} on {starts_at:%Y-%m-%d %H:%M} at {court}"
                    + (f" (postponed from hearing {postponed_from.id})" if postponed_from else ""))
        return hearing

    def hearings(self, case: Case) -> list[Hearing]:
        return list(self.session.exec(select(Hearing).where(Hearing.case_id == case.id, Hearing.removed_at.is_(None))
                                      .order_by(Hearing.starts_at, Hearing.id)).all())

    def record_outcome(self, case: Case, hearing: Hearing, result: str, when: date,
                       eviction: date | None, proposal: str | None) -> None:
        hearing.result, hearing.result_date, hearing.eviction_date = result, when, eviction
        if proposal is not None:
            hearing.proposal = proposal
        self.session.add(hearing)
        self._touch(case)
        self.record(case, "hearing", f"hearing {hearing.id}: {result}"
                    + (f", eviction on {eviction.isoformat()}" if eviction else ""))

    def withdraw_outcome(self, case: Case, hearing: Hearing, follow_up: Hearing | None, reason: str) -> None:
        """A hearing's outcome withdrawn (entered by mistake), with the new hearing its postponement made."""
        result = hearing.result
        hearing.result, hearing.result_date, hearing.eviction_date = None, None, None
        self.session.add(hearing)
        self._touch(case)
        self.record(case, "remove", f"hearing {hearing.id}: outcome {result} removed{REASON}{reason}")
        if follow_up is not None:
            self.remove(case, follow_up, f"hearing {follow_up.id} ({follow_up.starts_at:%Y-%m-%d %H:%M}), "
                                         f"set by the postponement", reason)

    def roll(self, start: datetime, end: datetime, court_name: str | None, worker: str | None = None,
             removed: bool = False) -> list[tuple]:
        """Hearings between two moments with their case, tenant, landlord and last contact."""
        return court.roll(self.sql, start, end, court_name, worker, removed)

    # --- dwellings and stays ---------------------------------------------------
    def add_dwelling(self, code: str, kind: str, address: str | None) -> Dwelling:
        dwelling = Dwelling(code=code, kind=kind, address=address, active=True, created_at=self.now())
        self.session.add(dwelling)
        self.session.flush()
        self.record(None, "dwelling", f"dwelling {code} ({kind}) added")
        return dwelling

    def dwelling(self, code: str) -> Dwelling | None:
        """The dwelling of a code typed in any case and with spaces around it (dw-1 finds DW-1); its code stays
        as stored. Compared in Python, where case folds alike on every backend; the service owns a handful."""
        code = code.strip()
        exact = self.session.exec(select(Dwelling).where(Dwelling.code == code)).first()
        if exact is not None:
            return exact
        found = [d for d in self.session.exec(select(Dwelling)).all() if d.code.strip().casefold() == code.casefold()]
        if len(found) > 1:
            raise NotFound(_("--dwelling: {code} could be {codes}; type the code as it is written")
                           .format(code=code, codes=", ".join(sorted(d.code for d in found))))
        return found[0] if found else None

    def dwelling_of(self, stay: Stay) -> Dwelling:
        return self.session.get(Dwelling, stay.dwelling_id)

    def current_stay(self, case: Case) -> Stay | None:
        return self.session.exec(select(Stay).where(Stay.case_id == case.id, Stay.left_date.is_(None),
                                                    Stay.removed_at.is_(None))).first()

    def latest_stay(self, case: Case) -> Stay | None:
        return self.session.exec(select(Stay).where(Stay.case_id == case.id, Stay.removed_at.is_(None))
                                 .order_by(Stay.start_date.desc(), Stay.id.desc())).first()

    def undo_leave(self, case: Case, stay: Stay, reason: str) -> None:
        """A move out entered by mistake withdrawn: the household lives in its dwelling again."""
        left, destination = stay.left_date, stay.destination
        stay.left_date, stay.destination = None, None
        self.session.add(stay)
        self._touch(case)
        self.record(case, "remove", f"stay {stay.id}: move out on {left.isoformat()} to {destination} removed"
                                    f"{REASON}{reason}")

    def undo_extension(self, case: Case, stay: Stay, end: date, reason: str) -> None:
        """A crisis extension entered by mistake withdrawn: the stay ends at its earlier end again."""
        stay.extensions -= 1
        stay.end_date = end
        self.session.add(stay)
        self._touch(case)
        self.record(case, "remove", f"stay {stay.id}: extension removed, end {end.isoformat()}{REASON}{reason}")

    def stay_overlapping(self, dwelling: Dwelling, on: date) -> Stay | None:
        """A stay in the dwelling that is running on `on` or starts later."""
        return self.session.exec(select(Stay).where(
            Stay.dwelling_id == dwelling.id, or_(Stay.left_date.is_(None), Stay.left_date > on),
            Stay.removed_at.is_(None))).first()

    def admit(self, case: Case, dwelling: Dwelling, when: date, end: date | None, review: date | None) -> Stay:
        stay = Stay(case_id=case.id, dwelling_id=dwelling.id, start_date=when, end_date=end, review_date=review,
                    extensions=0, created_at=self.now())
        self.session.add(stay)
        self._touch(case)
        self.record(case, "transfer", f"admitted to {dwelling.kind} dwelling {dwelling.code} on {when.isoformat()}"
                    + (f" until {end.isoformat()}" if end else ""))
        return stay

    def change_stay(self, case: Case, stay: Stay, end: date | None, review: date | None, extension: bool) -> None:
        stay.end_date, stay.review_date = end, review
        stay.extensions += 1 if extension else 0
        self.session.add(stay)
        self._touch(case)
        what = "extended" if extension else "dates changed"
        self.record(case, "transfer", f"stay {what}: end {end.isoformat() if end else '-'}, "
                                      f"review {review.isoformat() if review else '-'}")

    def leave(self, case: Case, stay: Stay, when: date, destination: str) -> None:
        stay.left_date, stay.destination = when, destination
        self.session.add(stay)
        self._touch(case)
        self.record(case, "transfer", f"moved out on {when.isoformat()} to {destination}")

    def occupancy(self, as_of: date) -> list[tuple]:
        """Every dwelling with the stay running on `as_of` (or None): (dwelling, stay, case number, tenant)."""
        from sqlalchemy.orm import aliased

        running = aliased(Stay, select(Stay).where(
            Stay.start_date <= as_of, or_(Stay.left_date.is_(None), Stay.left_date > as_of),
            Stay.removed_at.is_(None)).subquery())
        query = (select(Dwelling, running, Case.number, Household.name)
                 .outerjoin(running, running.dwelling_id == Dwelling.id)
                 .outerjoin(Case, Case.id == running.case_id)
                 .outerjoin(Household, Household.id == Case.household_id)
                 .order_by(Dwelling.kind, Dwelling.code))
        return list(self.session.exec(query).all())

    # --- referrals ------------------------------------------------------------
    def add_referral(self, case: Case, when: date, destination: str, note: str | None) -> Referral:
        referral = Referral(case_id=case.id, date=when, destination=destination, note=note, created_at=self.now())
        self.session.add(referral)
        self.session.flush()  # its number, for `refer outcome`
        self._touch(case)
        self.record(case, "referral", f"referred to {destination} on {when.isoformat()}")
        return referral

    def referrals(self, case: Case) -> list[Referral]:
        return list(self.session.exec(select(Referral).where(Referral.case_id == case.id,
                                                             Referral.removed_at.is_(None))
                                      .order_by(Referral.date, Referral.id)).all())

    def referrals_awaiting(self) -> list[tuple[Referral, str]]:
        """Referrals of open cases without an answer yet, oldest first, with their case number."""
        return list(self.session.exec(
            select(Referral, Case.number).join(Case, Case.id == Referral.case_id)
            .where(Case.status == Status.OPEN, Case.removed_at.is_(None), Referral.outcome.is_(None),
                   Referral.removed_at.is_(None))
            .order_by(Referral.date, Referral.id)).all())

    def referral_outcome(self, case: Case, referral: Referral, result: str, when: date) -> None:
        was = f" (was {referral.outcome})" if referral.outcome else ""
        referral.outcome, referral.outcome_date = result, when
        self.session.add(referral)
        self._touch(case)
        self.record(case, "referral", f"referral {referral.id} to {referral.destination}: {result} "
                                      f"on {when.isoformat()}{was}")

    # --- right of access --------------------------------------------------------
    def household_cases(self, case: Case) -> list[Case]:
        """Every case of the household of `case`, oldest first."""
        return list(self.session.exec(select(Case).where(Case.household_id == case.household_id)
                                      .order_by(Case.intake_date, Case.id)).all())

    def plans(self, case: Case) -> list[PaymentPlan]:
        return list(self.session.exec(select(PaymentPlan).where(PaymentPlan.case_id == case.id)
                                      .order_by(PaymentPlan.id)).all())

    def stays(self, case: Case) -> list[tuple[Stay, Dwelling]]:
        return list(self.session.exec(select(Stay, Dwelling).join(Dwelling, Dwelling.id == Stay.dwelling_id)
                                      .where(Stay.case_id == case.id, Stay.removed_at.is_(None))
                                      .order_by(Stay.start_date)).all())

    # --- retention --------------------------------------------------------------
    def landlord_problems(self, case: Case) -> list[str]:
        return list(self.session.exec(select(CaseProblem.problem).where(
            CaseProblem.case_id == case.id, CaseProblem.raised_by_landlord.is_(True))
            .order_by(CaseProblem.problem)).all())

    def registration_problems(self, case: Case) -> list[str]:
        """The problems that came with the case's registration (not added by a correction)."""
        return list(self.session.exec(select(CaseProblem.problem).where(
            CaseProblem.case_id == case.id, CaseProblem.at_registration.is_(True))
            .order_by(CaseProblem.problem)).all())

    def closed_before(self, day: date) -> list[Case]:
        """Cases whose personal data are still there, closed before `day` or withdrawn before it
        (a case registered by mistake is kept no longer than a closed one)."""
        withdrawn = Case.removed_at < datetime.combine(day, datetime.min.time(), UTC)
        return list(self.session.exec(select(Case).where(
            or_(and_(Case.status == Status.CLOSED, Case.closed_date < day), withdrawn), Case.purged_at.is_(None))
            .order_by(Case.closed_date, Case.id)).all())

    PURGED_BEFORE = "purged_before"
    """The setting holding the latest cut-off date a purge used (ISO)."""

    def purged_before(self) -> date | None:
        """The cut-off of the last purge: cases closed before it were purged."""
        value = self.session.execute(select(Setting.value).where(Setting.key == self.PURGED_BEFORE)).scalar()
        return date.fromisoformat(value) if value else None

    def purge(self, cases: list[Case], before: date) -> None:
        """Erase the personal data, free text and import references of these cases; keep every code,
        date and amount. The cut-off is remembered, so a re-import does not bring them back."""
        now, ids = self.now(), [c.id for c in cases]
        session = self.session
        session.execute(update(Case).where(Case.id.in_(ids)).values(note=None, referrer=None, external_ref=None,
                                                                    purged_at=now))
        session.execute(update(Contact).where(Contact.case_id.in_(ids)).values(note=None))
        session.execute(update(Agreement).where(Agreement.case_id.in_(ids)).values(text=None))
        session.execute(update(Referral).where(Referral.case_id.in_(ids)).values(note=None))
        session.execute(update(Hearing).where(Hearing.case_id.in_(ids)).values(proposal=None, room=None))
        attachments.erase(self.sql, ids)
        last = self.purged_before()
        if last is None or before > last:
            session.merge(Setting(key=self.PURGED_BEFORE, value=before.isoformat()))
        # a household or a private landlord stays known while one of its cases is not purged
        unpurged = select(Case.id).where(Case.purged_at.is_(None))
        session.execute(update(Household).where(
            Household.id.in_(select(Case.household_id).where(Case.id.in_(ids))),
            ~Household.id.in_(select(Case.household_id).where(Case.id.in_(unpurged)))).values(
            name=None, name_key=None, address=None, address_key=None, phone=None, birth_date=None,
            national_number=None, search_key=None))
        private = select(Landlord.id).where(Landlord.kind == "private", Landlord.id.in_(
            select(Case.landlord_id).where(Case.id.in_(ids))), ~Landlord.id.in_(
            select(Case.landlord_id).where(Case.id.in_(unpurged), Case.landlord_id.is_not(None))))
        for (landlord_id,) in session.execute(private).all():
            label = f"(purged landlord {landlord_id})"
            session.execute(update(Landlord).where(Landlord.id == landlord_id).values(name=label, name_key=label))
        # an absorbed household's details go with the cases of its merge (and the merge can no longer be undone)
        merges = select(HouseholdMergeCase.merge_id).where(HouseholdMergeCase.case_id.in_(ids))
        session.execute(update(HouseholdMerge).where(HouseholdMerge.id.in_(merges)).values(
            name=None, address=None, phone=None, birth_date=None, national_number=None, adults=None, children=None,
            purged_at=now))
        self._erase_removal_reasons(ids)
        self.retention.erase_closing_notes(ids)
        for case in cases:
            self.record(case, "purge", "personal data and free text removed (retention)")
        session.expire_all()

    def _erase_removal_reasons(self, ids: list[int]) -> None:
        """The worker's reason for withdrawing a record is free text in the history: the one change
        the append-only history allows (migration 0011) is a purge replacing it."""
        lines = self.session.execute(select(History.id, History.detail).where(
            History.case_id.in_(ids), History.action == "remove", History.detail.contains(REASON))).all()
        for line_id, detail in lines:
            self.session.execute(update(History).where(History.id == line_id).values(
                detail=detail.split(REASON, 1)[0] + REASON_ERASED))

    def scrub(self) -> str | None:
        """After a committed purge: rewrite an SQLite file without the free space where erased values
        may linger (VACUUM), and empty its log. None when done, else why it could not be done."""
        import sqlite3

        if self.dialect != "sqlite":
            return None
        raw = self.session.get_bind().raw_connection()
        try:
            connection = raw.driver_connection
            connection.execute("VACUUM")
            busy = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        except sqlite3.Error as exc:
            return str(exc)
        finally:
            raw.close()
        return "another program is reading the database" if busy else None

    def backup(self, target) -> None:
        """A consistent, checked copy of an SQLite database in a new file, made while others may be writing."""
        from huurbeg.db.backup import write_backup

        write_backup(self.session.connection().connection.driver_connection, target)

    # --- figures ------------------------------------------------------------
    def figures(self, first: date, last: date):
        """The SQL aggregates of one period (see huurbeg.db.figures)."""
        from huurbeg.db import sql
        from huurbeg.db.figures import Figures

        return Figures(sql.Connection(self.session.connection(), self.dialect), first, last)

    # --- lookups ------------------------------------------------------------
    def case_rows(self, track: Track | None, status: Status | None, worker: str | None = None,
                  landlord: str | None = None) -> list[CaseRow]:
        key = (match_key(landlord) or "") if landlord is not None else None
        return cases.rows(self.sql, track, status, worker, key)

    def find_candidates(self, query: Query, status: Status | None) -> list[tuple]:
        """Cases that may match a search, narrowed in SQL on the normalised keys (huurbeg.finding)."""
        return cases.candidates(self.sql, key_groups(query), status)

    def log_reads(self, case_ids: Iterable[int], what: str) -> None:
        """A read of each of these dossiers, in the history (e.g. shown by `case find`)."""
        now = self.now()
        self.session.add_all(History(at=now, os_user=self.user, db_user=self.db_user, case_id=case_id,
                                     action="read", detail=what) for case_id in case_ids)

    @property
    def sql(self):
        """Plain SQL (huurbeg.db.sql) in this session's transaction, after what it holds is written."""
        from huurbeg.db.sql import Connection

        self.session.flush()
        return Connection(self.session.connection(), self.dialect)

    def facts(self, numbers: Sequence[str] | None = None, worker: str | None = None) -> list[CaseFacts]:
        """The facts the warning rules need, for the given cases or every open case (of a worker)."""
        return cases.facts(self.sql, numbers, worker)

    def active_plan_lines(self, case_ids: list[int]) -> tuple[dict, dict]:
        return follow_up.active_plan_lines(self.sql, case_ids)

    def dossier(self, case: Case) -> dict:
        """Everything the case show needs, except warnings (the rules add those)."""
        session = self.session
        problems = session.exec(select(CaseProblem.problem).where(CaseProblem.case_id == case.id)).all()
        consents = {party: when for party, when in session.exec(
            select(Consent.party, Consent.date).where(Consent.case_id == case.id)).all()}
        tracks = session.exec(select(TrackChange).where(TrackChange.case_id == case.id,
                                                        TrackChange.removed_at.is_(None))
                              .order_by(TrackChange.date, TrackChange.id)).all()
        contacts = session.exec(select(Contact).where(Contact.case_id == case.id, Contact.removed_at.is_(None))
                                .order_by(Contact.date, Contact.id)).all()
        return {"case": case, "household": self.household(case), "landlord": self.landlord(case),
                "problems": list(problems), "consents": consents, "tracks": list(tracks),
                "contacts": list(contacts), "agreements": self.agreements(case), "attachments": self.attachments(case),
                "has_plan": self.latest_plan(case) is not None, "timeline": self.history(case, reads=False)}

    def history(self, case: Case, *, reads: bool = True) -> list[History]:
        query = select(History).where(History.case_id == case.id)
        if not reads:
            query = query.where(History.action != "read")
        return list(self.session.exec(query.order_by(History.at, History.id)).all())

    def hearings_between(self, start: datetime, end: datetime, worker: str | None = None) -> list[tuple]:
        return court.between(self.sql, start, end, worker)

    def count_cases(self, status: Status | None = None, worker: str | None = None) -> int:
        return cases.count(self.sql, status, worker)
