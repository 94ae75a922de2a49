"""One module per command group: parse, ask what is missing, call the domain, render."""

from huurbeg.core.i18n import N_


TENANT_COLUMN = ("tenant", N_("Tenant"), 50)
"""The tenant's name beside a case number in a list: on a narrow terminal on two lines of its cell, giving way
only to a warning's fact (huurbeg.output.render.OPTIONAL_BELOW) and after every optional column to its right."""


def with_tenants(rows: list[dict], store, fmt) -> list[dict]:
    """Rows for the screen with the tenant's name of each case; json, csv and spreadsheets keep their shape."""
    if fmt != "table" or not rows:
        return rows
    names = store.cases.tenants([row["case"] for row in rows])
    return [row | {"tenant": names.get(row["case"])} for row in rows]


def headed(columns: list[tuple]) -> list[tuple]:
    """Table columns (key, header, ...) with their headers, marked N_() where defined, in the reader's language."""
    from huurbeg.core.i18n import _

    return [(key, _(header), *rest) for key, header, *rest in columns]


def _resume_option():
    from typing import Annotated

    import typer

    return Annotated[bool, typer.Option(
        "--resume", help="Go on with your questions that were stopped (Ctrl-C, or No at the end): the answers "
                         "given are kept 7 days, and a flag given now replaces its kept answer.")]


ResumeOption = _resume_option()
"""--resume of an interactive intake, visit or plan (huurbeg.domain.drafts)."""
