"""Text typed by a person or read from a file: what counts as visible.

A name or a required text made only of spaces, zero-width characters, direction marks or
control characters shows as nothing, so it is refused where it is typed (flags, prompts,
imported rows) and again by the domain before anything is written.
"""

import re
import unicodedata
from huurbeg.i18n import _

INVISIBLE_CATEGORIES = {"Zs", "Zl", "Zp", "Cc", "Cf", "Cn", "Co", "Cs"}
BLANK_LOOKING = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800", "\u034f"}
"""Letters and marks that render as empty space (Hangul fillers, the blank Braille pattern, CGJ)."""


def blank(text: str | None) -> bool:
    """Whether `text` would show as nothing at all."""
    return not text or all(unicodedata.category(c) in INVISIBLE_CATEGORIES or c in BLANK_LOOKING for c in text)


def required(text: str) -> str:
    """A required text, stripped; raises ValueError when nothing visible is in it."""
    if blank(text):
        raise ValueError(_("required; give some visible text (spaces or invisible characters alone are not a value)"))
    return text.strip()


_ROOM_WORD = re.compile(r"(zaal|room|lokaal|salle)\b", re.IGNORECASE)


def courtroom(room: str) -> str:
    """A courtroom as said after its court: '3' as 'zaal 3', while 'zaal 3' or 'Zaal B' stays as typed."""
    return room if _ROOM_WORD.match(room.strip()) else _("room {room}").format(room=room)
