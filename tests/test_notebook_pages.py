"""Notebook pages through the real `mkdocs build`: run at build by mkdocs-jupyter, fitted by notebook_pages.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from sites import project_config

FIGURE = """import matplotlib.pyplot as plt

plt.plot([0, 1], [0, 1])
plt.show()"""


def notebook(*cells) -> nbformat.NotebookNode:
    made = nbformat.v4.new_notebook(cells=list(cells))
    made.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return made


class Project:
    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "docs" / "examples").mkdir(parents=True)
        (root / "docs" / "index.md").write_text("# Home\n")
        (root / "mkdocs.yml").write_text(project_config(["notebook_pages.py"], ["index.md", "examples/nb.ipynb"]))

    def build(self, *cells) -> subprocess.CompletedProcess:
        nbformat.write(notebook(*cells), self.root / "docs" / "examples" / "nb.ipynb")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DOWNHILL_CACHE_DIR": str(self.root / ".cache")}
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict"],
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    def html(self) -> str:
        return (self.root / "site" / "examples" / "nb" / "index.html").read_text()


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


def test_notebook_page_is_run_at_build_and_fitted_to_the_site(project):
    cells = (
        nbformat.v4.new_markdown_cell("# A notebook page\n\nMath: $x^2$."),
        nbformat.v4.new_code_cell(FIGURE + '\nprint("RAN", "AT BUILD")', metadata={"alt": "A rising line"}),
        nbformat.v4.new_code_cell("1 / 0", metadata={"tags": ["raises-exception"]}),
    )
    done = project.build(*cells)
    assert done.returncode == 0, done.stderr
    page = project.html()
    assert "RAN AT BUILD" in page and "ZeroDivisionError" in page
    assert '<img alt="A rising line"' in page and "No description has been provided" not in page
    assert "cdnjs" not in page and "mathjax" not in page.lower() and '<script src="">' not in page
    assert '<a href="nb.ipynb" download="nb.ipynb">Download this notebook</a>' in page
    assert '<div tabindex="0" class="highlight-ipynb' in page
    assert nbformat.read(project.root / "site" / "examples" / "nb" / "nb.ipynb", as_version=4).cells[1].outputs == []
    assert list((project.root / ".cache" / "notebooks").glob("*/*.json"))  # the plugin's cache, by environment
    again = project.build(*cells)
    assert "Cache hit" in again.stderr and "Converting notebook (execute=True)" not in again.stderr


def test_a_failing_cell_stops_the_build_naming_the_notebook_and_the_cell(project):
    done = project.build(nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("x / 0  # THE-FAILING-CELL"))
    assert done.returncode != 0
    assert "page 'examples/nb.ipynb': An error occurred while executing the following cell" in done.stderr
    assert "x / 0  # THE-FAILING-CELL" in done.stderr and "ZeroDivisionError" in done.stderr


def test_a_figure_without_alt_text_stops_the_build(project):
    done = project.build(nbformat.v4.new_markdown_cell("# Figures"), nbformat.v4.new_code_cell(FIGURE))
    assert done.returncode != 0
    assert "docs/examples/nb.ipynb: cell 2 draws a figure without alt text" in done.stderr
    assert 'Add "alt"' in done.stderr
