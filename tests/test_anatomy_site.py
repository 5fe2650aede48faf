"""Lesson anatomy through the real `mkdocs build`: a malformed lesson stops the build at its line."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from sites import ROOT, project_config, project_nav, warm_cache

HOOKS = ["executed_blocks.py", "lesson_anatomy.py", "notebook_pages.py"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the whole course; with a copy of the project's execution cache when there is one.

    `make test` builds the site first, so the copy is warm and these builds only re-render.
    """
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(ROOT / "snippets", tmp_path / "snippets")
    warm_cache(tmp_path / ".cache")
    return tmp_path


def build(project: Path, nav: list) -> subprocess.CompletedProcess:
    (project / "mkdocs.yml").write_text(project_config(HOOKS, nav))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DOWNHILL_CACHE_DIR": str(project / ".cache")}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def without(nav: list, page: str) -> list:
    """The navigation with one page left out, at any depth."""
    kept = []
    for item in nav:
        entry = next(iter(item.values())) if isinstance(item, dict) else item
        if entry == page:
            continue
        if isinstance(entry, list):
            kept.append({next(iter(item)): without(entry, page)})
        else:
            kept.append(item)
    return kept


def test_the_real_course_builds_with_headers_and_answer_keys(project):
    done = build(project, project_nav())
    assert done.returncode == 0, done.stderr
    page = (project / "site" / "lessons" / "hello-minimize" / "index.html").read_text()
    assert re.search(r"Lesson \d+ of \d+ · Module 2 · SciPy", page)
    assert "dh-answer-key" in page and 'class="dh-quiz"' in page
    link = '<a download="hello-minimize.ipynb" href="../hello-minimize.ipynb">Download this lesson as a notebook</a>'
    assert link in page
    notebook = nbformat.read(project / "site" / "lessons" / "hello-minimize.ipynb", as_version=4)
    assert "[A map of scipy.optimize](http" in notebook.cells[-1].source  # links point at the published site
    first = next(cell for cell in notebook.cells if cell.cell_type == "code")
    assert first.metadata.downhill["source"] == "docs/lessons/hello-minimize.md:43"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "- [x] `success` and `message`",
            "- [ ] `success` and `message`",
            "question 'trust-the-result' has no correct option",
        ),
        (
            "prerequisites: [five-moves]",
            "prerequisites: [no-such-lesson]",
            "docs/lessons/hello-minimize.md:5: unknown lesson id 'no-such-lesson'",
        ),
        ("id: hello-minimize\n", "", "docs/lessons/hello-minimize.md:1: front matter lacks `id`"),
        (
            "id: hello-minimize\n",
            "id: five-moves\n",
            "docs/lessons/hello-minimize.md: lesson id 'five-moves' is already the `id` of docs/lessons/five-moves.md",
        ),
    ],
    ids=["malformed question", "unknown prerequisite", "no id", "an id used twice"],
)
def test_a_malformed_lesson_stops_the_build_at_its_line(project, old, new, message):
    lesson = project / "docs" / "lessons" / "hello-minimize.md"
    lesson.write_text(lesson.read_text().replace(old, new))
    done = build(project, project_nav())
    assert done.returncode != 0
    assert "docs/lessons/hello-minimize.md:" in done.stderr
    assert message in done.stderr


def test_a_lesson_missing_from_the_nav_is_reported(project):
    done = build(project, without(project_nav(), "lessons/hello-minimize.md"))
    assert done.returncode != 0
    assert "docs/lessons/hello-minimize.md: this lesson is not in the `nav` of mkdocs.yml" in done.stderr
