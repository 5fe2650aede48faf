"""After the build, index the site with Pagefind, so a reader's browser fetches only the pieces a query needs.

Material's own search sends the whole index to every page. Pagefind splits it into chunks by word and one
fragment per page, fetched on demand by `assets/javascripts/dh-search.js` when the reader opens search.
This runs on every build, `mkdocs serve` included, writing into whatever folder the site was built in.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

BUNDLE = "pagefind"  # the folder of the site that holds the index and Pagefind's scripts
# Only the page's article: not the header, navigation or footer that every page repeats.
CONFIG: IndexConfig = {
    "root_selector": "article.md-content__inner",
    # The ¶ of every heading, the edit and view-source buttons, a diagram's source and a formula's TeX.
    "exclude_selectors": [".headerlink", ".md-content__button", ".mermaid", ".arithmatex", ".katex"],
    "force_language": "en",
}
# Pages that are not a destination: the 404 page, and print-site's page with every lesson, which would
# match every query a lesson matches.
NOT_INDEXED = {"404.html", "print_page/index.html"}
# A notebook's figures are inline data: URIs. Pagefind 1.5.2 reads such a long attribute as page text (a
# megabyte of base64 in the index), so it is dropped from the copy Pagefind reads; the page keeps it.
DATA_URI = re.compile(r'\s(?:src|href)="data:[^"]*"')


def searchable(html: str) -> str:
    """The page as Pagefind should read it: without inline data: URIs."""
    return DATA_URI.sub("", html)


def pages(site_dir: Path) -> dict[str, Path]:
    """Each HTML page of the built site to index, by the URL path Pagefind gives its results."""
    found = {}
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative in NOT_INDEXED or relative.startswith(f"{BUNDLE}/"):
            continue
        found["/" + relative.removesuffix("index.html")] = path
    return found


async def build_index(site_dir: Path) -> int:
    """Write the Pagefind bundle into `site_dir`; returns the number of pages indexed."""
    found = pages(site_dir)
    # Leaving the context writes the bundle, to output_path: relative paths would be the working directory's.
    async with PagefindIndex(config={**CONFIG, "output_path": str(site_dir.resolve() / BUNDLE)}) as index:
        for url, path in found.items():
            await index.add_html_file(content=searchable(path.read_text(encoding="utf-8")), url=url)
    return len(found)


def on_post_build(config) -> None:
    asyncio.run(build_index(Path(config.site_dir)))
