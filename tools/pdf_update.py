"""Change a few objects of a PDF by appending them to the file: an incremental update (ISO 32000, 7.5.6).

pypdf writes incremental updates too, but first copies every object of the document: for a course of 600
pages that takes longer than printing it, when the update is a handful of objects. This appends only those,
then a cross-reference section for them and a trailer that points back to the file's own.
"""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject, NameObject, NumberObject, PdfObject

STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")


def shallow_copy(dictionary: DictionaryObject) -> DictionaryObject:
    """A copy to change and ``replace`` with, whose references stay references to the same objects."""
    return DictionaryObject({key: dictionary.raw_get(key) for key in dictionary})


class UpdateError(Exception):
    """The PDF cannot be updated this way; the message says why."""


class Update:
    """Objects to replace or add in ``pdf`` (read by ``reader``), written by ``write``."""

    def __init__(self, pdf: bytes, reader: PdfReader) -> None:
        found = STARTXREF.search(pdf[-1024:])
        if found is None:
            raise UpdateError("the PDF does not end with startxref and %%EOF")
        self._previous = int(found.group(1))
        if not pdf[self._previous : self._previous + 4] == b"xref":
            raise UpdateError("the PDF's cross-references are a stream, not a table: only tables are updated")
        self._pdf = pdf
        self._reader = reader
        self._trailer = reader.trailer
        self._next = int(self._trailer["/Size"])
        self._objects: dict[int, PdfObject] = {}

    def add(self, value: PdfObject) -> IndirectObject:
        """A reference to ``value`` as a new object of the file."""
        number = self._next
        self._next += 1
        self._objects[number] = value
        return IndirectObject(number, 0, self._reader)

    def replace(self, reference: IndirectObject, value: PdfObject) -> None:
        """Make ``value`` the object that ``reference`` points to."""
        if reference.generation != 0:
            raise UpdateError(f"object {reference.idnum} has generation {reference.generation}; only 0 is updated")
        self._objects[reference.idnum] = value

    def write(self) -> bytes:
        """The file with the objects, their cross-reference section and a new trailer appended."""
        out = io.BytesIO()
        out.write(self._pdf if self._pdf.endswith(b"\n") else self._pdf + b"\n")
        offsets: dict[int, int] = {}
        for number, value in sorted(self._objects.items()):
            offsets[number] = out.tell()
            out.write(f"{number} 0 obj\n".encode())
            value.write_to_stream(out)
            out.write(b"\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 1\n0000000000 65535 f \n")  # the head of the free list, which readers expect first
        for first, numbers in _runs(sorted(offsets)):
            out.write(f"{first} {len(numbers)}\n".encode())
            out.writelines(f"{offsets[number]:010d} 00000 n \n".encode() for number in numbers)
        trailer = DictionaryObject(
            {key: self._trailer.raw_get(key) for key in self._trailer if key not in ("/Prev", "/Size")}
        )
        trailer[NameObject("/Size")] = NumberObject(self._next)
        trailer[NameObject("/Prev")] = NumberObject(self._previous)
        out.write(b"trailer\n")
        trailer.write_to_stream(out)
        out.write(f"\nstartxref\n{xref}\n%%EOF\n".encode())
        return out.getvalue()


def _runs(numbers: list[int]) -> list[tuple[int, list[int]]]:
    """Sorted object numbers as runs of consecutive ones, each a subsection of the cross-references."""
    runs: list[tuple[int, list[int]]] = []
    for number in numbers:
        if runs and runs[-1][1][-1] == number - 1:
            runs[-1][1].append(number)
        else:
            runs.append((number, [number]))
    return runs
