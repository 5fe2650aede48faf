"""A module page's generated part: its lessons in course order with their facts, and what it builds on."""

import datetime
import posixpath

from downhill_lessons.course import Course
from downhill_lessons.metadata import LessonMeta
from downhill_lessons.modules import module_sections

NAV = [
    ("Module 1", [("modules/one/index.md", "Module 1"), ("lessons/a.md", "A"), ("lessons/b.md", "B")]),
    ("Module 2", [("modules/two/index.md", "Module 2"), ("lessons/c.md", "C")]),
]
COURSE = Course.from_modules(NAV)


def meta(lesson_id: str, level: str, prerequisites: tuple[str, ...], minutes: int, question: str) -> LessonMeta:
    return LessonMeta(
        lesson_id, lesson_id.upper(), level, prerequisites, ("x",) * 3, datetime.date(2026, 1, 1), minutes, question
    )


METAS = {
    "a": meta("a", "beginner", (), 12, "what is a?"),
    "b": meta("b", "intermediate", ("a",), 17, "why b?"),
    "c": meta("c", "advanced", ("b",), 9, "how c?"),
}


def link_from(page: str):
    return lambda target: posixpath.relpath(target, posixpath.dirname(page))


def test_the_lessons_are_listed_in_course_order_with_level_time_question_and_a_progress_slot():
    text = module_sections("Module 1", COURSE, METAS, link_from("modules/one/index.md"))
    first, second = text.index("Lesson 1: [A](../../lessons/a.md)"), text.index("Lesson 2: [B](../../lessons/b.md)")
    assert first < second
    assert "Beginner</span> · 12 min read" in text and "Intermediate</span> · 17 min read" in text
    assert "**The question:** why b?" in text
    assert 'class="dh-course__state" data-lesson="a"' in text
    assert "[C]" not in text  # another module's lesson


def test_builds_on_links_the_modules_that_hold_the_prerequisites():
    text = module_sections("Module 2", COURSE, METAS, link_from("modules/two/index.md"))
    assert "## Builds on\n\n- [Module 1](../one/index.md)" in text
    first = module_sections("Module 1", COURSE, METAS, link_from("modules/one/index.md"))
    assert "Nothing earlier in the course" in first


def test_a_module_page_not_yet_in_the_nav_says_its_lessons_are_coming():
    text = module_sections(None, COURSE, METAS, link_from("modules/three/index.md"))
    assert "being written" in text and "### Lesson" not in text
