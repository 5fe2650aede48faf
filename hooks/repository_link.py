"""Keep the theme's link to the repository a plain link, so no page asks GitHub for anything.

Material 9.8.1 marks the link `data-md-component="source"`, and its script then fetches the repository's stars
and forks from GitHub's API on every first visit: a request that leaves the site, fails offline, and tells
GitHub who reads the course. Without the marker the link still shows the repository's name and icon.
The marker is removed from every HTML file once the site is written, so pages rendered outside MkDocs' page
events (print-site's printed course, the 404 page) lose it too.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

SOURCE = 'class="md-source" data-md-component="source"'
PLAIN = 'class="md-source"'


@event_priority(-50)  # after print-site has written the printed course
def on_post_build(config) -> None:
    for path in Path(config.site_dir).rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if SOURCE in html:
            path.write_text(html.replace(SOURCE, PLAIN), encoding="utf-8")
