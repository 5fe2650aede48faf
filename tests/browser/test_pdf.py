"""The course PDF (`make pdf`), printed from the browser tests' site and read back with pypdf.

That site is the real course plus the anatomy fixture pages as a module, so the PDF has executed output,
a figure, math and a Mermaid diagram to check. Its first pages are rendered to PNG in test-artifacts/pdf/.
"""

from __future__ import annotations

import fnmatch
import importlib.metadata
import os
import platform
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from downhill_tools.course_pdf import PDF_NAME, build_date, make_pdf
from mkdocs.utils.yaml import yaml_load
from playwright.sync_api import Page
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "pdf"
EPOCH_DAY = "1 January 1970"  # SOURCE_DATE_EPOCH=0


@pytest.fixture(scope="module")
def print_calls() -> list[dict]:
    """The options of every print Chromium made for the PDF, filled in by `printed`."""
    return []


@pytest.fixture(scope="module")
def printed(served, browser, tmp_path_factory, print_calls):
    site, base_url = served
    out = tmp_path_factory.mktemp("pdf") / "downhill.pdf"
    real_pdf = Page.pdf

    def counted(page, **options):
        print_calls.append(options)
        return real_pdf(page, **options)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Page, "pdf", counted)
        return make_pdf(site, out, browser=browser, base_url=base_url, built_on=build_date({"SOURCE_DATE_EPOCH": "0"}))


@pytest.fixture(scope="module")
def reader(printed) -> PdfReader:
    return PdfReader(printed.path)


@pytest.fixture(scope="module")
def texts(reader) -> list[str]:
    """Each page's text, ligatures spelt out (NFKC): whether "fi" is one glyph depends on the font."""
    return [unicodedata.normalize("NFKC", page.extract_text()) for page in reader.pages]


@pytest.fixture(scope="module")
def nav(served) -> list[tuple[str, list[str] | None]]:
    """The nav the PDF must follow: (module, [lesson titles]) or (page title, None), print-site's excludes left out."""
    project = served[0].parent
    config = yaml_load((project / "project.yml").read_text())
    plugin = next(item["print-site"] for item in config["plugins"] if isinstance(item, dict) and "print-site" in item)

    def kept(items) -> list[tuple[str, list[str] | None]]:
        found = []
        for item in items:
            # A page listed without a title (a module's page, modules/ID/index.md) is named by its path.
            ((title, value),) = item.items() if isinstance(item, dict) else [(item, item)]
            if isinstance(value, list):
                lessons = [lesson for lesson, _ in kept(value)]
                found += [(title, lessons)] if lessons else []
            elif not any(fnmatch.fnmatch(value, pattern) for pattern in plugin["exclude"]):
                found.append((title, None))
        return found

    return kept(yaml_load((project / "mkdocs.yml").read_text())["nav"])


def _contents_pages(reader: PdfReader) -> range:
    """The contents start on page 2 and run, a longer course onto more pages, up to the first entry's page."""
    lines = _lines(reader.pages[1])
    first = re.search(r"\s(\d+)$", lines[lines.index("Contents") + 1])
    assert first, f"no page number on the contents' first entry: {lines[:3]}"
    return range(1, int(first.group(1)) - 1)


def test_contents_list_every_module_and_lesson_in_nav_order_then_the_glossary(reader, texts, nav):
    titles = [title for module, lessons in nav for title in [module, *(lessons or [])]]
    assert titles[-1] == "Glossary"
    assert "Hello minimize" in titles and "Contributing" not in titles and "Home" not in titles
    contents = "\n".join(texts[page] for page in _contents_pages(reader))
    assert "Contents" in contents.splitlines()
    positions = [contents.find(title) for title in titles]
    assert -1 not in positions, f"missing from the contents: {[t for t in titles if t not in contents]}"
    assert positions == sorted(positions), "the contents are not in nav order"


def test_each_contents_entry_names_the_page_its_title_is_printed_on(reader, texts, nav):
    titles = [title for module, lessons in nav for title in [module, *(lessons or [])]]
    lines = [line for page in _contents_pages(reader) for line in _lines(reader.pages[page])]
    # An entry is the page's own title, which may go on past the nav's shorter one, then its page number.
    starts = []
    for title in titles:
        entry = next((line for line in lines if line.startswith(title)), None)
        found = entry and re.fullmatch(r".*?\s(\d+)", entry)
        assert found, f"no page number after {title!r} in the contents: {lines}"
        starts.append(int(found.group(1)))
    assert starts == sorted(starts) and starts[0] > 2
    for title, start in zip(titles, starts, strict=True):
        assert title in " ".join(texts[start - 1].split()), f"{title!r} does not start on page {start}"


def test_chromium_prints_the_book_once_with_its_outline_and_tags(print_calls, reader):
    assert len(print_calls) == 1
    assert print_calls[0]["outline"] and print_calls[0]["tagged"]
    assert "/StructTreeRoot" in reader.trailer["/Root"] and reader.outline


def test_bookmarks_nest_lessons_under_their_modules(reader, nav):
    outline = _tree(reader.outline)
    assert [title for title, _ in outline] == ["Downhill", "Contents", *(title for title, _ in nav)]
    for (title, lessons), (_, children) in zip(nav, outline[2:], strict=True):
        assert len(children) == len(lessons or children), f"module {title!r} does not hold its lessons"
    hello = dict(dict(outline)["Module 2 · SciPy's toolbox"])["Hello minimize"]
    assert {"Core ideas", "Exercises", "Solutions", "Answer key"} <= {title for title, _ in hello}


def test_every_page_but_the_cover_is_numbered(texts):
    total = len(texts)
    assert total > 5
    assert f"1 / {total}" not in texts[0]
    for number, text in enumerate(texts[1:], start=2):
        assert f"{number} / {total}" in text, f"page {number} has no page number"


def test_cover_names_the_course_the_build_date_and_the_versions(texts):
    cover = texts[0]
    assert "Downhill" in cover and f"Built on {EPOCH_DAY}" in cover
    for name, shown in (("numpy", "NumPy"), ("scipy", "SciPy"), ("matplotlib", "Matplotlib")):
        assert f"{shown} {importlib.metadata.version(name)}" in cover
    assert f"Python {platform.python_version()}" in cover


def test_executed_output_and_figures_are_printed_once_each(texts, reader):
    text = "\n".join(texts)
    assert "printed-token-42" in text
    assert "stopped at [ 2. -1.] after" in text  # hello-minimize's real output
    figures = _figure_alts(reader)
    assert figures.count("A figure that must be printed") == 1  # and not its dark-theme twin
    assert sum("Contour lines of the bowl" in alt for alt in figures) == 1


def test_widgets_are_replaced_by_their_static_figure(texts, reader):
    assert "Drag the slider" not in "\n".join(texts)
    assert _figure_alts(reader).count("Static figure of the step-size widget") == 1


def test_math_and_diagrams_are_rendered_and_no_markup_leaks(texts):
    text = "\n".join(texts)
    for raw in ("--8<--", "<!--", "$$", "\\frac", "\\(", "flowchart LR", "-->|No|", "A[Start at x0]"):
        assert raw not in text, f"raw markup in the PDF: {raw!r}"
    assert "Start at x0" in text  # the diagram's label, drawn by Mermaid
    assert "λ" in text and "α" in text  # \lambda and \alpha, typeset by KaTeX


def test_questions_have_an_answer_key_and_solutions_end_the_lesson(texts):
    text = "\n".join(texts)
    # How pypdf spaces the words around inline code depends on the fonts' metrics, so compare without spaces.
    assert "Correct:B(successandmessage)" in "".join(text.split())
    last_exercise = text.index("Exercise 3: stopped is not solved")  # Hello minimize's last exercise
    assert text.index("Solutions\n", last_exercise) < text.index("Answer key", last_exercise)
    assert text.rindex("Answer key") < text.index("Glossary\nEvery term")


def test_no_navigation_or_controls_are_printed(texts):
    text = "\n".join(texts)
    chrome = ("Skip to content", "Writing a lesson", "Made with Material")  # header, nav, footer
    controls = ("Check answer", "Show a hint", "Mark this lesson complete", "Export progress")
    for screen_only in chrome + controls:
        assert screen_only not in text, f"printed: {screen_only!r}"


def test_first_pages_are_rendered_to_png_for_a_person_to_look_at(printed):
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        if os.environ.get("DOWNHILL_REQUIRE_BROWSER"):
            pytest.fail("pdftoppm is missing: .ci/run installs poppler-utils")
        pytest.skip("rendering the PDF to PNG needs pdftoppm: `sudo apt-get install poppler-utils`")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("page-*.png"):
        old.unlink()
    shutil.copy(printed.path, ARTIFACTS / "downhill.pdf")
    subprocess.run([pdftoppm, "-png", "-r", "60", "-l", "6", printed.path, ARTIFACTS / "page"], check=True)
    rendered = sorted(ARTIFACTS.glob("page-*.png"))
    assert len(rendered) == 6
    assert all(path.stat().st_size > 2000 for path in rendered)


def _lines(page) -> list[str]:
    """A page's lines of text as laid out, ligatures spelt out and spacing made single, which depend on the fonts."""
    layout = unicodedata.normalize("NFKC", page.extract_text(extraction_mode="layout"))
    return [" ".join(line.split()) for line in layout.splitlines() if line.strip()]


def _tree(items) -> list[tuple[str, list]]:
    """pypdf's outline as [(title, children)]: in pypdf, a list that follows an item holds its children."""
    tree: list[tuple[str, list]] = []
    for item in items:
        if isinstance(item, list):
            tree[-1] = (tree[-1][0], _tree(item))
        else:
            tree.append((item.title, []))
    return tree


def _figure_alts(reader: PdfReader) -> list[str]:
    """The alt text of every figure in the tagged PDF's structure tree: Chromium tags each shown <img>."""
    found: list[str] = []

    def walk(node) -> None:
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            if node.get("/S") == "/Figure":
                found.append(str(node.get("/Alt", "")))
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_the_home_page_links_to_the_pdf_where_make_pdf_writes_it(site_dir):
    home = (site_dir / "index.html").read_text()
    assert f'<a href="{PDF_NAME}" download>Download the whole course as a PDF</a>' in home


def test_the_print_times_each_step_for_the_bench(printed):
    steps = ["browser", "load", "print media", "math", "diagrams", "images", "contents", "print", "page numbers"]
    assert list(printed.steps) == steps
    assert sum(printed.steps.values()) <= printed.seconds
