"""The columns of the schema that hold a date, a moment or a flag, by table: made from the models.

Generated from huurbeg/db/models.py, the one declaration of the schema, so that a lookup can
type what SQLite hands back (huurbeg.db.sql) without importing SQLModel. After a change to the
models, write it again: `python -m huurbeg.db.column_types` (tests/test_reads.py checks it).
"""

TYPES: dict[str, dict[str, str]] = {
    "agreement": {"due_date": "date", "done_date": "date", "created_at": "moment", "removed_at": "moment"},
    "attachment": {"date": "date", "created_at": "moment", "removed_at": "moment"},
    "case_file": {
        "intake_date": "date",
        "tenant_informed": "boolean",
        "returning_household": "boolean",
        "closed_date": "date",
        "created_at": "moment",
        "updated_at": "moment",
        "purged_at": "moment",
        "removed_at": "moment",
    },
    "case_problem": {"raised_by_landlord": "boolean", "at_registration": "boolean"},
    "consent": {"date": "date", "created_at": "moment"},
    "contact": {
        "date": "date",
        "next_planned": "date",
        "reached": "boolean",
        "created_at": "moment",
        "removed_at": "moment",
    },
    "draft": {"created_at": "moment", "updated_at": "moment", "kept_until": "date"},
    "dwelling": {"active": "boolean", "created_at": "moment"},
    "fbu_agreement": {
        "signed_date": "date",
        "advance_due": "date",
        "paid_date": "date",
        "filed_date": "date",
        "created_at": "moment",
        "removed_at": "moment",
    },
    "hearing": {
        "petition_date": "date",
        "starts_at": "wall-clock",
        "result_date": "date",
        "eviction_date": "date",
        "served_date": "date",
        "eviction_announced": "date",
        "eviction_result_date": "date",
        "created_at": "moment",
        "removed_at": "moment",
    },
    "history": {"at": "moment"},
    "household": {"birth_date": "date", "created_at": "moment"},
    "household_merge": {
        "birth_date": "date",
        "household_created_at": "moment",
        "created_at": "moment",
        "undone_at": "moment",
        "purged_at": "moment",
    },
    "household_merge_case": {"moved": "boolean", "returning_household": "boolean"},
    "instalment": {"due_date": "date"},
    "landlord": {"created_at": "moment"},
    "payment": {"date": "date", "created_at": "moment", "removed_at": "moment"},
    "payment_plan": {"start_date": "date", "created_at": "moment", "ended_at": "moment"},
    "referral": {"date": "date", "outcome_date": "date", "created_at": "moment", "removed_at": "moment"},
    "service_identity": {"updated_at": "moment"},
    "stay": {
        "start_date": "date",
        "end_date": "date",
        "review_date": "date",
        "left_date": "date",
        "created_at": "moment",
        "removed_at": "moment",
    },
    "track_change": {"date": "date", "created_at": "moment", "removed_at": "moment"},
    "worker_contact": {"updated_at": "moment"},
}
"""table → column → "date", "moment" (aware, in UTC), "wall-clock" (a moment without time zone) or "boolean"."""


def from_models() -> dict[str, dict[str, str]]:
    """The typed columns of every table of the models."""
    import datetime

    from sqlmodel import SQLModel

    import huurbeg.db.models  # noqa: F401  (the tables)

    found: dict[str, dict[str, str]] = {}
    for table in sorted(SQLModel.metadata.tables.values(), key=lambda t: t.name):
        for column in table.columns:
            stored = getattr(column.type, "impl", column.type)  # SQLModel's UTCDateTime decorates DateTime
            kind = stored.python_type
            if kind is datetime.datetime:
                aware = getattr(stored, "timezone", False)  # a DateTime's; the decorated type is read as one
                found.setdefault(table.name, {})[column.name] = "moment" if aware else "wall-clock"
            elif kind is datetime.date:
                found.setdefault(table.name, {})[column.name] = "date"
            elif kind is bool:
                found.setdefault(table.name, {})[column.name] = "boolean"
    return found


def _write() -> None:
    from pathlib import Path

    lines = ["TYPES: dict[str, dict[str, str]] = {"]
    for table, columns in from_models().items():
        pairs = [f'"{name}": "{kind}"' for name, kind in columns.items()]
        line = f'    "{table}": {{{", ".join(pairs)}}},'
        if len(line) <= 116:
            lines.append(line)
        else:
            lines += [f'    "{table}": {{'] + [f"        {pair}," for pair in pairs] + ["    },"]
    lines.append("}\n")
    path = Path(__file__)
    text = path.read_text(encoding="utf-8")
    start = text.index(lines[0])
    end = text.index("\n}\n", start) + 3
    path.write_text(text[:start] + "\n".join(lines) + text[end:], encoding="utf-8")


if __name__ == "__main__":
    _write()
