"""MkDocs adapter for Downhill's execution engine (``downhill_engine``): one entry per MkDocs event.

All execution happens in ``on_files``, before any page renders, so sessions from every page run in parallel.
``mkdocs build`` fails on any block error; ``mkdocs serve`` shows the error in a box on the page instead.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from downhill_engine import environment
from downhill_engine.build import Builder, BuildResult, Site
from downhill_engine.errors import BuildError
from downhill_engine.execute import Executor
from downhill_engine.render import render_error
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.plugins.downhill")

_state: dict = {"command": "build"}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_config(config):
    """Name the versions behind the outputs in the footer; set up the builder once per process."""
    config.copyright = environment.describe()
    root = Path(config.config_file_path).parent
    cache_dir = Path(os.environ.get("DOWNHILL_CACHE_DIR", root / ".cache" / "downhill"))
    site = Site(root, Path(config.docs_dir), (root / "snippets",), cache_dir)
    if _state.get("site") != site:
        _state["executor"] = _state.get("executor") or Executor()
        _state["builder"] = Builder(site, _state["executor"])
        _state["site"] = site
    return config


def on_files(files: Files, config) -> Files:
    """Run every page's blocks now, in parallel; fail the build before anything is written on error."""
    pages = [file.src_uri for file in files.documentation_pages() if file.src_uri.endswith(".md")]
    result: BuildResult = _state["builder"].build(pages)
    _state["result"] = result
    if result.errors and _state["command"] != "serve":
        raise PluginError(str(BuildError(result.errors)))
    for error in result.errors:
        log.warning("%s", error.format())
    for name, data in result.figures.items():
        files.append(File.generated(config, name, content=data))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    result: BuildResult = _state["result"]
    src = page.file.src_uri
    if src in result.page_errors:
        return render_error(result.page_errors[src]) + "\n" + markdown
    rendered = result.pages.get(src)
    return rendered.markdown if rendered else markdown


def on_post_build(config) -> None:
    report = _state["result"].report
    log.info(report.summary())
    if report.exclusions():
        log.info(report.exclusions())


def on_shutdown() -> None:
    if _state.get("executor"):
        _state["executor"].close()
