"""The engine core must run without MkDocs, so that another site generator can drive it."""

import subprocess
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parent.parent / "hooks" / "downhill_engine"


def test_engine_core_imports_nothing_from_mkdocs():
    modules = sorted(f"downhill_engine.{path.stem}" for path in ENGINE.glob("*.py") if path.stem != "__init__")
    code = (
        f"import sys\nfor name in {modules!r}:\n    __import__(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ENGINE.parent, capture_output=True, text=True, check=True)
    assert len(modules) >= 10
    assert done.stdout.strip() == "[]"


def test_math_extension_imports_nothing_from_mkdocs():
    """Zensical runs Python-Markdown extensions, not MkDocs hooks: the math must not need MkDocs."""
    code = (
        "import sys, downhill_math.extension, downhill_math.dollars\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ENGINE.parent, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
