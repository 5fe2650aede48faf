"""Errors that name a file and line, because contributors fix Markdown, not engine internals."""

from __future__ import annotations

from pathlib import Path


def shown_path(path: Path | str, root: Path | str) -> str:
    """``path`` as a contributor would type it: from ``root`` when inside it, else as given, never an error.

    A docs folder reached through a symlink, or a file outside the project, must still get a message.
    """
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


class EngineError(Exception):
    """An error in a page that a contributor can fix, located at ``path:line``."""

    def __init__(self, path: str, line: int | None, message: str, detail: str = "") -> None:
        self.path = path
        self.line = line
        self.message = message
        self.detail = detail
        super().__init__(self.format())

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def format(self) -> str:
        text = f"{self.location}: {self.message}"
        if self.detail:
            text += "\n" + self.detail.rstrip("\n")
        return text


class BuildError(Exception):
    """One or more pages failed; the message lists every failure so one build shows them all."""

    def __init__(self, errors: list[EngineError]) -> None:
        self.errors = errors
        count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
        body = "\n\n".join(error.format() for error in errors)
        super().__init__(f"Downhill found {count}:\n\n{body}")
