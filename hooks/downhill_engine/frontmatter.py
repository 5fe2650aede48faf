"""Front matter: the YAML between a page's first two `---` lines, with the line of every top-level key.

One reader for the engine's `execute:` options and for lesson metadata, so they can never disagree on
where a page's body starts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import yaml

KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


class FrontMatterError(ValueError):
    """Front matter that cannot be read, at a line of the file."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(message)


def read_front_matter(lines: Sequence[str]) -> tuple[dict, dict[str, int], int]:
    """The front matter as a dict, the line of each top-level key, and the first line of the body."""
    if not lines or lines[0].rstrip() != "---":
        return {}, {}, 1
    end = next((n for n, line in enumerate(lines[1:], start=2) if line.rstrip() in ("---", "...")), None)
    if end is None:
        raise FrontMatterError(1, "front matter is not closed by a `---` line")
    try:
        data = yaml.safe_load("\n".join(lines[1 : end - 1])) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or "syntax error"
        line = mark.line + 2 if mark else 1  # the YAML starts on the file's second line
        raise FrontMatterError(line, f"front matter is not valid YAML ({problem})") from None
    where = {match.group(1): n for n, line in enumerate(lines[1 : end - 1], start=2) if (match := KEY.match(line))}
    return (data if isinstance(data, dict) else {}), where, end + 1
