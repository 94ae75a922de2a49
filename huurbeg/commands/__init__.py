"""One module per command group: parse, ask what is missing, call the domain, render."""

from typing import TYPE_CHECKING

from huurbeg.core.i18n import N_

if TYPE_CHECKING:  # the store's types only
    from huurbeg.db.area import Storage


TENANT_COLUMN = ("tenant", N_("Tenant"), 50)
"""The tenant's name beside a case number in a list: on a narrow terminal on two lines of its cell, giving way
only to a warning's fact (huurbeg.output.render.OPTIONAL_BELOW) and after every optional column to its right."""


def with_tenants(rows: list[dict], store: "Storage", fmt) -> list[dict]:
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


def _new_landlord_option():
    from typing import Annotated

    import typer

    return Annotated[bool, typer.Option(
        "--new-landlord", help="The landlord is a new one, though its name is part of, or close to, a landlord "
                               "already on record.")]


NewLandlordOption = _new_landlord_option()
"""--new-landlord of intake and case edit (huurbeg.domain.casework.check_new_landlord)."""


def kept_answers_of(store: "Storage", flow: str, number: str, today):
    """The kept answers a visit or a plan of this case resumes: (case, answers); (None, None) when the case was closed
    or removed since they were kept, which is said in one line, and the worker discarded them. Not discarded, the
    case is refused as any command refuses it (closed: reopen it first; removed: not found), the answers kept."""
    from huurbeg.cli import prompts
    from huurbeg.domain import casework, drafts

    case, kept, gone = drafts.resumed_on_case(store, flow, number, today)
    if gone is None:
        return case, kept
    if prompts.discard_kept(gone):
        drafts.discard_kept(store, flow, case, today)
        return None, None
    store.cases.case(number)
    casework.check_open(case.status, number)
    return case, kept
