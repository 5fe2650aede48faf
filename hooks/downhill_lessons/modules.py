"""A module's page: the author writes what the module covers and who it is for; the rest comes from the course.

The lesson list (level, reading time, question, and slots the progress script fills in) and the modules this
one builds on are generated from the lessons' front matter and the nav, so nothing is written twice.
"""

from __future__ import annotations

import html

from .course import Course
from .header import Link
from .metadata import LessonMeta

NOT_YET = (
    "\n## Lessons\n\nThe lessons of this module are being written. Until they are in the course, the "
    "[home page](../../index.md) shows the path through the lessons there are.\n"
)


def module_sections(module: str | None, course: Course, metas: dict[str, LessonMeta], link: Link) -> str:
    """Markdown for the end of a module page: its lessons in course order, then the modules it builds on.

    ``module`` is None for a module page that is not in the nav yet: it gets a note instead of a list.
    """
    if module is None:
        return NOT_YET
    lessons = dict(course.modules()).get(module, [])
    parts = ["\n## Lessons\n"]
    for lesson in lessons:
        meta = metas.get(lesson.id)
        level = meta.level if meta else ""
        parts.append(
            f"\n### Lesson {lesson.number}: [{lesson.title}]({link(lesson.path)})\n\n"
            f'<p class="dh-lesson-meta"><span class="dh-level dh-level--{level}">{level.capitalize()}</span>'
            f" · {meta.minutes if meta else 0} min read"
            f' <span class="dh-course__state" data-lesson="{lesson.id}"></span></p>\n'
        )
        if meta and meta.question:
            parts.append(f"\n**The question:** {meta.question}\n")
    if not lessons:
        parts.append("\nThis module has no lessons in the course yet.\n")
    prerequisites = {lesson_id: meta.prerequisites for lesson_id, meta in metas.items()}
    earlier = course.builds_on(module, prerequisites)
    parts.append("\n## Builds on\n\n")
    if earlier:
        parts.extend(f"- {_module_link(other, course, link)}\n" for other in earlier)
    else:
        parts.append("Nothing earlier in the course: this is a place to start.\n")
    return "".join(parts)


def _module_link(module: str, course: Course, link: Link) -> str:
    page = course.module_page(module)
    return f"[{module}]({link(page)})" if page else html.escape(module)
