"""MkDocs adapter for lesson anatomy (``downhill_lessons``): header, completion, course path, questions.

Listed after ``executed_blocks.py`` in mkdocs.yml, so it sees each page with its outputs already in place.
Errors name the file and line: ``mkdocs build`` stops on them, ``mkdocs serve`` shows them on the page.
"""

from __future__ import annotations

import logging
import posixpath
import re
from pathlib import Path

from downhill_engine.errors import BuildError, EngineError
from downhill_engine.render import render_error
from downhill_lessons import glossary, header, quiz, solutions
from downhill_lessons.course import Course, is_lesson, lesson_id
from downhill_lessons.metadata import LessonMeta, reading_minutes, validate
from mkdocs.exceptions import PluginError
from pymdownx.superfences import fence_code_format

log = logging.getLogger("mkdocs.plugins.downhill.lessons")
COURSE_PATH = "<!-- course-path -->"
GLOSSARY = "glossary.md"
FIRST_HEADING = re.compile(r"^# .*$", re.MULTILINE)
NEXT_HEADING = re.compile(r"^## Next\b.*$", re.MULTILINE)

_state: dict = {"command": "build"}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_config(config):
    """Render ```mermaid fences as diagrams (Material draws them with the vendored Mermaid)."""
    _state["root"] = Path(config.config_file_path).parent
    if "pymdownx.superfences" not in config.markdown_extensions:
        config.markdown_extensions.append("pymdownx.superfences")
    fences = config.mdx_configs.setdefault("pymdownx.superfences", {}).setdefault("custom_fences", [])
    fences.append({"name": "mermaid", "class": "mermaid", "format": fence_code_format})
    return config


def on_nav(nav, config, files):
    """Read the course from the navigation, and validate every lesson's front matter up front."""
    modules = [
        (item.title, [(child.file.src_uri, child.title) for child in item.children if child.is_page])
        for item in nav.items
        if item.is_section
    ]
    course = Course.from_modules(modules)
    docs = Path(config.docs_dir)
    metas: dict[str, LessonMeta] = {}
    errors: dict[str, EngineError] = {}
    for file in files.documentation_pages():
        if not is_lesson(file.src_uri):
            continue
        path = _shown_path(docs, file.src_uri)
        if course.get(file.src_uri) is None:
            errors[file.src_uri] = EngineError(path, None, "this lesson is not in the `nav` of mkdocs.yml")
            continue
        try:
            text = (docs / file.src_uri).read_text(encoding="utf-8")
            metas[lesson_id(file.src_uri)] = validate(path, lesson_id(file.src_uri), text, course.ids)
        except EngineError as error:
            errors[file.src_uri] = error
    terms: list[glossary.Term] = []
    if (docs / GLOSSARY).exists():
        try:
            terms = glossary.read_terms((docs / GLOSSARY).read_text(encoding="utf-8"), _shown_path(docs, GLOSSARY))
        except EngineError as error:
            errors[GLOSSARY] = error
    if errors and _state["command"] != "serve":
        raise PluginError(str(BuildError(list(errors.values()))))
    _state.update(course=course, metas=metas, errors=errors, docs=docs, terms=terms)
    return nav


def on_page_markdown(markdown: str, page, config, files) -> str:
    src = page.file.src_uri
    error = _state["errors"].get(src)
    if error is not None:
        return _report(error, markdown)
    course: Course = _state["course"]

    def link(target: str) -> str:
        return posixpath.relpath(target, posixpath.dirname(src) or ".")

    if COURSE_PATH in markdown:
        markdown = markdown.replace(COURSE_PATH, header.course_path(course, _state["metas"], link))
    if src != GLOSSARY and _state["terms"]:
        markdown += glossary.abbreviations(_state["terms"])
    source = (_state["docs"] / src).read_text(encoding="utf-8")
    try:
        questions = quiz.find_questions(source, _shown_path(_state["docs"], src))
    except EngineError as error:
        return _report(error, markdown)
    page_id = lesson_id(src)
    markdown = quiz.replace_questions(_score_slot(markdown, page_id), questions, page_id)
    lesson = course.get(src)
    if lesson is not None:
        meta = _state["metas"][lesson.id]
        lesson_header = header.lesson_header(meta, lesson, course, reading_minutes(source), link)
        markdown = _after_first_heading(markdown, lesson_header)
        markdown = _before_next(markdown, header.completion_control(lesson))
    return markdown + solutions.print_copy(solutions.find_solutions(markdown)) + quiz.answer_key(questions)


def _report(error: EngineError, markdown: str) -> str:
    """Stop `mkdocs build`; under `mkdocs serve`, show the error at the top of the page instead."""
    if _state["command"] != "serve":
        raise PluginError(str(BuildError([error])))
    log.warning("%s", error.format())
    return render_error(error) + "\n" + markdown


def _score_slot(markdown: str, lesson: str) -> str:
    """A live line above the first question, where the quiz script shows the reader's score."""
    match = re.search(r"^[ \t]*<!--\s*question:", markdown, re.MULTILINE)
    if match is None:
        return markdown
    slot = f'<p class="dh-quiz-score" data-lesson="{lesson}" role="status" aria-live="polite"></p>\n\n'
    return markdown[: match.start()] + slot + markdown[match.start() :]


def on_page_content(html: str, page, config, files) -> str:
    """Anchor the glossary's terms; elsewhere, link each term's first use to its definition."""
    terms = _state["terms"]
    if page.file.src_uri == GLOSSARY:
        return glossary.anchor_terms(html, terms)
    glossary_page = files.get_file_from_path(GLOSSARY)
    if not terms or glossary_page is None:
        return html
    return glossary.link_first_uses(html, terms, glossary_page.url_relative_to(page.file))


def _after_first_heading(markdown: str, text: str) -> str:
    match = FIRST_HEADING.search(markdown)
    if match is None:
        return text + markdown
    return markdown[: match.end()] + "\n" + text + markdown[match.end() :]


def _before_next(markdown: str, text: str) -> str:
    match = NEXT_HEADING.search(markdown)
    if match is None:
        return markdown + text
    return markdown[: match.start()] + text + "\n" + markdown[match.start() :]


def _shown_path(docs: Path, src: str) -> str:
    """A page's path as contributors know it: from the project root, like the engine's messages."""
    try:
        return (docs / src).resolve().relative_to(_state["root"].resolve()).as_posix()
    except ValueError:
        return (docs / src).as_posix()
