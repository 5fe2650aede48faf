"""Find a page's sessions with pytest-codeblocks' own rules, and split them back into visible blocks.

pytest-codeblocks decides which blocks the tests run, how ``cont`` joins them and which fence holds expected
output. The build asks the same library, so the two can never disagree; this module only adds what the
library does not keep: where each fence of a session starts and ends, so that output can go under it.
"""

from __future__ import annotations

import importlib.util
import io
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from .errors import EngineError
from .fences import scan
from .frontmatter import FrontMatterError, read_front_matter
from .includes import ExpandedText, Origin

RUN_SYNTAXES = ("python", "sh", "bash")  # what pytest-codeblocks collects


def _codeblocks_parser() -> ModuleType:
    """pytest-codeblocks' parser module, ``pytest_codeblocks.main``, loaded on its own.

    Importing the package also imports its pytest plugin, and so pytest: a twentieth of a warm build,
    spent on nothing the build uses. The test suite imports the package normally, with the same parser.
    """
    if "pytest_codeblocks" in sys.modules:
        return sys.modules["pytest_codeblocks"].main
    package = importlib.util.find_spec("pytest_codeblocks")
    location = Path(next(iter(package.submodule_search_locations))) / "main.py"
    spec = importlib.util.spec_from_file_location("downhill_engine._codeblocks_main", location)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


codeblocks = _codeblocks_parser()
ALT_OPTION = re.compile(r"^\s*<!--\s*figure-alt:\s*(?P<alt>.*?)\s*-->\s*$")
MARKER = re.compile(r"^<!--[-\s]*pytest-codeblocks:(?P<keyword>.*)-->$")
TILDE_PYTHON = re.compile(r"^\s*~{3,}\s*\{?\s*\.?py", re.IGNORECASE)
PAGE_OPTIONS = {"timeout": (int, float), "memory_mb": (int,)}

BUILD_FENCES = ("dh-output", "dh-widget")  # written only by render.py and widgets.py


class ParseError(EngineError):
    """A page whose blocks or markers pytest-codeblocks cannot read."""


@dataclass(frozen=True)
class Block:
    """One fenced block as written: where it sits in the expanded text and where it came from."""

    start: int  # line of the opening fence in the expanded text
    end: int  # line of the closing fence in the expanded text
    indent: str
    syntax: str
    code: str
    origin: Origin
    code_origins: tuple[Origin, ...]
    alt: str | None = None


@dataclass(frozen=True)
class Session:
    """What pytest-codeblocks runs as one test: a block and the blocks that continue it."""

    blocks: tuple[Block, ...]
    marks: tuple[str, ...] = ()
    importorskip: str | None = None
    expected_output: str | None = None
    expected_ignore_whitespace: bool = False
    expected_block: Block | None = None

    @property
    def head(self) -> Block:
        return self.blocks[0]

    @property
    def syntax(self) -> str:
        return self.head.syntax


@dataclass(frozen=True)
class Page:
    """A parsed page: its expanded text, the sessions pytest-codeblocks collects, and what it leaves out."""

    path: str
    expanded: ExpandedText
    body_start: int
    options: dict = field(default_factory=dict)
    sessions: tuple[Session, ...] = ()
    excluded: tuple[Origin, ...] = ()


def parse_page(path: str, expanded: ExpandedText) -> Page:
    """Parse an expanded page into sessions; raise ParseError naming the line of any malformed marker."""
    body_start, options = _front_matter(path, expanded)
    fences = _scan_fences(path, expanded)
    try:
        found = codeblocks.extract_from_buffer(io.StringIO(expanded.text))
    except RuntimeError as error:
        raise ParseError(path, _marker_error_line(expanded), f"pytest-codeblocks: {error}") from None
    sessions = _split(path, expanded, found, fences)
    _check_continuations(path, sessions)
    collected = tuple(s for s in sessions if s.syntax in RUN_SYNTAXES)
    return Page(path, expanded, body_start, options, collected, _excluded(expanded, sessions))


def _front_matter(path: str, expanded: ExpandedText) -> tuple[int, dict]:
    """Return the first body line and the page's ``execute:`` options, validated."""
    try:
        meta, where, body_start = read_front_matter(expanded.lines)
    except FrontMatterError as error:
        raise ParseError(path, error.line, error.message, "Quote a value that holds `: ` or `#`.") from None
    options = meta.get("execute", {})
    line = where.get("execute", 1)
    if not isinstance(options, dict):
        raise ParseError(path, line, "`execute:` in front matter must be a mapping, e.g. `execute: {timeout: 60}`")
    for key, value in options.items():
        kinds = PAGE_OPTIONS.get(key)
        if kinds is None:
            known = ", ".join(PAGE_OPTIONS)
            raise ParseError(path, line, f"unknown `execute:` option {key!r}; known options: {known}")
        if not isinstance(value, kinds) or isinstance(value, bool) or value <= 0:
            raise ParseError(path, line, f"`execute: {key}` must be a positive number, not {value!r}")
    return body_start, options


def _scan_fences(path: str, expanded: ExpandedText) -> dict[int, Block]:
    """Every backtick fence, found exactly as pytest-codeblocks finds them, keyed by opening line."""
    fences: dict[int, Block] = {}
    lines = expanded.lines
    after = 0  # the line after the previous fence: an alt comment there belongs to the next fence
    for fence in scan(lines, marks="`"):
        if not fence.closed:
            raise ParseError(path, expanded.origin(fence.start).line, "code block is never closed")
        options = (ALT_OPTION.match(line) for line in lines[after : fence.start - 1])
        alt = next((option.group("alt") for option in reversed(list(options)) if option), None)
        after = fence.end
        code: list[str] = []
        origins: list[Origin] = []
        for number in range(fence.start + 1, fence.end):
            inner = lines[number - 1] + "\n"
            # pytest-codeblocks' own cut: in an indented block it also strips a blank line's newline,
            # so that line vanishes from the code. Mirror it, and keep the line map aligned.
            kept = inner[min(len(fence.indent), len(inner) - len(inner.lstrip())) :]
            if kept:
                code.append(kept)
                origins.append(expanded.origin(number))
        syntax = fence.info
        if syntax.split(" ", 1)[0] in BUILD_FENCES:
            raise ParseError(
                path,
                expanded.origin(fence.start).line,
                f"a `{syntax.split(' ', 1)[0]}` fence is written by the build, never by hand",
                "Delete it: the build puts each block's real output under the block.",
            )
        start = fence.start
        fences[start] = Block(
            start, fence.end, fence.indent, syntax, "".join(code), expanded.origin(start), tuple(origins), alt
        )
    return fences


def _split(path: str, expanded: ExpandedText, found: list, fences: dict[int, Block]) -> list[Session]:
    """Give each session found by pytest-codeblocks the fences it consumed, and check they add up."""
    order = sorted(fences)
    heads = [item.lineno for item in found]
    sessions = []
    for index, item in enumerate(found):
        following = heads[index + 1] if index + 1 < len(heads) else len(expanded.lines) + 1
        members = [fences[item.lineno]]
        expected_block = None
        for start in order:
            if not item.lineno < start < following:
                continue
            if _marker_before(expanded, start).startswith("expected-output"):
                expected_block = fences[start]
            else:
                members.append(fences[start])
        code = "".join(block.code for block in members)
        expected = expected_block.code if expected_block else None
        if code != item.code or expected != item.expected_output:
            raise ParseError(
                path,
                expanded.origin(item.lineno).line,
                "internal error: the engine and pytest-codeblocks read this block differently",
            )
        sessions.append(
            Session(
                tuple(members),
                tuple(item.marks),
                item.importorskip,
                item.expected_output,
                item.expected_output_ignore_whitespace,
                expected_block,
            )
        )
    return sessions


def _check_continuations(path: str, sessions: list[Session]) -> None:
    """A ```python block that continues a block of another language would never run, in the build or tests."""
    for session in sessions:
        if session.syntax in RUN_SYNTAXES:
            continue
        for block in session.blocks[1:]:
            if block.syntax in RUN_SYNTAXES:
                raise ParseError(
                    path,
                    block.origin.line,
                    f"this block continues a `{session.syntax or 'plain'}` block (line {session.head.origin.line}), "
                    "so pytest-codeblocks never runs it",
                    "A `<!--pytest-codeblocks:cont-->` block joins the block just before it. Move it right after "
                    "the ```python block it continues, or remove the marker to start a new session.",
                )


def _marker_before(expanded: ExpandedText, start: int) -> str:
    """The pytest-codeblocks keyword of the nearest marker line above a fence, or ``""``."""
    for number in range(start - 1, 0, -1):
        line = expanded.lines[number - 1].strip()
        match = MARKER.match(line)
        if match:
            return match.group("keyword").strip("- ")
        if line.startswith("```"):
            return ""
    return ""


def _marker_error_line(expanded: ExpandedText) -> int | None:
    """Find the first marker line at which pytest-codeblocks starts to fail."""
    for number, line in enumerate(expanded.lines, start=1):
        if not MARKER.match(line.strip()):
            continue
        try:
            codeblocks.extract_from_buffer(io.StringIO("\n".join(expanded.lines[:number]) + "\n"))
        except RuntimeError:
            return expanded.origin(number).line
    return None


def _excluded(expanded: ExpandedText, sessions: list[Session]) -> tuple[Origin, ...]:
    """Fences that look like Python but that pytest-codeblocks will not run, so none is skipped silently."""
    excluded = [
        block.origin
        for session in sessions
        if session.syntax != "python"
        for block in session.blocks
        if "py" in block.syntax.lower()
    ]
    excluded += [expanded.origin(n) for n, line in enumerate(expanded.lines, 1) if TILDE_PYTHON.match(line)]
    return tuple(sorted(excluded, key=lambda origin: (origin.path, origin.line)))


def codeblocks_for_tests(expanded: ExpandedText) -> list:
    """What pytest-codeblocks collects from the expanded page, with lines mapped back to the page.

    The test suite hands this to pytest-codeblocks in place of reading the raw file, so the tests see
    included code and report the same Markdown lines as the build. Each block also gets ``origins``: where
    each line of the code it runs was written, so a failure can name the line that raised.
    """
    found = codeblocks.extract_from_buffer(io.StringIO(expanded.text))
    try:
        sessions = _split("", expanded, found, _scan_fences("", expanded))
    except ParseError:
        sessions = []  # the build reports a malformed page; the tests still run what pytest-codeblocks found
    for block, session in zip(found, sessions or [None] * len(found), strict=True):
        block.origins = tuple(origin for part in session.blocks for origin in part.code_origins) if session else ()
    for block in found:
        block.lineno = expanded.origin(block.lineno).line
    return found
