"""Dollar math left in HTML by nbconvert is typeset; dollars in code are not."""

from __future__ import annotations

import pytest
from downhill_math.dollars import typeset
from downhill_math.katex import MathError, render


def test_inline_and_display_dollars_become_katex():
    html = typeset("<p>amplitude $A$</p>\n<p>$$\nN &lt; 1\n$$</p>")
    assert html == f"<p>amplitude {render('A', False)}</p>\n<p>{render('N < 1', True)}</p>"


def test_dollars_in_code_stay_as_written():
    html = "<p><code>$x$</code> and</p><pre><code>echo $HOME $PATH</code></pre>"
    assert typeset(html) == html


def test_malformed_dollar_math_raises():
    with pytest.raises(MathError):
        typeset(r"<p>$\frac{1}{$</p>")
