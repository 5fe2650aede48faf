"""snippets/explorer.py: the runs the 1-D descent explorer shows, and the payload it hands the site."""

from __future__ import annotations

import json

import matplotlib.pyplot as plt
import numpy as np
import pytest
from explorer import DIVERGED_BEYOND, PRESETS, Explorer, explorer, outcome, trace

MIME = "application/vnd.downhill.explorer+json"


def errors(xs: list[float], minimum: float) -> np.ndarray:
    return np.array(xs) - minimum


def test_a_small_step_on_the_bowl_creeps_in_from_one_side():
    xs = trace("bowl", 0.02, -2.4)
    e = errors(xs, 1.0)
    assert len(xs) == 301  # 300 steps, and still |f'| > tol: the limit stops it
    assert np.all(e < 0) and np.all(np.diff(np.abs(e)) < 0)
    assert outcome("bowl", xs) == "still moving after the limit of 300 steps"


def test_alpha_below_one_over_curvature_converges_monotonically():
    xs = trace("bowl", 0.3, -2.4)
    e = errors(xs, 1.0)
    assert np.all(e[:-1] < 0) and np.all(np.diff(np.abs(e)) < 0)
    assert abs(PRESETS["bowl"].df(xs[-1])) < 1e-6 <= abs(PRESETS["bowl"].df(xs[-2]))
    assert outcome("bowl", xs) == f"stopped after {len(xs) - 1} steps with |f′(x)| < 1e-6"


def test_alpha_between_one_and_two_over_curvature_oscillates_and_converges():
    xs = trace("bowl", 0.75, -2.4)
    e = errors(xs, 1.0)
    assert np.all(np.sign(e[1:]) == -np.sign(e[:-1]))  # every step crosses the minimum
    assert np.all(np.diff(np.abs(e)) < 0)
    assert abs(PRESETS["bowl"].df(xs[-1])) < 1e-6


def test_alpha_at_the_bound_oscillates_for_ever():
    xs = trace("bowl", 1.0, -2.4)
    assert len(xs) == 301
    assert np.allclose(np.abs(errors(xs, 1.0)), 3.4)
    assert xs[1] == pytest.approx(4.4)


def test_alpha_past_the_bound_oscillates_then_diverges_and_stops_at_the_cap():
    xs = trace("bowl", 1.05, -2.4)
    e = errors(xs, 1.0)
    assert np.all(np.sign(e[1:]) == -np.sign(e[:-1]))
    assert np.all(np.diff(np.abs(e)) > 0)
    assert abs(xs[-1]) > DIVERGED_BEYOND >= abs(xs[-2])
    assert np.allclose(e, -3.4 * (1 - 2 * 1.05) ** np.arange(len(xs)))  # e_k = (1 - alpha f'')^k e_0
    assert outcome("bowl", xs) == f"diverged: |x| passed 1000 after {len(xs) - 1} steps"


@pytest.mark.parametrize(("alpha", "diverges"), [(0.09, False), (0.11, True)])
def test_the_narrow_valley_has_a_ten_times_smaller_bound(alpha, diverges):
    xs = trace("narrow-valley", alpha, -1.2)
    assert (abs(xs[-1]) > DIVERGED_BEYOND) is diverges
    if not diverges:
        assert xs[-1] == pytest.approx(0.5, abs=1e-6)


def test_two_valleys_the_start_picks_the_valley_and_the_left_one_is_shallower():
    f = PRESETS["two-valleys"].f
    left, right = trace("two-valleys", 0.05, -1.6)[-1], trace("two-valleys", 0.05, 1.8)[-1]
    assert left == pytest.approx(-0.9304, abs=1e-3) and right == pytest.approx(1.0575, abs=1e-3)
    assert f(left) > f(right)


def test_on_the_plateau_stopped_is_not_solved():
    xs = trace("plateau", 1.0, 5.8)
    assert xs == [5.8]  # the slope there is already below tol
    assert PRESETS["plateau"].f(xs[-1]) > 0.99  # while the minimum value is 0
    assert trace("plateau", 1.0, 3.0)[-1] == pytest.approx(0.0, abs=1e-6)


def test_max_iters_and_tol_are_respected():
    assert len(trace("bowl", 0.01, -2.4, max_iters=7)) == 8
    assert len(trace("bowl", 0.3, -2.4, tol=1.0)) < len(trace("bowl", 0.3, -2.4))


def test_the_bundle_is_the_contract_payload_and_plain_json():
    bundle = Explorer("bowl", 0.3, -2.4)._repr_mimebundle_()
    assert set(bundle) == {MIME, "text/plain"}
    assert bundle[MIME] == {"preset": "bowl", "alpha": 0.3, "x0": -2.4, "max_iters": 300, "tol": 1e-6}
    assert json.loads(json.dumps(bundle, allow_nan=False)) == bundle
    assert bundle["text/plain"] == "Explorer(bowl, α = 0.3, x0 = -2.4): stopped after 18 steps with |f′(x)| < 1e-6"


def test_explorer_draws_the_same_run_with_a_title_for_alt_text():
    plt.close("all")
    result = explorer("bowl", alpha=1.05, x0=-2.4)
    assert isinstance(result, Explorer)
    (ax,) = plt.gcf().axes
    assert "diverged" in ax.get_title() and "α = 1.05" in ax.get_title()
    xs = trace("bowl", 1.05, -2.4)
    drawn = ax.lines[1].get_xdata()  # the iterates still on the plotted range; NaN for the others, so the
    assert len(drawn) == len(xs)  # line joins only consecutive iterates that are both on the chart
    on_chart = [-3.5 <= x <= 5.5 for x in xs]
    assert list(np.isnan(drawn)) == [not inside for inside in on_chart]
    assert [x for x, inside in zip(drawn, on_chart, strict=True) if inside] == [x for x in xs if -3.5 <= x <= 5.5]
    assert [line.get_label() for line in ax.lines] == ["f(x) = (x − 1)²", "iterates, in order"]  # last is off it
    plt.close("all")
