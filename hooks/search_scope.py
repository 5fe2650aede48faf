"""Leave code and its printed output out of the search index; the prose around a block names what it shows.

Code blocks and their outputs are mostly identifiers, digits and tracebacks: they would make most of the
index yet rarely answer a search. Pagefind skips any element marked `data-pagefind-ignore`. Inline code in a
sentence (an API such as `minimize_scalar`) is not a block, so it stays searchable.
"""

from __future__ import annotations

import re

from mkdocs.plugins import event_priority

# A lesson's code and output (hooks/executed_blocks.py), and a notebook's code cell and its output area.
CODE_AND_OUTPUT = re.compile(r'<div class="(highlight|dh-output\b[^"]*|jp-CodeMirrorEditor [^"]*|jp-OutputArea [^"]*)"')


def exclude_code_and_output(html: str) -> str:
    """The HTML with each highlighted block and each output marked for Pagefind to skip."""
    return CODE_AND_OUTPUT.sub(r'<div class="\1" data-pagefind-ignore', html)


@event_priority(-40)  # after the other hooks have written every block and output into the page
def on_page_content(html: str, page, config, files) -> str:
    return exclude_code_and_output(html)
