"""Write a page's Markdown with each block's real output, figures and errors placed right under it."""

from __future__ import annotations

import base64
import hashlib
import html
import posixpath
import re
from dataclasses import dataclass, field

from .check import figure_alt, format_traceback, map_line
from .errors import EngineError
from .parse import Block, Page
from .plan import Planned
from .results import BlockResult, SessionResult
from .widgets import INTERACTIVE_KINDS, widget_fence

ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # every C0 and C1 control but tab and newline
HEAD_LINES, TAIL_LINES = 100, 20
MAX_SHOWN_CHARS = 40_000
FIGURE_DIR = "assets/figures"
OUTPUT_FENCE = "dh-output"
OUTPUT_KINDS = ("stdout", "stderr", "error")


@dataclass
class Rendered:
    """A page's final Markdown, and the figure files it links to (docs-relative path → bytes)."""

    markdown: str
    figures: dict[str, bytes] = field(default_factory=dict)


@dataclass
class Outcome:
    """What happened to one planned session: its result (None if skipped) and its failure, if any."""

    planned: Planned
    result: SessionResult | None
    failure: EngineError | None = None
    fresh: bool = False  # run in this build rather than served from the cache


def render_page(page: Page, docs_path: str, outcomes: list[Outcome]) -> Rendered:
    """Insert outputs after the blocks they belong to; ``docs_path`` is the page's path inside docs/."""
    inserts: dict[int, list[str]] = {}
    figures: dict[str, bytes] = {}
    for outcome in outcomes:
        for line, text in _session_inserts(outcome, docs_path, figures):
            inserts.setdefault(line, []).append(text)
    lines = []
    for number, line in enumerate(page.expanded.lines, start=1):
        if number >= page.body_start:
            lines.append(line)
        lines.extend(inserts.get(number, []))
    return Rendered("\n".join(lines) + "\n", figures)


def render_error(error: EngineError, indent: str = "") -> str:
    """An error box for `mkdocs serve`: the page still renders, and says exactly what broke."""
    title = f"Downhill: {error.location}".replace('"', "'")
    body = _fence(error.format(), "error", "Build error", indent + "    ")
    return f'\n{indent}!!! failure "{title}"\n\n{body}\n'


def _session_inserts(outcome: Outcome, docs_path: str, figures: dict[str, bytes]):
    planned, result = outcome.planned, outcome.result
    session = planned.session
    if result is None:
        head = session.head
        yield head.end, f"\n{head.indent}*Not run: {planned.skip_reason}.*{{ .dh-skipped }}\n"
        return
    hide_stdout = session.expected_output is not None  # the expected-output block already shows it
    for index, (block, block_result) in enumerate(zip(session.blocks, result.blocks, strict=False)):
        if outcome.failure is not None and index == len(result.blocks) - 1:
            # The failing block shows its error only: what it printed before failing is partial output.
            yield block.end, render_error(outcome.failure, block.indent)
            continue
        parts = list(_outputs(block, block_result, hide_stdout, planned, docs_path, figures))
        if parts:
            yield block.end, "\n" + "\n".join(parts)


def _outputs(block: Block, result: BlockResult, hide_stdout: bool, planned: Planned, docs_path: str, figures):
    indent = block.indent
    shown = "" if hide_stdout else result.stdout
    if result.value is not None:
        shown += ("" if not shown or shown.endswith("\n") else "\n") + result.value
    if shown:
        yield _fence(shown, "stdout", "Output", indent)
    notes = result.stderr + "".join(
        f"{_warning_place(planned, item)}: {item['category']}: {item['message']}\n" for item in result.warnings
    )
    if notes:
        yield _fence(notes, "stderr", "Warnings and errors", indent)
    if result.error and result.error["kind"] == "exception" and planned.expect_error:
        text = format_traceback(planned.session.blocks, result.error, teaching=True)
        yield _fence(text, "error", "Error", indent)
    if result.widget:
        yield widget_fence(result.widget, indent)
    # An interactive widget's figures are its static version: its script hides them on screen, print keeps them.
    static = " .dh-widget-static" if result.widget and result.widget["kind"] in INTERACTIVE_KINDS else ""
    for number, figure in enumerate(result.figures, start=1):
        alt = _escape_alt(figure_alt(block, figure, number, len(result.figures)) or "")
        for variant, scheme in (("data", "only-light"), ("dark", "only-dark")):
            name = _figure_name(figure["format"], figure[variant], figures)
            link = posixpath.relpath(name, posixpath.dirname(docs_path) or ".")
            yield f"{indent}![{alt}]({link}#{scheme}){{ .dh-figure{static} loading=lazy }}\n"


def _warning_place(planned: Planned, item: dict) -> str:
    origin = map_line(planned.session.blocks, item["file"], item["line"])
    return str(origin) if origin else f"{item['file']}:{item['line']}"


def _figure_name(kind: str, encoded: str, figures: dict[str, bytes]) -> str:
    """Content-addressed names: the same figure is one file, a changed figure a new URL (no stale cache)."""
    data = encoded.encode() if kind == "svg" else base64.b64decode(encoded)
    name = f"{FIGURE_DIR}/{hashlib.sha256(data).hexdigest()[:20]}.{kind}"
    figures[name] = data
    return name


def _fence(text: str, kind: str, title: str, indent: str) -> str:
    """An output fence, rendered by ``format_output``; indented to stay inside admonitions and tabs."""
    text = _shorten(_visible(ANSI.sub("", text))).rstrip("\n")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    body = "\n".join(indent + line if line else line for line in text.split("\n"))
    return f'{indent}{ticks}{OUTPUT_FENCE} kind="{kind}" title="{title}"\n{body}\n{indent}{ticks}\n'


def superfences_output_fence() -> dict:
    """The pymdownx.superfences ``custom_fences`` entry that renders output fences."""
    return {"name": OUTPUT_FENCE, "class": OUTPUT_FENCE, "format": format_output, "validator": _validate_output}


def format_output(source: str, language: str, class_name: str, options: dict, md, **kwargs) -> str:
    """Escaped, labelled output: no highlighter needed, and `<script>` in output stays text."""
    kind = options.get("kind", "stdout")
    title = html.escape(options.get("title", "Output"))
    return (
        f'<div class="dh-output dh-output--{kind}" role="group" aria-label="{title}">'
        f'<span class="dh-output__label">{title}</span>'
        f"<pre><code>{html.escape(source)}</code></pre></div>"
    )


def _validate_output(language: str, inputs: dict, options: dict, attrs: dict, md) -> bool:
    options.update(inputs)
    return set(inputs) <= {"kind", "title"} and inputs.get("kind") in OUTPUT_KINDS


def _shorten(text: str) -> str:
    """Keep the head and tail of very long output, with a note saying how much is hidden."""
    lines = text.split("\n")
    if len(lines) > HEAD_LINES + TAIL_LINES + 1:
        hidden = len(lines) - HEAD_LINES - TAIL_LINES
        lines = [*lines[:HEAD_LINES], f"[… {hidden} more lines not shown …]", *lines[-TAIL_LINES:]]
        text = "\n".join(lines)
    if len(text) > MAX_SHOWN_CHARS:
        hidden = len(text) - MAX_SHOWN_CHARS
        text = text[:MAX_SHOWN_CHARS] + f"\n[… {hidden} more characters not shown …]"
    return text


def _visible(text: str) -> str:
    """Control characters as escapes like ``\\x00``: raw, they are invisible, beep, or break the HTML."""
    return CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def _escape_alt(alt: str) -> str:
    return re.sub(r"([\\\[\]])", r"\\\1", _visible(alt.replace("\n", " ")))
