# --8<-- [start:code]
import matplotlib.pyplot as plt
import numpy as np
from contourpy import FillType, contour_generator
from scipy.optimize import linprog, minimize

KINDS = ("ineq", "eq")  # SciPy's convention: "ineq" means g(x) >= 0, "eq" means g(x) == 0
DASHES = [
    "--",
    ":",
    "-.",
    (0, (8, 3, 2, 3, 2, 3)),
    (0, (4, 2)),
    (0, (14, 4)),
]  # one per constraint, so lines differ without colour


def _round(values, digits=6):
    """Numbers to `digits` significant figures, as plain floats: small JSON, the same text in Python and JS."""
    return [float(f"{value:.{digits}g}") for value in np.ravel(values)]


def _lines(generator, level, decimals):
    return [np.round(line, decimals).tolist() for line in generator.lines(level) if len(line) > 1]


class ConstraintRecorder:
    """A two-variable constrained problem: its feasible region, level lines, constraints and solver runs.

    Each constraint is a dict, as `minimize` takes them, with a name: `{"name", "type", "fun"}`, where "ineq"
    means fun(x) >= 0. Every method is a real `minimize` run from `x0`; the callback records each iterate.
    A constraint counts as active at an iterate when |fun(x)| <= `active_tol`: decided here, in Python, and
    stored with the run, so the page shows exactly this rule. On the course site the recorder shows itself as
    a constraint viewer (see `_repr_mimebundle_`); `plot()` draws the static figure, `table()` the results.
    `ConstraintRecorder.linear_program(...)` records a 2-variable linear program solved by HiGHS instead.
    """

    def __init__(self, fun, constraints, x0, xlim, ylim, title, methods=("SLSQP", "trust-constr"), **options):
        self.fun, self.constraints, self.title = fun, list(constraints), title
        self.x0 = np.asarray(x0, dtype=float)
        self.xlim, self.ylim, self.methods = tuple(xlim), tuple(ylim), tuple(methods)
        self.levels = options.pop("levels", None)
        self.active_tol = options.pop("active_tol", 1e-3)
        self.grid_size = options.pop("grid_size", 81)
        self._check()
        self.runs, self.lp = {}, None
        for method in self.methods:
            self._run(method, **options)

    def _check(self):
        """Bad arguments fail here, with a message naming the argument, not deep inside a solver."""
        if self.x0.shape != (2,) or not np.isfinite(self.x0).all():
            raise ValueError(f"x0 must be two finite numbers: the viewer draws a plane; got {self.x0.tolist()}")
        for name, (lo, hi) in (("xlim", self.xlim), ("ylim", self.ylim)):
            if not (np.isfinite([lo, hi]).all() and lo < hi):
                raise ValueError(f"{name} must be (low, high) with low < high; got {(lo, hi)}")
        if not self.constraints:
            raise ValueError("constraints must list at least one constraint")
        for number, constraint in enumerate(self.constraints, start=1):
            if not (isinstance(constraint, dict) and {"name", "type", "fun"} <= set(constraint)):
                raise ValueError(f'constraint {number} must be a dict with "name", "type" and "fun"')
            if constraint["type"] not in KINDS:
                raise ValueError(f'constraint {constraint["name"]!r}: type must be "ineq" or "eq"')
        names = [constraint["name"] for constraint in self.constraints]
        if len(set(names)) != len(names):
            raise ValueError(f"constraint names must differ: they label the lines; got {names}")
        if not self.active_tol > 0:
            raise ValueError(f"active_tol must be positive; got {self.active_tol!r}")

    def _scipy_constraints(self):
        return [{key: c[key] for key in ("type", "fun", "jac", "args") if key in c} for c in self.constraints]

    def _run(self, method, **options):
        """Minimize from x0 with `method`, keeping x0 and then the iterate after each iteration."""
        points = [self.x0.copy()]

        def callback(intermediate_result):
            points.append(np.copy(intermediate_result.x))

        result = minimize(
            self.fun, self.x0, method=method, constraints=self._scipy_constraints(), callback=callback, **options
        )
        self.runs[method] = (np.array(points), result)

    def values(self, x):
        """Every constraint's value at x, in order: g(x) >= 0 is feasible for "ineq", g(x) == 0 for "eq"."""
        return np.array([float(c["fun"](x, *c.get("args", ()))) for c in self.constraints])

    def active(self, x):
        """Which constraints are active at x: |g(x)| <= active_tol (an equality only when it holds).

        A constraint is violated when g(x) < -active_tol ("ineq") or |g(x)| > active_tol ("eq").
        """
        return np.abs(self.values(x)) <= self.active_tol

    @classmethod
    def linear_program(cls, c, A_ub, b_ub, names, xlim, ylim, title, bounds=(0, None), **options):
        """Solve min c·x subject to A_ub x <= b_ub and `bounds` with HiGHS, and record the optimal vertex.

        Each row of A_ub is the constraint named by `names`; finite bounds are drawn as constraints too.
        The shadow prices are `res.ineqlin.marginals` (and `res.lower`/`res.upper.marginals` for bounds).
        """
        c, A_ub, b_ub = (np.asarray(a, dtype=float) for a in (c, A_ub, b_ub))
        if c.shape != (2,) or A_ub.ndim != 2 or A_ub.shape[1] != 2 or b_ub.shape != (A_ub.shape[0],):
            raise ValueError("c must have 2 entries, A_ub 2 columns and b_ub one entry per row of A_ub")
        if len(names) != A_ub.shape[0]:
            raise ValueError(f"names must give one name per row of A_ub ({A_ub.shape[0]})")
        result = linprog(c, A_ub=A_ub, b_ub=b_ub, bounds=bounds, method="highs")
        if result.status != 0:
            raise ValueError(f"linprog found no optimal vertex to show: {result.message}")
        constraints = [
            {"name": name, "type": "ineq", "fun": lambda x, a=a, b=b: b - a @ x, "marginal": float(m) + 0.0}
            for name, a, b, m in zip(names, A_ub, b_ub, result.ineqlin.marginals, strict=True)
        ]
        lows, highs = np.broadcast_to(np.asarray(bounds, dtype=object), (2, 2)).T
        for j, (low, high) in enumerate(zip(lows, highs, strict=True)):
            if low is not None and np.isfinite(low):
                constraints.append({"name": f"x{'₀₁'[j]} ≥ {low:g}", "type": "ineq", "bound": True,
                                    "fun": lambda x, j=j, low=low: x[j] - low,
                                    "marginal": float(result.lower.marginals[j]) + 0.0})  # fmt: skip
            if high is not None and np.isfinite(high):
                constraints.append({"name": f"x{'₀₁'[j]} ≤ {high:g}", "type": "ineq", "bound": True,
                                    "fun": lambda x, j=j, high=high: high - x[j],
                                    "marginal": float(result.upper.marginals[j]) + 0.0})  # fmt: skip
        recorder = cls.__new__(cls)
        recorder.fun, recorder.constraints, recorder.title = (lambda x: float(c @ x)), constraints, title
        recorder.x0, recorder.xlim, recorder.ylim, recorder.methods = result.x, tuple(xlim), tuple(ylim), ()
        recorder.levels = options.pop("levels", None)
        recorder.active_tol = options.pop("active_tol", 1e-9)
        recorder.grid_size = options.pop("grid_size", 81)
        recorder._check()
        recorder.runs, recorder.lp, recorder.c = {}, result, c
        return recorder

    def _grid(self):
        n = self.grid_size
        x, y = np.meshgrid(np.linspace(*self.xlim, n), np.linspace(*self.ylim, n))
        points = np.stack([x, y])
        z = np.apply_along_axis(self.fun, 0, points)  # one point at a time, as minimize calls it
        g = np.stack([np.apply_along_axis(lambda p, c=c: c["fun"](p, *c.get("args", ())), 0, points)
                      for c in self.constraints])  # fmt: skip
        return x, y, z, g

    def _levels(self, z):
        if self.levels is not None:
            return np.asarray(self.levels, dtype=float)
        return np.unique(np.quantile(z, np.linspace(0.04, 0.9, 9)).round(3))

    def _region(self, x, y, g):
        """The feasible region's outline rings: where every inequality holds (equalities are drawn as lines)."""
        inequalities = [k for k, c in enumerate(self.constraints) if c["type"] == "ineq"]
        if not inequalities:
            return []
        slack = g[inequalities].min(axis=0)
        filled = contour_generator(x, y, slack, fill_type=FillType.OuterOffset).filled(0.0, np.inf)
        return [np.round(ring, 3).tolist() for points, offsets in zip(*filled, strict=True)
                for ring in np.split(points, offsets[1:-1])]  # fmt: skip

    def plot(self):
        """Region, level lines, each constraint and each method's path (or the LP's vertex): the static figure."""
        x, y, z, g = self._grid()
        fig, ax = plt.subplots(figsize=(8, 5.5), layout="constrained")
        inequalities = [k for k, c in enumerate(self.constraints) if c["type"] == "ineq"]
        if inequalities:
            ax.contourf(x, y, g[inequalities].min(axis=0), levels=[0, np.inf], colors=["C0"], alpha=0.15)
        levels = ax.contour(x, y, z, levels=self._levels(z), colors="0.7", linewidths=0.8, linestyles="solid")
        ax.clabel(levels, fontsize="x-small")
        for k, (constraint, (_, label_at)) in enumerate(
            zip(self.constraints, self._drawn_constraints(x, y, g), strict=True)
        ):
            dashes = DASHES[k % len(DASHES)]
            ax.contour(x, y, g[k], levels=[0], colors="0.2", linewidths=1.5, linestyles=[dashes])
            label = constraint["name"]
            if "marginal" in constraint:
                label += f" (marginal {constraint['marginal']:.3g})"
            ax.plot([], [], color="0.2", linestyle=dashes, label=label)
            if label_at:
                ax.annotate(label, label_at, fontsize="small", ha="center", va="bottom",
                            bbox={"boxstyle": "round", "fc": "white", "ec": "none", "alpha": 0.8})  # fmt: skip
        for number, (method, (points, _)) in enumerate(self.runs.items()):
            ax.plot(points[:, 0], points[:, 1], marker="os^D"[number % 4], markersize=4, linewidth=1.2,
                    color=f"C{number + 1}", label=method)  # fmt: skip
        if self.lp is not None:
            ax.plot(*self.lp.x, marker="*", markersize=15, color="black", linestyle="none",
                    label=f"optimal vertex, c·x = {self.lp.fun:.4g}")  # fmt: skip
        ax.set(xlim=self.xlim, ylim=self.ylim, xlabel="x₀", ylabel="x₁", title=self.title)
        ax.set_aspect("equal", adjustable="box")
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), fontsize="small")
        return fig

    def table(self):
        """Each method's end point and counts, or, for a linear program, each constraint's slack and price."""
        names = [c["name"] for c in self.constraints]
        if self.lp is not None:
            rows = [[c["name"], f"{value:.4g}", f"{c['marginal']:.4g}", "yes" if on else "no"]
                    for c, value, on in zip(self.constraints, self.values(self.lp.x), self.active(self.lp.x),
                                            strict=True)]  # fmt: skip
            caption = f"{self.title}: optimum c·x = {self.lp.fun:.6g} at x = ({self.lp.x[0]:.4g}, {self.lp.x[1]:.4g})"
            return Table(["constraint", "slack", "marginal", "active"], rows, caption, [False, True, True, False])
        rows = []
        for method, (_, result) in self.runs.items():
            on = [name for name, flag in zip(names, self.active(result.x), strict=True) if flag]
            rows.append([method, result.nit, result.nfev, f"{result.x[0]:.5g}", f"{result.x[1]:.5g}",
                         f"{result.fun:.6g}", ", ".join(on) or "none", result.success])  # fmt: skip
        columns = ["method", "nit", "nfev", "x₀", "x₁", "f", f"active (|g| ≤ {self.active_tol:g})", "success"]
        return Table(columns, rows, self.title, [False, True, True, True, True, True, False, False])

    def _step(self, point):
        values = self.values(point)
        return {
            "x": _round(point),
            "f": _round(self.fun(point))[0],
            "g": _round(values, 4),
            "active": [bool(flag) for flag in np.abs(values) <= self.active_tol],
            "violated": [bool(value < -self.active_tol if c["type"] == "ineq" else abs(value) > self.active_tol)
                         for c, value in zip(self.constraints, values, strict=True)],
        }  # fmt: skip

    def _drawn_constraints(self, x, y, g):
        """Each constraint's zero lines on the grid and the point its label goes, in the constraints' order."""
        drawn, placed = [], []
        for k in range(len(self.constraints)):
            lines = _lines(contour_generator(x, y, g[k]), 0.0, 3)
            label_at = self._label_point(lines, placed)
            placed += [label_at] if label_at else []
            drawn.append((lines, label_at))
        return drawn

    def _label_point(self, lines, placed):
        """Where to write a constraint's name: on its line, well inside the box, far from the labels placed."""
        span = np.array([self.xlim[1] - self.xlim[0], self.ylim[1] - self.ylim[0]])
        low = np.array([self.xlim[0], self.ylim[0]])
        points = np.concatenate(lines) if lines else np.empty((0, 2))
        share = (points - low) / span  # 0 to 1 across the box
        inside = points[np.all((share > 0.04) & (share < 0.9), axis=1)]
        if not inside.size:
            return None
        centre = 1 - np.abs((inside - low) / span - 0.5).max(axis=1)  # 1 at the box's middle, 0.5 at its edge
        if not placed:
            return inside[np.argmax(centre)].tolist()
        apart = np.min([np.abs((inside - p) / span).max(axis=1) for p in np.asarray(placed)], axis=0)
        return inside[np.argmax(np.minimum(apart, 0.25) + 0.2 * centre)].tolist()

    def _repr_mimebundle_(self, include=None, exclude=None):
        x, y, z, g = self._grid()
        objective = contour_generator(x, y, z)
        constraints = []
        for constraint, (lines, label_at) in zip(self.constraints, self._drawn_constraints(x, y, g), strict=True):
            entry = {"name": constraint["name"], "type": constraint["type"], "lines": lines, "label_at": label_at}
            if "marginal" in constraint:
                entry["marginal"] = _round(constraint["marginal"])[0]
            constraints.append(entry)
        data = {
            "title": self.title,
            "xlabel": "x₀",
            "ylabel": "x₁",
            "xlim": [float(v) for v in self.xlim],
            "ylim": [float(v) for v in self.ylim],
            "active_tol": float(self.active_tol),
            "constraints": constraints,
            "region": self._region(x, y, g),
            "levels": [{"level": float(level), "lines": _lines(objective, level, 3)} for level in self._levels(z)],
            "runs": [
                {
                    "method": method,
                    "nit": int(result.nit),
                    "success": bool(result.success),
                    "message": str(result.message),
                    "steps": [self._step(point) for point in points],
                }
                for method, (points, result) in self.runs.items()
            ],
        }
        if self.lp is not None:
            data["lp"] = {"c": _round(self.c), **self._step(self.lp.x), "status": int(self.lp.status)}
            summary = f"optimal vertex {np.round(self.lp.x, 4).tolist()}, c·x = {self.lp.fun:.6g}"
        else:
            summary = ", ".join(f"{method}: {len(points) - 1} iterations" for method, (points, _) in self.runs.items())
        return {"application/vnd.downhill.constraints+json": data, "text/plain": f"{self.title} ({summary})"}


# --8<-- [end:code]

# Pages include snippets/table.py before the section above; running this file alone needs the import.
from table import Table  # noqa: E402
