"""tools/pdf_update.py: objects replaced and added by appending to the file, read back by pypdf."""

from __future__ import annotations

import io

import pytest
from downhill_tools.pdf_update import Update, UpdateError
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject


def _pdf(pages: int) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(200, 200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_replaced_and_an_added_object_are_read_back_from_the_appended_section_only():
    pdf = _pdf(3)
    reader = PdfReader(io.BytesIO(pdf))
    page = reader.pages[1]
    changed = DictionaryObject({key: page.raw_get(key) for key in page})
    update = Update(pdf, reader)
    changed[NameObject("/Note")] = update.add(TextStringObject("stamped"))
    update.replace(page.indirect_reference, changed)
    updated = update.write()
    assert updated.startswith(pdf)
    again = PdfReader(io.BytesIO(updated), strict=True)
    assert len(again.pages) == 3
    assert again.pages[1]["/Note"] == "stamped"
    assert "/Note" not in again.pages[0] and "/Note" not in again.pages[2]
    assert int(again.trailer["/Size"]) == int(reader.trailer["/Size"]) + 1


def test_a_pdf_whose_cross_references_are_a_stream_is_refused():
    pdf = b"%PDF-1.5\n1 0 obj\n<< /Type /XRef >>\nendobj\nstartxref\n9\n%%EOF\n"
    with pytest.raises(UpdateError, match="a stream, not a table"):
        Update(pdf, reader=None)


def test_a_file_that_does_not_end_like_a_pdf_is_refused():
    with pytest.raises(UpdateError, match="does not end with startxref"):
        Update(b"%PDF-1.4\ntruncated", reader=None)
