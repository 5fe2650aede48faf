"""Multiple-choice questions written as GitHub-readable Markdown, validated at build and rendered as widgets.

A question sits between ``<!-- question: ID -->`` and ``<!-- /question -->``. Options are a task list,
``- [x]`` for a correct one; an explanation is a ``>`` line right under its option (the convention of
mkdocs-quiz, so either tool reads the same files). ``Hint:`` and ``Explanation:`` paragraphs are optional,
but every option needs an explanation unless the question has one.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from downhill_engine.errors import EngineError
from downhill_engine.fences import fenced_lines

from .spoken import has_math, spoken

OPEN = re.compile(r"^(?P<indent>[ \t]*)<!--\s*question:\s*(?P<id>[^\s>]*)\s*-->\s*$")
CLOSE = re.compile(r"^[ \t]*<!--\s*/question\s*-->\s*$")
OPTION = re.compile(r"^[-*] \[(?P<mark>[ xX])\] (?P<text>.+)$")
QUOTE = re.compile(r"^\s{0,4}> ?(?P<text>.*)$")
LABEL = re.compile(r"^(?P<label>Hint|Explanation):\s*(?P<text>.*)$")
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
CODE_SPAN = re.compile(r"(?P<ticks>`+).+?(?P=ticks)")  # inline code, whose ** is Python's power
EXAMPLE = """<!-- question: trust-the-result -->

**Which field tells you whether to trust `x`?**

- [ ] `nit`
  > No: it counts iterations.
- [x] `success`
  > Yes: it is true only when the stopping test was met.

Hint: the method gives its own verdict.

<!-- /question -->"""


class QuestionError(EngineError):
    """A question that readers could not answer, or that would teach nothing when they did."""


@dataclass
class Option:
    text: str
    correct: bool
    explanation: str = ""


@dataclass
class Question:
    id: str
    line: int  # of the opening marker
    end: int  # of the closing marker
    indent: str
    prompt: str = ""
    options: list[Option] = field(default_factory=list)
    hint: str = ""
    explanation: str = ""

    @property
    def multiple(self) -> bool:
        return sum(option.correct for option in self.options) > 1


def find_questions(text: str, path: str) -> list[Question]:
    """Every question of a page, validated; raise QuestionError at the line of the first problem."""
    lines = text.splitlines()
    in_code = fenced_lines(lines)  # a question shown as an example, in a fence, is text
    questions: list[Question] = []
    number = 0
    while number < len(lines):
        line = lines[number]
        number += 1
        if number in in_code:
            continue
        if CLOSE.match(line):
            raise QuestionError(path, number, "`<!-- /question -->` without an opening `<!-- question: id -->`")
        opening = OPEN.match(line)
        if not opening:
            continue
        end = next((n for n in range(number, len(lines)) if CLOSE.match(lines[n])), None)
        if end is None:
            raise QuestionError(path, number, "question is never closed by `<!-- /question -->`", EXAMPLE)
        indent = opening.group("indent")
        body = [(n + 1, lines[n][len(indent) :]) for n in range(number, end)]
        questions.append(_parse(path, number, end + 1, indent, opening.group("id"), body))
        number = end + 1
    _check_unique(path, questions)
    return questions


def _parse(path: str, line: int, end: int, indent: str, question_id: str, body: list[tuple[int, str]]) -> Question:
    question = Question(question_id, line, end, indent)
    if not ID.match(question_id):
        raise QuestionError(path, line, f"question id {question_id!r} must be lowercase words joined by hyphens")
    prompt: list[str] = []
    current: str | None = None  # what a continuation line belongs to: "prompt", "option", "hint", "explanation"
    for number, text in body:
        option = OPTION.match(text)
        quote = QUOTE.match(text)
        label = LABEL.match(text)
        if option:
            question.options.append(Option(option.group("text").strip(), option.group("mark") != " "))
            current = "option"
        elif quote and current == "option":
            last = question.options[-1]
            last.explanation = f"{last.explanation} {quote.group('text').strip()}".strip()
        elif label:
            current = label.group("label").lower()
            setattr(question, current, label.group("text").strip())
        elif not text.strip():
            current = None if current == "option" else current
        elif current in ("hint", "explanation"):
            setattr(question, current, f"{getattr(question, current)} {text.strip()}")
        elif not question.options:
            prompt.append(text)
            current = "prompt"
        else:
            raise QuestionError(path, number, f"unexpected line in question {question_id!r}: {text.strip()!r}", EXAMPLE)
    question.prompt = "\n".join(prompt).strip()
    _validate(path, question)
    return question


def _validate(path: str, question: Question) -> None:
    where = question.line
    if not question.prompt:
        raise QuestionError(path, where, f"question {question.id!r} has no question text", EXAMPLE)
    if len(question.options) < 2:
        raise QuestionError(path, where, f"question {question.id!r} needs at least two options", EXAMPLE)
    if not any(option.correct for option in question.options):
        raise QuestionError(path, where, f"question {question.id!r} has no correct option: mark one `- [x]`", EXAMPLE)
    unexplained = [option.text for option in question.options if not option.explanation]
    if unexplained and not question.explanation:
        raise QuestionError(
            path,
            where,
            f"question {question.id!r} lacks an explanation for option {unexplained[0]!r}",
            "Put a `> why this is right or wrong` line under every option, or an `Explanation:` paragraph "
            "for the whole question.\n\n" + EXAMPLE,
        )


def _check_unique(path: str, questions: list[Question]) -> None:
    seen: dict[str, int] = {}
    for question in questions:
        if question.id in seen:
            raise QuestionError(
                path, question.line, f"question id {question.id!r} is also used on line {seen[question.id]}"
            )
        seen[question.id] = question.line


def render(question: Question, lesson: str) -> str:
    """The widget: a fieldset of real radio buttons or checkboxes, a hint toggle, and a live feedback area."""
    kind = "checkbox" if question.multiple else "radio"
    dom_id = f"q-{lesson}-{question.id}"
    options = []
    for index, option in enumerate(question.options):
        # Math has no text in accessible-name algorithms: an option with math also says itself in words.
        name = f' aria-label="{html.escape(spoken(option.text), quote=True)}"' if has_math(option.text) else ""
        options.append(
            f'<div class="dh-quiz__option" markdown="span"><label><input type="{kind}" name="{dom_id}" '
            f'value="{index}"{" data-correct" if option.correct else ""}{name}> {option.text}</label></div>\n'
            f'<p class="dh-quiz__why" data-option="{index}" hidden markdown="span">{option.explanation}</p>'
        )
    hint = ""
    if question.hint:
        hint = (
            f'<button type="button" class="md-button dh-quiz__hint-button" aria-expanded="false" '
            f'aria-controls="{dom_id}-hint">Show a hint</button>\n'
        )
    check = (
        '<button type="button" class="md-button dh-quiz__check">Check answer</button>\n' if question.multiple else ""
    )
    explanation = question.explanation
    how = "Choose every correct answer." if question.multiple else "Choose one answer."
    parts = [
        f'<div class="dh-quiz" id="{dom_id}" data-question="{question.id}" data-lesson="{lesson}" '
        f'data-multiple="{str(question.multiple).lower()}" markdown>',
        f'<fieldset class="dh-quiz__fieldset" aria-describedby="{dom_id}-how" markdown="block">',
        f'<legend class="dh-quiz__prompt" markdown="span">{_one_line(question.prompt)}</legend>',
        f'<p class="dh-quiz__how" id="{dom_id}-how">{how}</p>',
        *options,
        "</fieldset>",
        f'<p class="dh-quiz__hint" id="{dom_id}-hint" hidden markdown="span">**Hint:** {question.hint}</p>'
        if hint
        else "",
        f'<p class="dh-quiz__explanation" hidden markdown="span">{explanation}</p>' if explanation else "",
        f'<div class="dh-quiz__actions">\n{hint}{check}'
        '<button type="button" class="md-button dh-quiz__reset">Try again</button>\n</div>',
        '<p class="dh-quiz__feedback" role="status" aria-live="polite"></p>',
        "</div>",
    ]
    return "\n".join(part for part in parts if part)


def answer_key(questions: list[Question]) -> str:
    """Markdown for print: each question's correct options and the explanations, in page order."""
    if not questions:
        return ""
    # Not an <h2>: a heading would add the print-only key to the on-screen table of contents.
    lines = [
        '\n<div class="dh-print-only dh-answer-key" markdown>\n',
        '<p class="dh-print-title" role="heading" aria-level="2">Answer key</p>\n',
    ]
    for number, question in enumerate(questions, start=1):
        letters = ", ".join(
            f"{chr(65 + index)} ({option.text})" for index, option in enumerate(question.options) if option.correct
        )
        lines.append(f"{number}. **{_one_line(question.prompt)}** Correct: {letters}.")
        for index, option in enumerate(question.options):
            if option.explanation:
                lines.append(f"    - {chr(65 + index)}: {option.explanation}")
        if question.explanation:
            lines.append(f"    - {question.explanation}")
    lines.append("\n</div>\n")
    return "\n".join(lines)


def without_answers(question: Question) -> str:
    """Plain Markdown for a downloaded notebook: the prompt, the options and the hint, but no answers."""
    how = "Choose every correct answer." if question.multiple else "Choose one answer."
    options = "\n".join(f"- {option.text}" for option in question.options)
    hint = f"\n\n*Hint:* {question.hint}" if question.hint else ""
    return f"{question.prompt}\n\n{how}\n\n{options}{hint}"


def replace_questions(markdown: str, questions: list[Question], lesson: str) -> str:
    """Swap each question block in the page's Markdown for its widget, keeping the block's indentation."""
    by_id = {question.id: question for question in questions}
    lines = markdown.splitlines()
    in_code = fenced_lines(lines)  # 1-based, like every line number of a page
    out: list[str] = []
    number = 0
    while number < len(lines):
        opening = OPEN.match(lines[number]) if number + 1 not in in_code else None
        if opening and opening.group("id") in by_id:
            end = next(n for n in range(number, len(lines)) if CLOSE.match(lines[n]))
            indent = opening.group("indent")
            widget = render(by_id[opening.group("id")], lesson)
            out.extend(indent + line if line else line for line in ["", *widget.splitlines(), ""])
            number = end + 1
            continue
        out.append(lines[number])
        number += 1
    return "\n".join(out) + "\n"


def _one_line(text: str) -> str:
    """The prompt on one line, without bold (the answer key sets it bold), but with code such as `x**2` intact."""
    joined = " ".join(line.strip() for line in text.splitlines())
    out, start = [], 0
    for code in CODE_SPAN.finditer(joined):
        out += [joined[start : code.start()].replace("**", ""), code.group()]
        start = code.end()
    return "".join([*out, joined[start:].replace("**", "")])
