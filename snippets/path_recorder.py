# --8<-- [start:code]
import matplotlib.pyplot as plt
import numpy as np
from contourpy import contour_generator
from scipy.optimize import minimize


class PathRecorder:
    """Run several `minimize` methods from one start and keep every iterate, through the callback.

    On the course site the recorder shows itself as an interactive path viewer (see `_repr_mimebundle_`);
    `plot()` draws the same paths as a static figure, and `table()` lists each run's counts.
    """

    def __init__(self, fun, x0, xlim, ylim, minimum, title, levels):
        self.fun, self.x0 = fun, np.asarray(x0, dtype=float)
        self.xlim, self.ylim, self.minimum = xlim, ylim, np.asarray(minimum, dtype=float)
        self.title, self.levels = title, levels
        self.runs = {}

    def run(self, method, **options):
        """Minimize from x0 with `method`, recording x0 and then the iterate after each iteration."""
        points = [self.x0.copy()]

        def callback(intermediate_result):
            points.append(np.copy(intermediate_result.x))

        result = minimize(self.fun, self.x0, method=method, callback=callback, **options)
        self.runs[method] = (np.array(points), result)
        return result

    def add(self, label, points):
        """Record a path made elsewhere, such as by a hand-written loop, to show beside the methods' paths."""
        self.runs[label] = (np.asarray(points, dtype=float), None)

    def _grid(self, n=120):
        x, y = np.meshgrid(np.linspace(*self.xlim, n), np.linspace(*self.ylim, n))
        z = np.apply_along_axis(self.fun, 0, np.stack([x, y]))  # fun of one point at a time, as minimize calls it
        return x, y, z

    def plot(self):
        """Every recorded path on one contour plot: the static version of the viewer."""
        fig, ax = plt.subplots(figsize=(7, 5.5))
        ax.contour(*self._grid(), levels=self.levels, colors="0.75", linewidths=0.8)
        for method, (points, _) in self.runs.items():
            ax.plot(points[:, 0], points[:, 1], marker="o", markersize=3, linewidth=1.2, label=method)
        ax.plot(*self.minimum, marker="*", markersize=14, color="black", linestyle="none", label="minimum")
        ax.set(xlim=self.xlim, ylim=self.ylim, xlabel="x₀", ylabel="x₁", title=self.title)
        ax.legend(loc="lower right", fontsize="small")
        return fig

    def table(self):
        """Each method's iterations, function and gradient evaluations, and final distance to the minimum."""
        rows = []
        for method, (points, result) in self.runs.items():
            if result is None:  # a path added by hand: only its points are known
                error = np.linalg.norm(points[-1] - self.minimum)
                rows.append([method, len(points) - 1, "—", "—", f"{error:.1e}", "—"])
                continue
            error = np.linalg.norm(result.x - self.minimum)
            njev = result.get("njev", "—")
            rows.append([method, result.nit, result.nfev, njev, f"{error:.1e}", result.success])
        columns = ["method", "nit", "nfev", "njev", "final error", "success"]
        return Table(columns, rows, self.title, [False, True, True, True, True, False])

    def _repr_mimebundle_(self, include=None, exclude=None):
        x, y, z = self._grid()
        generator = contour_generator(x, y, z)
        contours = [
            {"level": float(level), "lines": [np.round(line, 3).tolist() for line in generator.lines(level)]}
            for level in self.levels
        ]
        paths = [
            {
                "method": method,
                "points": np.round(points, 5).tolist(),
                "values": [float(f"{self.fun(point):.6g}") for point in points],
            }
            for method, (points, _) in self.runs.items()
        ]
        data = {
            "title": self.title,
            "xlabel": "x₀",
            "ylabel": "x₁",
            "xlim": list(self.xlim),
            "ylim": list(self.ylim),
            "minimum": self.minimum.tolist(),
            "contours": contours,
            "paths": paths,
        }
        summary = ", ".join(f"{method}: {len(points) - 1} iterations" for method, (points, _) in self.runs.items())
        return {"application/vnd.downhill.paths+json": data, "text/plain": f"{self.title} ({summary})"}


# --8<-- [end:code]

# Pages include snippets/table.py before the section above; running this file alone needs the import.
from table import Table  # noqa: E402
