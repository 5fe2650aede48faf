"""Assemble a page's Markdown from its parts: course path, glossary, questions, lesson header, print copies.

The adapter gathers what MkDocs knows (the page, the course, the glossary); everything done to the
Markdown happens here, so another site generator could drive it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from downhill_engine.fences import fenced_lines

from . import course_map, glossary, header, interview, quiz, solutions
from .course import Course, Lesson
from .header import Link
from .metadata import LessonMeta, reading_minutes

COURSE_PATH = "<!-- course-path -->"
COURSE_MAP = "<!-- course-map -->"
FIRST_HEADING = re.compile(r"^# .*$")
NEXT_HEADING = re.compile(r"^## Next\b.*$")
FIRST_QUESTION = re.compile(r"^[ \t]*<!--\s*question:")


@dataclass(frozen=True)
class Site:
    """What every page shares: the course, each lesson's metadata, and the glossary's terms."""

    course: Course
    metas: dict[str, LessonMeta]
    terms: list[glossary.Term]
    interviews: dict[str, str]  # lesson id → its interview-questions section, for the prep page


def assemble(
    markdown: str, source: str, path: str, lesson: Lesson | None, site: Site, link: Link, url: Link | None = None
) -> str:
    """The page's final Markdown. ``source`` is the page as written, at ``path``, for questions and reading time.

    ``url`` gives a page's final URL, for what Markdown does not rewrite (the course map's SVG links).

    Raises QuestionError, with the line, for a malformed question.
    """
    questions = quiz.find_questions(source, path)  # validated against the source: its lines are the author's
    page_id = lesson.id if lesson else path.rsplit("/", 1)[-1].removesuffix(".md")
    if COURSE_MAP in markdown:
        markdown = markdown.replace(COURSE_MAP, course_map.course_map(site.course, site.metas, url or link))
    if COURSE_PATH in markdown:
        markdown = markdown.replace(COURSE_PATH, header.course_path(site.course, site.metas, link))
    if interview.MARKER in markdown:
        markdown = markdown.replace(interview.MARKER, interview.collect(site.course, site.interviews, link))
    if site.terms:
        markdown += glossary.abbreviations(site.terms)
    markdown = quiz.replace_questions(_score_slot(markdown, page_id), questions, page_id)
    if lesson is not None:
        meta = site.metas[lesson.id]
        lesson_header = header.lesson_header(meta, lesson, site.course, reading_minutes(source), link)
        markdown = _after_first_heading(markdown, lesson_header)
        markdown = _before_next(markdown, header.completion_control(lesson))
    return markdown + solutions.print_copy(solutions.find_solutions(markdown)) + quiz.answer_key(questions)


def _score_slot(markdown: str, page_id: str) -> str:
    """A live line above the first question, where the quiz script shows the reader's score."""
    at = _first_line(FIRST_QUESTION, markdown)
    if at is None:
        return markdown
    slot = f'<p class="dh-quiz-score" data-lesson="{page_id}" role="status" aria-live="polite"></p>\n\n'
    return markdown[:at] + slot + markdown[at:]


def _after_first_heading(markdown: str, text: str) -> str:
    at = _first_line(FIRST_HEADING, markdown)
    if at is None:
        return text + markdown
    end = markdown.find("\n", at)
    end = len(markdown) if end < 0 else end
    return markdown[:end] + "\n" + text + markdown[end:]


def _before_next(markdown: str, text: str) -> str:
    at = _first_line(NEXT_HEADING, markdown)
    if at is None:
        return markdown + text
    return markdown[:at] + text + "\n" + markdown[at:]


def _first_line(pattern: re.Pattern, markdown: str) -> int | None:
    """Where the first line outside code that matches ``pattern`` starts: a fenced example is only text."""
    lines = markdown.split("\n")
    in_code = fenced_lines(lines)
    offset = 0
    for number, line in enumerate(lines, start=1):
        if number not in in_code and pattern.match(line):
            return offset
        offset += len(line) + 1
    return None
