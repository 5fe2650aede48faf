"""MkDocs adapter for ``downhill_math``: adds its Markdown extension, which typesets math at build.

The extension is added here, not listed in mkdocs.yml, because MkDocs imports extensions by name before the
hooks' folder is on the import path. ``mkdocs serve`` shows a malformed formula on the page instead of
stopping, like a failing block.
"""

from __future__ import annotations

import downhill_mkdocs as adapter
from downhill_engine.errors import EngineError
from downhill_math.extension import MathExtension

_state: dict = {"command": "build"}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_config(config):
    errors = "box" if adapter.shows_errors_on_the_page(_state["command"]) else "raise"
    config.markdown_extensions.append(MathExtension(errors=errors, fail=_fail))
    return config


def _fail(error: EngineError) -> None:
    """Stop the build the way a failing block does: the message, no traceback."""
    adapter.stop([error])
