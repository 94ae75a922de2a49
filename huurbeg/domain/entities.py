"""One description per entity: the fields of a household, a landlord and a case, said once.

A field says its column, its label (the words the history names it by when it is corrected:
English, since the history is stored), its kind, whether it is personal data (the access export
gives it, a purge erases it), whether a purge erases it all the same (an import's reference),
its key in `case edit` and its option. Intake and edit, the dossier, the access export, merge
and purge take their fields from here: a field added to a model is described here once.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    column: str
    label: str
    kind: str  # text, phone, date, national-number, count, money, code, codes, reference
    personal: bool
    edit: str | None = None  # its key in `case edit`; None: not corrected there
    option: str | None = None  # its flag on intake and `case edit`
    where: str = ""  # "household.name", "case.note"; or the table a correction writes ("landlord", "problems")
    purged: bool | None = None  # erased by a purge; None: when personal

    @property
    def erased(self) -> bool:
        return self.personal if self.purged is None else self.purged


def _described(entity: str, *fields: Field) -> tuple[Field, ...]:
    return tuple(f if f.where else Field(**{**f.__dict__, "where": f"{entity}.{f.column}"}) for f in fields)


HOUSEHOLD = _described(
    "household",
    Field("name", "tenant name", "text", True, "tenant", "--tenant"),
    Field("address", "address", "text", True, "address", "--address"),
    Field("phone", "phone", "phone", True, "phone", "--phone"),
    Field("birth_date", "birth date", "date", True, "birth_date", "--birth-date"),
    Field("national_number", "national register number", "national-number", True, "national_number",
          "--national-number"),
    Field("adults", "adults", "count", False, "adults", "--adults"),
    Field("children", "children", "count", False, "children", "--children"),
)
"""The tenant's household. Its size is no personal data: the figures keep it after a purge."""

LANDLORD = _described(
    "landlord",
    Field("name", "landlord", "text", True, "landlord", "--landlord", where="landlord"),
    Field("kind", "landlord type", "code", False, "landlord_type", "--landlord-type", where="landlord"),
)
"""A landlord. Only a private landlord's name is a person's: a purge relabels those alone."""

CASE = _described(
    "case",
    Field("source", "registration source", "code", False, "source", "--source"),
    Field("referrer", "referrer", "text", True, "referrer", "--referrer"),
    Field("problems", "problems", "codes", False, "problems", "--problem", where="problems"),
    Field("arrears_cents", "arrears", "money", False, "arrears_cents", "--arrears"),
    Field("rent_cents", "rent", "money", False, "rent_cents", "--rent"),
    Field("note", "note", "text", True, "note", "--note"),
    Field("landlord_reported", "problems the landlord reported", "codes", False, "landlord_reported",
          "--reported-by-landlord", where="problems"),
    Field("external_ref", "import reference", "reference", False, purged=True),
)
"""A case's own fields (the rest of it is dates and codes of its course)."""

HOUSEHOLD_FIELDS = tuple(f.column for f in HOUSEHOLD)
"""A household's details: what a merge compares, takes over and gives back."""


def erased(fields: tuple[Field, ...]) -> tuple[str, ...]:
    """The columns of these fields that a purge erases."""
    return tuple(f.column for f in fields if f.erased)
