"""The built site, fixture pages and printed course included: its links resolve, and every page can be edited."""

from __future__ import annotations

from pathlib import Path

from downhill_tools import check_links
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parents[2]


def test_every_internal_link_and_anchor_resolves(site_dir):
    broken = [link.format() for link in check_links.check_site(site_dir) if "make pdf" not in link.reason]
    assert broken == [], "\n".join(broken)


def test_every_page_has_edit_and_view_source_buttons_for_its_source(site_dir):
    config = yaml_load((ROOT / "mkdocs.yml").read_text())  # resolves !ENV, as the build did
    repo, edit_uri = config["repo_url"].rstrip("/"), config["edit_uri"]
    pages = sorted(p for p in site_dir.rglob("index.html") if p.parent.name not in {"print_page", "search"})
    assert len(pages) > 10
    docs = site_dir.parent / "docs"
    for page in pages:
        folder = page.parent.relative_to(site_dir).as_posix()
        source = "index.md" if folder == "." else f"{folder}.md"
        if not (docs / source).exists() and (docs / folder / "index.md").exists():
            source = f"{folder}/index.md"  # a section's index page: a module's page
        elif not (docs / source).exists():
            source = f"{folder}.ipynb"  # a notebook page: the button edits the notebook
        html = page.read_text(encoding="utf-8")
        edit = f"{repo}/{edit_uri}{source}"
        assert f'href="{edit}"' in html, f"{page}: no edit button to {edit}"
        assert f'href="{edit.replace("/edit/", "/raw/")}"' in html, f"{page}: no view-source button"
    for page in site_dir.rglob("*.html"):  # the repository link must not make Material's script ask GitHub's API
        assert 'data-md-component="source"' not in page.read_text(encoding="utf-8"), page
