"""Start a lesson from the template, so every part of the anatomy is there from the first build.

The linter then lists each `TODO` left to write. Run from the repository root:

    make new-lesson NAME=line-search TITLE="Line search"
    .venv/bin/downhill-new-lesson line-search "Line search"
"""

from __future__ import annotations

import datetime
import json
import re
import sys
from pathlib import Path

import yaml

from .lint import display_path

DOCS = Path("docs")  # the checkout being worked in, where `make new-lesson` runs, not the installed one
TEMPLATE = Path(__file__).with_name("lesson_template.md")
NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
USAGE = 'usage: python -m downhill_lessons.scaffold NAME "Title"   (NAME: lowercase words joined by hyphens)'


class ScaffoldError(Exception):
    """A name, title or target file the scaffold will not use; the message says what to do instead."""


def scaffold(name: str, title: str, docs_dir: Path = DOCS, today: datetime.date | None = None) -> Path:
    """Write docs/lessons/NAME.md from the template, with its title and review date; never overwrite."""
    if not NAME.match(name):
        raise ScaffoldError(f"NAME {name!r} must be lowercase words joined by hyphens, e.g. line-search")
    title = title.strip()
    if not title or "\n" in title:
        raise ScaffoldError('TITLE must be one non-empty line, e.g. TITLE="Line search"')
    path = Path(docs_dir) / "lessons" / f"{name}.md"
    reviewed = (today or datetime.date.today()).isoformat()
    text = (
        TEMPLATE.read_text(encoding="utf-8")
        .replace("title: {{ title }}", f"title: {_yaml_string(title)}")
        .replace("{{ title }}", title)
        .replace("{{ reviewed }}", reviewed)
        .replace("{{ id }}", name)
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as file:  # "x": fails if the file exists, even if just created
            file.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists; edit it, or choose another NAME") from None
    return path


def _yaml_string(text: str) -> str:
    """The title as YAML reads it back unchanged: plain if it can be, else double-quoted."""
    try:
        if yaml.safe_load(f"title: {text}") == {"title": text}:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted string


def main(argv: list[str] | None = None, docs_dir: Path = DOCS) -> int:
    """Create the lesson, then print the nav line it needs and the command that lists what is left to write."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(USAGE, file=sys.stderr)
        return 2
    name, title = args
    try:
        path = scaffold(name, title, docs_dir)
    except ScaffoldError as error:
        print(f"new lesson: {error}", file=sys.stderr)
        return 1
    shown = display_path(path)
    print(f"Created {shown} from the lesson template.")
    print("Add it to the `nav` of mkdocs.yml, in its module:")
    print(f"      - {json.dumps(title.strip(), ensure_ascii=False)}: lessons/{name}.md")
    print("Then replace every TODO. To list what is left to write:")
    print(f"  .venv/bin/downhill-lint {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
