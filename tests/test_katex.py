"""KaTeX run in V8 at build gives exactly what KaTeX gives under Node, and names what it cannot typeset."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from downhill_math.katex import KATEX_JS, OUTPUT, MathError, render

FORMULAS = [
    (r"x^2 + \alpha_k \nabla f(x_k)", False),
    (r"\min_{x \in \mathbb{R}^n} \frac{1}{2} \lVert A x - b \rVert_2^2", True),
    (r"\begin{aligned} a &= b \\ c &< d \end{aligned}", True),
]
NODE_RENDER = """const katex = require(process.argv[1]);
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
const options = (displayMode) => ({displayMode, output: process.argv[2]});
console.log(JSON.stringify(cases.map(([tex, displayMode]) => katex.renderToString(tex, options(displayMode)))));"""


NODE = shutil.which("node")


@pytest.mark.skipif(NODE is None, reason="the reference output comes from KaTeX under Node")
def test_formulas_match_katex_under_node():
    reference = subprocess.run(
        [NODE, "-e", NODE_RENDER, str(KATEX_JS), OUTPUT],
        input=json.dumps(FORMULAS),
        capture_output=True,
        text=True,
        check=True,
    )
    assert [render(tex, display) for tex, display in FORMULAS] == json.loads(reference.stdout)


def test_formulas_are_mathml_inline_or_as_a_block_keeping_their_tex():
    inline, display = render("x", False), render("x", True)
    assert inline.startswith('<span class="katex"><math xmlns="http://www.w3.org/1998/Math/MathML">')
    assert display.startswith('<span class="katex"><math xmlns="http://www.w3.org/1998/Math/MathML" display="block">')
    assert '<annotation encoding="application/x-tex">x</annotation>' in inline
    assert "katex-html" not in inline + display  # KaTeX's own layout, which MathML-only output leaves out


def test_malformed_formula_raises_katex_message_only():
    with pytest.raises(MathError) as raised:
        render(r"\frac{1}{", False)
    message = str(raised.value)
    assert message.startswith("KaTeX parse error:") and r"\frac{1}{" in message
    assert "function" not in message  # not V8's dump of the minified source
