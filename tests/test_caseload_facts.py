"""The caseload's facts read for many cases at once are the facts read for each case alone.

A list (`case list` with its filters, `deadlines`, the overview) selects its cases again in
every statement of the facts (huurbeg.db.caseload), where a dossier names its one case: on a
generated caseload both give every case the same facts, so the same warnings.
"""

import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import TODAY

pytestmark = pytest.mark.sqlite_only  # the generated caseload is an SQLite file


@pytest.fixture(scope="module")
def caseload(tmp_path_factory) -> Path:
    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    from generate import build

    path = tmp_path_factory.mktemp("caseload") / "huurbeg.db"
    build(path, 600, 300, date.fromisoformat(TODAY))
    return path


@pytest.fixture
def store(caseload, monkeypatch):
    from huurbeg.db import open_store

    monkeypatch.setenv("HUURBEG_DB", str(caseload))
    opened, _ = open_store(None, write=False)
    yield opened
    opened.close()


def alone(store, numbers) -> dict:
    """Each case's facts read for it alone, by number."""
    found = {}
    for number in numbers:
        (facts,) = store.cases.facts([number])
        found[number] = facts
    return found


def test_every_open_case_has_the_facts_it_has_alone(store):
    together = {facts.case: facts for facts in store.cases.facts()}
    assert len(together) == 300
    assert together == alone(store, together)
    assert {f.case: f for f in store.cases.list_facts(None, None)} == together
    # the facts are those of every kind: a list with no payments, hearings or referrals would prove little
    assert any(f.instalments for f in together.values()) and any(f.payments for f in together.values())
    assert any(f.referrals for f in together.values()) and any(f.hearing_at for f in together.values())


@pytest.mark.parametrize("track, landlord", [("pw", None), ("ogp", None), (None, "Landlord 7"), ("pw", "Landlord 1")])
def test_a_filtered_list_has_the_facts_of_its_open_cases(store, track, landlord):
    from huurbeg.core.codes import Status, Track

    wanted = Track(track) if track else None
    listed = store.cases.case_rows(wanted, None, None, landlord)
    numbers = [row.case for row in listed if row.status == Status.OPEN]
    assert numbers, "the filter selects open cases"
    assert {f.case: f for f in store.cases.list_facts(wanted, None, None, landlord)} == alone(store, numbers)
    assert {f.case: f for f in store.cases.list_facts(wanted, Status.OPEN, None, landlord)} == alone(store, numbers)
    assert store.cases.list_facts(wanted, Status.CLOSED, None, landlord) == []


def test_the_list_shows_each_case_with_its_own_warnings(store):
    from huurbeg.domain import caseload
    from huurbeg.core.codes import Severity

    today = date.fromisoformat(TODAY)
    rows = caseload.case_list(store, None, None, today)
    warned = [row for row in rows if row["warning"]]
    assert warned and len(rows) == 600
    for row in rows:
        found = caseload.warnings_by_case(store, today, [row["case"]]).get(row["case"], [])
        pressing = found[0] if found and found[0].severity != Severity.INFO else None
        assert row["warning"] == (pressing.message if pressing else None)
        assert row["next_deadline"] == min((w.due for w in found), default=None)


def test_the_tenants_of_many_cases_are_those_of_each_case(store):
    from huurbeg.db.cases import MANY_NUMBERS

    numbers = [row.case for row in store.cases.case_rows(None, None)]
    many = numbers[:MANY_NUMBERS // 2] + numbers[-MANY_NUMBERS:] + ["2099-9999"]  # closed, open and no such case
    names = store.cases.tenants(many)
    assert len(names) == len(many) - 1 and all(names.values())
    assert names == {number: store.cases.tenants([number])[number] for number in many[:-1]}
