"""One description per entity: the fields of a household, a landlord and a case, said once.

A field says its column, its label (the words the history names it by when it is corrected:
English, since the history is stored), its kind, whether it is personal data (the access export
gives it, a purge erases it), whether a purge erases it all the same (an import's reference),
its key in `case edit`, its option with the option's help, the question a terminal asks for it
and its heading in the dossier. Intake and the edits (their options and questions), the dossier,
the access export, merge and purge, `case find` and the history take their fields from here: a
field added to a model is described here once.
"""

from enum import StrEnum

from huurbeg.core.codes import LandlordType, Problem, Source
from huurbeg.core.i18n import N_


class Field:
    """One field of an entity, never changed once described. A plain class rather than a dataclass, which costs
    about a millisecond to make: the options of a household's fields are part of every `--help` that takes them."""

    __slots__ = ("column", "label", "kind", "personal", "edit", "option", "where", "purged", "help", "question",
                 "metavar", "required", "heading", "found", "weight", "codes", "one", "clearable")

    def __init__(self, column: str, label: str, kind: str, personal: bool, edit: str | None = None,
                 option: str | None = None, where: str = "", purged: bool | None = None, help: str = "",
                 question: str = "", metavar: str | None = None, required: bool = False, heading: str = "",
                 found: str | None = None, weight: float = 0.0, codes: "type[StrEnum] | None" = None, one: str = "",
                 clearable: bool = False):
        self.column = column
        self.label = label
        self.kind = kind  # text, phone, email, date, national-number, count, money, code, codes, reference
        self.personal = personal
        self.edit = edit  # its key in `case edit`; None: not corrected there
        self.option = option  # its flag on intake and `case edit` (a landlord's contact: on `landlord edit`)
        self.where = where  # "household.name", "case.note"; or the table a correction writes ("landlord", "problems")
        self.purged = purged  # erased by a purge; None: when personal
        self.help = help  # its option's help, translated when the help is shown (huurbeg.cli.i18n_extract finds it)
        self.question = question  # what a terminal asks for it, marked with N_()
        self.metavar = metavar  # its option's placeholder; None: its kind's
        self.required = required  # a text that must show something, at intake and after a correction
        self.heading = heading  # its line in the dossier and the intake's summary, marked with N_()
        self.found = found  # what `case find` says it matched (huurbeg.core.codes.FoundIn); None: not searched
        self.weight = weight  # how much a match in it says about the case being the one looked for (case find)
        self.codes = codes  # the codes a field of kind code or codes takes
        self.one = one  # a codes field's one code, as its option's errors name it, marked with N_(); "": its label
        self.clearable = clearable  # an optional text that, given, must show something ('' clears it in an edit)

    def __repr__(self) -> str:
        return f"Field({self.where or self.column!r})"

    def placed(self, where: str) -> "Field":
        """The same field, in `where`."""
        return Field(**{name: getattr(self, name) for name in self.__slots__ if name != "where"}, where=where)

    @property
    def erased(self) -> bool:
        return self.personal if self.purged is None else self.purged


def _described(entity: str, *fields: Field) -> tuple[Field, ...]:
    return tuple(f if f.where else f.placed(f"{entity}.{f.column}") for f in fields)


HOUSEHOLD = _described(
    "household",
    Field("name", "tenant name", "text", True, "tenant", "--tenant", help="Tenant's name.",
          question=N_("Tenant's name?"), metavar="NAME", required=True, heading=N_("Tenant"), found="tenant",
          weight=1.0),
    Field("address", "address", "text", True, "address", "--address", help="Address of the rented home.",
          question=N_("Address?"), heading=N_("Address"), found="address", weight=0.75),
    Field("phone", "phone", "phone", True, "phone", "--phone", help="Tenant's phone number.",
          question=N_("Phone?"), heading=N_("Phone"), found="phone", weight=0.9),
    Field("birth_date", "birth date", "date", True, "birth_date", "--birth-date",
          help="Tenant's birth date (dd/mm/yyyy).", question=N_("Birth date (dd/mm/yyyy)?"), heading=N_("Born")),
    Field("national_number", "national register number", "national-number", True, "national_number",
          "--national-number",
          help="Belgian national register or bis number (11 digits, checked; its birth date must match).",
          question=N_("National register number?"), heading=N_("National no."), found="national_number",
          weight=0.95),
    Field("adults", "adults", "count", False, "adults", "--adults", help="Adults in the household (at least 1).",
          question=N_("Adults in the household?"), heading=N_("Household")),
    Field("children", "children", "count", False, "children", "--children", help="Children in the household.",
          question=N_("Children in the household?"), heading=N_("Household")),
)
"""The tenant's household, in the order intake asks for it. Its size is no personal data: the figures keep it
after a purge."""

LANDLORD_DETAIL_WEIGHT = 0.7
"""A landlord's desk answers for many cases: a match in its details says less than one in the household's."""

LANDLORD_CONTACT = _described(
    "landlord",
    Field("address", "address", "text", False, option="--address", purged=True,
          help="Where letters to the landlord go. '' clears it.", question=N_("Landlord's address?"),
          heading=N_("Address")),
    Field("phone", "phone", "phone", False, option="--phone", purged=True,
          help="The landlord's phone number. '' clears it.", question=N_("Landlord's phone?"), heading=N_("Phone"),
          found="landlord_phone", weight=LANDLORD_DETAIL_WEIGHT),
    Field("email", "email", "email", False, option="--email", purged=True,
          help="The landlord's e-mail address. '' clears it.", question=N_("Landlord's e-mail?"),
          heading=N_("E-mail"), found="landlord_email", weight=LANDLORD_DETAIL_WEIGHT),
    Field("contact_person", "contact person", "text", False, option="--contact", purged=True,
          help="Who the service deals with there (an SHM's or SVK's desk). '' clears it.",
          question=N_("Contact person there?"), heading=N_("Contact person"), found="landlord_contact",
          weight=LANDLORD_DETAIL_WEIGHT),
)
"""How a letter reaches a landlord (`landlord edit`): an SHM's or SVK's desk, or a private landlord's own
details. They are the landlord's, not the household's (the access export leaves them out); a purge erases
them once no case left unpurged names the landlord."""

LANDLORD = _described(
    "landlord",
    Field("name", "landlord", "text", True, "landlord", "--landlord", where="landlord", metavar="NAME",
          clearable=True, help="Landlord's name; an existing landlord is matched by name.", found="landlord",
          weight=0.8),
    Field("kind", "landlord type", "code", False, "landlord_type", "--landlord-type", where="landlord",
          codes=LandlordType, help="Kind of landlord, needed for a new one."),
) + LANDLORD_CONTACT
"""A landlord. Only a private landlord's name is a person's: a purge relabels those alone."""

CASE = _described(
    "case",
    Field("source", "registration source", "code", False, "source", "--source", codes=Source,
          help="Who registered the case."),
    Field("referrer", "referrer", "text", True, "referrer", "--referrer", help="Who registered it, at that service."),
    Field("problems", "problems", "codes", False, "problems", "--problem", where="problems", codes=Problem,
          one=N_("problem"), help="A problem threatening the tenancy; repeat for several."),
    Field("arrears_cents", "arrears", "money", False, "arrears_cents", "--arrears",
          help="Rent arrears at intake, e.g. 1.234,56."),
    Field("rent_cents", "rent", "money", False, "rent_cents", "--rent", help="The monthly rent, e.g. 650."),
    Field("note", "note", "text", True, "note", "--note", help="Confidential note."),
    Field("landlord_reported", "problems the landlord reported", "codes", False, "landlord_reported",
          "--reported-by-landlord", where="problems"),
    Field("external_ref", "import reference", "reference", False, purged=True, found="reference", weight=0.95),
)
"""A case's own fields (the rest of it is dates and codes of its course). The problems the landlord reported are
marked on `case edit` by a pair of flags of their own (added, taken back), not given as a field is."""

CASE_OPTIONS = (*LANDLORD[:2], *(f for f in CASE if f.option and f.help))
"""The landlord's and the case's fields intake and `case edit` take as options, in their order in --help."""

SEARCHED_CONTACT = tuple(f for f in LANDLORD_CONTACT if f.found)
"""The landlord's contact details `case find` looks in: a landlord's desk finds its cases."""

SEARCHED = tuple(f for f in (*HOUSEHOLD, *LANDLORD, *CASE) if f.found)
"""Every field `case find` looks in, by what it says it matched, each with its weight."""

HOUSEHOLD_FIELDS = tuple(f.column for f in HOUSEHOLD)
"""A household's details: what a merge compares, takes over and gives back."""


def erased(fields: tuple[Field, ...]) -> tuple[str, ...]:
    """The columns of these fields that a purge erases."""
    return tuple(f.column for f in fields if f.erased)
