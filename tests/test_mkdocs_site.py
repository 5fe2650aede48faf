"""The MkDocs adapter, through the real `mkdocs` command on a small fixture site."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from sites import project_config

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"
MKDOCS = [sys.executable, "-m", "mkdocs"]


class FixtureSite:
    def __init__(self, root: Path) -> None:
        self.root = root
        shutil.copytree(FIXTURE, root)
        (root / "mkdocs.yml").write_text(project_config(["executed_blocks.py"], ["index.md", "figures.md"]))
        self.env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}

    def build(self, *, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [*MKDOCS, "build", "--strict"], check=False, cwd=self.root, env=self.env, capture_output=True, text=True
        )
        if check:
            assert done.returncode == 0, done.stderr
        return done

    def report(self) -> dict:
        return json.loads((self.root / ".cache" / "downhill" / "report.json").read_text())

    def html(self, page: str) -> str:
        return (self.root / "site" / page / "index.html").read_text()

    def edit(self, page: str, old: str, new: str) -> None:
        path = self.root / "docs" / page
        path.write_text(path.read_text().replace(old, new))


@pytest.fixture
def site(tmp_path: Path) -> FixtureSite:
    return FixtureSite(tmp_path / "site-src")


def test_build_puts_outputs_and_figures_under_blocks(site):
    done = site.build()
    home = (site.root / "site" / "index.html").read_text()
    assert "hello, fixture" in home and "FIRST-CHAIN 10" in home and "SECOND-IN-CHAIN 4" in home
    figures = site.html("figures")
    assert 'alt="A parabola"' in figures and "FIGURE-PAGE-TOKEN" in figures
    assert len(list((site.root / "site" / "assets" / "figures").glob("*.svg"))) == 2  # light and dark
    assert "Outputs produced with Python" in home
    assert "Downhill: 5 blocks run, 0 from cache, 0 failed" in done.stderr


def test_rebuild_executes_nothing(site):
    site.build()
    site.build()
    assert site.report()["counts"] == {"run": 0, "cached": 5, "failed": 0, "skipped": 0}


def test_editing_one_block_reruns_only_its_chain(site):
    site.build()
    site.edit("index.md", '"SECOND-IN-CHAIN"', '"SECOND-IN-CHAIN-EDITED"')
    site.build()
    ran = [(block["page"], block["line"]) for block in site.report()["blocks"] if block["status"] == "run"]
    assert ran == [("docs/index.md", 9), ("docs/index.md", 17)]
    assert "SECOND-IN-CHAIN-EDITED 4" in (site.root / "site" / "index.html").read_text()


def test_moving_a_block_down_the_page_reuses_its_result(site):
    site.build()
    site.edit("figures.md", "# Figures\n", "# Figures\n\nA new paragraph of prose.\n")
    site.build()
    assert site.report()["counts"]["run"] == 0


def test_two_clean_builds_are_byte_identical(site, tmp_path):
    site.build()
    first = tmp_path / "first"
    shutil.copytree(site.root / "site", first)
    shutil.rmtree(site.root / "site")
    shutil.rmtree(site.root / ".cache")
    site.build()
    second = site.root / "site"
    files = sorted(path.relative_to(first) for path in first.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(second) for path in second.rglob("*") if path.is_file())
    different = [str(name) for name in files if (first / name).read_bytes() != (second / name).read_bytes()]
    assert different == []


def test_failing_block_fails_the_build_and_leaves_no_stale_page(site):
    site.build()
    site.edit("figures.md", 'print("UNRELATED", 6 * 7)', 'print("UNRELATED", 6 / 0)')
    done = site.build(check=False)
    assert done.returncode != 0
    assert "docs/figures.md:15: block raised ZeroDivisionError" in done.stderr
    assert not (site.root / "site" / "figures" / "index.html").exists()


def test_serve_reruns_only_the_edited_chain_and_shows_errors_on_the_page(site):
    port = _free_port()
    server = subprocess.Popen(
        [*MKDOCS, "serve", "-a", f"127.0.0.1:{port}"],  # as `make serve` runs it, with live reload
        cwd=site.root,
        env=site.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/figures/"
    try:
        assert "UNRELATED 42" in _fetch(url, server, "UNRELATED")
        site.edit("figures.md", 'print("UNRELATED", 6 * 7)', 'print("UNRELATED", 6 * 8)')
        assert "UNRELATED 48" in _fetch(url, server, "UNRELATED 48")
        assert site.report()["counts"] == {"run": 1, "cached": 4, "failed": 0, "skipped": 0}

        site.edit("figures.md", 'print("UNRELATED", 6 * 8)', 'print("UNRELATED", 6 / 0)')
        page = _fetch(url, server, "admonition failure")
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert "Downhill: docs/figures.md:15" in page
    assert "ZeroDivisionError" in page
    assert "FIGURE-PAGE-TOKEN" in page  # the rest of the page still renders
    assert "UNRELATED 48" not in page  # and the failed block's old output is gone


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str, server: subprocess.Popen, waiting_for: str) -> str:
    """Poll the page until it contains ``waiting_for``: the server rebuilds in the background."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read()
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - localhost only
                page = response.read().decode()
            if waiting_for in page:
                return page
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"mkdocs serve never showed {waiting_for!r} at {url}")


def test_a_page_with_the_report_marker_shows_this_builds_report(site):
    site.build()
    (site.root / "docs" / "index.md").write_text(
        (site.root / "docs" / "index.md").read_text() + "\n<!-- build-report -->\n"
    )
    site.build()  # the second build: every block comes from the cache, and the page must say so
    home = (site.root / "site" / "index.html").read_text()
    assert "<!-- build-report -->" not in home
    assert "Downhill: 0 blocks run, 5 from cache, 0 failed" in home
    assert '<td><code>docs/figures.md</code></td><td class="dh-table__number">0</td>' in home


def test_search_index_keeps_prose_and_leaves_out_code_and_output(site):
    (site.root / "mkdocs.yml").write_text(
        project_config(
            ["executed_blocks.py", "code_markup.py", "search_scope.py", "search_index.py"], ["index.md", "figures.md"]
        )
    )
    site.build()
    text = " ".join(fragment["content"] for fragment in search_fragments(site.root / "site"))
    assert "Fixture home" in text
    assert "FIRST-CHAIN" not in text and "np.arange" not in text  # an output, and the code that printed it
    assert not (site.root / "site" / "search").exists()  # Material's index is gone
    home = site.html("")
    assert "FIRST-CHAIN 10" in home and "data-pagefind-ignore" in home
    assert '<span class="n">' not in home and "values" in home


def search_fragments(site_dir: Path) -> list[dict]:
    """Pagefind's per-page records: gzipped JSON after a signature."""
    fragments = sorted((site_dir / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert fragments, "no search fragments were written"
    return [json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")) for path in fragments]


def test_a_hook_that_edits_a_page_before_the_engine_stops_the_build_instead_of_losing_the_edit(site):
    """The engine renders a page from its own read of the file, so an edit made before it would vanish."""
    edit = site.root / "edit.py"
    edit.write_text('def on_page_markdown(markdown, **kwargs):\n    return markdown + "\\nEDITED\\n"\n')
    (site.root / "mkdocs.yml").write_text(project_config([str(edit), "executed_blocks.py"], ["index.md", "figures.md"]))
    done = site.build(check=False)
    assert done.returncode != 0
    assert "docs/index.md: a plugin or hook that runs before hooks/executed_blocks.py changed" in done.stderr
    assert "Traceback" not in done.stderr
