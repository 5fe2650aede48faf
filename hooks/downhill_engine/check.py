"""Judge a session's result against what its page asked for, and explain failures in Markdown lines."""

from __future__ import annotations

import difflib
import re

from .errors import EngineError
from .includes import Origin
from .parse import Block
from .plan import Planned
from .results import SessionResult
from .runner import block_filename, block_index

HINTS = {
    "EOFError": "Blocks run with no standard input, so input() has nothing to read: set the value in code.",
    "MemoryError": "Each block may use {memory_mb} MiB; raise `execute: {{memory_mb: N}}` in front matter if "
    "it really needs more.",
    "PermissionError": "Examples run in a sandbox: a block may write only in its own working folder, and may "
    "not open network connections or signal processes it did not start.",
}


class BlockFailure(EngineError):
    """A block that did not do what its page says it does."""


def check(planned: Planned, result: SessionResult) -> BlockFailure | None:
    """Return the failure to report for this session, or None when it did what the page promises."""
    blocks = planned.session.blocks
    error = result.error
    if error is not None:
        index = len(result.blocks) - 1
        if error["kind"] == "exception" and planned.expect_error:
            if index == len(blocks) - 1:
                return None
            return _failure(
                blocks[index + 1].origin,
                "this block never runs: an earlier block of its session raised as expected",
                blocks[index + 1],
                "Start a new session here (remove `<!--pytest-codeblocks:cont-->`), or move the error last.",
            )
        return _unexpected(planned, blocks, index, error)
    if planned.expect_error:
        return _failure(
            blocks[-1].origin,
            "this session is marked `pytest.mark.xfail` to teach an error, but it ran without raising",
            blocks[-1],
        )
    return _check_expected_output(planned, result)


def figure_alt(block: Block, figure: dict, number: int, count: int) -> str | None:
    """The alt text of a figure: the block's ``figure-alt`` option, else the figure's own title."""
    alt = block.alt or figure.get("title")
    if alt and count > 1 and block.alt:
        alt = f"{alt} (figure {number} of {count})"
    return alt


def check_figures(planned: Planned, result: SessionResult) -> BlockFailure | None:
    """Every figure needs alt text, so screen-reader users get the figure's point too."""
    for block, block_result in zip(planned.session.blocks, result.blocks, strict=False):
        figures = block_result.figures
        for number, figure in enumerate(figures, start=1):
            if not figure_alt(block, figure, number, len(figures)):
                return _failure(
                    block.origin,
                    "a figure from this block has no alt text",
                    block,
                    "Give the figure a title (ax.set_title or fig.suptitle), or put "
                    "<!-- figure-alt: what the figure shows --> on the line above the block.",
                )
    return None


def map_line(blocks: tuple[Block, ...], filename: str, line: int | None) -> Origin | None:
    """Turn a position inside a block's code into the file and line the contributor wrote."""
    index = block_index(filename)
    if index is None or line is None:
        return None
    block = blocks[index]
    if 1 <= line <= len(block.code_origins):
        return block.code_origins[line - 1]
    return block.origin


def format_traceback(blocks: tuple[Block, ...], error: dict, *, teaching: bool) -> str:
    """A traceback in page coordinates; for teaching, only the reader's own code and the exception."""
    lines = ["Traceback (most recent call last):"]
    for frame in error["frames"]:
        origin = map_line(blocks, frame["file"], frame["line"])
        if teaching and origin is None:
            continue
        where = f'"{origin.path}", line {origin.line}' if origin else f'"{frame["file"]}", line {frame["line"]}'
        lines.append(f"  File {where}, in {frame['name']}")
        if frame["text"]:
            lines.append(f"    {frame['text']}")
    lines.append(error["exception"])
    return "\n".join(lines)


def _unexpected(planned: Planned, blocks: tuple[Block, ...], index: int, error: dict) -> BlockFailure:
    block = blocks[index]
    kind = error["kind"]
    origin = block.origin
    hint = ""
    if kind == "exception":
        frames = [map_line(blocks, frame["file"], frame["line"]) for frame in error["frames"]]
        origin = next((found for found in reversed(frames) if found), origin)
        message = f"block raised {error['exception'].splitlines()[-1]}"
        hint = HINTS.get(error.get("type", ""), "").format(memory_mb=planned.memory_mb)
        detail = format_traceback(blocks, error, teaching=False)
        return _failure(origin, message, block, hint, detail, mark=origin)
    if kind == "syntax":
        origin = map_line(blocks, block_filename(index), error["line"]) or origin
        return _failure(origin, f"block has a {error['exception']}", block, mark=origin)
    if kind == "timeout":
        message = f"block did not finish within {error['seconds']:g} s and was stopped"
        hint = "If it really needs longer, set `execute: {timeout: N}` in the page's front matter."
    elif kind == "crash":
        message = f"the worker running this block crashed ({error['status']})"
    elif kind == "exit":
        message = f"block tried to exit the interpreter ({error['exception']})"
        hint = "Blocks must not call sys.exit() or exit(); raise an exception to teach an error."
    else:
        message = f"block printed more than {error['limit'] // 1024} KiB to {error['stream']} and was stopped"
        hint = "Print a summary (a few rows, a shape, a total) instead of everything."
    return _failure(origin, message, block, hint)


def _check_expected_output(planned: Planned, result: SessionResult) -> BlockFailure | None:
    session = planned.session
    if session.expected_output is None:
        return None
    wanted, got = session.expected_output, result.stdout
    if session.expected_ignore_whitespace:
        same = re.sub(r"\s+", "", wanted) == re.sub(r"\s+", "", got)
    else:
        same = wanted == got
    if same:
        return None
    diff = "".join(
        difflib.unified_diff(
            wanted.splitlines(keepends=True), got.splitlines(keepends=True), "expected output", "actual output"
        )
    )
    block = session.expected_block
    return BlockFailure(
        block.origin.path,
        block.origin.line,
        "the expected output does not match what the session printed",
        diff + "\nUpdate the expected-output block, or remove it and let the build show the real output.",
    )


def _failure(
    origin: Origin,
    message: str,
    block: Block,
    hint: str = "",
    detail: str = "",
    mark: Origin | None = None,
) -> BlockFailure:
    parts = [_listing(block, mark)]
    if detail:
        parts.append(detail)
    if hint:
        parts.append(hint)
    return BlockFailure(origin.path, origin.line, message, "\n\n".join(parts))


def _listing(block: Block, mark: Origin | None) -> str:
    """The block's code with the line numbers of the file it was written in."""
    width = max((len(str(origin.line)) for origin in block.code_origins), default=1)
    lines = [f"  ```{block.syntax}  ({block.origin})"]
    for origin, text in zip(block.code_origins, block.code.splitlines(), strict=False):
        pointer = ">" if origin == mark else " "
        lines.append(f"{pointer} {origin.line:>{width}} | {text}")
    return "\n".join(lines)
