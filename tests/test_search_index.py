"""Pagefind's index of a built site: which pages, which of their text, and where the bundle goes."""

from __future__ import annotations

import asyncio
import concurrent.futures
import gzip
import json
from pathlib import Path

from adapters import load

search_index = load("search_index")
build_index = search_index.build_index
pages = search_index.pages
searchable = search_index.searchable


PAGE = """<html lang="en"><head><title>{title} - Site</title></head><body>
<nav>Navigation every page repeats</nav>
<article class="md-content__inner md-typeset"><h1>{title}<a class="headerlink" href="#">¶</a></h1>
<p>{prose} Call <code>minimize_scalar</code> here.</p>
<div class="highlight" data-pagefind-ignore><pre>print("CODE-TOKEN")</pre></div>
<img alt="a figure" src="data:image/png;base64,QkFTRTY0VE9LRU4=">
</article></body></html>"""


def in_own_thread(coroutine):
    """Run `coroutine` in a thread of its own: under pytest-xdist, a worker that ran a browser test has
    Playwright's event loop running in this thread, and asyncio.run refuses to start a second one there."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def write_site(root: Path) -> Path:
    for relative, title, prose in [
        ("index.html", "Home", "Welcome aboard."),
        ("lessons/one/index.html", "Lesson one", "Brent's method brackets a minimum."),
        ("print_page/index.html", "Every lesson", "Brent's method brackets a minimum."),
        ("404.html", "Not found", "Nothing here."),
    ]:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE.format(title=title, prose=prose), encoding="utf-8")
    return root


def test_pages_are_the_destinations_by_url(tmp_path):
    site = write_site(tmp_path)
    (site / "pagefind").mkdir()
    (site / "pagefind" / "playground.html").write_text("<html></html>")
    assert list(pages(site)) == ["/", "/lessons/one/"]


def test_searchable_drops_data_uris_only():
    html = '<img alt="x" src="data:image/png;base64,AAAA"><a href="../one/">one</a>'
    assert searchable(html) == '<img alt="x"><a href="../one/">one</a>'


def test_index_holds_the_article_prose_and_inline_code_but_not_code_blocks(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # Pagefind resolves a relative output path against the working directory
    site = write_site(tmp_path / "site")
    assert in_own_thread(build_index(site)) == 2
    records = [
        json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        for path in (site / "pagefind" / "fragment").glob("*.pf_fragment")
    ]
    by_url = {record["url"]: record for record in records}
    assert set(by_url) == {"/", "/lessons/one/"}
    lesson = by_url["/lessons/one/"]
    assert lesson["meta"]["title"] == "Lesson one"
    assert "Brent's method" in lesson["content"] and "minimize_scalar" in lesson["content"]
    for left_out in ("CODE-TOKEN", "Navigation", "¶", "QkFTRTY0"):
        assert left_out not in lesson["content"]
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert not (tmp_path / "pagefind").exists()  # nothing written outside the site
