"""The house keeps its layers: a module's folder says what it may import, and no import goes in a circle.

    core ← domain ← db ← output ← cli ← commands ← the root app (huurbeg/cli/root.py, huurbeg/__main__.py)

A module imports its own layer and those to its left, never one to its right. Every import counts: at the
top of a file, inside a function, and under `if TYPE_CHECKING:` (which is spared from the cycle check, since
it never runs). One arrow runs right for types only: a rule of the domain is given the store and names its
type (`if TYPE_CHECKING: from huurbeg.db.area import Storage`), but never calls the storage's modules itself. In the layers that hold it (OWN_AT_TOP), huurbeg's own modules are imported at the
top, and an import left inside a function is a third-party library loaded only when needed, with its reason
in a comment on its line (`import pygal  # heavy`).
"""

import ast
import sys
from pathlib import Path

import pytest

import huurbeg

PACKAGE = Path(huurbeg.__file__).parent
LAYERS = ("core", "domain", "db", "output", "cli", "commands", "root")
ROOT_APP = {"huurbeg.cli.root", "huurbeg.__main__"}
"""The root app names every command group, so it stands above them; nothing imports it."""
OWN_AT_TOP = {"core", "domain", "output"}
"""Layers whose functions import no module of huurbeg. cli, commands and db still import their
neighbours inside functions, so that `--help` does not load every command's dependencies; once the
command groups are loaded when called, they join."""
TYPES_ONLY = {("domain", "db")}
"""Layer to layer arrows that run right for the names of types only, under `if TYPE_CHECKING:`."""
KNOWN_CYCLES: dict[frozenset[str], str] = {}
"""Cycles there are today, each with what ends it. A new cycle fails, and so does one of these that ended
(take it out of here)."""


def sources(package: Path = PACKAGE) -> dict[str, str]:
    """Every module of the package by its dotted name (a package by its own name), with its text."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = ("huurbeg", *path.relative_to(package).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path.read_text(encoding="utf-8")
    return found


def layer(module: str) -> str | None:
    """The layer of a module; None for the package itself (huurbeg/__init__.py), 'flat' outside every layer."""
    if module in ROOT_APP:
        return "root"
    parts = module.split(".")
    if len(parts) == 1:
        return None
    return parts[1] if parts[1] in LAYERS[:-1] else "flat"


class Import:
    def __init__(self, source: str, target: str, line: int, local: bool, typing: bool, comment: str):
        self.source, self.target, self.line = source, target, line
        self.local, self.typing, self.comment = local, typing, comment

    def __repr__(self) -> str:
        return f"{self.source}:{self.line} imports {self.target}"


def imports(modules: dict[str, str]) -> list[Import]:
    """Every import of one of huurbeg's modules by another, wherever it is written."""
    found = []

    def resolve(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    for module, text in modules.items():
        lines = text.splitlines()
        is_package = any(other.startswith(module + ".") for other in modules)

        def visit(node, local: bool, typing: bool) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                    for inner in child.body:
                        visit_one(inner, local, True)
                    for inner in child.orelse:
                        visit_one(inner, local, typing)
                else:
                    visit_one(child, local, typing)

        def visit_one(child, local: bool, typing: bool) -> None:
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                names = []
                if isinstance(child, ast.Import):
                    names = [alias.name for alias in child.names]
                else:
                    base = child.module or ""
                    if child.level:  # relative: from the module's package
                        package = module.split(".") if is_package else module.split(".")[:-1]
                        base = ".".join(package[:len(package) - child.level + 1] + ([base] if base else []))
                    names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                             for alias in child.names]
                line = lines[child.lineno - 1]
                comment = line.partition("#")[2].strip() if "#" in line else ""
                for name in names:
                    if name.split(".")[0] == "huurbeg" and (target := resolve(name)) and target != module:
                        found.append(Import(module, target, child.lineno, local, typing, comment))
                    elif name.split(".")[0] != "huurbeg":
                        found.append(Import(module, name, child.lineno, local, typing, comment))
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                visit(child, True, typing)
            else:
                visit(child, local, typing)

        visit(ast.parse(text), False, False)
    return found


def own(found: list[Import]) -> list[Import]:
    return [i for i in found if i.target.split(".")[0] == "huurbeg"]


def upward(found: list[Import]) -> list[str]:
    """The imports that run up a layer, as 'module:line imports target (LAYER may import ...)'."""
    wrong = []
    for i in own(found):
        have, want = layer(i.source), layer(i.target)
        if have is None or want is None or "flat" in (have, want):
            continue
        if i.typing and (have, want) in TYPES_ONLY:
            continue
        if LAYERS.index(want) > LAYERS.index(have):
            allowed = ", ".join(LAYERS[:LAYERS.index(have) + 1]) if have != "root" else "any"
            wrong.append(f"{i!r}: {have} may import {allowed}")
    return wrong


def cycles(found: list[Import]) -> list[frozenset[str]]:
    """The strongly connected sets of more than one module (Tarjan), imports for types only left out."""
    graph: dict[str, set[str]] = {}
    for i in own(found):
        if not i.typing:
            graph.setdefault(i.source, set()).add(i.target)
            graph.setdefault(i.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result = []
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                connect(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                result.append(frozenset(group))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return result


def local_without_reason(found: list[Import]) -> list[str]:
    """In the layers of OWN_AT_TOP: own modules imported inside a function, or a library without its reason."""
    wrong = []
    for i in found:
        if not i.local or layer(i.source) not in OWN_AT_TOP:
            continue
        if i.target.split(".")[0] == "huurbeg":
            wrong.append(f"{i!r} inside a function: import huurbeg's own modules at the top of the file")
        elif not i.comment:
            wrong.append(f"{i!r} inside a function without its reason (e.g. '  # heavy'): import it at the top, "
                         "or say why it waits")
    return wrong


# --- the house as it is ------------------------------------------------------------------------

FOUND = imports(sources())


def test_every_module_lies_in_a_layer():
    flat = sorted(name for name in sources() if layer(name) == "flat")
    assert not flat, (f"modules outside the layers {', '.join(LAYERS[:-1])}: {flat}; "
                      "put each in the folder of what it does (see the README's 'For developers')")


def test_no_import_runs_up_a_layer():
    assert not (wrong := upward(FOUND)), "\n".join(wrong)


def test_no_import_cycle():
    found = set(cycles(FOUND))
    new = [sorted(group) for group in found - set(KNOWN_CYCLES)]
    ended = [sorted(group) for group in set(KNOWN_CYCLES) - found]
    assert not new, f"import cycles: {new}"
    assert not ended, f"these cycles have ended: take them out of KNOWN_CYCLES: {ended}"


def test_own_modules_are_imported_at_the_top():
    assert not (wrong := local_without_reason(FOUND)), "\n".join(wrong)


# --- the checks themselves, on a small house built here -----------------------------------------

SMALL = {
    "huurbeg": "",
    "huurbeg.core": "", "huurbeg.domain": "", "huurbeg.db": "", "huurbeg.output": "", "huurbeg.cli": "",
    "huurbeg.db.area": "",
    "huurbeg.domain.plans": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from huurbeg.db.area import Storage\n"
                            "from huurbeg.db import area\n",
    "huurbeg.core.money": "from huurbeg.core import text\n",
    "huurbeg.core.text": "def f():\n    from huurbeg.core import money\n",
    "huurbeg.domain.rules": "from huurbeg.core.money import Cents\n"
                            "def g():\n    from huurbeg.output import render\n    import pygal\n",
    "huurbeg.output.render": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from huurbeg.cli import state\n"
                             "def h():\n    import openpyxl  # heavy\n",
    "huurbeg.cli.state": "from huurbeg.output import render\n",
    "huurbeg.cli.root": "from huurbeg.cli import state\n",
    "huurbeg.stray": "",
}


@pytest.mark.parametrize("check", ["upward", "cycle", "local", "flat"])
def test_the_checks_find_what_they_are_for(check):
    found = imports(SMALL)
    if check == "upward":  # a function-local import counts, and so does one for types only (but the store's)
        assert sorted(upward(found)) == ["huurbeg.domain.plans:4 imports huurbeg.db.area: domain may import "
                                         "core, domain",
                                         "huurbeg.domain.rules:3 imports huurbeg.output.render: domain may import "
                                         "core, domain",
                                         "huurbeg.output.render:3 imports huurbeg.cli.state: output may import "
                                         "core, domain, db, output"]
    elif check == "cycle":  # through a function-local import; not through one for types only
        assert cycles(found) == [frozenset({"huurbeg.core.money", "huurbeg.core.text"})]
    elif check == "local":
        assert local_without_reason(found) == [
            "huurbeg.core.text:2 imports huurbeg.core.money inside a function: import huurbeg's own modules at "
            "the top of the file",
            "huurbeg.domain.rules:3 imports huurbeg.output.render inside a function: import huurbeg's own modules "
            "at the top of the file",
            "huurbeg.domain.rules:4 imports pygal inside a function without its reason (e.g. '  # heavy'): import "
            "it at the top, or say why it waits"]
    else:
        assert [name for name in SMALL if layer(name) == "flat"] == ["huurbeg.stray"]
