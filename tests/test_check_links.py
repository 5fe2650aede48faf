"""The link check finds each kind of broken internal link at its line, and leaves good and external links alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from downhill_tools import check_links

PAGES = {
    "index.html": """<html><body>
<a href="lessons/one/">one</a> <a href="lessons/one/#part">its part</a>
<a href="https://example.org/x#y">outside</a> <a href="mailto:someone@example.org">mail</a>
<img src="assets/missing.png">
<a href="lessons/one/#nowhere">no such anchor</a>
<a href="#top">top</a> <span id="top"></span>
<a href="../../outside.html">above the site</a>
<a href="downhill.pdf">the PDF</a>
</body></html>
""",
    "lessons/one/index.html": """<html><body><h2 id="part">Part</h2>
<a href="../../">home</a> <a href="../two/">two</a> <a href="./#part">here</a> <a name="old"></a>
<a href="../../index.html#old">a name on another page</a>
</body></html>
""",
}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    for name, text in PAGES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_each_broken_link_is_named_with_its_page_line_and_reason(site):
    found = [link.format() for link in check_links.check_site(site)]
    assert found == [
        "index.html:4: 'assets/missing.png': no file assets/missing.png",
        "index.html:5: 'lessons/one/#nowhere': no id 'nowhere' in lessons/one/index.html",
        "index.html:7: '../../outside.html': points outside the site",
        "index.html:8: 'downhill.pdf': no file downhill.pdf (`make pdf` writes it)",
        "lessons/one/index.html:2: '../two/': no file lessons/two/index.html",
        "lessons/one/index.html:3: '../../index.html#old': no id 'old' in index.html",
    ]


def test_a_clean_site_passes_and_the_command_says_so(site, capsys):
    (site / "index.html").write_text('<a href="lessons/one/#part">one</a>', encoding="utf-8")
    (site / "lessons/one/index.html").write_text('<h2 id="part">Part</h2><a href="../../">home</a>', encoding="utf-8")
    assert check_links.main([str(site)]) == 0
    assert "2 pages, no broken links" in capsys.readouterr().err


def test_the_command_fails_and_prints_each_broken_link(site, capsys):
    assert check_links.main([str(site)]) == 1
    out, err = capsys.readouterr()
    assert f"{site.as_posix()}/index.html:4: 'assets/missing.png'" in out
    assert "6 broken links" in err


def test_an_unbuilt_site_says_to_build_it(tmp_path, capsys):
    assert check_links.main([str(tmp_path / "site")]) == 2
    assert "make build" in capsys.readouterr().err
