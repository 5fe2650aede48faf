"""Decide, for every session, whether it runs, what it must do, its limits and its cache key."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from dataclasses import dataclass, field

from . import environment
from .errors import EngineError
from .parse import Page, Session

DEFAULT_TIMEOUT = 30.0
DEFAULT_MEMORY_MB = 2048


class PlanError(EngineError):
    """A session whose markers cannot be honoured."""


@dataclass(frozen=True)
class Planned:
    """A session with everything the executor and renderer need to know about it."""

    page: Page
    session: Session
    skip_reason: str | None
    expect_error: bool
    timeout: float
    memory_mb: int
    key: str

    def request(self) -> dict:
        """What the worker needs: the code of each block and the limits, nothing page-specific."""
        return {
            "key": self.key,
            "blocks": [block.code for block in self.session.blocks],
            "timeout": self.timeout,
            "memory_mb": self.memory_mb,
        }


def plan_page(page: Page) -> list[Planned]:
    """Plan every session of a page, raising PlanError at the first marker that makes no sense."""
    timeout = float(page.options.get("timeout", DEFAULT_TIMEOUT))
    memory_mb = int(page.options.get("memory_mb", DEFAULT_MEMORY_MB))
    return [_plan(page, session, timeout, memory_mb) for session in page.sessions]


def _plan(page: Page, session: Session, timeout: float, memory_mb: int) -> Planned:
    origin = session.head.origin
    skip_reason, expect_error = _marks(session, origin.path, origin.line)
    if skip_reason is None and session.importorskip and importlib.util.find_spec(session.importorskip) is None:
        skip_reason = f"needs `{session.importorskip}`, which is not installed"
    if skip_reason is None and session.syntax != "python":
        raise PlanError(
            origin.path,
            origin.line,
            f"a `{session.syntax}` block would run as a shell command under pytest-codeblocks",
            "The build runs only Python. Show commands in a `console` block, or mark this one <!--pytest.mark.skip-->.",
        )
    key = _key([block.code for block in session.blocks], timeout, memory_mb)
    return Planned(page, session, skip_reason, expect_error, timeout, memory_mb, key)


@dataclass(frozen=True)
class _Mark:
    name: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)

    def __call__(self, *args, **kwargs) -> _Mark:
        return _Mark(self.name, args, kwargs)


class _MarkRecorder:
    """Stands in for ``pytest`` when evaluating ``pytest.mark.NAME(...)``: the same expression, the same
    arguments, without importing pytest into every build (a twentieth of a warm build)."""

    @property
    def mark(self) -> _MarkRecorder:
        return self

    def __getattr__(self, name: str) -> _Mark:
        return _Mark(name, (), {})


def _marks(session: Session, path: str, line: int) -> tuple[str | None, bool]:
    """Evaluate marks exactly as pytest-codeblocks does, and read skip, skipif and xfail from them."""
    skip_reason = None
    expect_error = False
    for text in session.marks:
        try:
            mark = eval(text, {"sys": sys, "pytest": _MarkRecorder()})  # noqa: S307 - the plugin's own rule
        except Exception as error:  # noqa: BLE001 - any failure is the author's to fix
            raise PlanError(path, line, f"cannot evaluate marker `{text}`: {error}") from None
        if not isinstance(mark, _Mark):
            raise PlanError(path, line, f"`{text}` is not a pytest mark")
        if mark.name == "skip":
            skip_reason = mark.kwargs.get("reason") or (mark.args[0] if mark.args else "marked skip")
        elif mark.name == "skipif":
            condition = mark.args[0] if mark.args else mark.kwargs.get("condition", False)
            if isinstance(condition, str):
                raise PlanError(path, line, "skipif conditions must be expressions, not strings")
            if condition:
                skip_reason = mark.kwargs.get("reason") or "skipif condition is true"
        elif mark.name == "xfail":
            expect_error = True
    return skip_reason, expect_error


def _key(blocks: list[str], timeout: float, memory_mb: int) -> str:
    """Hash what decides a session's output: its code chain, its limits and the environment."""
    payload = {
        "environment": environment.fingerprint(),
        "blocks": blocks,
        "timeout": timeout,
        "memory_mb": memory_mb,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
