import numpy as np


def probe_minimum(f, x, radius=1e-3, directions=32, seed=0):
    """Evaluate f at points a distance `radius` around x.

    Returns (holds, margin): holds is True when no probed point is lower than f(x),
    and margin is the lowest probed value minus f(x).
    """
    rng = np.random.default_rng(seed)
    x = np.atleast_1d(np.asarray(x, dtype=float))
    steps = rng.normal(size=(directions, x.size))
    steps *= radius / np.linalg.norm(steps, axis=1, keepdims=True)
    centre = f(x)
    values = np.array([f(x + step) for step in steps])
    return bool(np.all(values >= centre)), float(values.min() - centre)
