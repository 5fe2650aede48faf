"""The project installs as a package (pyproject.toml, `make setup`): console scripts, and no path tricks."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
PATH_TRICK = re.compile(r"PYTHONPATH|sys\.path\.(insert|append)|sys\.path\s*=")


def test_every_console_script_names_a_main_function_and_is_installed():
    assert set(SCRIPTS) == {"downhill-lint", "downhill-new-lesson", "downhill-pdf", "downhill-linkcheck"}
    for name, target in SCRIPTS.items():
        module, function = target.split(":")
        assert callable(getattr(importlib.import_module(module), function)), target
        assert (Path(sys.executable).parent / name).exists(), f"{name} is not installed: run `make setup`"


def test_the_installed_packages_are_this_checkouts_sources():
    for package in ("downhill_engine", "downhill_lessons", "downhill_mkdocs", "downhill_math", "downhill_tools"):
        found = Path(importlib.import_module(package).__file__).resolve()
        assert found.is_relative_to(ROOT), f"{package} imports from {found}, not from this checkout"


def test_the_link_check_runs_as_its_console_script(tmp_path):
    (tmp_path / "index.html").write_text('<a href="missing/">x</a>', encoding="utf-8")
    done = subprocess.run(
        [Path(sys.executable).parent / "downhill-linkcheck", str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1 and "missing/" in done.stdout + done.stderr


def test_no_file_finds_the_packages_by_a_path_trick():
    sources = [ROOT / name for name in ("Makefile", ".ci/run", ".pre-commit-config.yaml", "pyproject.toml")]
    for folder in ("hooks", "tools", "tests", "bench", "snippets", "docs", ".github"):
        sources += (path for path in (ROOT / folder).rglob("*") if path.suffix in {".py", ".md", ".yml", ".yaml"})
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sources
        if path != Path(__file__) and "node_modules" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PATH_TRICK.search(line)
    ]
    assert found == []
