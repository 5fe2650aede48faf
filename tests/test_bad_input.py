"""Every kind of bad block gets an error naming file and line, and leaves no stale output or cache entry."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from downhill_engine.render import superfences_output_fence

GOOD = "# Page\n\n```python\nprint('OLD OUTPUT')\n```\n"

FAILURES = [
    # fixture, reported location, words the message must contain
    ("raises.md", "docs/raises.md:5", ["ZeroDivisionError", "half(3)", 'File "docs/raises.md", line 8']),
    ("infinite_loop.md", "docs/infinite_loop.md:8", ["did not finish within 1 s", "while True:"]),
    ("sys_exit.md", "docs/sys_exit.md:3", ["exit the interpreter", "SystemExit: 3"]),
    ("abort.md", "docs/abort.md:3", ["crashed (killed by SIGABRT)", "os.abort()"]),
    ("flood.md", "docs/flood.md:3", ["printed more than 1024 KiB to stdout"]),
    ("input.md", "docs/input.md:4", ["EOFError", "no standard input"]),
    ("expected_mismatch.md", "docs/expected_mismatch.md:8", ["does not match", "-46", "+45"]),
    ("xfail_no_raise.md", "docs/xfail_no_raise.md:4", ["ran without raising"]),
    ("no_alt.md", "docs/no_alt.md:3", ["no alt text", "figure-alt"]),
    ("memory.md", "docs/memory.md:11", ["MemoryError", "256 MiB"]),
    ("bad_widget.md", "docs/bad_widget.md:12", ["explorer widget's payload is not plain JSON", "NaN"]),
    ("handwritten_output.md", "docs/handwritten_output.md:7", ["written by the build, never by hand"]),
    ("missing_include.md", "docs/missing_include.md:6", ["missing include", "no_such_snippet.py", "snippets/"]),
]


@pytest.mark.parametrize(("fixture", "location", "words"), FAILURES, ids=[case[0] for case in FAILURES])
def test_bad_block_fails_clearly_and_leaves_nothing_stale(workspace, fixture, location, words):
    workspace.page(fixture, GOOD)
    assert not workspace.build(fixture).errors
    keys_before = workspace.cache_keys()

    workspace.fixture(fixture)
    built = workspace.build(fixture)

    assert len(built.errors) == 1
    message = built.errors[0].format()
    assert message.startswith(location + ":"), message
    for word in words:
        assert word in message, message
    rendered = built.pages.get(fixture)
    assert rendered is None or "OLD OUTPUT" not in rendered.markdown
    assert workspace.cache_keys() <= keys_before  # nothing cached for the failing session


def test_failure_is_not_cached_so_the_next_build_reports_it_again(workspace):
    workspace.fixture("raises.md")
    assert workspace.build().errors
    again = workspace.build()
    assert again.errors and again.report.count("failed") == 1


def test_html_in_output_is_escaped(workspace):
    workspace.fixture("script_output.md")
    built = workspace.build()
    assert not built.errors
    html = markdown.markdown(
        built.pages["script_output.md"].markdown,
        extensions=["attr_list", "pymdownx.superfences"],
        extension_configs={"pymdownx.superfences": {"custom_fences": [superfences_output_fence()]}},
    )
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt;" in html
    assert "&#x27;&lt;b&gt;bold?&lt;/b&gt;&#x27;" in html  # the repr of the final expression


def test_control_characters_in_output_reach_the_page_as_visible_escapes(workspace):
    workspace.fixture("control_characters.md")
    built = workspace.build()
    assert not built.errors
    page = built.pages["control_characters.md"].markdown
    assert "nul\\x00bel\\x07 tab\tend" in page
    assert "\0" not in page and "\a" not in page


def test_plt_show_keeps_the_figure_and_says_nothing(workspace):
    workspace.fixture("plt_show.md")
    built = workspace.build()
    assert not built.errors
    page = built.pages["plt_show.md"]
    assert re.search(r"!\[A zigzag\]\(assets/figures/[0-9a-f]{20}\.svg#only-light\)", page.markdown)
    assert re.search(r"!\[A zigzag\]\(assets/figures/[0-9a-f]{20}\.svg#only-dark\)", page.markdown)
    assert "Warnings" not in page.markdown
    assert len(page.figures) == 2  # light and dark


def test_written_files_stay_in_a_private_directory_that_is_removed(workspace, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    workspace.fixture("writes_files.md")
    built = workspace.build()
    assert not built.errors
    workdir = Path(re.search(r"^(/\S+)$", built.pages["writes_files.md"].markdown, re.M).group(1))
    assert workdir.name.startswith("downhill-")
    assert not workdir.exists()
    assert not list(workspace.root.rglob("results.csv"))
    assert not list(Path.cwd().rglob("results.csv"))


def test_malformed_marker_names_its_line(workspace):
    workspace.page("bad_marker.md", "# Page\n\nText.\n\n<!--pytest-codeblocks:bogus-->\n```python\npass\n```\n")
    built = workspace.build()
    assert built.errors[0].format().startswith("docs/bad_marker.md:5: pytest-codeblocks: Unknown")


def test_unclosed_fence_names_its_line(workspace):
    workspace.page("unclosed.md", "# Page\n\n```python\nprint(1)\n")
    assert built_error(workspace).startswith("docs/unclosed.md:3: code block is never closed")


def test_shell_block_is_refused_rather_than_run(workspace):
    workspace.page("shell.md", "# Page\n\n```bash\nrm -rf /tmp/nothing\n```\n")
    message = built_error(workspace)
    assert message.startswith("docs/shell.md:3:") and "console" in message


def test_bad_page_options_are_reported(workspace):
    workspace.page("opts.md", "---\nexecute:\n  timout: 3\n---\n\n```python\npass\n```\n")  # codespell:ignore timout
    assert "unknown `execute:` option 'timout'" in built_error(workspace)


def built_error(workspace) -> str:
    built = workspace.build()
    assert len(built.errors) == 1
    return built.errors[0].format()


def test_corrupt_cache_entry_is_dropped_and_the_session_runs_again(workspace):
    workspace.page("page.md", "# Page\n\n```python\nprint('FRESH')\n```\n")
    workspace.build()
    (entry,) = workspace.root.glob(".cache/??/*.json")
    entry.write_bytes(entry.read_bytes().replace(b"FRESH", b"STALE"))
    built = workspace.build()
    assert built.report.dropped_cache_entries == 1
    assert built.report.count("run") == 1
    assert "FRESH" in built.pages["page.md"].markdown and "STALE" not in built.pages["page.md"].markdown


def test_error_inside_an_indented_block_with_blank_lines_names_the_right_line(workspace):
    """pytest-codeblocks drops blank lines from indented blocks; the line map must not drift."""
    text = '# Page\n\n??? success "Solution"\n    ```python\n    x = 1\n\n\n    y = x / 0\n    ```\n'
    workspace.page("indented.md", text)
    message = built_error(workspace)
    assert message.startswith("docs/indented.md:8: block raised ZeroDivisionError"), message
    assert "> 8 |     y = x / 0" not in message and "> 8 | y = x / 0" in message


def test_a_python_block_continuing_a_block_of_another_language_is_refused(workspace):
    text = (
        "# Page\n\n```python\nx = 1\n```\n\n```text\nshown\n```\n\n"
        "<!--pytest-codeblocks:cont-->\n```python\nprint(x)\n```\n"
    )
    workspace.page("cont.md", text)
    message = built_error(workspace)
    assert message.startswith("docs/cont.md:12: this block continues a `text` block (line 7)"), message


def test_a_failing_block_shows_only_its_error_not_what_it_printed_first(workspace):
    workspace.page(
        "partial.md",
        "# Page\n\n```python\nprint('EARLIER BLOCK')\n```\n\n"
        "<!--pytest-codeblocks:cont-->\n```python\nprint('HALF DONE')\n1 / 0\n```\n",
    )
    built = workspace.build()
    markdown = built.pages["partial.md"].markdown
    assert built.errors and "EARLIER BLOCK" in markdown.split("HALF DONE")[0]
    assert 'title="Output"\nEARLIER BLOCK' in markdown
    assert 'title="Output"\nHALF DONE' not in markdown  # printed by the failing block: partial output
    assert '!!! failure "Downhill: docs/partial.md:10"' in markdown


def test_the_report_counts_only_this_builds_dropped_entries_and_finish_is_idempotent(workspace):
    workspace.page("page.md", "# Page\n\n```python\nprint('FRESH')\n```\n")
    workspace.build()
    (entry,) = workspace.root.glob(".cache/??/*.json")
    entry.write_bytes(b"garbage")
    assert workspace.build().report.dropped_cache_entries == 1
    build = workspace.builder.start(["page.md"])
    first = build.finish()
    assert first.report.dropped_cache_entries == 0
    assert build.finish() is first and len(first.report.blocks) == 1
