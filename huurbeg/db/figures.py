"""SQL aggregates for the monthly figures, as plain SQL text on both SQLite and PostgreSQL.

Every method returns {breakdown value: count} for the period from `first` to `last`
(both days included); the key None is the total. No row is loaded into Python: only
grouped results are, and personal data are never selected.

The figures of one area are counted in one pass and kept: the new cases once by track at
intake, source and landlord type together; the closed cases once by outcome and track
when closed (which gives the evictions prevented too); the stays, referrals, contacts and
dwellings once each. So `stats` asks every question once, whichever figures and
breakdowns read the answer (huurbeg.domain.figures asks for a total and then its breakdowns).

Runs through huurbeg.db.sql.Connection, so a file is read with `sqlite3` alone: this
module imports neither SQLAlchemy nor the models.
"""

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from huurbeg.db.sql import Connection, in_list

TRACK_ON = """(SELECT t.to_track FROM track_change t
               WHERE t.case_id = {case} AND t.date <= {on} AND t.removed_at IS NULL
               ORDER BY t.date DESC, t.id DESC LIMIT 1)"""
"""The track a case was on at a date: its latest track change up to then (index ix_track_change_case_date)."""

INTAKE_TRACK = """(SELECT t.to_track FROM track_change t
                   WHERE t.case_id = c.id AND t.from_track IS NULL ORDER BY t.id LIMIT 1)"""
"""The track a case was registered on: its track change that came from no track."""

NEW_CASES = f"""
SELECT track, source, landlord_type, count(*) AS n FROM (
    SELECT {INTAKE_TRACK} AS track, c.source AS source, coalesce(l.kind, 'none') AS landlord_type
    FROM case_file c LEFT JOIN landlord l ON l.id = c.landlord_id
    WHERE c.intake_date BETWEEN :first AND :last AND c.removed_at IS NULL) AS intake
GROUP BY track, source, landlord_type"""

NEW_BY_PROBLEM = """
SELECT p.problem AS problem, count(DISTINCT c.id) AS n
FROM case_file c JOIN case_problem p ON p.case_id = c.id
WHERE c.intake_date BETWEEN :first AND :last AND c.removed_at IS NULL
GROUP BY p.problem"""

RETURNING = """
SELECT count(*) FROM case_file
WHERE intake_date BETWEEN :first AND :last AND returning_household = :returning AND removed_at IS NULL"""

OPEN_BY_TRACK = f"""
SELECT track, count(*) AS n FROM (
    SELECT {TRACK_ON.format(case="c.id", on=":last")} AS track FROM case_file c
    WHERE c.intake_date <= :last AND (c.closed_date IS NULL OR c.closed_date > :last)
      AND c.removed_at IS NULL) AS open_cases
GROUP BY track"""

CLOSED = f"""
SELECT outcome, track, count(*) AS n FROM (
    SELECT c.outcome AS outcome, {TRACK_ON.format(case="c.id", on="c.closed_date")} AS track FROM case_file c
    WHERE c.closed_date BETWEEN :first AND :last AND c.removed_at IS NULL) AS closed
GROUP BY outcome, track"""

REFERRALS = """
SELECT destination, coalesce(outcome, 'pending') AS outcome, count(*) AS n FROM referral
WHERE date BETWEEN :first AND :last AND removed_at IS NULL
GROUP BY destination, coalesce(outcome, 'pending')"""

HOUSEHOLDS_REFERRED = """
SELECT count(DISTINCT case_id) FROM referral
WHERE date BETWEEN :first AND :last AND removed_at IS NULL"""

ADMISSIONS = """
SELECT d.kind AS kind, count(*) AS n FROM stay s JOIN dwelling d ON d.id = s.dwelling_id
WHERE s.start_date BETWEEN :first AND :last AND s.removed_at IS NULL
GROUP BY d.kind"""

MOVES_OUT = """
SELECT destination, count(*) AS n FROM stay
WHERE left_date BETWEEN :first AND :last AND removed_at IS NULL
GROUP BY destination"""

HEARINGS = """
SELECT kind, state, count(*) AS n FROM (
    SELECT kind, CASE WHEN result IS NULL AND starts_at >= :upcoming THEN 'scheduled'
                      ELSE coalesce(result, 'pending') END AS state
    FROM hearing WHERE starts_at >= :start AND starts_at < :end AND removed_at IS NULL) AS sessions
GROUP BY kind, state"""
"""Hearings and conciliation sessions of the period by what became of them: a session after today without an
outcome is still to come ('scheduled'), one that took place without an outcome recorded is 'pending'."""

AFTER_JUDGMENT = """
SELECT coalesce(sum(CASE WHEN h.served_date BETWEEN :first AND :last THEN 1 ELSE 0 END), 0) AS served,
       coalesce(sum(CASE WHEN coalesce(h.eviction_announced, h.eviction_date) BETWEEN :first AND :last
                         THEN 1 ELSE 0 END), 0) AS announced,
       coalesce(sum(CASE WHEN h.eviction_result_date BETWEEN :first AND :last AND h.eviction_result = 'carried-out'
                         THEN 1 ELSE 0 END), 0) AS carried_out,
       coalesce(sum(CASE WHEN h.eviction_result_date BETWEEN :first AND :last AND h.eviction_result = 'averted'
                         THEN 1 ELSE 0 END), 0) AS averted,
       coalesce(sum(CASE WHEN h.eviction_result_date BETWEEN :first AND :last AND h.eviction_result = 'left'
                         THEN 1 ELSE 0 END), 0) AS left_before
FROM hearing h JOIN case_file c ON c.id = h.case_id
WHERE h.result = 'dissolved' AND h.removed_at IS NULL AND c.removed_at IS NULL"""
"""After a judgment dissolved the lease: its service, the eviction announced (by the day it was announced; one
typed with the dissolution by its own day), and what happened, each counted in the period it is dated in."""

WORK = f"""
SELECT track, count(*) AS contacts, sum(home) AS home, coalesce(sum(minutes), 0) AS minutes FROM (
    SELECT {TRACK_ON.format(case="k.case_id", on="k.date")} AS track,
           CASE WHEN k.kind = 'home' THEN 1 ELSE 0 END AS home, k.minutes AS minutes
    FROM contact k WHERE k.date BETWEEN :first AND :last AND k.removed_at IS NULL) AS work
GROUP BY track"""

BY_WORKER = """
SELECT coalesce(worker, '-') AS worker,
       sum(CASE WHEN intake_date <= :last AND (closed_date IS NULL OR closed_date > :last) THEN 1 ELSE 0 END)
           AS open_cases,
       sum(CASE WHEN intake_date BETWEEN :first AND :last THEN 1 ELSE 0 END) AS new_cases,
       sum(CASE WHEN closed_date BETWEEN :first AND :last THEN 1 ELSE 0 END) AS closed_cases
FROM case_file
WHERE (intake_date BETWEEN :first AND :last OR closed_date BETWEEN :first AND :last
       OR closed_date IS NULL OR closed_date > :last) AND removed_at IS NULL
GROUP BY coalesce(worker, '-')"""
"""Only the cases that can count (open at the end, new or closed in the period) are read: the
three conditions ORed, each served by an index, instead of every case the service ever had."""

DWELLINGS = """
SELECT d.kind AS kind, count(*) AS n,
       sum(CASE WHEN EXISTS (SELECT 1 FROM stay s WHERE s.dwelling_id = d.id AND s.start_date <= :last
                             AND (s.left_date IS NULL OR s.left_date > :last) AND s.removed_at IS NULL)
           THEN 1 ELSE 0 END) AS occupied
FROM dwelling d GROUP BY d.kind"""

FBU = """
SELECT coalesce(sum(CASE WHEN signed_date BETWEEN :first AND :last THEN 1 ELSE 0 END), 0) AS signed,
       coalesce(sum(CASE WHEN paid_date BETWEEN :first AND :last THEN 1 ELSE 0 END), 0) AS paid,
       coalesce(sum(CASE WHEN paid_date BETWEEN :first AND :last THEN advance_cents ELSE 0 END), 0) AS paid_amount,
       coalesce(sum(CASE WHEN filed_date BETWEEN :first AND :last THEN 1 ELSE 0 END), 0) AS filed
FROM fbu_agreement WHERE removed_at IS NULL"""

FBU_PLANS = """
SELECT p.id AS id, p.ended_at AS ended_at FROM payment_plan p JOIN fbu_agreement a ON a.plan_id = p.id
WHERE a.signed_date <= :last AND a.removed_at IS NULL AND (p.ended_at IS NULL OR p.ended_at >= :start)"""

PAID_PLANS = """
SELECT DISTINCT y.plan_id AS id FROM payment y JOIN payment_plan p ON p.id = y.plan_id
JOIN case_file c ON c.id = p.case_id
WHERE y.date BETWEEN :first AND :last AND y.removed_at IS NULL AND c.removed_at IS NULL"""

PAID_LATE = f"""
WITH paid AS ({PAID_PLANS}),
levels AS (
    SELECT plan_id, sum(sum(amount_cents)) OVER (PARTITION BY plan_id ORDER BY date) AS level, date AS day,
           CAST(NULL AS DATE) AS due, CAST(NULL AS DATE) AS ahead
    FROM payment WHERE plan_id IN (SELECT id FROM paid) AND date <= :last AND removed_at IS NULL
    GROUP BY plan_id, date
    UNION ALL
    SELECT plan_id, sum(amount_cents) OVER by_seq, NULL, due_date,
           CASE WHEN lead(seq) OVER by_seq IS NOT NULL THEN due_date END
    FROM instalment WHERE plan_id IN (SELECT id FROM paid)
    WINDOW by_seq AS (PARTITION BY plan_id ORDER BY seq)),
judged AS (
    SELECT plan_id, day, due,
           min(day) OVER (PARTITION BY plan_id ORDER BY level
                          RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS settled,
           max(ahead) OVER (PARTITION BY plan_id ORDER BY level
                            RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS ahead
    FROM levels)
SELECT DISTINCT plan_id AS id, CASE WHEN day IS NULL THEN 0 ELSE 1 END AS replay FROM judged
WHERE (day IS NOT NULL AND ahead > day)
   OR (day IS NULL AND settled BETWEEN :first AND :last AND settled > {{late_from}})"""
"""The plans paid in the period with an instalment paid in full in it more than LATE_AFTER_DAYS late, and those
to replay in Python (`replay`), in one pass over their payments and instalments.

Each payment day of a plan is a level (what was paid by the end of that day), each instalment too (what is due
up to and including it), and the two are read in the order of their levels. As long as the payments settle the
instalments from the oldest (huurbeg.domain.payment_plan: the instalments due, then the next to fall due), an
instalment is paid in full on the first payment day whose level reaches its own (`settled`). A payment that
goes further reduces the plan from its end instead; it can only do so on a day that pays more than the
instalments up to the first one not yet due, so an instalment not yet due, and not the last, whose level lies
below that day's (`ahead`) marks the plan for replay (paying two instalments early does too: it changes
nothing, but is rare). What is said here of the other plans is what the replay would say."""

INSTALMENTS = """
SELECT plan_id, seq, due_date, amount_cents FROM instalment WHERE plan_id IN ({plans}) ORDER BY plan_id, seq"""

PAYMENTS = """
SELECT plan_id, date, amount_cents FROM payment
WHERE plan_id IN ({plans}) AND date <= :last AND removed_at IS NULL"""


def _with_total(grouped: dict, total: int | None = None) -> dict:
    return {None: sum(grouped.values()) if total is None else total, **grouped}


def _summed(rows, key: str, value: str = "n") -> dict:
    """{each value of column `key`: the sum of column `value`} over rows grouped more finely."""
    counted: dict = {}
    for row in rows:
        counted[row[key]] = counted.get(row[key], 0) + (row[value] or 0)
    return counted


class Figures:
    """The aggregates of one period, on one connection; each question asked once."""

    def __init__(self, connection: Connection, first: date, last: date, today: date | None = None):
        self.connection, self.first, self.last = connection, first, last
        self.today = today  # what lies after it has not happened yet (None: nothing in the period lies after it)
        self._answers: dict[str, object] = {}

    def _once(self, statement: str, **params):
        """The rows of a statement on the period, run at most once per Figures."""
        key = statement + repr(sorted(params.items()))
        if key not in self._answers:
            self._answers[key] = self.connection.rows(statement, first=self.first, last=self.last, **params)
        return self._answers[key]

    def _value(self, statement: str, **params) -> int:
        row = self._once(statement, **params)
        return (next(iter(row[0].values())) if row else 0) or 0

    # --- intake -------------------------------------------------------------
    def new_cases(self, dimension: str | None) -> dict:
        if dimension == "problem":
            return _with_total(_summed(self._once(NEW_BY_PROBLEM), "problem"), self.new_cases(None)[None])
        rows = self._once(NEW_CASES)
        if dimension in ("track", "source", "landlord_type"):
            return _with_total(_summed(rows, dimension))
        return {None: sum(row.n for row in rows)}

    def returning_households(self) -> dict:
        return {None: self._value(RETURNING, returning=True)}

    # --- caseload -----------------------------------------------------------
    def open_cases(self) -> dict:
        return _with_total(_summed(self._once(OPEN_BY_TRACK), "track"))

    def closed_cases(self, dimension: str) -> dict:
        return _with_total(_summed(self._once(CLOSED), "outcome" if dimension == "outcome" else "track"))

    def evictions_prevented(self) -> dict:
        return _with_total(_summed([row for row in self._once(CLOSED) if row.outcome == "eviction-prevented"],
                                   "track"))

    # --- results ------------------------------------------------------------
    def households_referred(self) -> dict:
        return {None: self._value(HOUSEHOLDS_REFERRED)}

    def referrals(self) -> dict:
        return _with_total(_summed(self._once(REFERRALS), "destination"))

    def referral_outcomes(self) -> dict:
        return _with_total(_summed(self._once(REFERRALS), "outcome"))

    def admissions(self, kind: str) -> dict:
        return {None: _summed(self._once(ADMISSIONS), "kind").get(kind, 0)}

    def moves_out(self, destination: str | None = None) -> dict:
        counted = _summed(self._once(MOVES_OUT), "destination")
        if destination:
            return {None: counted.get(destination, 0)}
        return _with_total(counted)

    # --- court --------------------------------------------------------------
    def hearings(self, kind: str = "hearing", scheduled: bool = False) -> dict:
        """Hearings (or conciliation sessions) that took place or were called off, by result; with `scheduled`,
        those still to come. One pass over the period's sessions."""
        start = datetime.combine(self.first, time())
        end = datetime.combine(self.last + timedelta(days=1), time())
        upcoming = datetime.combine(self.today + timedelta(days=1), time()) if self.today else end
        rows = [row for row in self._once(HEARINGS, start=start, end=end, upcoming=upcoming) if row.kind == kind]
        if scheduled:
            return {None: sum(row.n for row in rows if row.state == "scheduled")}
        return _with_total(_summed([row for row in rows if row.state != "scheduled"], "state"))

    def after_judgment(self, what: str) -> dict:
        """Judgments served, evictions announced, carried out, averted, households that left: one pass."""
        return {None: self._once(AFTER_JUDGMENT)[0][what] or 0}

    # --- work ---------------------------------------------------------------
    def contacts(self, home_only: bool = False, minutes: bool = False) -> dict:
        """Per track on the day: contacts, home visits or minutes; one pass over the period's contacts."""
        column = "minutes" if minutes else "home" if home_only else "contacts"
        return _with_total(_summed(self._once(WORK), "track", value=column))

    # --- workers ------------------------------------------------------------
    def by_worker(self) -> dict[str, dict[str, int]]:
        """Open at the end, new and closed in the period, per worker responsible for the case now
        (workers with a case that counts in the period)."""
        return {row.worker: {key: row[key] or 0 for key in ("open_cases", "new_cases", "closed_cases")}
                for row in self._once(BY_WORKER)}

    # --- housing ------------------------------------------------------------
    def dwellings(self, occupied: bool) -> dict:
        """The service's dwellings, or those occupied on the last day, by kind."""
        return _with_total({kind: count for kind, count in _summed(
            self._once(DWELLINGS), "kind", value="occupied" if occupied else "n").items()
            if count or not occupied})

    # --- FBU ------------------------------------------------------------------
    def fbu(self, what: str) -> dict:
        """Agreements signed, advances paid (and their sum), agreements filed: one pass over the agreements."""
        row = self._once(FBU)[0]
        return {None: row[what] or 0}

    def _plan_lines(self, plans) -> Callable[[int], tuple[list, list]]:
        """The instalments and the payments up to the period's end of these plans, in two queries:
        (instalments, payments) of a plan by its id, as huurbeg.domain.payment_plan judges them."""
        from huurbeg.domain.payment_plan import Instalment as Scheduled

        listed, ids = in_list("plan", plans)
        instalments: dict[int, list] = {}
        for row in self.connection.rows(INSTALMENTS.format(plans=listed), **ids):
            instalments.setdefault(row.plan_id, []).append(Scheduled(row.seq, row.due_date, row.amount_cents))
        payments: dict[int, list] = {}
        for row in self.connection.rows(PAYMENTS.format(plans=listed), last=self.last, **ids):
            payments.setdefault(row.plan_id, []).append((row.date, row.amount_cents))
        return lambda plan: (instalments.get(plan, []), payments.get(plan, []))

    def fbu_plans_broken(self) -> dict:
        """FBU plans that became broken in the period. Whether a plan is broken follows from how its
        payments settle its instalments (huurbeg.domain.payment_plan), so the plans that could have broken
        in the period are loaded (dates and amounts only) and judged in Python: a handful a month."""
        from huurbeg.domain.payment_plan import broken_spells

        start = datetime.combine(self.first, time(), tzinfo=UTC)
        plans = {row.id: row.ended_at for row in self._once(FBU_PLANS, start=start)}
        if not plans:
            return {None: 0}
        lines = self._plan_lines(plans)
        broken = 0
        for pid, ended in plans.items():
            until = min(self.last, ended.date()) if ended else self.last
            if any(day >= self.first for day in broken_spells(*lines(pid), until)):
                broken += 1
        return {None: broken}

    def plans_paid_late(self) -> dict:
        """Payment plans on which an instalment was paid in full in the period, but only after it had become late
        (huurbeg.domain.payment_plan): only a payment settles an instalment, so the plans paid in the period are
        judged, in SQL (PAID_LATE); the few whose payments went beyond the instalments due are replayed."""
        from huurbeg.domain.payment_plan import LATE_AFTER_DAYS, states

        late_from = "date(due, '+{days} days')" if self.connection.dialect == "sqlite" else "(due + {days})"
        found = self._once(PAID_LATE.format(late_from=late_from.format(days=LATE_AFTER_DAYS)))
        replay = [row.id for row in found if row.replay]
        late = {row.id for row in found if not row.replay} - set(replay)
        if replay:
            lines = self._plan_lines(replay)
            late |= {pid for pid in replay if any(s.paid_late and s.paid_on is not None and s.paid_on >= self.first
                                                  for s in states(*lines(pid), self.last))}
        return {None: len(late)}
