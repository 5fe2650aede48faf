"""Throwaway MkDocs projects for integration tests, configured like the real one."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parent.parent


def project_nav() -> list:
    """The real site's navigation."""
    return yaml_load((ROOT / "mkdocs.yml").read_text())["nav"]


def project_config(hooks: list[str], nav: list, **overrides) -> str:
    """The project's own mkdocs.yml with other pages and hooks, so its settings (strict, extensions) apply."""
    config = yaml_load((ROOT / "mkdocs.yml").read_text())  # MkDocs' own loader: it resolves !ENV
    config.update(
        site_name="Fixture",
        hooks=[str(ROOT / "hooks" / hook) for hook in hooks],
        nav=nav,
        extra_css=[],
        extra_javascript=[],
        **overrides,
    )
    config.pop("watch", None)
    if "custom_dir" in config["theme"]:  # the project's theme overrides, wherever the fixture site is
        config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    return yaml.safe_dump(config)


def warm_cache(dest: Path) -> Path:
    """A private copy of the project's execution cache, when there is one.

    `make test` builds the site first, so a full-course build on the copy only re-renders. Tests never
    build into the real cache: under `-n auto` another test may be copying it while a build prunes it.
    """
    real = ROOT / ".cache" / "downhill"
    if real.is_dir():
        shutil.copytree(real, dest)
    return dest
