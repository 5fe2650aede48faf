"""Give the PDF outline's titles back the spaces Chromium drops where a heading wraps.

Chromium builds each bookmark from its heading's text as laid out, and joins the lines of a wrapped heading
without a space: "Module 6 · Constraints and discrete choices" becomes "…anddiscrete choices", in the
bookmarks only. The headings' own texts, read from the page before it is printed, restore them. A title
changes only when it equals one heading's text but for whitespace, so nothing else can be renamed.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence

from pypdf import PdfReader
from pypdf.generic import IndirectObject, NameObject, TextStringObject

from .pdf_update import Update, shallow_copy


def restore_titles(pdf: bytes, headings: Sequence[str]) -> bytes:
    """``pdf`` with each outline title that lost spaces retitled with its heading, as an incremental update."""
    reader = PdfReader(io.BytesIO(pdf))
    by_letters: dict[str, set[str]] = {}
    for heading in headings:
        by_letters.setdefault(_letters(heading), set()).add(heading)
    update = Update(pdf, reader)
    changed = False
    for reference in _items(reader):
        item = reference.get_object()
        title = str(item.get("/Title", ""))
        found = by_letters.get(_letters(title), set())
        if len(found) == 1 and (heading := next(iter(found))) != title:
            retitled = shallow_copy(item)
            retitled[NameObject("/Title")] = TextStringObject(heading)
            update.replace(reference, retitled)
            changed = True
    return update.write() if changed else pdf


def _letters(text: str) -> str:
    return "".join(text.split())


def _items(reader: PdfReader) -> Iterator[IndirectObject]:
    """Every outline item, depth first, as the reference its parent and siblings point at."""
    outlines = reader.trailer["/Root"].get_object().get("/Outlines")
    pending = [outlines.get_object().get("/First")] if outlines is not None else []
    while pending:
        reference = pending.pop()
        if reference is None:
            continue
        yield reference
        item = reference.get_object()
        pending += [item.get("/Next"), item.get("/First")]
