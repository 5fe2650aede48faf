# --8<-- [start:code]
import matplotlib.pyplot as plt
import numpy as np
from scipy.optimize import least_squares

LOSSES = ("linear", "soft_l1", "huber", "cauchy", "arctan")  # the losses least_squares accepts by name


def _sig(values, digits=6):
    """Numbers rounded to `digits` significant figures, as plain floats: small JSON, same text in JS and Python."""
    return [float(f"{value:.{digits}g}") for value in np.ravel(values)]


class FitRecorder:
    """Fit one model with several losses while one data point moves over a grid of positions.

    Every position and loss is a real `least_squares` run from `p0`, made once, here. On the course site the
    recorder shows itself as a fitting widget that replays these runs (see `_repr_mimebundle_`); `plot()` draws
    the position `start` as a static figure, and `table()` lists the fits there.
    """

    def __init__(self, model, t, y, p0, index, grid, title, losses=("linear", "soft_l1"), f_scale=1.0, **options):
        self.model, self.title = model, title
        self.t, self.y, self.p0 = (np.asarray(a, dtype=float) for a in (t, y, p0))
        self.index, self.grid, self.losses, self.f_scale = index, np.asarray(grid, dtype=float), tuple(losses), f_scale
        self.names = list(options.get("names") or [f"p{i}" for i in range(self.p0.size)])
        self.samples = np.linspace(self.t.min(), self.t.max(), options.get("samples", 121))
        self._check()
        # Shown first: the grid position nearest the point's own value, unless the lesson picks one.
        self.start = options.get("start", int(np.argmin(np.abs(self.grid - self.y[index]))))
        if not 0 <= self.start < self.grid.size:
            raise ValueError(f"start must be a grid position, 0 to {self.grid.size - 1}; got {self.start!r}")
        self.runs = {loss: [self._fit(value, loss) for value in self.grid] for loss in self.losses}

    def _check(self):
        """Bad arguments fail here, with a message naming the argument, not deep inside a solver."""
        if self.t.ndim != 1 or self.t.shape != self.y.shape or self.t.size < self.p0.size:
            raise ValueError(f"t and y must be 1-D, of one length, at least {self.p0.size} long (one per parameter)")
        if not (isinstance(self.index, int | np.integer) and 0 <= self.index < self.t.size):
            raise ValueError(f"index must be the position of a data point, 0 to {self.t.size - 1}; got {self.index!r}")
        if self.grid.ndim != 1 or self.grid.size < 2 or np.any(np.diff(self.grid) <= 0):
            raise ValueError("grid must list at least two y-values for the moved point, in increasing order")
        if not all(np.isfinite(a).all() for a in (self.t, self.y, self.p0, self.grid)):
            raise ValueError("t, y, p0 and grid must be finite numbers")
        unknown = [loss for loss in self.losses if loss not in LOSSES]
        if unknown or not self.losses:
            raise ValueError(f"losses must be some of {', '.join(LOSSES)}; got {list(self.losses)}")
        if len(self.names) != self.p0.size:
            raise ValueError(f"names must give one name per parameter ({self.p0.size})")
        if np.shape(self.model(self.t, self.p0)) != self.t.shape:
            raise ValueError("model(t, p) must return one value per t: it is called with the whole array t")

    def data_at(self, value):
        """The data with the moved point at `value`."""
        y = self.y.copy()
        y[self.index] = value
        return y

    def _fit(self, value, loss):
        y = self.data_at(value)
        return least_squares(lambda p: self.model(self.t, p) - y, self.p0, loss=loss, f_scale=self.f_scale)

    def plot(self, position=None):
        """Data, every loss's fit and the residuals at one grid position (default `start`): the static widget."""
        k = self.start if position is None else position
        y = self.data_at(self.grid[k])
        fig, (top, bottom) = plt.subplots(
            2, 1, figsize=(7, 5.5), sharex=True, gridspec_kw={"height_ratios": [3, 1.3]}, layout="constrained"
        )
        others = np.arange(self.t.size) != self.index
        top.plot(self.t[others], y[others], "o", color="0.35", markersize=5, label="data")
        top.plot(self.t[self.index], y[self.index], "o", markersize=11, markerfacecolor="none", color="black",
                 markeredgewidth=2, label="moved point")  # fmt: skip
        dashes = ["-", "--", ":", "-."]
        markers = ["o", "s", "^", "D"]
        for number, loss in enumerate(self.losses):
            result = self.runs[loss][k]
            style = dict(color=f"C{number}", linestyle=dashes[number % 4])
            top.plot(self.samples, self.model(self.samples, result.x), linewidth=2, label=f"loss={loss!r}", **style)
            shift = (number - (len(self.losses) - 1) / 2) * 0.012 * np.ptp(self.t)  # side by side, not on top
            bottom.vlines(self.t + shift, 0, result.fun, linewidth=1, **style)
            bottom.plot(self.t + shift, result.fun, markers[number % 4], color=f"C{number}", markersize=4)
        bottom.axhline(0, color="0.5", linewidth=0.8)
        top.set(ylabel="y", title=f"{self.title} (moved point at y = {self.grid[k]:g})")
        bottom.set(xlabel="t", ylabel="residual")
        top.legend(loc="best", fontsize="small")
        return fig

    def table(self, position=None):
        """Each loss's parameters, cost, evaluations and status at one grid position (default `start`)."""
        k = self.start if position is None else position
        rows = []
        for loss in self.losses:
            result = self.runs[loss][k]
            rows.append([loss, *(f"{v:.4g}" for v in result.x), f"{result.cost:.4g}", result.nfev, result.status])
        columns = ["loss", *self.names, "cost", "nfev", "status"]
        caption = f"{self.title}: the fits with the moved point at y = {self.grid[k]:g}"
        return Table(columns, rows, caption, [False, *[True] * (len(self.names) + 3)])

    def _repr_mimebundle_(self, include=None, exclude=None):
        fits = [
            {
                "loss": loss,
                "runs": [
                    {
                        "params": _sig(result.x),
                        "curve": _sig(self.model(self.samples, result.x), 5),
                        "residuals": _sig(result.fun, 5),
                        "cost": _sig(result.cost)[0],
                        "nfev": int(result.nfev),
                        "status": int(result.status),
                    }
                    for result in self.runs[loss]
                ],
            }
            for loss in self.losses
        ]
        data = {
            "title": self.title,
            "xlabel": "t",
            "ylabel": "y",
            "names": self.names,
            "t": _sig(self.t),
            "y": _sig(self.y),
            "index": int(self.index),
            "grid": _sig(self.grid),
            "start": int(self.start),
            "samples": _sig(self.samples),
            "f_scale": float(self.f_scale),
            "fits": fits,
        }
        shown = "; ".join(f"{loss}: {self.runs[loss][self.start].x.round(4).tolist()}" for loss in self.losses)
        return {
            "application/vnd.downhill.fit+json": data,
            "text/plain": f"{self.title}: {len(self.grid)} positions of point {self.index} ({shown})",
        }


# --8<-- [end:code]

# Pages include snippets/table.py before the section above; running this file alone needs the import.
from table import Table  # noqa: E402
