"""The course as the navigation defines it: modules in order, lessons in order, numbered across modules."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

LESSON_DIR = "lessons/"
MODULE_DIR = "modules/"


@dataclass(frozen=True)
class Lesson:
    id: str  # the stable id from the front matter: progress is kept under it, whatever the file is called
    path: str  # inside docs/
    title: str
    module: str
    number: int  # 1-based, across the whole course

    @property
    def notebook_path(self) -> str:
        """Where the build puts the lesson as a notebook, inside the site: next to the page's source."""
        return self.path.removesuffix(".md") + ".ipynb"


@dataclass(frozen=True)
class Course:
    lessons: tuple[Lesson, ...]
    module_pages: tuple[tuple[str, str], ...] = ()  # (module title, docs path of its module page)

    @classmethod
    def from_modules(cls, modules: list[tuple[str, list[tuple[str, str]]]], ids: Mapping[str, str] = {}) -> Course:
        """Build from ``[(module title, [(docs path, page title), ...]), ...]``; only lessons count.

        ``ids`` maps a lesson's docs path to the id in its front matter; a lesson missing from it (its front
        matter is unreadable, which validation reports) falls back to its file name.
        """
        lessons = []
        pages = []
        for module, children in modules:
            for path, title in children:
                if is_lesson(path):
                    lessons.append(Lesson(ids.get(path, file_stem(path)), path, title, module, len(lessons) + 1))
                elif is_module_page(path) and module not in dict(pages):
                    pages.append((module, path))
        return cls(tuple(lessons), tuple(pages))

    @property
    def ids(self) -> set[str]:
        return {lesson.id for lesson in self.lessons}

    def get(self, path: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.path == path), None)

    def by_id(self, lesson_id: str) -> Lesson:
        return next(lesson for lesson in self.lessons if lesson.id == lesson_id)

    def modules(self) -> list[tuple[str, list[Lesson]]]:
        grouped: dict[str, list[Lesson]] = {}
        for lesson in self.lessons:
            grouped.setdefault(lesson.module, []).append(lesson)
        return list(grouped.items())

    def module_of_page(self, path: str) -> str | None:
        """The module whose page ``path`` is, or None: a module page not yet in the nav has no module."""
        return next((module for module, page in self.module_pages if page == path), None)

    def module_page(self, module: str) -> str | None:
        return dict(self.module_pages).get(module)

    def builds_on(self, module: str, prerequisites: Mapping[str, tuple[str, ...]]) -> list[str]:
        """The other modules holding a prerequisite of one of ``module``'s lessons, in course order."""
        needed = {
            self.by_id(other).module
            for lesson in self.lessons
            if lesson.module == module
            for other in prerequisites.get(lesson.id, ())
            if other in self.ids
        }
        return [title for title, _ in self.modules() if title in needed and title != module]


def is_lesson(path: str) -> bool:
    return path.startswith(LESSON_DIR) and path.endswith(".md")


def is_module_page(path: str) -> bool:
    """A module's own page: ``modules/<module id>/index.md``, the section index Material links the module to."""
    parts = path.split("/")
    return len(parts) == 3 and path.startswith(MODULE_DIR) and parts[2] == "index.md"


def file_stem(path: str) -> str:
    return path.rsplit("/", 1)[-1].removesuffix(".md")
