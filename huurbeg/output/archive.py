"""The access export as one zip archive: the JSON of everything stored, and every document beside it."""

import json
import zipfile
from collections.abc import Callable
from io import BytesIO

from huurbeg.domain.attachments import EMAIL, TEXT
from huurbeg.output.render import json_value

JSON_NAME = "export.json"
_PACKED = {TEXT, EMAIL}
"""Types worth compressing; the others (PDF, images, office files) are compressed already."""


def entry_name(number: str, document: dict) -> str:
    """Where a document goes in the archive: its case, its number, its own name (no folder can be named in it)."""
    name = (document.get("name") or "").replace("/", "_").replace("\\", "_")
    return f"documents/{number}/{document['id']}-{name or 'document'}"


def access_archive(data: dict, content: Callable[[int], bytes | None]) -> bytes:
    """The archive of an access export: `data` as JSON (each document naming its file in the archive),
    and each document's bytes, fetched one at a time so that only one is held beside the archive."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for case in data["cases"]:
            for document in case.get("documents", []):
                stored = content(document["id"])
                if stored is None:  # erased by a purge: its metadata say so, there is no file
                    continue
                document["file"] = entry_name(case["case"], document)
                archive.writestr(document["file"], stored,
                                 zipfile.ZIP_DEFLATED if document["type"] in _PACKED else zipfile.ZIP_STORED)
                del stored  # one document at a time beside the archive
        archive.writestr(JSON_NAME, json.dumps(json_value(data), ensure_ascii=False, indent=2) + "\n",
                         zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
