"""Expand ``--8<--`` includes with pymdownx.snippets, remembering where every expanded line came from.

Included code must run and be tested like code written in the page, and an error inside it must point at
the snippet file, not at a line number of a text the contributor never sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import markdown
from pymdownx.snippets import SnippetMissingError, SnippetPreprocessor

from .errors import EngineError, shown_path

SNIPPETS = "snippets"  # the folder of included files, next to mkdocs.yml


@dataclass(frozen=True)
class Origin:
    """Where a line of the expanded text was written: a file relative to the project root, and a line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class ExpandedText:
    """A page with its includes expanded; ``origins[i]`` is the source of line ``i + 1``."""

    lines: tuple[str, ...]
    origins: tuple[Origin, ...]

    @property
    def text(self) -> str:
        return "".join(line + "\n" for line in self.lines)

    def origin(self, line: int) -> Origin:
        return self.origins[line - 1]


class IncludeError(EngineError):
    """A ``--8<--`` line that cannot be expanded."""


# `--8<-- "file.py"` after ruff's formatter read it as Python: `--8 < --"file.py"`.
FORMATTED_INCLUDE = re.compile(r"^\s*--8 < --")


class Includes:
    """Expands includes from a fixed set of snippet folders, as the site's pymdownx.snippets would."""

    def __init__(self, root: Path, snippet_dirs: list[Path]) -> None:
        self.root = root
        self.snippet_dirs = snippet_dirs
        md = markdown.Markdown(
            extensions=["pymdownx.snippets"],
            extension_configs={
                "pymdownx.snippets": {
                    "base_path": [str(path) for path in snippet_dirs],
                    "check_paths": True,
                }
            },
        )
        self._snippets: SnippetPreprocessor = md.preprocessors["snippet"]

    def expand(self, text: str, path: str) -> ExpandedText:
        """Expand every include line of ``text``, the contents of the page at ``path``."""
        lines: list[str] = []
        origins: list[Origin] = []
        for number, line in enumerate(text.splitlines(), start=1):
            here = Origin(path, number)
            if FORMATTED_INCLUDE.match(line):
                raise IncludeError(
                    here.path,
                    here.line,
                    "this include line was rewritten by a Python formatter",
                    'Write it as --8<-- "file.py" again, and put the block between <!-- fmt: off --> and '
                    "<!-- fmt: on --> lines so that ruff leaves it alone",
                )
            if "8<" not in line:
                lines.append(line)
                origins.append(here)
                continue
            expanded, expanded_origins = self._expand_line(line, here)
            lines.extend(expanded)
            origins.extend(expanded_origins)
        return ExpandedText(tuple(lines), tuple(origins))

    def _expand_line(self, line: str, here: Origin) -> tuple[list[str], list[Origin]]:
        match = self._snippets.RE_ALL_SNIPPETS.match(line)
        if match is None:
            return [line], [here]
        if match.group("block_marker") and not match.group("escape"):
            raise IncludeError(
                here.path,
                here.line,
                "block-style `--8<--` includes are not supported",
                'Write one include per line instead: --8<-- "file.py"',
            )
        self._snippets.seen = set()
        self._snippets.bases = None
        self._snippets.failed = set()
        try:
            expanded = self._snippets.parse_snippets([line], file_name=str(self.root / here.path))
        except SnippetMissingError as error:
            folders = ", ".join(shown_path(path, self.root) + "/" for path in self.snippet_dirs)
            raise IncludeError(
                here.path, here.line, f"missing include: {error}", f"Include paths are relative to {folders}"
            ) from None
        return expanded, self._origins(match, expanded, here)

    def _origins(self, match, expanded: list[str], here: Origin) -> list[Origin]:
        """Map a whole-file or section include line by line; line ranges map to the include line itself."""
        if match.group("escape") or not match.group("snippet"):
            return [here] * len(expanded)
        target = self._snippets.parse_snippet_target(match.group("snippet")[1:-1].strip())
        source = self._snippets.get_snippet_path(target["path"]) if target else None
        if not source or target["start"]:
            return [here] * len(expanded)
        numbered = list(enumerate(Path(source).read_text(encoding="utf-8").splitlines(), start=1))
        if target["section"] is not None:
            numbered = self._section(numbered, target["section"])
        shown = expanded[: len(numbered)]
        if [line.strip() for line in shown] != [line.strip() for _, line in numbered]:
            return [here] * len(expanded)  # nested includes: keep the outer line
        relative = shown_path(source, self.root)
        mapped = [Origin(relative, number) for number, _ in numbered]
        return mapped + [here] * (len(expanded) - len(mapped))  # the blank line pymdownx appends

    def _section(self, numbered: list[tuple[int, str]], name: str) -> list[tuple[int, str]]:
        """The numbered lines pymdownx.snippets keeps for section ``name``: inside it, without markers."""
        kept, inside = [], False
        for number, line in numbered:
            marker = self._snippets.match_section(line)
            if marker and not marker.group("escape"):
                if marker.group("name") == name:
                    inside = marker.group("type") == "start"
                    if not inside:
                        break
                continue
            if inside:
                kept.append((number, line))
        return kept
