"""tools/contents_numbers.py on small PDFs made here: boxes found from links, numbers drawn in them.

The real course PDF, printed by Chromium, is checked in tests/browser/test_pdf.py.
"""

from __future__ import annotations

import io

import pytest
from downhill_tools.contents_numbers import ContentsError, Slot, Style, find_slots, number_contents
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject

PREFIX = "dh-page-"
BOX = (400.0, 700.0, 430.0, 712.0)  # 30 pt wide, 12 pt high: room for four digits of 12 pt Helvetica


def _book(pages: int, starts: dict[str, int], boxes: dict[str, list[tuple[float, float, float, float]]]) -> bytes:
    """A PDF of blank pages: a named destination PREFIX+id on page starts[id] (0-based), and on page 1
    one link to it for each box of boxes[id], as Chromium writes the contents' number boxes."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    for target, index in starts.items():
        writer.add_named_destination(PREFIX + target, index)
    annotations = ArrayObject()
    for target, rects in boxes.items():
        for rect in rects:
            link = DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Annot"),
                    NameObject("/Subtype"): NameObject("/Link"),
                    NameObject("/Rect"): ArrayObject(FloatObject(value) for value in rect),
                    NameObject("/Dest"): NameObject("/" + PREFIX + target),
                }
            )
            annotations.append(writer._add_object(link))
    writer.pages[1][NameObject("/Annots")] = annotations
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _drawn(pdf: bytes, index: int) -> list[tuple[str, float, float, float]]:
    """Each piece of text on a page: (text, x, y of its baseline, font size)."""
    found: list[tuple[str, float, float, float]] = []

    def visit(text, cm, tm, font, size) -> None:
        if text.strip():
            found.append((text.strip(), tm[4], tm[5], size))

    PdfReader(io.BytesIO(pdf)).pages[index].extract_text(visitor_text=visit)
    return found


def test_each_number_is_the_page_its_entry_starts_on_right_aligned_on_the_bottom_of_its_box():
    pdf = _book(12, {"intro": 2, "later": 10}, {"intro": [BOX], "later": [(400.0, 680.0, 430.0, 692.0)]})
    numbered = number_contents(pdf, ["intro", "later"], PREFIX, Style(color=(0.0, 0.0, 0.0)))
    drawn = sorted(_drawn(numbered, 1))
    assert [text for text, *_ in drawn] == ["11", "3"]
    (_, x11, y11, size11), (_, x3, y3, size3) = drawn
    assert (y3, size3) == (pytest.approx(700.0), pytest.approx(12.0))
    assert (y11, size11) == (pytest.approx(680.0), pytest.approx(12.0))
    assert x3 == pytest.approx(430.0 - 0.556 * 12, abs=0.01)  # one digit's width from the right edge
    assert x11 == pytest.approx(430.0 - 2 * 0.556 * 12, abs=0.01)
    assert _drawn(numbered, 0) == [] and _drawn(numbered, 2) == []


def test_stamping_only_appends_to_the_file_and_keeps_its_pages_and_links():
    pdf = _book(4, {"intro": 3}, {"intro": [BOX]})
    numbered = number_contents(pdf, ["intro"], PREFIX, Style(color=(0.2, 0.2, 0.2), bold=frozenset({"intro"})))
    assert numbered.startswith(pdf)  # an incremental update
    reader = PdfReader(io.BytesIO(numbered))
    assert len(reader.pages) == 4
    assert find_slots(reader, ["intro"], PREFIX)["intro"].number == 4
    fonts = reader.pages[1]["/Resources"]["/Font"]
    assert {str(font["/BaseFont"]) for font in fonts.values()} == {"/Helvetica", "/Helvetica-Bold"}
    assert b"/DhNumberBold" in reader.pages[1].get_contents().get_data()


def test_find_slots_reads_the_box_and_the_page_from_the_link():
    reader = PdfReader(io.BytesIO(_book(5, {"intro": 4}, {"intro": [(430.0, 712.0, 400.0, 700.0)]})))
    assert find_slots(reader, ["intro"], PREFIX) == {"intro": Slot("intro", 1, BOX, 5)}


def test_an_entry_without_its_box_or_with_two_is_refused():
    pdf = _book(5, {"intro": 2, "later": 4}, {"intro": [BOX, BOX]})
    with pytest.raises(ContentsError, match=r"missing \['later'\], more than one \['intro'\]"):
        number_contents(pdf, ["intro", "later"], PREFIX, Style(color=(0.0, 0.0, 0.0)))


def test_a_number_wider_than_its_box_is_refused_rather_than_drawn_over_the_leader():
    pdf = _book(12, {"intro": 10}, {"intro": [(400.0, 700.0, 410.0, 712.0)]})  # room for one digit
    with pytest.raises(ContentsError, match=r"page number 11 is wider than its box"):
        number_contents(pdf, ["intro"], PREFIX, Style(color=(0.0, 0.0, 0.0)))
