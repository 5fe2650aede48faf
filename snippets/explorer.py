"""Gradient descent in one dimension, x_{k+1} = x_k - alpha * f'(x_k), on four small test functions.

`trace` runs it; `explorer` draws the run and, on the course site, becomes the interactive explorer, which
runs the very same arithmetic in the browser (same operations, same order, so the same numbers).
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np

# A run stops as diverged once |x| passes this: a thousand times any preset's plotted range, and from there
# no preset comes back (one more step of two-valleys at |x| <= 1000 stays far below float overflow).
DIVERGED_BEYOND = 1e3


@dataclass(frozen=True)
class Preset:
    label: str
    f: Callable  # works on floats and NumPy arrays (for the curve)
    df: Callable  # f', on floats only: x * x rather than x**2, the same operations as the JavaScript
    d2f: float | None  # f'' when it is constant (a quadratic), else None: the widget's stability notes use it
    xlim: tuple[float, float]
    ylim: tuple[float, float]


PRESETS = {
    "bowl": Preset("(x − 1)²", lambda x: (x - 1) ** 2, lambda x: 2 * (x - 1), 2.0, (-3.5, 5.5), (-1, 21)),
    "two-valleys": Preset(
        "(x² − 1)² − 0.5x",
        lambda x: (x**2 - 1) ** 2 - 0.5 * x,
        lambda x: 4 * x * (x * x - 1) - 0.5,
        None,
        (-2, 2),
        (-0.8, 2.5),
    ),
    "narrow-valley": Preset(
        "10(x − 0.5)²", lambda x: 10 * (x - 0.5) ** 2, lambda x: 20 * (x - 0.5), 20.0, (-1.5, 2.5), (-2, 42)
    ),
    "plateau": Preset(
        "1 − exp(−x²/2)",
        lambda x: 1 - np.exp(-(x**2) / 2),
        lambda x: x * math.exp(-x * x / 2),
        None,
        (-6, 6),
        (-0.1, 1.2),
    ),
}


def trace(preset: str, alpha: float, x0: float, max_iters: int = 300, tol: float = 1e-6) -> list[float]:
    """The iterates x_0, x_1, ...: stops when |f'(x)| < tol, after max_iters steps, or once |x| > DIVERGED_BEYOND."""
    df = PRESETS[preset].df
    xs = [float(x0)]
    for _ in range(max_iters):
        x = xs[-1]
        if abs(x) > DIVERGED_BEYOND:
            break
        slope = df(x)
        if abs(slope) < tol:
            break
        xs.append(x - alpha * slope)
    return xs


def outcome(preset: str, xs: list[float], tol: float = 1e-6) -> str:
    """Why the run stopped, in words."""
    steps = len(xs) - 1
    if abs(xs[-1]) > DIVERGED_BEYOND:
        return f"diverged: |x| passed {DIVERGED_BEYOND:g} after {steps} steps"
    if abs(PRESETS[preset].df(xs[-1])) < tol:
        return f"stopped after {steps} step{'s' * (steps != 1)} with |f′(x)| < {_number(tol)}"
    return f"still moving after the limit of {steps} steps"


@dataclass
class Explorer:
    """One run; on the site its `_repr_mimebundle_` becomes the interactive explorer."""

    preset: str
    alpha: float
    x0: float
    max_iters: int = 300
    tol: float = 1e-6

    def __repr__(self) -> str:
        xs = trace(self.preset, self.alpha, self.x0, self.max_iters, self.tol)
        return f"Explorer({self.preset}, α = {self.alpha:g}, x0 = {self.x0:g}): {outcome(self.preset, xs, self.tol)}"

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        payload = {
            "preset": self.preset,
            "alpha": self.alpha,
            "x0": self.x0,
            "max_iters": self.max_iters,
            "tol": self.tol,
        }
        return {"application/vnd.downhill.explorer+json": payload, "text/plain": repr(self)}


def explorer(preset: str, alpha: float, x0: float, max_iters: int = 300, tol: float = 1e-6) -> Explorer:
    """Draw one run on its curve (the static figure, for print) and return it as an Explorer."""
    p = PRESETS[preset]
    xs = np.array(trace(preset, alpha, x0, max_iters, tol))
    grid = np.linspace(*p.xlim, 400)
    _, ax = plt.subplots(figsize=(7, 3.6))
    ax.plot(grid, p.f(grid), color="0.2", label=f"f(x) = {p.label}")
    inside = (xs >= p.xlim[0]) & (xs <= p.xlim[1])
    # NaN breaks the line, so only consecutive iterates that are both on the chart are joined.
    shown = np.where(inside, xs, np.nan)
    ax.plot(shown, p.f(shown), "o-", color="#e65100", markersize=4, linewidth=0.7, label="iterates, in order")
    if inside[-1]:
        ax.plot(xs[-1:], p.f(xs[-1:]), "o", color="#1e88e5", markersize=7, label="last iterate")
    ax.set(xlim=p.xlim, ylim=p.ylim, xlabel="x", ylabel="f(x)")
    ax.legend(loc="best", fontsize="small")
    start = _number(x0)
    ax.set_title(f"Gradient descent on {p.label}, α = {alpha:g} from x0 = {start}:\n{outcome(preset, list(xs), tol)}")
    return Explorer(preset, alpha, x0, max_iters, tol)


def _number(value: float) -> str:
    """A number as the prose writes it: a real minus sign, and 1e-6 rather than 1e-06."""
    text = f"{value:g}".replace("e-0", "e-").replace("e+0", "e+")
    return "−" + text[1:] if text.startswith("-") else text
