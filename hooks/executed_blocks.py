"""MkDocs adapter for Downhill's execution engine (``downhill_engine``): one entry per MkDocs event.

``on_files`` plans every page and starts running sessions in the background; ``on_page_markdown`` takes
each page as soon as its own sessions are done, so MkDocs renders early pages while later ones run.
``mkdocs build`` fails on any block error; ``mkdocs serve`` shows the error in a box on the page instead.
"""

from __future__ import annotations

import logging
from pathlib import Path

import downhill_mkdocs as adapter
from downhill_engine import environment
from downhill_engine.build import Builder, Site
from downhill_engine.errors import EngineError
from downhill_engine.execute import Executor
from downhill_engine.includes import SNIPPETS
from downhill_engine.render import render_error, superfences_output_fence
from downhill_engine.widgets import superfences_widget_fence
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import meta

log = logging.getLogger("mkdocs.plugins.downhill")
REPORT_MARKER = "<!-- build-report -->"  # replaced after the build by this build's execution report

_state: dict = {"command": "build"}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_config(config):
    """Name the versions behind the outputs in the footer; set up the builder once per process."""
    config.extra["versions"] = environment.describe()  # partials/copyright.html shows it
    adapter.add_fences(config, superfences_output_fence(), superfences_widget_fence())
    root = adapter.project_root(config)
    site = Site(root, Path(config.docs_dir), (root / SNIPPETS,), adapter.cache_dir(config))
    if _state.get("site") != site:
        _state["executor"] = _state.get("executor") or Executor()
        _state["builder"] = Builder(site, _state["executor"])
        _state["site"] = site
    return config


def on_files(files: Files, config) -> Files:
    pages = [file.src_uri for file in files.documentation_pages() if file.src_uri.endswith(".md")]
    adapter.share_build(_state["builder"].start(pages))
    _state["report_pages"] = set()
    return files


def on_page_markdown(markdown: str, page, config, files: Files) -> str:
    """The page with its outputs; in `mkdocs build`, the first failure stops the build with all of them."""
    build = adapter.current_build()
    src = page.file.src_uri
    if REPORT_MARKER in markdown:
        _state["report_pages"].add(page.file.abs_dest_path)
    rendered = build.page(src)
    errors = build.errors(src)
    if errors and not adapter.shows_errors_on_the_page(_state["command"]):
        adapter.stop(build.finish().errors)
    for error in errors:
        log.warning("%s", error.format())
    if src in build.page_errors:
        return render_error(build.page_errors[src]) + "\n" + markdown
    if rendered is None:
        return markdown
    if markdown != meta.get_data(build.sources[src])[0]:
        return adapter.report(
            _edited_before(adapter.shown(page.file.abs_src_path, config)), markdown, _state["command"], log
        )
    for name, data in rendered.figures.items():
        if files.get_file_from_path(name) is None:
            files.append(File.generated(config, name, content=data, inclusion=InclusionLevel.INCLUDED))
    return rendered.markdown


def _edited_before(path: str) -> EngineError:
    """The engine renders each page from its own read of the file, so an earlier edit would be lost unseen."""
    return EngineError(
        path,
        None,
        "a plugin or hook that runs before hooks/executed_blocks.py changed this page's Markdown, and the "
        "executed page would drop that change: list executed_blocks.py first under `hooks:` in mkdocs.yml, "
        "and move the plugin's edit after it",
    )


def on_post_build(config) -> None:
    report = adapter.current_build().finish().report
    log.info(report.summary())
    if report.unconfined():
        log.info(report.unconfined())
    for path in _state["report_pages"]:  # only now is the report complete
        html = Path(path).read_text(encoding="utf-8")
        Path(path).write_text(html.replace(REPORT_MARKER, report.to_html()), encoding="utf-8")
    if report.exclusions():
        log.info(report.exclusions())


def on_shutdown() -> None:
    if _state.get("executor"):
        _state["executor"].close()
