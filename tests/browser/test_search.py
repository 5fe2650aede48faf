"""Search in the browser: Pagefind's index, fetched on demand by the header's dialog (dh-search.js)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from test_budgets import KB, compressed_url  # noqa: F401 - the gzipped server is a fixture of that module

LESSON = "lessons/hello-minimize/"
PROSE_WORD = "Brent"  # in the prose of several lessons, never in a heading
API_NAME = "minimize_scalar"  # named in inline code in several lessons' prose
# Words on one fixture page only, so which page comes first never depends on the course's lessons.
FIXTURE = ("fixtures/printed/", "Printed output")
FIXTURE_WORD = "quodlibet"
FIXTURE_API = "dh_search_probe"
LOAD_LIMIT = 15 * KB  # search traffic on a page load that does not search
QUERY_LIMIT = 150 * KB  # one query, from opening search to its first results
SEARCH_TRAFFIC = re.compile(r"/pagefind/|dh-search\.")


def search(page, text: str):
    """Open search with the / key, type `text`, and wait for its results; returns the result links."""
    if not page.locator(".dh-search").is_visible():
        page.keyboard.press("/")
    field = page.get_by_role("searchbox", name="Search the course")
    field.fill(text)
    page.wait_for_selector(f".dh-search__results[data-query='{text}'] a")
    return page.locator(".dh-search__results a")


def test_search_finds_a_lesson_by_its_prose_then_by_an_api_name_and_opens_it(visit):
    reader = visit()
    page = reader.open("")
    page.get_by_role("button", name="Search").click()
    results = search(page, FIXTURE_WORD)
    assert results.count() == 1
    assert "<mark>quodlibet" in results.first.inner_html()  # the matching text is shown, the match marked
    results = search(page, FIXTURE_API)
    assert results.count() == 1 and results.first.inner_text().startswith(FIXTURE[1])
    results.first.click()
    page.wait_for_url(re.compile(re.escape(FIXTURE[0])))
    assert not page.locator(".dh-search").is_visible()
    reader.assert_clean()  # no request left localhost: search works from site/ alone, offline


def test_search_works_after_instant_navigation(visit):
    reader = visit()
    page = reader.open(LESSON)
    page.evaluate("window.__sameDocument = true")
    # A plain link in the article: Material's instant navigation handles every same-site link click.
    page.evaluate("""document.querySelector("article").insertAdjacentHTML(
        "afterbegin", '<a id="dh-test-roots" href="../roots/">Roots</a>')""")
    page.locator("#dh-test-roots").click()
    page.wait_for_url(re.compile(r"/lessons/roots/"))
    assert page.evaluate("window.__sameDocument === true"), "the click did not use instant navigation"
    results = search(page, FIXTURE_API)
    results.first.click()
    page.wait_for_url(re.compile(re.escape(FIXTURE[0])))
    assert page.evaluate("window.__sameDocument === true")
    search(page, PROSE_WORD)  # and again, on the page instant navigation brought
    reader.assert_clean()


def test_results_are_reached_and_followed_with_the_keyboard(visit):
    reader = visit()
    page = reader.open("")
    page.keyboard.press("s")
    assert page.evaluate("document.activeElement.classList.contains('dh-search__input')")
    links = search(page, API_NAME)
    assert links.count() >= 2
    focused = "document.activeElement.getAttribute('href')"
    page.keyboard.press("ArrowDown")
    first = page.evaluate(focused)
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused) == links.nth(1).get_attribute("href") != first
    page.keyboard.press("ArrowUp")
    assert page.evaluate(focused) == first == links.first.get_attribute("href")
    # Instant navigation fetches the result's page; it is held back until search is open again, because a
    # reader can press / before the page arrives, and its arrival (a #fragment followed) must not take the focus.
    path, fragment = first.split("#")  # the best match is a section of the page
    held = []
    page.route(re.compile(re.escape(path) + "$"), lambda route: held.append(route))  # noqa: PLW0108 - not a builtin
    page.keyboard.press("Enter")
    dialog = page.locator(".dh-search")
    expect(dialog).to_be_hidden()  # following a result closed it
    page.keyboard.press("/")
    expect(dialog).to_be_visible()
    field = page.get_by_role("searchbox", name="Search the course")
    expect(field).to_be_focused()
    while not held:  # Playwright hands the held request over between calls
        page.wait_for_timeout(20)
    held.pop().continue_()
    page.wait_for_function("id => location.hash === `#${id}` && document.getElementById(id)", arg=fragment)
    page.wait_for_load_state("networkidle")
    expect(field).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    reader.assert_clean()


def test_the_shortcut_keys_type_in_a_text_field_instead(visit):
    page = visit().open("")
    page.evaluate("document.querySelector('article').insertAdjacentHTML('afterbegin', '<input id=dh-test-field>')")
    page.locator("#dh-test-field").press("s")
    assert page.locator("#dh-test-field").input_value() == "s"
    assert page.locator(".dh-search").count() == 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_dialog_with_results_has_no_serious_accessibility_violations(visit, scheme):
    reader = visit(scheme)
    page = reader.open(LESSON)
    search(page, PROSE_WORD)
    background = page.locator(".dh-search").evaluate("dialog => getComputedStyle(dialog).backgroundColor")
    assert (background == "rgb(255, 255, 255)") == (scheme == "light")  # the dialog follows the colour scheme
    assert reader.serious_violations() == []
    reader.screenshot(f"search-{scheme}")
    reader.assert_clean()


def test_search_traffic_on_a_plain_load_and_on_one_query_is_within_budget(browser, compressed_url):  # noqa: F811
    context = browser.new_context(viewport={"width": 412, "height": 823})
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))  # noqa: PLW0108 - Playwright cannot wrap a builtin method

    def traffic() -> tuple[int, list[str]]:
        searched = [request for request in finished if SEARCH_TRAFFIC.search(request.url)]
        total = sum(
            request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"] for request in searched
        )
        return total, [request.url for request in searched]

    page.goto(compressed_url + LESSON)
    page.wait_for_load_state("networkidle")
    on_load, urls = traffic()
    assert not [url for url in urls if "/pagefind/" in url], "Pagefind loaded before anyone searched"
    assert on_load <= LOAD_LIMIT, f"search traffic on load: {on_load / KB:.1f} KB"
    for query in (PROSE_WORD, API_NAME):
        finished.clear()
        page.reload()
        page.wait_for_load_state("networkidle")
        finished.clear()  # what the reload fetched is the page's, measured above
        search(page, query)
        page.wait_for_load_state("networkidle")
        spent, urls = traffic()
        assert spent <= QUERY_LIMIT, f"one query ({query}): {spent / KB:.0f} KB over {len(urls)} requests"
    context.close()
