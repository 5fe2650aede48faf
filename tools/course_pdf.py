"""Print the whole course to one PDF: ``downhill-pdf [SITE] [OUT]`` (``make pdf``).

The built site already has the course on one page, ``print_page/``: mkdocs-print-site-plugin joins every
page of the nav in order and makes their anchors unique. This prints that page in Debian's Chromium, the
browser the site is tested in, so math, diagrams, figures and widgets come out as readers see them. It
serves the site on localhost only and refuses any other request, waits for KaTeX and Mermaid, lets
course_pdf.js add the cover and the contents, and prints once. The contents are printed with an empty box
for each page number; contents_numbers.py then reads from the PDF's links where each entry starts and
writes the numbers into the boxes, in a few seconds where a second print of the whole book took minutes.
Chromium makes the outline (bookmarks) from the headings, dropping the space at a wrapped heading's line
breaks, which pdf_outline.py restores; the page numbers come from docs/stylesheets/print.css.

It imports neither MkDocs nor the build hooks: its only input is the built site.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import functools
import http.server
import io
import os
import shutil
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

PRINT_PAGE = "print_page/"
PDF_NAME = "downhill.pdf"  # in the site folder, where the home page links to it
SCRIPT = Path(__file__).with_name("course_pdf.js")
INSTALL_HINT = "install Chromium with `sudo apt-get install chromium` (Debian) and run `make pdf` again"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
WAIT_MS = 60_000

# What the page must finish before it prints, by name, for the message when it never does.
READY = {
    "math": "[...document.querySelectorAll('.arithmatex')].every((e) => e.querySelector('.katex, .katex-error'))",
    "diagrams": "!document.querySelector('pre.mermaid')",
    "images": "[...document.images].every((image) => image.complete)",
}
# Screen-only parts of the theme and of lessons; print CSS hides them, and the PDF is refused if one shows.
SCREEN_ONLY = (
    ".md-header, .md-tabs, .md-sidebar, .md-search, .md-footer, .md-top, .md-code__nav, "
    ".dh-widget, .dh-quiz__actions, .dh-quiz__hint, .dh-complete, .dh-progress, .dh-download, .zeroclipboard-container"
)
BROKEN = """(screenOnly) => [
  ...[...document.querySelectorAll(screenOnly)].filter((e) => e.getClientRects().length)
    .map((e) => `screen-only element shown in print: ${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`),
  ...[...document.querySelectorAll('.katex-error')].map((e) => `math that KaTeX cannot typeset: ${e.title}`),
  ...[...document.images].filter((i) => i.naturalWidth === 0 && i.getClientRects().length)
    .map((i) => `image that did not load: ${i.getAttribute('src')}`),
]"""


class PdfError(Exception):
    """Something that stops the PDF; the message says what and what to do."""


@dataclass(frozen=True)
class Printed:
    path: Path
    pages: int
    size: int  # bytes
    seconds: float
    steps: dict[str, float]  # seconds per step of the print, in order: where the time goes (bench/pdf_speed.py)


def find_chromium() -> str:
    """Debian's Chromium, or a PdfError saying how to install it: the PDF is never printed by another browser."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        raise PdfError(f"the PDF is printed by Chromium, which is not installed: {INSTALL_HINT}")
    return found


def build_date(environ: Mapping[str, str] = os.environ) -> datetime.date:
    """Today, or the day of SOURCE_DATE_EPOCH when it is set, so a rebuild of the same sources can say the same."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
    return datetime.datetime.now(tz=datetime.UTC).date()


def spoken_date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def make_pdf(
    site: Path,
    out: Path,
    *,
    browser=None,
    base_url: str | None = None,
    built_on: datetime.date | None = None,
) -> Printed:
    """Print ``site`` to ``out``. Give ``browser`` and ``base_url`` to reuse a running Chromium and server."""
    start = time.perf_counter()
    if not (site / PRINT_PAGE / "index.html").is_file():
        raise PdfError(f"{site / PRINT_PAGE / 'index.html'} is missing: build the site first (`make pdf` does)")
    day = spoken_date(built_on or build_date())
    steps: dict[str, float] = {}
    watch = _Stopwatch(steps)
    with contextlib.ExitStack() as stack:
        if base_url is None:
            base_url = stack.enter_context(_serve(site))
        if browser is None:
            from playwright.sync_api import sync_playwright

            executable = find_chromium()
            playwright = stack.enter_context(sync_playwright())
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            stack.callback(browser.close)
        context = browser.new_context(color_scheme="light")
        stack.callback(context.close)
        watch.lap("browser")
        pdf = _print(context, base_url, day, watch)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pdf)
    pages = _page_count(pdf)
    return Printed(out, pages, len(pdf), time.perf_counter() - start, steps)


class _Stopwatch:
    """Records how long each named step since the previous one took, into ``steps``."""

    def __init__(self, steps: dict[str, float]) -> None:
        self.steps = steps
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.steps[name] = self.steps.get(name, 0.0) + now - self.last
        self.last = now


def _print(context, base_url: str, day: str, watch: _Stopwatch) -> bytes:
    """Load the print page, check it is complete, print it once and number its contents (see the module's docstring)."""
    # Imported here, not at the top: `make pdf` runs `--check` on the bare Python 3 before setup installs pypdf.
    from .contents_numbers import ContentsError, Style, number_contents
    from .pdf_outline import restore_titles

    problems: list[str] = []
    origin = base_url.rstrip("/")

    def only_this_site(route) -> None:
        url = route.request.url
        if url == origin or url.startswith((origin + "/", "data:", "blob:")):
            route.continue_()
        else:
            problems.append(f"request outside the site, refused: {url}")
            route.abort()

    context.route("**/*", only_this_site)
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.goto(f"{origin}/{PRINT_PAGE}", wait_until="networkidle")
    watch.lap("load")
    page.emulate_media(media="print")
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach((image) => { image.loading = 'eager' })")
    watch.lap("print media")
    for what, condition in READY.items():
        try:
            page.wait_for_function(condition, timeout=WAIT_MS)
        except Exception as error:  # Playwright's TimeoutError; its message names no page element
            raise PdfError(f"the {what} on the print page did not finish within {WAIT_MS // 1000} s") from error
        watch.lap(what)
    page.evaluate("document.fonts.ready.then(() => true)")
    page.add_script_tag(path=str(SCRIPT))
    book = page.evaluate("day => downhillPdf.prepare(day)", day)
    problems += page.evaluate(BROKEN, SCREEN_ONLY)
    watch.lap("contents")
    if not (book["cover"]["title"] and book["cover"]["versions"]):
        problems.append("the page has no site name or no footer line with the versions for the cover")
    if problems:
        counted = Counter(problems)
        lines = [problem + (f" ({count} times)" if count > 1 else "") for problem, count in counted.items()]
        raise PdfError("the print page is not ready to print:\n  " + "\n  ".join(lines))
    style = Style(color=tuple(book["style"]["color"]), bold=frozenset(book["style"]["bold"]))
    pdf = print_pdf(page)
    watch.lap("print")
    try:
        numbered = number_contents(pdf, book["ids"], book["slot"], style)
    except ContentsError as error:
        raise PdfError(f"the contents cannot be numbered: {error}") from error
    watch.lap("page numbers")
    return restore_titles(numbered, book["headings"])


def print_pdf(page) -> bytes:
    """The one print of the book, with its outline and tags."""
    return page.pdf(outline=True, tagged=True, print_background=True, prefer_css_page_size=True)


def _page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


@contextlib.contextmanager
def _serve(site: Path) -> Iterator[str]:
    """The built site on a free port of 127.0.0.1, for as long as the print takes."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print the built course (site/print_page/) to one PDF.")
    parser.add_argument("site", nargs="?", type=Path, default=Path("site"))
    parser.add_argument("out", nargs="?", type=Path, help=f"default: SITE/{PDF_NAME}")
    parser.add_argument("--check", action="store_true", help="only check that Chromium is installed")
    args = parser.parse_args(argv)
    try:
        find_chromium()
        if args.check:
            return 0
        printed = make_pdf(args.site, args.out or args.site / PDF_NAME)
    except PdfError as error:
        print(f"make pdf: {error}", file=sys.stderr)
        return 2
    print(
        f"Wrote {printed.path}: {printed.pages} pages, {printed.size / 1e6:.1f} MB, in {printed.seconds:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
