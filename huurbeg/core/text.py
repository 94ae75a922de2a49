"""Text typed by a person or read from a file: what counts as visible.

A name or a required text made only of spaces, zero-width characters, direction marks or
control characters shows as nothing, so it is refused where it is typed (flags, prompts,
imported rows) and again by the domain before anything is written.
"""

import re
from huurbeg.core.patterns import pattern
from huurbeg.core.i18n import _

INVISIBLE_CATEGORIES = {"Zs", "Zl", "Zp", "Cc", "Cf", "Cn", "Co", "Cs"}
BLANK_LOOKING = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800", "\u034f"}
"""Letters and marks that render as empty space (Hangul fillers, the blank Braille pattern, CGJ)."""
TERMINAL_SEQUENCE = pattern(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"  # CSI: clear the screen, move the cursor, colour
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS: title, link, clipboard
    r"|\x1b[ -/]*[0-~]?")  # any other escape
"""What a terminal takes as an instruction and never shows: ESC [2J (clear the screen) is no more visible
than a space, so it does not make a text visible either."""


def blank(text: str | None) -> bool:
    """Whether `text` would show as nothing at all."""
    import unicodedata  # startup: a shared library, loaded when a text is checked

    return not text or all(unicodedata.category(c) in INVISIBLE_CATEGORIES or c in BLANK_LOOKING
                           for c in TERMINAL_SEQUENCE.sub("", text))


def required(text: str) -> str:
    """A required text, stripped; raises ValueError when nothing visible is in it."""
    if blank(text):
        raise ValueError(_("required; give some visible text (spaces or invisible characters alone are not a value)"))
    return text.strip()


def clearable(text: str) -> str:
    """A text that, when given, must show something; '' alone is no value (it clears a field in an edit)."""
    return text if text == "" else required(text)


QUOTED_CHARACTERS = 40
"""How much of a typed value an error line repeats: enough to recognise it, never a pasted page."""


def short(value: str, most: int = QUOTED_CHARACTERS) -> str:
    """`value` as an error line repeats it: its first `most` characters, with … when it is longer."""
    return value if len(value) <= most else value[:most] + "…"


def quoted(value: str, most: int = QUOTED_CHARACTERS) -> str:
    """`value` in quotes in an error line, cut as `short` cuts it."""
    return repr(short(value, most))


_ROOM_WORD = pattern(r"(zaal|room|lokaal|salle)\b", re.IGNORECASE)


def courtroom(room: str) -> str:
    """A courtroom as said after its court: '3' as 'zaal 3', while 'zaal 3' or 'Zaal B' stays as typed."""
    return room if _ROOM_WORD.match(room.strip()) else _("room {room}").format(room=room)


PATH_CHARACTERS = 160


def shown(path: object) -> str:
    """A path as an error message shows it: a very long one shortened in the middle."""
    text = str(path)
    return text if len(text) <= PATH_CHARACTERS else f"{text[:40]}…{text[-70:]}"
