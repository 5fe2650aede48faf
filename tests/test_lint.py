"""The lesson linter passes every real lesson, catches each rule's fixture at the right line, and agrees with
the scaffold: a fresh lesson shows only its TODOs, and once they are written it lints clean and builds."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from downhill_lessons import lint, metadata, scaffold
from downhill_lessons.lint import lint_lesson

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "docs" / "lessons").glob("*.md"))
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "lint"
FIXTURE_IDS = {"hello-minimize"}

# Each fixture is good.md with one defect: the one finding it must give, its line, words its message must hold.
BAD = [
    ("missing_id.md", 1, ["front matter lacks `id`"]),
    ("front_matter.md", 4, ["`level`", "'expert'", "beginner, intermediate, advanced"]),
    ("front_matter_yaml.md", 2, ["not valid YAML", "Quote a value"]),
    ("no_question.md", 13, ["add a paragraph starting with `**The question:**`", "after the `# ` title"]),
    ("question_late.md", 28, ["move the `**The question:**` paragraph", "(line 15)"]),
    ("core_ideas_bullets.md", 17, ["`## Core ideas` has 2 bullets", "add 1 more `- ` item", "3 to 6"]),
    ("no_card.md", 21, ["add the card after this line", '`!!! abstract "Card"`', "`- **Breaks when:** …`"]),
    ("card_entry.md", 23, ["the card lacks `- **Breaks when:** …`", "indented 4 spaces"]),
    ("no_body.md", 26, ["add a section of your own after this line", "before `## Concept snapshot` (line 28)"]),
    ("body_without_python.md", 28, ["```python block", "under `## A first call`"]),
    ("body_after_next.md", 102, ["move `## A first call` above `## Concept snapshot` (line 28)"]),
    ("snapshot_bullets.md", 36, ["`## Concept snapshot` has 6 bullets", "at most 5"]),
    (
        "one_exercise.md",
        40,
        [
            "`## Exercises` has 1 exercise with a solution",
            "add another `### Exercise 2: …` heading",
            '`??? success "Solution"` block containing a ```python block',
        ],
    ),
    ("exercise_without_solution.md", 53, ["`### Exercise 2: a maximum` has no solution", '`??? success "Solution"`']),
    ("solution_without_python.md", 57, ["solution to `### Exercise 2: a maximum` has no ```python block"]),
    ("interview_no_answer.md", 69, ["interview question has no answer", "indented 4 spaces"]),
    ("long_answer.md", 69, ["this interview answer has 70 words", "60 or fewer"]),
    ("long_lesson.md", 12, ["the lesson reads in 21 minutes", "cut or split it to 20 minutes or less"]),
    ("missing_section.md", 62, ["add a `## Interview questions` section", "before `## Check yourself` (line 64)"]),
    ("three_questions.md", 72, ["`## Check yourself` has 3 questions", "add 1 more `<!-- question: id -->`"]),
    ("bad_question.md", 98, ["question 'four' has no correct option", "`- [x]`"]),
    ("next_without_link.md", 106, ["`## Next` has no link", "Markdown link"]),
    ("out_of_order.md", 60, ["move `## Concept snapshot` above `## Exercises` (line 36)"]),
    ("misnamed_section.md", 17, ["rename `## Core Ideas` to `## Core ideas`"]),
    ("output_comment.md", 33, ["hand-written output `# → [2.]`", "`print`"]),
    ("prompt.md", 61, ["`>>>` prompt", "`print`"]),
    ("todo.md", 44, ["`TODO`", "Start at 10. TODO say why."]),
    ("unclosed_fence.md", 58, ["never closed", "closing fence"]),
]


def lint_fixture(name: str) -> list[lint.Finding]:
    path = FIXTURES / name
    own_id = path.stem.replace("_", "-")  # each fixture's `id`
    return lint_lesson(path.read_text(encoding="utf-8"), f"tests/fixtures/lint/{name}", FIXTURE_IDS | {own_id})


def shown(findings: list[lint.Finding]) -> str:
    return "\n".join(finding.format() for finding in findings)


def test_there_are_lessons_to_lint():
    assert LESSONS, "no lessons under docs/lessons"


@pytest.mark.parametrize("lesson", LESSONS, ids=[path.stem for path in LESSONS])
def test_every_real_lesson_lints_clean(lesson):
    findings = lint_lesson(lesson.read_text(encoding="utf-8"), f"docs/lessons/{lesson.name}", {p.stem for p in LESSONS})
    assert findings == [], shown(findings)


def test_the_fixtures_base_page_lints_clean():
    findings = lint_fixture("good.md")
    assert findings == [], shown(findings)


def test_every_rule_has_a_fixture():
    assert {name for name, _, _ in BAD} == {path.name for path in FIXTURES.glob("*.md")} - {"good.md"}


@pytest.mark.parametrize(("fixture", "line", "words"), BAD, ids=[case[0] for case in BAD])
def test_each_rule_names_the_line_and_what_to_add(fixture, line, words):
    findings = lint_fixture(fixture)
    assert [finding.line for finding in findings] == [line], shown(findings)
    message = findings[0].format()
    assert message.startswith(f"tests/fixtures/lint/{fixture}:{line}: "), message
    for word in words:
        assert word in message, message


@pytest.mark.parametrize(
    "comment", ["# -> 4", "# => 4", "# Output: 4", "# prints: 4", "# Out[3]: 4", "# RESULT: 4", "# out: 4"]
)
def test_every_form_of_hand_written_output_is_caught(comment):
    text = (FIXTURES / "good.md").read_text(encoding="utf-8").replace("x0=[0.0]).x)\n", f"x0=[0.0]).x)  {comment}\n")
    findings = lint_lesson(text, "docs/lessons/good.md", FIXTURE_IDS)
    assert [(finding.line, comment in finding.message) for finding in findings] == [(33, True)], shown(findings)


def test_lines_inside_code_are_not_headings_or_sections():
    block = "```python\n## Exercises\n# Core ideas: this is a comment\nprint(1)\n```\n\n"
    text = (
        (FIXTURES / "good.md").read_text(encoding="utf-8").replace("## Concept snapshot", block + "## Concept snapshot")
    )
    assert lint_lesson(text, "docs/lessons/good.md", FIXTURE_IDS) == []


def fill_todos(text: str) -> str:
    """What a contributor does to a scaffold, crudely: turn every placeholder into text."""
    return re.sub(r"TODO:? ?", "", text)


def test_scaffold_shows_only_todos_then_lints_clean_and_builds(workspace):
    path = scaffold.scaffold("line-search", "Line search", docs_dir=workspace.docs, today=datetime.date(2026, 1, 2))
    assert path == workspace.docs / "lessons" / "line-search.md"
    text = path.read_text(encoding="utf-8")
    data, _, _ = metadata.front_matter(text)
    assert data["title"] == "Line search" and data["reviewed"] == datetime.date(2026, 1, 2)
    assert "\n# Line search\n" in text and "{{" not in text

    findings = lint_lesson(text, "docs/lessons/line-search.md", {"line-search"})
    todo_lines = [number for number, line in enumerate(text.splitlines(), start=1) if "TODO" in line]
    assert todo_lines, "the template should mark its placeholders TODO"
    assert [finding.line for finding in findings] == todo_lines, shown(findings)
    assert all("`TODO`" in finding.message for finding in findings), shown(findings)

    path.write_text(fill_todos(text), encoding="utf-8")
    findings = lint_lesson(path.read_text(encoding="utf-8"), "docs/lessons/line-search.md", {"line-search"})
    assert findings == [], shown(findings)

    built = workspace.build("lessons/line-search.md")
    assert not built.errors, "\n\n".join(error.format() for error in built.errors)
    assert "True [1. 1.]" in built.pages["lessons/line-search.md"].markdown  # the example block ran


def test_scaffold_refuses_to_overwrite(tmp_path):
    path = scaffold.scaffold("line-search", "Line search", docs_dir=tmp_path)
    path.write_text("work in progress", encoding="utf-8")
    with pytest.raises(scaffold.ScaffoldError, match="already exists"):
        scaffold.scaffold("line-search", "Another title", docs_dir=tmp_path)
    assert path.read_text(encoding="utf-8") == "work in progress"


@pytest.mark.parametrize("name", ["Line-search", "line_search", "line search", "-line", "line--search", "../line", ""])
def test_scaffold_refuses_names_that_are_not_lowercase_hyphenated(tmp_path, name):
    with pytest.raises(scaffold.ScaffoldError, match="lowercase words joined by hyphens"):
        scaffold.scaffold(name, "Line search", docs_dir=tmp_path)
    assert not list(tmp_path.rglob("*.md"))


@pytest.mark.parametrize("title", ["Newton: the method", "2026", "yes", "# not a comment", 'Ĉu «quotes» "too"'])
def test_scaffold_title_reads_back_unchanged(tmp_path, title):
    path = scaffold.scaffold("a-lesson", title, docs_dir=tmp_path)
    text = path.read_text(encoding="utf-8")
    assert metadata.front_matter(text)[0]["title"] == title
    assert f"\n# {title}\n" in text


def test_scaffold_command_prints_the_nav_line_and_the_lint_command(tmp_path, capsys):
    assert scaffold.main(["line-search", "Line search"], docs_dir=tmp_path / "docs") == 0
    out = capsys.readouterr().out
    assert '\n      - "Line search": lessons/line-search.md\n' in out
    command = re.search(r"\.venv/bin/downhill-lint (\S+)", out)
    assert command and Path(command.group(1)).resolve() == (tmp_path / "docs/lessons/line-search.md").resolve()
    assert scaffold.main(["line-search", "Line search"], docs_dir=tmp_path / "docs") == 1
    assert "already exists" in capsys.readouterr().err
    assert scaffold.main(["line-search"], docs_dir=tmp_path / "docs") == 2


def test_scaffold_and_lint_default_to_the_checkout_they_run_in(tmp_path, monkeypatch, capsys):
    """A second checkout (a git worktree) sharing one editable install must get its own lesson, not the first's."""
    monkeypatch.chdir(tmp_path)
    assert scaffold.main(["line-search", "Line search"]) == 0
    assert (tmp_path / "docs/lessons/line-search.md").is_file()
    assert lint.main([]) == 1  # the scaffold's TODOs, found in this checkout's docs/lessons
    assert "docs/lessons/line-search.md:" in capsys.readouterr().out
    monkeypatch.chdir(tmp_path / "docs")  # not the root: nothing to lint is an error, not a pass
    assert lint.main([]) == 2
    assert "run it from the project's root" in capsys.readouterr().err


def test_lint_command_exits_nonzero_only_on_findings(capsys):
    assert lint.main([str(FIXTURES / "good.md")]) == 0
    assert capsys.readouterr().out == ""
    assert lint.main([str(FIXTURES / "good.md"), str(FIXTURES / "todo.md")]) == 1
    assert "todo.md:44: replace the `TODO` placeholder" in capsys.readouterr().out


def test_the_linter_never_imports_mkdocs():
    code = (
        "import sys, downhill_lessons.lint, downhill_lessons.scaffold; print([m for m in sys.modules if 'mkdocs' in m])"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


MAKE = shutil.which("make")


@pytest.mark.skipif(MAKE is None, reason="needs make")
def test_make_new_lesson_runs_the_scaffold():
    command = [MAKE, "-n", "new-lesson", "NAME=line-search", "TITLE=Line search"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    assert '.venv/bin/downhill-new-lesson "line-search" "Line search"' in result.stdout
