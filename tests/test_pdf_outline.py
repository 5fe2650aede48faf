"""tools/pdf_outline.py on small PDFs made here; Chromium's real outline is checked in tests/browser/test_pdf.py."""

from __future__ import annotations

import io

from downhill_tools.pdf_outline import restore_titles
from pypdf import PdfReader, PdfWriter

MODULE = "Module 6 · Constraints and discrete choices"


def _pdf(titles: list[str]) -> bytes:
    """One page, the first title a top-level bookmark and the others under it."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    parent = writer.add_outline_item(title=titles[0], page_number=0)
    for title in titles[1:]:
        writer.add_outline_item(title=title, page_number=0, parent=parent)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _titles(pdf: bytes) -> list:
    def walk(items) -> list:
        return [walk(item) if isinstance(item, list) else item.title for item in items]

    return walk(PdfReader(io.BytesIO(pdf)).outline)


def test_titles_that_lost_spaces_at_line_wraps_get_their_headings_text_back():
    pdf = _pdf(["Module 6 ·Constraints anddiscrete choices", "Core ideas", "Bounds andconstraints"])
    restored = restore_titles(pdf, [MODULE, "Core ideas", "Bounds and constraints", "Unrelated"])
    assert _titles(restored) == [MODULE, ["Core ideas", "Bounds and constraints"]]
    assert restored.startswith(pdf)  # appended as an incremental update, the print itself untouched


def test_a_title_matching_no_heading_or_two_headings_is_left_alone():
    pdf = _pdf(["Nomatch here", "ab c"])
    assert restore_titles(pdf, ["Something else", "a bc", "ab c "]) == pdf  # "a bc" and "ab c" tie
    assert _titles(restore_titles(pdf, ["No match here"])) == ["No match here", ["ab c"]]
