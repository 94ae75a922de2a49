"""The annual report: one self-contained HTML page, checked as text and in a real headless browser, and the
same report as a PDF, read back and rendered to an image."""

import json
import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

from huurbeg.output.annual_report import PANEL_TITLES
from huurbeg.domain.figures import PANELS

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    """A year of fictional casework (huurbeg demo) and its report, made once for these tests."""
    from typer.testing import CliRunner

    from huurbeg.cli.root import app

    folder = tmp_path_factory.mktemp("report")
    db = str(folder / "demo.db")
    runner = CliRunner()
    env = {"HUURBEG_DB": db, "HUURBEG_TODAY": "2026-12-31"}
    assert runner.invoke(app, ["demo"], env=env).exit_code == 0
    assert runner.invoke(app, ["service", "set", *SERVICE], env=env).exit_code == 0
    report = folder / "report-2026.html"
    made = runner.invoke(app, ["stats", "--year", "2026", "--format", "html", "--output", str(report)], env=env)
    assert made.exit_code == 0, made.output
    figures = json.loads(runner.invoke(app, ["stats", "--year", "2026", "-f", "json"], env=env).stdout)
    cases = json.loads(runner.invoke(app, ["case", "list", "--status", "all", "-f", "json"], env=env).stdout)
    return report, figures, cases


SERVICE = ["--name", "Dienst huurbegeleiding", "--organisation", "Sociaal Huis Mechelen", "--place", "Mechelen",
           "--address", "Grote Markt 21, 2800 Mechelen", "--phone", "015 29 76 00"]
MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
             "november", "december"]


def total(figures, key):
    return next(f["value"] for f in figures if f["figure"] == key and not f["breakdown"])


@pytest.mark.sqlite_only  # a file of its own, made by `huurbeg demo`
def test_the_page_is_self_contained_and_holds_counts_only(year):
    report, figures, cases = year
    page = report.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "@page { size: A4" in page
    assert "<script" not in page  # nothing to run
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # nothing to fetch
    assert "<link" not in page and "@import" not in page
    assert page.count("<svg") == 2  # the results and the twelve months, drawn by pygal
    for case in cases:  # counts only: no name of a household reaches the page
        assert case["tenant"] not in page
        assert case["case"] not in page


@pytest.mark.sqlite_only
def test_the_page_shows_the_year_s_results_and_every_panel(year):
    report, figures, _ = year
    page = report.read_text(encoding="utf-8")
    for key, label in (("evictions_prevented", "Eviction prevented"),
                       ("households_referred", "Referred to other services"),
                       ("transit_admissions", "Admitted to a transitional dwelling"),
                       ("regular_market_moves", "Moved on to the regular market")):
        value = total(figures, key)
        assert f"<b>{value}</b>{label}" in page  # the headline figure
        assert f"{label}; {value}" in page  # the chart's legend, as on the results slide
    months = re.findall(r'<text[^>]*transform="rotate\(30[^>]*>([^<]+)</text>', page)  # months by name
    assert months == ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                      "October", "November", "December"]
    assert not re.search(r"2026-\d\d", page)
    for panel in PANELS:
        assert f"<h3>{PANEL_TITLES[panel]}</h3>" in page
    assert f'<td>new cases</td><td class="n">{total(figures, "new_cases")}</td>' in page


@pytest.mark.sqlite_only
def test_the_page_is_the_service_s_with_its_name_and_city_and_no_developer_s_line(year):
    page = year[0].read_text(encoding="utf-8")
    assert "<h1>Dienst huurbegeleiding Mechelen: the year 2026 in figures</h1>" in page
    assert "<title>Dienst huurbegeleiding Mechelen: the year 2026 in figures</title>" in page
    assert "Sociaal Huis Mechelen" in page and "Grote Markt 21, 2800 Mechelen" in page  # its paper's foot
    assert "huurbeg/" not in page and ".py" not in page and "Made by huurbeg" not in page


@pytest.mark.sqlite_only
def test_the_four_results_are_bars_of_their_own_not_shares_of_a_pie(year):
    page = year[0].read_text(encoding="utf-8")
    results = re.findall(r"<svg.*?</svg>", page, re.S)[0]
    assert 'class="graph bar-graph vertical"' in results and "pie" not in results.lower()
    bars = re.findall(r'<rect x="[\d.]+" y="[\d.]+" rx="0" ry="0" width="([\d.]+)" height="([\d.]+)" '
                      r'class="rect reactive tooltip-trigger"', results)
    assert len(bars) == 4  # one bar per result, each its own series (its own colour)


@pytest.mark.sqlite_only
def test_the_months_are_named_in_dutch(year):
    from typer.testing import CliRunner

    from huurbeg.cli.root import app

    report = year[0].with_name("report-nl-months.html")
    env = {"HUURBEG_DB": str(year[0].with_name("demo.db")), "HUURBEG_TODAY": "2026-12-31", "HUURBEG_LANG": "nl"}
    assert CliRunner().invoke(app, ["stats", "--year", "2026", "-f", "html", "-o", str(report)], env=env).exit_code == 0
    page = report.read_text(encoding="utf-8")
    assert re.findall(r'<text[^>]*transform="rotate\(30[^>]*>([^<]+)</text>', page) == MONTHS_NL
    assert "<h1>Dienst huurbegeleiding Mechelen: het jaar 2026 in cijfers</h1>" in page


@pytest.mark.sqlite_only
def test_without_the_service_s_name_the_report_says_what_to_set_and_writes_nothing(cli, tmp_path):
    from conftest import assert_one_line_error

    cli("intake", "--track", "pw", "--tenant", "X", "--source", "tenant", "--tenant-informed", "--no-input")
    cli("service", "set", "--name", "Dienst huurbegeleiding")
    for fmt, name in (("html", "r.html"), ("pdf", "r.pdf")):
        result = cli("stats", "--year", "2026", "--format", fmt, "--output", str(tmp_path / name))
        assert_one_line_error(result, code=2, contains="huurbeg service set --place ...")
        assert not (tmp_path / name).exists()


@pytest.mark.sqlite_only
@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_legend_under_the_bars_never_runs_into_its_neighbour(year, language):
    """Each legend entry of the month chart ends before the next one in its row starts, and inside
    the chart, counting every letter as wide as the widest average sans-serif letter."""
    from typer.testing import CliRunner

    from huurbeg.output.annual_report import CHART_WIDTH, LEGEND_EM, LEGEND_FONT
    from huurbeg.cli.root import app

    report = year[0].with_name(f"report-{language}.html")
    env = {"HUURBEG_DB": str(year[0].with_name("demo.db")), "HUURBEG_TODAY": "2026-12-31", "HUURBEG_LANG": language}
    made = CliRunner().invoke(app, ["stats", "--year", "2026", "-f", "html", "-o", str(report)], env=env)
    assert made.exit_code == 0, made.output
    charts = re.findall(r"<svg.*?</svg>", report.read_text(encoding="utf-8"), re.S)
    results = charts[0][charts[0].index('class="legends"'):]  # the results' legend under their bars too
    assert len(re.findall(r"<text[^>]*>[^<]+; \d+</text>", results)) == 4
    months = charts[1]
    legend = months[months.index('class="legends"'):]
    entries = [(float(y), float(box), float(x), text) for box, y, x, text in re.findall(
        r'<rect x="([\d.]+)" y="([\d.]+)"[^>]*/><text x="([\d.]+)"[^>]*>([^<]+)</text>', legend)]
    assert len(entries) == 5  # new cases and the four results
    rows = {}
    for y, box, x, text in entries:
        rows.setdefault(y, []).append((box, x, len(text)))
    for row in rows.values():
        row.sort()
        ends = [x + letters * LEGEND_FONT * LEGEND_EM for _box, x, letters in row]
        starts = [box for box, _x, _letters in row[1:]] + [CHART_WIDTH - 72]
        assert all(end <= start for end, start in zip(ends, starts)), row


@pytest.mark.sqlite_only
def test_the_page_counts_the_year_s_fbu_agreements(year):
    from huurbeg.core import money

    report, figures, _ = year
    page = report.read_text(encoding="utf-8")
    assert total(figures, "fbu_agreements_signed") > 0  # the demo signs some: the rows below are not all zero
    for key, label in (("fbu_agreements_signed", "FBU agreements signed"), ("fbu_advances_paid", "FBU advances paid"),
                       ("fbu_agreements_filed", "FBU agreements filed"), ("fbu_plans_broken", "FBU plans broken")):
        assert f'<td>{label}</td><td class="n">{total(figures, key)}</td>' in page, key
    paid = money.fmt(round(total(figures, "fbu_advances_paid_amount") * 100))
    assert f'<td>FBU advances paid amount</td><td class="n">{paid}</td>' in page


@pytest.mark.sqlite_only
def test_html_is_refused_for_the_figures_per_worker(cli):
    cli("intake", "--track", "pw", "--tenant", "X", "--source", "tenant", "--tenant-informed", "--no-input")
    result = cli("stats", "--year", "2026", "--by-worker", "--format", "html")
    assert result.exit_code == 2 and "--by-worker" in result.stderr


def browser() -> str | None:
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def png_colours(data: bytes) -> set:
    """The distinct pixel rows' bytes of a PNG (enough to tell a page with charts from a blank one)."""
    chunks, offset = [], 8
    while offset < len(data):
        length = int.from_bytes(data[offset:offset + 4], "big")
        kind = data[offset + 4:offset + 8]
        if kind == b"IDAT":
            chunks.append(data[offset + 8:offset + 8 + length])
        offset += 12 + length
    return set(zlib.decompress(b"".join(chunks)))


@pytest.mark.slow
@pytest.mark.sqlite_only
@pytest.mark.skipif(browser() is None, reason="no headless browser installed (Debian: apt-get install chromium)")
def test_the_page_renders_in_a_real_browser_to_an_image_and_an_a4_pdf(year, tmp_path):
    report, _, _ = year
    offline = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
               "--host-resolver-rules=MAP * ~NOTFOUND",  # no network: the page must not need it
               f"--user-data-dir={tmp_path / 'profile'}"]
    png, pdf = tmp_path / "report.png", tmp_path / "report.pdf"
    for extra in ([f"--screenshot={png}", "--window-size=1240,1754", "--hide-scrollbars"],
                  [f"--print-to-pdf={pdf}", "--no-pdf-header-footer"]):
        run = subprocess.run([browser(), *offline, *extra, report.as_uri()], capture_output=True, text=True,
                             timeout=180)
        assert run.returncode == 0, run.stderr[-2000:]
    image = png.read_bytes()
    assert png_size(image) == (1240, 1754)
    assert len(image) > 40_000 and len(png_colours(image)) > 50  # charts and text, not a blank page
    document = pdf.read_bytes()
    assert document.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", document))
    assert 1 <= pages <= 6, pages
    sizes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", document)
    assert sizes and all(abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2 for w, h in sizes)  # A4
    Path(report.parent / "report.png").write_bytes(image)  # kept beside the report for a look


@pytest.fixture(scope="module")
def report_pdf(year):
    """The same year's report as a PDF, in Dutch (the council's language), with the service's logo."""
    from typer.testing import CliRunner

    from huurbeg.cli.root import app

    folder = year[0].parent
    from test_service import png

    logo = folder / "logo.png"
    logo.write_bytes(png(40, 20))
    env = {"HUURBEG_DB": str(folder / "demo.db"), "HUURBEG_TODAY": "2026-12-31", "HUURBEG_LANG": "nl"}
    runner = CliRunner()
    assert runner.invoke(app, ["service", "set", "--logo", str(logo)], env=env).exit_code == 0
    out = folder / "jaarverslag-2026.pdf"
    made = runner.invoke(app, ["stats", "--year", "2026", "--format", "pdf", "--output", str(out)], env=env)
    assert made.exit_code == 0, made.output
    assert made.stdout == "" and "Ignoring" not in made.stderr, made.stderr  # nothing but the file
    figures = json.loads(runner.invoke(app, ["stats", "--year", "2026", "-f", "json"], env=env).stdout)
    return out, figures


@pytest.mark.sqlite_only
def test_the_pdf_holds_the_page_s_title_results_months_and_panels(report_pdf, year):
    pypdf = pytest.importorskip("pypdf")
    out, figures = report_pdf
    reader = pypdf.PdfReader(out)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Dienst huurbegeleiding Mechelen: het jaar 2026 in cijfers" in text.replace("\n", " ")
    assert "Sociaal Huis Mechelen" in text and "Grote Markt 21, 2800 Mechelen" in text
    for key, label in (("evictions_prevented", "Uithuiszetting voorkomen"),
                       ("transit_admissions", "Opgenomen in een doorstroomwoning")):
        assert f"{label}; {total(figures, key)}" in text  # the legend of its own bar
    for month in MONTHS_NL:
        assert month in text
    assert "Aanmelding" in text and "Dossiers" in text
    assert "huurbeg/" not in text and "€" in text  # the FBU amount, in the bundled font
    for case in year[2]:  # counts only
        assert case["tenant"] not in text and case["case"] not in text
    assert reader.pages[0].images, "no logo drawn"
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2  # A4


@pytest.mark.sqlite_only
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed here; "
                    "Debian: apt-get install poppler-utils")
def test_the_pdf_s_first_page_renders_as_an_image_with_its_charts(report_pdf, tmp_path):
    out, _ = report_pdf
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")],
                   check=True, capture_output=True, timeout=60)
    [image] = tmp_path.glob("page*.png")
    data = image.read_bytes()
    width, height = png_size(data)
    assert abs(width - 413) <= 1 and abs(height - 585) <= 1  # A4 at 50 dpi
    assert len(png_colours(data)) > 50  # bars in the results' colours and text: no blank page


@pytest.mark.sqlite_only
def test_no_line_of_the_pdf_is_stretched_to_the_margins(report_pdf):
    pypdf = pytest.importorskip("pypdf")
    out, _ = report_pdf
    for page in pypdf.PdfReader(out).pages:  # a justified line is drawn word by word (TJ): the title was one
        assert b"TJ" not in page.get_contents().get_data()


@pytest.mark.sqlite_only
def test_a_year_without_results_says_so_instead_of_empty_charts(cli, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    assert cli("service", "set", *SERVICE).exit_code == 0
    dutch = {"HUURBEG_LANG": "nl"}
    out = tmp_path / "jaarverslag.pdf"
    made = cli("stats", "--year", "2025", "--format", "pdf", "--output", str(out), env=dutch)
    assert made.exit_code == 0, made.output
    first = pypdf.PdfReader(out).pages[0].extract_text()
    assert "Nog geen resultaten in deze periode" in first and "In deze maanden is nog niets geteld" in first
    assert "Uithuiszetting voorkomen; 0" not in first  # no legend of bars that are not there
    page = tmp_path / "jaarverslag.html"
    assert cli("stats", "--year", "2025", "--format", "html", "--output", str(page), env=dutch).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "Nog geen resultaten in deze periode" in html and "<svg" not in html


@pytest.mark.parametrize("name, place, shown", [
    ("Dienst huurbegeleiding Gent", "Gent", "Dienst huurbegeleiding Gent: the year 2026 in figures"),
    ("Dienst huurbegeleiding", "Gent", "Dienst huurbegeleiding Gent: the year 2026 in figures"),
    ("Dienst huurbegeleiding Gentbrugge", "Gent", "Dienst huurbegeleiding Gentbrugge Gent: the year 2026 in figures"),
])
def test_the_title_names_the_city_once(name, place, shown):
    from types import SimpleNamespace

    from huurbeg.output.annual_report import title

    year = SimpleNamespace(label="2026", shown=lambda: "2026")
    assert title(year, SimpleNamespace(name=name, place=place)) == shown
