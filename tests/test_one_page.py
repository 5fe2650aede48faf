"""`make test PAGE=…` runs one page's examples, and a lesson's lint; a failure names the Markdown line that raised."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAKE = shutil.which("make")

pytestmark = pytest.mark.skipif(MAKE is None, reason="needs make")


def make_test(page: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [MAKE, "--no-print-directory", "test", f"PAGE={page}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_failure_names_the_line_that_raised_in_a_continued_block():
    page = "tests/fixtures/pages/raises_in_continuation.md"
    result = make_test(page)
    assert result.returncode != 0
    assert f"{page}:13: ZeroDivisionError: float division by zero" in result.stdout
    assert f"FAILED {page}::line 3" in result.stdout  # the session, by the line of its first block
    assert "1 failed" in result.stdout


def test_a_lesson_runs_its_examples_and_its_lesson_lint_and_nothing_else():
    result = make_test("docs/lessons/hello-minimize.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "docs/lessons/hello-minimize.md: no findings" in result.stderr
    assert re.search(r"collected \d+ items", result.stdout)
    assert "tests/" not in result.stdout  # only the page's blocks ran
