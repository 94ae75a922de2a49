"""Regular expressions compiled when first used.

Compiling a pattern costs a fraction of a millisecond, and a module's patterns are compiled when the
module is imported: `huurbeg --help` imports the parsers of dates, amounts and case numbers, the root's
error messages and the text checks, and matches none of them. A `pattern` here is compiled on its first
match, once a process, and is then the compiled pattern in all but its type.
"""

import re
from typing import Any


class pattern:  # noqa: N801  (written where re.compile was, and used as its result)
    """`re.compile(source, flags)`, done on the first use of one of its methods (match, sub, ...); each method
    is then kept on the object itself, so that a pattern matched in a loop costs what a compiled one does."""

    def __init__(self, source: str, flags: int = 0):
        self.source, self.flags = source, flags

    def __getattr__(self, name: str) -> Any:
        found = getattr(re.compile(self.source, self.flags), name)
        self.__dict__[name] = found
        return found
