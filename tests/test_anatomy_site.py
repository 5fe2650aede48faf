"""Lesson anatomy through the real `mkdocs build`: a malformed lesson stops the build at its line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sites import ROOT, project_config

HOOKS = ["executed_blocks.py", "lesson_anatomy.py"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(ROOT / "snippets", tmp_path / "snippets")
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


def lesson_nav(*lessons: str) -> list:
    return ["index.md", {"Module": [f"lessons/{name}" for name in lessons]}, "glossary.md"]


def test_the_real_lesson_builds_with_header_and_answer_key(project):
    done = build(project, lesson_nav("hello-minimize.md"))
    assert done.returncode == 0, done.stderr
    page = (project / "site" / "lessons" / "hello-minimize" / "index.html").read_text()
    assert "Lesson 1 of 1 · Module" in page and "dh-answer-key" in page and 'class="dh-quiz"' in page


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "- [x] `success` and `message`",
            "- [ ] `success` and `message`",
            "question 'trust-the-result' has no correct option",
        ),
        (
            "prerequisites: []",
            "prerequisites: [gradient-descent]",
            "docs/lessons/hello-minimize.md:4: unknown lesson id 'gradient-descent'",
        ),
    ],
    ids=["malformed question", "unknown prerequisite"],
)
def test_a_malformed_lesson_stops_the_build_at_its_line(project, old, new, message):
    lesson = project / "docs" / "lessons" / "hello-minimize.md"
    lesson.write_text(lesson.read_text().replace(old, new))
    done = build(project, lesson_nav("hello-minimize.md"))
    assert done.returncode != 0
    assert "docs/lessons/hello-minimize.md:" in done.stderr
    assert message in done.stderr


def test_a_lesson_missing_from_the_nav_is_reported(project):
    done = build(project, ["index.md", "glossary.md"])
    assert done.returncode != 0
    assert "docs/lessons/hello-minimize.md: this lesson is not in the `nav` of mkdocs.yml" in done.stderr
