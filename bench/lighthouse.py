"""Lighthouse on every lesson page: performance, accessibility, blocking time, LCP and the longest task.

Run by `make bench`, not by `make test`: a Lighthouse score moves with the machine's load (the same lesson
measured 72 idle and 34 under load), so it is a figure to watch, not a test to pass. The deterministic
budgets (bytes, HTML size, DOM elements, unused scripts) are tests: tests/browser/test_budgets.py.

The site is built into a temporary folder with `mkdocs build --strict` (the execution cache keeps it
quick), served gzipped as static hosts serve it (tools/static_server.py), and each page is run
--runs times (default 3) with Lighthouse's mobile preset; the median is printed. Goals: performance at
least 95, accessibility 100.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from downhill_tools import static_server

ROOT = Path(__file__).resolve().parent.parent

LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"
PERFORMANCE_GOAL = 95
ACCESSIBILITY_GOAL = 100


def run_once(url: str, output: Path, chromium: str) -> dict[str, float]:
    """One Lighthouse run: the two scores, total blocking time, LCP and the longest main-thread task (ms)."""
    subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            "--only-categories=performance,accessibility",
            "--output=json",
            f"--output-path={output}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--no-enable-error-reporting",
            "--disable-full-page-screenshot",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": chromium},
        check=True,
        timeout=180,
    )
    report = json.loads(output.read_text())
    audits = report["audits"]
    tasks = audits["long-tasks"].get("details", {}).get("items", [])
    return {
        "performance": report["categories"]["performance"]["score"] * 100,
        "accessibility": report["categories"]["accessibility"]["score"] * 100,
        "tbt": audits["total-blocking-time"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "longest": max((task["duration"] for task in tasks), default=0.0),
    }


def build(destination: Path) -> None:
    """The real site, built strictly into `destination`; the execution cache makes this quick after a build."""
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(destination)], cwd=ROOT, check=True
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", nargs="*", help="paths such as lessons/roots/ (default: home and every lesson)")
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None or shutil.which("node") is None or not LIGHTHOUSE.exists():
        print("lighthouse: needs Chromium, Node.js and `make lighthouse`; skipped", file=sys.stderr)
        return 2
    pages = args.pages or ["", *sorted(f"lessons/{page.stem}/" for page in (ROOT / "docs" / "lessons").glob("*.md"))]
    print(
        f"Lighthouse, mobile preset, median of {args.runs}; goals: performance >= {PERFORMANCE_GOAL}, "
        f"accessibility {ACCESSIBILITY_GOAL}"
    )
    print(f"{'page':<32}{'perf':>6}{'a11y':>6}{'TBT ms':>8}{'LCP ms':>8}{'longest ms':>12}")
    missed = 0
    with tempfile.TemporaryDirectory() as work:
        site = Path(work) / "site"
        build(site)
        with static_server.serve(site) as base:
            for path in pages:
                runs = [run_once(base + path, Path(work) / f"run{n}.json", chromium) for n in range(args.runs)]
                median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
                low = median["performance"] < PERFORMANCE_GOAL or median["accessibility"] < ACCESSIBILITY_GOAL
                missed += low
                flag = "  below goal" if low else ""
                print(
                    f"{'/' + path:<32}{median['performance']:>6.0f}{median['accessibility']:>6.0f}"
                    f"{median['tbt']:>8.0f}{median['lcp']:>8.0f}{median['longest']:>12.0f}{flag}"
                )
    print(f"{missed} of {len(pages)} pages below a goal")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
