"""The course as the navigation defines it: modules in order, lessons in order, numbered across modules."""

from __future__ import annotations

from dataclasses import dataclass

LESSON_DIR = "lessons/"


@dataclass(frozen=True)
class Lesson:
    id: str  # the file name without .md
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

    @classmethod
    def from_modules(cls, modules: list[tuple[str, list[tuple[str, str]]]]) -> Course:
        """Build from ``[(module title, [(docs path, page title), ...]), ...]``; only lessons count."""
        lessons = []
        for module, pages in modules:
            for path, title in pages:
                if is_lesson(path):
                    lessons.append(Lesson(lesson_id(path), path, title, module, len(lessons) + 1))
        return cls(tuple(lessons))

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


def is_lesson(path: str) -> bool:
    return path.startswith(LESSON_DIR) and path.endswith(".md")


def lesson_id(path: str) -> str:
    return path.rsplit("/", 1)[-1].removesuffix(".md")
