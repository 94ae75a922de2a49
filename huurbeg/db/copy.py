"""Copying every row of one huurbeg database into another (a solo file into a team server).

Rows get new ids in the target; every reference is mapped to them, so the copy can
also merge into a database that already holds cases. Case numbers, external
references and calendar UIDs are copied as they are; a landlord or dwelling that
exists in the target under the same name or code is reused. The copy is one
transaction on the target, verified table by table before it is committed.
"""

from collections.abc import Callable


from huurbeg.core.errors import RuleViolation
from huurbeg.core.i18n import _
from huurbeg.db.sql import Connection, in_list
from huurbeg.domain.entities import LANDLORD_CONTACT

# Tables in an order where every reference points backwards, with their reference columns.
ORDER = [("household", {}), ("landlord", {}), ("dwelling", {}),
         ("case_file", {"household_id": "household", "landlord_id": "landlord"}),
         ("case_problem", {"case_id": "case_file"}), ("track_change", {"case_id": "case_file"}),
         ("consent", {"case_id": "case_file"}), ("contact", {"case_id": "case_file"}),
         ("payment_plan", {"case_id": "case_file"}), ("instalment", {"plan_id": "payment_plan"}),
         ("payment", {"plan_id": "payment_plan"}),
         ("fbu_agreement", {"case_id": "case_file", "plan_id": "payment_plan"}),
         ("agreement", {"case_id": "case_file"}),
         ("hearing", {"case_id": "case_file", "postponed_from_id": "hearing"}),
         ("stay", {"case_id": "case_file", "dwelling_id": "dwelling"}),
         ("referral", {"case_id": "case_file"}), ("household_merge", {"case_id": "case_file"}),
         ("household_merge_case", {"merge_id": "household_merge", "case_id": "case_file"}),
         ("attachment", {"case_id": "case_file"}), ("attachment_content", {"attachment_id": "attachment"}),
         ("service_identity", {}), ("worker_contact", {}),
         ("history", {"case_id": "case_file"})]
REUSED_BY = {"landlord": "name_key", "dwelling": "code", "worker_contact": "worker"}
"""Rows matched by this column in the target instead of copied."""
ONE_ROW = {"service_identity"}
"""Tables of one row: the target's, when it has one, is the one kept (a team's server keeps its letterhead)."""


KEYS = {"case_problem": ("case_id", "problem"), "household_merge_case": ("merge_id", "case_id"),
        "attachment_content": ("attachment_id",)}
"""The primary keys of the tables without an id (tests/test_writes.py checks them against the models)."""


def copy_database(source: Connection, target: Connection, merge: bool,
                  progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Copy every row of `source` into `target` (two stores' plain SQL); returns rows per table."""
    if not merge and target.value("SELECT count(*) FROM case_file"):
        raise RuleViolation(_("the target database already holds cases"), hint="merge_copy")
    numbers = [row.number for row in source.rows("SELECT number FROM case_file")]
    clash = []
    for start in range(0, len(numbers), 500):  # a parameter each: within what either database takes at once
        listed, params = in_list("number", numbers[start:start + 500])
        clash += [row.number for row in target.rows(f"SELECT number FROM case_file WHERE number IN ({listed})",
                                                     **params)]
    if clash:
        raise RuleViolation(_("case numbers exist in both databases ({join}{value}); nothing was copied")
                            .format(join=', '.join(sorted(clash)[:5]), value=' ...' if len(clash) > 5 else ''))
    ids: dict[str, dict[int | None, int]] = {}  # a table without ids keeps none: its rows are counted
    copied = {}
    for name, references in ORDER:
        if progress:
            progress(name)
        ids[name], copied[name] = _copy_table(source, target, name, references, ids)
        written = len(ids[name]) if name not in KEYS else copied[name]
        expected = source.value(f"SELECT count(*) FROM {name}")
        if written != expected:
            raise RuleViolation(_("{name}: {expected} rows in the source, {written} copied; nothing was copied")
                                .format(name=name, expected=expected, written=written))
    return copied


def _copy_table(source: Connection, target: Connection, table: str, references: dict[str, str],
                ids: dict[str, dict[int | None, int]]) -> tuple[dict[int | None, int], int]:
    mapping = ids.setdefault(table, {})  # visible to the table's own references
    has_id = table not in KEYS
    reuse = REUSED_BY.get(table)
    existing = {row[reuse]: row.id for row in target.rows(f"SELECT {reuse}, id FROM {table}")} if reuse else {}
    kept = target.value(f"SELECT id FROM {table}") if table in ONE_ROW else None
    count = 0
    for row in source.rows(f"SELECT * FROM {table} ORDER BY {', '.join(KEYS.get(table, ('id',)))}"):
        values = dict(row)
        for column, referenced in references.items():
            if values[column] is not None:
                values[column] = ids[referenced][values[column]]
        old = values.pop("id", None) if has_id else None
        if reuse and values[reuse] in existing:
            mapping[old] = existing[values[reuse]]
            _fill(target, table, mapping[old], values)
        elif kept is not None:
            mapping[old] = kept
            _fill(target, table, kept, values)
        else:
            statement = (f"INSERT INTO {table} ({', '.join(values)}) "
                         f"VALUES ({', '.join(':' + column for column in values)})")
            if has_id:
                mapping[old] = target.insert(statement, **values)
            else:
                target.execute(statement, **values)
        count += 1
    return mapping, count


def _fill(target: Connection, table: str, kept: int, values: dict) -> None:
    """What the target's matching row does not know yet, from the source's (a landlord's phone, the logo)."""
    current = target.single(f"SELECT * FROM {table} WHERE id = :id", id=kept)
    known = {name: value for name, value in values.items()
             if name in FILLED.get(table, ()) and value is not None and current[name] is None}
    if table == "service_identity" and "logo" in known:
        known["logo_type"] = values["logo_type"]
    if known:
        target.execute(f"UPDATE {table} SET {', '.join(f'{name} = :{name}' for name in known)} WHERE id = :id",
                       **known, id=kept)


FILLED = {"landlord": tuple(f.column for f in LANDLORD_CONTACT),
          "worker_contact": ("name", "phone", "email"),
          "service_identity": ("name", "organisation", "address", "phone", "email", "signatory", "place", "logo")}
"""Columns of a reused row that the source may fill where the target has nothing."""
