"""A Python-Markdown extension: the formulas ``pymdownx.arithmatex`` finds, typeset by KaTeX at build.

Arithmatex (``generic: true``) parses the page's ``$…$``, ``\\(…\\)``, ``$$…$$`` and ``\\begin{…}`` math and
leaves each formula as TeX in a ``.arithmatex`` element; this extension's tree processor replaces that TeX
with KaTeX's output. It is a Markdown extension, not a MkDocs hook, so any Python-Markdown site builder runs it.

A formula KaTeX rejects stops the build with ``path:line`` (``errors: raise``), or, under ``mkdocs serve``
(``errors: box``), shows KaTeX's message in a red box where the formula was (``.dh-math-error``,
downhill.css), as the engine does for a block.
"""

from __future__ import annotations

import html
import logging
import os
import xml.etree.ElementTree as etree
from collections.abc import Callable
from pathlib import Path

from downhill_engine.errors import EngineError
from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from downhill_math.katex import MathError, render

log = logging.getLogger("mkdocs.plugins.downhill.math")  # a name MkDocs shows; MkDocs itself is not imported
INLINE_WRAP = ("\\(", "\\)")  # arithmatex's generic defaults
BLOCK_WRAP = ("\\[", "\\]")


class MathTreeprocessor(Treeprocessor):
    """Typesets every ``.arithmatex`` element; runs after the inline patterns, which create the inline ones."""

    def __init__(self, md: Markdown, errors: str, fail: Callable[[EngineError], None]) -> None:
        super().__init__(md)
        self.errors = errors
        self.fail = fail

    def run(self, root: etree.Element) -> None:
        for el in root.iter():
            if "arithmatex" not in el.get("class", "").split() or not el.text:
                continue
            display = el.tag == "div"
            tex = _unwrap(el.text, display)
            try:
                typeset = render(tex, display)
            except MathError as error:
                typeset = self._failure(tex, str(error))
            el.text = self.md.htmlStash.store(typeset)
            if display:  # a formula wider than the column scrolls sideways: the keyboard must reach it
                el.set("tabindex", "0")

    def _failure(self, tex: str, message: str) -> str:
        path, line = _locate(self.md, tex)
        error = EngineError(path, line, "KaTeX cannot typeset this formula", f"{tex}\n{message}")
        if self.errors == "raise":
            self.fail(error)
            raise error
        log.warning("%s", error.format())
        return f'<span class="dh-math-error" role="alert">{html.escape(error.format())}</span>'


def _unwrap(text: str, display: bool) -> str:
    start, end = BLOCK_WRAP if display else INLINE_WRAP
    tex = text.removeprefix(start).removesuffix(end)
    return html.unescape(tex).strip() if display else tex  # arithmatex escapes block math, not inline math


def _locate(md: Markdown, tex: str) -> tuple[str, int | None]:
    """The page's path (from the project, as the engine names pages) and the formula's line in its source.

    MkDocs registers a tree processor holding the page's file; without it the path is unknown. The formula's
    first occurrence gives the line: a contributor needs the place, not which of two identical formulas.
    """
    file = getattr(md.treeprocessors["relpath"], "file", None) if "relpath" in md.treeprocessors else None
    if file is None:
        return "<page>", None
    source = Path(file.abs_src_path).read_text(encoding="utf-8")
    lines = tex.strip().splitlines() or [tex]
    # Inline TeX may begin a longer formula too: with its closing delimiter it is this one.
    found = (source.find(text) for text in (tex + "$", tex + "\\)", lines[0]))
    index = next((at for at in found if at >= 0), -1)
    path = os.path.relpath(file.abs_src_path)  # site builders run in the project's folder
    return path, source.count("\n", 0, index) + 1 if index >= 0 else None


def _raise(error: EngineError) -> None:
    raise error


class MathExtension(Extension):
    """Registers the tree processor; ``errors`` is ``raise`` (a build) or ``box`` (a preview server).

    ``fail`` lets a site builder raise the error as its own kind, which it reports without a traceback.
    """

    def __init__(self, **kwargs) -> None:
        self.config = {
            "errors": ["raise", "raise: stop at a malformed formula; box: show it on the page"],
            "fail": [_raise, "called with the error of a malformed formula, to raise it"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        processor = MathTreeprocessor(md, self.getConfig("errors"), self.getConfig("fail"))
        md.treeprocessors.register(processor, "downhill-math", 15)


def makeExtension(**kwargs) -> MathExtension:
    return MathExtension(**kwargs)
