"""How `--help` reads: the commands in the order of the work, whole sentences, and real examples.

Applied once to the command tree Typer built (huurbeg.cli.root.HuurbegGroup), so a command
only needs its docstring and an entry in EXAMPLES below; tests/test_docs.py fails for a
command without an example. Usage lines read like the README's (`CASE`, not `{CASE}`;
`--court TEXT`, not `--court <str>`).

The tree is built at each invocation, a command of the root only when it is called (huurbeg.cli.groups),
so the help of what was built is put in the reader's language here, once:
every help text, docstring and summary is a catalogue message (huurbeg/cli/i18n_extract.py
finds them), and the formatter's own words (Usage, Options, [default: ...]) too.
"""

import re
from contextlib import contextmanager
from pathlib import Path
from enum import StrEnum
from typing import Any

from typer._click import Context, HelpFormatter

from huurbeg.core.i18n import N_, _, catalogue, language, speaking
from huurbeg.cli.groups import loaded

WORK = ("intake", "case", "visit", "plan", "hearing", "transfer", "refer", "letter", "deadlines", "digest",
        "stats")
"""The root's commands in the order of the work; then any other command; then data and maintenance."""
DATA_AND_MAINTENANCE = ("import", "demo", "copy", "backup", "purge", "doctor", "completion")

SUMMARIES = {
    "intake": N_("Register a household and open its case."),
    "case": N_("The caseload and one dossier: list, show, correct, close."),
    "visit": N_("Log a contact with the household."),
    "plan": N_("Payment plans, payments and agreements."),
    "hearing": N_("Court hearings: the roll, a brief per case, outcomes."),
    "transfer": N_("Transitional and crisis dwellings: who moves in and out."),
    "refer": N_("Refer a case to another service."),
    "letter": N_("Write the landlord, the tenant or the court a letter."),
    "deadlines": N_("Every warning and deadline, most urgent first."),
    "digest": N_("A short morning summary for a cron mail."),
    "stats": N_("The figures the service reports, for a month or a year."),
    "service": N_("The service's identity on its documents, and your own details."),
    "landlord": N_("Landlords as contacts: address, phone, e-mail, contact person."),
    "import": N_("Import a caseload from a spreadsheet."),
    "demo": N_("Fill an empty database with fictional casework."),
    "copy": N_("Copy this database into another, such as the team server."),
    "backup": N_("Make a consistent copy of the database."),
    "purge": N_("Erase the personal data of long-closed cases."),
    "doctor": N_("Check the database and say what to fix."),
    "completion": N_("Print the script for shell completion."),
}
"""The one-line descriptions of the root's list (a command's first sentence is used elsewhere)."""

EXAMPLES: dict[str, tuple[str, ...]] = {
    "": ("huurbeg", "huurbeg --db demo.db case list"),
    "intake": ("huurbeg intake",
               "huurbeg intake --track pw --tenant 'Jan Peeters' --source landlord --tenant-informed --no-input"),
    "case": ("huurbeg case list", "huurbeg case show 2026-0042"),
    "case list": ("huurbeg case list --track ogp", "huurbeg case list --status all --format xlsx --output cases.xlsx"),
    "case show": ("huurbeg case show 2026-0042", "huurbeg case show 2026-42 --format json"),
    "case find": ("huurbeg case find Peeters",),
    "case edit": ("huurbeg case edit 2026-0042 --phone '0470 12 34 56'",),
    "case consent": ("huurbeg case consent 2026-0042 --tenant --landlord",),
    "case consent-remove": (N_("huurbeg case consent-remove 2026-0042 --landlord --reason 'not asked yet'"),),
    "case track": ("huurbeg case track 2026-0042 --to pre-ogp",),
    "case close": ("huurbeg case close 2026-0042 --outcome eviction-prevented",),
    "case reopen": ("huurbeg case reopen 2026-0042",),
    "case assign": ("huurbeg case assign 2026-0042 --to karim", "huurbeg case assign --from an --to karim"),
    "case history": ("huurbeg case history 2026-0042",),
    "case report": ("huurbeg case report 2026-0042 --for landlord",),
    "case export": ("huurbeg case export 2026-0042 --output 2026-0042.json",
                    "huurbeg case export 2026-0042 --output 2026-0042.zip"),
    "case attach": ("huurbeg case attach 2026-0042 vonnis.pdf --kind judgment --date 16/11/2026 --move",),
    "case files": ("huurbeg case files 2026-0042",),
    "case file": ("huurbeg case file 2026-0042 2 --output vonnis.pdf",),
    "case file-remove": (N_("huurbeg case file-remove 2026-0042 2 --reason 'payslip of another household'"),),
    "case remove": (N_("huurbeg case remove 2026-0042 --reason 'registered twice'"),),
    "case merge": ("huurbeg case merge 2026-0042 2026-0057",),
    "case unmerge": ("huurbeg case unmerge 2026-0042 2026-0057",),
    "visit edit": ("huurbeg visit edit 2026-0042 3 --minutes 45",),
    "visit remove": (N_("huurbeg visit remove 2026-0042 3 --reason 'logged on the wrong case'"),),
    "plan payment-edit": ("huurbeg plan payment-edit 2026-0042 2 --amount 100",),
    "plan payment-remove": (N_("huurbeg plan payment-remove 2026-0042 2 --reason 'entered twice'"),),
    "plan agree-edit": ("huurbeg plan agree-edit 2026-0042 3 --due +2w", "huurbeg plan agree-edit 2026-0042 3 --not-done"),
    "plan agree-remove": (N_("huurbeg plan agree-remove 2026-0042 3 --reason 'agreed by mistake'"),),
    "hearing edit": ("huurbeg hearing edit 2026-0042 --date '24/11/2026 10:30' --room 2",),
    "hearing remove": (N_("huurbeg hearing remove 2026-0042 --reason 'entered twice'"),),
    "hearing outcome-remove": (
        N_("huurbeg hearing outcome-remove 2026-0042 --reason 'recorded on the wrong case'"),),
    "transfer undo": (N_("huurbeg transfer undo 2026-0042 --reason 'admitted on the wrong case'"),),
    "refer add": ("huurbeg refer add 2026-0042 --to cgg",),
    "refer list": ("huurbeg refer list", "huurbeg refer list 2026-0042"),
    "refer outcome": ("huurbeg refer outcome 2026-0042 1 --result accepted",),
    "refer remove": (N_("huurbeg refer remove 2026-0042 1 --reason 'referred by mistake'"),),
    "visit": ("huurbeg visit 2026-0042", "huurbeg visit list"),
    "visit add": ("huurbeg visit add 2026-0042", "huurbeg visit add 2026-0042 --kind phone --minutes 15 --no-input"),
    "visit list": ("huurbeg visit list 2026-0042", "huurbeg visit list --since -1m --format csv"),
    "plan": ("huurbeg plan 2026-0042 --arrears 1.234,56 --instalment 103 --start 01/12/2026",
             "huurbeg plan show 2026-0042"),
    "plan new": ("huurbeg plan new 2026-0042 --arrears 1.234,56 --instalment 103 --start 01/12/2026",),
    "plan pay": ("huurbeg plan pay 2026-0042 --amount 103",),
    "plan show": ("huurbeg plan show 2026-0042", "huurbeg plan show 2026-0042 --format xlsx --output plan.xlsx"),
    "plan agree": (N_("huurbeg plan agree 2026-0042 'Pay the rent on time' --due +1m"),),
    "plan done": ("huurbeg plan done 2026-0042 3",),
    "plan fbu": ("huurbeg plan fbu 2026-0042 --signed today --instalment 150 --start +1m",
                 N_("huurbeg plan fbu 2026-0042 --document --output agreement.txt")),
    "plan fbu-paid": ("huurbeg plan fbu-paid 2026-0042",),
    "plan fbu-filed": ("huurbeg plan fbu-filed 2026-0042",),
    "plan fbu-remove": (N_("huurbeg plan fbu-remove 2026-0042 --reason 'signing date mistyped'"),),
    "hearing": ("huurbeg hearing list --date tomorrow", "huurbeg hearing brief 2026-0042"),
    "hearing add": ("huurbeg hearing add 2026-0042 --date '24/11/2026 09:30' --court 'Vredegerecht Mechelen'",
                    "huurbeg hearing add 2026-0043 --kind conciliation --date '26/11/2026 10:00' --court "
                    "'Vredegerecht Mechelen'"),
    "hearing courts": ("huurbeg hearing courts",
                       "huurbeg hearing courts --merge 'Vredegerecht Mechlen' --into 'Vredegerecht Mechelen'"),
    "hearing list": ("huurbeg hearing list --date tomorrow",
                     "huurbeg hearing list --within 60 --format ics --output hearings.ics"),
    "hearing brief": ("huurbeg hearing brief 2026-0042",),
    "hearing outcome": ("huurbeg hearing outcome 2026-0042 --result postponed --new-date '08/12/2026 10:00'",),
    "hearing served": ("huurbeg hearing served 2026-0042 --date 27/11/2026",
                       "huurbeg hearing served 2026-0042 --date 27/11/2026 --term-days 15"),
    "hearing eviction": ("huurbeg hearing eviction 2026-0042 --date '12/01/2027 09:00'",
                         "huurbeg hearing eviction 2026-0042 --result averted"),
    "hearing served-remove": (N_("huurbeg hearing served-remove 2026-0042 --reason 'recorded on the wrong case'"),),
    "hearing eviction-remove": (
        N_("huurbeg hearing eviction-remove 2026-0042 --reason 'recorded on the wrong case'"),),
    "transfer": ("huurbeg transfer list", "huurbeg transfer in 2026-0042 --dwelling DW-01"),
    "transfer in": ("huurbeg transfer in 2026-0042 --dwelling DW-01",),
    "transfer extend": ("huurbeg transfer extend 2026-0042",),
    "transfer out": ("huurbeg transfer out 2026-0042 --destination regular-market --close",),
    "transfer list": ("huurbeg transfer list",),
    "transfer dwelling": ("huurbeg transfer dwelling add DW-01 --kind transit --address 'Kerkstraat 1, Mechelen'",),
    "transfer dwelling add": ("huurbeg transfer dwelling add DW-01 --kind transit --address 'Kerkstraat 1, Mechelen'",),
    "refer": ("huurbeg refer 2026-0042 --to ocmw",),
    "deadlines": ("huurbeg deadlines", "huurbeg deadlines --within 30 --format json"),
    "digest": ("huurbeg digest",),
    "letter": ("huurbeg letter 2026-0042 --to landlord --preview",
               "huurbeg letter 2026-0042 --to tenant --date 15/12 --time 14:00 --output uitnodiging.pdf"),
    "stats": (N_("huurbeg stats --month last --format csv > figures.csv"),
              "huurbeg stats --year 2026 --format pdf --output jaarverslag-2026.pdf"),
    "service": ("huurbeg service show", "huurbeg service me --name 'An Peeters' --phone '015 29 00 00'"),
    "service set": (N_("huurbeg service set --name 'Dienst huurbegeleiding' --organisation 'Sociaal Huis Mechelen'"),
                    "huurbeg service set --place Mechelen --logo logo.png"),
    "service me": ("huurbeg service me --name 'An Peeters' --phone '015 29 00 00' --email an.peeters@mechelen.be",),
    "service show": ("huurbeg service show", "huurbeg service show --format json"),
    "landlord": ("huurbeg landlord list", "huurbeg landlord show Woonpunt"),
    "landlord list": ("huurbeg landlord list",),
    "landlord show": ("huurbeg landlord show Woonpunt", "huurbeg landlord show 'woonpunt mechelen' --format json"),
    "landlord edit": ("huurbeg landlord edit Woonpunt --phone '015 28 00 00' --contact 'An Claes, huurdersdienst'",),
    "import": ("huurbeg import caseload.csv",),
    "demo": ("huurbeg --db demo.db demo",),
    "copy": ("huurbeg copy --to postgresql+psycopg://an@db.example.local/huurbeg",),
    "backup": ("huurbeg backup huurbeg-copy.db",),
    "purge": ("huurbeg purge --closed-before 01/01/2021",),
    "doctor": ("huurbeg doctor",),
    "completion": ("eval \"$(huurbeg completion bash)\"", "huurbeg completion fish > ~/.config/fish/completions/huurbeg.fish"),
}
"""One or two real examples per command, by its path ('' is huurbeg itself); shown at the end of its help."""

_METAVARS = {str: "TEXT", int: "N", float: "NUMBER", Path: "PATH"}
_SENTENCE_END = re.compile(r"(?<!e\.g)(?<!i\.e)(?<!etc)(?<!\bbv)\.(?=\s|$)")  # bv.: the Dutch e.g.


def polish(group, path: tuple[str, ...] = ()) -> None:
    """Summaries, examples and README-like usage for `group` and every command under it built so far
    (a command of the root built later gets them from polish_command)."""
    _examples(group, path)
    group.context_class = HelpContext  # the layout in English too, where speak() has nothing to translate
    for name, command in loaded(group).items():
        polish_command(command, (*path, name))


def polish_command(command, path: tuple[str, ...]) -> None:
    """Summary, examples and README-like usage for the command at `path` and every command under it."""
    command.context_class = HelpContext
    if len(path) == 1 and path[0] in SUMMARIES:
        command.short_help = SUMMARIES[path[0]]
    elif not command.short_help and command.help:
        command.short_help = first_sentence(command.help)
    _usage(command)
    if hasattr(command, "commands"):
        polish(command, path)
    else:
        _examples(command, path)


def speak(command, lang: str | None = None) -> None:
    """Every help text of `command` and the commands under it in the reader's language.

    Run when the invocation starts (the environment is then the one it runs in): the English
    texts are kept on first use, so the same tree can be shown in either language. English,
    the text in the code, costs nothing.
    """
    lang = lang or language()
    if getattr(command, "_huurbeg_language", "en") == lang:
        return
    translate = catalogue(lang).gettext
    english = getattr(command, "_huurbeg_english", None)
    if english is None:
        english = command._huurbeg_english = {
            "help": command.help, "short_help": command.short_help,
            "options_metavar": getattr(command, "options_metavar", None),
            "subcommand_metavar": getattr(command, "subcommand_metavar", None),
            "params": [(param, getattr(param, "help", None), param.metavar) for param in _params(command)]}
    command._huurbeg_language = lang
    command.context_class = HelpContext
    text = english["help"]
    command.help = translate(text) if text else text
    short = english["short_help"]
    if short in SUMMARIES.values():
        command.short_help = translate(short)
    elif short and text and short == first_sentence(text):
        command.short_help = first_sentence(command.help)
    examples = getattr(command, "_huurbeg_examples", None)
    if examples:
        codes = _code_lists(command) if lang == "nl" else {}
        command.epilog = _epilog(examples, lambda text: _in_words(translate(text), codes))
    if english["options_metavar"] == "[OPTIONS]":
        command.options_metavar = translate("[OPTIONS]")
    if english["subcommand_metavar"] == "COMMAND [ARGS]...":
        command.subcommand_metavar = translate("COMMAND [ARGS]...")
    for param, help_text, metavar in english["params"]:
        if help_text:
            param.help = _option_help(help_text, translate, _code_list(param), lang)
        if metavar in METAVARS:
            param._huurbeg_metavar = metavar  # what the value is, for shell completion (a FILE)
            param.metavar = translate(metavar)
    for sub in loaded(command).values():  # a command built later is put in the language then
        speak(sub, lang)


def _params(command) -> list:
    helper = command.get_help_option(Context(command))
    return [*command.params, *([helper] if helper is not None else [])]


def order(names: list[str]) -> list[str]:
    """The root's commands: the work first, in its order; then the others; then data and maintenance."""
    rank = {name: k for k, name in enumerate(WORK)}
    rank |= {name: 1000 + k for k, name in enumerate(DATA_AND_MAINTENANCE)}
    return sorted(names, key=lambda name: rank.get(name, 500))


def first_sentence(text: str) -> str:
    """The first whole sentence of a help text ("e.g." does not end one)."""
    paragraph = " ".join(text.strip().split("\n\n")[0].split())
    end = _SENTENCE_END.search(paragraph)
    return paragraph[:end.end()] if end else paragraph


def _examples(command, path: tuple[str, ...]) -> None:
    found = EXAMPLES.get(" ".join(path))
    if found and not command.epilog:
        command.epilog = _epilog(found, lambda text: text)
        command._huurbeg_examples = found


def _code_list(param) -> Any:
    """The code list of a code option (huurbeg.cli.params.code), or None."""
    info = getattr(getattr(param, "type_descriptor", None), "parameter_info", None)
    return getattr(getattr(info, "parser", None), "code_list", None)


def _code_lists(command) -> dict[str, Any]:
    """Each code option of a command (huurbeg.cli.params.code) with its code list: an enum of codes, or the formats
    of a kind (huurbeg.output.formats.Choices)."""
    found: dict[str, Any] = {}
    for param in _params(command):
        if code_list := _code_list(param):
            found |= dict.fromkeys(param.opts, code_list)
    return found


def _in_words(example: str, codes: dict[str, Any]) -> str:
    """An example whose codes are written as the reader types them: `--kind phone` as `--kind telefoon`."""
    if not codes:
        return example
    from huurbeg.core.codes import names

    words = example.split(" ")
    for n, word in enumerate(words[:-1]):
        if word in codes:
            enum = codes[word]
            shown = dict(zip((member.value for member in enum), names(enum)))
            words[n + 1] = shown.get(words[n + 1], words[n + 1])
    return " ".join(words)


def _epilog(examples, translate) -> str:
    """The examples at the end of a help; one with words in it (a reason, an agreement) is a catalogue text."""
    # \b keeps each example on its own line (click rewraps paragraphs otherwise)
    return translate("Examples:") + "\n\n\b\n" + "\n".join(f"  {translate(example)}" for example in examples)


class Formatter(HelpFormatter):
    """Click's help layout with its own words in the reader's language; lines break at spaces only, so a code
    (pre-ogp, estate-agent) or an option is never split at its hyphen."""

    def write_usage(self, *args, **kwargs) -> None:
        with _words_whole():
            self._write_usage(*args, **kwargs)

    def write_text(self, text: str) -> None:
        with _words_whole():
            super().write_text(_examples_fitted(text, self.width - self.current_indent))

    def _write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _("Usage:") + " " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_(heading))  # Arguments, Options, Commands

    def write_dl(self, rows, *args, **kwargs) -> None:
        with _words_whole():
            super().write_dl([(term, _EXTRA.sub(_extra, text)) for term, text in rows], *args, **kwargs)


_SHELL_WORD = re.compile(r"""(?:'[^']*'|"[^"]*"|[^\s'"])+""")
"""A word of a command line as the shell reads it: a quoted name ('Jan Peeters') is one."""
CONTINUED = " \\"
"""The end of an example's line that goes on below, as a shell reads it (and as a worker can paste it)."""


def _examples_fitted(text: str, width: int) -> str:
    """`text` with each line of its kept blocks (the examples, after click's \\b) that is wider than `width`
    broken between the command's arguments, never inside one: an option stays with its value, a quoted name is
    one argument, each line but the last ends in ' \\' and the lines after the first are indented."""
    lines, kept = [], False
    for line in text.split("\n"):
        if line.strip() in ("", "\b"):  # a paragraph ends, or a kept block begins
            kept = line.strip() == "\b"
        elif kept and len(line) > width:
            lines.extend(_broken(line, width))
            continue
        lines.append(line)
    return "\n".join(lines)


def _broken(line: str, width: int) -> list[str]:
    indent = line[:len(line) - len(line.lstrip())]
    units: list[str] = []
    for word in _SHELL_WORD.findall(line):  # an option and its value: one unit ('--track pw')
        if units and units[-1].startswith("-") and " " not in units[-1] and not word.startswith("-"):
            units[-1] += " " + word
        else:
            units.append(word)
    broken, current = [], indent + units[0]
    for unit in units[1:]:
        if len(current) + 1 + len(unit) + len(CONTINUED) > width:
            broken.append(current + CONTINUED)
            current = indent + "    " + unit
        else:
            current += " " + unit
    broken.append(current)
    return broken


@contextmanager
def _words_whole():
    """Click's wrapper, for the help being written, breaking at spaces only (textwrap breaks at hyphens too)."""
    from typer._click import _textwrap

    wrapper = _textwrap.TextWrapper

    class Whole(wrapper):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs, break_on_hyphens=False, break_long_words=False)

    _textwrap.TextWrapper = Whole
    try:
        yield
    finally:
        _textwrap.TextWrapper = wrapper


class HelpContext(Context):
    formatter_class = Formatter


_EXTRA = re.compile(r"\[(default: [^\]]*|required)\]$")
# the formatter's own words, for the catalogue
N_("Arguments"), N_("Options"), N_("Commands"), N_("required"), N_("Examples:"), N_("Show this message and exit.")
N_("[OPTIONS]"), N_("COMMAND [ARGS]...")


def _extra(found: re.Match) -> str:
    """Typer's `[default: x]` and `[required]` after an option's help."""
    extra = found.group(1)
    if extra == "required":
        return f"[{_('required')}]"
    return "[" + _("default: {default}").format(default=extra.removeprefix("default: ")) + "]"


def _option_help(text: str, translate, code_list=None, lang: str = "en") -> str:
    """An option's help; a code option's (huurbeg.cli.params.code_option) is a sentence and the codes it takes,
    listed as the reader types them (a Dutch reader their Dutch names)."""
    sentence, one_of, codes = text.rpartition(" One of: ")
    if one_of and codes.endswith("."):
        from huurbeg.cli.params import CODE_HELP  # loaded with the command whose option it is
        from huurbeg.core.codes import choices

        if isinstance(code_list, type) and issubclass(code_list, StrEnum):
            with speaking(lang):
                codes = choices(code_list) + "."
        return translate(CODE_HELP).format(help=translate(sentence), codes=codes.removesuffix("."))
    return translate(text)


METAVARS = {N_("CASE"), N_("DATE"), N_("TEXT"), N_("NAME"), N_("WORKER"), N_("FILE"), N_("DAYS"), N_("NUMBER"),
            N_("OTHER"), N_("FORMAT"), N_("PATH"), N_("'DATE HH:MM'"), N_("YYYY-MM|last"), N_("YYYY"), N_("STATUS"),
            N_("KIND"), N_("TRACK"), N_("OUTCOME"), N_("RESULT"), N_("SOURCE"), N_("PROBLEM"), N_("LANDLORD-TYPE"),
            N_("DESTINATION"), N_("PARTY"), N_("FOR"), N_("TO"), N_("PATH|URL"), N_("FILE.csv")}
"""The names of values in usage lines and errors that read as words; a code or a unit (EUR, N, ID) stays."""


def _usage(command) -> None:
    for param in command.params:
        if param.param_type_name == "argument":
            shown = param.metavar.strip("[]") if param.metavar else param.name.upper()
            param.metavar = shown
            param._usage_display_name = lambda param=param: (  # the metavar as shown (huurbeg.cli.helptext.speak)
                (param.metavar if param.required else f"[{param.metavar}]") + ("..." if param.nargs != 1 else ""))
            param.display_type_rich = lambda ctx: None  # the name says what it is
        elif param.metavar is None and not getattr(param, "is_flag", False) and not getattr(param, "count", False):
            annotation = getattr(getattr(param, "type_descriptor", None), "annotation", str)
            param.metavar = _METAVARS.get(annotation, param.name.upper())
