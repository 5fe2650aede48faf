"""Exercise solutions: collapsible on screen, gathered at the end of the lesson in print.

A solution is a ``??? success "Solution"`` block (pymdownx.details) after an exercise heading. Print
cannot move content, so the page carries a print-only copy of every solution at its end.
"""

from __future__ import annotations

import re

from downhill_engine.fences import fenced_lines

SOLUTION = re.compile(r'^(?P<indent>[ \t]*)\?\?\?\+? success "(?P<title>Solution[^"]*)"\s*$')
HEADING = re.compile(r"^#{2,4} (?P<title>.+?)\s*$")


def find_solutions(markdown: str) -> list[tuple[str, str]]:
    """(exercise title, solution body) for each solution block, the body dedented to column 0."""
    lines = markdown.splitlines()
    in_code = fenced_lines(lines)  # an example of a solution, shown in a fence, is not one
    found = []
    exercise = ""
    for number, line in enumerate(lines):
        if number + 1 in in_code:
            continue
        heading = HEADING.match(line)
        if heading:
            exercise = heading.group("title")
        match = SOLUTION.match(line)
        if not match:
            continue
        inner = len(match.group("indent")) + 4
        body = []
        for following in lines[number + 1 :]:
            if following.strip() and len(following) - len(following.lstrip()) < inner:
                break
            body.append(following[inner:])
        found.append((exercise or match.group("title"), "\n".join(body).strip("\n")))
    return found


def print_copy(solutions: list[tuple[str, str]]) -> str:
    """A print-only section with every solution, titled by its exercise."""
    if not solutions:
        return ""
    parts = [
        '\n<div class="dh-print-only dh-solutions" markdown>\n',
        '<p class="dh-print-title" role="heading" aria-level="2">Solutions</p>\n',
    ]
    for title, body in solutions:
        # markdown="span": a title such as "Predict `hess_inv`" keeps its inline code, not raw backticks.
        parts.append(f'<p class="dh-solutions__exercise" markdown="span"><strong>{title}</strong></p>\n\n{body}\n')
    parts.append("</div>\n")
    return "\n".join(parts)
