"""Build a realistic synthetic huurbeg database of a chosen size, through the real schema.

    python benchmarks/generate.py benchmarks/data/100000.db --cases 100000

Ten years of casework ending today: about ten contacts a case, payment plans with
payments, hearings (some tomorrow), stays in six dwellings, referrals, history; the
most recent 2,000 cases are open. huurbeg creates and migrates the file itself;
rows are then written in bulk, chunk by chunk, in the tables of huurbeg's models.
"""

import argparse
import random
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from dateutil.relativedelta import relativedelta
from rich.progress import Progress

from huurbeg.domain.casework import match_key
from huurbeg.domain.finding import number_key, search_key

TRACKS = ["pw", "pre-ogp", "ogp", "dw", "crisis"]
SOURCES = ["tenant", "landlord", "ocmw", "caw", "police", "bailiff", "doctor", "estate-agent", "court", "other"]
KINDS = ["home", "home", "home", "office", "phone", "email", "letter", "consultation"]
OUTCOMES = ["eviction-prevented", "referred", "transit-admitted", "regular-market", "evicted", "support-refused",
            "moved-out", "no-support-needed", "other"]
REFERRALS = ["ocmw", "cgg", "psychiatry", "caw-prevention", "caw-other", "lawyer", "family-care"]
CHUNK = 2000
FIRST = ["Jan", "Marie", "Karim", "Sara", "Luc", "An", "Mohamed", "Els", "Tom", "Fatima", "Pieter", "Lotte", "Ahmed",
         "Ines", "Koen", "Nadia", "Wim", "Yasmine", "Bart", "Sofie"]
LAST = ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet",
        "El Amrani", "Dubois", "Aerts", "Vermeulen", "Van Damme", "Hermans", "Lambrechts", "Yilmaz", "Michiels",
        "Smets"]
STREETS = ["Kerkstraat", "Molenstraat", "Stationsstraat", "Dorpsstraat", "Nieuwstraat", "Schoolstraat", "Kapelstraat",
           "Bruul", "Ijzerenleen", "Hoogstraat"]


def build(path: Path, cases: int, open_cases: int, today: date, seed: int = 1) -> None:
    from sqlmodel import SQLModel

    from huurbeg.db import open_store

    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    store, _ = open_store(str(path), write=True)  # made and migrated by huurbeg itself
    store.close()
    from sqlalchemy import create_engine

    from huurbeg.db import models  # noqa: F401  (the tables)

    engine = create_engine(f"sqlite:///{path}")
    tables = SQLModel.metadata.tables
    connection = engine.connect()
    rng = random.Random(seed)
    now = datetime.now(UTC)
    start = today - relativedelta(years=10)
    span = (today - start).days
    _insert(connection, tables["landlord"], [
        {"id": n, "name": f"Landlord {n}", "name_key": f"landlord {n}", "kind": rng.choice(["private", "shm", "svk"]),
         "created_at": now} for n in range(1, 501)])
    _insert(connection, tables["dwelling"], [
        {"id": n, "code": f"{'DW' if n <= 3 else 'CR'}-{n}", "kind": "transit" if n <= 3 else "crisis",
         "address": None, "active": True, "created_at": now} for n in range(1, 7)])
    state = {"seq": {}, "plan": 0, "stay_free": {n: start for n in range(1, 7)}}
    with Progress(transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task(f"Writing {cases:,} cases", total=cases)
        for first in range(0, cases, CHUNK):
            rows = {name: [] for name in tables}
            for i in range(first, min(first + CHUNK, cases)):
                _case(rows, i, cases, open_cases, start, span, today, rng, now, state)
            for name in ("household", "case_file", "case_problem", "track_change", "consent", "contact",
                         "payment_plan", "instalment", "payment", "agreement", "hearing", "stay", "referral",
                         "history"):
                _insert(connection, tables[name], rows[name])
            bar.update(task, advance=min(CHUNK, cases - first))
    connection.commit()
    connection.close()
    engine.dispose()
    import sqlite3

    with sqlite3.connect(path) as connection:  # fold the log back in, so timings do not include it
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _insert(connection, table, rows) -> None:
    if rows:
        connection.execute(table.insert(), rows)


def _case(rows, i, cases, open_cases, start, span, today, rng, now, state) -> None:
    cid = i + 1
    intake = start + timedelta(days=span * i // cases)
    seq = state["seq"][intake.year] = state["seq"].get(intake.year, 0) + 1
    track = rng.choices(TRACKS, weights=[40, 20, 30, 6, 4])[0]
    is_open = i >= cases - open_cases
    closed = None if is_open else min(intake + timedelta(days=rng.randint(30, 400)), today - timedelta(days=1))
    until = closed or today
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    address = f"{rng.choice(STREETS)} {rng.randint(1, 250)}, 2800 Mechelen"
    phone = f"04{rng.randint(70, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    rows["household"].append({"id": cid, "name": name, "name_key": match_key(name), "address": address,
                              "address_key": match_key(address), "phone": phone, "birth_date": None,
                              "national_number": None, "adults": rng.randint(1, 2), "children": rng.randint(0, 4),
                              "search_key": search_key(name, address, phone, None),
                              "address_numbers": number_key(address), "created_at": now})
    rows["case_file"].append({
        "id": cid, "number": f"{intake.year}-{seq:04d}", "year": intake.year, "seq": seq, "household_id": cid,
        "landlord_id": rng.randint(1, 500), "track": track,
        "source": "court" if track == "ogp" else rng.choice(SOURCES),
        "referrer": None, "intake_date": intake, "tenant_informed": True, "arrears_cents": rng.randint(0, 500000),
        "returning_household": rng.random() < 0.05, "status": "open" if is_open else "closed", "closed_date": closed,
        "outcome": None if is_open else rng.choice(OUTCOMES), "note": "synthetic", "external_ref": None,
        "created_at": now, "updated_at": now, "purged_at": None})
    rows["case_problem"].append({"case_id": cid, "problem": "arrears", "raised_by_landlord": rng.random() < 0.5})
    rows["track_change"].append({"case_id": cid, "from_track": None, "to_track": track, "date": intake,
                                 "created_at": now})
    if track == "pw":
        rows["consent"] += [{"case_id": cid, "party": p, "date": intake, "created_at": now}
                            for p in ("tenant", "landlord")]
    days = max((until - intake).days, 1)
    for k in range(rng.randint(6, 14)):
        when = intake + timedelta(days=days * k // 14)
        rows["contact"].append({"case_id": cid, "date": when, "kind": rng.choice(KINDS), "minutes": rng.choice(
            [15, 30, 45, 60, 90]), "note": "synthetic", "next_planned": when + timedelta(days=21), "created_at": now})
    if rng.random() < 0.3:
        _plan(rows, cid, intake, until, rng, now, state)
    if track == "ogp":
        hearing_day = today + timedelta(days=1) if is_open and rng.random() < 0.01 else intake + timedelta(days=4)
        rows["hearing"].append({
            "uid": f"bench-{cid}", "case_id": cid, "petition_date": intake, "court": "Vredegerecht Benchmark",
            "starts_at": datetime.combine(hearing_day, time(9 + cid % 4, 30)), "room": "1",
            "claimed_cents": 100000, "proposal": None, "result": None if hearing_day > today else "settled",
            "result_date": None, "eviction_date": None, "postponed_from_id": None, "created_at": now})
    if track in ("dw", "crisis"):
        dwelling = rng.randint(1, 3) if track == "dw" else rng.randint(4, 6)
        if state["stay_free"][dwelling] <= intake:
            left = None if is_open else closed
            rows["stay"].append({"case_id": cid, "dwelling_id": dwelling, "start_date": intake,
                                 "end_date": intake + relativedelta(months=4), "review_date": None, "extensions": 0,
                                 "left_date": left, "destination": "regular-market" if left else None,
                                 "created_at": now})
            state["stay_free"][dwelling] = left or date.max
    if rng.random() < 0.15:
        rows["referral"].append({"case_id": cid, "date": intake + timedelta(days=10), "destination": rng.choice(
            REFERRALS), "note": None, "created_at": now})
    rows["history"].append({"at": now, "os_user": "benchmark", "db_user": None, "case_id": cid, "action": "intake",
                            "detail": f"opened on track {track}"})
    if closed:
        rows["history"].append({"at": now, "os_user": "benchmark", "db_user": None, "case_id": cid,
                                "action": "close", "detail": "closed"})


def _plan(rows, cid, intake, until, rng, now, state) -> None:
    state["plan"] += 1
    pid = state["plan"]
    rows["payment_plan"].append({"id": pid, "case_id": cid, "arrears_cents": 120000, "instalment_cents": 10000,
                                 "start_date": intake, "day_of_month": 1, "status": "active", "created_at": now,
                                 "ended_at": None})
    first = intake + relativedelta(months=1, day=1)
    rows["instalment"] += [{"plan_id": pid, "seq": k + 1, "due_date": first + relativedelta(months=k),
                            "amount_cents": 10000} for k in range(12)]
    for k in range(rng.randint(0, 11)):
        when = first + relativedelta(months=k, days=2)
        if when < until:
            rows["payment"].append({"plan_id": pid, "date": when, "amount_cents": 10000, "created_at": now})


def spreadsheet(path: Path, rows: int, today: date, seed: int = 2) -> None:
    """A caseload to import (huurbeg import): `rows` cases of the last years, a fifth of them closed."""
    import csv

    rng = random.Random(seed)
    columns = ["ref", "tenant", "address", "phone", "landlord", "landlord_type", "track", "source", "problems",
               "intake_date", "arrears", "tenant_informed", "status", "closed_date", "outcome", "note"]
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(columns)
        for n in range(rows):
            intake = today - timedelta(days=rng.randint(30, 1500))
            closed = n % 5 == 0
            writer.writerow([
                f"IMP-{n:05d}", f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                f"{rng.choice(STREETS)} {rng.randint(1, 250)}, 2800 Mechelen", f"0470 {n:06d}",
                f"Verhuurder {rng.randint(1, 300)}", rng.choice(["private", "shm", "svk"]),
                rng.choices(TRACKS[:3], weights=[50, 20, 30])[0], "tenant", "arrears", intake.strftime("%d/%m/%Y"),
                f"{rng.randint(0, 5000)},{rng.randint(0, 99):02d}", "ja", "closed" if closed else "open",
                (intake + timedelta(days=20)).strftime("%d/%m/%Y") if closed else "",
                "eviction-prevented" if closed else "", "Overgenomen uit de oude lijst"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--open", type=int, default=2_000, dest="open_cases")
    parser.add_argument("--spreadsheet", type=int, metavar="ROWS",
                        help="write a CSV of ROWS cases to import at PATH instead of a database")
    args = parser.parse_args()
    if args.spreadsheet:
        spreadsheet(args.path, args.spreadsheet, date.today())
    else:
        build(args.path, args.cases, min(args.open_cases, args.cases), date.today())


if __name__ == "__main__":
    main()
