"""The hooks' shared policy: build stops on a page's error, serve shows it; paths and fences set up once."""

from __future__ import annotations

from types import SimpleNamespace

import downhill_mkdocs as adapter
import pytest
from downhill_engine.errors import EngineError
from mkdocs.exceptions import PluginError


def config(tmp_path, extensions=()):
    return SimpleNamespace(
        config_file_path=str(tmp_path / "mkdocs.yml"), markdown_extensions=list(extensions), mdx_configs={}
    )


def test_only_serve_shows_errors_on_the_page():
    assert adapter.shows_errors_on_the_page("serve")
    assert not adapter.shows_errors_on_the_page("build")
    assert not adapter.shows_errors_on_the_page("gh-deploy")


def test_stop_names_every_error_without_a_traceback():
    errors = [EngineError("docs/a.md", 3, "first"), EngineError("docs/b.md", 9, "second")]
    with pytest.raises(PluginError) as raised:
        adapter.stop(errors)
    assert "docs/a.md:3: first" in str(raised.value) and "docs/b.md:9: second" in str(raised.value)
    assert raised.value.__suppress_context__


def test_the_cache_is_under_the_project_unless_a_test_moves_it(tmp_path, monkeypatch):
    monkeypatch.delenv("DOWNHILL_CACHE_DIR", raising=False)
    assert adapter.cache_dir(config(tmp_path)) == tmp_path / ".cache" / "downhill"
    monkeypatch.setenv("DOWNHILL_CACHE_DIR", str(tmp_path / "private"))
    assert adapter.cache_dir(config(tmp_path)) == tmp_path / "private"


def test_paths_are_shown_from_the_project_root(tmp_path):
    assert adapter.shown(tmp_path / "docs" / "a.md", config(tmp_path)) == "docs/a.md"


def test_fences_from_several_hooks_share_one_superfences_entry(tmp_path):
    site = config(tmp_path, ["admonition"])
    adapter.add_fences(site, {"name": "a"})
    adapter.add_fences(site, {"name": "b"}, {"name": "c"})
    assert site.markdown_extensions == ["admonition", adapter.SUPERFENCES]
    assert [fence["name"] for fence in site.mdx_configs[adapter.SUPERFENCES]["custom_fences"]] == ["a", "b", "c"]


def test_the_other_hooks_are_told_when_no_build_was_shared(monkeypatch):
    monkeypatch.setattr(adapter, "_current", {})
    with pytest.raises(RuntimeError, match=r"executed_blocks\.py must be listed"):
        adapter.current_build()
    build = SimpleNamespace(sources={"a.md": "# A"})
    adapter.share_build(build)
    assert adapter.current_build() is build
