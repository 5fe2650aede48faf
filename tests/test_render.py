import markdown
from downhill_engine.render import _fence, _shorten, superfences_output_fence


def to_html(text: str) -> str:
    return markdown.markdown(
        text,
        extensions=["admonition", "pymdownx.superfences"],
        extension_configs={"pymdownx.superfences": {"custom_fences": [superfences_output_fence()]}},
    )


def test_output_renders_as_a_labelled_escaped_group():
    html = to_html(_fence("<b>1 < 2</b>\n", "stdout", "Output", ""))
    assert html == (
        '<div class="dh-output dh-output--stdout" role="group" aria-label="Output">'
        '<span class="dh-output__label">Output</span><pre><code>&lt;b&gt;1 &lt; 2&lt;/b&gt;</code></pre></div>'
    )


def test_ansi_codes_are_stripped():
    assert "\x1b" not in _fence("\x1b[31mred\x1b[0m\n", "stdout", "Output", "")
    assert "red" in _fence("\x1b[31mred\x1b[0m\n", "stdout", "Output", "")


def test_every_control_character_but_newline_and_tab_is_shown_as_an_escape():
    controls = "".join(map(chr, [*range(0x20), 0x7F, *range(0x80, 0xA0)]))
    fenced = _fence(f"<{controls}>é\n", "stdout", "Output", "")
    body = fenced.split("\n", 1)[1]
    assert not any(char in body for char in controls if char not in "\n\t")
    assert body.startswith("<\\x00\\x01") and "\\x08\t\n" in body
    assert "\\x0b" in body and "\\x1f\\x7f\\x80" in body and "\\x9f>é" in body


def test_fence_is_longer_than_any_backtick_run_in_the_output():
    fenced = _fence("```python\nx\n```\n", "stdout", "Output", "")
    assert fenced.startswith("````dh-output") and fenced.rstrip().endswith("\n````")
    assert "<code>```python\nx\n```</code>" in to_html(fenced)


def test_indent_is_kept_so_output_stays_inside_admonitions():
    fenced = _fence("a\n\nb\n", "stdout", "Output", "    ")
    assert fenced.splitlines() == ['    ```dh-output kind="stdout" title="Output"', "    a", "", "    b", "    ```"]
    html = to_html("!!! note\n\n    Text.\n\n" + fenced)
    assert '<div class="admonition note">' in html and "<code>a\n\nb</code></pre></div>\n</div>" in html


def test_long_output_is_truncated_with_a_visible_note():
    shown = _shorten("\n".join(str(n) for n in range(1000)))
    lines = shown.split("\n")
    assert lines[0] == "0" and lines[-1] == "999"
    assert "[… 880 more lines not shown …]" in lines
    assert len(lines) == 121


def test_one_huge_line_is_cut_too():
    shown = _shorten("x" * 100_000)
    assert shown.endswith("[… 60000 more characters not shown …]")
