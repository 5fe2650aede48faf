"""The Markdown extension: arithmatex's formulas typeset at build, a malformed one located at path:line."""

from __future__ import annotations

from types import SimpleNamespace

import markdown
import pytest
from downhill_engine.errors import EngineError
from downhill_math.extension import MathExtension
from downhill_math.katex import render
from markdown.treeprocessors import Treeprocessor

BAD = "# Page\n\nFine: $x$.\n\nBroken: $\\frac{1}{$ here.\n"


def convert(text: str, errors: str = "raise", md_setup=None) -> str:
    md = markdown.Markdown(
        extensions=["pymdownx.arithmatex", MathExtension(errors=errors)],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )
    if md_setup:
        md_setup(md)
    return md.convert(text)


def test_inline_and_display_math_are_katex_html_with_no_tex_left_for_a_script():
    html = convert("Let $f(x) = x^2$.\n\n$$\n\\nabla f(x) < 0\n$$\n")
    assert f'<span class="arithmatex">{render("f(x) = x^2", False)}</span>' in html
    assert f'<div class="arithmatex" tabindex="0">{render(chr(92) + "nabla f(x) < 0", True)}</div>' in html
    assert "\\(" not in html and "\\[" not in html


def test_malformed_formula_names_file_and_line(tmp_path, monkeypatch):
    source = tmp_path / "docs" / "lessons" / "bad.md"
    source.parent.mkdir(parents=True)
    source.write_text(BAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the project's folder, where a site builder runs
    file = SimpleNamespace(src_uri="lessons/bad.md", abs_src_path=str(source))

    def like_mkdocs(md):  # MkDocs registers its link rewriter, holding the page's file, as "relpath"
        relpath = Treeprocessor(md)
        relpath.file = file
        md.treeprocessors.register(relpath, "relpath", 0)

    with pytest.raises(EngineError) as raised:
        convert(BAD, md_setup=like_mkdocs)
    message = raised.value.format()
    assert message.startswith("docs/lessons/bad.md:5: KaTeX cannot typeset this formula")
    assert "KaTeX parse error" in message


def test_malformed_formula_without_a_known_file_still_fails():
    with pytest.raises(EngineError, match="KaTeX cannot typeset"):
        convert(BAD)


def test_preview_server_shows_the_error_on_the_page():
    html = convert(BAD, errors="box")
    assert '<span class="dh-math-error" role="alert">' in html
    assert "KaTeX parse error" in html and render("x", False) in html
