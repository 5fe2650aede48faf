"""Highlighted code loses only the spans that Material draws like plain code (hooks/code_markup.py)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import material
from adapters import load

code_markup = load("code_markup")
unwrap_plain_spans, merge_mark_runs = code_markup.unwrap_plain_spans, code_markup.merge_mark_runs

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


def test_a_run_of_operators_and_punctuation_becomes_one_span_and_reads_the_same():
    before = unwrap_plain_spans(highlighted(BLOCK))
    after = merge_mark_runs(before)
    assert '<span class="o">) **</span>' not in before and '<span class="o">) **</span>' in after
    assert text_of(after) == text_of(before)
    assert after.count("<span") == before.count("<span") - 3  # ": (", ") **" and "=[" were two spans each
    for kept in ("kn", "k", "mi", "mf", "s2", "nb"):  # every other colour keeps its spans
        assert before.count(f'<span class="{kept}">') == after.count(f'<span class="{kept}">'), kept


def test_operators_and_punctuation_are_drawn_alike_in_both_schemes():
    """If Material or downhill.css gives `.o` and `.p` different looks, runs of them must not be merged."""
    stylesheets = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    css = "".join(path.read_text(encoding="utf-8") for path in stylesheets.glob("*.min.css"))
    rules = re.findall(r"([^{}]*)\{([^}]*)\}", css)
    styled = {
        cls: [body for selectors, body in rules if re.search(rf"\.highlight \.{cls}(?![\w-])", selectors)]
        for cls in "op"
    }
    assert styled == {
        "o": ["color:var(--md-code-hl-operator-color)"],
        "p": ["color:var(--md-code-hl-punctuation-color)"],
    }
    ours = (Path(__file__).resolve().parents[1] / "docs" / "stylesheets" / "downhill.css").read_text(encoding="utf-8")
    for scheme in ("default", "slate"):
        block = re.search(rf'\[data-md-color-scheme="{scheme}"\] \{{([^}}]*)\}}', ours).group(1)
        operator = re.search(r"--md-code-hl-operator-color: ([^;]+);", block).group(1)
        assert re.search(r"--md-code-hl-punctuation-color: ([^;]+);", block).group(1) == operator, scheme
