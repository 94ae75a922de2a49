"""The dossier's documents (bijlagen): what may be attached, read safely from disk, and kept.

A document is refused before anything is stored when it is not a regular file, is empty or over
the limit, has a name that would deceive a screen, or is not one of the accepted types. The type
is sniffed from the bytes, never from the name: a program renamed to .pdf stays a program. A file
is read in chunks, hashed and looked at as it is read, and read again in chunks into the
database once it passed; so even the largest is never held in memory whole, and a file changed
in between is refused by its checksum.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from huurbeg.domain.casework import check_open
from huurbeg.core.codes import AttachmentKind
from huurbeg.core.errors import InvalidInput, NotFound, RuleViolation
from huurbeg.core.i18n import N_, _
from huurbeg.core.text import shown

if TYPE_CHECKING:  # the store's types only
    from huurbeg.db.area import Storage


MAX_BYTES = 25 * 1000 * 1000
"""The largest document accepted (25 MB): a scanned judgment of thirty pages fits many times over."""
CHUNK = 1 << 20
HEAD = 4096
"""How much of the start of a file its type is read from."""

PDF, JPEG, PNG, TIFF, HEIC = "application/pdf", "image/jpeg", "image/png", "image/tiff", "image/heic"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
TEXT, EMAIL = "text/plain", "message/rfc822"
TYPE_NAMES = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG", TIFF: "TIFF", HEIC: "HEIC", DOCX: "DOCX", ODT: "ODT",
              TEXT: N_("plain text"), EMAIL: N_("e-mail (.eml)")}
"""The accepted types, as a person names them."""

_PROGRAMS = (b"\x7fELF", b"MZ", b"#!", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe",
             b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"\x00asm")
"""The first bytes of programs: Linux, Windows, macOS, scripts, WebAssembly."""
_HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
_BINARY = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
"""Bytes no text file holds (tab, line breaks and form feed excepted)."""
_HEADER = re.compile(rb"[!-9;-~]+:[ \t]")
_MAIL_HEADERS = (b"from:", b"to:", b"subject:", b"date:", b"received:", b"return-path:", b"message-id:",
                 b"mime-version:", b"delivered-to:")
_DECEIVING = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\udc80-\udcff]")
"""Control characters, invisible and direction-changing marks, and bytes that are not UTF-8."""


def accepted() -> str:
    return ", ".join(_(name) for name in TYPE_NAMES.values())


def type_name(media_type: str) -> str:
    """A stored type as a person reads it (PDF, plain text)."""
    return _(TYPE_NAMES[media_type]) if media_type in TYPE_NAMES else media_type


@dataclass
class Document:
    """A file on disk, read once and checked: what it is, and the checksum its bytes must still have when kept."""

    path: Path
    name: str
    media_type: str
    size: int
    sha256: str

    def pieces(self) -> Iterator[bytes]:
        """The bytes again, a chunk at a time, for the database; refused should the file have changed since."""
        digest, size = hashlib.sha256(), 0
        with _opened(self.path) as file:
            while piece := file.read(CHUNK):
                size += len(piece)
                if size > self.size:
                    break
                digest.update(piece)
                yield piece
        if size != self.size or digest.hexdigest() != self.sha256:
            raise InvalidInput(_("FILE: {path} is still being written; attach it once it is complete").format(
                path=shown_path(self.path)))


def shown_path(path) -> str:
    """A path as a message shows it; bytes that are not UTF-8 as U+FFFD, so any stream can write it."""
    return shown(os.fsencode(path).decode("utf-8", "replace"))


def check_name(path: Path) -> str:
    """The file's own name, kept literally; refused when it could deceive whoever reads it on a screen."""
    name = os.fsdecode(path.name)
    if not name.strip() or len(name) > 255 or _DECEIVING.search(name):
        raise InvalidInput(_("FILE: {path}: its name holds control, invisible or non-UTF-8 characters; rename the "
                             "file and attach it again").format(path=shown_path(path)))
    return name


def check_file(path: Path) -> int:
    """The size of a file that can be attached; checked without opening it (a pipe would block)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise NotFound(_("FILE: {path} does not exist").format(path=shown_path(path))) from None
    except OSError as exc:
        raise InvalidInput(_("FILE: cannot read {path}: {reason}").format(
            path=shown_path(path), reason=_(exc.strerror) if exc.strerror else exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise InvalidInput(_("FILE: {path} is a folder; name the files in it").format(path=shown_path(path)))
    if not stat.S_ISREG(info.st_mode):
        raise InvalidInput(_("FILE: {path} is not a regular file (a pipe, a device or a socket); save the document "
                             "as a file first").format(path=shown_path(path)))
    _check_size(path, info.st_size)
    return info.st_size


def _check_size(path: Path, size: int) -> None:
    if size == 0:
        raise InvalidInput(_("FILE: {path} is empty; accepted: {types}").format(path=shown_path(path),
                                                                                types=accepted()))
    if size > MAX_BYTES:
        raise InvalidInput(_("FILE: {path} is {size} MB, over the limit of {limit} MB a document may have; scan it "
                             "at a lower resolution or in parts").format(
            path=shown_path(path), size=f"{size / 1e6:.1f}", limit=MAX_BYTES // 1000 // 1000))


def _opened(path: Path):
    """A file opened for reading that is sure to be a regular file; a pipe it became since it was checked
    is not waited on (O_NONBLOCK)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InvalidInput(_("FILE: cannot read {path}: {reason}").format(
            path=shown_path(path), reason=_(exc.strerror) if exc.strerror else exc)) from None
    file = os.fdopen(descriptor, "rb")
    if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
        file.close()
        raise InvalidInput(_("FILE: {path} is not a regular file (a pipe, a device or a socket); save the "
                             "document as a file first").format(path=shown_path(path)))
    return file


def read(path: Path) -> Document:
    """Read and check one file in chunks: hashed, looked at for its type, never held in memory whole."""
    name = check_name(path)
    check_file(path)
    digest, head, size, binary = hashlib.sha256(), b"", 0, False
    with _opened(path) as file:
        announced = os.fstat(file.fileno()).st_size
        try:
            while piece := file.read(CHUNK):
                size += len(piece)
                _check_size(path, size)
                digest.update(piece)
                head = head or piece[:HEAD]
                binary = binary or bool(_BINARY.search(piece))
        except OSError as exc:
            raise InvalidInput(_("FILE: cannot read {path}: {reason}").format(
                path=shown_path(path), reason=_(exc.strerror) if exc.strerror else exc)) from None
        if size != announced:
            raise InvalidInput(_("FILE: {path} is still being written; attach it once it is complete").format(
                path=shown_path(path)))
        _check_size(path, size)
        media_type = sniff(path, head, binary, file)
    return Document(path, name, media_type, size, digest.hexdigest())


def sniff(path: Path, head: bytes, binary: bool, file) -> str:
    """The type of a document from its first bytes (for a zip, from what it holds: `file` is read again),
    and whether any byte no text holds was seen; refused when the type is not accepted."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    if head[4:8] == b"ftyp" and head[8:12] in _HEIC_BRANDS:
        return HEIC
    if head.startswith(b"PK\x03\x04"):
        if found := _office(file):
            return found
    elif head.startswith(_PROGRAMS):
        raise InvalidInput(_("FILE: {path} is a program, not a document; accepted: {types}").format(
            path=shown_path(path), types=accepted()))
    elif not binary:
        return EMAIL if _looks_like_mail(head) else TEXT
    raise InvalidInput(_("FILE: {path} is not a type a dossier keeps; accepted: {types}").format(
        path=shown_path(path), types=accepted()))


def _office(file) -> str | None:
    """DOCX or ODT: a zip with a Word document in it, or an ODF text's mimetype first; None for any other zip."""
    import zipfile  # here: a dossier shown on screen needs the names of the types, not the zip reader

    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT.encode():
                return ODT
            if "word/document.xml" in names and "[Content_Types].xml" in names \
                    and "word/vbaProject.bin" not in names:  # a document with macros is a program
                return DOCX
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError, ValueError, EOFError, NotImplementedError):
        return None
    return None


def _looks_like_mail(head: bytes) -> bool:
    """An e-mail saved as a file (.eml): it opens with header lines, at least two of them known ones."""
    lines = head.lstrip(b"\xef\xbb\xbf").splitlines()
    known = 0
    for line in lines[:30]:
        if not line.strip():
            break
        if line[:1] in b" \t":
            continue  # a header continued
        if not _HEADER.match(line):
            return False
        known += line.lower().startswith(_MAIL_HEADERS)
    return known >= 2


# --- the dossier ------------------------------------------------------------------------------------------------

def attach(store: Storage, number: str, paths: list[Path], kind: AttachmentKind, when: date,
           note: str | None) -> list[dict]:
    """Keep these files in the dossier of an open case, all or none; what was kept, one dict per file."""
    case = store.cases.case(number)
    check_open(case.status, number)
    for path in paths:  # every name and size first: a refusal comes before any file is read
        check_name(path)
        check_file(path)
    note = (note or "").strip() or None
    kept, seen = [], {}  # type: list[dict], dict[str, int]
    for path in paths:
        document = read(path)
        same = seen.get(document.sha256) or store.attachments.with_checksum(case, document.sha256)
        if same:
            raise RuleViolation(_("FILE: {path} is already in the dossier as document {id}; nothing was attached")
                                .format(path=shown_path(path), id=same))
        new = store.attachments.add(case, kind, when, document.name, document.media_type, document.size,
                                   document.sha256, note, document.pieces())
        seen[document.sha256] = new
        kept.append({"id": new, "path": document.path, "name": document.name, "type": document.media_type,
                     "size": document.size, "sha256": document.sha256})
    return kept


def stored_matches(store: Storage, kept: list[dict]) -> list[dict]:
    """The documents whose stored bytes (read back from the database) have the checksum of the file."""
    return [each for each in kept if store.attachments.checksum(each["id"]) == each["sha256"]]


def listing(store: Storage, number: str) -> list[dict]:
    """The documents of a case as `case files` and `case show` list them: never their bytes."""
    case = store.cases.case(number)
    return rows(store.attachments.of(case), number)


def rows(found, number: str) -> list[dict]:
    return [{"case": number, "id": a.id, "kind": a.kind, "date": a.date, "name": a.name, "type": a.media_type,
             "size": a.size_bytes, "sha256": a.sha256, "note": a.note, "added": a.created_at} for a in found]


def document(store: Storage, number: str, attachment_id: int):
    """One document of a case, open or closed; refused for an unknown, withdrawn or another case's id."""
    case = store.cases.case(number)
    found = store.attachments.one(case, attachment_id)
    if found is None:
        raise NotFound(_("ID: case {number} has no document {id}; 'huurbeg case files {number}' lists them")
                       .format(number=number, id=attachment_id))
    return case, found


def content(store: Storage, number: str, found) -> bytes:
    """The bytes of a document found with `document`; refused once a purge erased them."""
    data = store.attachments.content(found.id)
    if data is None:
        raise NotFound(_("ID: document {id} of case {number} was erased with the case's personal data (purge)")
                       .format(id=found.id, number=number))
    return data


def size_shown(size: int) -> str:
    """A size as a person reads it: 830 B, 12 kB, 3.4 MB."""
    if size < 1000:
        return f"{size} B"
    if size < 1000 * 1000:
        return f"{size / 1000:.0f} kB"
    return f"{size / 1e6:.1f} MB"
