"""The dossier's documents (attachments), read and written as plain SQL (see huurbeg.db.sql).

A document's metadata are in `attachment`, its bytes in `attachment_content`: every list reads
the first table only, so a dossier with a hundred scans is listed as fast as one without."""

import hashlib
import sqlite3
from collections.abc import Iterable
from datetime import date
from typing import Any

from huurbeg.db.area import Area
from huurbeg.db.sql import Connection, Record, in_list
from huurbeg.core.errors import DatabaseProblem

CHUNK = 1 << 20

METADATA = ("attachment.id, attachment.case_id, attachment.kind, attachment.date, attachment.name, "
            "attachment.media_type, attachment.size_bytes, attachment.sha256, attachment.note, "
            "attachment.created_at, attachment.removed_at")


def erase(db: Connection, case_ids: list[int]) -> None:
    """A purge: the bytes, the name, the note and the checksum go; kind, date, type and size stay (counts)."""
    if not case_ids:
        return
    members, params = in_list("case", case_ids)
    db.execute(f"DELETE FROM attachment_content WHERE attachment_id IN "
               f"(SELECT id FROM attachment WHERE case_id IN ({members}))", **params)
    db.execute(f"UPDATE attachment SET name = NULL, note = NULL, sha256 = NULL WHERE case_id IN ({members})",
               **params)


class Attachments(Area):
    """The documents of a case: their metadata in `attachment`, their bytes in `attachment_content`."""

    KINDS = {"attachment": "attachment"}

    def record_of(self, kind: str, case: Any, record_id: int) -> Record | None:
        """One document of this case, not withdrawn; None for another case's or an unknown id."""
        return self.sql.one(f"SELECT {METADATA} FROM attachment WHERE id = :id AND case_id = :case "
                            "AND removed_at IS NULL", id=record_id, case=case.id)

    def of(self, case: Any) -> list[Record]:
        """The documents of a case that were not withdrawn, oldest first; never their bytes."""
        return self.sql.rows(f"SELECT {METADATA} FROM attachment WHERE case_id = :id AND removed_at IS NULL "
                             "ORDER BY date, id", id=case.id)

    def one(self, case: Any, attachment_id: int) -> Record | None:
        return self.record_of("attachment", case, attachment_id)

    def with_checksum(self, case: Any, sha256: str) -> int | None:
        """The id of a document of this case with these very bytes, if there is one."""
        return self.sql.value("SELECT id FROM attachment WHERE case_id = :case AND sha256 = :sha "
                              "AND removed_at IS NULL ORDER BY id LIMIT 1", case=case.id, sha=sha256)

    def content(self, attachment_id: int) -> bytes | None:
        """A document's bytes; None once a purge erased them."""
        found = self.sql.value("SELECT content FROM attachment_content WHERE attachment_id = :id", id=attachment_id)
        return bytes(found) if found is not None else None

    def checksum(self, attachment_id: int) -> str | None:
        """The SHA-256 of a document's stored bytes, read back in pieces on SQLite; None once a purge erased
        them."""
        db = self.sql
        if db.sqlite is None:
            found = self.content(attachment_id)
            return hashlib.sha256(found).hexdigest() if found is not None else None
        digest = hashlib.sha256()
        try:
            with db.sqlite.blobopen("attachment_content", "content", attachment_id, readonly=True) as blob:
                while piece := blob.read(CHUNK):
                    digest.update(piece)
        except sqlite3.OperationalError:  # no such row
            return None
        return digest.hexdigest()

    def add(self, case: Any, kind: str, when: date, name: str, media_type: str, size: int, sha256: str,
            note: str | None, pieces: Iterable[bytes]) -> int:
        """Keep a document with its bytes, given in pieces; its id. On SQLite the pieces go straight into the
        stored blob (incremental blob I/O), so a large file is never held in memory whole. The history says
        what was kept, never its name or note."""
        if self.core.damaged:
            from huurbeg.db.health import damaged

            raise DatabaseProblem(damaged(self.core.damaged))
        new = self._add("attachment", case_id=case.id, kind=kind, date=when, name=name, media_type=media_type,
                        size_bytes=size, sha256=sha256, note=note, created_at=self.core.now())
        db = self.sql
        if db.sqlite is None:
            data = bytearray()
            for piece in pieces:
                data += piece
            db.execute("INSERT INTO attachment_content (attachment_id, content) VALUES (:id, :content)",
                       id=new, content=data)
        else:
            db.execute("INSERT INTO attachment_content (attachment_id, content) VALUES (:id, zeroblob(:size))",
                       id=new, size=size)
            with db.sqlite.blobopen("attachment_content", "content", new) as blob:  # attachment_id is the rowid
                for piece in pieces:
                    blob.write(piece)
        self._touch(case)
        self.core.record(case, "attach", f"document {new} attached: {kind}, {size} bytes, dated {when.isoformat()}")
        return new
