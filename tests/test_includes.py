from pathlib import Path

import pytest
from downhill_engine.includes import IncludeError, Includes, Origin


@pytest.fixture
def includes(tmp_path: Path) -> Includes:
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "helper.py").write_text("def helper():\n    return 1\n")
    return Includes(tmp_path, [tmp_path / "snippets"])


def test_whole_file_include_maps_each_line_to_the_snippet(includes):
    text = 'intro\n```python\n--8<-- "helper.py"\nhelper()\n```\n'
    expanded = includes.expand(text, "docs/page.md")
    assert expanded.lines[2:4] == ("def helper():", "    return 1")
    assert expanded.origin(3) == Origin("snippets/helper.py", 1)
    assert expanded.origin(4) == Origin("snippets/helper.py", 2)
    assert expanded.origin(6) == Origin("docs/page.md", 4)  # lines after the include keep their own numbers


def test_line_range_include_maps_to_the_include_line(includes):
    expanded = includes.expand('--8<-- "helper.py:2:2"\n', "docs/page.md")
    assert expanded.lines == ("    return 1",)
    assert expanded.origin(1) == Origin("docs/page.md", 1)


def test_section_include_maps_each_line_to_the_snippet_without_the_markers(includes, tmp_path):
    (tmp_path / "snippets" / "sections.py").write_text(
        "from table import Table  # only for standalone use\n"
        "\n"
        "# --8<-- [start:body]\n"
        "def tabulate():\n"
        "    # --8<-- [start:other]\n"
        "    return Table()\n"
        "    # --8<-- [end:other]\n"
        "# --8<-- [end:body]\n"
    )
    expanded = includes.expand('--8<-- "sections.py:body"\n', "docs/page.md")
    assert expanded.lines[:2] == ("def tabulate():", "    return Table()")
    assert expanded.origin(1) == Origin("snippets/sections.py", 4)
    assert expanded.origin(2) == Origin("snippets/sections.py", 6)


def test_escaped_include_is_shown_not_expanded(includes):
    expanded = includes.expand(';--8<-- "helper.py"\n', "docs/page.md")
    assert expanded.lines == ('--8<-- "helper.py"',)


def test_missing_include_names_page_and_line(includes):
    with pytest.raises(IncludeError) as caught:
        includes.expand('one\ntwo\n--8<-- "nope.py"\n', "docs/page.md")
    assert caught.value.format().startswith("docs/page.md:3: missing include")
    assert "snippets/" in caught.value.format()


def test_block_form_is_refused_with_the_alternative(includes):
    with pytest.raises(IncludeError, match="block-style"):
        includes.expand("--8<--\nhelper.py\n--8<--\n", "docs/page.md")


def test_an_include_line_mangled_by_a_formatter_says_how_to_protect_it(includes):
    with pytest.raises(IncludeError) as caught:
        includes.expand('```python\n--8 < --"helper.py"\n```\n', "docs/page.md")
    assert caught.value.format().startswith("docs/page.md:2: this include line was rewritten")
    assert "<!-- fmt: off -->" in caught.value.format()
