"""Typesets the ``$…$`` and ``$$…$$`` left in HTML by renderers that keep TeX for the browser (nbconvert).

Only text outside ``<code>`` and ``<pre>`` counts: a dollar in code is code.
"""

from __future__ import annotations

import html
import re

from downhill_math.katex import render

CODE = re.compile(r"(<(code|pre)\b.*?</\2>)", re.DOTALL)
MATH = re.compile(r"\$\$(?P<display>.+?)\$\$|\$(?P<inline>[^$\n]+?)\$", re.DOTALL)


def typeset(fragment: str) -> str:
    """``fragment`` with each formula as KaTeX HTML; raises `MathError` naming the first formula KaTeX rejects."""
    parts = CODE.split(fragment)  # with two groups: text, code, its tag name, text, …
    texts, codes = parts[::3], parts[1::3]
    typeset_texts = [_typeset_text(text) for text in texts]
    return "".join(text + code for text, code in zip(typeset_texts, [*codes, ""], strict=True))


def _typeset_text(text: str) -> str:
    def formula(match: re.Match) -> str:
        display = match["display"] is not None
        tex = html.unescape(match["display"] if display else match["inline"])
        return render(tex.strip() if display else tex, display)

    return MATH.sub(formula, text)
