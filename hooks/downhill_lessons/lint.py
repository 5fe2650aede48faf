"""The lesson linter: check a page against the lesson anatomy, and say what to add and where.

The build only rejects what it cannot render (bad front matter, broken questions); a lesson missing its
exercises or its card still renders. This finds those gaps, every one in a single pass, so a contributor can
work through them in order. Nothing here imports MkDocs:

    .venv/bin/downhill-lint docs/lessons/NAME.md
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from downhill_engine import fences
from downhill_engine.errors import EngineError, shown_path
from downhill_engine.frontmatter import FrontMatterError

from . import metadata, quiz, solutions

LESSONS = Path("docs/lessons")  # the checkout being worked in, not the one the package was installed from
CORE, BODY, SNAPSHOT = "Core ideas", "", "Concept snapshot"
EXERCISES, INTERVIEW, CHECK, NEXT = "Exercises", "Interview questions", "Check yourself", "Next"
ORDER = (CORE, BODY, SNAPSHOT, EXERCISES, INTERVIEW, CHECK, NEXT)  # BODY: the lesson's own sections
NAMED = tuple(title for title in ORDER if title)
NEEDS = {
    CORE: 'with 3 to 6 `- ` bullets, then the `!!! abstract "Card"`',
    SNAPSHOT: "with 1 to 5 `- ` bullets that sum up the lesson",
    EXERCISES: 'with at least 2 `### Exercise N: …` headings, each followed by a `??? success "Solution"` block '
    "containing a ```python block",
    INTERVIEW: 'with at least 2 `??? question "…"` blocks, each with its answer indented 4 spaces below it',
    CHECK: "with at least 4 `<!-- question: id -->` … `<!-- /question -->` blocks",
    NEXT: "with at least one Markdown link, e.g. `- [Next lesson](next-lesson.md) builds on this`",
}
CARD_ADD = (
    'an `!!! abstract "Card"` admonition with three bullets indented 4 spaces: '
    "`- **What:** …`, `- **Applies when:** …` and `- **Breaks when:** …`"
)

HEADING = re.compile(r"^(?P<hashes>#{1,6}) (?P<title>.+?)\s*$")
BULLET = re.compile(r"^[-*+] \S")
CARD = re.compile(r'^!!! abstract "Card"\s*$')
CARD_ENTRY = re.compile(r"^\s*[-*+] \*\*(?P<label>What|Applies when|Breaks when):\*\*")
CARD_LABELS = ("What", "Applies when", "Breaks when")
INTERVIEW_QUESTION = re.compile(r'^(?P<indent>[ \t]*)\?\?\?\+? question "(?P<title>.*)"\s*$')
LINK = re.compile(r"\[[^\]]+\]\([^)\s]+[^)]*\)|<https?://[^>\s]+>")
WRITTEN_OUTPUT = re.compile(
    r"(?:^|\s)#\s*(?:→|->|=>|output\s*:|prints?\s*:|out(?:\[\d*\])?\s*:|results?\s*:)", re.IGNORECASE
)
PROMPT = re.compile(r"^\s*>>>")
TODO = re.compile(r"\bTODO\b")
WORD = re.compile(r"[\w'’-]+")
MAX_MINUTES = 20  # a lesson is one idea done well: split a longer topic rather than pad it
MAX_ANSWER_WORDS = 60  # an interview answer is what a reader can say in about 20 seconds


@dataclass(frozen=True)
class Finding:
    """One gap in a lesson: the line to go to, and what to add or change there."""

    path: str
    line: int
    message: str

    def format(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


Found = list[tuple[int, str]]  # (line, message), before the path is attached


class Page:
    """A page's lines and what every check shares: code fences, headings, and where blocks end."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.fences = fences.scan(self.lines)
        self.in_code = {number for fence in self.fences for number in fence.lines}
        self.headings = [
            (number, len(match["hashes"]), match["title"])
            for number, match in self.matching(HEADING, 1, len(self.lines))
        ]

    def matching(self, pattern: re.Pattern, start: int, end: int) -> Iterator[tuple[int, re.Match]]:
        """(line, match) for the lines start..end, outside code, that match ``pattern``."""
        for number in range(max(start, 1), min(end, len(self.lines)) + 1):
            if number not in self.in_code and (match := pattern.match(self.lines[number - 1])):
                yield number, match

    def end_of(self, heading: int, level: int) -> int:
        """Last line of what the heading on line ``heading`` introduces: up to the next heading as high."""
        return next((n - 1 for n, lvl, _ in self.headings if n > heading and lvl <= level), len(self.lines))

    def last_text(self, before: int) -> int:
        """The last non-blank line above ``before``: the line after which something goes."""
        return next((n for n in range(min(before, len(self.lines) + 1) - 1, 0, -1) if self.lines[n - 1].strip()), 1)

    def block_body(self, line: int, indent: str) -> range:
        """The lines of an admonition's body: those indented 4 spaces more than its opening line."""
        last = line
        for number in range(line + 1, len(self.lines) + 1):
            text = self.lines[number - 1]
            if text.strip():
                if len(text) - len(text.lstrip()) < len(indent) + 4:
                    break
                last = number
        return range(line + 1, last + 1)

    def python_in(self, lines: range) -> list[fences.Fence]:
        """The ```python fences that open within ``lines``: the blocks the build runs."""
        return [fence for fence in self.fences if fence.start in lines and fence.info == "python"]


def lint_lesson(text: str, path: str, known_ids: set[str]) -> list[Finding]:
    """Every gap in the lesson, in line order; an empty list means every part of the anatomy is there."""
    page = Page(text)
    found = [*_front_matter(text, path, known_ids), *_todos(page)]
    if unclosed := _fence_problems(page):  # the fence swallows the rest of the page: nothing after it is reliable
        return _sorted([*found, *unclosed], path)
    sections, body = _sections(page, found)
    found += _the_question(page, _body_start(text))
    found += _order(page, sections, body)
    found += _core_ideas_and_card(page, sections)
    found += _body(page, sections, body)
    found += _bullets(page, sections, SNAPSHOT, 1, 5)
    found += _exercises(page, sections)
    found += _interview(page, sections)
    found += _check_yourself(page, sections, text, path)
    found += _next(page, sections)
    found += _written_output(page)
    found += _reading_time(text, _body_start(text))
    return _sorted(found, path)


def _sorted(found: Found, path: str) -> list[Finding]:
    return sorted((Finding(path, line, message) for line, message in found), key=lambda finding: finding.line)


def _front_matter(text: str, path: str, known_ids: set[str]) -> Found:
    """The build's own validation, so the linter never passes a page the build would stop on."""
    try:
        metadata.validate(path, text, known_ids)
    except EngineError as error:
        return [(error.line or 1, _message(error))]
    return []


def _body_start(text: str) -> int:
    try:
        return metadata.front_matter(text)[2]
    except FrontMatterError:
        return 1


def _message(error: EngineError) -> str:
    """The error's message, plus the first line of its detail when that line says how to fix it."""
    advice = error.detail.splitlines()[0] if error.detail else ""
    return f"{error.message}. {advice}" if advice.endswith(".") else error.message


def _fence_problems(page: Page) -> Found:
    return [
        (fence.start, "this code fence is never closed; add a closing fence, indented like this one, after its code")
        for fence in page.fences
        if not fence.closed
    ]


def _todos(page: Page) -> Found:
    return [
        (number, f"replace the `TODO` placeholder with the lesson's own text: {line.strip()[:70]}")
        for number, line in enumerate(page.lines, start=1)
        if TODO.search(line)
    ]


def _sections(page: Page, found: Found) -> tuple[dict[str, int], list[tuple[int, str]]]:
    """The line of each named `## ` section, and the lesson's own sections; report renames and repeats."""
    sections: dict[str, int] = {}
    body = []
    by_lower = {title.lower(): title for title in NAMED}
    for number, level, title in page.headings:
        if level != 2:
            continue
        named = by_lower.get(title.lower())
        if named is None:
            body.append((number, title))
            continue
        if title != named:
            found.append((number, f"rename `## {title}` to `## {named}`, spelled exactly so"))
        if named in sections:
            found.append((number, f"`## {named}` appears again (first on line {sections[named]}); merge the two"))
        else:
            sections[named] = number
    return sections, body


def _the_question(page: Page, body_start: int) -> Found:
    first_section = next((n for n, level, _ in page.headings if level == 2), len(page.lines) + 1)
    hits = list(page.matching(metadata.QUESTION, body_start, len(page.lines)))
    if not hits:
        title = next((n for n, level, _ in page.headings if level == 1 and n >= body_start), body_start - 1)
        add = "add a paragraph starting with `**The question:**` after the `# ` title, before the first `## ` section"
        return [(max(title, 1), f"{add}: one line stating the problem this lesson answers")]
    line, match = hits[0]
    if line > first_section:
        return [(line, f"move the `**The question:**` paragraph above the first `## ` section (line {first_section})")]
    following = page.lines[line] if line < len(page.lines) else ""
    if not match["text"].strip() and not following.strip():
        return [(line, "`**The question:**` is empty; write the problem this lesson answers after it, on this line")]
    return []


def _order(page: Page, sections: dict[str, int], body: list[tuple[int, str]]) -> Found:
    """Named sections in anatomy order, and the lesson's own sections between the card and the snapshot."""
    found: Found = []
    present = sorted((line, title) for title, line in sections.items())
    for line, title in present:
        later = [(n, t) for n, t in present if n < line and ORDER.index(t) > ORDER.index(title)]
        if later:
            n, t = later[0]
            found.append((line, f"move `## {title}` above `## {t}` (line {n}); {_sequence()}"))
    core = sections.get(CORE)
    limit = min((sections[t] for t in ORDER[2:] if t in sections), default=None)
    for line, title in body:
        if core is not None and line < core:
            found.append((line, f"move `## {title}` below `## {CORE}` (line {core}) and its card; {_sequence()}"))
        elif limit is not None and line > limit:
            found.append((line, f"move `## {title}` above `{page.lines[limit - 1]}` (line {limit}); {_sequence()}"))
    return found


def _sequence() -> str:
    return "the sections go " + ", ".join(f"`## {title}`" if title else "the lesson's own sections" for title in ORDER)


def _missing(page: Page, sections: dict[str, int], title: str) -> Found:
    line, where = _where_to_add(page, sections, title)
    return [(line, f"add a `## {title}` section after this line, {where}, {NEEDS[title]}")]


def _where_to_add(page: Page, sections: dict[str, int], title: str) -> tuple[int, str]:
    """The line after which a missing section goes, and words saying where that is."""
    if title == CORE:  # it opens the lesson: before any other section
        later = [n for n, level, _ in page.headings if level == 2]
    else:
        later = [sections[t] for t in ORDER[ORDER.index(title) + 1 :] if t in sections]
    if not later:
        return page.last_text(len(page.lines) + 1), "at the end of the page"
    before = min(later)
    return page.last_text(before), f"before `{page.lines[before - 1]}` (line {before})"


def _section_lines(page: Page, sections: dict[str, int], title: str) -> range:
    start = sections[title]
    return range(start + 1, page.end_of(start, 2) + 1)


def _bullets(page: Page, sections: dict[str, int], title: str, least: int, most: int) -> Found:
    if title not in sections:
        return _missing(page, sections, title)
    lines = _section_lines(page, sections, title)
    count = sum(1 for _ in page.matching(BULLET, lines.start, lines.stop - 1))
    plural = "bullet" if count == 1 else "bullets"
    if count < least:
        add = f"add {least - count} more `- ` item{'s' * (least - count > 1)} under it ({least} to {most} in all)"
        return [(sections[title], f"`## {title}` has {count} {plural}; {add}")]
    if count > most:
        return [(sections[title], f"`## {title}` has {count} {plural}; merge or cut them to at most {most}")]
    return []


def _core_ideas_and_card(page: Page, sections: dict[str, int]) -> Found:
    found = _bullets(page, sections, CORE, 3, 6)
    cards = list(page.matching(CARD, 1, len(page.lines)))
    core = _section_lines(page, sections, CORE) if CORE in sections else None
    if not cards:
        line = page.last_text(core.stop) if core else _where_to_add(page, sections, CORE)[0]
        return [*found, (line, f"add the card after this line, at the end of `## {CORE}`: {CARD_ADD}")]
    line = cards[0][0]
    if core is not None and line not in core:
        found.append((line, f"move the card into `## {CORE}` (line {sections[CORE]}), after its bullets"))
    entries = {entry["label"] for _, entry in page.matching(CARD_ENTRY, line + 1, page.block_body(line, "").stop - 1)}
    missing = [f"`- **{label}:** …`" for label in CARD_LABELS if label not in entries]
    if missing:
        add = "it as a bullet" if len(missing) == 1 else "them as bullets"
        found.append((line, f"the card lacks {' and '.join(missing)}; add {add} indented 4 spaces under the card"))
    return found


def _body(page: Page, sections: dict[str, int], body: list[tuple[int, str]]) -> Found:
    if not body:
        line, where = _where_to_add(page, sections, BODY)
        what = "a `## ` heading (not one of the named sections) with prose and a ```python block"
        return [(line, f"add a section of your own after this line, {where}: {what} that shows the idea running")]
    if any(page.python_in(range(line + 1, page.end_of(line, 2) + 1)) for line, _ in body):
        return []
    line, title = body[0]
    add = f"add one under `## {title}` that shows the idea running, imports included"
    return [(line, f"no section of the lesson's own has a ```python block; {add}")]


def _exercises(page: Page, sections: dict[str, int]) -> Found:
    if EXERCISES not in sections:
        return _missing(page, sections, EXERCISES)
    found: Found = []
    lines = _section_lines(page, sections, EXERCISES)
    exercises = [(n, title) for n, level, title in page.headings if n in lines and level == 3]
    complete = 0
    for line, title in exercises:
        solution = next(page.matching(solutions.SOLUTION, line + 1, page.end_of(line, 3)), None)
        if solution is None:
            add = 'add a `??? success "Solution"` block under it, before the next heading, with a ```python block'
            found.append((line, f"`### {title}` has no solution; {add} indented 4 spaces"))
        elif not page.python_in(page.block_body(solution[0], solution[1]["indent"])):
            add = "add one inside it, indented 4 spaces, that computes and checks the answer"
            found.append((solution[0], f"the solution to `### {title}` has no ```python block; {add}"))
        else:
            complete += 1
    if complete < 2 and len(exercises) < 2:
        count = f"{complete} exercise{'s' * (complete != 1)} with a solution"
        if len(exercises) == 1:
            add = f"add another `### Exercise {len(exercises) + 1}: …` heading followed by"
        else:
            add = "add two `### Exercise N: …` headings, each followed by"
        what = '`??? success "Solution"` block containing a ```python block'
        found.append((sections[EXERCISES], f"`## {EXERCISES}` has {count}; {add} a {what}"))
    return found


def _interview(page: Page, sections: dict[str, int]) -> Found:
    if INTERVIEW not in sections:
        return _missing(page, sections, INTERVIEW)
    found: Found = []
    lines = _section_lines(page, sections, INTERVIEW)
    blocks = list(page.matching(INTERVIEW_QUESTION, lines.start, lines.stop - 1))
    answered = 0
    for line, match in blocks:
        if not match["title"].strip():
            found.append((line, 'write the interview question between the quotes of `??? question "…"`'))
        answer = [page.lines[n - 1] for n in page.block_body(line, match["indent"])]
        if any(text.strip() for text in answer):
            answered += 1
            words = sum(len(WORD.findall(text)) for text in answer)
            if words > MAX_ANSWER_WORDS:
                found.append((line, f"this interview answer has {words} words; keep it to {MAX_ANSWER_WORDS} or fewer"))
        else:
            found.append((line, "this interview question has no answer; write a short one below it, indented 4 spaces"))
    if len(blocks) < 2:
        add = 'another `??? question "…"` block' if blocks else 'two `??? question "…"` blocks, each'
        count = f"{answered} question{'s' * (answered != 1)} with an answer"
        message = f"`## {INTERVIEW}` has {count}; add {add} with a short answer indented 4 spaces below it"
        found.append((sections[INTERVIEW], message))
    return found


def _reading_time(text: str, body_start: int) -> Found:
    try:
        minutes = metadata.reading_minutes(text)
    except FrontMatterError:  # already reported by _front_matter
        return []
    if minutes <= MAX_MINUTES:
        return []
    message = f"the lesson reads in {minutes} minutes; cut or split it to {MAX_MINUTES} minutes or less"
    return [(body_start, message)]


def _check_yourself(page: Page, sections: dict[str, int], text: str, path: str) -> Found:
    """The build's own question parser reports malformed questions; this counts those in the section."""
    try:
        questions = quiz.find_questions(text, path)
    except EngineError as error:
        return [(error.line or 1, _message(error))]
    if CHECK not in sections:
        return _missing(page, sections, CHECK)
    lines = _section_lines(page, sections, CHECK)
    count = sum(question.line in lines for question in questions)
    if count >= 4:
        return []
    add = f"add {4 - count} more `<!-- question: id -->` … `<!-- /question -->` block{'s' * (count < 3)}"
    what = "a bold question, `- [x]` and `- [ ]` options, each with a `>` line saying why"
    return [(sections[CHECK], f"`## {CHECK}` has {count} question{'s' * (count != 1)}; {add} ({what})")]


def _next(page: Page, sections: dict[str, int]) -> Found:
    if NEXT not in sections:
        return _missing(page, sections, NEXT)
    lines = _section_lines(page, sections, NEXT)
    if any(LINK.search(page.lines[n - 1]) for n in lines if n not in page.in_code):
        return []
    add = "add a bullet with a Markdown link to where these ideas show up next"
    return [(sections[NEXT], f"`## {NEXT}` has no link; {add}, e.g. `- [Next lesson](next-lesson.md) builds on this`")]


def _written_output(page: Page) -> Found:
    """Output typed into code goes stale; the build shows the real output under every block."""
    found: Found = []
    instead = "`print` what the reader should see, and the build shows the real output under the block"
    for fence in page.python_in(range(1, len(page.lines) + 1)):
        for number in range(fence.start + 1, fence.end):
            line = page.lines[number - 1]
            if PROMPT.match(line):
                found.append((number, f"remove the `>>>` prompt (and any output typed after it): {instead}"))
            elif written := WRITTEN_OUTPUT.search(line):
                found.append((number, f"remove the hand-written output `{line[written.start() :].strip()}`: {instead}"))
    return found


def main(argv: list[str] | None = None) -> int:
    """Lint the lessons named (all of docs/lessons by default); exit 1 if any has a finding."""
    args = sys.argv[1:] if argv is None else argv
    paths = [Path(arg) for arg in args] or sorted(LESSONS.glob("*.md"))
    if not paths:
        print(
            f"downhill-lint: no {LESSONS}/*.md here: run it from the project's root, or name the lessons",
            file=sys.stderr,
        )
        return 2
    status = 0
    for path in paths:
        shown = display_path(path)
        known = {
            metadata.declared_id(other.read_text(encoding="utf-8")) or other.stem for other in path.parent.glob("*.md")
        }
        findings = lint_lesson(path.read_text(encoding="utf-8"), shown, known)
        for finding in findings:
            print(finding.format())
        print(f"{shown}: {len(findings) or 'no'} finding{'s' * (len(findings) != 1)}", file=sys.stderr)
        status = 1 if findings else status
    return status


def display_path(path: Path) -> str:
    """The path as a contributor would type it: relative to the working directory when inside it."""
    return shown_path(path, Path.cwd())


if __name__ == "__main__":
    sys.exit(main())
