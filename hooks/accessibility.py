"""Accessibility fixes to the theme's own markup, made in the built HTML.

Material 9.8.1's search overlay is a `role="dialog"` without a name, which screen readers announce as
an unnamed dialog (axe: aria-dialog-name, serious). A name is all it lacks.
"""

from __future__ import annotations

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'


def on_post_page(output: str, page, config) -> str:
    return output.replace(SEARCH_DIALOG, NAMED_SEARCH_DIALOG, 1)
