"""The year's figures as one page to show the city council (`stats --year YYYY --format html|pdf`).

One self-contained HTML file: the styles, the charts (SVG drawn by pygal, without its JavaScript)
and the service's logo are inside it, so it opens offline, needs no script, and prints on A4. The
same page is written as a PDF by fpdf2 (`pdf`): pure Python with the DejaVu fonts shipped in
huurbeg/fonts, so a worker's laptop makes it without a browser. It is the service's document:
its name, organisation and city in the title, its address at the foot. It holds counts only,
from huurbeg.domain.figures: never a household's name, an address or a note.
"""

import base64
import io
import logging
import re
import warnings
from html import escape
from importlib import resources

from huurbeg.core import dates
from huurbeg.domain.figures import FIGURES, PANELS, breakdown_text, figure_name
from huurbeg.core.i18n import N_, _, language
from huurbeg.core.messages import text_value
from huurbeg.domain.service import ServiceIdentity

NEEDED = ("name", "place")
"""What the report's title needs of the service's identity: its name and its city."""

RESULTS = (
    ("evictions_prevented", N_("Eviction prevented")),
    ("households_referred", N_("Referred to other services")),
    ("transit_admissions", N_("Admitted to a transitional dwelling")),
    ("regular_market_moves", N_("Moved on to the regular market")),
)
"""The service's results, as on its results slide (90 / 73 / 18 / 26)."""
MONTHLY = (("new_cases", N_("New cases")), *RESULTS)
PANEL_TITLES = {"intake": N_("Intake"), "caseload": N_("Caseload"), "results": N_("Results"), "court": N_("Court"),
                "housing": N_("Housing"), "work": N_("Work"), "fbu": N_("FBU guidance agreements")}
WORDS = {"title": N_("{service} {city}: figures {period}"), "year": N_("{service} {city}: the year {year} in figures"),
         "figures": N_("{service} {city}: figures {period}"), "results": N_("Results"), "months": N_("Month by month"),
         "the_figures": N_("The figures"), "figure": N_("figure"), "count": N_("count"),
         "no_results": N_("No results in this period yet: nothing to chart."),
         "no_months": N_("Nothing counted in these months yet: nothing to chart.")}
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
"""pygal's credits and the day it drew a chart: no part of the council's page."""
COLOURS = ("#1f5c99", "#e07b1f", "#3a9a4a", "#b8322f", "#7a5aa6", "#8c6d31")

_CSS = """
@page { size: A4; margin: 14mm 14mm 16mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #1d1d1d; margin: 0 auto;
       max-width: 182mm; font-size: 10pt; line-height: 1.35; }
h1 { font-size: 20pt; margin: 0 0 2mm; color: #1f5c99; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; border-bottom: 1.5pt solid #1f5c99; padding-bottom: 1mm; }
h3 { font-size: 11pt; margin: 5mm 0 1mm; }
p.period { margin: 0 0 4mm; color: #555; }
p.nothing { margin: 2mm 0 6mm; color: #555; }
header { display: flex; gap: 4mm; align-items: center; margin: 0 0 2mm; }
header img { max-height: 18mm; max-width: 45mm; }
p.organisation { margin: 0; font-size: 11pt; color: #333; }
.headline { display: flex; gap: 3mm; margin: 3mm 0; }
.headline div { flex: 1; border: 1pt solid #ccc; border-top: 4pt solid var(--colour); padding: 2mm 3mm; }
.headline b { display: block; font-size: 20pt; }
figure { margin: 2mm 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
section.panel { break-inside: avoid; page-break-inside: avoid; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; }
th, td { text-align: left; padding: 0.8mm 2mm; border-bottom: 0.5pt solid #ddd; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 1pt solid #999; }
td.part { padding-left: 7mm; color: #444; }
footer { margin-top: 6mm; color: #777; font-size: 8pt; }
.charts-break { break-before: page; page-break-before: always; }
"""


def title(period, identity: ServiceIdentity, months: int = 12) -> str:
    """The report's title: the service and its city, and the year (or the period) it counts."""
    name, city = identity.name or "", identity.place or ""
    if city and re.search(rf"\b{re.escape(city)}\b", name, re.IGNORECASE):
        city = ""  # "Dienst huurbegeleiding Gent" is named with its city already: said once
    names = {"service": name, "city": city}
    if months == 12 and period.label.isdigit():
        shown = _(WORDS["year"]).format(year=period.label, **names)
    else:
        shown = _(WORDS["figures"]).format(period=period.shown(), **names)
    return re.sub(r"\s+:", ":", " ".join(shown.split()))


def counted(period) -> str:
    return _("{period}. Counts of cases and households; no person is named.").format(period=_period_text(period))


def foot(identity: ServiceIdentity) -> str:
    """The service and how to reach it, as at the foot of its paper."""
    return " · ".join(value for value in (identity.organisation, identity.address, identity.phone, identity.email)
                      if value)


def _logo(identity: ServiceIdentity) -> str:
    if not identity.logo:
        return ""
    data = base64.b64encode(identity.logo).decode("ascii")
    return f'<img src="data:{escape(identity.logo_type or "")};base64,{data}" alt="">'


def month_name(period, with_year: bool = False) -> str:
    """A month as the council reads it on a chart: januari, februari (with its year when the months span two)."""
    return f"{dates.month(period.first)} {period.first.year}" if with_year else dates.month(period.first)


def _any_result(totals: dict) -> bool:
    """Whether a result was counted: four empty bars beside four zeros say nothing a sentence would not."""
    return any(totals.get(key, 0) for key, _label in RESULTS)


def _any_month(months) -> bool:
    return any(r.value for _period, found in months for r in found if not r.breakdown)


def page(period, rows, months, identity: ServiceIdentity = ServiceIdentity()) -> str:
    """The report: `rows` are the period's figures, `months` a list of (Period, headline rows)."""
    totals = {r.figure: r.value for r in rows if not r.breakdown}
    heading = title(period, identity, len(months))
    parts = [
        "<!DOCTYPE html>", f'<html lang="{language()}">', "<head>", '<meta charset="utf-8">',
        f"<title>{escape(heading)}</title>",
        f"<style>{_CSS}</style>", "</head>", "<body>",
        f"<header>{_logo(identity)}<div><h1>{escape(heading)}</h1>"
        + (f'<p class="organisation">{escape(identity.organisation)}</p>' if identity.organisation else "")
        + "</div></header>",
        f'<p class="period">{escape(counted(period))}</p>',
        f"<h2>{escape(_(WORDS['results']))}</h2>",
        '<div class="headline">',
        *(f'<div style="--colour: {COLOURS[k]}"><b>{totals.get(key, 0)}</b>{escape(_(label))}</div>'
          for k, (key, label) in enumerate(RESULTS)),
        "</div>",
        f'<figure aria-label="{escape(_(WORDS["results"]))}">{_results_chart(totals)}</figure>'
        if _any_result(totals) else f'<p class="nothing">{escape(_(WORDS["no_results"]))}</p>',
        f"<h2>{escape(_(WORDS['months']))}</h2>",
        f'<figure aria-label="{escape(_(WORDS["months"]))}">{_months_chart(months)}</figure>'
        if _any_month(months) else f'<p class="nothing">{escape(_(WORDS["no_months"]))}</p>',
        f'<h2 class="charts-break">{escape(_(WORDS["the_figures"]))}</h2>',
        *(_panel_table(panel, rows) for panel in PANELS),
        f"<footer>{escape(foot(identity))}</footer>" if foot(identity) else "",
        "</body>", "</html>",
    ]
    return "\n".join(parts) + "\n"


def _period_text(period) -> str:
    return f"{period.first:%d/%m/%Y} – {period.last:%d/%m/%Y}"


def _style(colours=COLOURS):
    from pygal.style import Style  # heavy

    return Style(background="white", plot_background="white", foreground="#1d1d1d",
                 foreground_strong="#1d1d1d", foreground_subtle="#888", colors=colours,
                 font_family="DejaVu Sans, Helvetica, Arial, sans-serif", label_font_size=13,
                 major_label_font_size=13, legend_font_size=LEGEND_FONT, value_font_size=13, title_font_size=16,
                 value_label_font_size=14)


def _svg(chart) -> str:
    """The chart as inline SVG without scripts: js=[] keeps pygal from linking its tooltip script
    from the internet, and the configuration script it always embeds is left out (nothing reads it)."""
    return _COMMENT.sub("", _SCRIPT.sub("", chart.render(is_unicode=True, disable_xml_declaration=True)))


def _results_chart(totals: dict) -> str:
    """The results as on the slide: each result a bar of its own with its count. Not a pie: a household
    referred may also have had its eviction prevented, so the four are no parts of one whole."""
    import pygal  # heavy

    chart = pygal.Bar(style=_style(), js=[], width=CHART_WIDTH, height=340, legend_at_bottom=True,
                      legend_at_bottom_columns=legend_columns([f"{_(label)}; 000" for _key, label in RESULTS], 2),
                      legend_box_size=16, print_values=True, truncate_legend=-1, margin=10, x_labels=[""],
                      show_y_guides=True, min_scale=1, max_scale=6, y_title=_(WORDS["count"]))
    for key, label in RESULTS:
        value = totals.get(key, 0)
        chart.add(f"{_(label)}; {value}", [{"value": value, "label": _(label)}])
    return _svg(chart)


CHART_WIDTH = 900
"""The SVG's own width; the page scales it to the A4 column."""
LEGEND_FONT = 14
LEGEND_EM = 0.7
"""No sans-serif letter is wider on average than this part of the font size: a legend column this
wide per letter never runs into the next one, in any language."""


def legend_columns(labels: list[str], most: int = 3) -> int:
    """As many legend columns under the bars as fit the longest label side by side, at most `most`."""
    usable = CHART_WIDTH - 72  # pygal's margins and the y axis
    needed = 12 + 5 + max(map(len, labels)) * LEGEND_FONT * LEGEND_EM  # the colour box, a gap, the words
    return max(1, min(most, int(usable // needed)))


def _months_chart(months) -> str:
    """The twelve months as bars: new cases and each result, month by month."""
    import pygal  # heavy

    spans = len({m.first.year for m, _ in months}) > 1
    # new cases in grey, each result in the colour of its headline above
    chart = pygal.Bar(style=_style(("#9a9a9a", *COLOURS)), js=[], width=CHART_WIDTH, height=470, legend_at_bottom=True,
                      legend_at_bottom_columns=legend_columns([_(label) for _key, label in MONTHLY]), margin_bottom=50,
                      truncate_legend=-1, x_labels=[month_name(m, spans) for m, _ in months], x_label_rotation=30,
                      show_minor_x_labels=True, y_title=_(WORDS['count']), margin=10, print_values=False,
                      min_scale=1, max_scale=6)
    for key, label in MONTHLY:
        chart.add(_(label), [next((r.value for r in found if r.figure == key and not r.breakdown), 0)
                          for _, found in months])
    return _svg(chart)


def _panel_title(panel: str) -> str:
    return _(PANEL_TITLES[panel]) if panel in PANEL_TITLES else panel.title()


def panel_lines(panel: str, rows) -> list[tuple[str, str, bool]]:
    """One panel's figures as (name, value, is a total): each total, then its breakdowns that are not zero."""
    lines = []
    for figure in (f for f in FIGURES if f.panel == panel):
        found = [r for r in rows if r.figure == figure.key]
        if not found:
            continue
        total, *parts = found
        lines.append((figure_name(figure.key), text_value(total.value), True))
        for part in parts:
            if part.value:
                dimension, _equals, value = part.breakdown.partition("=")
                shown = breakdown_text(dimension, [(value, "")]).rstrip() if language() == "nl" \
                    else f"{dimension.replace('_', ' ')}: {value}"
                lines.append((shown, text_value(part.value), False))
    return lines


def _panel_table(panel: str, rows) -> str:
    """One panel's figures: each total, then its breakdowns that are not zero."""
    lines = [f'<section class="panel"><h3>{escape(_panel_title(panel))}</h3>', "<table>",
             f'<tr><th>{escape(_(WORDS["figure"]))}</th><th class="n">{escape(_(WORDS["count"]))}</th></tr>']
    for name, value, total in panel_lines(panel, rows):
        lines.append(f'<tr class="total"><td>{escape(name)}</td><td class="n">{escape(value)}</td></tr>' if total
                     else f'<tr><td class="part">{escape(name)}</td><td class="n">{escape(value)}</td></tr>')
    lines += ["</table>", "</section>"]
    return "\n".join(lines)


# --- the same report as a PDF ----------------------------------------------------------------------

PDF_MARGIN = 14
"""mm, as the page's @page rule."""
PDF_WIDTH = 210 - 2 * PDF_MARGIN
BLUE = (0x1f, 0x5c, 0x99)


def _font(name: str) -> str:
    return str(resources.files("huurbeg") / "fonts" / name)


def pdf(period, rows, months, identity: ServiceIdentity = ServiceIdentity()) -> bytes:
    """The report as an A4 PDF: the page's title, results, charts (the same SVG) and panels, by fpdf2."""
    from fpdf import FPDF  # heavy

    heading, footer_text = title(period, identity, len(months)), foot(identity)

    class Report(FPDF):
        def footer(self) -> None:
            self.set_y(-PDF_MARGIN + 2)
            self.set_font("Sans", "", 7)
            self.set_text_color(0x77, 0x77, 0x77)
            self.cell(0, 4, footer_text, align="L")
            self.cell(0, 4, f"{self.page_no()}/{{nb}}", align="R")

    document = Report(format="A4", unit="mm")
    document.set_title(heading)
    document.set_creator("huurbeg")
    document.set_margins(PDF_MARGIN, PDF_MARGIN, PDF_MARGIN)
    document.set_auto_page_break(True, margin=PDF_MARGIN + 4)
    document.add_font("Sans", "", _font("DejaVuSans.ttf"))
    document.add_font("Sans", "B", _font("DejaVuSans-Bold.ttf"))
    document.add_page()
    totals = {r.figure: r.value for r in rows if not r.breakdown}
    if identity.logo:
        _image(document, io.BytesIO(identity.logo), x=PDF_MARGIN, y=PDF_MARGIN, h=16)
        document.set_xy(PDF_MARGIN + 50, PDF_MARGIN)
    left = document.get_x()
    document.set_font("Sans", "B", 17)
    document.set_text_color(*BLUE)
    document.multi_cell(210 - PDF_MARGIN - left, 8, heading, align="L")  # justified, a title is stretched
    document.set_text_color(0x1d, 0x1d, 0x1d)
    if identity.organisation:
        document.set_x(left)
        document.set_font("Sans", "", 11)
        document.multi_cell(210 - PDF_MARGIN - left, 6, identity.organisation, align="L")
    document.set_y(max(document.get_y(), PDF_MARGIN + 18) + 2)
    document.set_font("Sans", "", 9)
    document.set_text_color(0x55, 0x55, 0x55)
    document.multi_cell(PDF_WIDTH, 5, counted(period), align="L")
    document.set_text_color(0x1d, 0x1d, 0x1d)
    _pdf_heading(document, _(WORDS["results"]))
    width, top = (PDF_WIDTH - 3 * 3) / 4, document.get_y()
    for k, (key, label) in enumerate(RESULTS):
        x = PDF_MARGIN + k * (width + 3)
        document.set_fill_color(*_rgb(COLOURS[k]))
        document.rect(x, top, width, 1.4, style="F")
        document.set_draw_color(0xcc, 0xcc, 0xcc)
        document.rect(x, top, width, 22)
        document.set_xy(x + 2, top + 2.5)
        document.set_font("Sans", "B", 16)
        document.cell(width - 4, 8, str(totals.get(key, 0)))
        document.set_xy(x + 2, top + 10.5)
        document.set_font("Sans", "", 8)
        document.multi_cell(width - 4, 3.6, _(label), align="L")
    document.set_y(top + 25)
    if _any_result(totals):
        _pdf_bars(document, None, [""], [(f"{_(label)}; {totals.get(key, 0)}", COLOURS[k], [totals.get(key, 0)])
                                   for k, (key, label) in enumerate(RESULTS)], 52)
    else:
        _pdf_nothing(document, _(WORDS["no_results"]))
    spans = len({m.first.year for m, _ in months}) > 1
    if _any_month(months):
        _pdf_bars(document, _(WORDS["months"]), [month_name(m, spans) for m, _ in months],
                  [(_(label), colour, [next((r.value for r in found if r.figure == key and not r.breakdown), 0)
                                       for _, found in months])
                   for (key, label), colour in zip(MONTHLY, ("#9a9a9a", *COLOURS))], 70)
    else:
        _pdf_heading(document, _(WORDS["months"]))
        _pdf_nothing(document, _(WORDS["no_months"]))
    document.add_page()
    _pdf_heading(document, _(WORDS["the_figures"]))
    for panel in PANELS:
        lines = panel_lines(panel, rows)
        if document.will_page_break(8 + 5 * min(len(lines), 6)):
            document.add_page()
        document.set_font("Sans", "B", 10.5)
        document.cell(0, 7, _panel_title(panel), new_x="LMARGIN", new_y="NEXT")
        for name, value, total in lines:
            document.set_font("Sans", "B" if total else "", 9)
            document.set_text_color(*((0x1d,) * 3 if total else (0x44,) * 3))
            indent = 0 if total else 6
            document.set_x(PDF_MARGIN + indent)
            document.cell(PDF_WIDTH - 30 - indent, 4.8, name)
            document.cell(30, 4.8, value, align="R", new_x="LMARGIN", new_y="NEXT")
            document.set_draw_color(0xdd, 0xdd, 0xdd)
            document.line(PDF_MARGIN, document.get_y(), PDF_MARGIN + PDF_WIDTH, document.get_y())
        document.set_text_color(0x1d, 0x1d, 0x1d)
        document.ln(2)
    return bytes(document.output())


def _pdf_nothing(document, said: str) -> None:
    document.set_font("Sans", "", 10)
    document.set_text_color(0x55, 0x55, 0x55)
    document.multi_cell(PDF_WIDTH, 6, said, align="L", new_x="LMARGIN", new_y="NEXT")
    document.set_text_color(0x1d, 0x1d, 0x1d)
    document.ln(4)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _pdf_heading(document, text: str) -> None:
    document.ln(2)
    document.set_font("Sans", "B", 13)
    document.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    document.set_draw_color(*BLUE)
    document.set_line_width(0.5)
    document.line(PDF_MARGIN, document.get_y(), PDF_MARGIN + PDF_WIDTH, document.get_y())
    document.set_line_width(0.2)
    document.ln(2)


def _pdf_bars(document, heading: str | None, groups: list[str], series: list[tuple[str, str, list]],
              height: float) -> None:
    """Bars drawn on the page as the HTML's charts draw them: per group one bar per series, in the series'
    colour, with a count axis and the legend under them. Drawn, not the SVG: fpdf2 does not read the
    stylesheet pygal colours its bars with."""
    legend_rows = -(-len(series) // 2)
    if document.will_page_break(height + 6 * legend_rows + (22 if heading else 8)):
        document.add_page()
    if heading:
        _pdf_heading(document, heading)
    top, axis = document.get_y() + 2, 9
    left, bottom = PDF_MARGIN + axis, document.get_y() + height
    width = PDF_WIDTH - axis
    highest = max([value for _label, _colour, values in series for value in values] + [1])
    step = _nice_step(highest)
    scale_top = step * -(-highest // step)
    document.set_font("Sans", "", 6.5)
    document.set_text_color(0x55, 0x55, 0x55)
    document.set_draw_color(0xdd, 0xdd, 0xdd)
    for tick in range(0, int(scale_top) + 1, int(step)):
        y = bottom - (bottom - top) * tick / scale_top
        document.line(left, y, left + width, y)
        document.set_xy(PDF_MARGIN, y - 1.5)
        document.cell(axis - 1, 3, str(tick), align="R")
    slot = width / len(groups)
    bar = slot * 0.8 / len(series)
    for g, group in enumerate(groups):
        for n, (_label, colour, values) in enumerate(series):
            value = values[g]
            x = left + g * slot + slot * 0.1 + n * bar
            tall = (bottom - top) * value / scale_top
            document.set_fill_color(*_rgb(colour))
            document.rect(x, bottom - tall, bar * 0.92, tall, style="F")
            if len(groups) == 1:  # the results: each count over its bar, as on the slide
                document.set_font("Sans", "B", 9)
                document.set_text_color(0x1d, 0x1d, 0x1d)
                document.set_xy(x, bottom - tall - 5)
                document.cell(bar * 0.92, 4.5, str(value), align="C")
        if group:
            document.set_font("Sans", "", 6.5)
            document.set_text_color(0x33, 0x33, 0x33)
            document.set_xy(left + g * slot, bottom + 0.8)
            document.cell(slot, 3.5, group, align="C")
    document.set_y(bottom + (5 if any(groups) else 2))
    document.set_font("Sans", "", 8)
    document.set_text_color(0x1d, 0x1d, 0x1d)
    first = document.get_y()
    for n, (label, colour, _values) in enumerate(series):
        x = PDF_MARGIN + (n % 2) * PDF_WIDTH / 2
        y = first + (n // 2) * 5
        document.set_fill_color(*_rgb(colour))
        document.rect(x, y + 0.8, 3.2, 3.2, style="F")
        document.set_xy(x + 4.5, y)
        document.cell(PDF_WIDTH / 2 - 6, 4.8, label)
    document.set_y(first + 5 * legend_rows + 2)


def _nice_step(highest: float) -> int:
    """A step for the count axis: 1, 2, 5, 10, 20, 50, ... giving at most six lines."""
    step = 1
    while highest / step > 6:
        step = step * 5 // 2 if str(step).startswith("2") else step * 2
    return step


def _image(document, source, **where) -> None:
    """An image drawn by fpdf2 without its remarks on stderr (an SVG without a viewBox): stderr is for errors."""
    log = logging.getLogger("fpdf.svg")
    level, log.level = log.level, logging.ERROR
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            document.image(source, **where)
    finally:
        log.setLevel(level)



