"""What Downhill's MkDocs hooks share: the build in flight, when an error stops the build, where the project
and its cache are, and how fences are registered with superfences.

The engine and the lesson packages import no MkDocs. This package and the hooks are the MkDocs side of the
seam, so moving to another site generator replaces them and nothing else.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from downhill_engine.build import Build
from downhill_engine.errors import BuildError, EngineError, shown_path
from downhill_engine.render import render_error
from mkdocs.exceptions import PluginError

SUPERFENCES = "pymdownx.superfences"
_current: dict[str, Build] = {}


def share_build(build: Build) -> None:
    """Make this build, which has read and parsed every page, the one the later hooks read pages from."""
    _current["build"] = build


def current_build() -> Build:
    """The build executed_blocks.py started for this run: each page as read and parsed, once."""
    if "build" not in _current:
        raise RuntimeError("hooks/executed_blocks.py must be listed in mkdocs.yml before the other Downhill hooks")
    return _current["build"]


def shows_errors_on_the_page(command: str) -> bool:
    """`mkdocs serve` keeps going and shows each error in a box on its page; every other command stops."""
    return command == "serve"


def stop(errors: Sequence[EngineError]) -> NoReturn:
    """End the build with every error's ``file:line`` message, and no traceback: the page is at fault."""
    raise PluginError(str(BuildError(list(errors)))) from None


def report(error: EngineError, markdown: str, command: str, log: logging.Logger) -> str:
    """Stop `mkdocs build` on a page's error; under `mkdocs serve`, show it in a box at the top of the page."""
    if not shows_errors_on_the_page(command):
        stop([error])
    log.warning("%s", error.format())
    return render_error(error) + "\n" + markdown


def project_root(config) -> Path:
    """The folder holding mkdocs.yml: paths in messages start there."""
    return Path(config.config_file_path).parent


def shown(path: Path | str, config) -> str:
    """``path`` as messages name it: from the project's root."""
    return shown_path(path, project_root(config))


def cache_dir(config) -> Path:
    """The engine's cache folder; tests and benchmarks point ``DOWNHILL_CACHE_DIR`` at a private one."""
    return Path(os.environ.get("DOWNHILL_CACHE_DIR", project_root(config) / ".cache" / "downhill"))


def add_fences(config, *fences: dict) -> None:
    """Register custom fences with superfences, turning the extension on if mkdocs.yml did not."""
    if SUPERFENCES not in config.markdown_extensions:
        config.markdown_extensions.append(SUPERFENCES)
    config.mdx_configs.setdefault(SUPERFENCES, {}).setdefault("custom_fences", []).extend(fences)
