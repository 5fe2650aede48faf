"""Plain text for a snippet of Markdown with TeX, for the rare place where math must also be a name.

Screen readers read KaTeX's MathML, but accessible-name algorithms (and axe-core) give math no text, so a
quiz option made only of math would be an unlabelled input. Its ``aria-label`` comes from here.
"""

from __future__ import annotations

import re

MATH = re.compile(r"\$\$?(.+?)\$\$?")
FRACTION = re.compile(r"\\[dt]?frac\{([^{}]*)\}\{([^{}]*)\}")
WRAPPER = re.compile(r"\\(?:text|mathrm|mathbf|mathit|operatorname|boldsymbol)\{([^{}]*)\}")
SCRIPT = re.compile(r"([_^])\{([^{}]*)\}")
COMMAND = re.compile(r"\\([A-Za-z]+)")
SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "eta": "η",
    "theta": "θ", "lambda": "λ", "mu": "μ", "rho": "ρ", "sigma": "σ", "Sigma": "Σ", "nabla": "∇",
    "cdot": "·", "times": "×", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠",
    "approx": "≈", "infty": "∞", "to": "→", "rightarrow": "→", "leftarrow": "←", "sqrt": "√", "pm": "±",
    "in": "∈", "sum": "Σ", "partial": "∂", "ldots": "…", "dots": "…", "prime": "′",
}  # fmt: skip


def spoken(markdown: str) -> str:
    """``markdown`` with its math as plain text and its inline-code ticks and emphasis marks removed."""
    text = MATH.sub(lambda match: _tex(match.group(1)), markdown)
    return re.sub(r"\s+", " ", re.sub(r"[`*]", "", text)).strip()


def has_math(markdown: str) -> bool:
    return MATH.search(markdown) is not None


def _tex(tex: str) -> str:
    tex = re.sub(r"\\(?:left|right|big|Big|bigg|Bigg)\b", "", tex)
    for pattern, replacement in ((FRACTION, r"(\1)/(\2)"), (WRAPPER, r"\1"), (SCRIPT, r"\1\2")):
        previous = None
        while previous != tex:
            previous, tex = tex, pattern.sub(replacement, tex)
    tex = COMMAND.sub(lambda match: SYMBOLS.get(match.group(1), match.group(1)), tex)
    tex = re.sub(r"\\[,;:! ]", " ", tex)
    tex = re.sub(r"\(([\w.′']+)\)/\(([\w.′']+)\)", r"\1/\2", tex)  # (2)/(f'') reads better as 2/f''
    return tex.replace("{", "").replace("}", "").replace("\\", "").strip()
