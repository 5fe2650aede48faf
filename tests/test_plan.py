from downhill_engine.includes import Includes
from downhill_engine.parse import parse_page
from downhill_engine.plan import DEFAULT_TIMEOUT, plan_page


def plans(tmp_path, text):
    return plan_page(parse_page("docs/p.md", Includes(tmp_path, [tmp_path]).expand(text, "docs/p.md")))


def test_marks_decide_skip_and_expected_error(tmp_path):
    text = (
        "<!--pytest.mark.skip-->\n```python\n1\n```\n\n"
        "<!--pytest.mark.skipif(True, reason='never here')-->\n```python\n2\n```\n\n"
        "<!--pytest.mark.skipif(False, reason='runs')-->\n```python\n3\n```\n\n"
        "<!--pytest.mark.xfail-->\n```python\n4\n```\n\n"
        "<!--pytest-codeblocks:importorskip(no_such_module_here)-->\n```python\n5\n```\n"
    )
    found = plans(tmp_path, text)
    assert [p.skip_reason for p in found] == [
        "marked skip",
        "never here",
        None,
        None,
        "needs `no_such_module_here`, which is not installed",
    ]
    assert [p.expect_error for p in found] == [False, False, False, True, False]


def test_key_depends_on_code_not_on_position(tmp_path):
    block = "```python\nx = 1\n```\n"
    (first,) = plans(tmp_path, block)
    (moved,) = plans(tmp_path, "Some new prose.\n\nMore.\n\n" + block)
    (edited,) = plans(tmp_path, block.replace("1", "2"))
    assert first.key == moved.key
    assert first.key != edited.key


def test_page_timeout_overrides_default(tmp_path):
    (default,) = plans(tmp_path, "```python\npass\n```\n")
    (custom,) = plans(tmp_path, "---\nexecute:\n  timeout: 90\n---\n```python\npass\n```\n")
    assert default.timeout == DEFAULT_TIMEOUT
    assert custom.timeout == 90
    assert default.key != custom.key


MARKS = [
    "pytest.mark.skip",
    "pytest.mark.skip(reason='later')",
    "pytest.mark.skipif(sys.version_info < (3, 0), reason='old')",
    "pytest.mark.xfail",
    "pytest.mark.xfail(raises=ValueError, strict=True)",
]


def test_marks_read_by_the_build_are_the_marks_pytest_sees():
    """The build evaluates marks without importing pytest; its reading must match pytest's own."""
    import sys

    import pytest
    from downhill_engine.plan import _MarkRecorder

    for text in MARKS:
        real = eval(text, {"sys": sys, "pytest": pytest}).mark  # noqa: S307 - marks are expressions
        seen = eval(text, {"sys": sys, "pytest": _MarkRecorder()})  # noqa: S307
        assert (seen.name, seen.args, seen.kwargs) == (real.name, real.args, real.kwargs), text
