"""Exercise solutions: found after their exercise heading, and copied to a print-only section at the end."""

import markdown
from downhill_lessons.solutions import find_solutions, print_copy

LESSON = """## Exercises

### 1. Predict `hess_inv`

Run it.

??? success "Solution"

    It is **not** the inverse Hessian.
"""


def test_a_solution_is_titled_by_its_exercise_and_dedented():
    assert find_solutions(LESSON) == [("1. Predict `hess_inv`", "It is **not** the inverse Hessian.")]


def test_the_print_copy_renders_the_titles_inline_markdown():
    page = markdown.markdown(print_copy(find_solutions(LESSON)), extensions=["md_in_html"])
    assert "<strong>1. Predict <code>hess_inv</code></strong>" in page
    assert "`" not in page
    assert "<strong>not</strong> the inverse Hessian" in page


def test_a_solution_shown_in_a_fence_is_an_example_not_a_solution():
    example = '````markdown\n### 1. Shown as an example\n\n??? success "Solution"\n\n    Not collected.\n````\n\n'
    assert find_solutions(example + LESSON) == [("1. Predict `hess_inv`", "It is **not** the inverse Hessian.")]
