"""Documents on the service's paper: a PDF laid out here, or the service's own Word template filled.

The PDF is made by fpdf2, pure Python, with the DejaVu fonts shipped in huurbeg/fonts (so accents
and the euro sign print on any machine, with no system package): A4, the letterhead (logo, service,
organisation, address, phone, e-mail), the addressee where a window envelope shows it, place and
date, the case number as reference, the worker and how to reach them, the text, and the signatures.
A Word template (.docx) is filled by docxtpl with the same fields ({{ tenant }}, {{ body }}); one
that uses a field its document does not have is refused before anything is written. Both get the
fields of huurbeg.output.letters and nothing else.
"""

import io
import re
import zipfile
from importlib import resources
from pathlib import Path

from huurbeg.core.errors import InvalidInput
from huurbeg.core.i18n import _, speaking
from huurbeg.domain.attachments import shown_path
from huurbeg.output.letters import TITLES, Letter, fields

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEMPLATE_MOST_BYTES = 25 * 1000 * 1000
"""A house-style template is a few hundred kilobytes; anything far larger is not one."""

MARGIN = 20
"""mm, on every side of an A4 page."""
ADDRESS_X, ADDRESS_Y = 110, 50
"""Where the addressee stands: the window of a Belgian C5/6 envelope (right, about 5 cm from the top)."""
LOGO_HEIGHT = 18
NO_GLYPH = {code: "\ufffd" for code in range(0x2400, 0x2427)}
"""The control pictures render.plain shows a control character as: the shipped fonts draw none of them, so a
page shows the replacement character, as a screen does for the other marks."""


def font(name: str) -> str:
    return str(resources.files("huurbeg") / "fonts" / name)


def kind_of_output(path: Path | None) -> str | None:
    """The media type of --output: a Word document for a .docx, a PDF for any other name."""
    if path is None:
        return None
    return DOCX_TYPE if path.suffix.lower() == ".docx" else PDF_TYPE


# --- PDF --------------------------------------------------------------------------------------------------------

def pdf(letter: Letter) -> bytes:
    """The document as a PDF of one or more A4 pages."""
    from fpdf import FPDF  # heavy

    document = FPDF(format="A4", unit="mm")
    document.set_margins(MARGIN, MARGIN, MARGIN)
    document.set_auto_page_break(True, margin=MARGIN)
    document.add_font("Sans", "", font("DejaVuSans.ttf"))
    document.add_font("Sans", "B", font("DejaVuSans-Bold.ttf"))
    values = {name: value.translate(NO_GLYPH) for name, value in letter.values.items()}
    with speaking(letter.lang):
        document.set_title(f"{_(TITLES[letter.kind])} {letter.case}")
        document.set_creator("huurbeg")
        document.set_lang("nl-BE" if letter.lang == "nl" else "en")
        document.add_page()
        _letterhead(document, letter, values)
        if letter.kind == "fbu":
            _agreement(document, letter.parts)
        else:
            _letter(document, values)
    return bytes(document.output())


def _lines(document, text: str, height: float = 5, align: str = "L") -> None:
    document.multi_cell(0, height, text, align=align, new_x="LMARGIN", new_y="NEXT")


def _letterhead(document, letter: Letter, values: dict) -> None:
    left = MARGIN
    if letter.logo:
        try:
            shown = document.image(io.BytesIO(letter.logo), x=MARGIN, y=MARGIN, h=LOGO_HEIGHT)
            left = MARGIN + (shown.rendered_width if hasattr(shown, "rendered_width") else LOGO_HEIGHT) + 5
        except Exception:  # noqa: BLE001 -- any image the PDF engine cannot draw is the same refusal
            raise InvalidInput(_("the service's logo cannot be drawn on a PDF; give another PNG or SVG"),
                               hint="logo") from None
    document.set_xy(left, MARGIN)
    document.set_font("Sans", "B", 13)
    document.multi_cell(0, 6, values["service_name"], new_x="LEFT", new_y="NEXT")
    document.set_font("Sans", "", 9)
    contact = "  ·  ".join(part for part in (values["service_phone"], values["service_email"]) if part)
    for part in (values["service_organisation"], values["service_address"], contact):
        if part:
            document.multi_cell(0, 4.2, part, new_x="LEFT", new_y="NEXT")
    bottom = max(document.get_y(), MARGIN + LOGO_HEIGHT) + 3
    document.set_draw_color(120, 120, 120)
    document.line(MARGIN, bottom, 210 - MARGIN, bottom)
    document.set_xy(MARGIN, bottom + 4)


def _letter(document, values: dict) -> None:
    document.set_font("Sans", "", 10.5)
    document.set_xy(ADDRESS_X, max(ADDRESS_Y, document.get_y()))
    for part in (values["addressee"], values["addressee_address"]):
        if part:
            document.multi_cell(210 - MARGIN - ADDRESS_X, 5, part, align="L", new_x="LEFT", new_y="NEXT")
    document.set_xy(MARGIN, max(document.get_y(), ADDRESS_Y + 25) + 6)
    _lines(document, ", ".join(part for part in (values["place"], values["date"]) if part), align="R")
    document.ln(4)
    document.set_font("Sans", "", 9)
    _lines(document, _("Our reference: {reference}").format(reference=values["reference"]), 4.5)
    reach = ", ".join(part for part in (values["worker_phone"], values["worker_email"]) if part)
    if values["worker_name"]:
        _lines(document, (_("Your contact: {worker}, {reach}") if reach else _("Your contact: {worker}"))
               .format(worker=values["worker_name"], reach=reach), 4.5)
    document.ln(5)
    document.set_font("Sans", "B", 10.5)  # the subject above the salutation, as a Belgian letter has it
    _lines(document, _("Concerns: {subject}").format(subject=values["subject"]))
    document.ln(4)
    document.set_font("Sans", "", 10.5)
    _lines(document, values["salutation"])
    document.ln(2)
    for paragraph in values["body"].split("\n"):
        _lines(document, paragraph, 5.2)
        document.ln(1.5)
    document.ln(3)
    _lines(document, values["closing"])
    _signatures(document, values)


def _signatures(document, values: dict) -> None:
    document.ln(16)
    if document.get_y() > 297 - MARGIN - 20:
        document.add_page()
    top, half = document.get_y(), (210 - 2 * MARGIN) / 2
    on_behalf = _("for {service}").format(service=values["service_organisation"] or values["service_name"])
    blocks = [(values["worker_name"], _("tenancy support worker")), (values["signatory"], on_behalf)]
    title = signing_as(values["worker_name"], values["signatory"])
    if title is not None:  # the worker signs for the service: one block, the name once
        blocks = [(values["worker_name"], (title or _("tenancy support worker")) + "\n" + on_behalf)]
    for column, (name, role) in enumerate(blocks):
        document.set_xy(MARGIN + column * half, top)
        document.set_font("Sans", "B", 10.5)
        document.multi_cell(half - 5, 5, name, new_x="LEFT", new_y="NEXT")
        document.set_font("Sans", "", 9)
        document.multi_cell(half - 5, 4.5, role, new_x="LEFT", new_y="NEXT")


_TITLE_AFTER_NAME = re.compile(r"^\s*[,(/–—-]\s*(?P<title>.*?)\s*\)?\s*$")
"""What a signatory stored with its name adds after it: ', huurbegeleider', ' (teamverantwoordelijke)', ' - coach'."""


def signing_as(worker: str, signatory: str) -> str | None:
    """When the worker is the service's signatory, the title the signatory was stored with after the name ('' for
    the name alone: 'Els Vermeulen', 'els  vermeulen'; 'huurbegeleider' for 'Els Vermeulen, huurbegeleider'); None
    when they are two people. Case and spacing do not matter."""
    name, signs = " ".join(worker.split()), " ".join(signatory.split())
    if not name or signs[:len(name)].casefold() != name.casefold():
        return None
    found = _TITLE_AFTER_NAME.match(signs[len(name):]) if signs[len(name):] else None
    if len(signs) > len(name) and found is None:  # 'Els Vermeulenberg': another name
        return None
    title = found["title"] if found else ""
    return "" if title.casefold() == _("tenancy support worker").casefold() else title


AGREEMENT_SIZE = 10
"""The agreement in the letters' own type: DejaVu Sans at the size of a contract's small print, yet readable."""
SIGNING_ROOM = 26
"""What the three signatures take below their labels, in mm: room to sign, and the lines to sign on."""


def _agreement(document, parts) -> None:
    """The agreement's parts (huurbeg.output.fbu_document.blocks) in the proportional font of the letters: paragraphs
    flow to the margins, the schedule in columns. The last article, the place and date of signing and the
    signatures stay together: when they do not fit below what comes before, they start the next page together,
    so a signature never stands alone on a page, cut from the text it signs."""
    last = max((i for i, part in enumerate(parts) if part[0] == "heading"), default=len(parts))
    for index, part in enumerate(parts):
        if part[0] == "heading":
            keep = parts[index:] if index == last else parts[index:index + 2]
            if document.get_y() + _height(document, keep) > 297 - MARGIN:
                document.add_page()
        _part(document, *part)


def _line() -> float:
    return AGREEMENT_SIZE * 0.47


def _height(document, parts) -> float:
    """How much of the page `parts` take, in mm, measured as _part lays them out."""
    line, total = _line(), 0.0
    document.set_font("Sans", "", AGREEMENT_SIZE)
    for kind, *rest in parts:
        if kind in ("paragraph", "closing"):
            from fpdf.enums import MethodReturnValue  # heavy

            text, first = (rest[0], "") if kind == "closing" else (rest[0], rest[1])
            room = 210 - 2 * MARGIN - document.get_string_width(first)
            total += line * sum(len(document.multi_cell(room, line, piece, align="L", dry_run=True,
                                                        output=MethodReturnValue.LINES))
                                for piece in text.split("\n"))
        elif kind in ("title", "heading", "row"):
            total += line + (1.5 if kind == "title" else 0)
        elif kind == "gap":
            total += line * 0.7
        else:
            total += 2 + line * 2 + SIGNING_ROOM
    return total


def _part(document, kind: str, *rest) -> None:
    width, size, line = 210 - 2 * MARGIN, AGREEMENT_SIZE, _line()
    if kind == "title":
        document.set_font("Sans", "B", size + 3)
        _lines(document, rest[0], line + 1.5)
    elif kind == "heading":
        document.set_font("Sans", "B", size)
        _lines(document, rest[0], line)
    elif kind in ("paragraph", "closing"):
        document.set_font("Sans", "", size)
        text, first, indent = (rest[0], "", "") if kind == "closing" else rest
        lead = document.get_string_width(first)
        for number, piece in enumerate(text.split("\n")):
            document.set_x(MARGIN)
            if lead:  # the party's number, and under it the indent of its further lines
                document.cell(lead, line, first.strip() if number == 0 else "")
            document.multi_cell(width - lead, line, piece, align="L", new_x="LMARGIN", new_y="NEXT")
    elif kind == "row":
        seq, due, amount = rest
        document.set_font("Sans", "", size)
        document.set_x(MARGIN + 6)
        document.cell(10, line, f"{seq}.", align="R")
        document.cell(30, line, due, align="R")
        document.cell(32, line, amount, align="R", new_x="LMARGIN", new_y="NEXT")
    elif kind == "gap":
        document.ln(line * 0.7)
    else:  # the signatures, side by side, with room to sign under each
        labels = rest[0]
        column = width / len(labels)
        top = document.get_y() + 2
        document.set_font("Sans", "", size)
        for number, label in enumerate(labels):
            document.set_xy(MARGIN + number * column, top)
            document.multi_cell(column - 6, line, label, align="L", new_x="LEFT", new_y="NEXT")
        bottom = top + line * 2 + SIGNING_ROOM - 4
        document.set_draw_color(120, 120, 120)
        for number in range(len(labels)):
            document.line(MARGIN + number * column, bottom, MARGIN + (number + 1) * column - 6, bottom)
        document.set_xy(MARGIN, bottom + 2)


# --- the service's Word template --------------------------------------------------------------------------------

def template(path: Path, kind: str) -> bytes:
    """The bytes of a Word template that may be filled for a document of `kind`: a .docx using only its fields."""
    shown = shown_path(path)
    try:
        if not path.is_file():
            raise InvalidInput(_("{path} is not a file; give the service's Word template (.docx)")
                               .format(path=shown), field="template")
        if path.stat().st_size > TEMPLATE_MOST_BYTES:
            raise InvalidInput(_("{path} is too large for a Word template").format(path=shown), field="template")
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(_("cannot read {path}: {reason}").format(
            path=shown, reason=_(exc.strerror) if exc.strerror else exc), field="template") from None
    if not _is_docx(data):
        raise InvalidInput(_("{path} is not a Word document (.docx); save the template as .docx")
                           .format(path=shown), field="template")
    used = _fields_used(data, shown)
    unknown = sorted(used - set(fields(kind)))
    if unknown:
        raise InvalidInput(_("{path} uses fields a {document} does not have: {fields}").format(
            path=shown, document=_(TITLES[kind]), fields=", ".join(unknown)), field="template", hint="letter_fields")
    return data


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return False
    return "word/document.xml" in names and "[Content_Types].xml" in names and "word/vbaProject.bin" not in names


def _fields_used(data: bytes, shown: str) -> set[str]:
    from docxtpl import DocxTemplate  # heavy
    from jinja2 import TemplateError  # heavy

    try:
        return set(DocxTemplate(io.BytesIO(data)).get_undeclared_template_variables())
    except TemplateError as exc:
        raise InvalidInput(_("{path} is not a valid template: {reason}").format(
            path=shown, reason=exc.message or exc), field="template") from None
    except Exception:  # noqa: BLE001 -- a damaged document inside the zip: the same refusal
        raise InvalidInput(_("{path} is not a Word document (.docx); save the template as .docx")
                           .format(path=shown), field="template") from None


def docx(letter: Letter, data: bytes) -> bytes:
    """The service's template (checked by `template`) filled with the document's fields."""
    from docxtpl import DocxTemplate, Listing  # heavy

    document = DocxTemplate(io.BytesIO(data))
    context = {name: Listing(value) if "\n" in value else value for name, value in letter.values.items()}
    document.render(context, autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
