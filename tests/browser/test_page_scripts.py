"""Each page loads the scripts its content uses and no other (hooks/theme/main.html), instant navigation too."""

from __future__ import annotations

import re

import pytest

OWN_SCRIPTS = re.compile(r"/assets/(?:javascripts/(?!bundle\.|workers/)|vendor/mermaid/)(.+\.m?js)$")
SEARCH = {"dh-search.js"}  # every page has the header's search button; Pagefind itself loads when it opens
PAGES = [
    ("glossary/", SEARCH),
    ("lessons/roots/", SEARCH | {"progress.js", "quiz.js"}),
    (
        "lessons/five-moves/",
        SEARCH | {"progress.js", "quiz.js", "widgets/common.js", "widgets/explorer.js", "mermaid-lazy.js"},
    ),
]


def requested_scripts(page) -> set[str]:
    scripts: set[str] = set()

    def record(request) -> None:
        found = OWN_SCRIPTS.search(request.url)
        if request.resource_type == "script" and found:
            scripts.add(found[1])

    page.on("request", record)
    return scripts


@pytest.mark.parametrize(("path", "expected"), PAGES, ids=[path for path, _ in PAGES])
def test_a_page_requests_only_the_scripts_its_content_uses(visit, path, expected):
    reader = visit()
    scripts = requested_scripts(reader.page)
    reader.open(path)
    loaded = {name for name in scripts if not name.startswith(("mermaid.esm", "chunks/"))}  # Mermaid's own
    assert loaded == expected
    reader.assert_clean()


def follow(page, base_url: str, path: str) -> None:
    """Click a link to ``path`` in the page's content, as a lesson links to another: instant navigation."""
    page.evaluate(
        """(url) => {
            const link = document.createElement("a");
            link.href = url;
            link.textContent = url;
            link.id = "dh-test-link";
            document.querySelector(".md-content").prepend(link);
        }""",
        base_url + path,
    )
    page.locator("#dh-test-link").click()
    page.wait_for_url(re.compile(f"/{path}$"))
    page.locator("#dh-test-link").wait_for(state="detached")  # the new page's content is in: the URL is first


def test_widgets_mount_once_when_instant_navigation_returns_to_their_page(visit):
    reader = visit()
    scripts = requested_scripts(reader.page)
    page = reader.open("lessons/roots/")
    page.evaluate("window.__sameDocument = true")
    for path in ["lessons/five-moves/", "lessons/roots/", "lessons/five-moves/"]:
        follow(page, reader.base_url, path)
    page.locator(".dh-widget--explorer.dh-widget--live").wait_for()
    assert page.evaluate("window.__sameDocument === true"), "the clicks did not use instant navigation"
    assert page.locator(".dh-widget--explorer svg[role=img]").count() == 1  # mounted once, not once per visit
    page.locator("div.mermaid").first.wait_for()  # the stand-in was there: Material asked no CDN
    assert "widgets/explorer.js" in scripts
    reader.assert_clean()  # no off-host request, no script error from a script run twice
