"""Write the contents' page numbers into a course PDF that Chromium printed once (tools/course_pdf.py).

Where a lesson starts is only known once the book is printed, and printing it again to show the numbers
costs a second print of the whole book. So the contents are printed with an empty box of fixed size where
each number goes, and the box links to a mark at the start of its entry. Both ends of that link are in the
PDF: the link's rectangle is the box, its destination is the page. This reads them back and draws each
number in its box, right-aligned on the box's bottom edge, which course_pdf.js puts on the line's baseline.

The numbers are drawn in Helvetica, a font every PDF reader has, so nothing is embedded, and all its digits
are 556/1000 em wide, so a number's width is known without a font file. They are marked as artifacts,
outside the tagged structure, where the link around each box already stands for the entry.

Only the changed pages and the numbers are appended to the file (pdf_update.py), so the book itself, its
outline and tags, stay byte for byte as Chromium wrote them.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
)

from .pdf_update import Update, shallow_copy

DIGIT_EM = 0.556  # the advance of every digit in Helvetica and in Helvetica-Bold
FONTS = {False: ("/DhNumber", "/Helvetica"), True: ("/DhNumberBold", "/Helvetica-Bold")}


class ContentsError(Exception):
    """The printed contents cannot be numbered; the message says which entries and why."""


@dataclass(frozen=True)
class Slot:
    """Where one entry's number goes, and what it is."""

    target: str  # the contents entry's id
    page: int  # the 0-based page that holds the box
    box: tuple[float, float, float, float]  # left, bottom, right, top in PDF points
    number: int  # the 1-based page the entry starts on


@dataclass(frozen=True)
class Style:
    """How the numbers look: 0-1 RGB, and which entries are bold (modules, in print.css)."""

    color: tuple[float, float, float]
    bold: frozenset[str] = frozenset()


def find_slots(reader: PdfReader, ids: Sequence[str], prefix: str) -> dict[str, Slot]:
    """Each entry's box: the link whose destination is named ``prefix`` + the entry's id, once per entry."""
    named = {name.lstrip("/"): dest for name, dest in reader.named_destinations.items()}
    wanted = set(ids)
    found: dict[str, list[Slot]] = {}
    for index, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            name = str(link.get("/Dest", "")).lstrip("/")
            target = name.removeprefix(prefix)
            if link.get("/Subtype") != "/Link" or not name.startswith(prefix) or target not in wanted:
                continue
            if name not in named:
                raise ContentsError(f"the PDF has no destination {name!r} for the contents entry {target!r}")
            left, bottom, right, top = (float(value) for value in link["/Rect"])
            box = (min(left, right), min(bottom, top), max(left, right), max(bottom, top))
            number = reader.get_destination_page_number(named[name]) + 1
            found.setdefault(target, []).append(Slot(target, index, box, number))
    missing = [one for one in ids if one not in found]
    doubled = [one for one, slots in found.items() if len(slots) > 1]
    if missing or doubled:
        raise ContentsError(f"contents entries without one number box: missing {missing}, more than one {doubled}")
    return {one: found[one][0] for one in ids}


def stamp(pdf: bytes, reader: PdfReader, slots: Iterable[Slot], style: Style) -> bytes:
    """``pdf`` (read by ``reader``) with each slot's number drawn in its box, as an incremental update."""
    update = Update(pdf, reader)
    by_page: dict[int, list[Slot]] = {}
    for slot in slots:
        by_page.setdefault(slot.page, []).append(slot)
    for index, on_page in sorted(by_page.items()):
        page = reader.pages[index]
        drawn = b"".join(_draw(slot, style) for slot in on_page)
        before, after = (update.add(_stream(data)) for data in (b"q\n", b"Q\n" + drawn))
        changed = shallow_copy(page)
        changed[NameObject("/Resources")] = _with_fonts(_resources(page))
        changed[NameObject("/Contents")] = ArrayObject([before, *_streams(page), after])
        update.replace(page.indirect_reference, changed)
    return update.write()


def number_contents(pdf: bytes, ids: Sequence[str], prefix: str, style: Style) -> bytes:
    """``pdf`` with the page number of every entry in ``ids`` written into the contents."""
    reader = PdfReader(io.BytesIO(pdf))
    return stamp(pdf, reader, find_slots(reader, ids, prefix).values(), style)


def _draw(slot: Slot, style: Style) -> bytes:
    """The operators that write one number, right-aligned on the bottom of its box, one box high."""
    left, bottom, right, top = slot.box
    size = top - bottom
    text = str(slot.number)
    width = DIGIT_EM * size * len(text)
    if width > right - left:
        raise ContentsError(f"page number {text} is wider than its box in the contents ({slot.target!r})")
    font = FONTS[slot.target in style.bold][0]
    red, green, blue = style.color
    return (
        f"/Artifact BMC BT {font} {size:.2f} Tf {red:.3f} {green:.3f} {blue:.3f} rg "
        f"{right - width:.2f} {bottom:.2f} Td ({text}) Tj ET EMC\n"
    ).encode("ascii")


def _resources(page) -> DictionaryObject:
    """The page's resources, which it may inherit from the page tree above it."""
    node = page
    while node is not None:
        if "/Resources" in node:
            return node["/Resources"].get_object()
        node = node.get("/Parent")
    return DictionaryObject()


def _with_fonts(resources: DictionaryObject) -> DictionaryObject:
    """A copy of ``resources`` that also names both Helveticas (the standard 14 fonts need no file)."""
    changed = shallow_copy(resources)
    fonts = changed[NameObject("/Font")] = shallow_copy(resources.get("/Font", DictionaryObject()).get_object())
    for name, base in FONTS.values():
        fonts[NameObject(name)] = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject(base),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    return changed


def _streams(page) -> list:
    """The page's content streams as references, whether it has none, one, or an array of them."""
    if "/Contents" not in page:
        return []
    old = page.raw_get("/Contents")
    return list(old.get_object()) if isinstance(old.get_object(), ArrayObject) else [old]


def _stream(data: bytes) -> DecodedStreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream
