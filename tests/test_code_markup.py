"""Highlighted code loses only the spans that Material draws like plain code (hooks/code_markup.py)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import material
from adapters import load

unwrap_plain_spans = load("code_markup").unwrap_plain_spans

BLOCK = """```python
from scipy.optimize import minimize

result = minimize(lambda x: (x - 1) ** 2, x0=[3.0])
print(f"{result.x[0]:.3f}")
```"""


def highlighted(source: str) -> str:
    return markdown.markdown(source, extensions=["pymdownx.highlight", "pymdownx.superfences"])


def text_of(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_the_code_reads_the_same_with_fewer_bytes():
    before = highlighted(BLOCK)
    after = unwrap_plain_spans(before)
    assert '<span class="n">' in before and '<span class="w">' in before
    assert '<span class="n">' not in after and '<span class="w">' not in after
    assert text_of(after) == text_of(before)
    assert len(after) < 0.85 * len(before)


def test_spans_that_carry_a_colour_stay():
    before = highlighted(BLOCK)
    after = unwrap_plain_spans(before)
    for kept in ("kn", "k", "o", "p", "mi", "mf", "sa", "s2", "si", "nb"):
        assert before.count(f'<span class="{kept}">') == after.count(f'<span class="{kept}">'), kept


def test_material_still_draws_names_and_whitespace_as_plain_code():
    """If a Material upgrade gives `.n` or `.w` a look of their own, the hook must go."""
    stylesheets = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    css = "".join(path.read_text(encoding="utf-8") for path in stylesheets.glob("*.min.css"))
    assert re.findall(r"--md-code-hl-name-color:([^;}]+)", css) == ["var(--md-code-fg-color)"] * 2
    for cls in ("n", "w"):
        selectors = re.findall(r"([^{}]*)\{[^}]*\}", css)
        styled = [s for s in selectors if re.search(rf"\.highlight \.{cls}(?![\w-])", s)]
        assert styled == ([] if cls == "w" else [".highlight .kc,.highlight .n"]), styled
