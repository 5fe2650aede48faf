"""A lesson as a notebook (downhill_lessons.notebook), cut from the engine's parse of a small page."""

from __future__ import annotations

import nbformat
import pytest
from downhill_engine.includes import Includes
from downhill_engine.parse import parse_page
from downhill_engine.plan import plan_page
from downhill_lessons.notebook import lesson_notebook

PAGE = """---
title: Tags
level: beginner
execute:
  timeout: 5
---

# Tags and cells

See [the next lesson](next.md#start), [SciPy](https://scipy.org/) and [above](#tags-and-cells).

<!-- figure-alt: A line -->
```python
first = 1
```

<!--pytest-codeblocks:cont-->
```python
print(first + 1)
```

<!--pytest-codeblocks:expected-output-->
```
2
```

!!! tip "Key moment"
    Quoted, with $x^2$ kept for Jupyter.

```python
--8<-- "helper.py"
```

<!--pytest.mark.xfail-->
```python
setup = 1
```

<!--pytest-codeblocks:cont-->
```python
1 / 0
```

<!--pytest-codeblocks:importorskip(nosuchpackage)-->
```python
import nosuchpackage
```

<!--pytest.mark.skip(reason="too slow for the build")-->
```python
slow = True
```

```console
$ make test
```

??? success "Solution"
    ```python
    def f():
        return 1

    print(f())
    ```

    Prose after the code, still inside the solution.

Back outside.

## Check yourself

<!-- question: pick -->

**Which one?**

- [x] This one
  > Yes: the answer.
- [ ] That one
  > No: the explanation.

Hint: the first.

<!-- /question -->
"""


def make(folder):
    (folder / "helper.py").write_text("def helper():\n    return 'HELPER'\n")
    includes = Includes(folder, [folder])
    page = parse_page("docs/lessons/tags.md", includes.expand(PAGE, "docs/lessons/tags.md"))
    return lesson_notebook(
        page, plan_page(page), "INTRO", "https://site.test/lessons/tags/", lambda target: f"https://site.test/{target}"
    )


@pytest.fixture
def notebook(tmp_path):
    return make(tmp_path)


def code_cells(notebook) -> list:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def markdown(notebook) -> str:
    return "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


def test_blocks_become_code_cells_in_page_order_with_includes_expanded(notebook):
    sources = [cell.source for cell in code_cells(notebook)]
    assert sources == [
        "first = 1",
        "print(first + 1)",
        "def helper():\n    return 'HELPER'",
        "setup = 1",
        "1 / 0",
        "import nosuchpackage",
        "slow = True",
        "def f():\n    return 1\n\nprint(f())",  # blank lines kept, though pytest-codeblocks drops them
    ]
    assert [cell.metadata.downhill["source"] for cell in code_cells(notebook)][:2] == [
        "docs/lessons/tags.md:13",
        "docs/lessons/tags.md:18",
    ]


def test_markers_become_tags_that_jupyter_tools_honour(notebook):
    tags = [cell.metadata.get("tags", []) for cell in code_cells(notebook)]
    assert tags == [[], [], [], [], ["raises-exception"], ["raises-exception"], ["skip-execution"], []]
    cells = code_cells(notebook)
    assert cells[4].metadata.downhill["expect"] == "error"  # the xfail session's last block only
    assert cells[5].metadata.downhill["needs"] == "nosuchpackage"
    text = markdown(notebook)
    assert "The next cell needs `nosuchpackage`" in text and "`pip install nosuchpackage`" in text
    assert "The site's build does not run the next cell: too slow for the build." in text


def test_prose_becomes_plain_markdown_between_the_cells(notebook):
    text = markdown(notebook)
    assert notebook.cells[0].source.startswith("# Tags and cells\n\nINTRO\n\nSee ")
    assert "title: Tags" not in text and "execute:" not in text  # front matter
    assert "<!--" not in text and "-->" not in text  # markers and comments
    assert "> **Key moment**\n>\n> Quoted, with $x^2$ kept for Jupyter." in text
    assert "*Expected output:*\n```\n2\n```" in text
    assert "```console\n$ make test\n```" in text  # fences that do not run stay fences
    assert "> **Solution**" in text
    assert "> Prose after the code, still inside the solution.\n\nBack outside." in text


def test_relative_links_point_at_the_published_site(notebook):
    text = markdown(notebook)
    assert "[the next lesson](https://site.test/next.md#start)" in text
    assert "[SciPy](https://scipy.org/)" in text and "[above](#tags-and-cells)" in text


def test_questions_keep_the_prompt_and_options_but_not_the_answers(notebook):
    text = markdown(notebook)
    assert "**Which one?**\n\nChoose one answer.\n\n- This one\n- That one\n\n*Hint:* the first." in text
    assert "[x]" not in text and "the explanation" not in text and "Yes: the answer" not in text
    assert "On [the lesson page](https://site.test/lessons/tags/) these questions check your answer" in text


def test_the_notebook_is_valid_and_the_same_page_gives_the_same_file(notebook, tmp_path):
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec["name"] == "python3"
    assert [cell.id for cell in notebook.cells][:3] == ["cell-1", "cell-2", "cell-3"]
    assert nbformat.writes(make(tmp_path)) == nbformat.writes(notebook)
