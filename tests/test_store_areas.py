"""The store by area of the domain: each read and write is written once, in its area, and serves a lookup
(huurbeg.db.reader) and a writing command (huurbeg.db.store) alike; a write leaves the row in hand nothing
stale, and a pause nothing to lose."""

import inspect

from conftest import query

from huurbeg.db.area import Area
from huurbeg.db.attachments import Attachments
from huurbeg.db.court import Court
from huurbeg.db.follow_up import FollowUp
from huurbeg.db.housing import Housing
from huurbeg.db.reader import Reader
from huurbeg.db.service import Service
from huurbeg.db.store import Store

AREAS = {"follow_up": FollowUp, "court": Court, "housing": Housing, "attachments": Attachments, "service": Service}


def _own_methods(cls) -> set[str]:
    return {name for name, _ in inspect.getmembers(cls, inspect.isfunction) if not name.startswith("__")}


def test_no_read_or_write_of_an_area_has_a_twin_in_the_store_or_the_reader():
    shared = _own_methods(Area)
    for area in AREAS.values():
        methods = _own_methods(area) - shared
        assert methods, area
        for store in (Store, Reader):
            assert not methods & _own_methods(store), (area.__name__, store.__name__, methods & _own_methods(store))


def test_a_lookup_and_a_write_call_the_same_area(cli, new_case):
    from huurbeg.cli.state import AppState

    number = new_case()
    assert cli("visit", "add", number, "--kind", "phone", "--no-input").exit_code == 0
    writing, looking = AppState().store(write=True), AppState().reader()
    try:
        for store in (writing, looking):
            for name, area in AREAS.items():
                assert type(getattr(store, name)) is area
            contacts = store.follow_up.contacts(store.cases.case(number), None)
            assert [(c.kind, n) for c, n in contacts] == [("phone", number)]
    finally:
        writing.close()
        looking.close()


def test_an_object_of_the_session_is_read_again_after_plain_sql_changed_its_row(new_case):
    """A case loaded by the ORM shows what an area's UPDATE wrote, not what it was."""
    from datetime import date

    from huurbeg.cli.state import AppState

    number = new_case()
    store = AppState().store(write=True)
    try:
        case = store.cases.case(number)
        before = case.updated_at
        store.follow_up.add_contact(case, date(2026, 10, 1), "phone", None, None, None)
        assert case.updated_at > before
    finally:
        store.close()


def test_a_pause_keeps_a_transaction_that_wrote_in_plain_sql(new_case):
    """Before a question the store ends a transaction that wrote nothing; one that wrote through plain SQL
    alone (the session's own flush saw nothing) is kept whole."""
    from huurbeg.cli.state import AppState

    number = new_case()
    store = AppState().store(write=True)
    try:
        case = store.cases.case(number)
        store.sql.execute("UPDATE case_file SET note = :note WHERE id = :id", note="written", id=case.id)
        store.pause()
        store.commit()
    finally:
        store.close()
    assert query(None, f"SELECT note FROM case_file WHERE number = '{number}'") == [("written",)]


def test_a_lookup_keeps_answers_aside_as_a_writing_command_does(new_case):
    """Both stores and the reader are the protocol the domain is written against (the type check holds them to it):
    a lookup's `aside` writes in a transaction of its own, kept when the lookup ends without committing."""
    from huurbeg.cli.state import AppState

    new_case()
    looking = AppState().reader()
    try:
        assert looking.cases.case("2026-0001").number == "2026-0001"  # a read transaction is running
        looking.drafts.keep("intake", None, '{"tenant": "Kept Aside"}', looking.now().date())
    finally:
        looking.close()
    assert query(None, "SELECT answers FROM draft") == [('{"tenant": "Kept Aside"}',)]
