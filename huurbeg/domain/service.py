"""The service's identity on its documents, and each worker's own details: the values and their checks.

A document sent out (a letter to a landlord, the FBU agreement, the annual report) carries the
service's letterhead — name, organisation, address, phone, e-mail, logo — its place and date,
and a signature: the signatory's and the worker's who wrote it. They are stored once for the
whole team (huurbeg.db.service); this module says what each is, checks what is typed, and
names what a document still lacks. No I/O.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields

from huurbeg.core import text
from huurbeg.core.i18n import N_, _

IDENTITY_FIELDS = {
    "name": N_("the service's name (Dienst huurbegeleiding)"),
    "organisation": N_("the organisation (Sociaal Huis Mechelen)"),
    "address": N_("the service's address"),
    "phone": N_("the service's phone number"),
    "email": N_("the service's e-mail address"),
    "signatory": N_("who signs for the service"),
    "place": N_("the place documents are signed in"),
    "logo": N_("the logo (a PNG or SVG file)"),
}
"""The details of the service a document may need, by the flag of `service set` that gives them."""

WORKER_FIELDS = {
    "name": N_("your name as it is signed"),
    "phone": N_("your phone number"),
    "email": N_("your e-mail address"),
}
"""A worker's own details, by the flag of `service me` that gives them."""

PNG, SVG = "image/png", "image/svg+xml"
LOGO_TYPES = (PNG, SVG)
LOGO_MOST_BYTES = 1024 * 1024
"""A logo is a letterhead's small picture: a megabyte holds any sensible one and keeps the database small."""

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_SVG_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--.*?-->|<!DOCTYPE[^>]*>)\s*)*<svg[\s>]", re.DOTALL)
EMAIL = re.compile(r"\A[^@\s]+@[^@\s]+\.[^@\s]+\Z")


@dataclass(frozen=True)
class ServiceIdentity:
    """The service as its documents present it; None where nothing is known yet."""

    name: str | None = None
    organisation: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    signatory: str | None = None
    place: str | None = None
    logo: bytes | None = None
    logo_type: str | None = None


@dataclass(frozen=True)
class WorkerContact:
    """How a worker signs: their login (the database role, the OS user) and their own details."""

    worker: str
    name: str | None = None
    phone: str | None = None
    email: str | None = None


IDENTITY_COLUMNS = tuple(field.name for field in fields(ServiceIdentity))
WORKER_COLUMNS = ("name", "phone", "email")


def missing(identity: ServiceIdentity | WorkerContact, needed: Iterable[str]) -> list[str]:
    """The details among `needed` (field names) that `identity` lacks, in the order the fields come."""
    wanted = set(needed)
    names = IDENTITY_FIELDS if isinstance(identity, ServiceIdentity) else WORKER_FIELDS
    unknown = wanted - set(names)
    if unknown:
        raise ValueError(f"not a detail of the service: {', '.join(sorted(unknown))}")
    return [name for name in names if name in wanted and text.blank(_shown(getattr(identity, name)))]


def _shown(value) -> str | None:
    return "logo" if isinstance(value, bytes) and value else value if isinstance(value, str) else None


def detail(name: str, value: str) -> str | None:
    """A typed detail checked: stripped; '' clears it (None); an e-mail address must look like one.

    Raises ValueError saying what is accepted."""
    if value == "":
        return None
    value = text.required(value)
    if name == "email" and not EMAIL.match(value):
        raise ValueError(_("not an e-mail address; give one like dienst@gemeente.be"))
    if "\n" in value and name != "address":
        raise ValueError(_("one line only"))
    return value


def logo_type(content: bytes) -> str:
    """The type of a logo, sniffed from its bytes (never from its name): PNG or SVG.

    Raises ValueError for anything else, an empty file or one too large."""
    if not content:
        raise ValueError(_("the file is empty; give a PNG or SVG image"))
    if len(content) > LOGO_MOST_BYTES:
        raise ValueError(_("the file is larger than {most} KB; give a smaller PNG or SVG image").format(
            most=LOGO_MOST_BYTES // 1024))
    if content.startswith(_PNG_SIGNATURE):
        return PNG
    if _SVG_START.match(content[:4096]):
        return SVG
    raise ValueError(_("not a PNG or SVG image"))
