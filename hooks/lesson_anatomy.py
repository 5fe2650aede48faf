"""MkDocs adapter for lesson anatomy (``downhill_lessons``): header, completion, course path, questions, notebook.

Listed after ``executed_blocks.py`` in mkdocs.yml, so it sees each page with its outputs already in place.
Errors name the file and line: ``mkdocs build`` stops on them, ``mkdocs serve`` shows them on the page.
"""

from __future__ import annotations

import dataclasses
import logging
import posixpath
from pathlib import Path
from urllib.parse import urljoin

import downhill_mkdocs as adapter
import nbformat
from downhill_engine.errors import EngineError, shown_path
from downhill_lessons import glossary, header, interview, modules, notebook
from downhill_lessons.course import Course, Lesson, is_lesson, is_module_page
from downhill_lessons.metadata import LessonMeta, declared_id, validate
from downhill_lessons.page import Site, assemble
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs_print_site_plugin.urls import get_page_key
from pymdownx.superfences import fence_code_format

log = logging.getLogger("mkdocs.plugins.downhill.lessons")
GLOSSARY = "glossary.md"

_state: dict = {"command": "build"}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_config(config):
    """Render ```mermaid fences as diagrams (Material draws them with the vendored Mermaid)."""
    _state["root"] = adapter.project_root(config)
    adapter.add_fences(config, {"name": "mermaid", "class": "mermaid", "format": fence_code_format})
    return config


def on_nav(nav, config, files):
    """Read the course from the navigation, and validate every lesson's front matter up front.

    A lesson is known by the ``id`` in its front matter, so its text, as executed_blocks.py's build read it,
    is needed before the course is built.
    """
    sections = [
        (item.title, [(child.file.src_uri, child.title) for child in item.children if child.is_page])
        for item in nav.items
        if item.is_section
    ]
    docs = Path(config.docs_dir)
    sources = adapter.current_build().sources
    texts = {src: text for src, text in sources.items() if is_lesson(src)}
    ids = {src: found for src, text in texts.items() if (found := declared_id(text))}
    course = Course.from_modules(sections, ids)
    metas: dict[str, LessonMeta] = {}
    interviews: dict[str, str] = {}
    errors: dict[str, EngineError] = {}
    owners: dict[str, str] = {}  # lesson id → the lesson that has it
    for src, text in texts.items():
        path = _shown_path(docs, src)
        lesson = course.get(src)
        if lesson is None:
            errors[src] = EngineError(path, None, "this lesson is not in the `nav` of mkdocs.yml")
            continue
        if lesson.id in owners:
            other = _shown_path(docs, owners[lesson.id])
            errors[src] = EngineError(path, None, f"lesson id {lesson.id!r} is already the `id` of {other}")
            continue
        owners[lesson.id] = src
        try:
            metas[lesson.id] = validate(path, text, course.ids)
            interviews[lesson.id] = interview.section(text) or ""
        except EngineError as error:
            errors[src] = error
    terms: list[glossary.Term] = []
    if GLOSSARY in sources:
        try:
            terms = glossary.read_terms(sources[GLOSSARY], _shown_path(docs, GLOSSARY))
        except EngineError as error:
            errors[GLOSSARY] = error
    if errors and not adapter.shows_errors_on_the_page(_state["command"]):
        adapter.stop(list(errors.values()))
    _state.update(site=Site(course, metas, terms, interviews), errors=errors, docs=docs, glossary_url=None)
    return nav


def on_page_markdown(markdown: str, page, config, files) -> str:
    src = page.file.src_uri
    error = _state["errors"].get(src)
    if error is not None:
        return adapter.report(error, markdown, _state["command"], log)
    site: Site = _state["site"]
    if src == GLOSSARY:
        site = dataclasses.replace(site, terms=[])  # the glossary defines its terms; it does not annotate them
    source = adapter.current_build().sources.get(src, markdown)  # a notebook: not the engine's, read by MkDocs
    lesson = site.course.get(src)

    def link(target: str) -> str:
        return posixpath.relpath(target, posixpath.dirname(src) or ".")

    def url(target: str) -> str:
        file = files.get_file_from_path(target)
        return file.url_relative_to(page.file) if file else link(target)

    try:
        if lesson is not None:
            _add_notebook(lesson, page, config, files)
        if is_module_page(src):
            markdown += modules.module_sections(site.course.module_of_page(src), site.course, site.metas, link)
        return assemble(markdown, source, _shown_path(_state["docs"], src), lesson, site, link, url)
    except EngineError as error:
        return adapter.report(error, markdown, _state["command"], log)


def _add_notebook(lesson: Lesson, page, config, files) -> None:
    """The lesson as a notebook, next to its page (``Lesson.notebook_path``), which the lesson header links to.

    It is cut from the build's own parse and plan of the page, so it holds exactly the blocks the build runs.
    A page the engine cannot parse gets no notebook: executed_blocks.py has already reported why.
    """
    found = adapter.current_build().plans.get(page.file.src_uri)
    if found is None:
        return
    parsed, plans = found
    folder = posixpath.dirname(page.file.src_uri)

    def absolute(docs_path: str) -> str:
        target = files.get_file_from_path(docs_path)
        return urljoin(config.site_url or "", target.url if target else docs_path)

    def resolve(target: str) -> str:
        return absolute(posixpath.normpath(posixpath.join(folder, target)))

    site: Site = _state["site"]
    page_url = absolute(page.file.src_uri)
    intro = header.notebook_intro(site.metas[lesson.id], lesson, site.course, page_url, absolute)
    content = nbformat.writes(notebook.lesson_notebook(parsed, plans, intro, page_url, resolve))
    files.append(File.generated(config, lesson.notebook_path, content=content, inclusion=InclusionLevel.INCLUDED))


@event_priority(50)  # before print-site copies the page into the printed course
def on_page_content(html: str, page, config, files) -> str:
    """Anchor the glossary's terms; elsewhere, mark each term once per section, linked to its definition."""
    terms = _state["site"].terms
    if page.file.src_uri == GLOSSARY:
        _state["glossary_url"] = page.url
        return glossary.anchor_terms(html, terms)
    glossary_page = files.get_file_from_path(GLOSSARY)
    if not terms or glossary_page is None:
        return html
    return glossary.mark_terms(html, terms, glossary_page.url_relative_to(page.file))


@event_priority(-50)  # after print-site has written the printed course
def on_post_build(config) -> None:
    """In the printed course, give the glossary's terms the ids that print-site's rewritten links point at."""
    print_site = config.plugins.get("print-site")
    if print_site is None or _state.get("glossary_url") is None:
        return
    printed = Path(print_site.print_page.file.abs_dest_path)
    html = glossary.prefix_term_ids(
        printed.read_text(encoding="utf-8"), _state["site"].terms, get_page_key(_state["glossary_url"])
    )
    printed.write_text(html, encoding="utf-8")


def _shown_path(docs: Path, src: str) -> str:
    """A page's path as contributors know it: from the project root, like the engine's messages."""
    return shown_path(docs / src, _state["root"])
