"""Drop the syntax-highlighting spans that change nothing on screen, so lesson pages stay light.

Pygments wraps every name in `<span class="n">` and most whitespace in `<span class="w">`. Material 9.8.1
colours `.n` with `--md-code-hl-name-color`, which it sets to the code's own foreground colour, and gives
`.w` no style at all, so these spans only add bytes: a sixth of a code-heavy lesson's HTML. The text of
every code block, and so copying, search and the printed course, is unchanged. Runs of operator and
punctuation spans, which the course's stylesheet colours alike, become one span each. tests/test_code_markup.py
checks that both stylesheets still make these no-ops.
"""

from __future__ import annotations

import re

from mkdocs.plugins import event_priority

PLAIN_SPAN = re.compile(r'<span class="[nw]">([^<]*)</span>')
# Operators and punctuation: docs/stylesheets/downhill.css gives `.o` and `.p` one colour in both schemes,
# so a run of them, with only spaces between, draws the same as one span: a tenth fewer elements on a page
# of code, such as one that shows a recorder's helper code.
MARK_RUN = re.compile(r'<span class="[op]">[^<]*</span>(?:\s*<span class="[op]">[^<]*</span>)+')
TAG = re.compile(r"<[^>]+>")


def unwrap_plain_spans(html: str) -> str:
    """The HTML without the spans Material does not style differently from plain code."""
    return PLAIN_SPAN.sub(r"\1", html)


def merge_mark_runs(html: str) -> str:
    """The HTML with each run of operator and punctuation spans as a single span."""
    return MARK_RUN.sub(lambda run: '<span class="o">' + TAG.sub("", run.group(0)) + "</span>", html)


@event_priority(40)  # before print-site copies the page into the printed course
def on_page_content(html: str, page, config, files) -> str:
    if page.file.src_uri.endswith(".ipynb"):
        return html  # a notebook page is highlighted by nbconvert and styled by Jupyter's CSS
    return merge_mark_runs(unwrap_plain_spans(html))
