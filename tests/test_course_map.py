"""The course map: one linked node per lesson in course order, one arrow per prerequisite, hidden from readers
of the list that replaces it, and coloured by the stylesheet only."""

import datetime
import re
import xml.etree.ElementTree as ET

from downhill_lessons.course import Course
from downhill_lessons.course_map import course_map
from downhill_lessons.metadata import LessonMeta

NAV = [
    ("Module 1", [("lessons/a.md", "A first lesson with a rather long title"), ("lessons/b.md", "B")]),
    ("Module 2", [("lessons/c.md", "C")]),
]
COURSE = Course.from_modules(NAV, {"lessons/c.md": "c-id"})


def meta(lesson_id: str, prerequisites: tuple[str, ...]) -> LessonMeta:
    return LessonMeta(lesson_id, lesson_id, "beginner", prerequisites, ("x",) * 3, datetime.date(2026, 1, 1))


METAS = {"a": meta("a", ()), "b": meta("b", ("a",)), "c-id": meta("c-id", ("a", "b"))}
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def drawn() -> ET.Element:
    text = course_map(COURSE, METAS, lambda path: path.removesuffix(".md") + "/")
    return ET.fromstring(text.replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" xmlns:xlink="{XLINK[1:-1]}" ', 1))  # noqa: S314 - the build's own output


def test_every_lesson_is_a_link_in_course_order_keyed_by_its_id():
    nodes = drawn().findall(f".//{SVG}a")
    assert [node.get("data-lesson") for node in nodes] == ["a", "b", "c-id"]
    assert [node.get(f"{XLINK}href") for node in nodes] == ["lessons/a/", "lessons/b/", "lessons/c/"]
    assert all(node.get("tabindex") == "-1" for node in nodes)  # the list below is the keyboard's way
    assert nodes[2].find(f"{SVG}title").text == "Lesson 3: C"


def test_each_prerequisite_is_one_arrow():
    edges = drawn().findall(f".//{SVG}path[@class='dh-map__edge']")
    assert len(edges) == 3


def test_the_figure_is_hidden_from_screen_readers_and_has_a_caption_pointing_to_the_list():
    figure = drawn()
    assert figure.find(f".//{SVG}svg").get("aria-hidden") == "true"
    assert figure.find("div").get("tabindex") == "0"  # its scrolling box, on a phone, is reached by keyboard
    assert "listed as text below" in figure.find("figcaption").text


def test_a_long_title_is_cut_to_two_lines_and_colours_come_from_the_stylesheet():
    text = course_map(COURSE, METAS, lambda path: path)
    first = drawn().findall(f".//{SVG}a")[0]
    assert len(first.findall(f".//{SVG}tspan")) == 2
    assert not re.search(r"\b(fill|stroke)=\"#", text)
