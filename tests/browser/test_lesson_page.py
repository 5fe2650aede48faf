"""The lesson anatomy as a reader meets it: questions, hints, progress, glossary, math, diagrams, print."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

LESSON = "lessons/hello-minimize/"


def quiz(page, question_id: str):
    return page.locator(f'.dh-quiz[data-question="{question_id}"]')


def test_wrong_then_right_answer_gives_feedback_and_explanations(visit):
    reader = visit()
    page = reader.open(LESSON)
    question = quiz(page, "maximize")
    question.get_by_label("minimize 1 / g").check()
    assert question.locator(".dh-quiz__feedback").inner_text().startswith("Not quite")
    assert question.locator('.dh-quiz__why[data-option="1"]').is_visible()
    assert not question.locator('.dh-quiz__why[data-option="0"]').is_visible()
    question.get_by_label("minimize -g, then negate the reported fun").check()
    assert question.locator(".dh-quiz__feedback").inner_text() == "Correct."
    assert question.locator('.dh-quiz__why[data-option="0"]').is_visible()
    reader.screenshot("quiz-answered")
    reader.assert_clean()


def test_hint_is_revealed_and_hidden_on_request(visit):
    reader = visit()
    page = reader.open(LESSON)
    question = quiz(page, "trust-the-result")
    button = question.get_by_role("button", name="Show a hint")
    hint = question.locator(".dh-quiz__hint")
    assert not hint.is_visible()
    button.click()
    assert hint.is_visible() and "verdict" in hint.inner_text()
    assert question.locator(".dh-quiz__hint-button").get_attribute("aria-expanded") == "true"
    question.locator(".dh-quiz__hint-button").click()
    assert not hint.is_visible()
    reader.assert_clean()


def test_questions_can_be_answered_with_the_keyboard_alone(visit):
    reader = visit()
    page = reader.open(LESSON)
    single = quiz(page, "why-more-calls")
    single.locator("input").first.focus()
    page.keyboard.press("ArrowDown")  # moves to, and selects, the second option: the right one
    assert single.locator(".dh-quiz__feedback").inner_text() == "Correct."

    several = quiz(page, "valid-scalar-calls")
    several.locator("input").first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    for _ in range(4):  # past the two other options and the hint button, to "Check answer"
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Check answer"
    page.keyboard.press("Enter")
    assert several.locator(".dh-quiz__feedback").inner_text() == "Correct."
    reader.assert_clean()


def lessons_in_course(page) -> int:
    """The number of lessons the home page's course path lists."""
    total = page.locator(".dh-course__state").count()
    assert total == int(page.locator(".dh-progress").get_attribute("data-total")) > 1
    return total


def test_progress_and_scores_survive_reload_and_instant_navigation(visit):
    reader = visit()
    page = reader.open(LESSON)
    quiz(page, "maximize").get_by_label("minimize 1 / g").check()
    quiz(page, "trust-the-result").get_by_label("success and message").check()
    page.get_by_role("button", name="Mark this lesson complete").click()
    assert "2 of 6 correct" not in page.locator(".dh-quiz-score").inner_text()
    assert "1 of 6 correct (2 answered)" in page.locator(".dh-quiz-score").inner_text()

    page.reload()
    page.wait_for_load_state("networkidle")
    assert quiz(page, "maximize").get_by_label("minimize 1 / g").is_checked()
    assert quiz(page, "maximize").locator(".dh-quiz__feedback").inner_text().startswith("Not quite")
    assert page.locator(".dh-complete__button").get_attribute("aria-pressed") == "true"

    page.evaluate("window.__sameDocument = true")
    # A plain link in the article: Material's instant navigation handles every same-site link click.
    page.evaluate("""document.querySelector("article").insertAdjacentHTML(
        "afterbegin", '<a id="dh-test-home" href="../../">Home</a>')""")
    page.locator("#dh-test-home").click()
    page.wait_for_url(re.compile(r"/$"))
    page.wait_for_selector(".dh-progress__summary")
    assert page.evaluate("window.__sameDocument === true"), "the click did not use instant navigation"
    total = lessons_in_course(page)
    assert page.locator(".dh-progress__summary").inner_text().startswith(f"1 of {total} lessons done")
    state = page.locator('.dh-course__state[data-lesson="hello-minimize"]').inner_text()
    assert state == "✓ done · quiz 1/2"
    reader.screenshot("home-progress")
    reader.assert_clean()


def test_progress_can_be_exported_as_json(visit):
    reader = visit()
    page = reader.open(LESSON)
    quiz(page, "maximize").get_by_label("minimize -g, then negate the reported fun").check()
    page.get_by_role("button", name="Mark this lesson complete").click()
    page = reader.open("")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    data = json.loads(Path(download.value.path()).read_text())
    assert download.value.suggested_filename == "downhill-progress.json"
    assert set(data["completed"]) == {"hello-minimize"}
    assert data["quizzes"]["hello-minimize"]["maximize"]["correct"] is True
    reader.assert_clean()


def test_progress_can_be_reset(visit):
    reader = visit()
    page = reader.open(LESSON)
    page.get_by_role("button", name="Mark this lesson complete").click()
    page = reader.open("")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset progress").click()
    assert page.locator(".dh-progress__summary").inner_text().startswith(f"0 of {lessons_in_course(page)} lessons done")
    reader.assert_clean()


def test_glossary_term_shows_a_tooltip_and_links_to_its_definition(visit):
    reader = visit()
    page = reader.open(LESSON)
    term = page.locator("a.dh-term", has_text="gradient").first
    term.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for()
    assert "partial derivatives" in tooltip.inner_text()
    term.click()
    page.wait_for_url(re.compile(r"/glossary/#gradient$"))
    page.locator("dt#gradient").wait_for()  # instant navigation swaps the content in after the URL
    assert page.locator("dt#gradient").is_visible()
    reader.assert_clean()


def test_a_glossary_term_is_marked_once_per_section_and_never_in_a_heading(visit):
    reader = visit()
    page = reader.open("lessons/gradient-descent/")
    marks = page.evaluate(
        """() => {
            const sections = [[]];
            for (const node of document.querySelectorAll("article h1, article h2, article abbr")) {
                if (node.tagName === "ABBR") sections.at(-1).push(node.textContent.toLowerCase().replace(/s$/, ""));
                else sections.push([]);
            }
            return {sections, inHeadings: document.querySelectorAll("article :is(h1, h2, h3, h4) abbr").length};
        }"""
    )
    assert marks["inHeadings"] == 0
    assert sum(map(len, marks["sections"])) >= 3  # the page uses several terms
    for terms in marks["sections"]:
        assert len(terms) == len(set(terms)), terms
    reader.assert_clean()


def test_math_arrives_typeset_with_no_math_script_and_the_diagram_is_drawn(visit):
    reader = visit()
    scripts: list[str] = []
    reader.page.on("request", lambda request: request.resource_type == "script" and scripts.append(request.url))
    page = reader.open("fixtures/math_and_mermaid/")
    assert page.locator(".arithmatex > .katex > math").count() >= 3
    assert page.locator('div.arithmatex math[display="block"]').count() == 1
    page.locator("div.mermaid").wait_for()
    lesson = reader.open("lessons/least-squares/")  # every formula, far down the page too, with no scrolling
    untypeset = "[...document.querySelectorAll('.arithmatex')].filter((e) => !e.querySelector('.katex math'))"
    assert lesson.locator(".arithmatex").count() > 20 and lesson.evaluate(f"{untypeset}.length") == 0
    assert not [url for url in scripts if "katex" in url], scripts
    reader.screenshot("math-lesson")
    reader.assert_clean()


FAR_DIAGRAMS = "contributing/writing-a-lesson/"  # its diagram is screens below the top


@pytest.mark.parametrize("printing", ["print media", "beforeprint"])
def test_a_diagram_far_from_the_screen_waits_until_the_page_is_printed(visit, printing):
    reader = visit()
    reader.page.add_init_script("window.requestIdleCallback = () => 0")  # never idle: only printing draws it
    requests: list[str] = []
    reader.page.on("request", lambda request: requests.append(request.url))
    page = reader.open(FAR_DIAGRAMS)
    assert page.evaluate("document.querySelector('pre.mermaid').getBoundingClientRect().top > 3 * innerHeight")
    assert page.locator("pre.mermaid").count() == 1 and page.locator("div.mermaid").count() == 0
    assert not [url for url in requests if "mermaid.esm" in url]  # Mermaid itself is not even fetched
    if printing == "print media":
        page.emulate_media(media="print")  # what tools/course_pdf.py does before it prints
    else:
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.locator("div.mermaid").wait_for(state="attached")
    assert page.locator("pre.mermaid").count() == 0  # the drawing, never the source
    reader.assert_clean()


def test_solution_expands_to_show_executed_code_and_output(visit):
    reader = visit()
    page = reader.open(LESSON)
    solution = page.locator("details.success").first
    output = solution.locator(".dh-output").first
    assert not output.is_visible()
    solution.locator("summary").click()
    assert output.is_visible()
    assert re.search(r"exact gradient: success=True, nit=\d+, nfev=\d+", output.inner_text())
    reader.assert_clean()


def test_print_shows_the_answer_key_and_solutions_without_controls(visit):
    reader = visit()
    page = reader.open(LESSON)
    page.emulate_media(media="print")
    assert page.locator(".dh-answer-key").is_visible()
    assert "Correct: B (success and message)" in page.locator(".dh-answer-key").inner_text()
    assert page.locator(".dh-solutions").is_visible()
    assert page.locator(".dh-solutions .dh-output").count() >= 3
    assert not page.locator(".dh-quiz__actions").first.is_visible()
    assert not page.locator("details.success").first.is_visible()
    reader.assert_clean()


def test_dark_mode_keeps_questions_readable(visit):
    reader = visit("dark")
    page = reader.open(LESSON)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    quiz(page, "maximize").get_by_label("minimize 1 / g").check()
    reader.screenshot("lesson-dark")
    reader.assert_clean()


def figures_displayed(page, suffix: str) -> list[bool]:
    """For each figure copy whose URL ends in ``#suffix``: is it displayed?"""
    script = """suffix => Array.from(document.querySelectorAll(`img.dh-figure[src$="#${suffix}"]`))
        .map(img => getComputedStyle(img).display !== "none")"""
    return page.evaluate(script, suffix)


@pytest.mark.parametrize(
    ("scheme", "shown", "hidden"), [("light", "only-light", "only-dark"), ("dark", "only-dark", "only-light")]
)
def test_each_figure_shows_once_in_the_current_scheme(visit, scheme, shown, hidden):
    page = visit(scheme).open(LESSON)
    displayed = figures_displayed(page, shown)
    assert displayed and all(displayed)
    assert not any(figures_displayed(page, hidden))


def pages(site_dir: Path) -> list[str]:
    return sorted(
        path.parent.relative_to(site_dir).as_posix().removeprefix(".") + "/" for path in site_dir.rglob("index.html")
    )


@pytest.fixture(scope="module")
def every_page(site_dir):
    return pages(site_dir)


def test_every_page_has_no_console_errors_and_no_serious_accessibility_violations(visit, every_page):
    assert len(every_page) >= 4
    for scheme in ("light", "dark"):
        reader = visit(scheme)
        for path in every_page:
            reader.open(path.lstrip("/"))
            assert reader.serious_violations() == [], f"{path} ({scheme})"
        reader.assert_clean()
