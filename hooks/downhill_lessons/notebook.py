"""A lesson as a Jupyter notebook, made from the blocks the build runs, for readers to download and run.

The notebook is cut from the engine's parse of the page (``downhill_engine.parse``, includes expanded): each
block the build runs becomes a code cell, in page order, and the prose between them Markdown cells. The
site's own Markdown becomes plain Markdown that Jupyter renders: front matter and the lesson header become
an introduction, admonitions become quotes under a bold title, questions lose their answers, markers and
comments go, and relative links point at the published site. Math stays `$…$`, which Jupyter typesets.

The build runs each session in a fresh namespace; the notebook runs them all in one kernel, in order. That
needs nothing more, because a session never uses another's names: each one imports what it needs and seeds
its own random numbers (CONTRIBUTING.md asks for this, and tests/test_notebooks_run.py runs every notebook).
Markers become cell tags that Jupyter tools honour:

- an ``xfail`` session teaches an error: its last cell is tagged ``raises-exception``, so "Run all" and
  nbclient go on past the traceback;
- an ``importorskip(pkg)`` session keeps its code, unchanged, under a note saying it needs ``pkg``; its
  cells are tagged ``raises-exception``, so without the package they stop at a ModuleNotFoundError that
  names it, and the rest of the notebook still runs;
- a ``skip`` or ``skipif`` session, which the build did not run, is tagged ``skip-execution`` (nbclient,
  nbconvert and papermill leave it alone) under a note with the reason.

Every code cell's ``metadata.downhill.source`` names its Markdown line, so a failure points at the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

import nbformat
from downhill_engine.fences import scan
from downhill_engine.parse import Page
from downhill_engine.plan import Planned

from .interview import RELATIVE_LINK
from .quiz import find_questions, without_answers

Resolve = Callable[[str], str]  # a link target as written in the page → an absolute URL

ADMONITION = re.compile(r'^\s*(?:(?:!!!|\?\?\?\+?)\s+(?P<kind>[\w-]+)(?:\s+[\w-]+)*|===)(?:\s+"(?P<title>[^"]*)")?\s*$')
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
EXPECTED_OUTPUT = re.compile(r"^\s*<!--[-\s]*pytest-codeblocks:expected-output[-\s]*-->\s*$")
HEADING = re.compile(r"^# ")
RAISES = "raises-exception"  # nbclient, nbconvert and JupyterLab's "Run all" go on past such a cell's error
SKIP = "skip-execution"  # nbclient's default skip_cells_with_tag


def lesson_notebook(
    page: Page, plans: Sequence[Planned], intro: str, page_url: str, resolve: Resolve
) -> nbformat.NotebookNode:
    """The page as an nbformat v4 notebook; ``intro`` goes under the title, ``page_url`` is the lesson's page."""
    prose = _Prose(resolve)
    markdown: list[str] = []
    cells = []

    def flush() -> None:
        kept = [n for n, line in enumerate(markdown) if line.strip(" >")]  # a cell may resume inside a quote
        if kept:
            cells.append(nbformat.v4.new_markdown_cell("\n".join(markdown[kept[0] : kept[-1] + 1])))
        markdown.clear()

    for item in _items(page, plans, page_url):
        if isinstance(item, _Line):
            markdown.extend(prose.feed(item))
            continue
        flush()
        cells.append(item)
    flush()
    cells = _with_intro(cells, intro)
    for number, cell in enumerate(cells, start=1):
        cell.id = f"cell-{number}"  # stable ids: the same page gives the same file
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata.update(
        kernelspec={"name": "python3", "display_name": "Python 3", "language": "python"},
        language_info={"name": "python"},
        downhill={"source": page.path, "page": page_url},
    )
    return notebook


class _Line(NamedTuple):
    """A line of prose for a Markdown cell; inside a fence (after its opening line) it is copied as it is."""

    text: str
    fenced: bool = False


def _items(page: Page, plans: Sequence[Planned], page_url: str) -> Iterator[_Line | nbformat.NotebookNode]:
    """Prose lines as written and code cells, in page order; question blocks already without answers."""
    blocks = {block.start: (planned, index) for planned in plans for index, block in enumerate(planned.session.blocks)}
    questions = {question.line: question for question in find_questions(page.expanded.text, page.path)}
    lines = page.expanded.lines
    # After each fence's opening line: the opening line itself still closes the admonitions it is outside of.
    in_code = {number for fence in scan(lines) for number in fence.lines[1:]}
    number = page.body_start
    noted = False
    while number <= len(lines):
        if number in questions:
            question = questions[number]
            if not noted:
                yield from _indented(
                    question.indent,
                    f"*On [the lesson page]({page_url}) these questions check your answer and explain every option.*\n",
                )
                noted = True
            yield from _indented(question.indent, without_answers(question))
            number = question.end + 1
            continue
        if number not in blocks:
            yield _Line(lines[number - 1], number in in_code)
            number += 1
            continue
        planned, index = blocks[number]
        block = planned.session.blocks[index]
        if index == 0:
            note = _note(planned)
            if note:
                yield from _indented(block.indent, f"\n*{note}*\n")
        yield _code_cell(planned, index, _as_written(lines[block.start : block.end - 1], block.indent))
        number = block.end + 1


def _note(planned: Planned) -> str:
    """What a reader should know before running a session the build treats specially."""
    needs = planned.session.importorskip
    if needs:
        return (
            f"The next cell needs `{needs}`, which the course does not install (`pip install {needs}`). "
            "Without it, the cell stops with a `ModuleNotFoundError` and the rest of the notebook still runs."
        )
    if planned.skip_reason:
        return f"The site's build does not run the next cell: {planned.skip_reason}."
    return ""


def _as_written(lines: Sequence[str], indent: str) -> str:
    """A block's code as the page shows it, out of its indentation.

    ``Block.code`` is what pytest-codeblocks runs, which drops the blank lines of an indented block (an
    exercise's solution). The notebook keeps them, so the code reads as on the page; the notebook is run
    as it is by tests/test_notebooks_run.py.
    """
    return "\n".join(line[min(len(indent), len(line) - len(line.lstrip())) :] for line in lines).rstrip("\n")


def _code_cell(planned: Planned, index: int, code: str) -> nbformat.NotebookNode:
    session = planned.session
    block = session.blocks[index]
    tags: list[str] = []
    about: dict = {"source": str(block.origin)}
    if session.importorskip:
        tags.append(RAISES)
        about["needs"] = session.importorskip
    elif planned.skip_reason:
        tags.append(SKIP)
    elif planned.expect_error and index == len(session.blocks) - 1:
        tags.append(RAISES)
        about["expect"] = "error"
    metadata: dict = {"downhill": about}
    if tags:
        metadata["tags"] = tags
    return nbformat.v4.new_code_cell(code, metadata=metadata)


def _indented(indent: str, text: str) -> Iterator[_Line]:
    for line in text.split("\n"):
        yield _Line(indent + line if line else line)


def _with_intro(cells: list, intro: str) -> list:
    """Put ``intro`` right under the page's title, in the title's cell."""
    for cell in cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.split("\n")
        title = next((n for n, line in enumerate(lines) if HEADING.match(line)), None)
        if title is not None:
            cell.source = "\n".join([*lines[: title + 1], "", intro.strip("\n"), *lines[title + 1 :]])
            return cells
    return [nbformat.v4.new_markdown_cell(intro.strip("\n")), *cells]


class _Prose:
    """The site's Markdown as plain Markdown, a line at a time: admonitions quoted, comments gone, links absolute.

    It keeps its state across code cells, so prose that resumes inside an admonition stays quoted.
    """

    def __init__(self, resolve: Resolve) -> None:
        self.resolve = resolve
        self.containers: list[int] = []  # the content indent of each open admonition
        self.blanks = 0  # blank lines not yet written: their quoting depends on the next line

    def feed(self, item: _Line) -> list[str]:
        line = item.text
        if not line.strip():
            self.blanks += 1
            return []
        indent = len(line) - len(line.lstrip())
        if not item.fenced:
            while self.containers and indent < self.containers[-1]:
                self.containers.pop()
        prefix = "> " * len(self.containers)
        out = [prefix.rstrip()] * self.blanks
        self.blanks = 0
        text = line[self.containers[-1] :] if self.containers else line
        if item.fenced:
            return [*out, prefix + text]
        admonition = ADMONITION.match(text)
        if admonition:
            title = admonition.group("title")
            if title is None and admonition.group("kind"):
                title = admonition.group("kind").capitalize()
            self.containers.append(indent + 4)
            return [*out, prefix + f"> **{title}**", prefix + ">"] if title else out
        if EXPECTED_OUTPUT.match(text):
            return [*out, prefix + "*Expected output:*"]
        text = COMMENT.sub("", text)
        if not text.strip():
            return out
        return [*out, prefix + RELATIVE_LINK.sub(self._link, text)]

    def _link(self, match: re.Match) -> str:
        return match["head"] + self.resolve(match["target"]) + (match["anchor"] or "")
