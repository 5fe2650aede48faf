"""Throwaway MkDocs projects for integration tests, configured like the real one."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


class _ConfigLoader(yaml.SafeLoader):
    """A safe loader that reads mkdocs.yml's `!ENV [NAME, default]` tags as their default."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def project_config(hooks: list[str], nav: list, **overrides) -> str:
    """The project's own mkdocs.yml with other pages and hooks, so its settings (strict, extensions) apply."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_ConfigLoader)  # noqa: S506 - safe + !ENV
    config.update(
        site_name="Fixture",
        hooks=[str(ROOT / "hooks" / hook) for hook in hooks],
        nav=nav,
        extra_css=[],
        extra_javascript=[],
        **overrides,
    )
    config.pop("watch", None)
    return yaml.safe_dump(config)
