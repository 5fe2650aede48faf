"""Math typeset at build through the real `mkdocs` command: no TeX left for a script, bad TeX located."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sites import project_config

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "math" / "bad_formula.md"
BROKEN = r"$\frac{1}{2$"


def build(root: Path, page: str) -> subprocess.CompletedProcess:
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text(page, encoding="utf-8")
    (root / "mkdocs.yml").write_text(project_config(["math_at_build.py"], ["index.md"]))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)


def test_formulas_are_in_the_built_page(tmp_path):
    done = build(tmp_path, FIXTURE.read_text(encoding="utf-8").replace(BROKEN, "$x$"))
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="katex"') == 3 and "\\(" not in html and "\\[" not in html


def test_a_malformed_formula_fails_the_build_at_its_line(tmp_path):
    done = build(tmp_path, FIXTURE.read_text(encoding="utf-8"))
    assert done.returncode != 0
    assert "docs/index.md:11: KaTeX cannot typeset this formula" in done.stderr, done.stderr
    assert "KaTeX parse error" in done.stderr
