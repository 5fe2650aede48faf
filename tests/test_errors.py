"""Messages name files as contributors would type them, wherever the file is."""

from __future__ import annotations

from downhill_engine.errors import EngineError, shown_path


def test_a_path_inside_the_root_is_shown_from_the_root(tmp_path):
    assert shown_path(tmp_path / "docs" / "lessons" / "a.md", tmp_path) == "docs/lessons/a.md"


def test_a_path_outside_the_root_is_shown_whole(tmp_path):
    outside = tmp_path / "other" / "a.md"
    assert shown_path(outside, tmp_path / "project") == outside.as_posix()


def test_an_error_leads_with_its_location():
    error = EngineError("docs/a.md", 12, "code block is never closed", "Close it with ```.")
    assert str(error) == "docs/a.md:12: code block is never closed\nClose it with ```."
    assert EngineError("docs/a.md", None, "empty").location == "docs/a.md"
