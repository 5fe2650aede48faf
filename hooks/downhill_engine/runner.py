"""Runs one session inside a forked worker: limits, captured streams, figures, structured errors.

Everything a block leaves behind is recorded relative to the block (block index, line within the block),
never as a page line, so a cached result stays right when prose above the block moves it down the page.
"""

from __future__ import annotations

import ast
import io
import linecache
import os
import re
import resource
import sys
import sysconfig
import time
import traceback
import warnings
from collections.abc import Callable

from . import widgets
from .widgets import WidgetError, widget_from_value

OUTPUT_LIMIT = 1 << 20  # characters per stream per block; more is a flood, not teaching output
FD_OUTPUT_LIMIT = 64 << 10  # bytes shown of what compiled code writes straight to the file descriptors
FILE_SIZE_LIMIT = 256 << 20  # bytes any one file written by a block may reach
VALUE_LIMIT = 20_000
LIBRARY_ROOTS = sorted(
    {sysconfig.get_paths()[key] for key in ("purelib", "platlib", "stdlib", "platstdlib")},
    key=len,
    reverse=True,
)


class OutputFlood(BaseException):
    """Raised inside the block that prints too much, so it stops at once instead of at the timeout."""


class Capture(io.TextIOBase):
    """A text stream that keeps what it is given up to a limit, and raises past it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.parts: list[str] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.size += len(text)
        if self.size > OUTPUT_LIMIT:
            raise OutputFlood(self.name)
        self.parts.append(text)
        return len(text)

    def getvalue(self) -> str:
        return "".join(self.parts)


BLOCK_FILE = re.compile(r"^<downhill-block-(\d+)>$")


def block_filename(index: int) -> str:
    """The name a block's code is compiled under, so a traceback says which block of the session it was."""
    return f"<downhill-block-{index}>"


def block_index(filename: str) -> int | None:
    """The block a traceback's file name points to, or None for any other file."""
    match = BLOCK_FILE.match(filename)
    return int(match.group(1)) if match else None


def child_main(request: dict, send: Callable[[dict], None], fd_output: str) -> None:
    """Run a session's blocks in order in one namespace, reporting each block as it finishes.

    The caller says "end", once everything the blocks started is gone.
    """
    _limit(request["memory_mb"])
    _quiet_matplotlib()
    warnings.resetwarnings()
    warnings.simplefilter("default")
    # The same namespace pytest-codeblocks gives a block, so the build and the tests run the same program.
    namespace: dict = {"__MODULE__": "__main__"}
    fd_seen = 0
    for index, code in enumerate(request["blocks"]):
        send({"event": "start", "index": index})
        result = run_block(index, code, namespace)
        fd_seen = _append_fd_output(result, fd_output, fd_seen)
        send({"event": "block", "index": index, "result": result})
        if result["error"]:
            break


def run_block(index: int, code: str, namespace: dict) -> dict:
    """Execute one block like a notebook cell: show a final expression's value, keep figures."""
    filename = block_filename(index)
    linecache.cache[filename] = (len(code), None, code.splitlines(keepends=True), filename)
    stdout, stderr = Capture("stdout"), Capture("stderr")
    caught: list[dict] = []
    warnings.showwarning = lambda message, category, file, line, *_: caught.append(
        {"category": category.__name__, "message": str(message), "file": _short(file), "line": line}
    )
    result: dict = {"value": None, "widget": None, "error": None}
    started = time.perf_counter()
    sys.stdout, sys.stderr = stdout, stderr
    try:
        tree = ast.parse(code, filename)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, filename, "exec"), namespace)  # noqa: S102 - running the block is the point
        if last is not None:
            value = eval(compile(ast.Expression(last.value), filename, "eval"), namespace)  # noqa: S307
            result["widget"] = _widget(value, filename, last.lineno, code)
            result["value"] = None if result["widget"] else _shown_value(value)
    except SyntaxError as error:
        result["error"] = {
            "kind": "syntax",
            "line": error.lineno,
            "exception": f"SyntaxError: {error.msg}",
            "frames": [],
        }
    except OutputFlood as flood:
        result["error"] = {"kind": "flood", "stream": str(flood), "limit": OUTPUT_LIMIT, "frames": []}
    except _Reported as reported:
        result["error"] = reported.error
    except SystemExit as error:
        result["error"] = {"kind": "exit", "exception": f"SystemExit: {error.code}", "frames": []}
    except BaseException as error:  # noqa: BLE001 - every failure must be reported, not raised
        result["error"] = _exception(error)
    finally:
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    result.update(
        stdout=stdout.getvalue(),
        stderr=stderr.getvalue(),
        warnings=caught,
        figures=_figures(),
        seconds=time.perf_counter() - started,
    )
    return result


def _limit(memory_mb: int) -> None:
    """Cap memory above what the preloaded worker already maps, core dumps, and file sizes."""
    with open("/proc/self/statm") as statm:
        mapped = int(statm.read().split()[0]) * resource.getpagesize()
    cap = mapped + memory_mb * (1 << 20)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))


def _quiet_matplotlib() -> None:
    """Figures are captured after each block, so ``plt.show()`` has nothing to do and must not warn."""
    import matplotlib.pyplot as plt

    plt.show = lambda *args, **kwargs: None


def _exception(error: BaseException) -> dict:
    """A traceback as data: frames inside the engine are dropped, library paths shortened."""
    frames = [
        {"file": _short(frame.filename), "line": frame.lineno, "name": frame.name, "text": frame.line or ""}
        for frame in traceback.extract_tb(error.__traceback__)
        if frame.filename not in (__file__, widgets.__file__)
    ]
    exception = "".join(traceback.format_exception_only(type(error), error)).rstrip("\n")
    return {"kind": "exception", "exception": exception, "frames": frames, "type": type(error).__name__}


def _short(filename: str) -> str:
    """Library paths without the machine-specific prefix, so outputs are the same on every machine."""
    for root in LIBRARY_ROOTS:
        if filename.startswith(root + os.sep):
            return filename[len(root) + 1 :]
    return filename


def _widget(value: object, filename: str, line: int, code: str) -> dict | None:
    """The value's widget; a bad one is an error at the block's last line, which produced the value."""
    try:
        return widget_from_value(value)
    except WidgetError as error:
        text = code.splitlines()[line - 1].strip()
        frame = {"file": filename, "line": line, "name": "<module>", "text": text}
        raise _Reported({"kind": "exception", "exception": f"WidgetError: {error}", "frames": [frame]}) from None


class _Reported(Exception):
    """An error already described as data, for the engine's own checks on what a block produced."""

    def __init__(self, error: dict) -> None:
        super().__init__(error["exception"])
        self.error = {**error, "type": error["exception"].split(":")[0]}


def _shown_value(value: object) -> str | None:
    """The repr a notebook would show, except None and Matplotlib objects whose repr is an address."""
    if value is None:
        return None
    items = value if isinstance(value, (list, tuple)) and value else [value]
    if all(type(item).__module__.startswith("matplotlib") for item in items):
        return None
    text = repr(value)
    return text if len(text) <= VALUE_LIMIT else text[:VALUE_LIMIT] + " …"


def _figures() -> list[dict]:
    """Save every open figure in its light and dark variants, then close it."""
    if "matplotlib.pyplot" not in sys.modules:
        return []
    import matplotlib.pyplot as plt

    from .figures import save_variants

    figures = []
    for number in plt.get_fignums():
        figure = plt.figure(number)
        title = _title(figure)
        figures.append({**save_variants(figure), "title": title})
        plt.close(figure)
    return figures


def _title(figure) -> str:
    """A figure's own words for itself: its suptitle, else its axes' titles."""
    suptitle = figure._suptitle.get_text() if figure._suptitle else ""
    if suptitle:
        return suptitle
    return "; ".join(title for axes in figure.axes if (title := axes.get_title()))


def _append_fd_output(result: dict, path: str, seen: int) -> int:
    """Add what compiled code wrote to file descriptors 1 and 2 during the block to its stderr."""
    try:
        with open(path, "rb") as handle:
            handle.seek(seen)
            data = handle.read(FD_OUTPUT_LIMIT + 1)
            end = handle.seek(0, os.SEEK_END)
    except OSError:
        return seen
    if data:
        text = data[:FD_OUTPUT_LIMIT].decode(errors="replace")
        if len(data) > FD_OUTPUT_LIMIT:
            text += "\n[output written by compiled code cut here]\n"
        result["stderr"] += text
    return end
