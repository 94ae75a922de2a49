"""Every figure of `stats` on a demo database equals what a plain count of its rows in Python gives.

The counting here follows each figure's definition (huurbeg.domain.figures) row by row, without SQL
aggregates, so a grouping, an index or a join that changes a count shows up as a difference.
"""

import json
import os
import random
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest

from conftest import query
from huurbeg.domain.figures import FIGURES, month_period, year_period
from huurbeg.domain import payment_plan
from huurbeg.domain.payment_plan import Instalment, broken_spells, states

TODAY = date(2026, 11, 22)
"""The tests' today (conftest): what lies after it has not happened."""
PERIODS = [("--year", "2026"), ("--year", "2025"), ("--month", "2026-03"), ("--month", "2026-10")]


def day(value) -> date:
    return date.fromisoformat(str(value)[:10])


def rows(sql: str, *names: str) -> list[dict]:
    """A table's rows as dicts, dates and moments as dates, whatever the backend returned."""
    found = [dict(zip(names, row, strict=True)) for row in query(None, sql)]
    for row in found:
        for name in names:
            if row[name] is not None and (name.endswith(("date", "_at", "_announced")) or name == "date"):
                row[name] = day(row[name])
    return found


def database() -> dict[str, list[dict]]:
    return {
        "case": rows("SELECT id, intake_date, closed_date, outcome, source, landlord_id, returning_household "
                     "FROM case_file", "id", "intake_date", "closed_date", "outcome", "source", "landlord_id",
                     "returning_household"),
        "landlord": rows("SELECT id, kind FROM landlord", "id", "kind"),
        "problem": rows("SELECT case_id, problem FROM case_problem", "case_id", "problem"),
        "track": rows("SELECT id, case_id, from_track, to_track, date, removed_at FROM track_change",
                      "id", "case_id", "from_track", "to_track", "date", "removed_at"),
        "referral": rows("SELECT case_id, date, destination, outcome, removed_at FROM referral",
                         "case_id", "date", "destination", "outcome", "removed_at"),
        "stay": rows("SELECT dwelling_id, start_date, left_date, destination, removed_at FROM stay",
                     "dwelling_id", "start_date", "left_date", "destination", "removed_at"),
        "dwelling": rows("SELECT id, kind FROM dwelling", "id", "kind"),
        "hearing": rows("SELECT kind, starts_at, result, removed_at, served_date, eviction_date, eviction_announced, "
                        "eviction_result, eviction_result_date FROM hearing", "kind", "starts_at", "result",
                        "removed_at", "served_date", "eviction_date", "eviction_announced", "eviction_result",
                        "eviction_result_date"),
        "contact": rows("SELECT case_id, date, kind, minutes, removed_at FROM contact",
                        "case_id", "date", "kind", "minutes", "removed_at"),
        "fbu": rows("SELECT plan_id, signed_date, paid_date, advance_cents, filed_date FROM fbu_agreement",
                    "plan_id", "signed_date", "paid_date", "advance_cents", "filed_date"),
        "plan": rows("SELECT id, ended_at FROM payment_plan", "id", "ended_at"),
        "instalment": rows("SELECT plan_id, seq, due_date, amount_cents FROM instalment",
                           "plan_id", "seq", "due_date", "amount_cents"),
        "payment": rows("SELECT plan_id, date, amount_cents, removed_at FROM payment",
                        "plan_id", "date", "amount_cents", "removed_at"),
    }


def counted_by_hand(db: dict, first: date, last: date) -> dict[tuple[str, str], float]:
    """Each figure of the period, counted one row at a time: {(figure, breakdown): value}."""
    def within(value) -> bool:
        return value is not None and first <= value <= last

    changes: dict[int, list[dict]] = {}
    for change in db["track"]:
        changes.setdefault(change["case_id"], []).append(change)

    def track_on(case_id, on):
        kept = [c for c in changes.get(case_id, []) if c["removed_at"] is None and c["date"] <= on]
        return max(kept, key=lambda c: (c["date"], c["id"]))["to_track"] if kept else None

    def intake_track(case_id):
        first_ones = sorted((c for c in changes.get(case_id, []) if c["from_track"] is None), key=lambda c: c["id"])
        return first_ones[0]["to_track"] if first_ones else None

    figures: dict[str, Counter] = {}

    def count(figure: str, breakdowns: dict, amount: float = 1) -> None:
        tally = figures.setdefault(figure, Counter())
        tally[""] += amount
        for dimension, value in breakdowns.items():
            tally[f"{dimension}={value}"] += amount

    landlord = {row["id"]: row["kind"] for row in db["landlord"]}
    problems: dict[int, set] = {}
    for row in db["problem"]:
        problems.setdefault(row["case_id"], set()).add(row["problem"])
    for case in db["case"]:
        if within(case["intake_date"]):
            count("new_cases", {"track": intake_track(case["id"]), "source": case["source"],
                                "landlord_type": landlord.get(case["landlord_id"], "none")})
            for problem in problems.get(case["id"], ()):
                figures["new_cases"][f"problem={problem}"] += 1
            if case["returning_household"]:
                count("returning_households", {})
        if case["intake_date"] <= last and (case["closed_date"] is None or case["closed_date"] > last):
            count("open_cases", {"track": track_on(case["id"], last)})
        if within(case["closed_date"]):
            track = track_on(case["id"], case["closed_date"])
            figures.setdefault("closed_cases", Counter())[""] += 1
            figures["closed_cases"][f"outcome={case['outcome']}"] += 1
            figures["closed_cases"][f"track={track}"] += 1
            if case["outcome"] == "eviction-prevented":
                count("evictions_prevented", {"track": track})
    referrals = [r for r in db["referral"] if r["removed_at"] is None and within(r["date"])]
    figures["households_referred"] = Counter({"": len({r["case_id"] for r in referrals})})
    for referral in referrals:
        count("referrals", {"destination": referral["destination"]})
        count("referral_outcomes", {"outcome": referral["outcome"] or "pending"})
    kind = {row["id"]: row["kind"] for row in db["dwelling"]}
    for stay in (s for s in db["stay"] if s["removed_at"] is None):
        if within(stay["start_date"]):
            count({"transit": "transit_admissions", "crisis": "crisis_admissions"}[kind[stay["dwelling_id"]]], {})
        if within(stay["left_date"]):
            count("moves_out", {"destination": stay["destination"]})
            if stay["destination"] == "regular-market":
                count("regular_market_moves", {})
    for hearing in db["hearing"]:
        if hearing["removed_at"] is None and within(hearing["starts_at"]):
            figure = "hearings" if hearing["kind"] == "hearing" else "conciliations"
            if hearing["starts_at"] > TODAY and hearing["result"] is None:  # still to come: not held
                count(f"{figure}_scheduled", {})
            else:
                count(figure, {"result": hearing["result"] or "pending"})
        if hearing["removed_at"] is None and hearing["result"] == "dissolved":
            if within(hearing["served_date"]):
                count("judgments_served", {})
            if within(hearing["eviction_announced"] or hearing["eviction_date"]):
                count("evictions_announced", {})
            if within(hearing["eviction_result_date"]):
                count({"carried-out": "evictions_carried_out", "averted": "evictions_averted",
                       "left": "evictions_left_before"}[hearing["eviction_result"]], {})
    for dwelling in db["dwelling"]:
        count("dwellings", {"kind": dwelling["kind"]})
        if any(s["dwelling_id"] == dwelling["id"] and s["removed_at"] is None and s["start_date"] <= last
               and (s["left_date"] is None or s["left_date"] > last) for s in db["stay"]):
            count("dwellings_occupied", {"kind": dwelling["kind"]})
    for contact in db["contact"]:
        if contact["removed_at"] is None and within(contact["date"]):
            track = {"track": track_on(contact["case_id"], contact["date"])}
            count("contacts", track)
            count("hours", track, contact["minutes"] or 0)
            if contact["kind"] == "home":
                count("home_visits", track)
    for agreement in db["fbu"]:
        count("fbu_agreements_signed", {}, within(agreement["signed_date"]))
        count("fbu_advances_paid", {}, within(agreement["paid_date"]))
        count("fbu_advances_paid_amount", {}, agreement["advance_cents"] if within(agreement["paid_date"]) else 0)
        count("fbu_agreements_filed", {}, within(agreement["filed_date"]))
    ended = {plan["id"]: plan["ended_at"] for plan in db["plan"]}
    for agreement in db["fbu"]:
        plan = agreement["plan_id"]
        if agreement["signed_date"] > last or (ended[plan] is not None and ended[plan] < first):
            continue
        schedule = sorted((Instalment(i["seq"], i["due_date"], i["amount_cents"])
                           for i in db["instalment"] if i["plan_id"] == plan), key=lambda i: i.seq)
        paid = [(p["date"], p["amount_cents"]) for p in db["payment"]
                if p["plan_id"] == plan and p["removed_at"] is None and p["date"] <= last]
        until = min(last, ended[plan]) if ended[plan] else last
        count("fbu_plans_broken", {}, any(d >= first for d in broken_spells(schedule, paid, until)))
    for plan in db["plan"]:
        paid = [(p["date"], p["amount_cents"]) for p in db["payment"]
                if p["plan_id"] == plan["id"] and p["removed_at"] is None and p["date"] <= last]
        if not any(within(when) for when, _ in paid):
            continue
        schedule = sorted((Instalment(i["seq"], i["due_date"], i["amount_cents"])
                           for i in db["instalment"] if i["plan_id"] == plan["id"]), key=lambda i: i.seq)
        count("plans_paid_late", {}, any(s.paid_late and within(s.paid_on) for s in states(schedule, paid, last)))
    shown_as = {"hours": lambda minutes: float((Decimal(minutes) / 60).quantize(Decimal("0.1"), ROUND_HALF_UP)), "fbu_advances_paid_amount": lambda cents: cents / 100}
    return {(figure, breakdown): shown_as.get(figure, int)(value)
            for figure, tally in figures.items() for breakdown, value in tally.items()}


TRACKS = ["pw", "pre-ogp", "ogp", "dw", "crisis"]


def moved_between_tracks(cli) -> None:
    """The demo keeps every case on its intake track: move some, so the track on a date matters.
    Open cases move after intake, some twice on one day (the later change counts); closed cases
    are reopened, moved, and closed again as they were, some moved after the day they closed."""
    def run(*args):
        result = cli(*args)
        assert result.exit_code == 0, result.output

    def other(track, n=1):
        return TRACKS[(TRACKS.index(track) + n) % len(TRACKS)]

    cases = json.loads(cli("case", "list", "--status", "all", "-f", "json").stdout)
    for n, case in enumerate(cases[::3]):
        when = date.fromisoformat(case["intake_date"]) + timedelta(days=20 + n % 40)
        if when > date(2026, 11, 22):
            continue
        if case["status"] == "open":
            run("case", "track", case["case"], "--to", other(case["track"]), "--date", when.isoformat())
            if n % 2:
                run("case", "track", case["case"], "--to", other(case["track"], 2), "--date", when.isoformat())
        else:
            shown = json.loads(cli("case", "show", case["case"], "-f", "json").stdout)
            run("case", "reopen", case["case"])
            run("case", "track", case["case"], "--to", other(case["track"]), "--date", when.isoformat())
            run("case", "close", case["case"], "--outcome", shown["outcome"], "--date", shown["closed_date"])


def test_every_figure_of_a_demo_year_and_month_equals_a_count_of_its_rows(cli):
    assert cli("demo").exit_code == 0
    moved_between_tracks(cli)
    db = database()
    assert len(db["case"]) > 100 and len(db["contact"]) > 300 and db["fbu"] and db["hearing"]
    assert {h["kind"] for h in db["hearing"]} == {"hearing", "conciliation"}  # both counted, apart
    assert any(h["starts_at"] > TODAY and h["result"] is None for h in db["hearing"])  # one still to come
    assert [c for c in db["track"] if c["from_track"]]  # cases that changed track: the track on a date matters
    for period in PERIODS:
        result = cli("stats", *period, "-f", "json")
        assert result.exit_code == 0, result.output
        shown = {(r["figure"], r["breakdown"]): r["value"] for r in json.loads(result.stdout)}
        assert [figure for figure, _ in shown if figure not in {f.key for f in FIGURES}] == []
        span = year_period(period[1]) if period[0] == "--year" else month_period(period[1], date(2026, 11, 22))
        expected = counted_by_hand(db, span.first, span.last)
        assert {key: value for key, value in shown.items() if value != expected.get(key, 0)} == {}, period
        assert not [key for key, value in expected.items() if value and key not in shown], period
        assert sum(1 for value in shown.values() if value) > (60 if period == ("--year", "2026") else 25), period


@pytest.mark.sqlite_only
@pytest.mark.slow
def test_the_figures_of_a_file_import_neither_the_orm_nor_pydantic(cli, new_case, db_path):
    import os
    import subprocess
    import sys

    from conftest import TODAY

    number = new_case("--date", "01/10/2026")
    assert cli("visit", number, "--kind", "home", "--minutes", "30", "--date", "02/10/2026").exit_code == 0
    heavy = ("sqlalchemy", "sqlmodel", "pydantic", "alembic")
    code = ("import sys\nfrom huurbeg.cli.root import main\nsys.argv = ['huurbeg'] + sys.argv[1:]\n"
            "try:\n    main()\nexcept SystemExit as stop:\n    code = stop.code\n"
            f"print('HEAVY', sorted(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)\n")
    env = dict(os.environ, HUURBEG_DB=str(db_path), HUURBEG_TODAY=TODAY)
    for args in (["stats", "--year", "2026", "-f", "json"], ["stats", "--month", "2026-10", "--chart"],
                 ["stats", "--year", "2026", "--by-worker", "-f", "csv"]):
        done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env)
        assert done.returncode == 0, (args, done.stderr)
        assert "HEAVY []" in done.stderr, (args, done.stderr)
    figures = json.loads(subprocess.run([sys.executable, "-m", "huurbeg", "stats", "--month", "2026-10", "-f", "json"],
                                        capture_output=True, text=True, env=env).stdout)
    assert {(r["figure"], r["breakdown"]): r["value"] for r in figures}[("home_visits", "track=pw")] == 1


@pytest.mark.parametrize("minutes, shown", [(0, 0.0), (None, 0.0), (3, 0.1), (2, 0.0), (45, 0.8), (75, 1.3),
                                            (110, 1.8), (185, 3.1), (15, 0.3), (9, 0.2), (60, 1.0), (93, 1.6)])
def test_hours_round_a_half_up_so_a_tracks_hours_add_up_as_a_person_adds_them(minutes, shown):
    from huurbeg.domain.figures import hours

    assert hours(minutes) == shown


def test_the_hours_of_the_tracks_add_up_to_the_hours_reported(cli):
    """75 minutes on PW and 110 on OGP: 1,3 + 1,8 is the 3,1 hours of the month, not 1,2 + 1,8."""
    pw = cli("intake", "--track", "pw", "--tenant", "A", "--source", "tenant", "--tenant-informed",
             "--no-input").stdout.strip()
    ogp = cli("intake", "--track", "ogp", "--tenant", "B", "--source", "court", "--no-input").stdout.strip()
    for number, minutes in ((pw, "75"), (ogp, "60"), (ogp, "50")):
        assert cli("visit", number, "--kind", "phone", "--minutes", minutes, "--no-input").exit_code == 0
    rows = json.loads(cli("stats", "--month", "deze", "--format", "json").stdout)
    found = {(r["figure"], r["breakdown"]): r["value"] for r in rows if r["figure"] == "hours"}
    assert found[("hours", "")] == 3.1 and found[("hours", "track=pw")] == 1.3 and found[("hours", "track=ogp")] == 1.8


def generated_plans(rng: random.Random, count: int) -> list[dict]:
    """Plans of every shape, with payments on time, early, partial, late, several on a day, more than due
    (which shorten the plan from its end), withdrawn payments, ended plans and withdrawn cases."""
    plans = []
    for n in range(count):
        start = date(2024, 1, 1) + timedelta(days=rng.randint(0, 700))
        instalment = rng.choice([5000, 10000, 12345, 25000])
        schedule = payment_plan.schedule(instalment * rng.randint(2, 14) - rng.choice([0, 0, 1234]), instalment,
                                         start, rng.choice([None, 1, 15, 28, 31]))
        habit = rng.choice(["on time", "early", "late", "partial", "ahead", "lump", "stops", "chaos"])
        payments = []
        for inst in schedule:
            if habit == "stops" and rng.random() < 0.3:
                break
            shift = {"on time": rng.randint(0, 3), "early": -rng.randint(1, 20), "late": rng.randint(5, 40),
                     "partial": rng.randint(-3, 12), "ahead": -rng.randint(20, 70), "lump": 0,
                     "stops": rng.randint(-2, 10), "chaos": rng.randint(-40, 60)}[habit]
            amount = inst.amount
            if habit in ("partial", "chaos") and rng.random() < 0.5:
                amount = rng.randint(1, 2 * inst.amount)
            if habit == "lump" and rng.random() < 0.2:
                amount = inst.amount * rng.randint(2, 4)
            payments.append((inst.due + timedelta(days=shift), amount, rng.random() < 0.05))
            if rng.random() < 0.1:  # a second payment the same day
                payments.append((inst.due + timedelta(days=shift), rng.randint(1, inst.amount), False))
        plans.append({"schedule": schedule, "payments": payments, "ended": rng.random() < 0.15,
                      "case_removed": rng.random() < 0.05})
    return plans


def test_the_plans_paid_late_of_sql_are_those_of_the_replay_for_thousands_of_plans(cli, new_case):
    """plans_paid_late is counted in SQL over the payments and instalments in the order of their sums
    (huurbeg.db.figures.PAID_LATE); the replay of huurbeg.domain.payment_plan is its definition."""
    from huurbeg.db import open_store
    from huurbeg.db.figures import Figures

    new_case()  # a migrated database with a household and a landlord to give the cases
    plans = generated_plans(random.Random(2027), 1500)
    store, _ = open_store(os.environ["HUURBEG_DB"], write=True)
    db = store.sql
    household = db.value("SELECT household_id FROM case_file")
    now = datetime(2026, 11, 1, tzinfo=UTC)
    for n, plan in enumerate(plans):
        case = db.insert("INSERT INTO case_file (number, year, seq, household_id, track, source, intake_date, "
                         "tenant_informed, returning_household, status, created_at, updated_at, removed_at) VALUES "
                         "(:number, 2024, :seq, :household, 'pw', 'tenant', :intake, :yes, :no, 'open', :now, :now, "
                         ":removed)", number=f"2024-{n + 1:04d}", seq=n + 1, household=household,
                         intake=plan["schedule"][0].due, yes=True, no=False, now=now,
                         removed=now if plan["case_removed"] else None)
        schedule = plan["schedule"]
        plan["id"] = db.insert(
            "INSERT INTO payment_plan (case_id, arrears_cents, instalment_cents, start_date, day_of_month, status, "
            "created_at, ended_at) VALUES (:case, :arrears, :instalment, :start, 1, :status, :now, :ended)",
            case=case, arrears=sum(i.amount for i in schedule), instalment=schedule[0].amount,
            start=schedule[0].due, status="replaced" if plan["ended"] else "active", now=now,
            ended=now if plan["ended"] else None)
        for inst in schedule:
            db.execute("INSERT INTO instalment (plan_id, seq, due_date, amount_cents) VALUES (:plan, :seq, :due, "
                       ":amount)", plan=plan["id"], seq=inst.seq, due=inst.due, amount=inst.amount)
        for when, amount, removed in plan["payments"]:
            db.execute("INSERT INTO payment (plan_id, date, amount_cents, created_at, removed_at) VALUES (:plan, "
                       ":date, :amount, :now, :removed)", plan=plan["id"], date=when, amount=amount, now=now,
                       removed=now if removed else None)
    store.commit()
    periods = [month_period(f"{year}-{month:02d}", TODAY) for year in (2024, 2025, 2026) for month in range(1, 13)]
    periods += [year_period(year) for year in ("2024", "2025", "2026")]
    counted = []
    for period in periods:
        replayed = 0
        for plan in plans:
            paid = [(when, amount) for when, amount, removed in plan["payments"]
                    if not removed and when <= period.last]
            if plan["case_removed"] or not any(period.first <= when for when, _ in paid):
                continue
            replayed += any(s.paid_late and period.first <= s.paid_on for s in states(plan["schedule"], paid,
                                                                                     period.last))
        counted.append((period.label, Figures(db, period.first, period.last, TODAY).plans_paid_late()[None],
                        replayed))
    store.close()
    assert [(label, sql) for label, sql, replayed in counted if sql != replayed] == []
    assert sum(replayed for _, _, replayed in counted) > 500  # the figure is far from always 0
