"""The output formats live in one registry (huurbeg.output.formats): every --format reads it."""

import typer
from hypothesis import given, settings
from hypothesis import strategies as st
from typer._click import Context

from huurbeg.core.codes import Severity
from huurbeg.core.money import Cents
from huurbeg.output import formats, render
from huurbeg.cli.root import app
from tests.conftest import assert_one_line_error


def format_options():
    """(command, its --format parameter) for every command of the tree that takes one."""
    def walk(group, path):
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                yield from walk(command, [*path, name])
            for param in command.params:
                if "--format" in param.opts:
                    yield " ".join([*path, name]), command, param

    return list(walk(typer.main.get_command(app), []))


def tab_separated(listing: formats.Listing) -> None:
    keys = list(listing.rows[0]) if listing.rows else []
    render.write_text("".join("\t".join(str(row.get(key, "")) for key in keys) + "\n"
                              for row in [dict(zip(keys, keys)), *listing.rows]))


def test_a_format_registered_once_is_a_choice_of_a_listing_and_written(cli, new_case, tmp_path):
    number = new_case()
    refused = cli("case", "list", "--format", "tsv")
    assert_one_line_error(refused, code=2, contains="use one of: table, json, csv, csv-excel, xlsx.")
    formats.register(formats.Format("tsv", {"listing": tab_separated}), ["listing"])
    try:
        shown = cli("case", "list", "--format", "tsv")
        assert shown.exit_code == 0, shown.output
        header, row = shown.stdout.splitlines()
        assert header.split("\t")[0] == "case" and row.split("\t")[0] == number
        written = tmp_path / "cases.tsv"
        assert cli("case", "list", "-f", "TSV", "-o", str(written)).exit_code == 0
        assert written.read_text().splitlines()[1].startswith(number + "\t")
        wrong = cli("case", "list", "--format", "yaml")
        assert_one_line_error(wrong, code=2, contains="use one of: table, json, csv, csv-excel, xlsx, tsv.")
        _, command, param = next(found for found in format_options() if found[0] == "case list")
        assert [item.value for item in param.shell_complete(Context(command), "t")] == ["table", "tsv"]
        assert "tsv" not in formats.names("calendar")  # registered for listings only
        assert cli("hearing", "list", "--format", "tsv").exit_code == 2
    finally:
        formats.unregister("tsv")
    assert cli("case", "list", "--format", "tsv").exit_code == 2


def test_every_format_option_reads_the_registry(cli):
    found = format_options()
    assert len(found) > 20
    for name, _, param in found:
        info = param.type_descriptor.parameter_info
        if name in ("case report", "case export"):  # text or json: a report or a dossier, not a format of data
            continue
        assert isinstance(info.parser.code_list, formats.Choices), name
        kind = info.parser.code_list.kind
        assert {member.value for member in info.parser.code_list} == set(formats.names(kind)), name
        assert all(formats.get(fmt).writers for fmt in formats.names(kind)), name


def test_each_kind_lists_the_formats_it_had():
    assert formats.names("listing") == ["table", "json", "csv", "csv-excel", "xlsx"]
    assert formats.names("calendar") == ["table", "json", "csv", "csv-excel", "xlsx", "ics"]
    assert formats.names("figures") == ["table", "json", "csv", "csv-excel", "xlsx", "html", "pdf"]
    assert [fmt for fmt in formats.FORMATS if formats.get(fmt).for_people] == ["table", "csv-excel", "xlsx", "html",
                                                                               "pdf"]


_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.dates() \
    | st.sampled_from(list(Severity)) | st.integers(-10**9, 10**9).map(Cents)
_VALUES = _SCALARS | st.lists(_SCALARS, max_size=3) | st.dictionaries(st.text(max_size=5), _SCALARS, max_size=3)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(st.text(max_size=8), _VALUES, max_size=6), max_size=5) | _VALUES)
def test_json_is_written_as_the_json_module_writes_it(data):
    """A listing's json is written by hand, faster than the module writes it with an indent: the same text, for
    every value a row may hold (nested lists and objects, empty ones, NaN, controls and any character)."""
    import json

    from huurbeg.output.render import json_text, json_value

    assert json_text(data) == json.dumps(json_value(data), ensure_ascii=False, indent=2)
