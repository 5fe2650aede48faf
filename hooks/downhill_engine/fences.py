"""Which lines of a page are inside a fenced code block: one rule for every pass over a page's lines.

A fence opens with a run of three or more backticks or tildes at any indentation, so in an admonition, a
tab, a list or a details block alike, and it closes at the first line whose text starts with a run of the
same character at least as long. That is how pytest-codeblocks closes a block, so what the build runs, what
it tests, and what the lesson passes skip are the same lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

OPENING = re.compile(r"^(?P<indent>[ \t]*)(?P<run>`{3,}|~{3,})(?P<info>.*)$")


@dataclass(frozen=True)
class Fence:
    """One fenced block: its opening and closing lines (1-based), and what its opening line says."""

    start: int
    end: int  # the closing line; the page's last line when the fence is never closed
    indent: str
    run: str
    info: str  # after the run: the language and options, e.g. "python title=x.py"
    closed: bool = True

    @property
    def lines(self) -> range:
        return range(self.start, self.end + 1)


def scan(lines: Sequence[str], marks: str = "`~") -> list[Fence]:
    """Every fence opened by one of ``marks``, outermost only: what a fence holds is text, not more fences.

    The engine passes ``marks="`"``: pytest-codeblocks runs only backtick fences.
    """
    fences: list[Fence] = []
    number = 0
    while number < len(lines):
        opening = OPENING.match(lines[number])
        number += 1
        if not opening or opening["run"][0] not in marks:
            continue
        run, start = opening["run"], number
        while number < len(lines) and not lines[number].lstrip().startswith(run):
            number += 1
        closed = number < len(lines)
        number += closed
        end = number if closed else len(lines)
        fences.append(Fence(start, end, opening["indent"], run, opening["info"].strip(), closed))
    return fences


def fenced_lines(lines: Sequence[str]) -> set[int]:
    """The numbers (1-based) of every line inside a fence, its opening and closing lines included."""
    return {number for fence in scan(lines) for number in fence.lines}
