"""The interpreter and packages that produce outputs: named on the site and part of every cache key."""

from __future__ import annotations

import hashlib
import importlib.metadata
import platform
import sys
from functools import cache
from pathlib import Path

SHOWN_PACKAGES = ("numpy", "scipy", "matplotlib")


@cache
def versions() -> dict[str, str]:
    """Python and the packages readers care about, for the site footer."""
    found = {"python": platform.python_version()}
    for name in SHOWN_PACKAGES:
        found[name] = importlib.metadata.version(name)
    return found


def describe() -> str:
    """One line for the footer: which versions produced the outputs on this site."""
    found = versions()
    return (
        f"Outputs produced with Python {found['python']}, NumPy {found['numpy']}, "
        f"SciPy {found['scipy']} and Matplotlib {found['matplotlib']}."
    )


@cache
def fingerprint() -> str:
    """Hash of the Python version, every installed distribution and the engine's own source.

    Any of these can change what a block prints, so any change must miss the cache.
    """
    digest = hashlib.sha256()
    digest.update(platform.python_version().encode())
    digest.update("\n".join(installed_distributions()).encode())
    digest.update(engine_version().encode())
    return digest.hexdigest()


def installed_distributions() -> list[str]:
    """Every installed distribution as its ``name-version.dist-info`` folder name.

    Reading folder names is a few milliseconds; parsing every METADATA file, as importlib.metadata does,
    costs a tenth of a warm build.
    """
    found = set()
    for entry in sys.path:
        folder = Path(entry or ".")
        if folder.is_dir():
            found.update(info.name for info in folder.glob("*.dist-info"))
    return sorted(found)


@cache
def engine_version() -> str:
    """Hash of the engine's sources: editing the engine invalidates every cached result."""
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]
