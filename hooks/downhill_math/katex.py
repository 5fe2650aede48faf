"""KaTeX, the vendored ``katex.min.js``, run in an embedded V8 (mini-racer) to turn TeX into HTML.

One engine per build process, started on first use and reused, since loading KaTeX takes about 0.1 s and a
lesson holds a hundred formulas. Each formula is rendered once per process: ``mkdocs serve`` rebuilds reuse
the results.
"""

from __future__ import annotations

import atexit
import json
from functools import cache
from pathlib import Path

KATEX_JS = Path(__file__).resolve().parents[2] / "docs" / "assets" / "vendor" / "katex" / "katex.min.js"
OUTPUT = "mathml"  # the browser lays MathML out; KaTeX's HTML layout weighs 2-3 times more (CONTRIBUTING.md)
# Errors come back as a value: an exception thrown in V8 carries the whole minified source in its message.
RENDER = """function downhillRender(tex, displayMode, output) {
  try {
    return JSON.stringify({html: katex.renderToString(tex, {displayMode, output, throwOnError: true})})
  } catch (error) {
    return JSON.stringify({error: String(error && error.message || error)})
  }
}"""


class MathError(ValueError):
    """TeX that KaTeX cannot typeset; the message is KaTeX's, which points at the offending position."""


class Katex:
    """A V8 context with KaTeX loaded. Calls go through ``eval`` with JSON literals: mini-racer's function
    handles keep the process from exiting."""

    def __init__(self, script: Path = KATEX_JS) -> None:
        from py_mini_racer import MiniRacer  # imported here: only builds that typeset math need V8

        self._context = MiniRacer()
        self._context.eval(script.read_text(encoding="utf-8"))
        self._context.eval(RENDER)
        atexit.register(self.close)

    def render(self, tex: str, display: bool, output: str = OUTPUT) -> str:
        call = f"downhillRender({json.dumps(tex)}, {json.dumps(display)}, {json.dumps(output)})"
        result = json.loads(self._context.eval(call))
        if "error" in result:
            raise MathError(result["error"])
        return result["html"]

    def close(self) -> None:
        self._context.close()


@cache
def engine() -> Katex:
    """The process's one KaTeX engine."""
    return Katex()


@cache
def render(tex: str, display: bool) -> str:
    """``tex`` as KaTeX HTML, inline or as a display formula; raises `MathError` for TeX KaTeX rejects."""
    return engine().render(tex, display)
