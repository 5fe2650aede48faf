"""The MkDocs adapters (hooks/*.py) loaded from their files, as MkDocs loads them: they are not packages."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

HOOKS = Path(__file__).resolve().parents[1] / "hooks"


def load(name: str) -> ModuleType:
    """Import hooks/NAME.py under its own name, once per test session."""
    spec = importlib.util.spec_from_file_location(f"hooks.{name}", HOOKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
