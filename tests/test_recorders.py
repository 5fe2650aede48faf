"""The snippets that record real solver runs: what they record must be what SciPy did."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from constraint_recorder import ConstraintRecorder
from downhill_engine.widgets import PAYLOAD_LIMIT, widget_from_value
from evaluation_log import EvaluationLog
from fit_recorder import FitRecorder
from path_recorder import PathRecorder
from scipy.optimize import least_squares, linprog, minimize, rosen, rosen_der, rosen_hess

T = np.array([0.0, 1.0, 2.0, 3.0])
Y = np.array([1.0, 3.0, 5.0, 7.0])


def line_residuals(params: np.ndarray) -> np.ndarray:
    slope, intercept = params
    return slope * T + intercept - Y


@pytest.mark.parametrize(("method", "jac", "probes_per_jacobian"), [("trf", "2-point", 2), ("lm", "3-point", 4)])
def test_log_of_least_squares_has_nfev_steps_and_jacobian_probes(method, jac, probes_per_jacobian):
    log = EvaluationLog(line_residuals, ["m", "b"])
    result = least_squares(log, [0.5, 3.0], method=method, jac=jac)
    assert len(log.steps) == result.nfev
    if result.njev is not None:
        assert len(log.probes) == probes_per_jacobian * result.njev
    assert np.array_equal(log.best["x"], result.x)
    assert log.best["ssq"] == pytest.approx(2 * result.cost, abs=1e-20)


def test_the_course_example_goes_through_the_point_the_brief_names():
    log = EvaluationLog(line_residuals, ["m", "b"])
    result = least_squares(log, [0.0, 0.0])
    assert result.nfev == 3
    assert [np.round(step["x"], 3).tolist() for step in log.steps] == [[0, 0], [0.904, 0.427], [2, 1]]
    assert [record["probe"] for record in log.records[1:3]] == ["m", "b"]


def test_log_of_minimize_with_finite_differences_counts_all_of_nfev():
    log = EvaluationLog(rosen, ["x0", "x1"])
    result = minimize(log, [-1.2, 1.0], method="BFGS")
    assert len(log.records) == result.nfev  # minimize counts its finite-difference calls in nfev
    assert len(log.probes) == 2 * result.njev
    assert np.array_equal(log.best["x"], result.x)


def test_tables_show_every_call_and_every_step():
    log = EvaluationLog(line_residuals, ["m", "b"])
    least_squares(log, [0.0, 0.0])
    table = log.table()._repr_mimebundle_()["application/vnd.downhill.table+json"]
    assert len(table["rows"]) == len(log.records) == 9
    assert table["rows"][1][1] == "Jacobian probe (m)" and table["row_classes"][1] == "dh-row-muted"
    tracker = log.tracker()._repr_mimebundle_()["application/vnd.downhill.table+json"]
    assert [row[1] for row in tracker["rows"]] == ["0", "0.9043 (+0.9043)", "2 (+1.096)"]
    assert "Variable tracker" in repr(log.tracker())


@pytest.fixture(scope="module")
def recorder() -> PathRecorder:
    recorder = PathRecorder(rosen, [-1.2, 1.0], (-2, 2), (-1, 3), [1, 1], "Rosenbrock", np.geomspace(0.5, 500, 6))
    recorder.run("Nelder-Mead")
    recorder.run("BFGS", jac=rosen_der)
    recorder.run("Newton-CG", jac=rosen_der, hess=rosen_hess)
    return recorder


def test_recorded_paths_start_at_x0_and_end_at_the_result(recorder):
    for method, (points, result) in recorder.runs.items():
        assert points[0].tolist() == [-1.2, 1.0], method
        assert np.array_equal(points[-1], result.x), method
        assert len(points) - 1 in (result.nit, result.nit - 1), method  # Nelder-Mead skips the last callback


def test_viewer_payload_is_json_with_contours_and_every_path(recorder):
    bundle = recorder._repr_mimebundle_()
    data = json.loads(json.dumps(bundle["application/vnd.downhill.paths+json"], allow_nan=False))
    assert [path["method"] for path in data["paths"]] == ["Nelder-Mead", "BFGS", "Newton-CG"]
    assert all(len(path["points"]) == len(path["values"]) for path in data["paths"])
    assert data["paths"][1]["values"][0] == pytest.approx(rosen(np.array([-1.2, 1.0])))
    assert len(data["contours"]) == 6 and all(contour["lines"] for contour in data["contours"])
    assert len(json.dumps(data)) < 150_000


def test_table_counts_come_from_the_results(recorder):
    rows = recorder.table()._repr_mimebundle_()["application/vnd.downhill.table+json"]["rows"]
    bfgs = recorder.runs["BFGS"][1]
    assert rows[1][:4] == ["BFGS", str(bfgs.nit), str(bfgs.nfev), str(bfgs.njev)]
    assert rows[0][3] == "—"  # Nelder-Mead uses no gradient


def wave(t: np.ndarray, p: np.ndarray) -> np.ndarray:
    return p[0] * np.cos(p[1] * t + p[2])


WAVE_T = np.linspace(0, 10, 21)
WAVE_Y = wave(WAVE_T, [3.0, 1.1, 0.4]) + np.random.default_rng(20).normal(0, 0.2, WAVE_T.size)
WAVE = {"p0": [2.5, 1.0, 0.0], "index": 10, "grid": np.linspace(-9, 9, 31), "title": "A wave"}


@pytest.fixture(scope="module")
def fits() -> FitRecorder:
    return FitRecorder(wave, WAVE_T, WAVE_Y, f_scale=0.5, names=["A", "ω", "φ"], **WAVE)


def test_each_recorded_fit_is_the_least_squares_run_for_its_grid_position(fits):
    k = 27
    y = WAVE_Y.copy()
    y[10] = WAVE["grid"][k]
    for loss in ("linear", "soft_l1"):
        result = least_squares(lambda p, y=y: wave(WAVE_T, p) - y, WAVE["p0"], loss=loss, f_scale=0.5)
        recorded = fits.runs[loss][k]
        assert np.array_equal(recorded.x, result.x) and recorded.nfev == result.nfev, loss
        run = fits._repr_mimebundle_()["application/vnd.downhill.fit+json"]["fits"][fits.losses.index(loss)]["runs"][k]
        assert run["params"] == pytest.approx(result.x, rel=1e-5)
        assert run["residuals"] == pytest.approx(result.fun, rel=1e-4, abs=1e-5)
        assert run["cost"] == pytest.approx(result.cost, rel=1e-5)
        assert (run["nfev"], run["status"]) == (result.nfev, result.status)
        assert run["curve"] == pytest.approx(wave(fits.samples, result.x), rel=1e-4, abs=1e-5)
    # The point is an outlier here: the robust fit keeps the amplitude near 3, the plain one does not.
    assert abs(fits.runs["soft_l1"][k].x[0] - 3) < abs(fits.runs["linear"][k].x[0] - 3)


def test_fit_payload_is_plain_json_under_the_limit_and_one_run_per_position(fits):
    widget = widget_from_value(fits)
    assert widget["kind"] == "fit"
    data = widget["data"]
    text = json.dumps(data, allow_nan=False)
    assert len(text) < PAYLOAD_LIMIT // 2
    assert [fit["loss"] for fit in data["fits"]] == ["linear", "soft_l1"]
    assert all(len(fit["runs"]) == len(data["grid"]) == 31 for fit in data["fits"])
    assert all(len(run["curve"]) == len(data["samples"]) for fit in data["fits"] for run in fit["runs"])
    assert data["start"] == int(np.argmin(np.abs(WAVE["grid"] - WAVE_Y[10])))
    assert data["y"][10] == pytest.approx(WAVE_Y[10], rel=1e-5)


def test_fit_table_and_figure_show_the_start_position(fits):
    rows = fits.table(27)._repr_mimebundle_()["application/vnd.downhill.table+json"]["rows"]
    result = fits.runs["soft_l1"][27]
    assert rows[1] == ["soft_l1", *(f"{v:.4g}" for v in result.x), f"{result.cost:.4g}", str(result.nfev), "2"]
    figure = fits.plot(27)
    top, bottom = figure.axes
    assert len(top.lines) == 4 and top.lines[1].get_ydata()[0] == WAVE["grid"][27]  # data, moved point, two fits
    assert bottom.get_ylabel() == "residual"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"index": 21}, "index must be the position of a data point, 0 to 20"),
        ({"grid": [1.0, 0.0]}, "grid must list at least two y-values"),
        ({"losses": ("linear", "l1")}, "losses must be some of linear, soft_l1"),
        ({"names": ["A"]}, "names must give one name per parameter (3)"),
        ({"start": 31}, "start must be a grid position, 0 to 30"),
        ({"grid": [0.0, np.nan]}, "must be finite"),
    ],
)
def test_fit_recorder_names_a_bad_argument(change, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        FitRecorder(wave, WAVE_T, WAVE_Y, **{**WAVE, **change})


def test_fit_recorder_wants_a_vectorized_model():
    with pytest.raises(ValueError, match="one value per t"):
        FitRecorder(lambda t, p: p[0], WAVE_T, WAVE_Y, **WAVE)


def bowl(x: np.ndarray) -> float:
    return (x[0] - 2) ** 2 + (x[1] - 1) ** 2


CONSTRAINTS = [
    {"name": "x₀ + 2x₁ ≤ 2", "type": "ineq", "fun": lambda x: 2 - x[0] - 2 * x[1]},
    {"name": "x₀² + x₁² ≤ 3", "type": "ineq", "fun": lambda x: 3 - x[0] ** 2 - x[1] ** 2},
]
PROBLEM = {"x0": [-1.5, 1.5], "xlim": (-2, 2.5), "ylim": (-2, 2), "title": "A bowl, a line and a disc"}


@pytest.fixture(scope="module")
def constrained() -> ConstraintRecorder:
    return ConstraintRecorder(bowl, CONSTRAINTS, **PROBLEM)


@pytest.mark.parametrize("method", ["SLSQP", "trust-constr"])
def test_each_recorded_constrained_iterate_is_the_minimize_run_and_its_active_set_follows_the_rule(constrained, method):
    points = [np.array(PROBLEM["x0"])]
    scipy_constraints = [{"type": c["type"], "fun": c["fun"]} for c in CONSTRAINTS]
    result = minimize(
        bowl, PROBLEM["x0"], method=method, constraints=scipy_constraints,
        callback=lambda intermediate_result: points.append(np.copy(intermediate_result.x)),
    )  # fmt: skip
    recorded, recorded_result = constrained.runs[method]
    assert np.array_equal(recorded, np.array(points))
    assert np.array_equal(recorded[-1], result.x) and recorded_result.nit == result.nit
    data = constrained._repr_mimebundle_()["application/vnd.downhill.constraints+json"]
    (run,) = [run for run in data["runs"] if run["method"] == method]
    assert len(run["steps"]) == len(points) and run["nit"] == result.nit and run["success"] is True
    for step, point in zip(run["steps"], points, strict=True):
        values = np.array([c["fun"](point) for c in CONSTRAINTS])
        assert step["x"] == pytest.approx(point, rel=1e-5)
        assert step["f"] == pytest.approx(bowl(point), rel=1e-5)
        assert step["g"] == pytest.approx(values, rel=1e-3, abs=1e-12)
        assert step["active"] == (np.abs(values) <= 1e-3).tolist()
    assert run["steps"][0]["g"][1] < 0 < run["steps"][0]["g"][0]  # the start is infeasible: outside the disc
    assert run["steps"][-1]["active"] == [True, False]  # the answer lies on the line, inside the disc


def test_constraint_payload_is_plain_json_under_the_limit_with_region_levels_and_labels(constrained):
    widget = widget_from_value(constrained)
    assert widget["kind"] == "constraints"
    data = widget["data"]
    assert len(json.dumps(data, allow_nan=False)) < PAYLOAD_LIMIT // 4
    assert [c["name"] for c in data["constraints"]] == [c["name"] for c in CONSTRAINTS]
    assert all(c["lines"] and c["label_at"] for c in data["constraints"])
    for line in data["constraints"][0]["lines"]:  # drawn where the linear constraint is zero
        assert [2 - x - 2 * y for x, y in line] == pytest.approx([0] * len(line), abs=2e-3)
    assert data["region"] and data["levels"] and data["active_tol"] == 1e-3
    assert "lp" not in data


def test_constraint_table_and_figure(constrained):
    rows = constrained.table()._repr_mimebundle_()["application/vnd.downhill.table+json"]["rows"]
    result = constrained.runs["SLSQP"][1]
    assert rows[0][:3] == ["SLSQP", str(result.nit), str(result.nfev)] and rows[0][6] == "x₀ + 2x₁ ≤ 2"
    axes = constrained.plot().axes[0]
    assert [line.get_label() for line in axes.lines][-2:] == ["SLSQP", "trust-constr"]


LP = {"c": [-4, -3], "A_ub": [[1, 1], [1, 3], [2, 1]], "b_ub": [4, 9, 7], "names": ["labour", "wood", "glue"]}


def test_linear_program_records_the_highs_vertex_and_its_marginals():
    lp = ConstraintRecorder.linear_program(**LP, xlim=(-0.5, 4.5), ylim=(-0.5, 4), title="A small LP")
    result = linprog(LP["c"], A_ub=LP["A_ub"], b_ub=LP["b_ub"], method="highs")
    data = widget_from_value(lp)["data"]
    assert data["lp"]["x"] == pytest.approx(result.x) and data["lp"]["f"] == pytest.approx(result.fun)
    marginals = [c["marginal"] for c in data["constraints"][:3]]
    assert marginals == pytest.approx(result.ineqlin.marginals, abs=1e-12)
    assert [c["name"] for c in data["constraints"]] == ["labour", "wood", "glue", "x₀ ≥ 0", "x₁ ≥ 0"]
    assert data["lp"]["active"] == [*(np.abs(result.ineqlin.residual) <= 1e-09).tolist(), False, False]
    assert data["runs"] == [] and len(json.dumps(data, allow_nan=False)) < PAYLOAD_LIMIT // 4
    rows = lp.table()._repr_mimebundle_()["application/vnd.downhill.table+json"]["rows"]
    assert [row[2] for row in rows[:3]] == [f"{m + 0.0:.4g}" for m in result.ineqlin.marginals]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"x0": [0.0, 0.0, 0.0]}, "x0 must be two finite numbers"),
        ({"xlim": (2, -2)}, "xlim must be (low, high) with low < high"),
        ({"constraints": []}, "constraints must list at least one constraint"),
        ({"constraints": [{"type": "ineq", "fun": abs}]}, 'constraint 1 must be a dict with "name", "type" and "fun"'),
        ({"constraints": [{**CONSTRAINTS[0], "type": "<="}]}, 'type must be "ineq" or "eq"'),
        ({"constraints": [CONSTRAINTS[0], CONSTRAINTS[0]]}, "constraint names must differ"),
        ({"active_tol": 0}, "active_tol must be positive"),
    ],
)
def test_constraint_recorder_names_a_bad_argument(change, message):
    arguments = {"fun": bowl, "constraints": CONSTRAINTS, **PROBLEM, **change}
    with pytest.raises(ValueError, match=re.escape(message)):
        ConstraintRecorder(**arguments)


def test_linear_program_refuses_an_lp_without_an_optimum():
    with pytest.raises(ValueError, match=r"linprog found no optimal vertex to show: .*unbounded"):
        ConstraintRecorder.linear_program([-1, -1], [[1, -1]], [1], ["one"], (0, 1), (0, 1), "unbounded")
    with pytest.raises(ValueError, match=re.escape("names must give one name per row of A_ub (3)")):
        ConstraintRecorder.linear_program(**{**LP, "names": ["a"]}, xlim=(0, 1), ylim=(0, 1), title="t")
