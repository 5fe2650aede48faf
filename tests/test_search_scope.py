"""What the search index leaves out: code blocks and outputs, never the inline code of a sentence."""

from __future__ import annotations

from adapters import load

search_scope = load("search_scope")
exclude_code_and_output = search_scope.exclude_code_and_output


def test_code_blocks_and_outputs_are_marked_for_pagefind_to_skip():
    html = (
        '<div class="highlight"><pre>x = 1</pre></div>'
        '<div class="dh-output dh-output--text"><pre>1</pre></div>'
        '<div class="jp-CodeMirrorEditor jp-Editor jp-InputArea-editor" data-type="inline">y = 2</div>'
        '<div class="jp-OutputArea jp-Cell-outputArea"><pre>2</pre></div>'
    )
    marked = exclude_code_and_output(html)
    assert marked.count("data-pagefind-ignore") == 4
    assert '<div class="dh-output dh-output--text" data-pagefind-ignore>' in marked


def test_inline_code_and_prose_stay_searchable():
    html = '<p>Call <code>minimize_scalar</code> for one variable.</p><div class="admonition">Note</div>'
    assert exclude_code_and_output(html) == html
