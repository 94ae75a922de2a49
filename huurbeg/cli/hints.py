"""What the command line adds to an error: the command to copy, or the flag, that does what it lacks.

An error below the command line says what is wrong in the reader's words ("case 2026-0042 has no
payment plan"); its `hint` names one of HINTS, which the command line's one line adds ("...; create
one with 'huurbeg plan 2026-0042 --arrears EUR --instalment EUR --start D'"). Under a question, or
anywhere else, the error is said without it.
"""

from huurbeg.core.i18n import N_, _

HINTS: dict[str, str] = {
    "ask": N_("{message}; give it as a flag, or run on a terminal without --no-input to be asked"),
    "create_plan": N_("{message}; create one with 'huurbeg plan {number} --arrears EUR --instalment EUR --start D'"),
    "record_fbu": N_("{message}; record one with 'huurbeg plan fbu {number} --signed D --instalment EUR --start D'"),
    "record_rent": N_("{message} (record it with 'huurbeg case edit CASE --rent EUR')"),
    "give_arrears": N_("{message}; give them with --arrears EUR"),
    "force_advance": N_("{message} (--force to record it anyway)"),
    "force_merge": N_("{message}, or pass --force if they are one household all the same"),
    "allow_duplicate": N_("{message}, or pass --allow-duplicate to open a second case"),
    "record_dissolution": N_("{message}; record it with 'huurbeg hearing outcome {number} --result dissolved'"),
    "record_service": N_("{message}; record it first with 'huurbeg hearing served {number} --date D'"),
    "record_eviction": N_("{message}; record the bailiff's date first with 'huurbeg hearing eviction {number} "
                          "--date \"D HH:MM\"'"),
    "list_cases": N_("{message}; 'huurbeg case list --status all' lists the cases"),
    "new_database": N_("{message}; give it a new file with --db demo.db"),
    "merge_copy": N_("{message}; pass --merge to add these to them"),
    "workbook_file": N_("{message}, e.g. --output figures.xlsx"),
    "add_landlord": N_("{message}; add one with 'huurbeg case edit {number} --landlord NAME'"),
    "record_consent": N_("{message}. Record it with 'huurbeg case consent {number} --tenant' once the household "
                         "agreed"),
    "logo": N_("{message} with 'huurbeg service set --logo FILE'"),
    "letter_fields": N_("{message}; 'huurbeg letter --fields' lists them"),
}
"""The hints an error may name (`RuleViolation(..., hint="create_plan", number=number)`), each around its
`{message}`, about case `{number}`."""


def hinted(text: str, exc: BaseException) -> str:
    """`text`, what `exc` says, with the hint it names, if any."""
    hint = getattr(exc, "hint", None)
    if hint is None:
        return text
    return _(HINTS[hint]).format(message=text, number=getattr(exc, "number", None))
