"""Questions: parsed from GitHub-readable Markdown, refused with file and line when malformed."""

from pathlib import Path

import pytest
from downhill_lessons.quiz import QuestionError, answer_key, find_questions, replace_questions

FIXTURES = Path(__file__).parent / "fixtures" / "questions"

GOOD = """# Page

<!-- question: pick-two -->

**Which are **even**? `x**2` and $x^2$ work here.**

- [x] 2
  > Yes: divisible by two.
- [ ] 3
  > No: odd.
- [x] 4
  > Yes.

Hint: look at the last digit.

<!-- /question -->
"""

BAD = [
    ("no_correct.md", 3, "has no correct option"),
    ("one_option.md", 5, "needs at least two options"),
    ("no_explanation.md", 3, "lacks an explanation for option 'Two'"),
    ("duplicate_id.md", 14, "question id 'same' is also used on line 3"),
    ("unclosed.md", 3, "never closed"),
]


def test_a_question_is_parsed_with_options_explanations_and_hint():
    (question,) = find_questions(GOOD, "docs/p.md")
    assert question.id == "pick-two" and question.multiple
    assert [option.correct for option in question.options] == [True, False, True]
    assert question.options[1].explanation == "No: odd."
    assert question.hint == "look at the last digit."
    assert (question.line, question.end) == (3, 16)


@pytest.mark.parametrize(("fixture", "line", "words"), BAD, ids=[case[0] for case in BAD])
def test_malformed_question_is_refused_with_file_and_line(fixture, line, words):
    path = f"tests/fixtures/questions/{fixture}"
    with pytest.raises(QuestionError) as caught:
        find_questions((FIXTURES / fixture).read_text(), path)
    assert caught.value.format().startswith(f"{path}:{line}: ")
    assert words in caught.value.format()


def test_question_markers_inside_code_blocks_are_only_text():
    text = "```markdown\n<!-- question: shown -->\n- [x] not parsed\n```\n"
    assert find_questions(text, "docs/p.md") == []


def test_widget_replaces_the_block_and_the_answer_key_names_correct_options():
    questions = find_questions(GOOD, "docs/p.md")
    page = replace_questions(GOOD, questions, "lesson")
    assert "<!-- question:" not in page and "- [x]" not in page
    assert page.count('type="checkbox"') == 3 and page.count("data-correct") == 2
    key = answer_key(questions)
    assert "Correct: A (2), C (4)." in key
    assert "B: No: odd." in key
    assert "**Which are even? `x**2` and $x^2$ work here.** Correct" in key  # bold dropped, code kept
    assert "<code>x**2</code>" in page or "`x**2`" in page


def test_a_longer_fence_with_fences_inside_hides_its_markers_and_not_the_rest_of_the_page():
    # An odd number of ``` lines inside the ````markdown example: toggling on every fence line would
    # end out of step and miss the real question after it.
    text = (
        "````markdown\n```python\nx = 1\n```\n\n```text\n<!-- question: only-shown -->\n- [x] not parsed\n"
        "<!-- /question -->\n````\n\n" + GOOD
    )
    assert [question.id for question in find_questions(text, "docs/p.md")] == ["pick-two"]


def test_a_fenced_example_of_a_question_stays_text_when_its_id_is_also_live():
    # The contributor guide shows a question in a fence and then the same question live, with one id.
    example = "````markdown\n" + GOOD.removeprefix("# Page\n\n") + "````\n\n"
    text = "# Page\n\n" + example + GOOD.removeprefix("# Page\n")
    page = replace_questions(text, find_questions(text, "docs/p.md"), "lesson")
    assert example in page  # the example exactly as written
    assert page.count('type="checkbox"') == 3  # and one widget, for the live question
