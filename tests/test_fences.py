"""One rule for what is inside a fence, in every container a page nests fences in."""

from __future__ import annotations

import textwrap

import pytest
from downhill_engine.fences import fenced_lines, scan


def lines(text: str) -> list[str]:
    return textwrap.dedent(text).strip("\n").split("\n")


def test_backtick_and_tilde_fences_with_their_info():
    page = lines(
        """
        ```python title="a.py"
        x = 1
        ```
        text
        ~~~text
        y
        ~~~
        """
    )
    found = scan(page)
    assert [(f.start, f.end, f.run, f.info) for f in found] == [
        (1, 3, "```", 'python title="a.py"'),
        (5, 7, "~~~", "text"),
    ]


def test_a_longer_fence_holds_shorter_ones_as_text():
    page = lines(
        """
        ````markdown
        ```python
        x = 1
        ```
        ````
        after
        """
    )
    (fence,) = scan(page)
    assert (fence.start, fence.end, fence.info) == (1, 5, "markdown")
    assert 6 not in fenced_lines(page)


def test_a_fence_closes_only_on_its_own_character():
    page = lines(
        """
        ~~~
        ```
        still inside
        ~~~
        """
    )
    assert fenced_lines(page) == {1, 2, 3, 4}


@pytest.mark.parametrize(
    "container",
    [
        '!!! note "In an admonition"',
        '??? example "In a details block"',
        '=== "In a tab"',
        "- In a list item",
    ],
)
def test_fences_nested_in_containers_are_found_at_their_indentation(container):
    page = [container, "", "    ```python", "    print(1)", "    ```", "", "not code"]
    (fence,) = scan(page)
    assert (fence.start, fence.end, fence.indent) == (3, 5, "    ")
    assert 7 not in fenced_lines(page)


def test_a_fence_two_levels_deep_closes_at_any_indentation():
    # pytest-codeblocks closes on the run wherever it is indented, so the scanner does the same
    page = ["- item", "    !!! tip", "", "        ```", "        code", "    ```", "after"]
    (fence,) = scan(page)
    assert (fence.start, fence.end) == (4, 6)


def test_an_unclosed_fence_runs_to_the_end_and_says_so():
    (fence,) = scan(["text", "```python", "x = 1"])
    assert (fence.start, fence.end, fence.closed) == (2, 3, False)


def test_the_engine_can_ask_for_backtick_fences_only():
    page = lines(
        """
        ~~~
        ```python
        x = 1
        ```
        ~~~
        """
    )
    assert [(f.start, f.end) for f in scan(page, marks="`")] == [(2, 4)]


def test_two_backticks_or_an_inline_run_open_nothing():
    assert scan(["``not a fence``", "text with ``` inside", "``"]) == []
