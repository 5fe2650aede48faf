"""MkDocs adapter for ``downhill_math``: adds its Markdown extension, which typesets math at build.

The extension is added here, not listed in mkdocs.yml, because MkDocs imports extensions by name before the
hooks' folder is on the import path. ``mkdocs serve`` shows a malformed formula on the page instead of
stopping, like a failing block.
"""

from __future__ import annotations

from downhill_math.extension import MathExtension

_state: dict = {"command": "build"}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_config(config):
    config.markdown_extensions.append(MathExtension(errors="box" if _state["command"] == "serve" else "raise"))
    return config
