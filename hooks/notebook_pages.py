"""MkDocs adapter for notebook pages: what mkdocs-jupyter renders from docs/**/*.ipynb, fitted to the site.

mkdocs-jupyter executes each notebook at build and renders it with nbconvert. Its HTML loads MathJax and
Mermaid from a CDN, and gives every figure the alt text "No description has been provided for this image".
This adapter removes the CDN scripts, typesets the notebook's math with KaTeX (``downhill_math``), takes
each figure's alt text from its cell's ``alt`` metadata (nbconvert's own convention, which its current
templates no longer read), lets the keyboard reach code that scrolls sideways, turns nbconvert's heading
anchors into Material's, and adds the download link under the title. A figure without alt text stops the
build, as it does in a lesson. The code's colours are the site's: downhill.css.
"""

from __future__ import annotations

import html
import logging
import os
import re
import shutil
from pathlib import Path

import downhill_mkdocs as adapter
import nbformat
from downhill_engine import environment
from downhill_engine.errors import EngineError
from downhill_math.dollars import typeset
from downhill_math.katex import MathError
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.plugins.downhill.notebooks")
PLUGIN = "mkdocs-jupyter"
CDN_SCRIPTS = (
    re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.DOTALL),
    re.compile(r"<script type=\"module\">(?:(?!</script>).)*?mermaid.*?</script>", re.DOTALL),
)
MARKDOWN_CELL = re.compile(r'(<div class="[^"]*\bjp-RenderedMarkdown\b[^"]*"[^>]*>)(.*?)(</div>)', re.DOTALL)
CELL = re.compile(r'id="cell-id=(?P<id>[^"]+)"')
IMAGE = re.compile(r"<img\b(?P<attributes>[^>]*?)\s*/?>")
ALT = re.compile(r'\s+alt="[^"]*"')
COPY_BUTTON_TYPO = re.compile(r'(<clipboard-copy for="[^"]*"),')  # mkdocs-jupyter's template writes `for="…",`
CODE = '<div class="highlight-ipynb'
ANCHOR = 'class="anchor-link"'  # nbconvert's "¶" after a heading; Material styles, and print drops, its own
HEADERLINK = 'class="headerlink"'
FOCUSABLE_CODE = '<div tabindex="0" class="highlight-ipynb'  # it scrolls sideways: keyboard users must reach it
TITLE_END = "</h1>"

_state: dict = {"command": "build"}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_config(config):
    """Run notebooks as Jupyter would, and re-run them when a package changes.

    The kernels mkdocs-jupyter starts inherit this process's environment. `make` exports MPLBACKEND=Agg
    for the in-process tests, and with it a kernel draws no figure inline, so it is dropped here. The
    plugin caches a page by the notebook's text and its own options only, so its cache goes in a folder
    named after the installed packages (the engine's fingerprint): new versions, new outputs.
    """
    os.environ.pop("MPLBACKEND", None)
    plugin = config.plugins.get(PLUGIN)
    if plugin is not None and plugin.config["cache"]:
        cache = adapter.cache_dir(config)
        current = cache / "notebooks" / environment.fingerprint()[:16]
        for stale in current.parent.glob("*"):
            if stale != current:
                shutil.rmtree(stale, ignore_errors=True)
        plugin.config["cache_dir"] = str(current)
    return config


@event_priority(50)  # before print-site copies the page into the printed course
def on_page_content(content: str, page, config, files) -> str:
    if not page.file.src_uri.endswith(".ipynb"):
        return content
    path = Path(page.file.abs_src_path)
    shown = adapter.shown(path, config)
    try:
        content = _with_alt_text(content, nbformat.read(path, as_version=4), shown)
        content = _with_math(content, shown)
    except EngineError as error:
        if not adapter.shows_errors_on_the_page(_state["command"]):
            adapter.stop([error])
        log.warning("%s", error.format())
    for script in CDN_SCRIPTS:
        content = script.sub("", content)
    content = COPY_BUTTON_TYPO.sub(r"\1", content).replace(CODE, FOCUSABLE_CODE).replace(ANCHOR, HEADERLINK)
    return _with_download_link(content, path.name)


def _with_alt_text(content: str, notebook, shown: str) -> str:
    """Give each figure the ``alt`` text of the cell that drew it; a figure without one is an error."""
    cells = {cell.get("id"): (number, cell) for number, cell in enumerate(notebook.cells, start=1)}
    marks = list(CELL.finditer(content))
    parts = [content[: marks[0].start()] if marks else content]
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(content)
        segment = content[mark.start() : end]
        number, cell = cells.get(mark["id"], (0, None))
        if cell is not None and cell.cell_type == "code" and IMAGE.search(segment):
            alt = cell.metadata.get("alt")
            if not alt:
                raise EngineError(
                    shown,
                    None,
                    f"cell {number} draws a figure without alt text",
                    'Add "alt": "what the figure shows" to the cell\'s metadata (in JupyterLab: the property '
                    "inspector, Cell Metadata). Say what a reader should see, not what the code does.",
                )
            tag = f'<img alt="{html.escape(alt)}"'
            segment = IMAGE.sub(lambda image, tag=tag: tag + ALT.sub("", image["attributes"]) + ">", segment)
        parts.append(segment)
    return "".join(parts)


def _with_math(content: str, shown: str) -> str:
    """The Markdown cells' ``$…$`` and ``$$…$$`` typeset by KaTeX, as a lesson's are."""

    def cell(match: re.Match) -> str:
        try:
            return match[1] + typeset(match[2]) + match[3]
        except MathError as error:
            raise EngineError(shown, None, "KaTeX cannot typeset a formula in a Markdown cell", str(error)) from None

    return MARKDOWN_CELL.sub(cell, content)


def _with_download_link(content: str, name: str) -> str:
    """The link to the notebook that mkdocs-jupyter's ``include_source`` puts next to the page."""
    link = (
        f'<p class="dh-download"><a href="{html.escape(name)}" download="{html.escape(name)}">'
        "Download this notebook</a> to run it in Jupyter.</p>"
    )
    at = content.find(TITLE_END)
    at = at + len(TITLE_END) if at >= 0 else 0
    return content[:at] + link + content[at:]
