"""Drop the syntax-highlighting spans that change nothing on screen, so lesson pages stay light.

Pygments wraps every name in `<span class="n">` and most whitespace in `<span class="w">`. Material 9.8.1
colours `.n` with `--md-code-hl-name-color`, which it sets to the code's own foreground colour, and gives
`.w` no style at all, so these spans only add bytes: a sixth of a code-heavy lesson's HTML. The text of
every code block, and so copying, search and the printed course, is unchanged. tests/test_code_markup.py
checks Material's stylesheet still makes them no-ops.
"""

from __future__ import annotations

import re

from mkdocs.plugins import event_priority

PLAIN_SPAN = re.compile(r'<span class="[nw]">([^<]*)</span>')


def unwrap_plain_spans(html: str) -> str:
    """The HTML without the spans Material does not style differently from plain code."""
    return PLAIN_SPAN.sub(r"\1", html)


@event_priority(40)  # before print-site copies the page into the printed course
def on_page_content(html: str, page, config, files) -> str:
    if page.file.src_uri.endswith(".ipynb"):
        return html  # a notebook page is highlighted by nbconvert and styled by Jupyter's CSS
    return unwrap_plain_spans(html)
