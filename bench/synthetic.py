"""Synthetic lessons for the benchmarks: pages of eight small blocks of NumPy and SciPy work, one with a figure.

Each page differs from the others in a number `k`, so no two blocks share a cache entry.
"""

from __future__ import annotations

import re
from pathlib import Path

BLOCKS = [
    "import numpy as np\nfrom scipy.optimize import minimize, rosen, rosen_der\n\n"
    "result = minimize(rosen, x0=[-1.2 + {k} / 100, 1.0], jac=rosen_der, method='BFGS')\n"
    "print(result.nit, result.x.round(4))",
    "from scipy.optimize import root_scalar\n\nroot = root_scalar(lambda t: t**3 - {k} - 2, bracket=[0, 10])\n"
    "print(round(root.root, 6))",
    "from scipy.optimize import linprog\n\n"
    "plan = linprog(c=[-1, -2 - {k} / 100], A_ub=[[1, 1], [1, 3]], b_ub=[4, 6], bounds=[(0, None)] * 2)\n"
    "print(plan.status, plan.x.round(4))",
    "from scipy.integrate import quad\n\nprint(round(quad(lambda t: t**2 + {k}, 0, 1)[0], 6))",
    "import numpy as np\n\nrng = np.random.default_rng({k})\nsample = rng.normal(size=1000)\n"
    "print(sample.mean().round(3), sample.std().round(3))",
    "from scipy.optimize import least_squares\nimport numpy as np\n\nt = np.arange(10.0)\ny = 2 * t + 1 + {k} / 100\n"
    "fit = least_squares(lambda p: p[0] * t + p[1] - y, x0=[0, 0])\nprint(fit.x.round(4))",
    "from scipy.optimize import minimize_scalar\n\nprint(round(minimize_scalar(lambda t: (t - {k}) ** 2).x, 6))",
    "import matplotlib.pyplot as plt\nimport numpy as np\n\nx = np.linspace(0, 1, 100)\nfig, ax = plt.subplots()\n"
    "ax.plot(x, x ** ({k} % 5 + 1))\nax.set_title('Power {k}')",
]
EDITABLE = re.compile(r"print\((?:'edited \d+', )?round\(quad")  # the quad block's print, edited or not


def write_pages(docs: Path, pages: int) -> list[str]:
    """Write `pages` synthetic pages under docs/synthetic/ and return their paths inside docs/, in order."""
    (docs / "synthetic").mkdir(parents=True, exist_ok=True)
    names = []
    for n in range(pages):
        body = "\n\n".join(f"Block {i}.\n\n```python\n{code.format(k=n)}\n```" for i, code in enumerate(BLOCKS))
        name = f"synthetic/page{n:03d}.md"
        (docs / name).write_text(f"# Synthetic page {n}\n\n{body}\n")
        names.append(name)
    return names


def edit_one_block(page: Path, edit: int = 1) -> None:
    """Change the output of one block of a synthetic page (the quad block), and nothing else.

    Each `edit` number gives a different text, so repeated edits each re-run the block. `page` is
    docs/synthetic/NAME.md.
    """
    text = EDITABLE.sub(f"print('edited {edit}', round(quad", page.read_text(), count=1)
    # Written beside docs/ and moved in, so a watching `mkdocs serve` sees one change, never an empty page.
    staged = page.parents[2] / f".{page.name}.edit"
    staged.write_text(text)
    staged.replace(page)
