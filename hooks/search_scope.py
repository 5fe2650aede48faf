"""Leave code and its printed output out of the search index, so every page loads a smaller index.

Material's search fetches the whole index on every page. Code blocks and their outputs made most of it
(identifiers, digits, tracebacks) yet rarely answer a search: the prose around each block names the
functions and ideas it shows. Material skips any element marked `data-search-exclude` and strips the
marker from the page afterwards.
"""

from __future__ import annotations

import re

from mkdocs.plugins import event_priority

CODE_AND_OUTPUT = re.compile(r'<div class="(highlight|dh-output\b[^"]*)"')


def exclude_code_and_output(html: str) -> str:
    """The HTML with each highlighted block and each output marked for Material's search to skip."""
    return CODE_AND_OUTPUT.sub(r'<div class="\1" data-search-exclude="code"', html)


@event_priority(-40)  # after the other hooks have written every block and output into the page
def on_page_content(html: str, page, config, files) -> str:
    return exclude_code_and_output(html)
