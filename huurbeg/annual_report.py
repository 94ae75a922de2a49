"""The year's figures as one page to show the city council (`stats --year YYYY --format html`).

One self-contained HTML file: the styles and the charts are inside it (SVG drawn by pygal,
without its JavaScript), so it opens offline, needs no script, and prints on A4. It holds
counts only, from huurbeg.figures: never a name, an address or a note.
"""

import re
from html import escape

from huurbeg.figures import FIGURES, PANELS, breakdown_text, figure_name
from huurbeg.i18n import N_, _, language
from huurbeg.render import text_value

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
WORDS = {"title": N_("Tenancy support: figures {period}"), "year": N_("Tenancy support: the year in figures"),
         "figures": N_("Tenancy support: figures"), "results": N_("Results"), "months": N_("Month by month"),
         "the_figures": N_("The figures"), "figure": N_("figure"), "count": N_("count")}
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
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


def page(period, rows, months) -> str:
    """The report: `rows` are the period's figures, `months` a list of (Period, headline rows)."""
    totals = {r.figure: r.value for r in rows if not r.breakdown}
    counted = _("{period}. Counts of cases and households; no person is named.").format(period=_period_text(period))
    made = _("Made by huurbeg from its database: every figure is defined once in huurbeg/figures.py and counted "
             "for {period}.").format(period=_period_text(period))
    parts = [
        "<!DOCTYPE html>", f'<html lang="{language()}">', "<head>", '<meta charset="utf-8">',
        f"<title>{escape(_(WORDS['title']).format(period=period.shown()))}</title>",
        f"<style>{_CSS}</style>", "</head>", "<body>",
        f"<h1>{escape(_(WORDS['year']))}</h1>"
        if len(months) == 12 and period.label.isdigit() else f"<h1>{escape(_(WORDS['figures']))}</h1>",
        f'<p class="period">{escape(counted)}</p>',
        f"<h2>{escape(_(WORDS['results']))}</h2>",
        '<div class="headline">',
        *(f'<div style="--colour: {COLOURS[k]}"><b>{totals.get(key, 0)}</b>{escape(_(label))}</div>'
          for k, (key, label) in enumerate(RESULTS)),
        "</div>",
        f'<figure aria-label="{escape(_(WORDS["results"]))}">{_results_chart(totals)}</figure>',
        f"<h2>{escape(_(WORDS['months']))}</h2>",
        f'<figure aria-label="{escape(_(WORDS["months"]))}">{_months_chart(months)}</figure>',
        f'<h2 class="charts-break">{escape(_(WORDS["the_figures"]))}</h2>',
        *(_panel_table(panel, rows) for panel in PANELS),
        f"<footer>{escape(made)}</footer>",
        "</body>", "</html>",
    ]
    return "\n".join(parts) + "\n"


def _period_text(period) -> str:
    return f"{period.first:%d/%m/%Y} – {period.last:%d/%m/%Y}"


def _style(colours=COLOURS):
    from pygal.style import Style

    return Style(background="white", plot_background="white", foreground="#1d1d1d",
                 foreground_strong="#1d1d1d", foreground_subtle="#888", colors=colours,
                 font_family="DejaVu Sans, Helvetica, Arial, sans-serif", label_font_size=13,
                 major_label_font_size=13, legend_font_size=LEGEND_FONT, value_font_size=13, title_font_size=16,
                 value_label_font_size=14)


def _svg(chart) -> str:
    """The chart as inline SVG without scripts: js=[] keeps pygal from linking its tooltip script
    from the internet, and the configuration script it always embeds is left out (nothing reads it)."""
    return _SCRIPT.sub("", chart.render(is_unicode=True, disable_xml_declaration=True))


def _results_chart(totals: dict) -> str:
    """The results as on the slide: each result with its count, as a pie."""
    import pygal

    chart = pygal.Pie(style=_style(), js=[], width=900, height=420, inner_radius=0.45, legend_at_bottom=False,
                      legend_box_size=16, print_values=True, truncate_legend=-1, margin=10)
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
    import pygal

    # new cases in grey, each result in the colour of its headline above
    chart = pygal.Bar(style=_style(("#9a9a9a", *COLOURS)), js=[], width=CHART_WIDTH, height=470, legend_at_bottom=True,
                      legend_at_bottom_columns=legend_columns([_(label) for _key, label in MONTHLY]), margin_bottom=50,
                      truncate_legend=-1, x_labels=[m.label for m, _ in months], x_label_rotation=0,
                      show_minor_x_labels=True, y_title=_(WORDS['count']), margin=10, print_values=False,
                      min_scale=1, max_scale=6)
    for key, label in MONTHLY:
        chart.add(_(label), [next((r.value for r in found if r.figure == key and not r.breakdown), 0)
                          for _, found in months])
    return _svg(chart)


def _panel_table(panel: str, rows) -> str:
    """One panel's figures: each total, then its breakdowns that are not zero."""
    lines = [f'<section class="panel"><h3>{escape(_(PANEL_TITLES[panel]) if panel in PANEL_TITLES else panel.title())}'
             "</h3>", "<table>",
             f'<tr><th>{escape(_(WORDS["figure"]))}</th><th class="n">{escape(_(WORDS["count"]))}</th></tr>']
    for figure in (f for f in FIGURES if f.panel == panel):
        found = [r for r in rows if r.figure == figure.key]
        if not found:
            continue
        total, *parts = found
        lines.append(f'<tr class="total"><td>{escape(figure_name(figure.key))}</td>'
                     f'<td class="n">{escape(text_value(total.value))}</td></tr>')
        for part in parts:
            if part.value:
                dimension, _equals, value = part.breakdown.partition("=")
                shown = breakdown_text(dimension, [(value, "")]).rstrip() if language() == "nl" \
                    else f"{dimension.replace('_', ' ')}: {value}"
                lines.append(f'<tr><td class="part">{escape(shown)}</td>'
                             f'<td class="n">{escape(text_value(part.value))}</td></tr>')
    lines += ["</table>", "</section>"]
    return "\n".join(lines)
