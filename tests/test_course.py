"""The course read from the nav: lessons keyed by their front-matter id, module pages, what a module builds on."""

from downhill_lessons.course import Course, is_module_page

NAV = [
    ("Module 1", [("modules/one/index.md", "Module 1"), ("lessons/a.md", "A"), ("lessons/b.md", "B")]),
    ("Module 2", [("modules/two/index.md", "Module 2"), ("lessons/renamed.md", "C")]),
    ("Extras", [("glossary.md", "Glossary")]),
]


def test_a_lesson_is_known_by_its_front_matter_id_not_its_file_name():
    course = Course.from_modules(NAV, {"lessons/renamed.md": "c"})
    assert [lesson.id for lesson in course.lessons] == ["a", "b", "c"]
    assert course.get("lessons/renamed.md").number == 3
    assert course.by_id("c").path == "lessons/renamed.md"


def test_module_pages_are_found_in_their_sections():
    course = Course.from_modules(NAV)
    assert course.module_page("Module 2") == "modules/two/index.md"
    assert course.module_of_page("modules/one/index.md") == "Module 1"
    assert course.module_of_page("modules/three/index.md") is None  # written, not yet in the nav
    assert course.module_page("Extras") is None


def test_a_module_builds_on_the_modules_of_its_prerequisites_in_course_order():
    course = Course.from_modules(NAV, {"lessons/renamed.md": "c"})
    prerequisites = {"b": ("a",), "c": ("b", "a")}
    assert course.builds_on("Module 2", prerequisites) == ["Module 1"]
    assert course.builds_on("Module 1", prerequisites) == []  # a prerequisite in its own module is not another


def test_only_a_modules_index_page_is_a_module_page():
    assert is_module_page("modules/one/index.md")
    assert not is_module_page("modules/one.md")
    assert not is_module_page("modules/one/notes.md")
    assert not is_module_page("lessons/index.md")
