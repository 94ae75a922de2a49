"""Whose case it is: the responsible worker, assignment, handover, and views of one worker's caseload.

On a file the worker is the OS user, on a server the database role (conftest.me()); the other
workers here are given cases with `case assign`, which on a server needs a role that can log in.
"""

import csv
import io
import json
import os
import socket

import pytest

from conftest import POSTGRES, assert_one_line_error, me, query, snapshot

OTHER = "karim"

pytestmark = [pytest.mark.roles,
              pytest.mark.xdist_group("roles")]  # roles belong to the whole server, not a worker's database


@pytest.fixture
def other_worker():
    """A second worker: any account name on a file; a login role on the server."""
    if POSTGRES:
        from sqlalchemy import text

        from conftest import server

        with server().begin() as connection:
            connection.execute(text(f"DROP ROLE IF EXISTS {OTHER}"))
            connection.execute(text(f"CREATE ROLE {OTHER} LOGIN"))
            connection.execute(text(f'GRANT "{team()}" TO {OTHER}'))  # a worker of the team, as the README makes one
        yield OTHER
        with server().begin() as connection:
            connection.execute(text(f"DROP ROLE IF EXISTS {OTHER}"))
    else:
        yield OTHER


def team() -> str:
    """The team role on the test server: the role that owns the database."""
    from sqlalchemy import text

    from conftest import server

    with server().connect() as connection:
        return connection.execute(text("SELECT pg_get_userbyid(datdba) FROM pg_database "
                                       "WHERE datname = current_database()")).scalar()


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def listed(cli, *args) -> list[str]:
    return [row["case"] for row in as_json(cli("case", "list", *args, "-f", "json"))]


def assignments(cli, number) -> list[str]:
    return [h["detail"] for h in as_json(cli("case", "history", number, "-f", "json")) if h["action"] == "assign"]


def test_a_new_case_belongs_to_who_registered_it(cli, new_case):
    number = new_case()
    assert query(None, "SELECT worker FROM case_file") == [(me(),)]
    assert as_json(cli("case", "show", number, "-f", "json"))["worker"] == me()
    assert listed(cli, "--mine") == [number]


def test_a_solo_list_looks_as_before(cli, new_case):
    new_case()
    table = cli("case", "list").stdout
    assert "Worker" not in table and me() not in table


def test_assign_one_case_and_filter_by_worker(cli, new_case, other_worker):
    mine, theirs = new_case(), new_case("--allow-duplicate")
    result = cli("case", "assign", theirs, "--to", other_worker)
    assert result.exit_code == 0, result.output
    assert f"assigned to {other_worker} (was {me()})" in result.stderr
    assert listed(cli, "--mine") == [mine]
    assert listed(cli, "--worker", other_worker) == [theirs]
    assert listed(cli) == [mine, theirs]
    assert "Worker" in cli("case", "list").stdout  # a team's list says whose case it is
    assert assignments(cli, theirs) == [f"assigned to {other_worker} (was {me()})"]
    deadlines = as_json(cli("deadlines", "--worker", other_worker, "-f", "json"))
    assert deadlines and {w["case"] for w in deadlines} == {theirs}
    assert {w["case"] for w in as_json(cli("deadlines", "--mine", "-f", "json"))} == {mine}


def test_handover_moves_every_open_case_and_leaves_closed_ones(cli, new_case, other_worker):
    first, second, closed = new_case(), new_case("--allow-duplicate"), new_case("--allow-duplicate")
    assert cli("case", "close", closed, "--outcome", "other").exit_code == 0
    result = cli("case", "assign", "--from", me(), "--to", other_worker)
    assert result.exit_code == 0, result.output
    assert f"2 open cases handed over from {me()} to {other_worker}" in result.stderr
    assert listed(cli, "--worker", other_worker) == [first, second]
    assert query(None, f"SELECT worker FROM case_file WHERE number = '{closed}'") == [(me(),)]
    for number in (first, second):
        assert assignments(cli, number) == [f"assigned to {other_worker} (was {me()})"]
    assert assignments(cli, closed) == []


def test_hearing_list_and_overview_of_one_worker(cli, new_case, other_worker):
    mine, theirs = new_case(), new_case("--allow-duplicate")
    for number, when in ((mine, "24/11/2026 09:30"), (theirs, "25/11/2026 10:00")):
        assert cli("hearing", "add", number, "--date", when, "--court", "Vredegerecht Mechelen").exit_code == 0
    cli("case", "assign", theirs, "--to", other_worker)
    assert [h["case"] for h in as_json(cli("hearing", "list", "--mine", "-f", "json"))] == [mine]
    assert [h["case"] for h in as_json(cli("hearing", "list", "--worker", other_worker, "-f", "json"))] == [theirs]
    overview = cli("--worker", other_worker)
    assert overview.exit_code == 0, overview.output
    assert f"1 open case of {other_worker}" in overview.stdout
    assert theirs in overview.stdout and mine not in overview.stdout
    assert "2 open cases," in cli().stdout


@pytest.mark.parametrize("args, flag", [
    (["case", "list", "--worker", "nobody"], "--worker"),
    (["case", "list", "--worker", "no body"], "--worker"),
    (["case", "list", "--worker", OTHER, "--mine"], "--mine"),
    (["case", "assign", "--to", OTHER], "CASE"),
    (["case", "assign", "2026-0001", "--from", OTHER, "--to", "x"], "CASE"),
    (["case", "assign", "--from", "nobody", "--to", OTHER], "--from"),
    (["--mine", "case", "list"], "--mine"),
])
def test_bad_worker_input_is_one_line_and_writes_nothing(cli, new_case, db_path, args, flag):
    new_case()
    before = snapshot(db_path)
    assert_one_line_error(cli(*args), code=2, contains=flag)
    assert snapshot(db_path) == before


def test_an_unknown_worker_is_named_in_the_readers_language(cli, new_case, monkeypatch):
    new_case()
    monkeypatch.setenv("HUURBEG_LANG", "nl")
    assert_one_line_error(cli("case", "list", "--worker", "nobody"), code=2,
                          contains=f"--worker: geen dossier heeft begeleider nobody; begeleiders: {me()}")
    assert_one_line_error(cli("case", "assign", "--from", "nobody", "--to", OTHER), code=2,
                          contains="--from: geen dossier heeft begeleider nobody")


def test_assign_without_a_case_or_from_asks_for_one_of_them(cli, new_case):
    new_case()
    assert_one_line_error(cli("case", "assign", "--to", OTHER), code=2,
                          contains="give a case number, or --from WORKER to hand over every open case")
    assert_one_line_error(cli("case", "assign", "2026-0001", "--from", OTHER, "--to", "x"), code=2,
                          contains="not both")


def test_a_closed_case_is_not_reassigned(cli, new_case, other_worker):
    number = new_case()
    cli("case", "close", number, "--outcome", "other")
    assert_one_line_error(cli("case", "assign", number, "--to", other_worker), code=4, contains="reopen")


@pytest.mark.postgres
def test_on_a_server_a_case_goes_only_to_a_login_role(cli, new_case, db_path):
    number = new_case()
    before = snapshot(db_path)
    assert_one_line_error(cli("case", "assign", number, "--to", "nosuchrole"), code=2, contains="can log in")
    assert snapshot(db_path) == before


@pytest.fixture
def roles():
    """Roles made for one test on the server, dropped after it."""
    from sqlalchemy import text

    from conftest import server

    made = []

    def make(name: str, options: str) -> str:
        with server().begin() as connection:
            connection.execute(text(f"DROP ROLE IF EXISTS {name}"))
            connection.execute(text(f"CREATE ROLE {name} {options}"))
        made.append(name)
        return name

    yield make
    with server().begin() as connection:
        for name in made:
            connection.execute(text(f"DROP ROLE IF EXISTS {name}"))


@pytest.mark.postgres
def test_on_a_server_a_case_goes_only_to_a_login_role_of_the_team(cli, new_case, db_path, roles):
    """A role outside the team could not even open the case; a role that cannot log in is no worker."""
    number = new_case()
    outsider = roles("outsider", "LOGIN")
    group = roles("team_group", f'NOLOGIN IN ROLE "{team()}"')
    before = snapshot(db_path)
    assert_one_line_error(cli("case", "assign", number, "--to", outsider), code=2,
                          contains=f"not a member of the team role {team()}; add it first: GRANT")
    assert_one_line_error(cli("case", "assign", number, "--to", group), code=2, contains="can log in")
    assert_one_line_error(cli("case", "assign", "--from", me(), "--to", outsider), code=2, contains="not a member")
    assert snapshot(db_path) == before
    member = roles("lies", f'LOGIN IN ROLE "{team()}"')
    assert cli("case", "assign", number, "--to", member).exit_code == 0
    assert query(None, "SELECT worker FROM case_file") == [(member,)]


@pytest.mark.postgres
def test_on_a_server_the_history_tells_two_workers_on_one_machine_account_apart(cli, new_case, other_worker):
    from sqlalchemy.engine import make_url

    number = new_case()
    as_other = make_url(POSTGRES).set(username=other_worker).render_as_string(hide_password=False)
    assert cli("--db", as_other, "visit", number, "--kind", "phone", "--no-input").exit_code == 0
    history = as_json(cli("case", "history", number, "-f", "json"))
    writes = [(entry["action"], entry["role"]) for entry in history if entry["action"] != "read"]
    assert writes == [("intake", me()), ("contact", other_worker)]
    assert len({entry["user"] for entry in history}) == 1  # the same machine account
    table = cli("case", "history", number).stdout
    assert "Role" in table
    assert any(other_worker in line and "contact" in line for line in table.splitlines())


@pytest.mark.sqlite_only
def test_on_a_file_the_history_has_no_role(cli, new_case):
    number = new_case()
    assert {entry["role"] for entry in as_json(cli("case", "history", number, "-f", "json"))} == {None}
    assert "Role" not in cli("case", "history", number).stdout


WRITES = [
    ["case", "consent", "{n}", "--tenant", "--landlord", "--date", "02/10/2026"],
    ["case", "edit", "{n}", "--phone", "0470 12 34 56"],
    ["visit", "{n}", "--kind", "phone", "--minutes", "10", "--date", "03/10/2026", "--no-input"],
    ["visit", "edit", "{n}", "1", "--minutes", "20"],
    ["visit", "remove", "{n}", "1", "--reason", "typed twice"],
    ["plan", "{n}", "--arrears", "600", "--force", "--instalment", "100", "--start", "01/11/2026"],
    ["plan", "pay", "{n}", "--amount", "100", "--date", "01/11/2026"],
    ["plan", "agree", "{n}", "Clean the kitchen", "--due", "+7d"],
    ["refer", "{n}", "--to", "ocmw", "--date", "05/10/2026"],
    ["refer", "outcome", "{n}", "1", "--result", "accepted", "--date", "06/10/2026"],
    ["hearing", "add", "{n}", "--date", "+3d 09:30", "--court", "Vredegerecht Mechelen"],
    ["case", "track", "{n}", "--to", "pre-ogp", "--date", "07/10/2026"],
    ["transfer", "dwelling", "add", "T1", "--kind", "transit"],
    ["transfer", "in", "{n}", "--dwelling", "T1", "--date", "08/10/2026"],
    ["transfer", "out", "{n}", "--destination", "regular-market", "--date", "09/10/2026"],
    ["case", "close", "{n}", "--outcome", "other"],
    ["case", "reopen", "{n}"],
    ["case", "show", "{n}"],
    ["case", "find", "Jan"],
    ["hearing", "brief", "{n}"],
    ["case", "report", "{n}", "--for", "landlord"],
]
"""A writing command of every group, and the reads of a dossier: each leaves a line of history."""


def test_who_is_recorded_is_the_process_user_whatever_logname_says(cli, monkeypatch):
    """`LOGNAME=karim huurbeg ...` neither records karim nor makes karim the worker of an intake: the account
    of the process's user id does (here a stand-in for it, so that the test holds under any account)."""
    import pwd
    import types

    real = pwd.getpwuid
    monkeypatch.setattr(pwd, "getpwuid", lambda uid: types.SimpleNamespace(pw_name="proc-user")
                        if uid == os.getuid() else real(uid))
    pretend = {"LOGNAME": "karim", "USER": "karim", "LNAME": "karim", "USERNAME": "karim"}
    number = cli("intake", "--track", "pw", "--tenant", "Jan", "--source", "landlord", "--landlord", "Woonpunt",
                 "--landlord-type", "shm", "--problem", "arrears", "--date", "01/10/2026", "--tenant-informed",
                 "--no-input", env=pretend).stdout.strip()
    for args in WRITES:
        result = cli(*[arg.format(n=number) for arg in args], env=pretend)
        assert result.exit_code == 0, (args, result.output)
    assert cli("case", "assign", number, "--to", me(), env=pretend).exit_code == 0
    recorded = query(None, "SELECT DISTINCT os_user FROM history")
    assert recorded == [("proc-user",)]
    assert len(query(None, "SELECT DISTINCT action FROM history")) >= 17
    assert query(None, "SELECT worker FROM case_file") == [(me(),)]
    if not POSTGRES:
        assert me() == "proc-user"


def test_without_a_passwd_entry_the_user_id_is_recorded_not_logname(monkeypatch):
    import pwd

    from huurbeg.db.history import os_user

    def missing(uid):
        raise KeyError(uid)

    monkeypatch.setattr(pwd, "getpwuid", missing)
    monkeypatch.setenv("LOGNAME", "karim")
    monkeypatch.setenv("USER", "karim")
    assert os_user() == f"uid-{os.getuid()}"


def test_only_the_history_module_says_who_is_at_the_keyboard():
    """Every command takes who it is from huurbeg.db.history.os_user (the test above runs them through it);
    nothing else reads the login names of the environment. Migrations before 0014 are history themselves."""
    import re
    from pathlib import Path

    import huurbeg

    package = Path(huurbeg.__file__).parent
    readers = re.compile(r"getpass|(environ(\.get)?[(\[]|getenv\()[\"'](LOGNAME|USER|USERNAME|LNAME)[\"']")
    found = [str(path.relative_to(package)) for path in package.rglob("*.py") if readers.search(path.read_text())
             and not (path.parent.name == "versions" and path.name < "0014")]
    assert found == []


def test_an_unreachable_server_is_one_line_without_the_password(cli):
    pytest.importorskip("psycopg")
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    secret = "Sup3r-secret-pw"
    result = cli("--db", f"postgresql+psycopg://an:{secret}@127.0.0.1:{port}/huurbeg", "case", "list")
    assert_one_line_error(result, code=5, contains=f"cannot reach the database server at 127.0.0.1:{port}: ")
    assert secret not in result.output
    assert os.environ.get("HUURBEG_DB") is not None


def test_stats_caseload_per_worker_keeps_the_fixed_rows(cli, new_case, other_worker):
    new_case()
    second, third = new_case("--allow-duplicate"), new_case("--allow-duplicate")
    cli("case", "close", third, "--outcome", "other")
    before = cli("stats", "--month", "2026-11", "-f", "csv").stdout
    assert "Caseload per worker" not in cli("stats", "--month", "2026-11").stdout  # one worker: as before
    cli("case", "assign", second, "--to", other_worker)
    # the fixed long-format rows do not change with the team
    assert cli("stats", "--month", "2026-11", "-f", "csv").stdout == before
    table = cli("stats", "--month", "2026-11").stdout
    assert "Caseload per worker" in table and other_worker in table
    rows = list(csv.DictReader(io.StringIO(cli("stats", "--month", "2026-11", "--by-worker", "-f", "csv").stdout)))
    got = {(r["worker"], r["figure"]): int(r["value"]) for r in rows}
    assert got == {(me(), "open_cases"): 1, (me(), "new_cases"): 2, (me(), "closed_cases"): 1,
                   (other_worker, "open_cases"): 1, (other_worker, "new_cases"): 1, (other_worker, "closed_cases"): 0}
    assert [r["worker"] for r in rows] == sorted(r["worker"] for r in rows)
    assert {r["period"] for r in rows} == {"2026-11"}
    as_list = as_json(cli("stats", "--month", "2026-11", "--by-worker", "-f", "json"))
    assert [(r["worker"], r["figure"], r["value"]) for r in as_list] == [
        (r["worker"], r["figure"], int(r["value"])) for r in rows]
    assert cli("stats", "--month", "2020-01", "--by-worker", "-f", "csv").stdout == "period,worker,figure,value\n"


def test_a_dossier_names_its_worker_only_in_a_team(cli, new_case, other_worker):
    number = new_case()
    assert "Worker" not in cli("case", "show", number).stdout
    theirs = new_case("--allow-duplicate")
    cli("case", "assign", theirs, "--to", other_worker)
    shown = cli("case", "show", theirs).stdout
    assert "Worker" in shown and other_worker in shown
