"""Babel's extractor for huurbeg (a development tool, never imported when huurbeg runs).

Besides what Babel's own Python extractor finds (`_()`, `N_()`, `ngettext()`, `pgettext()`),
a command's help is marked where it is written by being a help: the `help=` text of an
option, argument or group, and the docstring of a command function (decorated with
`@app.command(...)` or `@app.callback()`, or registered as `app.command("name")(function)`),
as Typer stores it (indentation cleaned). huurbeg's
help formatter translates these when the help is shown (huurbeg.cli.helptext.speak).

babel.cfg names it: `[extractors] huurbeg = huurbeg.cli.i18n_extract:extract`.
"""

import ast
import io

from babel.messages.extract import extract_python


def extract(fileobj, keywords, comment_tags, options):
    source = fileobj.read()
    yield from extract_python(io.BytesIO(source), keywords, comment_tags, options)
    yield from help_texts(source.decode(options.get("encoding", "utf-8")))


def help_texts(source: str):
    """(line, funcname, text, comments) for every help text of a module."""
    tree = ast.parse(source)
    registered = {node.args[0].id for node in ast.walk(tree)
                  if isinstance(node, ast.Call) and _registers(node.func) and node.args
                  and isinstance(node.args[0], ast.Name)}
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "help":
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                yield node.value.lineno, None, node.value.value, []
        elif isinstance(node, ast.FunctionDef) and (
                node.name in registered or any(_registers(decorator) for decorator in node.decorator_list)):
            doc = ast.get_docstring(node, clean=True)
            if doc:
                yield node.body[0].lineno, None, doc, []


def _registers(node: ast.expr) -> bool:
    """`app.command(...)` or `app.callback(...)`: what makes a function a command."""
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
        "command", "callback")
