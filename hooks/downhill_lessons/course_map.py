"""The home page's course map: an inline SVG of the lessons, one row per module, with prerequisite edges.

Drawn at build time from the nav and the front matter, so it never disagrees with the course. Each lesson is a
link; the progress script marks completed ones (``dh-map__node--done``). Colours come from the stylesheet, so
one drawing serves light, dark and print. The figure is hidden from screen readers, and its links from the
keyboard: the course path list right below it is the same path as text, with the same links.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Callable

from .course import Course
from .metadata import LessonMeta

WIDTH = 720
ROW = 118  # height of one module's band
TOP = 20  # room above the first row for its module name
LEFT = 72  # x of the first lesson of a row: room for its label
RADIUS = 15
STEP = 150  # distance between lessons in a row, at most
LABEL_CHARS = 20  # per line of a lesson's label; two lines at most
MARKER = "dh-map-arrow"

Url = Callable[[str], str]  # docs path of a page → its URL from the current page


def course_map(course: Course, metas: dict[str, LessonMeta], url: Url) -> str:
    """The map as one HTML block (no blank line inside, so Markdown leaves it whole)."""
    modules = course.modules()
    places: dict[str, tuple[float, float]] = {}
    rows = []
    for row, (module, lessons) in enumerate(modules):
        top = TOP + row * ROW
        step = min(STEP, (WIDTH - 2 * LEFT) / max(len(lessons) - 1, 1))
        rows.append(f'<text class="dh-map__module" x="8" y="{top - 2}">{html.escape(module)}</text>')
        for index, lesson in enumerate(lessons):
            places[lesson.id] = (LEFT + index * step, top + 42)
    edges = [
        _edge(places[before], places[lesson.id])
        for lesson in course.lessons
        for before in (metas[lesson.id].prerequisites if lesson.id in metas else ())
        if before in places
    ]
    nodes = [
        _node(lesson.id, lesson.number, lesson.title, url(lesson.path), places[lesson.id]) for lesson in course.lessons
    ]
    height = TOP + max(len(modules), 1) * ROW
    return (
        '<figure class="dh-map">'
        # On a phone the drawing keeps a readable size and scrolls sideways; the keyboard can scroll it too.
        '<div class="dh-map__scroll" tabindex="0" role="region" aria-label="Course map">'
        f'<svg class="dh-map__svg" viewBox="0 0 {WIDTH} {height}" style="min-width: {WIDTH}px" aria-hidden="true" '
        'focusable="false">'
        f'<defs><marker id="{MARKER}" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path class="dh-map__arrow" d="M0 0L8 4L0 8z"/></marker></defs>'
        + "".join(rows)
        + "".join(edges)
        + "".join(nodes)
        + "</svg></div>"
        "<figcaption>The course map: each circle is a lesson, each arrow leads from a lesson to one that builds "
        "on it, and a filled circle is a lesson you marked complete. The same path is listed as text below."
        "</figcaption>"
        "</figure>\n"
    )


def _edge(start: tuple[float, float], end: tuple[float, float]) -> str:
    """An arrow from a prerequisite to the lesson: an arc above the row within a module, a curve across modules."""
    (x1, y1), (x2, y2) = start, end
    if y1 == y2:
        lift = 14 + abs(x2 - x1) / 16
        top = y1 - RADIUS - lift
        d = f"M{x1:.0f} {y1 - RADIUS}C{x1:.0f} {top:.0f} {x2:.0f} {top:.0f} {x2:.0f} {y2 - RADIUS}"
    else:
        down, up = (1, -1) if y2 > y1 else (-1, 1)
        mid = (y1 + y2) / 2
        d = f"M{x1:.0f} {y1 + down * RADIUS}C{x1:.0f} {mid:.0f} {x2:.0f} {mid:.0f} {x2:.0f} {y2 + up * RADIUS}"
    return f'<path class="dh-map__edge" d="{d}" marker-end="url(#{MARKER})"/>'


def _node(lesson_id: str, number: int, title: str, href: str, place: tuple[float, float]) -> str:
    """A lesson's circle, number and label, as a link.

    The link is ``xlink:href``, not ``href``: Material's instant navigation rewrites every ``[href]`` of a page
    it swaps in by assigning ``element.href``, which an SVG link only has as a read-only property.
    """
    x, y = place
    lines = textwrap.wrap(title, LABEL_CHARS) or [title]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), LABEL_CHARS, placeholder="…")]
    label = "".join(
        f'<tspan x="{x:.0f}" y="{y + RADIUS + 15 + 13 * index:.0f}">{html.escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    return (
        f'<a class="dh-map__node" data-lesson="{lesson_id}" xlink:href="{html.escape(href)}" tabindex="-1">'
        f"<title>Lesson {number}: {html.escape(title)}</title>"
        f'<circle class="dh-map__dot" cx="{x:.0f}" cy="{y:.0f}" r="{RADIUS}"/>'
        f'<text class="dh-map__number" x="{x:.0f}" y="{y + 4:.0f}">{number}</text>'
        f'<text class="dh-map__label">{label}</text></a>'
    )
