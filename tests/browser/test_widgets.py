"""The interactive figures as a reader meets them: the descent explorer, path viewer, fitting widget and
constraint viewer.

The page is tests/fixtures/anatomy/widgets.md, built from real runs like any lesson. The explorer recomputes
its iterates in JavaScript; they must be the numbers snippets/explorer.py's trace() gives.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from explorer import DIVERGED_BEYOND, trace

PAGE = "fixtures/widgets/"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def explorer(page):
    return page.locator(".dh-widget--explorer").first


def iterates(widget) -> list[float]:
    return [float(x) for x in widget.locator(".dh-explorer__dot").evaluate_all("dots => dots.map(d => d.dataset.x)")]


def payload(widget) -> dict:
    return json.loads(widget.locator(".dh-widget__data").evaluate("template => template.content.textContent"))


@pytest.mark.parametrize(
    ("alpha", "stop", "words"),
    [
        ("0.3", "converged", "monotone convergence"),
        ("0.75", "converged", "oscillate from side to side and converge"),
        ("1.05", "diverged", "oscillate and then diverge"),
    ],
)
def test_explorer_steps_match_python_and_say_what_alpha_does(visit, alpha, stop, words):
    reader = visit()
    page = reader.open(PAGE)
    page.emulate_media(reduced_motion="reduce")  # Run finishes at once
    widget = explorer(page)
    assert widget.get_attribute("class").split().count("dh-widget--live") == 1
    widget.get_by_label("Step size α").fill(alpha)
    assert widget.locator(".dh-explorer").get_attribute("data-alpha") == alpha
    assert widget.locator(".dh-explorer").get_attribute("data-x0") == "-2.4"
    reference = trace("bowl", float(alpha), -2.4)

    for k in (1, 2, 3):
        widget.get_by_role("button", name="Step").click()
        assert widget.locator(".dh-explorer__k").inner_text() == str(k)
        assert iterates(widget) == pytest.approx(reference[: k + 1], rel=0, abs=1e-9)
    assert widget.locator(".dh-explorer__status").inner_text().startswith("Step 3: x = ")

    widget.get_by_role("button", name="Run").click()
    shown = iterates(widget)
    assert len(shown) == len(reference)
    assert shown == pytest.approx(reference, rel=0, abs=1e-9)
    assert widget.locator(".dh-explorer").get_attribute("data-stop") == stop
    assert words in widget.locator(".dh-explorer__verdict").inner_text()
    assert widget.locator(".dh-explorer__verdict").get_attribute("aria-live") == "polite"
    status = widget.locator(".dh-explorer__status").inner_text()
    if stop == "diverged":
        assert abs(shown[-1]) > DIVERGED_BEYOND >= abs(shown[-2])
        assert status == f"Diverged: |x| passed 1000 after {len(reference) - 1} steps."
    else:
        assert status.startswith(f"Stopped after {len(reference) - 1} steps with |f′(x)| < 1e−6")

    widget.get_by_role("button", name="Reset").click()
    assert iterates(widget) == [-2.4]
    assert widget.locator(".dh-explorer__k").inner_text() == "0"
    reader.assert_clean()


def test_explorer_names_the_bound_and_what_flat_ground_does(visit):
    reader = visit()
    page = reader.open(PAGE)
    page.emulate_media(reduced_motion="reduce")
    widget = explorer(page)
    verdict = widget.locator(".dh-explorer__verdict")
    widget.get_by_label("Step size α").fill("1")
    assert "exactly the stability bound" in verdict.inner_text()
    assert "steady oscillation" in verdict.inner_text()

    widget.get_by_label("Step size α").fill("0.3")
    widget.get_by_label("Function").select_option("narrow-valley")  # keeps alpha: its slider reaches 0.3
    root = widget.locator(".dh-explorer")
    assert root.get_attribute("data-alpha") == "0.3"
    assert "above the stability bound 2/f″ = 0.1" in verdict.inner_text()
    widget.get_by_role("button", name="Run").click()
    assert root.get_attribute("data-stop") == "diverged"
    assert "is off the chart" in widget.locator(".dh-explorer__away").text_content()
    assert iterates(widget) == pytest.approx(trace("narrow-valley", 0.3, -1.2), rel=0, abs=1e-9)

    widget.get_by_label("Function").select_option("plateau")
    widget.get_by_label("Step size α").fill("1")
    widget.get_by_label("Start x₀").fill("5.8")
    widget.get_by_role("button", name="Run").click()
    status = widget.locator(".dh-explorer__status").inner_text()
    assert status.startswith("Stopped after 0 steps") and "stopped is not solved" in status
    assert iterates(widget) == trace("plateau", 1.0, 5.8)
    reader.assert_clean()


def test_run_animates_and_can_be_paused(visit):
    reader = visit()
    page = reader.open(PAGE)
    widget = explorer(page)
    run = widget.locator(".dh-explorer__buttons button").nth(1)
    run.click()
    assert run.inner_text() == "Pause"
    widget.locator('.dh-explorer[data-stop="converged"]').wait_for(timeout=15_000)
    assert run.inner_text() == "Run"
    assert iterates(widget) == pytest.approx(trace("bowl", 0.3, -2.4), rel=0, abs=1e-9)
    reader.assert_clean()


def test_explorer_can_be_worked_with_the_keyboard_alone(visit):
    reader = visit()
    page = reader.open(PAGE)
    page.emulate_media(reduced_motion="reduce")
    widget = explorer(page)
    root = widget.locator(".dh-explorer")
    widget.get_by_label("Function").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")  # alpha one slider step up
    assert root.get_attribute("data-alpha") == "0.31"
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowLeft")
    assert root.get_attribute("data-x0") == "-2.5"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Step"
    page.keyboard.press("Enter")
    page.keyboard.press("Space")
    assert widget.locator(".dh-explorer__k").inner_text() == "2"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Run
    assert iterates(widget) == pytest.approx(trace("bowl", 0.31, -2.5), rel=0, abs=1e-9)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Reset
    assert widget.locator(".dh-explorer__k").inner_text() == "0"

    widget.get_by_label("Function").focus()
    page.keyboard.press("ArrowDown")  # the next preset
    assert root.get_attribute("data-preset") == "two-valleys"
    # Focus is visible: an outline drawn around the focused control.
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    reader.assert_clean()


def paths(page):
    return page.locator(".dh-widget--paths").first


def marker(widget, method: str):
    return widget.locator(f'.dh-paths__method[data-method="{method}"] .dh-paths__marker')


def test_path_viewer_shows_the_recorded_runs_and_scrubs_through_them(visit):
    reader = visit()
    page = reader.open(PAGE)
    widget = paths(page)
    data = payload(widget)
    methods = [path["method"] for path in data["paths"]]
    assert methods == ["Nelder-Mead", "Powell", "CG", "BFGS", "L-BFGS-B", "Newton-CG"]
    assert widget.locator(".dh-paths__contour").count() == sum(len(c["lines"]) for c in data["contours"])
    scrubber = widget.get_by_label("Iteration")
    longest = max(len(path["points"]) for path in data["paths"]) - 1
    assert scrubber.get_attribute("max") == str(longest)
    for path in data["paths"]:  # at first every path is drawn to its end
        assert float(marker(widget, path["method"]).get_attribute("data-x")) == path["points"][-1][0]

    scrubber.fill("0")
    for method in methods:
        assert marker(widget, method).get_attribute("data-x") == "-1.2"
    bfgs = data["paths"][methods.index("BFGS")]
    row = widget.locator("tbody tr").nth(methods.index("BFGS"))
    before = row.inner_text()
    scrubber.fill("5")
    assert marker(widget, "BFGS").get_attribute("data-k") == "5"
    assert float(marker(widget, "BFGS").get_attribute("data-x")) == bfgs["points"][5][0]
    assert float(marker(widget, "BFGS").get_attribute("data-y")) == bfgs["points"][5][1]
    assert row.inner_text() != before and "\t5\t" in row.inner_text()
    assert widget.locator(".dh-paths__method").nth(methods.index("BFGS")).locator(".dh-paths__dot").count() == 6
    assert "k = 5 of" in widget.locator("output").inner_text()
    reader.assert_clean()


def test_a_method_can_be_switched_off_and_on(visit):
    reader = visit()
    page = reader.open(PAGE)
    widget = paths(page)
    path = widget.locator('.dh-paths__method[data-method="Powell"]')
    box = widget.get_by_role("checkbox", name="Powell")
    assert path.is_visible() and box.is_checked()
    box.uncheck()
    assert not path.is_visible()
    assert not widget.locator("tbody tr").nth(1).is_visible()
    assert widget.locator('.dh-paths__method[data-method="BFGS"]').is_visible()
    widget.get_by_label("Iteration").fill("3")  # scrubbing keeps it off
    assert not path.is_visible()
    box.check()
    assert path.is_visible()
    reader.assert_clean()


def test_path_viewer_can_be_worked_with_the_keyboard(visit):
    reader = visit()
    page = reader.open(PAGE)
    widget = paths(page)
    widget.get_by_label("Iteration").focus()
    page.keyboard.press("Home")
    assert marker(widget, "CG").get_attribute("data-k") == "0"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert marker(widget, "CG").get_attribute("data-k") == "2"
    page.keyboard.press("Tab")  # the first method's checkbox
    page.keyboard.press("Space")
    assert not widget.locator('.dh-paths__method[data-method="Nelder-Mead"]').is_visible()
    reader.assert_clean()


def test_static_figures_are_for_print_and_the_widgets_are_not(visit):
    reader = visit()
    page = reader.open(PAGE)
    static = page.locator("img.dh-widget-static")
    assert static.count() == 6  # light and dark, for each of three widgets
    assert not static.first.is_visible()
    assert not page.locator(".dh-widget__fallback").first.is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".dh-widget").first.is_visible()
    assert page.locator('img.dh-widget-static[src$="#only-light"]').first.is_visible()
    reader.assert_clean()


def test_widgets_mount_after_instant_navigation(visit):
    reader = visit()
    page = reader.open("")
    page.evaluate("window.__sameDocument = true")
    # The fixture page is not in the nav: follow a link to it, as a lesson would link to another.
    page.evaluate(
        """() => {
            const link = document.createElement("a");
            link.href = "fixtures/widgets/";
            link.textContent = "widgets";
            link.id = "to-widgets";
            document.querySelector(".md-content").appendChild(link);
        }"""
    )
    page.locator("#to-widgets").click()
    page.wait_for_url(re.compile(r"/fixtures/widgets/$"))
    page.locator(".dh-widget--paths.dh-widget--live").wait_for()
    assert page.evaluate("window.__sameDocument === true"), "the click did not use instant navigation"
    assert page.locator(".dh-widget--live").count() == 3
    assert page.locator(".dh-widget--explorer").first.locator("svg[role=img]").count() == 1  # mounted once
    reader.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("size", "width"), [("desktop", 1200), ("phone", 360)])
def test_widgets_fit_the_screen_and_are_photographed(visit, scheme, size, width):
    reader = visit(scheme)
    page = reader.open(PAGE)
    page.emulate_media(reduced_motion="reduce")
    page.set_viewport_size({"width": width, "height": 900})
    widget = explorer(page)
    widget.get_by_label("Step size α").fill("0.75")
    for _ in range(3):
        widget.get_by_role("button", name="Step").click()
    paths(page).get_by_label("Iteration").fill("12")
    page.add_style_tag(content=".md-header { position: static; }")  # or it covers the top of each shot
    page.wait_for_timeout(300)  # the resize observers redraw at the new width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for kind in ("explorer", "paths"):
        box = page.locator(f".dh-widget--{kind}").first
        assert box.evaluate("el => el.scrollWidth <= el.clientWidth")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        box.screenshot(path=str(ARTIFACTS / f"widget-{kind}-{scheme}-{size}.png"))
    reader.assert_clean()


def test_widgets_fit_the_narrowest_phone(visit):
    reader = visit()
    page = reader.open(PAGE)
    page.set_viewport_size({"width": 320, "height": 700})
    page.wait_for_timeout(300)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    for kind in ("explorer", "paths"):
        assert page.locator(f".dh-widget--{kind}").first.evaluate("el => el.scrollWidth <= el.clientWidth")
    reader.assert_clean()


FIT_PAGE = "fixtures/fit/"
NUMBER = r"(−?[0-9.]+(?:e[+−]?[0-9]+)?)"


def fit_widget(page):
    return page.locator(".dh-widget--fit").first


def number(text: str) -> float:
    return float(text.replace("−", "-"))


def y_to_pixel(widget, data: dict):
    """The plot's data-to-pixel map for y, read off two fixed data points: what the SVG really draws."""
    dots = widget.locator(".dh-fit__point[data-i]").evaluate_all(
        "dots => dots.map(d => [Number(d.dataset.y), Number(d.getAttribute('cy'))])"
    )
    (y0, p0), (y1, p1) = min(dots), max(dots)
    return lambda y: p0 + (y - y0) * (p1 - p0) / (y1 - y0)


def assert_shows_recorded_run(widget, data: dict, k: int) -> None:
    """Grid position k on screen: the handle, each loss's curve, residuals and parameters as recorded."""
    assert widget.locator(".dh-fit").get_attribute("data-k") == str(k)
    handle = widget.get_by_role("slider")
    assert number(handle.get_attribute("aria-valuenow")) == data["grid"][k]
    assert handle.get_attribute("aria-valuetext").endswith(f"position {k + 1} of {len(data['grid'])}")
    to_pixel = y_to_pixel(widget, data)
    position = widget.locator(".dh-fit__position").inner_text()
    assert number(re.search(r"is at y = " + NUMBER, position)[1]) == data["grid"][k]
    for fit in data["fits"]:
        run = fit["runs"][k]
        curve = widget.locator(f'.dh-fit__curve[data-loss="{fit["loss"]}"]')
        assert curve.get_attribute("data-k") == str(k)
        drawn = [float(point.split(",")[1]) for point in curve.get_attribute("points").split()]
        assert drawn == pytest.approx([to_pixel(v) for v in run["curve"]], abs=0.02)
        residuals = widget.locator(f'.dh-fit__residuals[data-loss="{fit["loss"]}"] .dh-fit__residual')
        assert [float(r) for r in residuals.evaluate_all("rs => rs.map(r => r.dataset.residual)")] == run["residuals"]
        text = widget.locator(f'.dh-fit__params[data-loss="{fit["loss"]}"]').inner_text()
        shown = [number(re.search(re.escape(name) + " = " + NUMBER, text)[1]) for name in data["names"]]
        assert shown == run["params"], fit["loss"]
        assert number(re.search("cost " + NUMBER, text)[1]) == run["cost"]
        assert f"{run['nfev']} evaluations, status {run['status']}" in text


def test_fit_widget_starts_at_the_recorded_start_and_says_it(visit):
    reader = visit()
    page = reader.open(FIT_PAGE)
    widget = fit_widget(page)
    assert "dh-widget--live" in widget.get_attribute("class").split()
    data = payload(widget)
    assert [fit["loss"] for fit in data["fits"]] == ["linear", "soft_l1"]
    assert_shows_recorded_run(widget, data, data["start"])
    assert widget.locator(".dh-fit__status").get_attribute("aria-live") == "polite"
    # The two fits are told apart by dash pattern as well as colour.
    dashes = widget.locator(".dh-fit__plot .dh-fit__curve").evaluate_all(
        "cs => cs.map(c => getComputedStyle(c).strokeDasharray)"
    )
    assert len(set(dashes)) == len(dashes) == 2
    reader.assert_clean()


def test_fit_widget_steps_through_the_recorded_positions_with_the_keyboard(visit):
    reader = visit()
    page = reader.open(FIT_PAGE)
    widget = fit_widget(page)
    data = payload(widget)
    last = len(data["grid"]) - 1
    handle = widget.get_by_role("slider")
    handle.focus()
    scrolled = page.evaluate("window.scrollY")
    for key, k in [("Home", 0), ("ArrowUp", 1), ("ArrowRight", 2), ("ArrowDown", 1), ("End", last)]:
        page.keyboard.press(key)
        assert_shows_recorded_run(widget, data, k)
    page.keyboard.press("ArrowUp")  # already at the top end: stays there
    assert widget.locator(".dh-fit").get_attribute("data-k") == str(last)
    page.keyboard.press("PageDown")
    assert_shows_recorded_run(widget, data, last - 5)
    assert page.evaluate("window.scrollY") == scrolled  # the keys moved the point, not the page
    reader.assert_clean()


def test_fit_widget_point_is_dragged_and_snaps_to_the_nearest_recorded_position(visit):
    reader = visit()
    page = reader.open(FIT_PAGE)
    widget = fit_widget(page)
    data = payload(widget)
    handle = widget.get_by_role("slider")
    widget.locator(".dh-fit__plot").evaluate("plot => plot.scrollIntoView({ block: 'center' })")
    to_pixel = y_to_pixel(widget, data)
    top = widget.locator(".dh-fit__plot svg").bounding_box()["y"]
    box = handle.locator(".dh-fit__ring").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    grid = data["grid"]
    for k, share in [(4, 0.0), (12, 0.3), (25, -0.3)]:  # a share of the way to the next position: it snaps back
        target = top + to_pixel(grid[k] + share * (grid[1] - grid[0]))
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x, target, steps=4)
        page.mouse.up()
        assert_shows_recorded_run(widget, data, k)
        y = target
    assert handle.evaluate("h => getComputedStyle(h).touchAction") == "none"
    assert widget.locator(".dh-fit__plot svg").evaluate("s => getComputedStyle(s).touchAction") == "auto"
    reader.assert_clean()


def test_fit_widget_prints_its_static_figure(visit):
    reader = visit()
    page = reader.open(FIT_PAGE)
    static = page.locator("img.dh-widget-static")
    assert static.count() == 2  # light and dark
    assert not static.first.is_visible() and not page.locator(".dh-widget__fallback").is_visible()
    page.emulate_media(media="print")
    assert not fit_widget(page).is_visible()
    assert page.locator('img.dh-widget-static[src$="#only-light"]').is_visible()
    reader.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_fit_widget_fits_a_phone_and_has_no_serious_accessibility_violation(visit, scheme):
    reader = visit(scheme)
    page = reader.open(FIT_PAGE)
    page.set_viewport_size({"width": 360, "height": 800})
    widget = fit_widget(page)
    page.wait_for_function(  # the resize observer has redrawn the plot at the phone's width
        "() => { const p = document.querySelector('.dh-fit__plot');"
        " return Number(p.querySelector('svg').getAttribute('width')) === p.clientWidth; }"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert widget.evaluate("el => el.scrollWidth <= el.clientWidth")
    # The fits' table is wider than a phone: it scrolls in its own labelled, focusable region, while the
    # scrolling box Material wraps around every table (no key reaches it) holds still.
    table = page.locator(".dh-table").first
    table.locator(".md-typeset__scrollwrap").wait_for(state="attached")
    assert table.get_attribute("tabindex") == "0" and table.get_attribute("aria-label")
    assert table.evaluate("el => el.scrollWidth > el.clientWidth")
    assert table.locator(".md-typeset__scrollwrap").evaluate("el => getComputedStyle(el).overflowX") == "visible"
    widget.get_by_role("slider").focus()
    page.keyboard.press("Home")
    assert reader.serious_violations() == []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    widget.screenshot(path=str(ARTIFACTS / f"widget-fit-{scheme}-phone.png"))
    reader.assert_clean()


CONSTRAINTS_PAGE = "fixtures/constraints/"


def constraint_widget(page, number: int = 0):
    return page.locator(".dh-widget--constraints").nth(number)


def numbers(text: str) -> list[float]:
    return [number(value) for value in re.findall(NUMBER, text)]


def assert_states(widget, data: dict, step: dict) -> None:
    """Each constraint's line, label and readout row in the state recorded for this step, and nothing else."""
    for index, constraint in enumerate(data["constraints"]):
        state = "active" if step["active"][index] else "violated" if step["violated"][index] else "inactive"
        line = widget.locator(f'.dh-constraints__constraint[data-name="{constraint["name"]}"]')
        assert line.get_attribute("data-state") == state, constraint["name"]
        label = widget.locator(f'.dh-constraints__label[data-name="{constraint["name"]}"]')
        assert label.get_attribute("data-state") == state
        assert label.text_content().endswith(" · active") == step["active"][index]
        row = widget.locator(".dh-constraints__readout tbody tr").nth(index)
        assert row.locator("td").nth(1).inner_text() == state
        assert number(row.locator("td").first.inner_text()) == step["g"][index]
    active = [c["name"] for c, on in zip(data["constraints"], step["active"], strict=True) if on]
    listed = re.search(r"\): (.*?)\.(?: |$)", widget.locator(".dh-constraints__status").inner_text())[1]
    assert [name.split(", marginal")[0] for name in listed.split("; ")] == (active or ["none"])


def assert_shows_step(widget, data: dict, method: str, k: int) -> None:
    """Step k of `method` on screen: the marker, the slider, the live text and the active set, as recorded."""
    (run,) = [run for run in data["runs"] if run["method"] == method]
    step, last = run["steps"][k], len(run["steps"]) - 1
    root = widget.locator(".dh-constraints")
    assert (root.get_attribute("data-method"), root.get_attribute("data-k")) == (method, str(k))
    slider = widget.get_by_role("slider", name="Step")
    assert slider.get_attribute("max") == str(last) and slider.input_value() == str(k)
    assert slider.get_attribute("aria-valuetext") == f"step {k} of {last}"
    current = widget.locator(".dh-constraints__current")
    assert [float(current.get_attribute("data-x")), float(current.get_attribute("data-y"))] == step["x"]
    assert widget.locator(".dh-constraints__dot").count() == k  # the iterates before this one
    text = widget.locator(".dh-constraints__status").inner_text()
    assert text.startswith(f"{method}, step {k} of {last}: x = (")
    shown = re.match(r".*?: x = \(" + NUMBER + ", " + NUMBER + r"\), f = " + NUMBER + r"\. ", text)
    assert [number(shown[1]), number(shown[2]), number(shown[3])] == [*step["x"], step["f"]]
    assert f"Active (|g| ≤ {data['active_tol']:g})" in text
    assert_states(widget, data, step)


def test_constraint_viewer_steps_through_the_recorded_run_by_keyboard(visit):
    reader = visit()
    page = reader.open(CONSTRAINTS_PAGE)
    widget = constraint_widget(page)
    assert "dh-widget--live" in widget.get_attribute("class").split()
    data = payload(widget)
    assert [run["method"] for run in data["runs"]] == ["SLSQP", "trust-constr"]
    assert widget.locator(".dh-constraints__constraint").count() == len(data["constraints"]) == 2
    assert widget.locator(".dh-constraints__level").count() == sum(len(level["lines"]) for level in data["levels"])
    assert widget.locator(".dh-constraints__status").get_attribute("aria-live") == "polite"
    assert_shows_step(widget, data, "SLSQP", 0)  # the start, outside the disc: that constraint is violated
    assert data["runs"][0]["steps"][0]["violated"] == [False, True]
    last = len(data["runs"][0]["steps"]) - 1
    widget.get_by_role("slider", name="Step").focus()
    scrolled = page.evaluate("window.scrollY")
    for key, k in [("ArrowRight", 1), ("ArrowRight", 2), ("ArrowLeft", 1), ("End", last), ("Home", 0), ("End", last)]:
        page.keyboard.press(key)
        assert_shows_step(widget, data, "SLSQP", k)
    assert data["runs"][0]["steps"][last]["active"] == [True, False]  # ends on the line, inside the disc
    assert "Converged: " in widget.locator(".dh-constraints__status").inner_text()
    assert page.evaluate("window.scrollY") == scrolled  # the keys moved the step, not the page
    # The constraints differ by dash pattern as well as by label.
    dashes = widget.locator(".dh-constraints__plot .dh-constraints__line").evaluate_all(
        "lines => [...new Set(lines.map(l => getComputedStyle(l).strokeDasharray))]"
    )
    assert len(dashes) == 2 and "none" not in dashes
    reader.assert_clean()


def test_constraint_viewer_switches_method_and_steps_with_its_buttons(visit):
    reader = visit()
    page = reader.open(CONSTRAINTS_PAGE)
    widget = constraint_widget(page)
    data = payload(widget)
    trust = data["runs"][1]
    widget.get_by_role("button", name="Next step").click()
    widget.get_by_role("button", name="Next step").click()
    assert_shows_step(widget, data, "SLSQP", 2)
    widget.get_by_role("radio", name="trust-constr").check()
    assert_shows_step(widget, data, "trust-constr", 2)  # the same step of the other run
    widget.get_by_role("slider", name="Step").focus()
    page.keyboard.press("End")
    last = len(trust["steps"]) - 1
    assert last > len(data["runs"][0]["steps"]) - 1  # trust-constr takes more, smaller steps
    assert_shows_step(widget, data, "trust-constr", last)
    widget.get_by_role("button", name="Previous step").click()
    assert_shows_step(widget, data, "trust-constr", last - 1)
    widget.get_by_role("radio", name="SLSQP").check()  # a shorter run: the step is its last
    assert_shows_step(widget, data, "SLSQP", len(data["runs"][0]["steps"]) - 1)
    reader.assert_clean()


def test_constraint_viewer_shows_the_lp_vertex_and_the_recorded_marginals(visit):
    reader = visit()
    page = reader.open(CONSTRAINTS_PAGE)
    widget = constraint_widget(page, 1)
    data = payload(widget)
    lp = data["lp"]
    assert data["runs"] == [] and widget.get_by_role("slider").count() == 0
    vertex = widget.locator(".dh-constraints__vertex")
    assert [float(vertex.get_attribute("data-x")), float(vertex.get_attribute("data-y"))] == lp["x"]
    text = widget.locator(".dh-constraints__status").inner_text()
    assert numbers(text.split(". Active")[0]) == [*lp["x"], lp["f"]]
    assert_states(widget, data, lp)
    for index, constraint in enumerate(data["constraints"]):
        label = widget.locator(f'.dh-constraints__label[data-name="{constraint["name"]}"]').text_content()
        assert number(re.search("marginal " + NUMBER, label)[1]) == constraint["marginal"]
        row = widget.locator(".dh-constraints__readout tbody tr").nth(index)
        assert number(row.locator("td").nth(2).inner_text()) == constraint["marginal"]
        if lp["active"][index]:
            assert f"{constraint['name']}, marginal {constraint['marginal']:g}".replace("-", "−") in text
    assert [c["marginal"] for c in data["constraints"][:3]] == [-2, 0, -1]
    reader.assert_clean()


def test_constraint_viewer_prints_its_static_figures(visit):
    reader = visit()
    page = reader.open(CONSTRAINTS_PAGE)
    static = page.locator("img.dh-widget-static")
    assert static.count() == 4  # light and dark, for each of two widgets
    assert not static.first.is_visible() and not page.locator(".dh-widget__fallback").first.is_visible()
    page.emulate_media(media="print")
    assert not constraint_widget(page).is_visible() and not constraint_widget(page, 1).is_visible()
    assert page.locator('img.dh-widget-static[src$="#only-light"]').nth(1).is_visible()
    reader.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("size", "width"), [("desktop", 1200), ("phone", 360)])
def test_constraint_viewer_fits_the_screen_and_has_no_serious_accessibility_violation(visit, scheme, size, width):
    reader = visit(scheme)
    page = reader.open(CONSTRAINTS_PAGE)
    page.set_viewport_size({"width": width, "height": 900})
    page.wait_for_function(  # the resize observers have redrawn both plots at this width
        "() => [...document.querySelectorAll('.dh-constraints__plot')].every("
        "p => Number(p.querySelector('svg').getAttribute('width')) === Math.max(240, p.clientWidth))"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for index in (0, 1):
        assert constraint_widget(page, index).evaluate("el => el.scrollWidth <= el.clientWidth")
    widget = constraint_widget(page)
    widget.get_by_role("slider", name="Step").focus()
    page.keyboard.press("End")
    assert reader.serious_violations() == []
    page.add_style_tag(content=".md-header { position: static; }")  # or it covers the top of each shot
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for number_, name in ((0, "runs"), (1, "lp")):
        constraint_widget(page, number_).screenshot(
            path=str(ARTIFACTS / f"widget-constraints-{name}-{scheme}-{size}.png")
        )
    reader.assert_clean()
