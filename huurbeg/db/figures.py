"""SQL aggregates for the monthly figures: each figure is one or two GROUP BY queries.

Every function takes the period's first and last day (inclusive) and returns
{breakdown value: count}; the key None is the total. No row is loaded into
Python: only grouped results are. Personal data are never selected.
"""

from datetime import UTC, date, datetime, time, timedelta
from functools import cache

from sqlalchemy import and_, case, distinct, func, or_, select

from huurbeg.db.models import (Case, CaseProblem, Contact, Dwelling, FbuAgreement, Hearing, Instalment, Landlord,
                               Payment, PaymentPlan, Referral, Stay, TrackChange)


def _track_on(case_id, on):
    """The track a case was on at a date: its latest track change up to then."""
    return (select(TrackChange.to_track).where(TrackChange.case_id == case_id, TrackChange.date <= on,
                                               TrackChange.removed_at.is_(None))
            .order_by(TrackChange.date.desc(), TrackChange.id.desc()).limit(1).scalar_subquery())


def _intake_track():
    """The track a case was registered on: its track change that came from no track."""
    return (select(TrackChange.to_track).where(TrackChange.case_id == Case.id, TrackChange.from_track.is_(None))
            .order_by(TrackChange.id).limit(1).scalar_subquery())


class Figures:
    """The aggregates of one period, on one session."""

    def __init__(self, session, first: date, last: date):
        self.session, self.first, self.last = session, first, last

    def _grouped(self, key, *where) -> dict:
        """Cases counted per value of `key`."""
        return dict(self.session.execute(select(key, func.count()).select_from(Case).where(*where)
                                         .group_by(key)).all())

    def _total(self, *where) -> int:
        return self.session.execute(select(func.count()).select_from(Case).where(*where)).scalar() or 0

    def _with_total(self, grouped: dict, total: int | None = None) -> dict:
        return {None: sum(v for v in grouped.values()) if total is None else total, **grouped}

    # --- intake -------------------------------------------------------------
    def _new(self):
        return Case.intake_date.between(self.first, self.last)

    def new_cases(self, dimension: str | None) -> dict:
        if dimension == "track":
            return self._with_total(self._grouped(_intake_track(), self._new()))
        if dimension == "source":
            return self._with_total(self._grouped(Case.source, self._new()))
        if dimension == "landlord_type":
            kind = func.coalesce(Landlord.kind, "none")
            query = (select(kind, func.count()).select_from(Case).outerjoin(Landlord, Landlord.id == Case.landlord_id)
                     .where(self._new()).group_by(kind))
            return self._with_total(dict(self.session.execute(query).all()))
        if dimension == "problem":
            query = (select(CaseProblem.problem, func.count(distinct(Case.id))).select_from(Case)
                     .join(CaseProblem, CaseProblem.case_id == Case.id).where(self._new())
                     .group_by(CaseProblem.problem))
            return self._with_total(dict(self.session.execute(query).all()), self._total(self._new()))
        return {None: self._total(self._new())}

    def returning_households(self) -> dict:
        return {None: self._total(self._new(), Case.returning_household.is_(True))}

    # --- caseload -----------------------------------------------------------
    def open_cases(self) -> dict:
        open_at_end = and_(Case.intake_date <= self.last,
                           or_(Case.closed_date.is_(None), Case.closed_date > self.last))
        return self._with_total(self._grouped(_track_on(Case.id, self.last), open_at_end))

    def closed_cases(self, dimension: str) -> dict:
        closed = Case.closed_date.between(self.first, self.last)
        key = Case.outcome if dimension == "outcome" else _track_on(Case.id, Case.closed_date)
        return self._with_total(self._grouped(key, closed))

    def evictions_prevented(self) -> dict:
        prevented = and_(Case.closed_date.between(self.first, self.last), Case.outcome == "eviction-prevented")
        return self._with_total(self._grouped(_track_on(Case.id, Case.closed_date), prevented))

    # --- results ------------------------------------------------------------
    def households_referred(self) -> dict:
        query = select(func.count(distinct(Referral.case_id))).where(Referral.date.between(self.first, self.last),
                                                                     Referral.removed_at.is_(None))
        return {None: self.session.execute(query).scalar() or 0}

    def referrals(self) -> dict:
        query = (select(Referral.destination, func.count()).where(Referral.date.between(self.first, self.last),
                                                                  Referral.removed_at.is_(None))
                 .group_by(Referral.destination))
        return self._with_total(dict(self.session.execute(query).all()))

    def referral_outcomes(self) -> dict:
        outcome = func.coalesce(Referral.outcome, "pending")
        query = (select(outcome, func.count()).where(Referral.date.between(self.first, self.last),
                                                     Referral.removed_at.is_(None)).group_by(outcome))
        return self._with_total(dict(self.session.execute(query).all()))

    def admissions(self, kind: str) -> dict:
        query = (select(func.count()).select_from(Stay).join(Dwelling, Dwelling.id == Stay.dwelling_id)
                 .where(Dwelling.kind == kind, Stay.start_date.between(self.first, self.last),
                        Stay.removed_at.is_(None)))
        return {None: self.session.execute(query).scalar() or 0}

    def moves_out(self, destination: str | None = None) -> dict:
        where = [Stay.left_date.between(self.first, self.last), Stay.removed_at.is_(None)]
        if destination:
            where.append(Stay.destination == destination)
            return {None: self.session.execute(select(func.count()).select_from(Stay).where(*where)).scalar() or 0}
        query = select(Stay.destination, func.count()).where(*where).group_by(Stay.destination)
        return self._with_total(dict(self.session.execute(query).all()))

    # --- court --------------------------------------------------------------
    def hearings(self) -> dict:
        start = datetime.combine(self.first, time())
        end = datetime.combine(self.last + timedelta(days=1), time())
        result = func.coalesce(Hearing.result, "pending")
        query = (select(result, func.count()).where(Hearing.starts_at >= start, Hearing.starts_at < end,
                                                    Hearing.removed_at.is_(None))
                 .group_by(result))
        return self._with_total(dict(self.session.execute(query).all()))

    # --- work ---------------------------------------------------------------
    @cache  # noqa: B019  (one Figures lives for one period of one command)
    def _work(self) -> list[tuple]:
        """Per track on the day: contacts, home visits, minutes; one pass over the period's contacts."""
        track = _track_on(Contact.case_id, Contact.date)
        home = func.sum(case((Contact.kind == "home", 1), else_=0))
        query = (select(track, func.count(), home, func.coalesce(func.sum(Contact.minutes), 0))
                 .select_from(Contact).where(Contact.date.between(self.first, self.last), Contact.removed_at.is_(None))
                 .group_by(track))
        return self.session.execute(query).all()

    def contacts(self, home_only: bool = False, minutes: bool = False) -> dict:
        column = 3 if minutes else 2 if home_only else 1
        return self._with_total({row[0]: row[column] for row in self._work()})

    # --- workers ------------------------------------------------------------
    def by_worker(self) -> dict[str, dict[str, int]]:
        """Open at the end, new and closed in the period, per worker responsible for the case now."""
        open_at_end = and_(Case.intake_date <= self.last, or_(Case.closed_date.is_(None), Case.closed_date > self.last))
        closed = Case.closed_date.between(self.first, self.last)
        worker = func.coalesce(Case.worker, "-")
        counts = [func.sum(case((condition, 1), else_=0)) for condition in (open_at_end, self._new(), closed)]
        query = select(worker, *counts).group_by(worker)
        return {name: {"open_cases": opened or 0, "new_cases": new or 0, "closed_cases": done or 0}
                for name, opened, new, done in self.session.execute(query).all()}

    # --- housing ------------------------------------------------------------
    def dwellings(self, occupied: bool) -> dict:
        """The service's dwellings, or those occupied on the last day, by kind."""
        query = select(Dwelling.kind, func.count(distinct(Dwelling.id))).select_from(Dwelling)
        if occupied:
            query = query.join(Stay, and_(Stay.dwelling_id == Dwelling.id, Stay.start_date <= self.last,
                                          or_(Stay.left_date.is_(None), Stay.left_date > self.last),
                                          Stay.removed_at.is_(None)))
        return self._with_total(dict(self.session.execute(query.group_by(Dwelling.kind)).all()))

    # --- FBU ------------------------------------------------------------------
    @cache  # noqa: B019
    def _fbu(self) -> dict:
        """Agreements signed, advances paid (and their sum), agreements filed: one pass over the agreements."""
        def counted(column, value=1):
            return func.coalesce(func.sum(case((column.between(self.first, self.last), value), else_=0)), 0)

        row = self.session.execute(select(
            counted(FbuAgreement.signed_date), counted(FbuAgreement.paid_date),
            counted(FbuAgreement.paid_date, FbuAgreement.advance_cents), counted(FbuAgreement.filed_date))).one()
        return dict(zip(("signed", "paid", "paid_amount", "filed"), row, strict=True))

    def fbu(self, what: str) -> dict:
        return {None: self._fbu()[what]}

    def fbu_plans_broken(self) -> dict:
        """FBU plans that became broken in the period. Whether a plan is broken follows from how its
        payments settle its instalments (huurbeg.payment_plan), so the plans that could have broken
        in the period are loaded (dates and amounts only) and judged in Python: a handful a month."""
        from huurbeg.payment_plan import Instalment as Scheduled, broken_spells

        start = datetime.combine(self.first, time(), tzinfo=UTC)
        plans = dict(self.session.execute(
            select(PaymentPlan.id, PaymentPlan.ended_at).join(FbuAgreement, FbuAgreement.plan_id == PaymentPlan.id)
            .where(FbuAgreement.signed_date <= self.last,
                   or_(PaymentPlan.ended_at.is_(None), PaymentPlan.ended_at >= start))).all())
        instalments: dict[int, list] = {}
        for pid, seq, due, amount in self.session.execute(
                select(Instalment.plan_id, Instalment.seq, Instalment.due_date, Instalment.amount_cents)
                .where(Instalment.plan_id.in_(list(plans))).order_by(Instalment.plan_id, Instalment.seq)).all():
            instalments.setdefault(pid, []).append(Scheduled(seq, due, amount))
        payments: dict[int, list] = {}
        for pid, when, amount in self.session.execute(
                select(Payment.plan_id, Payment.date, Payment.amount_cents)
                .where(Payment.plan_id.in_(list(plans)), Payment.date <= self.last,
                       Payment.removed_at.is_(None))).all():
            payments.setdefault(pid, []).append((when, amount))
        broken = 0
        for pid, ended in plans.items():
            until = min(self.last, ended.date()) if ended else self.last
            if any(day >= self.first for day in broken_spells(instalments.get(pid, []), payments.get(pid, []), until)):
                broken += 1
        return {None: broken}
