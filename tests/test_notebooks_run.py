"""Every notebook a reader can download runs from top to bottom in one Jupyter kernel, as "Run all" would.

The lessons' notebooks are made as the build makes them (downhill_lessons.notebook); the notebook pages are
the files in docs/. nbclient runs each in a python3 kernel, stopping at the first error in a cell not tagged
`raises-exception`, and the failure names the Markdown line (lessons) or the cell (notebook pages).
One test per notebook, so pytest-xdist runs them side by side.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import nbformat
import pytest
from downhill_engine.includes import SNIPPETS, Includes
from downhill_engine.parse import parse_page
from downhill_engine.plan import plan_page
from downhill_lessons.notebook import lesson_notebook
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "docs" / "lessons").glob("*.md"))
NOTEBOOK_PAGES = sorted((ROOT / "docs").rglob("*.ipynb"))
FIXTURES = ROOT / "tests" / "fixtures" / "notebooks"


def lesson(path: Path):
    shown = path.relative_to(ROOT).as_posix()
    page = parse_page(shown, Includes(ROOT, [ROOT / SNIPPETS]).expand(path.read_text(encoding="utf-8"), shown))
    return lesson_notebook(page, plan_page(page), "", "https://example.org/", lambda target: target)


def run(notebook, name: str, folder: Path, monkeypatch):
    """Run every cell in a fresh kernel in ``folder``; fail naming the first cell that raised unexpectedly."""
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel draws figures inline, as in Jupyter
    client = NotebookClient(notebook, kernel_name="python3", timeout=120, resources={"metadata": {"path": folder}})
    try:
        client.execute()
    except CellExecutionError as error:
        cell = next(cell for cell in notebook.cells if errors(cell) and "raises-exception" not in tags(cell))
        pytest.fail(f"{where(notebook, cell, name)} raised {errors(cell)[0].ename}:\n{error}", pytrace=False)
    return notebook


def errors(cell) -> list:
    return [output for output in cell.get("outputs", []) if output.output_type == "error"]


def tags(cell) -> list[str]:
    return cell.metadata.get("tags", [])


def where(notebook, cell, name: str) -> str:
    number = notebook.cells.index(cell) + 1
    return cell.metadata.get("downhill", {}).get("source", f"{name}, cell {number}")


@pytest.mark.parametrize("path", LESSONS, ids=lambda path: path.stem)
def test_lesson_notebook_runs_in_one_kernel_and_its_errors_are_the_taught_ones(path, tmp_path, monkeypatch):
    notebook = run(lesson(path), path.name, tmp_path, monkeypatch)
    for cell in notebook.cells:
        about = cell.metadata.get("downhill", {})
        raised = [f"{error.ename}: {error.evalue}" for error in errors(cell)]
        if about.get("expect") == "error":
            assert raised, f"{about['source']} is marked xfail, but its cell ran without raising"
        elif about.get("needs") and importlib.util.find_spec(about["needs"]) is None:
            assert raised and raised[0].startswith("ModuleNotFoundError") and about["needs"] in raised[0], raised
        else:
            assert raised == [], where(notebook, cell, path.name)


def test_lessons_that_teach_errors_are_among_those_run():
    cells = [cell for path in LESSONS for cell in lesson(path).cells if cell.cell_type == "code"]
    assert any(cell.metadata.downhill.get("expect") == "error" for cell in cells)


def test_a_block_needing_a_missing_package_fails_alone_and_the_rest_runs(tmp_path, monkeypatch):
    """No lesson needs an optional package any more (JAX is installed), so a fixture keeps this path tested."""
    path = FIXTURES / "optional_package.md"
    notebook = run(lesson(path), path.name, tmp_path, monkeypatch)
    needing, after = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert needing.metadata.downhill["needs"] == "downhill_no_such_package"
    assert [error.ename for error in errors(needing)] == ["ModuleNotFoundError"]
    assert errors(after) == [] and "still running" in after.outputs[0]["text"]


@pytest.mark.parametrize("path", NOTEBOOK_PAGES, ids=lambda path: path.stem)
def test_notebook_page_runs_and_is_stored_without_outputs(path, tmp_path, monkeypatch):
    """Outputs come from the build, never from the file: a stored output could be stale or typed by hand."""
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    name = path.relative_to(ROOT).as_posix()
    assert notebook.nbformat_minor >= 5, (
        f"{name}: save it in a current Jupyter, which gives cells the ids alt text needs"
    )
    stored = [
        number for number, cell in enumerate(notebook.cells, 1) if cell.get("outputs") or cell.get("execution_count")
    ]
    assert stored == [], f"{name}: clear the outputs of cells {stored} (Jupyter: Edit > Clear Outputs of All Cells)"
    run(notebook, name, tmp_path, monkeypatch)
    figures = [
        cell for cell in notebook.cells for output in cell.get("outputs", []) if "image/png" in output.get("data", {})
    ]
    assert all(cell.metadata.get("alt") for cell in figures)


def test_a_failing_cell_is_named(tmp_path, monkeypatch):
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("x / 0")],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    with pytest.raises(pytest.fail.Exception, match=r"docs/broken.ipynb, cell 2 raised ZeroDivisionError"):
        run(notebook, "docs/broken.ipynb", tmp_path, monkeypatch)
