"""Page weight budgets, measured on the built site served locally and loaded in headless Chromium.

Every budget here is deterministic: bytes, elements and script requests, not timings. Lighthouse scores move
with the machine's load, so they live in `make bench` (bench/lighthouse.py).

"Transferred" means bytes on the wire, as Chromium counts them (response headers plus the encoded body),
with the site served the way static hosts serve it: text gzipped (tools/static_server.py). A KB is 1000
bytes. A page is loaded at phone size and scrolled to its end, so every lazy figure a reader would see is
counted. Fonts are left out. Every lesson page is measured: this is the suite's one pass over every real
page.

Every test records what it measured; tests/conftest.py prints it at the end of `make test`, passing or not.
A page known to break a budget may be listed in OVER_BUDGET with why; the mark is strict, so the suite fails
as soon as the page meets its budget and the entry must go. The list is empty, and should stay so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from downhill_tools import static_server

ROOT = Path(__file__).resolve().parents[2]
KB = 1000
TRANSFER_LIMIT = 400 * KB  # one lesson page, transferred, fonts excluded
SEARCH_IDLE_LIMIT = 15 * KB  # search traffic on a load that does not search
HTML_LIMIT = 300 * KB  # a lesson page's HTML, as a file
ELEMENT_LIMIT = 6000  # DOM elements after load and scrolling: each one is layout and script work on a phone
FIGURE_LIMIT = 150 * KB  # each figure, as a file
NARROW_PHONE = 360  # CSS pixels: a small phone, where nothing but a scrolling box may be wider than the screen
LESSONS = sorted(f"lessons/{page.stem}/" for page in (ROOT / "docs" / "lessons").glob("*.md"))
SEARCH = re.compile(r"/(pagefind|search)/|search_index|workers/search")
# A script a page may load only if it has what the script drives: the markup's selector, then the URL pattern.
FEATURES = {
    "diagram": (".mermaid", re.compile(r"mermaid", re.IGNORECASE)),
    "widget": (".dh-widget", re.compile(r"/widgets/")),
    "math": (".arithmatex, .katex", re.compile(r"katex|mathjax", re.IGNORECASE)),
}

# (budget, case): why it is over. Empty: a miss fails and prints its numbers.
OVER_BUDGET: dict[tuple[str, str], str] = {}


def within(budget: str, *cases: str) -> list:
    """Parameters for `cases`, those known to break `budget` marked strict xfail with the reason."""
    marked = []
    for case in cases:
        reason = OVER_BUDGET.get((budget, case))
        marks = [pytest.mark.xfail(strict=True, reason=f"over budget: {reason}")] if reason else []
        marked.append(pytest.param(case, marks=marks, id=case.strip("/") or "home"))
    return marked


@pytest.fixture(scope="module")
def compressed_url(site_dir):
    """The built site, served compressed on another local port."""
    with static_server.serve(site_dir) as url:
        yield url


@dataclass
class Weight:
    """What loading one page and scrolling to its end transferred, by the kind of request."""

    by_kind: dict[str, int] = field(default_factory=dict)
    fonts: int = 0
    search: int = 0  # included in by_kind too
    elements: int = 0
    scripts: list[str] = field(default_factory=list)
    features: set[str] = field(default_factory=set)  # what the page has for a script to drive
    too_wide: list[str] = field(default_factory=list)  # what sticks out past a narrow phone's screen

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())

    def describe(self) -> str:
        kinds = ", ".join(f"{kind} {size / KB:.0f}" for kind, size in sorted(self.by_kind.items(), key=lambda x: -x[1]))
        return f"{self.total / KB:.0f} KB ({kinds}; fonts {self.fonts / KB:.0f}, not counted)"


def weigh(browser, url: str, scroll_to_end) -> Weight:
    """Load `url` fresh (no cache) on a phone-sized screen, scroll to the end, and add up what came."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, color_scheme="light")
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))  # noqa: PLW0108 - Playwright cannot wrap a builtin method
    page.goto(url)
    page.wait_for_load_state("networkidle")
    scroll_to_end(page)
    page.wait_for_load_state("networkidle")
    weight = Weight(elements=page.evaluate("document.getElementsByTagName('*').length"))
    weight.features = {name for name, (selector, _) in FEATURES.items() if page.locator(selector).count()}
    page.set_viewport_size({"width": NARROW_PHONE, "height": 800})
    weight.too_wide = page.evaluate(WIDER_THAN_THE_SCREEN)
    for request in finished:
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        if SEARCH.search(request.url):
            weight.search += size
        if request.resource_type == "script":
            weight.scripts.append(request.url)
        if request.resource_type == "font":
            weight.fonts += size
        else:
            weight.by_kind[request.resource_type] = weight.by_kind.get(request.resource_type, 0) + size
    context.close()
    return weight


# Something wider than the screen and not inside a box that scrolls either scrolls the page sideways or, as
# Material hides the root's overflow, is cut off: the innermost such elements, named with their text so
# that the message finds them in the lesson.
WIDER_THAN_THE_SCREEN = """() => {
  if (document.documentElement.scrollWidth <= innerWidth) return []
  const scrolls = (e) => ["auto", "scroll", "hidden"].includes(getComputedStyle(e).overflowX)
  const inScroller = (e) => {  // the root's overflow-x: hidden (Material's) clips the page, it scrolls nothing
    for (let p = e.parentElement; p !== document.documentElement; p = p.parentElement) if (scrolls(p)) return true
    return false
  }
  const wide = [...document.querySelectorAll("article *")]
    .filter((e) => e.getBoundingClientRect().right > innerWidth + 1 && !inScroller(e))
  const innermost = wide.filter((e) => !wide.some((other) => other !== e && e.contains(other)))
  const named = new Set(innermost.map((e) => e.closest(".arithmatex") ?? e))  // math: by its TeX source
  return [...named].map((e) => {
    const text = e.querySelector("annotation")?.textContent ?? e.textContent
    return `${e.tagName.toLowerCase()}.${e.classList[0] ?? ""}: ${text.trim().slice(0, 70)}`
  })
}"""


@pytest.fixture(scope="module")
def weights(browser, compressed_url, scroll_to_end) -> dict[str, Weight]:
    """Every lesson's and the home page's weight."""
    return {path: weigh(browser, compressed_url + path, scroll_to_end) for path in ["", *LESSONS]}


@pytest.mark.parametrize("lesson", within("transferred", *LESSONS))
def test_a_lesson_page_transfers_at_most_400_kb_without_fonts(weights, lesson, record_property):
    weight = weights[lesson]
    record_property("budget", f"transferred, {lesson}: {weight.describe()}; limit {TRANSFER_LIMIT / KB:.0f} KB")
    assert weight.total <= TRANSFER_LIMIT, f"{lesson} transferred {weight.describe()}"


def test_the_home_page_is_measured_too(weights, record_property):
    """Not a budget of its own: printed so that the weight every page shares is visible."""
    record_property("budget", f"transferred, home page: {weights[''].describe()}")
    assert weights[""].total > 0


@pytest.mark.parametrize("lesson", within("search", "", *LESSONS))
def test_a_load_that_does_not_search_fetches_at_most_15_kb_for_search(weights, lesson, record_property):
    search = weights[lesson].search
    if search == max(weight.search for weight in weights.values()):
        record_property("budget", f"search traffic without a search, largest {lesson or 'home'}: {search / KB:.1f} KB")
    assert search <= SEARCH_IDLE_LIMIT, f"{lesson or 'home'} fetched {search / KB:.1f} KB for search without searching"


@pytest.mark.parametrize("lesson", within("elements", *LESSONS))
def test_a_lesson_page_has_at_most_6000_elements(weights, lesson, record_property):
    elements = weights[lesson].elements
    if elements == max(weights[other].elements for other in LESSONS):
        record_property("budget", f"most DOM elements, {lesson}: {elements}; limit {ELEMENT_LIMIT}")
    assert elements <= ELEMENT_LIMIT, f"{lesson} has {elements} elements after load"


@pytest.mark.parametrize("page", within("sideways", "", *LESSONS))
def test_nothing_sticks_out_past_a_narrow_phones_screen(weights, page):
    assert weights[page].too_wide == [], f"wider than a {NARROW_PHONE} px screen: {weights[page].too_wide}"


@pytest.mark.parametrize("page", within("scripts", "", *LESSONS))
def test_a_page_loads_no_script_it_does_not_use(weights, page):
    weight = weights[page]
    unused = [
        url
        for url in weight.scripts
        for name, (_, pattern) in FEATURES.items()
        if pattern.search(url) and name not in weight.features
    ]
    assert unused == [], (
        f"{page or 'home'} has no {', '.join(sorted(set(FEATURES) - weight.features))} but loads {unused}"
    )


def test_the_script_check_can_see_each_kind_of_script(weights):
    """Without this, a renamed script would make the check above pass by matching nothing."""
    loaded = {
        name
        for weight in weights.values()
        for name, (_, pattern) in FEATURES.items()
        for url in weight.scripts
        if pattern.search(url)
    }
    assert {"diagram", "widget"} <= loaded


@pytest.mark.parametrize("lesson", within("html", *LESSONS))
def test_a_lesson_page_html_is_at_most_300_kb(site_dir, lesson, record_property):
    size = (site_dir / lesson / "index.html").stat().st_size
    largest = max((site_dir / other / "index.html").stat().st_size for other in LESSONS)
    if size == largest:
        record_property("budget", f"largest lesson HTML, {lesson}: {size / KB:.0f} KB; limit {HTML_LIMIT / KB:.0f} KB")
    assert size <= HTML_LIMIT, f"{lesson}index.html is {size / KB:.0f} KB"


def test_each_figure_is_at_most_150_kb(site_dir, record_property):
    figures = sorted((site_dir / "assets" / "figures").iterdir(), key=lambda path: -path.stat().st_size)
    assert figures, "the site has no figures: the budget would test nothing"
    largest = figures[0]
    record_property(
        "budget",
        f"figures: {len(figures)}, largest {largest.name} {largest.stat().st_size / KB:.0f} KB; "
        f"limit {FIGURE_LIMIT / KB:.0f} KB each",
    )
    over = [f"{path.name}: {path.stat().st_size / KB:.0f} KB" for path in figures if path.stat().st_size > FIGURE_LIMIT]
    assert over == []
