"""Caseworkers (huurbegeleiders): whose case it is, handovers, and whose caseload a view shows.

A worker is a name: the database role on a team server, the OS user on a file.
Every case has one, by default who registered it; `case assign` gives a case to
another, `case assign --from --to` hands over every open case of a worker who
leaves, each change in the case's history. Worker names are role or account
names, never personal data of a household, so they may appear in figures and
messages. Nothing here prints.
"""

import re
from typing import TYPE_CHECKING

from huurbeg.domain.casework import check_open
from huurbeg.core.errors import InvalidInput
from huurbeg.core.i18n import _

if TYPE_CHECKING:  # the store's types only
    from huurbeg.db.area import Storage, Writing


WORKER_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.@-]{0,62}", re.ASCII)
"""A database role or an account name: what PostgreSQL accepts unquoted, plus . - @ (63 characters at most)."""


def parse_worker(text: str) -> str:
    value = text.strip()
    if not WORKER_NAME.fullmatch(value):
        raise ValueError(_("use a worker's name: the database role on a server, the user name on a file (letters, "
                           "digits, _ . - @)"))
    return value


def chosen(store: "Storage", worker: str | None, mine: bool) -> str | None:
    """The worker whose cases a view shows (--worker W or --mine), or None for everyone's."""
    if worker is not None and mine:
        raise InvalidInput(_("give {field:worker} or {field:mine}, not both"), field="mine")
    if mine:
        return store.me
    if worker is not None:
        _check_known(store, worker, "worker")
    return worker


def _check_known(store: "Storage", worker: str, field: str) -> None:
    """A typo must not look like an empty caseload: the name must have cases, or be a role on the server."""
    known = store.cases.workers()
    if worker in known or store.is_login_role(worker):
        return
    if not known:
        raise InvalidInput(_("no case has worker {worker}").format(worker=worker), field=field)
    listed = ", ".join(known[:10]) + (" ..." if len(known) > 10 else "")
    raise InvalidInput(_("no case has worker {worker}; workers: {listed}").format(
        worker=worker, listed=listed), field=field)


def _check_target(store: "Writing", worker: str) -> None:
    """On a server a case goes to a role that can log in and belongs to the team, so that its worker can open
    it; on a file any account name will do."""
    standing = store.team_standing(worker)
    if standing is None:
        return
    login, member, team = standing
    if not login:
        raise InvalidInput(_("no database role named {worker} can log in; create it first (see the README's "
                             "team setup)").format(worker=worker), field="to")
    if not member:
        raise InvalidInput(_("the database role {worker} is not a member of the team role {team}; add it "
                             "first: GRANT {team} TO {role};").format(worker=worker, team=team,
                                                                     role=_sql_name(worker)), field="to")


def _sql_name(name: str) -> str:
    """A role's name as a statement to paste into psql needs it."""
    return name if re.fullmatch(r"[a-z_][a-z0-9_]*", name) else '"' + name.replace('"', '""') + '"'


def assign(store: "Writing", number: str, to: str) -> str | None:
    """Make `to` responsible for one open case; returns who was."""
    _check_target(store, to)
    case = store.cases.case(number)
    check_open(case.status, number)
    previous = case.worker
    if previous != to:
        store.cases.assign(case, to)
    return previous


def hand_over(store: "Writing", from_worker: str, to: str) -> list[str]:
    """Every open case of `from_worker` to `to`, each in its history; returns the case numbers."""
    if from_worker == to:
        raise InvalidInput(_("name another worker than {field:from}"), field="to")
    _check_known(store, from_worker, "from")
    _check_target(store, to)
    cases = store.cases.open_cases_of(from_worker)
    for case in cases:
        store.cases.assign(case, to)
    return [case.number for case in cases]
