"""The course as a path: module pages, the course map, previous and next, breadcrumbs, progress that moves."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

import pytest
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parents[2]
KEY = "downhill.progress.v2"
LESSON = "lessons/hello-minimize/"


def nav_modules() -> list[tuple[str, str, list[str]]]:
    """(title, module page URL, lesson URLs) for each module of the real nav, in order."""
    modules = []
    for item in yaml_load((ROOT / "mkdocs.yml").read_text())["nav"]:
        ((title, children),) = item.items()
        if not title.startswith("Module"):
            continue
        paths = [child if isinstance(child, str) else next(iter(child.values())) for child in children]
        url = next(path.removesuffix("index.md") for path in paths if path.startswith("modules/"))
        lessons = [path.removesuffix(".md") + "/" for path in paths if path.startswith("lessons/")]
        modules.append((title, url, lessons))
    return modules


def course_order() -> list[str]:
    """Every module page and lesson URL in nav order: the order previous and next must follow."""
    return [url for _, page, lessons in nav_modules() for url in [page, *lessons]]


def relative(page, href: str) -> str:
    """A link's target as a path from the site root, the way these tests open pages."""
    base = page.evaluate("location.origin") + "/"
    return urljoin(page.url, href).removeprefix(base)


def stored(page) -> str | None:
    return page.evaluate(f"localStorage.getItem('{KEY}')")


def store(page, record: dict, key: str = KEY) -> None:
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, json.dumps(record)])


def record(**fields) -> dict:
    return {"version": 2, "completed": {}, "quizzes": {}, "confidence": {}, **fields}


def test_each_module_page_lists_its_lessons_in_nav_order_with_level_time_and_question(visit):
    reader = visit()
    for title, url, lessons in nav_modules():
        page = reader.open(url)
        assert page.locator("h1").inner_text().startswith(title)
        listed = [
            relative(page, href)
            for href in page.locator("article h3 a:not(.headerlink)").evaluate_all(
                "links => links.map(link => link.getAttribute('href'))"
            )
        ]
        assert listed == lessons, title
        assert page.locator("article .dh-lesson-meta").count() == len(lessons)
        assert page.locator("article p", has_text="The question:").count() == len(lessons)
    page = reader.open("modules/scipy-toolbox/")
    builds_on = page.locator("h2#builds-on + ul a")
    assert builds_on.all_inner_texts() == ["Module 1 · Foundations"]
    reader.assert_clean()


def test_a_module_page_shows_the_readers_progress_and_confidence(visit):
    reader = visit()
    page = reader.open("modules/scipy-toolbox/")
    answer = {"correct": True, "selected": [0], "at": "2026-12-03T10:00:00Z"}
    store(
        page,
        record(
            completed={"hello-minimize": "2026-12-03T10:00:00Z"},
            quizzes={"hello-minimize": {"maximize": answer}},
            confidence={"hello-minimize": {"value": "not-yet", "at": "2026-12-03T10:00:00Z"}},
        ),
    )
    page.reload()
    page.wait_for_load_state("networkidle")
    state = page.locator('.dh-course__state[data-lesson="hello-minimize"]').inner_text()
    assert state == "✓ done · quiz 1/1 · not yet explained"
    assert page.locator('.dh-course__state[data-lesson="scipy-map"]').inner_text() == ""
    reader.assert_clean()


def test_previous_and_next_follow_the_nav_and_breadcrumbs_name_the_module(visit):
    order = course_order()
    reader = visit()
    for lesson in ["lessons/five-moves/", "lessons/many-dimensions/", LESSON]:  # first, last of a module, first
        page = reader.open(lesson)
        index = order.index(lesson)
        previous = page.locator(".md-footer__link--prev").get_attribute("href")
        following = page.locator(".md-footer__link--next").get_attribute("href")
        assert relative(page, previous) == (order[index - 1] if index else "")
        if index + 1 < len(order):
            assert relative(page, following) == order[index + 1]
        module = next((title, url) for title, url, lessons in nav_modules() if lesson in lessons)
        crumbs = page.locator(".md-path__link")
        assert crumbs.all_inner_texts()[-1] == module[0]
        assert relative(page, crumbs.last.get_attribute("href")) == module[1]
    reader.assert_clean()


def test_the_course_map_links_every_lesson_in_order_and_marks_a_completed_one(visit):
    reader = visit()
    page = reader.open("")
    nodes = page.locator(".dh-map__node")
    hrefs = [relative(page, href) for href in nodes.evaluate_all("ns => ns.map(n => n.getAttribute('xlink:href'))")]
    listed = [
        relative(page, href)
        for href in page.locator(".dh-progress ~ ul > li > a").evaluate_all(
            "links => links.map(link => link.getAttribute('href'))"
        )
    ]
    assert hrefs == [href for href in listed if href.startswith("lessons/")]  # the map's text alternative
    real = [href for href in hrefs if href != "lessons/moved-lesson/"]  # the fixture lesson comes last
    assert real == [url for url in course_order() if url.startswith("lessons/")]
    assert page.locator(".dh-map__node--done").count() == 0
    store(page, record(completed={"scipy-map": "2026-12-03T10:00:00Z"}))
    page.reload()
    page.wait_for_load_state("networkidle")
    done = page.locator(".dh-map__node--done")
    assert done.count() == 1 and done.get_attribute("data-lesson") == "scipy-map"
    page.locator('.dh-map__node[data-lesson="roots"] circle').click()
    page.wait_for_url("**/lessons/roots/")
    page.locator("h1", has_text="Roots").wait_for()
    reader.assert_clean()


def test_on_a_phone_the_course_map_scrolls_sideways_at_full_size_rather_than_shrinking(visit):
    page = visit().open("")
    page.set_viewport_size({"width": 360, "height": 800})
    scale = page.locator(".dh-map__svg").evaluate(
        "svg => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width"
    )
    assert scale >= 1  # labels at their stylesheet size, 11 px
    scroller = page.locator(".dh-map__scroll")
    assert scroller.evaluate("box => box.scrollWidth > box.clientWidth")
    scroller.focus()  # a scrolling region the keyboard can reach
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.dh-map__scroll').scrollLeft > 0")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # the page itself does not


def export_from(page) -> Path:
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    return Path(download.value.path())


def import_into(page, path: Path) -> str:
    message = page.locator(".dh-progress__message")
    page.locator(".dh-progress__file").set_input_files(str(path))
    message.filter(has_text=".").wait_for()
    return message.inner_text()


def test_export_then_import_into_a_fresh_browser_restores_progress_scores_and_confidence(visit, tmp_path):
    first = visit()
    page = first.open(LESSON)
    page.locator('.dh-quiz[data-question="maximize"]').get_by_label("minimize -g, then negate the reported fun").check()
    page.get_by_role("button", name="Mark this lesson complete").click()
    assert page.get_by_text("Can you explain this lesson in 30 seconds without notes?").is_visible()
    page.get_by_role("button", name="Yes", exact=True).click()
    assert page.get_by_role("button", name="Yes", exact=True).get_attribute("aria-pressed") == "true"
    exported = export_from(first.open(""))
    assert json.loads(exported.read_text())["confidence"]["hello-minimize"]["value"] == "yes"

    second = visit()  # a fresh context: another browser, with nothing stored
    page = second.open("")
    assert page.locator(".dh-progress__summary").inner_text().startswith("0 of")
    message = import_into(page, exported)
    assert message.startswith("Restored 1 completed lesson, 1 quiz answer and 1 confidence answer.")
    assert page.locator(".dh-progress__summary").inner_text().startswith("1 of")
    assert page.locator('.dh-map__node--done[data-lesson="hello-minimize"]').count() == 1
    page = second.open(LESSON)
    assert page.locator(".dh-complete__button").get_attribute("aria-pressed") == "true"
    question = page.locator('.dh-quiz[data-question="maximize"]')
    assert question.get_by_label("minimize -g, then negate the reported fun").is_checked()
    assert "1 of 6 correct" in page.locator(".dh-quiz-score").inner_text()
    page = second.open("modules/scipy-toolbox/")
    assert "can explain it" in page.locator('.dh-course__state[data-lesson="hello-minimize"]').inner_text()
    first.assert_clean()
    second.assert_clean()


FOREIGN = {
    "not-json.json": "{ this is not json",
    "foreign.json": json.dumps({"theme": "dark", "fontSize": 14}),
    "wrong-version.json": json.dumps({"version": 7, "completed": {}, "quizzes": {}}),
    "a-list.json": json.dumps([{"completed": {}}]),
}


@pytest.mark.parametrize("name", sorted(FOREIGN))
def test_a_malformed_or_foreign_file_is_refused_and_progress_is_left_untouched(visit, tmp_path, name):
    reader = visit()
    page = reader.open("")
    store(page, record(completed={"roots": "2026-12-03T10:00:00Z"}))
    page.reload()
    page.wait_for_load_state("networkidle")
    before = stored(page)
    path = tmp_path / name
    path.write_text(FOREIGN[name])
    message = import_into(page, path)
    assert "not a Downhill progress export" in message and message.endswith("Nothing was changed.")
    assert stored(page) == before
    assert page.locator(".dh-progress__summary").inner_text().startswith("1 of")
    reader.assert_clean()


def test_an_import_says_what_it_ignored_and_keeps_the_rest(visit, tmp_path):
    reader = visit()
    page = reader.open("")
    store(page, record(completed={"roots": "2026-12-03T10:00:00Z"}))
    page.reload()
    page.wait_for_load_state("networkidle")
    path = tmp_path / "mixed.json"
    path.write_text(
        json.dumps(
            {
                "version": 1,  # an export from before confidence and ids: still taken
                "completed": {
                    "five-moves": "2026-12-01T09:00:00Z",
                    "no-such-lesson": "2026-12-01T09:00:00Z",
                    "local-minima": 3,
                },
                "quizzes": {
                    "five-moves": {"q1": {"correct": "yes", "selected": [0]}, "q2": {"correct": False, "selected": [1]}}
                },
            }
        )
    )
    message = import_into(page, path)
    assert message.startswith("Restored 1 completed lesson, 1 quiz answer and 0 confidence answers.")
    assert "“no-such-lesson”, not a lesson of this course" in message
    assert "“local-minima”: not a date" in message and "answer “q1” in “five-moves”: malformed" in message
    data = json.loads(stored(page))
    assert set(data["completed"]) == {"roots", "five-moves"}  # what was here is kept
    assert data["quizzes"]["five-moves"] == {"q2": {"correct": False, "selected": [1], "at": ""}}
    reader.assert_clean()


def test_a_renamed_and_moved_lesson_keeps_progress_stored_before_under_its_id(visit):
    reader = visit()
    page = reader.open("")
    old = {"version": 1, "completed": {"before-the-move": "2026-11-30T10:00:00Z"}, "quizzes": {}}
    store(page, old, key="downhill.progress.v1")  # what the site stored before progress had ids
    page = reader.open("lessons/moved-lesson/")
    assert page.locator(".dh-complete").get_attribute("data-lesson") == "before-the-move"
    assert page.locator(".dh-complete__button").get_attribute("aria-pressed") == "true"
    assert json.loads(stored(page))["completed"] == old["completed"]  # migrated to version 2 on first load
    reader.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_course_pages_have_no_serious_accessibility_violations(visit, scheme):
    reader = visit(scheme)
    page = reader.open(LESSON)
    page.get_by_role("button", name="Mark this lesson complete").click()  # shows the confidence check
    page.get_by_role("button", name="Not yet").click()
    violations = []
    for path in [None, "", "modules/foundations/"]:
        if path is not None:
            reader.open(path)
        violations += [f"{path} ({scheme}): {violation}" for violation in reader.serious_violations()]
    assert violations == []
    reader.screenshot(f"module-page-{scheme}")
    reader.assert_clean()
