"""Make pytest-codeblocks test lessons exactly as the build runs them.

pytest-codeblocks reads a Markdown file as it is on disk. Lessons include code from snippets/, so the plugin
is given the page with its includes expanded, by the engine's own parser, and with every line number mapped
back to the page. This lives at the root because docs/ and tests/ both need it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest_codeblocks.plugin
from downhill_engine.includes import Includes
from downhill_engine.parse import codeblocks_for_tests

ROOT = Path(__file__).resolve().parent
_includes = Includes(ROOT, [ROOT / "snippets"])
collect_ignore = ["site", ".cache", "tests/fixtures"]


def _lesson_blocks(path, *args, **kwargs):
    path = Path(path).resolve()
    relative = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
    return codeblocks_for_tests(_includes.expand(path.read_text(encoding="utf-8"), relative))


pytest_codeblocks.plugin.extract_from_file = _lesson_blocks
_plain_failure = pytest_codeblocks.plugin.TestBlock.repr_failure


def _failure_at_its_line(self, excinfo) -> str:
    """Start a block's failure with the page (or snippet) line that raised, and the exception's type."""
    shown = _plain_failure(self, excinfo)
    error = excinfo.value.__context__  # pytest-codeblocks re-raises what the block raised as a RuntimeError
    if error is None:
        return shown
    line = None
    traceback = error.__traceback__
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == "<string>":  # the block's own code, run with exec()
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    origins = getattr(self.obj, "origins", ())
    where = f"{origins[line - 1]}: " if line is not None and 0 < line <= len(origins) else ""
    return f"{where}{type(error).__name__}: {error}\n{shown}"


pytest_codeblocks.plugin.TestBlock.repr_failure = _failure_at_its_line


def pytest_runtest_teardown(item) -> None:
    """Blocks run in this process under pytest-codeblocks; close their figures between tests."""
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
