"""Lesson front matter: read it with line numbers, validate it, and say exactly what to fix."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from downhill_engine.errors import EngineError
from downhill_engine.frontmatter import FrontMatterError, read_front_matter

LEVELS = ("beginner", "intermediate", "advanced")
FIELDS = ("title", "level", "prerequisites", "objectives", "reviewed")
LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")  # the (address) of a [text](address) link
EXAMPLE = """---
title: Hello minimize
level: beginner            # beginner, intermediate or advanced
prerequisites: [gradient-descent]   # lesson ids: file names in docs/lessons without .md
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


def front_matter(text: str) -> tuple[dict, dict[str, int], int]:
    """The front matter, the line of each top-level key, and the first line of the body."""
    return read_front_matter(text.splitlines())


def validate(path: str, lesson_id: str, text: str, known_ids: set[str]) -> LessonMeta:
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
        lesson_id, data["title"].strip(), data["level"], tuple(prerequisites), tuple(objectives), reviewed
    )


def reading_minutes(text: str) -> int:
    """Minutes to read a page: prose at 200 words a minute, code at 15 lines a minute.

    Only what a reader sees counts: a link's text does, its address does not (a SciPy reference URL is a
    dozen "words" that nobody reads), and neither do HTML comments.
    """
    _, _, body_start = front_matter(text)
    prose_words = code_lines = 0
    in_code = False
    for line in text.splitlines()[body_start - 1 :]:
        if line.lstrip().startswith("```"):
            in_code = not in_code
        elif in_code:
            code_lines += bool(line.strip())
        elif not line.lstrip().startswith("<!--"):
            prose_words += len(re.findall(r"[\w'’-]+", LINK_TARGET.sub("]", line)))
    return max(1, round(prose_words / 200 + code_lines / 15))
