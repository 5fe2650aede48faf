"""Lesson front matter: read it with line numbers, validate it, and say exactly what to fix."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from downhill_engine.errors import EngineError
from downhill_engine.fences import scan
from downhill_engine.frontmatter import FrontMatterError, read_front_matter

LEVELS = ("beginner", "intermediate", "advanced")
FIELDS = ("title", "id", "level", "prerequisites", "objectives", "reviewed")
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")  # the (address) of a [text](address) link
EXAMPLE = """---
title: Hello minimize
id: hello-minimize         # stable: progress is kept under it; keep it when the file is renamed or moved
level: beginner            # beginner, intermediate or advanced
prerequisites: [gradient-descent]   # lesson ids: the `id` of each lesson to read first
objectives:                # 3 to 5 things the reader will be able to do
  - Call minimize and read its OptimizeResult.
  - ...
reviewed: 2026-11-22       # the date someone last checked the lesson against the library
---"""


class MetadataError(EngineError):
    """Front matter that is missing a field or holds a wrong value."""


@dataclass(frozen=True)
class LessonMeta:
    id: str
    title: str
    level: str
    prerequisites: tuple[str, ...]
    objectives: tuple[str, ...]
    reviewed: datetime.date
    minutes: int = 0  # the reading time, and the page's question: what a module page lists for the lesson
    question: str = ""


def front_matter(text: str) -> tuple[dict, dict[str, int], int]:
    """The front matter, the line of each top-level key, and the first line of the body."""
    return read_front_matter(text.splitlines())


def declared_id(text: str) -> str | None:
    """The lesson's ``id`` if its front matter is readable and gives a string; validation reports the rest."""
    try:
        value = front_matter(text)[0].get("id")
    except FrontMatterError:
        return None
    return value if isinstance(value, str) else None


def validate(path: str, text: str, known_ids: set[str]) -> LessonMeta:
    """Check a lesson's front matter; raise MetadataError naming the field, its line and an example."""
    try:
        data, where, _ = front_matter(text)
    except FrontMatterError as error:
        advice = f"Quote a value that holds `: ` or `#`.\n\n{EXAMPLE}"
        raise MetadataError(path, error.line, error.message, advice) from None

    def fail(key: str, message: str) -> MetadataError:
        return MetadataError(path, where.get(key, 1), message, f"A lesson's front matter looks like:\n{EXAMPLE}")

    missing = [key for key in FIELDS if key not in data]
    if missing:
        raise fail(missing[0], f"front matter lacks {', '.join(f'`{key}`' for key in missing)}")
    if not isinstance(data["title"], str) or not data["title"].strip():
        raise fail("title", "`title` must be a non-empty string")
    lesson_id = data["id"]
    if not isinstance(lesson_id, str) or not ID.match(lesson_id):
        raise fail("id", f"`id` is {lesson_id!r}; use lowercase words joined by hyphens, e.g. hello-minimize")
    if data["level"] not in LEVELS:
        raise fail("level", f"`level` is {data['level']!r}; use one of {', '.join(LEVELS)}")
    prerequisites = data["prerequisites"] or []
    if not isinstance(prerequisites, list) or not all(isinstance(item, str) for item in prerequisites):
        raise fail("prerequisites", "`prerequisites` must be a list of lesson ids, e.g. [hello-minimize]")
    unknown = [item for item in prerequisites if item not in known_ids]
    if unknown:
        known = ", ".join(sorted(known_ids)) or "none yet"
        raise fail("prerequisites", f"unknown lesson id {unknown[0]!r} in `prerequisites`; known ids: {known}")
    if lesson_id in prerequisites:
        raise fail("prerequisites", "a lesson cannot be its own prerequisite")
    objectives = data["objectives"]
    if not isinstance(objectives, list) or not 3 <= len(objectives) <= 5:
        raise fail("objectives", "`objectives` must list 3 to 5 things the reader will be able to do")
    if not all(isinstance(item, str) and item.strip() for item in objectives):
        raise fail("objectives", "every objective must be a sentence")
    reviewed = data["reviewed"]
    if not isinstance(reviewed, datetime.date):
        raise fail("reviewed", f"`reviewed` must be a date written YYYY-MM-DD, not {reviewed!r}")
    return LessonMeta(
        lesson_id,
        data["title"].strip(),
        data["level"],
        tuple(prerequisites),
        tuple(objectives),
        reviewed,
        reading_minutes(text),
        the_question(text),
    )


def reading_minutes(text: str) -> int:
    """Minutes to read a page: prose at 200 words a minute, code at 15 lines a minute.

    Only what a reader sees counts: a link's text does, its address does not (a SciPy reference URL is a
    dozen "words" that nobody reads), and neither do HTML comments.
    """
    _, _, body_start = front_matter(text)
    prose_words = code_lines = 0
    lines = text.splitlines()
    fences = scan(lines)
    in_code = {number for fence in fences for number in fence.lines}
    fence_marks = {fence.start for fence in fences} | {fence.end for fence in fences if fence.closed}
    for number, line in enumerate(lines[body_start - 1 :], start=body_start):
        if number in fence_marks:
            continue
        if number in in_code:
            code_lines += bool(line.strip())
        elif not line.lstrip().startswith("<!--"):
            prose_words += len(re.findall(r"[\w'’-]+", LINK_TARGET.sub("]", line)))
    return max(1, round(prose_words / 200 + code_lines / 15))


QUESTION = re.compile(r"^\*\*The question:\*\*\s*(?P<text>.*)$")


def the_question(text: str) -> str:
    """The lesson's one-line question (the ``**The question:**`` paragraph, joined onto one line), or ""."""
    lines = text.splitlines()
    for number, line in enumerate(lines):
        match = QUESTION.match(line)
        if match:
            rest = [match["text"].strip()]
            for more in lines[number + 1 :]:
                if not more.strip():
                    break
                rest.append(more.strip())
            return " ".join(part for part in rest if part)
    return ""
