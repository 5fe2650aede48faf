"""The build: every page's failure is collected and named, even for a docs folder outside the project."""

from __future__ import annotations

from downhill_engine.build import Builder, Site

UNCLOSED = "# Page\n\n```python\nx = 1\n"


def test_a_docs_folder_outside_the_root_still_gets_located_errors(tmp_path, executor):
    root, docs = tmp_path / "project", tmp_path / "elsewhere" / "docs"
    root.mkdir()
    docs.mkdir(parents=True)
    (docs / "page.md").write_text(UNCLOSED, encoding="utf-8")
    builder = Builder(Site(root, docs, (), root / ".cache"), executor)

    result = builder.build(["page.md"])

    (error,) = result.errors
    assert error.path == (docs / "page.md").as_posix()
    assert error.line == 3 and "never closed" in error.message


def test_every_failing_page_is_reported_in_one_build(workspace):
    workspace.page("a.md", UNCLOSED)
    workspace.page("b.md", "# Fine\n\n```python\nprint(2 + 2)\n```\n")
    workspace.page("c.md", UNCLOSED)

    result = workspace.build()

    assert [error.path for error in result.errors] == ["docs/a.md", "docs/c.md"]
    assert set(result.pages) == {"b.md"}


def test_each_page_is_read_once_and_kept_for_the_later_passes(workspace, monkeypatch):
    """The lesson anatomy and its notebook start from the build's text and parse, so a page is read once."""
    workspace.page("a.md", "# Fine\n\n```python\nprint(2 + 2)\n```\n")
    workspace.page("b.md", UNCLOSED)
    builder = workspace.builder
    reads = []
    read = builder.read
    monkeypatch.setattr(builder, "read", lambda docs_path: reads.append(docs_path) or read(docs_path))

    build = builder.start(["a.md", "b.md"])
    build.finish()

    assert reads == ["a.md", "b.md"]
    assert build.sources == {"a.md": "# Fine\n\n```python\nprint(2 + 2)\n```\n", "b.md": UNCLOSED}
    assert set(build.plans) == {"a.md"}  # b.md cannot be parsed: it has a text but no plan
    page, plans = build.plans["a.md"]
    assert page.path == "docs/a.md" and len(plans) == 1
