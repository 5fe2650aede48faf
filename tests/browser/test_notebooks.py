"""Notebooks as a reader meets them: a lesson downloaded as a notebook, and a notebook page."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

NOTEBOOK_PAGE = "examples/decay-curve/"


def test_a_lesson_downloads_as_a_notebook_after_instant_navigation(visit):
    reader = visit()
    page = reader.open("")
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-content").get_by_role("link", name="Hello minimize").click()
    page.wait_for_url(re.compile(r"/lessons/hello-minimize/$"))
    link = page.get_by_role("link", name="Download this lesson as a notebook")
    link.wait_for()
    assert page.evaluate("window.__sameDocument === true"), "the click did not use instant navigation"
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "hello-minimize.ipynb"
    notebook = nbformat.reads(Path(download.value.path()).read_text(), as_version=4)
    nbformat.validate(notebook)
    assert notebook.cells[0].source.startswith("# Hello `minimize`")
    assert sum(cell.cell_type == "code" for cell in notebook.cells) >= 10
    assert page.url.endswith("/lessons/hello-minimize/")  # the download left the page where it was
    reader.assert_clean()


def test_a_notebook_page_shows_its_run_with_math_figure_and_download(visit):
    for scheme in ("light", "dark"):
        reader = visit(scheme)
        page = reader.open(NOTEBOOK_PAGE)
        assert page.locator(".jp-RenderedMarkdown .katex").count() >= 3  # KaTeX, not MathJax from a CDN
        figure = page.locator(".jp-RenderedImage img")
        assert figure.count() == 1 and figure.is_visible()
        assert figure.get_attribute("alt").startswith("Counts per 10 s fall")
        assert any("half-life = " in text for text in page.locator(".jp-OutputArea-output").all_inner_texts())
        reader.screenshot(f"notebook-page-{scheme}")
        with page.expect_download() as download:
            page.get_by_role("link", name="Download this notebook").click()
        assert download.value.suggested_filename == "decay-curve.ipynb"
        stored = nbformat.reads(Path(download.value.path()).read_text(), as_version=4)
        assert all(not cell.get("outputs") for cell in stored.cells)  # the source; outputs come from running it
        reader.assert_clean()
