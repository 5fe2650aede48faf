"""How build time grows with content: 10, 30, 100 and 300 synthetic pages, cold and warm.

Run by `make bench`. Each size is a site of its own in a temporary folder: a home page and that many
synthetic pages of 8 small SciPy blocks (bench/synthetic.py), built by MkDocs and Material with the engine
alone, first with an empty cache (cold), then again (warm). A least-squares line through the times gives
the cost of one more page, and the fixed cost of any build.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import numpy as np
import yaml
from measure import measure
from mkdocs.utils.yaml import yaml_load
from synthetic import BLOCKS, write_pages

ROOT = Path(__file__).resolve().parent.parent


def make_site(root: Path, pages: int) -> Path:
    """A site of a home page and `pages` synthetic pages, configured like the real one."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Scale\n\nSynthetic pages.\n")
    (root / "snippets").mkdir()
    config = yaml_load((ROOT / "mkdocs.yml").read_text())  # MkDocs' own loader: it resolves !ENV
    config.pop("watch", None)
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])  # the project's theme overrides
    config.update(
        plugins=["search"],
        hooks=[str(ROOT / "hooks" / "executed_blocks.py")],
        extra_css=[],
        extra_javascript=[],
        nav=[{"Home": "index.md"}, {"Synthetic": write_pages(docs, pages)}],
    )
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 30, 100, 300], help="pages per site")
    args = parser.parse_args()
    cold, warm = [], []
    print(f"Scale: synthetic pages of {len(BLOCKS)} blocks, engine only; {os.cpu_count()} cores")
    print(f"{'pages':>6}{'blocks':>8}{'cold s':>9}{'warm s':>9}{'cold CPU s':>12}{'warm CPU s':>12}")
    with tempfile.TemporaryDirectory(prefix="downhill-scale-") as workdir:
        for pages in args.sizes:
            site = make_site(Path(workdir) / f"site-{pages}", pages)
            env = {
                **os.environ,
                "NO_MKDOCS_2_WARNING": "1",
                "DOWNHILL_CACHE_DIR": str(site / ".cache"),
                "MPLBACKEND": "Agg",
            }
            command = [sys.executable, "-m", "mkdocs", "build", "-q"]
            first, second = measure(command, site, env), measure(command, site, env)
            cold.append(first.wall)
            warm.append(second.wall)
            blocks = pages * len(BLOCKS)
            print(f"{pages:>6}{blocks:>8}{first.wall:>9.1f}{second.wall:>9.1f}{first.cpu:>12.1f}{second.cpu:>12.1f}")
    for name, seconds in (("cold", cold), ("warm", warm)):
        slope, intercept = np.polyfit(args.sizes, seconds, 1)
        print(
            f"Fitted {name}: {slope * 1000:.0f} ms per page + {intercept:.1f} s per build; "
            f"so 1000 pages ≈ {slope * 1000 + intercept:.0f} s"
        )


if __name__ == "__main__":
    main()
