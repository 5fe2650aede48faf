"""The same pages for the tools people use instead: markdown-exec fences, and notebooks for mkdocs-jupyter.

Both are made from the engine's own parse and plan, so each tool runs exactly the blocks the engine runs
(includes expanded, skipped blocks left as plain code) and no others. What each tool shows differs a little:
- markdown-exec: every run block gets `exec="on"` with one session per page, its source above and what it
  prints as text below; a hidden block after it prints the figures it left open as SVG and closes them, as
  the engine does. markdown-exec has no notebook-style display of a final expression's value.
- mkdocs-jupyter: one notebook per page, prose in Markdown cells and each run block a code cell, run in a
  fresh kernel per notebook; a first cell (removed from the page) asks for SVG figures.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from downhill_engine.includes import Includes
from downhill_engine.parse import Block, Page, parse_page
from downhill_engine.plan import plan_page
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent

FIGURES_AS_SVG = """\
import io as _io
import matplotlib.pyplot as _plt
for _number in _plt.get_fignums():
    _svg = _io.StringIO()
    _plt.figure(_number).savefig(_svg, format="svg")
    print(_svg.getvalue())
_plt.close("all")"""
JUPYTER_SETUP = '%config InlineBackend.figure_formats = ["svg"]'
SETUP_TAG = "bench-setup"


def read_page(project: Path, docs_path: str) -> tuple[Page, list[Block]]:
    """A page as the engine parses it, and the blocks the engine would run, in page order."""
    includes = Includes(project, [project / "snippets"])
    relative = f"docs/{docs_path}"
    page = parse_page(relative, includes.expand((project / relative).read_text(encoding="utf-8"), relative))
    runs = [block for item in plan_page(page) if item.skip_reason is None for block in item.session.blocks]
    return page, sorted(runs, key=lambda block: block.start)


def markdown_exec_page(page: Page, runs: list[Block], session: str) -> str:
    """The page's expanded Markdown with markdown-exec fences on the blocks the engine runs."""
    lines = list(page.expanded.lines)
    for block in reversed(runs):  # from the bottom up, so earlier line numbers stay valid
        options = f'exec="on" source="above" result="text" session="{session}"'
        opening = lines[block.start - 1]
        lines[block.start - 1] = opening.rstrip() + " " + options
        fence = opening.strip()[: len(opening.strip()) - len(opening.strip().lstrip("`"))]
        figures = [f'{fence}python exec="on" html="1" session="{session}"', *FIGURES_AS_SVG.splitlines(), fence]
        lines[block.end : block.end] = [block.indent + line if line else line for line in figures]
    return "\n".join(lines) + "\n"


def notebook(page: Page, runs: list[Block]) -> nbformat.NotebookNode:
    """The page as a notebook: Markdown cells between code cells, one for each block the engine runs."""
    lines = page.expanded.lines
    cells = [new_code_cell(JUPYTER_SETUP, metadata={"tags": [SETUP_TAG]})]
    previous = page.body_start - 1  # index of the first body line
    for block in runs:
        prose = "\n".join(lines[previous : block.start - 1]).strip("\n")
        if prose.strip():
            cells.append(new_markdown_cell(prose))
        cells.append(new_code_cell(block.code.rstrip("\n")))
        previous = block.end
    tail = "\n".join(lines[previous:]).strip("\n")
    if tail.strip():
        cells.append(new_markdown_cell(tail))
    book = new_notebook(cells=cells)
    book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return book


def write_markdown_exec(project: Path, docs_path: str, target: Path) -> bool:
    """Write the markdown-exec version of a page; False if it runs no block (then it is copied as it is)."""
    page, runs = read_page(project, docs_path)
    if runs:
        target.write_text(markdown_exec_page(page, runs, docs_path.removesuffix(".md")), encoding="utf-8")
    return bool(runs)


def write_notebook(project: Path, docs_path: str, target: Path) -> bool:
    """Write the page as `target` with .ipynb; False if it runs no block (then the .md page stays)."""
    page, runs = read_page(project, docs_path)
    if runs:
        nbformat.write(notebook(page, runs), target.with_suffix(".ipynb"))
        target.unlink(missing_ok=True)
    return bool(runs)
