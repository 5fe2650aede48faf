from downhill_engine.render import _fence, _shorten


def test_ansi_codes_are_stripped():
    assert "\x1b" not in _fence("\x1b[31mred\x1b[0m\n", "dh-output", "Output", "")
    assert "red" in _fence("\x1b[31mred\x1b[0m\n", "dh-output", "Output", "")


def test_fence_is_longer_than_any_backtick_run_in_the_output():
    fenced = _fence("```python\nx\n```\n", "dh-output", "Output", "")
    assert fenced.startswith("```` { .text .dh-output") and fenced.rstrip().endswith("\n````")


def test_indent_is_kept_so_output_stays_inside_admonitions():
    fenced = _fence("a\n\nb\n", "dh-output", "Output", "    ")
    assert fenced.splitlines() == ['    ``` { .text .dh-output title="Output" }', "    a", "", "    b", "    ```"]


def test_long_output_is_truncated_with_a_visible_note():
    shown = _shorten("\n".join(str(n) for n in range(1000)))
    lines = shown.split("\n")
    assert lines[0] == "0" and lines[-1] == "999"
    assert "[… 880 more lines not shown …]" in lines
    assert len(lines) == 121


def test_one_huge_line_is_cut_too():
    shown = _shorten("x" * 100_000)
    assert shown.endswith("[… 60000 more characters not shown …]")
