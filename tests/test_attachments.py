"""The dossier's documents: attach, list, get out, withdraw; refused files; purge, export, copy, privacy."""

import hashlib
import io
import json
import os
import stat
import zipfile

import pytest

from conftest import INTAKE, assert_one_line_error, query, snapshot
from huurbeg.domain.attachments import MAX_BYTES


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def _zip(entries: dict[str, bytes], first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if first:
            archive.writestr(first, entries.pop(first), zipfile.ZIP_STORED)
        for name, data in entries.items():
            archive.writestr(name, data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "_rels/.rels": b"<Relationships/>",
             "word/document.xml": b"<w:document>Vonnis</w:document>"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office:document/>"},
           first="mimetype")
GOOD = [  # (file name, content, the type sniffed from it)
    ("verzoekschrift.pdf", b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n", "application/pdf"),
    ("scan.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)), "image/jpeg"),
    ("foto.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "image/png"),
    ("scan-intel.tif", b"II*\x00\x08\x00\x00\x00" + bytes(64), "image/tiff"),
    ("scan-motorola.tiff", b"MM\x00*\x00\x00\x00\x08" + bytes(64), "image/tiff"),
    ("IMG_0042.HEIC", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(64), "image/heic"),
    ("overeenkomst.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("brief.odt", ODT, "application/vnd.oasis.opendocument.text"),
    ("notitie.txt", "Afspraak met de verhuurder: één maand uitstel.\n".encode(), "text/plain"),
    ("windows.txt", "Huurachterstal geregeld, café\r\n".encode("cp1252"), "text/plain"),
    ("mail.eml", b"Return-Path: <griffie@just.fgov.be>\nFrom: Griffie <griffie@just.fgov.be>\n"
                 b"Subject: Oproeping\nDate: Mon, 16 Nov 2026 09:00:00 +0100\n\nGoedemorgen,\n", "message/rfc822"),
    ("no-extension", b"%PDF-1.4\n%%EOF\n", "application/pdf"),  # the type comes from the content
    ("[bold]red[bold] =1+1.pdf", b"%PDF-1.4\nmarkup in a name is data\n", "application/pdf"),
]


@pytest.fixture
def case(new_case):
    return new_case()


def write(folder, name, content: bytes):
    path = folder / name
    path.write_bytes(content)
    return path


@pytest.mark.parametrize("name,content,media_type", GOOD, ids=[g[0] for g in GOOD])
def test_a_good_file_is_kept_and_comes_out_byte_for_byte(cli, case, tmp_path, name, content, media_type):
    source = write(tmp_path, name, content)
    attached = ok(cli("case", "attach", case, str(source), "--kind", "judgment", "--date", "16/11/2026"))
    assert f"{case}: document 1 attached" in attached.stderr
    [listed] = as_json(cli("case", "files", case, "-f", "json"))
    assert listed | {"added": None} == {
        "case": case, "id": 1, "kind": "judgment", "date": "2026-11-16", "name": name, "type": media_type,
        "size": len(content), "sha256": hashlib.sha256(content).hexdigest(), "note": None, "added": None}
    out = tmp_path / "out" / "copy"
    out.parent.mkdir()
    ok(cli("case", "file", case, "1", "--output", str(out)))
    assert out.read_bytes() == content
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert source.exists()  # kept without --move


def test_case_show_lists_the_documents_and_the_history_their_attach_read_and_removal(cli, case, tmp_path):
    first, second = write(tmp_path, "a.pdf", b"%PDF-1.4 a"), write(tmp_path, "b.pdf", b"%PDF-1.4 bb")
    ok(cli("case", "attach", case, str(first), str(second), "--kind", "vonnis", "--note", "kopie griffie"))
    shown = ok(cli("case", "show", case)).stdout
    assert "Documents" in shown and "a.pdf" in shown and "b.pdf" in shown and "judgment" in shown
    data = as_json(cli("case", "show", case, "-f", "json"))
    assert data["documents"] == [
        {"id": 1, "kind": "judgment", "date": "2026-11-22", "name": "a.pdf", "type": "application/pdf", "size": 10},
        {"id": 2, "kind": "judgment", "date": "2026-11-22", "name": "b.pdf", "type": "application/pdf", "size": 11}]
    ok(cli("case", "file", case, "2", "--output", str(tmp_path / "out.pdf")))
    ok(cli("case", "file-remove", case, "1", "--reason", "wrong household"))
    assert [d["id"] for d in as_json(cli("case", "show", case, "-f", "json"))["documents"]] == [2]
    assert [d["id"] for d in as_json(cli("case", "files", case, "-f", "json"))] == [2]
    assert_one_line_error(cli("case", "file", case, "1", "--output", str(tmp_path / "gone.pdf")), code=3,
                          contains="has no document 1")
    lines = [(h["action"], h["detail"]) for h in as_json(cli("case", "history", case, "-f", "json"))]
    assert ("attach", "document 1 attached: judgment, 10 bytes, dated 2026-11-22") in lines
    assert ("read", "document 2 written to a file") in lines
    assert ("remove", "document 1 (judgment, 2026-11-22) removed; reason: wrong household") in lines
    assert not any("a.pdf" in (detail or "") or "kopie" in (detail or "") for _, detail in lines)
    dutch = cli("case", "show", case, env={"HUURBEG_LANG": "nl", "COLUMNS": "200"}).stdout
    assert "Documenten" in dutch and "vonnis" in dutch
    assert "document 1 (vonnis, 22/11/2026) ingetrokken; reden: wrong household" in dutch


def test_listing_a_dossier_never_reads_the_bytes(cli, case, tmp_path, monkeypatch):
    from huurbeg.db import sql

    ok(cli("case", "attach", case, str(write(tmp_path, "a.pdf", b"%PDF-1.4 " + b"x" * 5000))))
    statements = []
    run = sql.Connection._run
    monkeypatch.setattr(sql.Connection, "_run", lambda self, statement, params, fetch=True: (
        statements.append(statement), run(self, statement, params, fetch))[1])
    ok(cli("case", "show", case))
    ok(cli("case", "show", case, "-f", "json"))
    ok(cli("case", "files", case))
    assert any("FROM attachment " in s for s in statements)  # the listing does come through here
    assert not any("attachment_content" in s for s in statements)
    ok(cli("case", "file", case, "1", "--output", str(tmp_path / "out.pdf")))
    assert any("attachment_content" in s for s in statements)


def test_dutch_kinds_are_accepted_and_a_wrong_kind_lists_the_kinds(cli, case, tmp_path, db_path):
    source = write(tmp_path, "a.pdf", b"%PDF-1.4 a")
    before = snapshot(db_path)
    assert_one_line_error(cli("case", "attach", case, str(source), "--kind", "payslip"), code=2,
                          contains="petition, summons, judgment, agreement, letter, income, identity, other")
    assert snapshot(db_path) == before
    ok(cli("case", "attach", case, str(source), "--kind", "dagvaarding"))
    assert as_json(cli("case", "files", case, "-f", "json"))[0]["kind"] == "summons"


ACCEPTED = "accepted: PDF, JPEG, PNG, TIFF, HEIC, DOCX, ODT, plain text, e-mail (.eml)"
BAD = [  # (file name, content, exit code, what the one line says)
    ("empty.pdf", b"", 2, "is empty; " + ACCEPTED),
    ("program.pdf", b"\x7fELF\x02\x01\x01" + bytes(64), 2, "is a program, not a document; " + ACCEPTED),
    ("setup.exe", b"MZ\x90\x00" + bytes(64), 2, "is a program"),
    ("run.txt", b"#!/bin/sh\nrm -rf ~\n", 2, "is a program"),
    ("archive.docx", _zip({"a.txt": b"not a document"}), 2, "is not a type a dossier keeps; " + ACCEPTED),
    ("macros.docx", _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>",
                          "word/vbaProject.bin": b"\x00macro"}), 2, "is not a type a dossier keeps"),
    ("random.pdf", bytes(range(256)) * 4, 2, "is not a type a dossier keeps; " + ACCEPTED),
    ("photo.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", 2, "is not a type a dossier keeps"),
    ("line\nbreak.pdf", b"%PDF-1.4", 2, "its name holds control, invisible or non-UTF-8 characters"),
    ("escape\x1b[2J.pdf", b"%PDF-1.4", 2, "its name holds control"),
    ("invoice\u202efdp.exe", b"%PDF-1.4", 2, "its name holds control"),
    ("zero\u200bwidth.pdf", b"%PDF-1.4", 2, "its name holds control"),
]


@pytest.mark.parametrize("name,content,code,says", BAD, ids=[repr(b[0]) for b in BAD])
def test_a_bad_file_is_refused_in_one_line_and_nothing_is_stored(cli, case, tmp_path, db_path, name, content, code,
                                                                 says):
    good, bad = write(tmp_path, "good.pdf", b"%PDF-1.4 good"), write(tmp_path, name, content)
    before = snapshot(db_path)
    result = cli("case", "attach", case, str(good), str(bad), "--move")
    assert_one_line_error(result, code=code, contains=says)
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert snapshot(db_path) == before
    assert good.exists() and bad.exists()  # --move deletes nothing when nothing was kept


def test_paths_that_are_no_document_are_refused_without_blocking(cli, case, tmp_path, db_path):
    fifo = tmp_path / "scanner-pipe"
    os.mkfifo(fifo)  # opening it would wait for a writer: it must never be opened
    unreadable = write(tmp_path, "locked.pdf", b"%PDF-1.4")
    unreadable.chmod(0)
    large = tmp_path / "huge.pdf"
    with open(large, "wb") as file:
        file.write(b"%PDF-1.4")
        file.truncate(MAX_BYTES + 1)
    strange = os.fsdecode(os.path.join(os.fsencode(tmp_path), b"latin-\xe9.pdf"))
    with open(os.fsencode(strange), "wb") as file:
        file.write(b"%PDF-1.4")
    before = snapshot(db_path)
    cases = [(str(fifo), 2, "is not a regular file (a pipe, a device or a socket)"),
             (str(tmp_path), 2, "is a folder; name the files in it"),
             (str(tmp_path / "missing.pdf"), 3, "does not exist"),
             (str(large), 2, "is 25.0 MB, over the limit of 25 MB a document may have"),
             (strange, 2, "its name holds control, invisible or non-UTF-8 characters")]
    if os.geteuid() != 0:  # root reads any file
        cases.append((str(unreadable), 2, "cannot read"))
    for path, code, says in cases:
        assert_one_line_error(cli("case", "attach", case, path), code=code, contains=says)
    assert snapshot(db_path) == before


def test_the_limit_itself_is_accepted(cli, case, tmp_path):
    largest = tmp_path / "largest.pdf"
    with open(largest, "wb") as file:
        file.write(b"%PDF-1.4")
        file.truncate(MAX_BYTES)
    ok(cli("case", "attach", case, str(largest)))
    assert as_json(cli("case", "files", case, "-f", "json"))[0]["size"] == MAX_BYTES == 25_000_000


def test_the_same_document_twice_is_refused(cli, case, tmp_path, db_path):
    first = write(tmp_path, "a.pdf", b"%PDF-1.4 same")
    ok(cli("case", "attach", case, str(first)))
    before = snapshot(db_path)
    again = write(tmp_path, "copy of a.pdf", b"%PDF-1.4 same")
    assert_one_line_error(cli("case", "attach", case, str(again)), code=4, contains="already in the dossier as "
                                                                                    "document 1")
    assert snapshot(db_path) == before


def test_unknown_ids_another_cases_ids_and_a_closed_case(cli, case, new_case, tmp_path, db_path):
    other = new_case("--tenant", "Els Janssens", "--address", "Markt 2")
    ok(cli("case", "attach", other, str(write(tmp_path, "other.pdf", b"%PDF-1.4 other"))))
    ok(cli("case", "attach", case, str(write(tmp_path, "mine.pdf", b"%PDF-1.4 mine"))))
    out = tmp_path / "out.pdf"
    before = snapshot(db_path)
    for number, wanted in ((case, "1"), (case, "9"), ("2026-0099", "2")):
        assert_one_line_error(cli("case", "file", number, wanted, "--output", str(out)), code=3)
        assert_one_line_error(cli("case", "file-remove", number, wanted, "--reason", "x"), code=3)
    assert_one_line_error(cli("case", "file-remove", case, "2", "--reason", " "), code=2, contains="--reason")
    assert not out.exists()
    assert snapshot(db_path) == before
    ok(cli("case", "close", case, "--outcome", "eviction-prevented"))
    closed = snapshot(db_path)
    assert_one_line_error(cli("case", "attach", case, str(write(tmp_path, "late.pdf", b"%PDF-1.4 late"))),
                          code=4, contains=f"case {case} is closed")
    assert_one_line_error(cli("case", "file-remove", case, "2", "--reason", "x"), code=4, contains="is closed")
    assert snapshot(db_path) == closed
    ok(cli("case", "file", case, "2", "--output", str(out)))  # reading out stays allowed
    assert out.read_bytes() == b"%PDF-1.4 mine"


def test_move_deletes_the_file_once_its_stored_copy_matched(cli, case, tmp_path):
    scans = [write(tmp_path, f"scan-{n}.jpg", b"\xff\xd8\xff\xe0" + os.urandom(2000)) for n in range(3)]
    contents = [scan.read_bytes() for scan in scans]
    result = ok(cli("case", "attach", case, *map(str, scans), "--kind", "income", "--move"))
    assert "3 files deleted: their copies in the database matched." in result.stderr
    assert not any(scan.exists() for scan in scans)
    for n, content in enumerate(contents, start=1):
        out = tmp_path / f"out-{n}"
        ok(cli("case", "file", case, str(n), "--output", str(out)))
        assert out.read_bytes() == content


def test_the_access_export_is_a_zip_of_the_json_and_every_document(cli, case, tmp_path):
    files = {name: content for name, content, _type in GOOD[:3] + GOOD[8:9]}
    ok(cli("case", "attach", case, *(str(write(tmp_path, name, content)) for name, content in files.items())))
    ok(cli("case", "file-remove", case, "2", "--reason", "attached by mistake"))
    archive_path = tmp_path / "inzage.zip"
    ok(cli("case", "export", case, "--output", str(archive_path)))
    assert stat.S_IMODE(archive_path.stat().st_mode) == 0o600
    with zipfile.ZipFile(archive_path) as archive:
        data = json.loads(archive.read("export.json"))
        [record] = data["cases"]
        kept = {d["name"]: d for d in record["documents"]}
        assert set(kept) == set(files) - {"scan.jpg"}
        for name, document in kept.items():
            assert archive.read(document["file"]) == files[name]
            assert document["sha256"] == hashlib.sha256(files[name]).hexdigest()
        assert sorted(archive.namelist()) == sorted(["export.json"] + [d["file"] for d in kept.values()])
    plain = as_json(cli("case", "export", case))  # the JSON export lists the documents' metadata
    assert [d["name"] for d in plain["cases"][0]["documents"]] == [d["name"] for d in record["documents"]]
    reads = [h["detail"] for h in as_json(cli("case", "history", case, "-f", "json")) if h["action"] == "read"]
    assert reads.count("case export") == 2


def test_copy_to_the_team_database_brings_the_documents_byte_for_byte(cli, tmp_path):
    """A solo worker's file copied into the database of the test pass (a file, or the PostgreSQL server)."""
    solo = str(tmp_path / "solo.db")
    number = ok(cli("--db", solo, *INTAKE)).stdout.strip()
    content = b"%PDF-1.4\n" + os.urandom(300_000)
    ok(cli("--db", solo, "case", "attach", number, str(write(tmp_path, "vonnis.pdf", content)), "--kind", "judgment",
           "--note", "getekend"))
    ok(cli("--db", solo, "case", "attach", number, str(write(tmp_path, "fout.pdf", b"%PDF-1.4 fout"))))
    ok(cli("--db", solo, "case", "file-remove", number, "2", "--reason", "wrong household"))
    ok(cli("--db", solo, "copy", "--to", os.environ["HUURBEG_DB"]))
    [listed] = as_json(cli("case", "files", number, "-f", "json"))
    assert (listed["name"], listed["kind"], listed["note"], listed["size"], listed["sha256"]) == (
        "vonnis.pdf", "judgment", "getekend", len(content), hashlib.sha256(content).hexdigest())
    out = tmp_path / "from-team.pdf"
    ok(cli("case", "file", number, str(listed["id"]), "--output", str(out)))
    assert out.read_bytes() == content


MARKER = "PLANTDOC"


def test_nothing_meant_for_others_names_a_document(cli, case, tmp_path):
    ok(cli("hearing", "add", case, "--date", "+3d 09:30", "--court", "Vredegerecht Mechelen"))
    ok(cli("case", "attach", case, str(write(tmp_path, f"{MARKER}-loonfiche.pdf", b"%PDF-1.4 " + MARKER.encode())),
           "--kind", "income", "--note", f"{MARKER} note"))
    outputs = [cli("case", "report", case, "--for", "landlord", "-f", fmt) for fmt in ("text", "json")]
    outputs += [cli("stats", "--year", "2026", "-f", fmt) for fmt in ("csv", "json", "table")]
    outputs += [cli("hearing", "list", "-f", "ics"), cli("hearing", "list", "--within", "7", "-f", "json"),
                cli("hearing", "brief", case), cli("digest"), cli("deadlines", "-f", "json"), cli()]
    for result in outputs:
        assert result.exit_code == 0, result.output
        assert MARKER not in result.output and "loonfiche" not in result.output
        assert "income" not in json.dumps(result.output)
    assert MARKER in cli("case", "show", case).stdout  # the dossier itself does show it


def test_a_purge_erases_the_documents_with_their_case(cli, new_case, tmp_path):
    case = new_case("--date", "01/11/2026")
    open_case = new_case("--tenant", "Els Janssens", "--address", "Markt 2")
    content = b"%PDF-1.4 " + MARKER.encode() + b"-CONTENT"
    ok(cli("case", "attach", case, str(write(tmp_path, f"{MARKER}-name.pdf", content)), "--note", f"{MARKER}-note"))
    ok(cli("case", "attach", open_case, str(write(tmp_path, "kept.pdf", b"%PDF-1.4 kept"))))
    ok(cli("case", "close", case, "--outcome", "eviction-prevented", "--date", "20/11/2026"))
    ok(cli("purge", "--closed-before", "21/11/2026", "--yes"))
    assert query(None, "SELECT kind, name, note, sha256, size_bytes FROM attachment ORDER BY id") == [
        ("other", None, None, None, len(content)), ("other", "kept.pdf", None, hashlib.sha256(b"%PDF-1.4 kept")
                                                    .hexdigest(), 13)]
    assert query(None, "SELECT attachment_id FROM attachment_content") == [(2,)]
    assert as_json(cli("case", "show", case, "-f", "json"))["documents"][0]["name"] is None
    assert_one_line_error(cli("case", "file", case, "1", "--output", str(tmp_path / "x.pdf")))


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_a_killed_attach_leaves_no_partial_document(cli, case, tmp_path, db_path):
    import random
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    rng = random.Random(7)
    outcomes = set()
    for attempt in range(8):
        data = b"%PDF-1.4\n" + os.urandom(MAX_BYTES - 9)
        scan = write(tmp_path, f"scan-{attempt}.pdf", data)
        process = subprocess.Popen([sys.executable, "-m", "huurbeg", "case", "attach", case, str(scan), "--move"],
                                   env=dict(os.environ, HUURBEG_DB=str(db_path)),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 1.5))
        process.send_signal(signal.SIGKILL)
        outcomes.add("done" if process.wait() == 0 else "killed")
        with sqlite3.connect(db_path) as connection:  # every document is whole, with the bytes its checksum says
            stored = connection.execute("SELECT a.id, a.sha256, a.size_bytes, c.content FROM attachment a "
                                        "LEFT JOIN attachment_content c ON c.attachment_id = a.id").fetchall()
        for _id, checksum, size, content in stored:
            assert content is not None and len(content) == size and hashlib.sha256(content).hexdigest() == checksum
        if not scan.exists():  # --move deleted it: only once its copy was kept
            assert hashlib.sha256(data).hexdigest() in {row[1] for row in stored}
    assert "killed" in outcomes  # the random moments did interrupt attaches
    assert ok(cli("doctor")).exit_code == 0


@pytest.mark.sqlite_only
def test_a_backup_holds_the_documents(cli, case, tmp_path):
    content = b"\x89PNG\r\n\x1a\n" + os.urandom(50_000)
    ok(cli("case", "attach", case, str(write(tmp_path, "foto.png", content))))
    backup = tmp_path / "backup.db"
    ok(cli("backup", str(backup)))
    out = tmp_path / "restored.png"
    ok(cli("--db", str(backup), "case", "file", case, "1", "--output", str(out)))
    assert out.read_bytes() == content
