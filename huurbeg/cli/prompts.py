"""Questions asked on a terminal, with questionary; the only module that imports it.

A prompt appears only when stdin and stdout are terminals, --no-input is not
given, and a value is missing: a flag answers its own question, never the others
(optional ones included). Every answer is checked as it is typed, with the same
rules as the flags and against the answers before it (a next contact after the
visit, a petition not after its hearing), so a prompt never accepts what the end of
the command would refuse. Questions about an existing case start by showing whose
case it is. Ctrl-C at any question stops the command with nothing written; the answers
of an intake, a visit or a plan given so far are kept to resume it (huurbeg.domain.drafts); a No to the
summary of one asks which answer to change, asks it again with what was answered, and shows the summary again.

Questions, hints and questionary's own instructions are in the reader's language; a yes/no
question reads (j/N) and Ja/Nee in Dutch. Every question, a yes/no one too, is answered with
Enter, and keys typed before a question is drawn are dropped: neither a second Enter nor a key
pressed while a list was still being drawn answers the next question.
"""

import os
import re
import sys
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import asdict, replace
from typing import TypeVar
from datetime import date, datetime

from huurbeg.core import dates, money, national_number, text
from huurbeg.domain.casework import (HouseholdDecision, HouseholdMatch, IntakeDraft, IntakeHearing, asks_hearing,
                                     check_informed, decision_for, is_court_notice, landlords_meant, match_key,
                                     tenant_of_case, tenant_of_open_case)
from huurbeg.core.codes import ContactKind, LandlordType, Problem, Source, Status, Track, label
from huurbeg.core.errors import (Cancelled, HuurbegError, RuleViolation, in_words, reason as _said,
                                 stated)
from huurbeg.core.i18n import N_, _, ngettext
from huurbeg.domain.rules import MAX_PEOPLE, check_birth_date_matches, check_household_size
from huurbeg.domain.entities import HOUSEHOLD, Field
from huurbeg.cli.params import minutes_spent, said_on_the_command_line
from huurbeg.domain.corrections import RECORD_KINDS, check_record
from huurbeg.domain.rules import (hearing_doubts)


def interactive(no_input: bool) -> bool:
    """Whether this invocation may ask questions."""
    return not no_input and sys.stdin.isatty() and sys.stdout.isatty()


_BEFORE_EACH_QUESTION: list[Callable[[], None]] = []


def before_each_question(hook: Callable[[], None] | None) -> None:
    """Run `hook` before every question (the open store lets go of its lock); None clears it."""
    _BEFORE_EACH_QUESTION[:] = [hook] if hook else []


class Flow:
    """One interactive flow (an intake, a visit, a plan) while it is asked: created when it starts (start_flow),
    held as the flow of this command until the command ends (end_flow), so that no flow sees another's answers,
    also when many run in one process.

    It holds what keeps its answers (huurbeg.domain.drafts) so that Ctrl-C or a No loses none, a function giving
    its answers so far with those last kept, the questions answered with Enter alone (answered, empty, and kept
    so under `skipped`, so that a resumed flow does not ask them again), the answers whose doubt was accepted
    where they were typed, and how many questions it asked."""

    def __init__(self, keep: Callable[[dict], None] | None = None, skipped: Sequence[str] = ()):
        self.keep = keep
        self.skipped: set[str] = set(skipped)
        self.vouched: set[str] = set()
        self.asked = 0
        self._answers: Callable[[], dict] | None = None
        self._kept: dict | None = None
        self._asked_then = 0

    def unanswered(self, name: str, value) -> bool:
        """Whether the question of `name` is still to be asked: no value, and not skipped with Enter before."""
        return value in (None, []) and name not in self.skipped

    def answered(self, name: str, value):
        """`value` answered for `name`; an empty one remembered as skipped, so it is kept as answered."""
        if value in (None, []):
            self.skipped.add(name)
        return value

    def answering(self, answers: Callable[[], dict]) -> None:
        """The flow starts asking: `answers()` gives what it holds so far, the flags' values to begin with."""
        self._answers, self._kept, self._asked_then = answers, self._with_skipped(answers()), self.asked

    def _with_skipped(self, answers: dict) -> dict:
        return {**answers, "skipped": sorted(self.skipped)} if self.skipped else answers

    def keep_answers(self) -> None:
        """Keep what the flow holds now, if a question was answered and it changed: before each question (the last
        answer was accepted and the command's transaction let go of its lock) and when its last answer is in."""
        if self.keep and self._answers and self.asked > self._asked_then and \
                (now := self._with_skipped(self._answers())) != self._kept:
            self.keep(now)
            self._kept = now


_FLOW: ContextVar[Flow | None] = ContextVar("huurbeg_flow", default=None)
"""The flow of the command being run, from start_flow to end_flow."""


def start_flow(keep: Callable[[dict], None] | None = None, skipped: Sequence[str] = ()) -> Flow:
    """A new flow for this command, its answers kept with `keep(answers)` as each is accepted (None keeps none);
    `skipped`: the questions a resumed flow had answered with Enter alone, not asked again."""
    flow = Flow(keep, skipped)
    _FLOW.set(flow)
    return flow


def end_flow() -> None:
    """The command is over: its flow, and what it held, is gone."""
    _FLOW.set(None)


def _flow() -> Flow:
    """The flow being asked; a question function called without one starts it (its answers kept nowhere)."""
    return _FLOW.get() or start_flow()


def questions_asked() -> int:
    """How many questions the flow of this command has asked so far: compared before and after, whether any was."""
    return _flow().asked


def _unanswered(name: str, value) -> bool:
    return _flow().unanswered(name, value)


def _answered(name: str, value):
    return _flow().answered(name, value)


def _answering(answers: Callable[[], dict]) -> None:
    _flow().answering(answers)


def _keep_answers() -> None:
    _flow().keep_answers()


def _ask(question):
    for hook in _BEFORE_EACH_QUESTION:
        hook()
    flow = _flow()
    flow.keep_answers()
    _drop_typed_ahead(question.application.input)
    flow.asked += 1
    try:
        answer = question.unsafe_ask()
    except (KeyboardInterrupt, EOFError):
        raise Cancelled(_("stopped; nothing was written")) from None
    return answer


def _drop_typed_ahead(keyboard) -> None:
    """Forget keys typed before this question is drawn: what the terminal holds, and what the last
    question read past its Enter (prompt_toolkit keeps that for the next one)."""
    from prompt_toolkit.input.typeahead import clear_typeahead

    clear_typeahead(keyboard)
    try:
        import termios

        if sys.stdin.isatty():
            termios.tcflush(sys.stdin.fileno(), termios.TCIFLUSH)
    except (ImportError, OSError):  # no termios (Windows), or not a terminal after all
        pass


class _Fitted:
    """questionary's questions with their texts broken at words to the terminal's width: a question (and
    questionary's instruction after it) longer than a line goes on, indented, on the next, and a choice of a list
    is cut after a whole word with an ellipsis, where prompt_toolkit would break either inside a word."""

    def __getattr__(self, name: str):
        import questionary

        make = getattr(questionary, name)

        def fitted(message: str, *args, **kwargs):
            titles = [choice for choice in kwargs.get("choices", ()) if isinstance(getattr(choice, "title", None), str)]
            room = _width() - (5 if name == "checkbox" else 3)  # the pointer (and the tick) before a choice
            for choice in titles if name in ("select", "checkbox") else ():
                choice.title = _shortened(choice.title, room)
            longest = max((choice.title for choice in titles), key=len) if name == "select" and titles else None
            message, instruction = _fitted(message, kwargs.get("instruction"), longest)  # a list's answer: its choice
            if instruction is not None:
                kwargs["instruction"] = instruction
            return make(message, *args, **kwargs)

        return fitted


_questions = _Fitted()

QUESTION_MARGIN = "  "
"""Under the '? ' before a question: where its next lines begin."""


def _width() -> int:
    """The columns a question may fill: the terminal's own width (as prompt_toolkit draws it; an exported COLUMNS
    may be stale), less its last column, where a terminal moves on to the next line."""
    import shutil  # startup

    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns - 1
    except (OSError, ValueError, AttributeError):  # not a terminal after all
        return shutil.get_terminal_size().columns - 1


def _shortened(text: str, width: int) -> str:
    from huurbeg.output.render import shorten

    return shorten(text, width)


def _fitted(message: str, instruction: str | None = None, answer: str | None = None) -> tuple[str, str | None]:
    """`message` broken at words into lines that fit the terminal after '? ', and questionary's `instruction` after
    it: on its last line when it fits there, else below; with the longest `answer` a list may leave after it
    (its choice), a line of its own for the answer when that does not fit there."""
    from huurbeg.output.render import wrapped

    width = _width() - len(QUESTION_MARGIN)
    lines = wrapped(message, width, indent="").split("\n") if len(message) > width else [message]
    if answer is not None and len(lines[-1]) + 2 + len(answer) > width:
        lines.append("")  # the answer, and the instruction before it, begin the next line
    if instruction is not None and (not lines[-1] or len(lines[-1]) + 2 + len(instruction) > width):
        below = wrapped(instruction, width, indent="").split("\n") if len(instruction) > width else [instruction]
        instruction = ("\n" + QUESTION_MARGIN).join(below if not lines[-1] else ["", *below])
    return ("\n" + QUESTION_MARGIN).join(lines), instruction


def _answered_line(question: str, answer: str) -> list[tuple[str, str]]:
    """The line a question leaves on screen with its answer (a yes/no, what was ticked), fitted as it was asked."""
    from questionary.constants import DEFAULT_QUESTION_PREFIX

    from huurbeg.output.render import wrapped

    message, _instruction = _fitted(question)
    width = _width() - len(QUESTION_MARGIN)
    shown = answer if len(message.rpartition("\n")[2]) + 2 + len(answer) <= width else "".join(
        f"\n{QUESTION_MARGIN}{line}" for line in wrapped(answer, width, indent="").split("\n"))
    return [("class:qmark", DEFAULT_QUESTION_PREFIX), ("class:question", f" {message} "), ("class:answer", shown)]


_FLAG = re.compile(r"^--[a-z-]+: ")


def _check(parse: Callable[[str], object], optional: bool = True) -> Callable[[str], bool | str]:
    def validate(text: str) -> bool | str:
        if optional and not text.strip():
            return True
        with in_words():  # a refusal is shown under the question it answers, which no flag was typed for
            try:
                parse(text)
            except (ValueError, HuurbegError) as exc:
                from huurbeg.output.render import one_line

                # the fields it names and refers to in the reader's words; on one line, cut at a word
                return one_line(_FLAG.sub("", _said(exc)))
        return True
    return validate


def _text(prompt: str, parse: Callable[[str], object] = text.required, *, optional: bool = True,
          default: str | None = None):
    """One answer, checked as it is typed with `parse` (the flag's own rules).

    A `default` is shown in the question and taken on Enter; it is never put into the input
    itself, where typing would add to it (60 and 90 making 6090).
    """

    hint = " " + (_("(Enter: {default})").format(default=default) if default is not None
                  else _("(Enter to skip)")) if default is not None or optional else ""
    answer = _ask(_questions.text(prompt + hint, validate=_check(parse, optional or default is not None))).strip()
    if not answer:
        return parse(default) if default is not None else None
    value = parse(answer)
    if isinstance(value, date) and (said := dates.read_as(answer, value)) is not None:
        from huurbeg.output import render

        render.message(said)  # a day typed without its year, shown in full under its answer
    return value


def _note(prompt: str, current: str | None = None) -> str | None:
    """A confidential note, of as many lines as it needs: Enter finishes it, Alt-Enter (or Esc, then Enter) starts
    a new line, as the hint under the question says; its line breaks are kept. `current`: a note to correct, put
    in the input to be edited (emptied, or '-', it is cleared); None: a new note (Enter alone skips it)."""
    import questionary
    from prompt_toolkit.key_binding import KeyBindings

    keys = KeyBindings()

    @keys.add("enter")
    def finish(event) -> None:
        event.current_buffer.validate_and_handle()

    @keys.add("escape", "enter")
    def new_line(event) -> None:
        event.current_buffer.newline(copy_margin=False)

    skip = _("(Enter to skip)") if not current else _("(emptied or '-': cleared)")
    hint = skip + "\n  " + _("Alt-Enter or Esc, Enter: a new line; Enter: done") + "\n"
    # the note is typed on the lines under the hint, the whole width of the screen for each of them
    answer = _ask(questionary.text(prompt, default=current or "", multiline=True, instruction=hint,
                                   key_bindings=keys, prompt_continuation=" "))
    answer = "\n".join(line.rstrip() for line in answer.strip().splitlines())
    return answer if answer and answer != "-" else None


def _optional_text(prompt: str):
    """A free text that may stay empty (a phone number, a note)."""
    return _text(prompt, str)


def _select(prompt: str, members, default=None):
    import questionary

    choices = [questionary.Choice(label(m), value=m.value) for m in members]
    chosen = _ask(_questions.select(prompt, choices=choices, default=default.value if default else None,
                                     instruction=_("(Use arrow keys)")))
    return type(members[0])(chosen)


def _count(most: int) -> Callable[[str], int]:
    def parse(answer: str) -> int:
        answer = answer.strip()
        if not (answer.isascii() and answer.isdigit()) or int(answer) > most:
            raise ValueError(_("use a whole number from 0 to {most}").format(most=most))
        return int(answer)
    return parse


Parsed = TypeVar("Parsed")


def _ruled(parse: Callable[[str], Parsed], rule: Callable[[Parsed], None]) -> Callable[[str], Parsed]:
    """A parser that also applies one of the service's rules (huurbeg.domain.rules) to the parsed value."""
    def checked(answer: str) -> Parsed:
        value = parse(answer)
        rule(value)
        return value
    return checked


N_("the registration date"), N_("the birth date"), N_("today"), N_("the hearing"), N_("this contact")
"""What a date is compared with (`_date`), translated where the error is shown."""


def _date(today: date, direction: str | None, *, after: tuple[date, str] | None = None,
          not_after: tuple[date, str] | None = None):
    """A date parser, looking in `direction` for a day without its year (as the flag does), that also keeps
    the order of dates: after one (strictly), not after another."""
    def parse(answer: str) -> date:
        value = dates.parse_date(answer, today, direction)
        if after and value <= after[0]:
            raise ValueError(_("must come after {what} ({date})").format(what=_(after[1]), date=dates.fmt(after[0])))
        if not_after and value > not_after[0]:
            raise ValueError(_("cannot be after {what} ({date})").format(what=_(not_after[1]),
                                                                         date=dates.fmt(not_after[0])))
        return value
    return parse


def introduce(number: str, tenant: str | None) -> None:
    """Whose case the questions are about, shown before the first one (once: a command that asked for a flag it
    was given without has shown it)."""
    from typer._click.globals import get_current_context

    from huurbeg.output import render

    ctx = get_current_context(silent=True)
    if ctx is not None:
        if ctx.meta.get("huurbeg.introduced") == number:
            return
        ctx.meta["huurbeg.introduced"] = number
    render.notice(_("Case {number}: {tenant}").format(number=number, tenant=tenant or _("(name removed)")),
                  style="bold")


def ask_intake(draft: IntakeDraft, landlords: list[str], today: date,
               known: Callable[[IntakeDraft], list[HouseholdMatch]] | None = None) -> tuple[IntakeDraft, bool]:
    """Ask for whatever the flags did not give, optional questions included; (draft, whether anything was asked).
    `known(draft)`: the earlier cases that look like the household (huurbeg.db.intake), looked for as soon as a
    name and a second identifying fact are answered, so a household already known is said before the rest is
    typed (see _may_be_known)."""
    import questionary

    d = replace(draft)
    _answering(lambda: asdict(d))
    asked = questions_asked()
    if d.track is None:
        d.track = _select(_("Track?"), list(Track), Track.PW)
    if d.track == Track.OGP and d.source is None:  # the court's notice needs no informed tenant: who sent it first
        d.source = _select(_("Registered by?"), list(Source), Source.COURT)
    if d.tenant_informed is None and is_court_notice(d.track, d.source):
        d.tenant_informed = False  # followed as "not yet reached" until a contact reaches the household
    if d.tenant_informed is None:  # the one condition of a registration: asked before anything is typed
        d.tenant_informed = confirm(_("Has the tenant been informed of this registration?"), default=False)
    check_informed(d.tenant_informed, d.track, d.source)  # refused before anything is typed in vain
    spoken = known is None
    for field in HOUSEHOLD:  # in the order of its description, each by its `case edit` key
        key = field.edit or field.column
        if _unanswered(key, getattr(d, key)) or field.required and not getattr(d, key):
            setattr(d, key, _answered(key, _ask_new(field, d, today)))
            if not spoken and d.tenant and (d.birth_date or d.phone or d.address or d.national_number):
                spoken = _may_be_known(known(d))  # type: ignore[misc]  # not None unless spoken
    if d.source is None:
        d.source = _select(_("Registered by?"), list(Source), Source.TENANT)
    if _unanswered("referrer", d.referrer) and d.source not in (Source.TENANT, Source.LANDLORD):
        d.referrer = _answered("referrer", _optional_text(_("Who at that service (name, phone)?")))
    if _unanswered("landlord", d.landlord) and d.track != Track.CRISIS:
        d.landlord = _answered("landlord", _ask_landlord(landlords))
    if d.landlord and d.landlord_type is None and match_key(d.landlord) not in {match_key(n) for n in landlords}:
        d.landlord_type = _select(_("New landlord: what kind?"), list(LandlordType), LandlordType.PRIVATE)
    if _unanswered("problems", d.problems) and d.track != Track.CRISIS:
        picked = _tick(_("Problems?"),
                       [questionary.Choice(_shown_code(p), value=p.value) for p in Problem])
        d.problems = _answered("problems", [Problem(p) for p in picked])
    if _unanswered("arrears_cents", d.arrears_cents) and Problem.ARREARS in d.problems:
        d.arrears_cents = _answered("arrears_cents", _text(_("Rent arrears in euros?"), money.parse_money))
    if _unanswered("rent_cents", d.rent_cents) and Problem.ARREARS in d.problems:
        d.rent_cents = _answered("rent_cents", _text(_("Monthly rent in euros?"), money.parse_money))
    if d.intake_date is None:
        born = (d.birth_date, "the birth date") if d.birth_date else None
        d.intake_date = _text(_("Date of registration?"),
                              _date(today, dates.PAST, after=born, not_after=(today, "today")), default=dates.fmt(today))
    if d.track == Track.PW and d.tenant_informed:
        if d.consent_tenant is None:
            d.consent_tenant = confirm(_("Has the tenant consented to support?"), default=False)
        if d.consent_landlord is None and d.landlord:  # no landlord named: nobody to have consented yet
            d.consent_landlord = confirm(_("Has the landlord consented to support?"), default=False)
    if _unanswered("note", d.note):
        d.note = _answered("note", _note(_("Note (confidential)?")))
    _keep_answers()
    return d, questions_asked() != asked  # every answer skipped with Enter is still a question asked


def _may_be_known(matches: list[HouseholdMatch]) -> bool:
    """Said as soon as the intake knows enough: earlier cases that share two identifying facts with the household
    being typed, named by their case number alone, and whether to go on (a No stops, the answers kept); whether
    it was said. Which case to continue is still asked at the end (ask_household)."""
    strong = list(dict.fromkeys(match.case for match in matches if match.strong))
    if not strong:
        return False
    if not confirm(ngettext("This household may already be known: case {cases}. Go on with this intake?",
                            "This household may already be known: cases {cases}. Go on with this intake?",
                            len(strong)).format(cases=", ".join(strong))):
        raise Cancelled(_("stopped; nothing was written"))
    return True


HOUSEHOLD_SIZE: dict[str, tuple[Callable[[int], None] | None, str | None]] = {"adults": (lambda n: check_household_size(n, None), "1"), "children": (None, "0")}
"""The household's size as intake asks it: at least one adult, and the usual answer on Enter."""


def _ask_new(field: Field, d: IntakeDraft, today: date):
    """A household's field at intake, asked as its kind is (huurbeg.domain.entities), with the flag's rules and against
    the answers before it: a birth date not after the registration, a national number of that birth date."""
    question = _(field.question)
    if field.kind == "date":
        return _text(question, _date(today, dates.BIRTH, not_after=(d.intake_date or today, "the registration date")))
    if field.kind == "national-number":
        def of_the_birth_date(number: str) -> None:
            check_birth_date_matches(national_number.birth_date(number), d.birth_date)

        checked_number: Callable[[str], str] = _ruled(national_number.normalise, of_the_birth_date)
        return _text(question, checked_number)
    if field.kind == "count":
        rule, default = HOUSEHOLD_SIZE.get(field.edit or field.column, (None, None))
        counted: Callable[[str], int] = _ruled(_count(MAX_PEOPLE), rule) if rule else _count(MAX_PEOPLE)
        return _text(question, counted, default=default)
    return _text(question, optional=False) if field.required else _optional_text(question)


def _ask_again(field: Field, current, today: date):
    """A household's field in `case edit`, its stored value to keep or correct (see ask_case_edit)."""
    question, shown = _(field.question), "" if current is None else str(current)
    if field.kind == "date":
        return _keep(question, _date(today, dates.BIRTH, not_after=(today, "today")), dates.fmt(current))
    if field.kind == "national-number":
        return _keep(question, national_number.normalise, shown)
    if field.kind == "count":
        return _keep(question, _count(MAX_PEOPLE), shown)
    return _edit(question, text.required, optional=False, current=shown) if field.required else \
        _edit(question, current=shown)


def _ask_landlord(landlords: list[str]) -> str | None:
    """Existing landlords are offered as completions; autocomplete needs at least one."""

    question = _("Landlord? (Enter to skip)")
    check = _check(text.required)  # Enter skips; a name of invisible characters alone is refused
    prompt = _questions.autocomplete(question, choices=landlords, ignore_case=True, match_middle=True,
                                      validate=check) if landlords else _questions.text(question, validate=check)
    return known_landlord(_ask(prompt).strip() or None, landlords)


def known_landlord(typed: str | None, landlords: list[str]) -> str | None:
    """A landlord typed in part ("woonpunt") or with a typo offered as the known one it may mean ("Woonpunt Gent?"),
    as a court is; several to choose from, the typed name kept as a new one when none is meant. Asked of a name
    given as a flag on a terminal too (huurbeg.domain.casework.check_new_landlord refuses it without one)."""
    import questionary

    from huurbeg.output.render import plain

    like = landlords_meant(typed, landlords)
    if not like:
        return typed
    if len(like) == 1:
        return like[0] if confirm(_("{landlord}?").format(landlord=plain(like[0]))) else typed
    choices = [questionary.Choice(plain(name), value=name) for name in like]
    choices.append(questionary.Choice(_("{landlord} (a new landlord)").format(landlord=plain(typed or "")),
                                      value=""))
    return _ask(_questions.select(_("Which landlord?"), choices=choices, instruction=_("(Use arrow keys)"))) or typed


def ask_household(matches: list[HouseholdMatch]) -> HouseholdDecision | str:
    """Which earlier cases are this household: a HouseholdDecision, or an open case to use instead."""
    import questionary

    strong = [m for m in matches if m.strong]
    open_cases = [m for m in strong if m.status == Status.OPEN]
    if open_cases:
        first = open_cases[0]
        choice = _ask(_questions.select(
            _("This household already has open case {case} (same {reason}).").format(
                case=first.case, reason=_(first.reason)),
            choices=[questionary.Choice(_("Use case {case}; open no new case").format(case=first.case), value="use"),
                     questionary.Choice(_("Open a second case anyway"), value="new"),
                     questionary.Choice(_("Stop"), value="stop")], instruction=_("(Use arrow keys)")))
        if choice == "stop":
            raise Cancelled(_("stopped; nothing was written"))
        return first.case if choice == "use" else decision_for(strong)
    if not strong:
        numbers = ", ".join(f"{m.case} ({_shown_code(Status(m.status))})" for m in matches)
        if confirm(_("Earlier cases at this address: {cases}. Is this the same household?").format(
                cases=numbers), default=False):
            return decision_for(matches)
    return decision_for(strong)


def ask_visit(kind: ContactKind | None, reached: bool | None, minutes: int | None, note: str | None,
              next_planned: date | None, when: date,
              today: date) -> tuple[ContactKind, bool, int | None, str | None, date | None]:
    """Kind, whether it reached the household, minutes, note and next contact, whichever the flags did not give;
    a home visit of an hour that reached the household by default, the minutes proposed by the kind (usual_minutes)."""
    from huurbeg.domain.rules import reaches, usual_minutes

    _answering(lambda: {"when": when, "kind": kind, "reached": reached, "minutes": minutes, "note": note,
                        "next_planned": next_planned})
    if kind is None:
        kind = _select(_("Kind of contact?"), list(ContactKind), ContactKind.HOME)
    if reached is None:
        reached = confirm(_("Did it reach the household (someone opened, answered)?"), default=reaches(kind))
    if minutes is None:
        minutes = _text(_("Minutes spent?"), minutes_spent, default=str(usual_minutes(kind)))
    if _unanswered("note", note):
        note = _answered("note", _note(_("Note (confidential)?")))
    if _unanswered("next_planned", next_planned):
        next_planned = _answered("next_planned", _text(_("Next contact (dd/mm/yyyy, +2w, ...)?"),
                                                       _date(today, dates.COMING, after=(when, "this contact"))))
    _keep_answers()
    return kind, reached, minutes, note, next_planned


def ask_plan(arrears: int | None, instalment: int | None, start: date | None,
             today: date, case_arrears: int | None = None,
             doubts: Callable[[int, int], Sequence[HuurbegError]] | None = None) -> tuple[int, int, date]:
    """The amounts and start of a payment plan, each checked against the others as it is typed; the case's
    arrears, when known, are offered for the plan's. `doubts(arrears, instalment)`: what looks like a typo
    (huurbeg.domain.followup.plan_doubts), asked about right after the answer that gave the amount, a No asking
    that question again; the doubts accepted are in `vouched_fields()`."""
    _answering(lambda: {"arrears": arrears, "instalment": instalment, "start": start})
    _flow().vouched.clear()
    if arrears is None:
        arrears = _plan_arrears(case_arrears, None, doubts)
    if instalment is None:
        instalment = _plan_instalment(arrears, None, today, doubts)
    if start is None:
        start = _text(_("Start date?"), _date(today, dates.NEAREST), default=dates.fmt(today))
    _keep_answers()
    return arrears, instalment, start


def vouched_fields() -> set[str]:
    """The answers of the plan being asked whose doubt the worker accepted where they were typed."""
    return set(_flow().vouched)


def in_their_words(found: BaseException) -> str:
    """A doubt or refusal as it is said under the question it is about: the field it names and those it refers
    to in the reader's words ("instalment: ..."), as no flag was typed for it."""
    if not hasattr(found, "detail"):
        return _said(found)
    with in_words():
        return stated(found)


def _doubted(field: str, doubts: Sequence[HuurbegError]) -> bool:
    """The doubts about `field` asked right after it was typed, No by default; whether all were accepted."""
    mine = [found for found in doubts if getattr(found, "field", None) == field]
    if not accepted(mine):
        _flow().vouched.discard(field)
        return False
    if mine:
        _flow().vouched.add(field)
    return True


def accepted(doubts: Sequence[HuurbegError]) -> bool:
    """The doubts about an answer just typed, each asked under its question (No by default): whether all were
    accepted. A No asks that question again, where the worker is, rather than stopping the flow."""
    return all(confirm(_("{doubt}. Record it anyway?").format(doubt=in_their_words(found)), default=False)
               for found in doubts)


def _plan_arrears(case_arrears: int | None, current: int | None,
                  doubts: Callable[[int, int], Sequence[HuurbegError]] | None) -> int:
    """The plan's arrears, asked until typed or accepted: `current` (a correction) or the case's on Enter."""
    offered = current if current is not None else case_arrears
    while True:
        cents = _text(_("Arrears to pay off (euros)?"), _positive_money, optional=False,
                      default=money.fmt(offered).removeprefix("€ ") if offered else None)
        if doubts is None or _doubted("arrears", doubts(cents, 0)):
            return cents


def _plan_instalment(arrears: int, current: int | None, today: date,
                     doubts: Callable[[int, int], Sequence[HuurbegError]] | None) -> int:
    """The monthly instalment, asked until typed or accepted: too large or too small for a schedule is refused
    as it is typed, one that looks like a typo is asked about; `current` (a correction) on Enter."""
    from huurbeg.domain import payment_plan

    def instalment_of(answer: str) -> int:
        cents = money.parse_money(answer)
        payment_plan.schedule(arrears, cents, today)  # too large, too small: refused here, not at the end
        return cents

    while True:
        cents = _text(_("Monthly instalment (euros)?"), instalment_of, optional=False,
                      default=money.fmt(current).removeprefix("€ ") if current is not None else None)
        if doubts is None or _doubted("instalment", doubts(arrears, cents)):
            return cents


def correct_plan(arrears: int, instalment: int, start: date, today: date,
                 doubts: Callable[[int, int], Sequence[HuurbegError]] | None = None) -> tuple[int, int, date]:
    """At a No to a plan's summary: one of its answers asked again, what was answered on Enter; a new amount
    that looks like a typo is asked about where it is typed."""
    _answering(lambda: {"arrears": arrears, "instalment": instalment, "start": start})
    name = _which([("arrears", _("Arrears"), money.fmt(arrears)), ("instalment", _("Instalment"),
                                                                   money.fmt(instalment)),
                   ("start", _("Start date?"), start)], _("not recorded; nothing was written"))
    if name == "arrears":
        from huurbeg.domain import payment_plan

        arrears = _plan_arrears(None, arrears, doubts)
        try:  # the instalment is checked against the new arrears, as when it was typed
            payment_plan.schedule(arrears, instalment, today)
            fits = doubts is None or _doubted("instalment", doubts(arrears, instalment))
        except (ValueError, HuurbegError) as refused:
            from huurbeg.output import render

            render.message(_said(refused), style="yellow")
            fits = False
        if not fits:
            instalment = _plan_instalment(arrears, instalment, today, doubts)
    elif name == "instalment":
        instalment = _plan_instalment(arrears, instalment, today, doubts)
    else:
        start = _text(_("Start date?"), _date(today, dates.NEAREST), default=dates.fmt(start))
    _keep_answers()
    return arrears, instalment, start


def _positive_money(answer: str) -> int:
    cents = money.parse_money(answer)
    if cents <= 0:
        raise ValueError(_("must be more than 0"))
    return cents


def ask_address(default: str | None) -> str | None:
    """The household's new address after a move: `default` (the dwelling's) on Enter, or skipped."""
    return _text(_("The household's new address?"), text.required, default=default)


def ask_date(question: str, today: date, direction: str = dates.NEAREST) -> date:
    """A date, today prefilled."""
    return _text(question, _date(today, direction), optional=False, default=dates.fmt(today))


def ask_amount(question: str, check: Callable[[int], object] | None = None) -> int:
    """An amount of more than 0; `check(cents)` refuses one at the prompt by raising (a ValueError or an error
    of huurbeg.core.errors), as the flag would be refused."""
    def amount(answer: str) -> int:
        cents = _positive_money(answer)
        if check is not None:
            check(cents)
        return cents

    return _text(question, amount, optional=False)


def discard_kept(gone: str) -> bool:
    """Kept answers of a case that was closed or removed since: said in one line (`gone`), and whether to discard
    them (Enter: yes)."""
    from huurbeg.output import render

    render.notice(gone[:1].upper() + gone[1:] + ".")
    return confirm(_("Discard the kept answers?"))


def vouch(doubts: Sequence[HuurbegError], force: bool, no_input: bool = False) -> bool:
    """Values that parse and keep the rules but look like a typo (1500 typed for 150), each a message naming
    its field and both amounts: on a terminal a yes/no question (No by default) for each, stopping with nothing
    written at a No; without one refused (exit 4) unless --force. Whether any question was asked."""
    asked = False
    for found in doubts:
        doubt = said_on_the_command_line(found)
        if force:
            continue
        if not interactive(no_input):
            raise RuleViolation(_("{doubt}; give --force to record it anyway").format(doubt=doubt))
        asked = True
        if not confirm(_("{doubt}. Record it anyway?").format(doubt=doubt), default=False):
            stop = Cancelled(_("not recorded; nothing was written"))
            stop.doubted = getattr(found, "field", None)  # type: ignore[attr-defined]  # its kept answer goes
            raise stop
    return asked


YES, NO = ("j", "ja", "y", "yes"), ("n", "nee", "no")
"""The answers a yes/no question takes, in either language, in any case."""


def confirm(question: str, default: bool = True) -> bool:
    """A yes/no question, the only one there is: answered with Enter, `default` on Enter alone.

    j, ja, y, yes and n, nee, no answer it in either language; anything else is refused at the
    prompt and asked again. The answer line then reads Yes or No in the reader's language.
    """
    from prompt_toolkit import print_formatted_text
    from prompt_toolkit.formatted_text import FormattedText

    def validate(typed: str) -> bool | str:
        return not typed.strip() or typed.strip().lower() in YES + NO or _("answer y or n (yes or no)")

    hint = _("(Y/n)") if default else _("(y/N)")
    prompt = _questions.text(question, instruction=hint, validate=validate)
    prompt.application.erase_when_done = True  # the line is written again with Yes or No
    typed = _ask(prompt).strip().lower()
    answer = typed in YES if typed else default
    print_formatted_text(FormattedText(_answered_line(question, _("Yes") if answer else _("No"))),
                         style=prompt.application.style)
    return answer


def _shown_code(code) -> str:
    """A code as the screen shows it (huurbeg.output.render)."""
    from huurbeg.output.render import text_value

    return text_value(code)


def _pick() -> str:
    """questionary's own instruction under a checkbox, in the reader's language."""
    return _("(Use arrow keys to move, <space> to select, <a> to toggle, <i> to invert)")


def _tick(prompt: str, choices: list) -> list:
    """A checkbox whose answer line names what was ticked, in the reader's language.

    questionary leaves "done (2 selections)" on screen, in English; its line is erased and
    the answer written again with the ticked labels (or "none").
    """
    from prompt_toolkit import print_formatted_text
    from prompt_toolkit.formatted_text import FormattedText

    question = _questions.checkbox(prompt, instruction=_pick(), choices=choices)
    question.application.erase_when_done = True
    picked = _ask(question)
    titles = ", ".join(choice.title for choice in choices if choice.value in picked) or _("none")
    print_formatted_text(FormattedText(_answered_line(prompt, titles)), style=question.application.style)
    return picked


HEARING_FIELDS = tuple(IntakeHearing.__dataclass_fields__)
"""The names a court notice's hearing is kept under, with its intake's answers."""


def ask_hearing(draft: IntakeDraft, hearing: IntakeHearing, today: date,
                courts: Sequence[tuple[str, int]] = ()) -> IntakeHearing:
    """The hearing of a court notice, after its intake (`draft`): whether to add it now, then its date and time,
    court, room, petition date and claimed arrears, those not answered yet (a resumed intake has some); each kept
    with the intake's answers as it is accepted. `courts`: the courts on record with how often each is used,
    offered as completions."""
    h = replace(hearing)
    _answering(lambda: {**asdict(draft), **asdict(h)})
    if h.hearing_now is None:
        h.hearing_now = confirm(_("Add the hearing of this petition now?"))
    if h.hearing_now:
        _ask_rest_of_hearing(h, today, courts)
    _keep_answers()
    return h


def _ask_rest_of_hearing(h: IntakeHearing, today: date, courts: Sequence[tuple[str, int]]) -> None:
    """The hearing's questions still unanswered (one skipped with Enter is answered)."""
    if h.hearing_at is None:
        h.hearing_at = _hearing_moment(today)
    assert h.hearing_at is not None  # a required answer
    if h.hearing_court is None:
        h.hearing_court = ask_court(courts)
    if _unanswered("hearing_room", h.hearing_room):
        h.hearing_room = _answered("hearing_room", _optional_text(_("Courtroom?")))
    if _unanswered("hearing_petition", h.hearing_petition):
        h.hearing_petition = _answered("hearing_petition", _text(_("Date of the petition?"),
                                                                 _petition_date(today, h.hearing_at)))
    if _unanswered("hearing_claimed", h.hearing_claimed):
        h.hearing_claimed = _answered("hearing_claimed", _text(_("Arrears claimed (euros)?"), money.parse_money))


def _hearing_moment(today: date, current: datetime | None = None, *, optional: bool = False) -> datetime | None:
    """The hearing's date and time; a day no court sits is asked about as `hearing add` asks it, a No asking it
    again. `current` (a correction): kept with Enter, without its doubt asked again, '-' leaves the hearing out;
    `optional`: Enter leaves it out."""
    question = _("Hearing date and time (dd/mm/yyyy HH:MM)?")

    def moment(answer: str) -> datetime:
        return dates.parse_datetime(answer, today, dates.COMING)

    while True:
        if current is not None:
            starts_at = _keep(question, moment, current.strftime("%d/%m/%Y %H:%M"))
        else:
            starts_at = _text(question, moment, optional=optional)
        if starts_at is None or starts_at == current or accepted(hearing_doubts(starts_at, None)):
            return starts_at


def _petition_date(today: date, starts_at: datetime) -> Callable[[str], date]:
    """The petition's date: not in the future, not after its hearing."""
    latest = min(today, starts_at.date())
    return _date(today, dates.PAST, not_after=(latest, "today" if latest == today else "the hearing"))


def _hearing_lines(draft: IntakeDraft, h: IntakeHearing) -> list[tuple[str, str, object]]:
    """The hearing's answers among those to correct at the intake's summary: all of them once it is added, else its
    date alone (typed, the hearing is added now)."""
    if not asks_hearing(draft.track, draft.source):
        return []
    if h.added() is None:
        return [("hearing_at", _("Hearing"), None)]
    return [("hearing_at", _("Hearing"), h.hearing_at), ("hearing_court", _("Court?"), h.hearing_court),
            ("hearing_room", _("Courtroom?"), h.hearing_room), ("hearing_petition", _("Petition"), h.hearing_petition),
            ("hearing_claimed", _("Claimed"), money.fmt(h.hearing_claimed) if h.hearing_claimed is not None
             else None)]


def _correct_hearing(name: str, h: IntakeHearing, today: date, courts: Sequence[tuple[str, int]]) -> None:
    """One of the hearing's answers asked again, what was answered shown to keep with Enter or to change; a new
    date is asked about as it was first, and a petition now after it is asked again. Its date emptied with '-'
    leaves the hearing out (to add later with `hearing add`); a date typed where there was none adds it, its
    other questions asked."""
    flow = _flow()
    if name == "hearing_at" and h.added() is None:
        flow.skipped.difference_update(HEARING_FIELDS)  # a hearing of its own: every question of it asked
        starts_at = _hearing_moment(today, optional=True)
        if starts_at is None:
            return
        _left_out(h)
        h.hearing_now, h.hearing_at = True, starts_at
        _ask_rest_of_hearing(h, today, courts)
    elif name == "hearing_at":
        starts_at = _hearing_moment(today, h.hearing_at)
        if starts_at is None:
            flow.skipped.difference_update(HEARING_FIELDS)
            _left_out(h)
            return
        h.hearing_at = starts_at
        if h.hearing_petition is not None and h.hearing_petition > min(today, starts_at.date()):
            from huurbeg.output import render

            render.notice(_("The petition's date ({petition}) is after the hearing now: asked again.")
                          .format(petition=dates.fmt(h.hearing_petition)))
            h.hearing_petition = _answered("hearing_petition", _text(_("Date of the petition?"),
                                                                     _petition_date(today, starts_at)))
    elif name == "hearing_court":
        h.hearing_court = ask_court(courts, h.hearing_court)
    elif name == "hearing_room":
        h.hearing_room = _answered("hearing_room", _edit(_("Courtroom?"), current=h.hearing_room or "") or None)
    elif name == "hearing_petition":
        assert h.hearing_at is not None  # the hearing is added: its lines are listed
        h.hearing_petition = _answered("hearing_petition", _keep(_("Date of the petition?"),
                                                                 _petition_date(today, h.hearing_at),
                                                                 dates.fmt(h.hearing_petition)))
    elif name == "hearing_claimed":
        shown = money.fmt(h.hearing_claimed).removeprefix("€ ") if h.hearing_claimed is not None else ""
        h.hearing_claimed = _answered("hearing_claimed", _keep(_("Arrears claimed (euros)?"), money.parse_money, shown))


def _left_out(h: IntakeHearing) -> None:
    """The hearing is not added now: its answers go (it is added later with `hearing add`)."""
    for name in HEARING_FIELDS:
        setattr(h, name, None)
    h.hearing_now = False


def ask_court(courts: Sequence[tuple[str, int]], current: str | None = None) -> str:
    """The court, from those on record (completed as typed); a name one typo away from a known court is
    offered as that court ("Vredegerecht Mechelen?"), and kept as typed when the answer is no. `current` (a
    correction) is put in the input to be edited."""

    from huurbeg.domain.hearings import court_match
    from huurbeg.output.render import plain

    question = _("Court?")
    check = _check(text.required, False)
    names = [name for name, _count in sorted(courts, key=lambda court: -court[1])]
    prompt = _questions.autocomplete(question, choices=names, ignore_case=True, match_middle=True,
                                      validate=check, default=current or "") if names else \
        _questions.text(question, validate=check, default=current or "")
    typed = _ask(prompt).strip()
    same, near = court_match(typed, list(courts))
    if same is not None:
        return same
    if near is not None and confirm(_("{court}?").format(court=plain(near))):
        return near
    return typed


def ask_case_edit(current: dict, landlords: list[str], today: date) -> dict:
    """Every editable field of a case, its current value as the default; returns the answers.

    A text is put in the input to be edited, and emptied it clears an optional field; a number,
    date or amount is shown in the question, kept with Enter, replaced by what is typed (never
    added to), and cleared with '-'.
    """
    import questionary

    shown = lambda value: "" if value is None else str(value)  # noqa: E731
    cents = lambda value: money.fmt(value).removeprefix("€ ") if value is not None else ""  # noqa: E731
    answers: dict = {field.edit: _ask_again(field, current[field.edit], today) for field in HOUSEHOLD}
    answers["source"] = _select(_("Registered by?"), list(Source), Source(current["source"]))
    answers["referrer"] = _edit(_("Who at that service (name, phone)?"), current=shown(current["referrer"]))
    answers["landlord"] = known_landlord(_edit(_("Landlord?"), text.required, current=shown(current["landlord"])),
                                         landlords)
    if answers["landlord"] and match_key(answers["landlord"]) not in {match_key(n) for n in landlords}:
        answers["landlord_type"] = _select(_("New landlord: what kind?"), list(LandlordType), LandlordType.PRIVATE)
    ticked = set(current["problems"] or [])
    picked = _tick(_("Problems?"), [
        questionary.Choice(_shown_code(p), value=p.value, checked=p.value in ticked) for p in Problem])
    answers["problems"] = [Problem(p) for p in picked]
    answers["arrears_cents"] = _keep(_("Rent arrears in euros?"), money.parse_money, cents(current["arrears_cents"]))
    answers["rent_cents"] = _keep(_("Monthly rent in euros?"), money.parse_money, cents(current["rent_cents"]))
    answers["note"] = _note(_("Note (confidential)?"), current=shown(current["note"]))
    return answers


def _edit(prompt: str, parse: Callable[[str], object] = str, *, optional: bool = True, current: str = ""):
    """A stored text to correct: it is put in the input to be edited; emptied, or '-' as a number's or a date's
    question takes it, an optional field is cleared."""
    check = _check(parse, optional)
    answer = _ask(_questions.text(prompt, default=current, validate=lambda typed: optional and typed.strip() == "-"
                                  or check(typed))).strip()
    return parse(answer) if answer and not (optional and answer == "-") else None


def ask_detail(prompt: str, parse: Callable[[str], str], current: str | None = None, required: bool = False) -> str:
    """A detail of the service, a worker or a landlord: the stored one to edit in the input; emptied, it is cleared
    (''), unless `required` (a document needs it); checked by `parse` as it is typed."""
    return _edit(prompt, parse, optional=not required, current=current or "") or ""


def _keep(prompt: str, parse: Callable[[str], object], current: str):
    """A stored number, date or amount to correct: Enter keeps it, what is typed replaces it, '-' clears it."""

    check = _check(parse)
    hint = " " + (_("(Enter: {current}; - to clear)").format(current=current) if current else _("(Enter to skip)"))
    answer = _ask(_questions.text(prompt + hint, validate=lambda typed: typed.strip() == "-" or check(typed))).strip()
    if answer == "-":
        return None
    if not answer:
        return parse(current) if current else None
    return parse(answer)


# --- correcting an answer at the summary ----------------------------------------------------------------------

def _shown(value) -> str:
    """An answer as a line of the choice to correct shows it: a day dd/mm/yyyy, an amount in euros, a code by its
    label, yes or no; nothing given shows a dash."""
    from huurbeg.output.render import text_value

    if value is None or value == [] or value == "":
        return "-"
    if isinstance(value, list):
        return ", ".join(_shown_code(each) for each in value)
    return text_value(value)


def _which(lines: list[tuple[str, str, object]], stopped: str) -> str:
    """At a No to a summary: which of its answers to change (`lines`: name, heading, value), or stop (`stopped`
    says what was not written), the answers kept to resume; the name chosen."""
    import shutil  # startup

    import questionary

    from huurbeg.output.render import shorten

    room = shutil.get_terminal_size().columns - 6  # the pointer and its margin: a line never wraps in the list
    choices = [questionary.Choice(shorten(f"{heading.rstrip('?')}: {_shown(value)}", room), value=name)
               for name, heading, value in lines]
    choices.append(questionary.Choice(_("Nothing: stop (the answers stay kept)"), value=""))
    chosen = _ask(_questions.select(_("Which answer do you want to change?"), choices=choices,
                                     instruction=_("(Use arrow keys)")))
    if not chosen:
        raise Cancelled(stopped)
    return chosen


def correct_intake(draft: IntakeDraft, hearing: IntakeHearing, landlords: list[str], today: date,
                   courts: Sequence[tuple[str, int]] = ()) -> tuple[IntakeDraft, IntakeHearing]:
    """At a No to the intake's summary: one answer chosen among its lines (a court notice's hearing's too) is asked
    again, what was answered shown to keep with Enter or to change, with the rules it was first asked with; a new
    landlord's kind is asked with its name, the referrer with a service that has one, the amounts with the arrears
    ticked. Ctrl-C stops, the answers kept."""
    import questionary

    d, h = replace(draft), replace(hearing)
    _answering(lambda: {**asdict(d), **asdict(h)})
    lines = [(str(f.edit), _(f.question), getattr(d, str(f.edit))) for f in HOUSEHOLD]  # two lines say Household
    lines.append(("source", _("By"), d.source))
    if d.source not in (Source.TENANT, Source.LANDLORD):
        lines.append(("referrer", _("Who at that service (name, phone)?"), d.referrer))
    if d.track != Track.CRISIS:
        lines += [("landlord", _("Landlord"), d.landlord), ("problems", _("Problems"), d.problems)]
    if Problem.ARREARS in d.problems:
        lines += [("arrears_cents", _("Arrears"), money.fmt(d.arrears_cents) if d.arrears_cents is not None else None),
                  ("rent_cents", _("Rent"), money.fmt(d.rent_cents) if d.rent_cents is not None else None)]
    lines.append(("intake_date", _("Registered"), d.intake_date))
    if d.track == Track.PW and d.tenant_informed:
        lines.append(("consent_tenant", _("Has the tenant consented to support?"), d.consent_tenant))
        if d.landlord:
            lines.append(("consent_landlord", _("Has the landlord consented to support?"), d.consent_landlord))
    lines.append(("note", _("Note"), d.note))
    lines += _hearing_lines(d, h)
    name = _which(lines, _("not registered; nothing was written"))
    field = next((f for f in HOUSEHOLD if f.edit == name), None)
    cents = lambda value: money.fmt(value).removeprefix("€ ") if value is not None else ""  # noqa: E731
    if field is not None:
        setattr(d, name, _correct_household(field, d, today))
    elif name == "source":
        d.source = _select(_("Registered by?"), list(Source), d.source)
        if d.source in (Source.TENANT, Source.LANDLORD):
            d.referrer = None
        else:
            d.referrer = _edit(_("Who at that service (name, phone)?"), current=d.referrer or "")
    elif name == "referrer":
        d.referrer = _edit(_("Who at that service (name, phone)?"), current=d.referrer or "")
    elif name == "landlord":
        d.landlord = known_landlord(_edit(_("Landlord?"), text.required, current=d.landlord or ""), landlords)
        d.landlord_type = None
        if d.landlord and match_key(d.landlord) not in {match_key(n) for n in landlords}:
            d.landlord_type = _select(_("New landlord: what kind?"), list(LandlordType), LandlordType.PRIVATE)
        if not d.landlord:
            d.consent_landlord = None
    elif name == "problems":
        ticked = set(d.problems)
        picked = _tick(_("Problems?"), [questionary.Choice(_shown_code(p), value=p.value, checked=p in ticked)
                                        for p in Problem])
        d.problems = [Problem(p) for p in picked]
        if Problem.ARREARS in d.problems and d.arrears_cents is None:
            d.arrears_cents = _text(_("Rent arrears in euros?"), money.parse_money)
        if Problem.ARREARS in d.problems and d.rent_cents is None:
            d.rent_cents = _text(_("Monthly rent in euros?"), money.parse_money)
    elif name in ("arrears_cents", "rent_cents"):
        question = _("Rent arrears in euros?") if name == "arrears_cents" else _("Monthly rent in euros?")
        setattr(d, name, _keep(question, money.parse_money, cents(getattr(d, name))))
    elif name == "intake_date":
        born = (d.birth_date, "the birth date") if d.birth_date else None
        d.intake_date = _text(_("Date of registration?"), _date(today, dates.PAST, after=born,
                                                                not_after=(today, "today")),
                              default=dates.fmt(d.intake_date or today))
    elif name in ("consent_tenant", "consent_landlord"):
        question = next(heading for each, heading, _value in lines if each == name)
        setattr(d, name, confirm(question, default=bool(getattr(d, name))))
    elif name == "note":
        d.note = _note(_("Note (confidential)?"), current=d.note or "")
    elif name in HEARING_FIELDS:
        _correct_hearing(name, h, today, courts)
    _keep_answers()
    return d, h


def _correct_household(field: Field, d: IntakeDraft, today: date):
    """A household's answer at intake asked again: the text in the input to edit, a date, number or count shown
    to keep with Enter ('-' clears what may stay empty), checked as when it was first asked."""
    question, current = _(field.question), getattr(d, str(field.edit))
    if field.kind == "date":
        return _keep(question, _date(today, dates.BIRTH, not_after=(d.intake_date or today,
                                                                    "the registration date")), dates.fmt(current))
    if field.kind == "national-number":
        def of_the_birth_date(number: str) -> None:
            check_birth_date_matches(national_number.birth_date(number), d.birth_date)

        checked_number: Callable[[str], str] = _ruled(national_number.normalise, of_the_birth_date)
        return _keep(question, checked_number, current or "")
    if field.kind == "count":
        rule, default = HOUSEHOLD_SIZE.get(str(field.edit), (None, None))
        parse = _ruled(_count(MAX_PEOPLE), rule) if rule else _count(MAX_PEOPLE)
        return _text(question, parse, default=str(current if current is not None else default or 0))
    if field.required:
        return _edit(question, text.required, optional=False, current=current or "")
    return _edit(question, current=current or "") or None


def correct_visit(answers: dict, when: date, today: date) -> dict:
    """At a No to a contact's summary: one answer chosen among its lines asked again, what was answered shown to
    keep with Enter or to change; the answers, that one corrected."""
    from huurbeg.domain.rules import reaches

    a = dict(answers)
    if a.get("reached") is None:
        a["reached"] = reaches(a["kind"])
    _answering(lambda: {"when": when, **a})
    name = _which([("kind", _("Kind"), a["kind"]), ("reached", _("Reached"), a["reached"]),
                   ("minutes", _("Min"), a["minutes"]), ("note", _("Note"), a["note"]),
                   ("next_planned", _("Next"), a["next_planned"])], _("not logged; nothing was written"))
    if name == "kind":
        a["kind"] = _select(_("Kind of contact?"), list(ContactKind), a["kind"])
    elif name == "reached":
        a["reached"] = confirm(_("Did it reach the household (someone opened, answered)?"), default=a["reached"])
    elif name == "minutes":
        a["minutes"] = _keep(_("Minutes spent?"), minutes_spent,
                             "" if a["minutes"] is None else str(a["minutes"]))
    elif name == "note":
        a["note"] = _note(_("Note (confidential)?"), current=a["note"] or "")
    else:
        a["next_planned"] = _keep(_("Next contact (dd/mm/yyyy, +2w, ...)?"),
                                  _date(today, dates.COMING, after=(when, "this contact")), dates.fmt(a["next_planned"]))
    _keep_answers()
    return a


# --- a required option left out, asked on a terminal ---------------------------------------------------------

QUESTIONS = {
    "reason": N_("Why? (kept in the history)"), "amount": N_("Amount paid (euros)?"), "due": N_("Due date?"),
    "court": N_("Court?"), "dwelling": N_("Dwelling?"), "output": N_("File to write?"),
    "closed_before": N_("Closed before (dd/mm/yyyy)?"), ("hearing", "served", "on"): N_("Served on?"),
    ("hearing", "outcome", "result"): N_("Outcome of the hearing?"),
    ("case", "assign", "to"): N_("To which worker?"), ("copy", "to"): N_("Copy into which database (path or URL)?"),
    ("hearing", "add", "starts_at"): N_("Hearing date and time (dd/mm/yyyy HH:MM)?"),
}
"""The question of a required option a command was given without (ask_option), by the option's name, or by the
command's path and its name where one name means two things; a code is asked as `{what}?` from its list."""

CLOSED_TOO = {("case", "report"), ("case", "file"), ("case", "remove"), ("case", "file-remove")}
"""The commands with a required option that also take a closed case; any other refuses one before its question."""


def ask_note(question: str) -> str | None:
    """An optional note, asked after a required option that was asked (a closing's note)."""
    return _text(question, text.required, optional=True)


def _possible(store, number: str, params: dict, check: Callable[[object, str], None] | None) -> None:
    """What a command could not do is refused before its first question: a record it names that the case does
    not have, and what the command itself requires (`check`, huurbeg.cli.asking.before)."""
    for kind in RECORD_KINDS:
        if isinstance(params.get(f"{kind}_id"), int):
            check_record(store, number, kind, params[f"{kind}_id"])
    if check is not None:
        check(store, number)


def ask_option(ctx, param, path: tuple[str, ...], offered: Callable[[object, dict], str | None] | None,
               possible: Callable[[object, str], None] | None = None):
    """The question of a required option the command at `path` was given without (huurbeg.cli.asking): whose
    case it is first, a code from its list, anything else checked by the option's parser as it is typed;
    `offered(store, params)` is taken on Enter; `possible(store, number)` refuses first what cannot be done."""
    descriptor = param.type_descriptor
    parser = descriptor.parameter_info.parser
    number = ctx.params.get("number")
    store = ctx.find_root().obj.store() if isinstance(number, str) or offered else None  # AppState
    if store is not None and isinstance(number, str) and ctx.meta.get("huurbeg.introduced") != number:
        whose = tenant_of_case if path in CLOSED_TOO else tenant_of_open_case
        introduce(number, whose(store, number))  # an unknown or closed case is refused before the question
        _possible(store, number, ctx.params, possible)
    key = (*path, param.name)
    asked = QUESTIONS.get(key) or QUESTIONS.get(key[-2:]) or QUESTIONS.get(param.name)
    enum = getattr(parser, "code_list", None)
    if enum is not None:
        question = _(asked) if asked else _("{what}?").format(what=_(getattr(parser, "code_what", param.name)))
        return _select(question[:1].upper() + question[1:], list(enum))
    question = _(asked) if asked else param.opts[0]
    default = offered(store, dict(ctx.params)) if offered else None
    if default is None and getattr(parser, "today_on_enter", False):
        default = dates.fmt(dates.today())

    def parse(answer: str):
        from typer import BadParameter

        try:
            return parser(answer) if parser is not None else text.required(answer)
        except BadParameter as refused:
            raise ValueError(refused.message) from None

    return _text(question, parse, optional=False, default=default)
