"""Data in and out: `import` from a spreadsheet, `case export`, and `demo`."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import assert_one_line_error, snapshot

NO_CONTACT = dict.fromkeys(("address", "phone", "email", "contact_person"))
"""A landlord's contact details in the dossier, when none were given."""

HEADER = "ref,tenant,address,landlord,landlord_type,track,source,problems,intake_date,arrears,tenant_informed," \
         "status,closed_date,outcome\n"
GOOD = ["R-1,Jan Peeters,Kerkstraat 1,Woonpunt,shm,pw,landlord,arrears hygiene,03/02/2026,\"1.234,56\",yes,,,",
        "R-2,Els Maes,Bruul 9,,,ogp,court,arrears,2026-05-10,850.00,ja,closed,01/09/2026,eviction-prevented"]


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def write(tmp_path, lines, name="caseload.csv", header=HEADER, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes((header + "\n".join(lines) + "\n").encode(encoding))
    return path


def test_import_good_rows(cli, tmp_path):
    result = cli("import", str(write(tmp_path, GOOD)))
    assert result.exit_code == 0, result.output
    assert "Imported 2 cases" in result.stderr
    cases = as_json(cli("case", "list", "--status", "all", "-f", "json"))
    assert [(c["case"], c["tenant"], c["track"], c["status"]) for c in cases] == [
        ("2026-0001", "Jan Peeters", "pw", "open"), ("2026-0002", "Els Maes", "ogp", "closed")]
    first = as_json(cli("case", "show", "2026-0001", "-f", "json"))
    assert (first["arrears"], first["problems"], first["landlord"]) == \
        (1234.56, ["arrears", "hygiene"], {"name": "Woonpunt", "type": "shm"} | NO_CONTACT)
    second = as_json(cli("case", "show", "2026-0002", "-f", "json"))
    assert (second["outcome"], second["closed_date"]) == ("eviction-prevented", "2026-09-01")


def test_reimport_does_not_duplicate(cli, tmp_path):
    path = write(tmp_path, GOOD)
    cli("import", str(path))
    again = cli("import", str(path))
    assert again.exit_code == 0 and "Imported 0 cases; 2 rows were imported before" in again.stderr
    assert len(as_json(cli("case", "list", "--status", "all", "-f", "json"))) == 2


def test_rows_without_a_ref_are_recognised_on_reimport(cli, tmp_path):
    lines = [",".join(line.split(",")[1:]) for line in GOOD]
    path = write(tmp_path, lines, header=HEADER.removeprefix("ref,"))
    cli("import", str(path))
    cli("import", str(path))
    assert len(as_json(cli("case", "list", "--status", "all", "-f", "json"))) == 2


BAD = [
    ("R-3,X,x,,,pw,neighbour,,01/01/2026,,yes,,,", "row 2: source"),
    ("R-4,X,x,,,pw,tenant,,31/02/2026,,yes,,,", "row 3: intake_date"),
    ("R-5,X,x,,,pw,tenant,,01/01/2026,-5,yes,,,", "row 4: arrears"),
    ("R-6,X,x,,,pw,tenant,,01/01/2026,,no,,,", "row 5: tenant_informed"),
    ("R-7,X,x,Nieuw,,pw,tenant,,01/01/2026,,yes,,,", "row 6: landlord_type"),
    ("R-8,X,x,,,pw,tenant,,01/01/2026,,yes,closed,,", "row 7: closed_date"),
    ("R-9,,x,,,pw,tenant,,01/01/2026,,yes,,,", "row 8: tenant"),
]


def test_every_bad_row_is_named_and_nothing_is_imported(cli, tmp_path, db_path):
    cli("case", "list")
    before = snapshot(db_path)
    result = cli("import", str(write(tmp_path, [line for line, _ in BAD] + GOOD)))
    assert result.exit_code == 2
    for _, where in BAD:
        assert where in result.stderr, where
    assert "7 of 9 rows are bad; nothing was imported" in result.stderr
    assert "Traceback" not in result.output and "X,x" not in result.stderr
    assert snapshot(db_path) == before


def test_skip_bad_imports_the_good_rows(cli, tmp_path):
    result = cli("import", str(write(tmp_path, [BAD[0][0]] + GOOD)), "--skip-bad")
    assert result.exit_code == 0 and "Imported 2 cases: 2026-0001, 2026-0002; 1 bad row left out" in result.stderr


def test_excel_semicolon_windows_1252(cli, tmp_path):
    header = "Ref;Tenant;Address;Track;Source;Intake date;Arrears;Tenant informed\n"
    path = write(tmp_path, ["E-1;Chloé Dubois;Rue de l'Église 3;pw;tenant;24/11/2025;1.234,56;ja"],
                 header=header, encoding="cp1252")
    assert cli("import", str(path)).exit_code == 0
    [case] = as_json(cli("case", "list", "-f", "json"))
    assert case["tenant"] == "Chloé Dubois"
    assert as_json(cli("case", "show", case["case"], "-f", "json"))["arrears"] == 1234.56


def test_utf8_with_bom(cli, tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeff".encode() + (HEADER + GOOD[0] + "\n").encode())
    assert cli("import", str(path)).exit_code == 0


@pytest.mark.parametrize("content, text", [
    ("tenant,track\nX,pw\n", "missing column(s) source, intake_date, tenant_informed"),
    (HEADER.strip() + ",colour\n", "unknown column(s) colour"),
])
def test_bad_files(cli, tmp_path, content, text):
    path = tmp_path / "f.csv"
    path.write_text(content)
    assert_one_line_error(cli("import", str(path)), code=2, contains=text)


def test_missing_file(cli, tmp_path):
    assert_one_line_error(cli("import", str(tmp_path / "nope.csv")), code=2, contains="cannot read")


def test_export_holds_everything_about_the_household(cli, new_case):
    first = new_case("--national-number", "85073003328", "--note", "first note", "--date", "01/01/2026")
    cli("visit", first, "--note", "kitchen", "--date", "02/01/2026", "--no-input")
    cli("plan", first, "--arrears", "300", "--force", "--instalment", "100", "--start", "01/02/2026")
    cli("plan", "pay", first, "--amount", "100", "--date", "01/02/2026")
    cli("refer", first, "--to", "cgg", "--note", "referral note", "--date", "03/01/2026")
    cli("case", "close", first, "--outcome", "referred", "--date", "01/06/2026")
    second = new_case("--national-number", "85073003328")
    cli("hearing", "add", second, "--date", "tomorrow 09:00", "--court", "Vredegerecht Mechelen",
        "--proposal", "a proposal")
    exported = as_json(cli("case", "export", second))
    assert exported["household"]["national_number"] == "85073003328"
    assert [c["case"] for c in exported["cases"]] == [first, second]
    old, new = exported["cases"]
    assert old["note"] == "first note" and old["contacts"][0]["note"] == "kitchen"
    assert old["referrals"] == [{"date": "2026-01-03", "to": "cgg", "note": "referral note"}]
    assert old["payment_plans"][0]["payments"] == [{"date": "2026-02-01", "amount": 100.0}]
    assert new["hearings"][0]["proposal"] == "a proposal"
    assert any(h["action"] == "read" and h["detail"] == "case export" for h in
               as_json(cli("case", "history", second, "-f", "json")))
    assert_one_line_error(cli("case", "export", second, "--format", "csv"), code=2, contains="only json")


@pytest.mark.sqlite_only  # reads the demo's file
@pytest.mark.parametrize("today", ["2026-11-22", "2026-12-24"])  # tomorrow a Monday; tomorrow Christmas
def test_the_demo_sits_and_evicts_on_working_days_only(cli, tmp_path, today):
    import sqlite3
    from datetime import date

    from huurbeg.domain.fbu import is_working_day

    db = tmp_path / "demo.db"
    assert cli("--db", str(db), "demo", env={"HUURBEG_TODAY": today}).exit_code == 0
    with sqlite3.connect(db) as connection:
        days = [row[0][:10] for row in connection.execute("SELECT starts_at FROM hearing")]
        days += [row[0] for row in connection.execute("SELECT eviction_date FROM hearing WHERE eviction_date IS NOT NULL")]
    assert len(days) > 20
    assert [day for day in days if not is_working_day(date.fromisoformat(day))] == []


def test_demo_fills_every_view(cli, tmp_path):
    db = str(tmp_path / "demo.db")
    result = cli("--db", db, "demo")
    assert result.exit_code == 0, result.output
    cases = as_json(cli("--db", db, "case", "list", "--status", "all", "-f", "json"))
    assert len(cases) > 100
    assert {c["track"] for c in cases} == {"pw", "pre-ogp", "ogp", "dw", "crisis"}
    assert {c["status"] for c in cases} == {"open", "closed"}
    assert as_json(cli("--db", db, "hearing", "list", "--date", "tomorrow", "-f", "json"))
    assert any(not r["free"] for r in as_json(cli("--db", db, "transfer", "list", "-f", "json")))
    assert as_json(cli("--db", db, "deadlines", "-f", "json"))
    figures = {(r["figure"], r["breakdown"]): r["value"] for r in
               as_json(cli("--db", db, "stats", "--year", "2026", "-f", "json"))}
    for key in ("evictions_prevented", "households_referred", "transit_admissions", "hearings", "contacts",
                "fbu_agreements_signed", "fbu_advances_paid"):
        assert figures[(key, "")] > 0, key
    assert_one_line_error(cli("--db", db, "demo"), code=4, contains="only an empty database")


def test_a_spreadsheet_of_a_few_hundred_cases(cli, tmp_path):
    lines = [f"S-{n},Tenant {n},Street {n},,,{'pw' if n % 2 else 'ogp'},tenant,arrears,"
             f"{1 + n % 28:02d}/{1 + n % 10:02d}/2026,{n}5,yes,,," for n in range(300)]
    bad = {17, 101, 150, 222, 299}
    for n in bad:
        lines[n] = lines[n].replace(",yes,", ",maybe,")
    result = cli("import", str(write(tmp_path, lines)))
    assert result.exit_code == 2
    assert [f"row {n + 2}: tenant_informed" in result.stderr for n in sorted(bad)] == [True] * len(bad)
    assert cli("import", str(write(tmp_path, lines)), "--skip-bad").exit_code == 0
    assert len(as_json(cli("case", "list", "-f", "json"))) == 295


def test_a_known_landlord_is_recognised_as_the_store_matches_it(cli, tmp_path):
    cli("intake", "--track", "pw", "--tenant", "First", "--source", "tenant", "--landlord", "Woonpunt Mechelen",
        "--landlord-type", "shm", "--tenant-informed", "--no-input")
    header = "ref,tenant,landlord,track,source,intake_date,tenant_informed\n"
    path = write(tmp_path, ["L-1,Second,woonpunt-mechelen,pw,tenant,01/10/2026,yes"], header=header)
    result = cli("import", str(path))
    assert result.exit_code == 0, result.output
    landlords = {c["landlord"]["name"] for c in (as_json(cli("case", "show", n, "-f", "json"))
                                                 for n in ("2026-0001", "2026-0002"))}
    assert landlords == {"Woonpunt Mechelen"}


def test_a_ref_repeated_in_the_file_names_both_rows_and_nothing_is_imported(cli, tmp_path, db_path):
    cli("case", "list")
    before = snapshot(db_path)
    path = write(tmp_path, [GOOD[0], GOOD[1], GOOD[1].replace("R-2,Els Maes", "R-1,Ann Smet")])
    assert_one_line_error(cli("import", str(path)), code=2, contains="row 4: ref: repeats row 2")
    assert snapshot(db_path) == before
    result = cli("import", str(path), "--skip-bad")
    assert result.exit_code == 0 and "Imported 2 cases: 2026-0001, 2026-0002; 1 bad row left out." in result.stderr


def test_a_row_repeated_without_a_ref_is_an_error_too(cli, tmp_path, db_path):
    lines = [",".join(line.split(",")[1:]) for line in GOOD]
    cli("case", "list")
    before = snapshot(db_path)
    path = write(tmp_path, [lines[0], lines[1], lines[0]], header=HEADER.removeprefix("ref,"))
    assert_one_line_error(cli("import", str(path)), code=2,
                          contains="row 4: tenant/intake_date/address/track: the same as row 2; add a ref column")
    blank_refs = write(tmp_path, ["," + lines[0], "," + lines[0]], name="blank-refs.csv")
    assert_one_line_error(cli("import", str(blank_refs)), code=2,
                          contains="row 3: tenant/intake_date/address/track: the same as row 2; give each case its own")
    assert snapshot(db_path) == before


def test_a_reimport_counts_what_an_earlier_import_brought_and_names_the_new_cases(cli, tmp_path, new_case):
    new_case()
    cli("import", str(write(tmp_path, GOOD)))
    later = ["R-3,Ann Smet,Markt 2,,,pw,tenant,,05/10/2025,,yes,,,",
             "R-4,Bart Goris,Markt 3,,,pw,tenant,,06/10/2026,,yes,,,",
             "R-5,Cas Wouters,Markt 4,,,pw,tenant,,07/10/2026,,yes,,,",
             "R-6,Dirk Aerts,Markt 5,,,pw,tenant,,08/10/2026,,yes,,,"]
    result = cli("import", str(write(tmp_path, GOOD + later)))
    assert result.exit_code == 0, result.output
    assert "Imported 4 cases: 2025-0001, 2026-0004 … 2026-0006; 2 rows were imported before.\n" in result.stderr
    assert result.stdout == ""


COLUMN_HEADER = ["Ref", "Tenant", "Address", "Birth date", "National-number", "Adults", "Children", "Landlord",
                 "Landlord type", "Track", "Source", "Problems", "Intake date", "Arrears", "Tenant informed", "Status",
                 "Closed date", "Outcome", "Note"]
PLANTED = "Zyxwv Geheim"
"""A distinctive cell text that no error line may repeat."""
BAD_CELLS = [  # (the row's cells that differ from a good one, the column the error names, what it must say)
    ({"Track": PLANTED}, "Track", "use one of: pw, pre-ogp, ogp, dw, crisis"),
    ({"Source": PLANTED}, "Source", "use one of: tenant, landlord, ocmw"),
    ({"Landlord": "Nieuw", "Landlord type": PLANTED}, "Landlord type", "use one of: private, shm, svk, other"),
    ({"Landlord": PLANTED}, "Landlord type", "required for a new landlord; use one of: private, shm, svk, other"),
    ({"Problems": f"arrears {PLANTED}"}, "Problems", "use one of: arrears, hygiene"),
    ({"Status": PLANTED}, "Status", "use one of: open, closed"),
    ({"Status": "closed", "Closed date": "01/11/2026", "Outcome": PLANTED}, "Outcome",
     "use one of: eviction-prevented, referred"),
    ({"Status": "closed", "Closed date": "01/11/2026"}, "Outcome", "required for a closed case; use one of: "),
    ({"Status": "closed", "Closed date": PLANTED, "Outcome": "referred"}, "Closed date", "not a date"),
    ({"Status": "closed", "Closed date": "30/09/2026", "Outcome": "referred"}, "Closed date", "between"),
    ({"Intake date": PLANTED}, "Intake date", "not a date"),
    ({"Intake date": "31/12/2026"}, "Intake date", "cannot be in the future"),
    ({"Birth date": PLANTED}, "Birth date", "not a date"),
    ({"National-number": PLANTED}, "National-number", "not a national register number"),
    ({"National-number": "85073003327"}, "National-number", "check number does not match"),
    ({"National-number": "85073003328", "Birth date": "01/01/1990"}, "National-number",
     "holds another birth date than the birth_date given"),
    ({"Adults": PLANTED}, "Adults", "use a whole number"),
    ({"Adults": "0"}, "Adults", "use a number from 1"),
    ({"Children": PLANTED}, "Children", "use a whole number"),
    ({"Arrears": PLANTED}, "Arrears", "not an amount"),
    ({"Arrears": "-12"}, "Arrears", "must not be negative"),
    ({"Tenant informed": PLANTED}, "Tenant informed", "use yes or no"),
    ({"Tenant informed": "no"}, "Tenant informed", "the tenant must be informed"),
    ({"Tenant": ""}, "Tenant", "required"),
    ({"Ref": "G-1"}, "Ref", "repeats row 2"),
    ({"Note": f"{PLANTED}\",\"{PLANTED}"}, "Note", "has no header"),  # an unquoted comma shifts the rest
]


@pytest.mark.parametrize("cells, column, says", BAD_CELLS, ids=[f"{c}-{n}" for n, (_, c, _) in enumerate(BAD_CELLS)])
def test_a_bad_cell_is_named_by_row_and_column_and_never_repeated(cli, tmp_path, db_path, cells, column, says):
    good = {"Ref": "G-1", "Tenant": "Mia Janssens", "Address": "Markt 1", "Track": "pw", "Source": "tenant",
            "Intake date": "01/10/2026", "Tenant informed": "yes"}
    bad = good | {"Ref": "G-2", "Tenant": "Noor Peeters", "Address": "Markt 2"} | cells
    lines = [",".join(row.get(name, "") for name in COLUMN_HEADER) for row in (good, bad)]
    path = write(tmp_path, lines, header=",".join(COLUMN_HEADER) + "\n")
    cli("case", "list")
    before = snapshot(db_path)
    result = cli("import", str(path))
    assert_one_line_error(result, code=2, contains=f"caseload.csv row 3: {column}: ")
    assert says in result.stderr
    for text in cells.values():
        for part in text.replace('"', "").split(","):
            assert len(part) < 3 or part in says or part not in result.stderr, part
    assert snapshot(db_path) == before


def test_a_row_number_is_the_spreadsheet_s_even_after_an_empty_row(cli, tmp_path):
    path = write(tmp_path, ["", GOOD[0].replace(",yes,", ",maybe,")])
    assert_one_line_error(cli("import", str(path)), code=2, contains="row 3: tenant_informed: use yes or no")


def run_import(path, timeout=30):
    """huurbeg import in its own process, so that a hang fails the test instead of stopping the suite."""
    return subprocess.run([sys.executable, "-m", "huurbeg", "import", str(path)], capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_anything_but_a_file_is_refused_at_once(tmp_path, db_path, kind):
    path = tmp_path / kind
    if kind == "fifo":
        os.mkfifo(path)  # nobody ever writes to it: a blocking open would wait forever
    elif kind == "device":
        path = Path("/dev/zero")  # it never ends
    else:
        path.mkdir()
    before = snapshot(db_path)
    result = run_import(path)
    what = {"fifo": "is a named pipe, not a file", "device": "is a device, not a file",
            "folder": "is a folder, not a file"}[kind]
    assert result.returncode == 2 and result.stderr.splitlines() == [result.stderr.strip()], result.stderr
    assert what in result.stderr and result.stderr.startswith("huurbeg: error: FILE: ")
    assert snapshot(db_path) == before


def test_a_file_larger_than_any_caseload_is_refused_unread(cli, tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as sparse:  # holes: no disk is used, but reading it whole would take 300 MB of memory
        sparse.truncate(300 * 2**20)
    assert_one_line_error(cli("import", str(path)), code=2, contains="holds over 256 MB")


@pytest.mark.parametrize("name, content, says", [
    ("caseload.xlsx", b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 20 + PLANTED.encode(), "not a text file"),
    ("letter.txt", f"Dear {PLANTED},\nabout your rent\n".encode(), "missing column(s) tenant, track"),
    ("latin.csv", b"tenant,track,source,intake_date,tenant_informed\n" + PLANTED.encode() + b"\x81\x8d,pw", "byte 0x81"),
    ("empty.csv", b"", "the file is empty"),
    ("blank.csv", b"\n \n", "the file is empty"),
    ("twice.csv", (HEADER.strip() + ",Tenant\n").encode(), "column(s) Tenant given twice"),
])
def test_a_file_that_is_no_caseload_gives_one_line(cli, tmp_path, db_path, name, content, says):
    path = tmp_path / name
    path.write_bytes(content)
    cli("case", "list")
    before = snapshot(db_path)
    result = cli("import", str(path))
    assert_one_line_error(result, code=2, contains=says)
    assert PLANTED not in result.stderr
    assert snapshot(db_path) == before


@pytest.mark.parametrize("lang, said", [("en", "1 imported case is a second open case of its household: "
                                                "2026-0003 beside 2026-0001"),
                                        ("nl", "1 geïmporteerd dossier is een tweede lopend dossier van zijn gezin: "
                                               "2026-0003 naast 2026-0001")])
def test_an_imported_second_open_case_of_a_household_is_named(cli, tmp_path, lang, said):
    """The same household twice in a spreadsheet, written otherwise: both are imported, and the summary names the
    second open case beside the first, so the worker can withdraw it."""
    again = "R-3,jan peeters,Kerkstraat 1,Woonpunt,shm,pre-ogp,landlord,arrears,04/02/2026,100,yes,,,"
    result = cli("import", str(write(tmp_path, [*GOOD, again])), env={"HUURBEG_LANG": lang})
    assert result.exit_code == 0, result.output
    assert said in " ".join(result.stderr.split()), result.stderr
    assert "Jan" not in result.stderr and "jan" not in result.stderr  # case numbers only
    quiet = cli("import", str(write(tmp_path, GOOD, name="other.csv")), "--db", str(tmp_path / "other.db"))
    assert "second open case" not in quiet.stderr
