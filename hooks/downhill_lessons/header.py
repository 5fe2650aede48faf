"""Markdown for the parts of a page that come from metadata: lesson header, completion control, course path."""

from __future__ import annotations

import html
from collections.abc import Callable

from .course import Course, Lesson
from .metadata import LessonMeta

Link = Callable[[str], str]  # docs path of a page → link to it from the current page


def lesson_header(meta: LessonMeta, lesson: Lesson, course: Course, minutes: int, link: Link) -> str:
    """Level, reading time, position in the course, objectives, prerequisites and the notebook, under the title."""
    notebook = lesson.notebook_path.rsplit("/", 1)[-1]
    return (
        f'\n<div class="dh-lesson-header" markdown>\n'
        f'<p class="dh-lesson-meta"><span class="dh-level dh-level--{meta.level}">{meta.level.capitalize()}</span>'
        f" · {minutes} min read · Lesson {lesson.number} of {len(course.lessons)} · {html.escape(lesson.module)}"
        f"</p>\n\n{_goals(meta, course, link)}\n"
        f'[Download this lesson as a notebook]({link(lesson.notebook_path)}){{ download="{notebook}" }}'
        " to run its code in Jupyter.\n{: .dh-download }\n</div>\n"
    )


def notebook_intro(meta: LessonMeta, lesson: Lesson, course: Course, page_url: str, link: Link) -> str:
    """The lesson header of the downloaded notebook: plain Markdown, its links pointing at the published site."""
    return (
        f"*{meta.level.capitalize()} · Lesson {lesson.number} of {len(course.lessons)} · {lesson.module}*\n\n"
        f"This notebook holds the code of the lesson page [{lesson.title}]({page_url}), which also shows what "
        "every cell printed and drew when the site was built. Run the cells in order, from the top.\n\n"
        f"{_goals(meta, course, link)}"
    )


def _goals(meta: LessonMeta, course: Course, link: Link) -> str:
    objectives = "\n".join(f"- {objective}" for objective in meta.objectives)
    prerequisites = ", ".join(
        f"[{course.by_id(other).title}]({link(course.by_id(other).path)})" for other in meta.prerequisites
    )
    return (
        f"**You will be able to:**\n\n{objectives}\n\n"
        f"**Before this lesson:** {prerequisites or 'nothing; this is a good place to start.'}\n"
    )


def completion_control(lesson: Lesson) -> str:
    """A toggle that records, in this browser only, that the reader finished the lesson; then a confidence check.

    The check appears once the lesson is marked complete; its answer is kept with the progress and shown on
    the module page.
    """
    question = f"dh-confidence-{lesson.id}"
    return (
        f'\n<div class="dh-complete" data-lesson="{lesson.id}">\n'
        '<button type="button" class="md-button dh-complete__button" aria-pressed="false">'
        "Mark this lesson complete</button>\n"
        '<span class="dh-complete__status" role="status" aria-live="polite"></span>\n'
        f'<div class="dh-confidence" role="group" aria-labelledby="{question}" hidden>\n'
        f'<p class="dh-confidence__question" id="{question}">'
        "Can you explain this lesson in 30 seconds without notes?</p>\n"
        '<button type="button" class="md-button dh-confidence__answer" data-value="yes" aria-pressed="false">'
        "Yes</button>\n"
        '<button type="button" class="md-button dh-confidence__answer" data-value="not-yet" aria-pressed="false">'
        "Not yet</button>\n"
        "</div>\n</div>\n"
    )


def course_path(course: Course, metas: dict[str, LessonMeta], link: Link) -> str:
    """The home page's path through the course, with slots the progress script fills in.

    It is also the course map's text alternative: the same lessons, in the same order, as a list.
    """
    ids = " ".join(lesson.id for lesson in course.lessons)
    parts = [
        f'<div class="dh-progress" data-total="{len(course.lessons)}" data-lessons="{ids}">\n'
        '<p class="dh-progress__summary" role="status" aria-live="polite">'
        "Your progress is kept in this browser only.</p>\n"
        '<p><button type="button" class="md-button dh-progress__export">Export progress</button>\n'
        '<button type="button" class="md-button dh-progress__import">Import progress</button>\n'
        '<input type="file" class="dh-progress__file" accept=".json,application/json" hidden>\n'
        '<button type="button" class="md-button dh-progress__reset">Reset progress</button></p>\n'
        '<p class="dh-progress__message" role="status" aria-live="polite"></p>\n'
        "</div>\n"
    ]
    for module, lessons in course.modules():
        page = course.module_page(module)
        parts.append(f"\n### [{module}]({link(page)})\n" if page else f"\n### {module}\n")
        for lesson in lessons:
            level = metas[lesson.id].level if lesson.id in metas else ""
            parts.append(
                f"- Lesson {lesson.number}: [{lesson.title}]({link(lesson.path)})"
                f' <span class="dh-level dh-level--{level}">{level.capitalize()}</span>'
                f' <span class="dh-course__state" data-lesson="{lesson.id}"></span>'
            )
    return "\n".join(parts) + "\n"
