"""How long the test suite takes with pytest-xdist's workers (`-n auto`, as `make test` runs it) and without.

Run by `make bench`. By default it times pytest without the browser tests (tests/browser/: they build and
serve their own site and drive Chromium, about five more minutes a run), so `make bench` stays short: that
is every unit and integration test and every lesson block. `--browser` times the whole of pytest as
`make test` runs it after its lint and build. The two runs are made one after the other in this run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from measure import measure

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--browser", action="store_true", help="include tests/browser (about 5 min more a run)")
    args = parser.parse_args()
    scope = [] if args.browser else ["--ignore=tests/browser"]
    what = "pytest, every test" if args.browser else "pytest without tests/browser"
    print(f"Test suite: {what}; {os.cpu_count()} cores")
    print(f"{'workers':<14}{'wall s':>8}{'CPU s':>8}{'peak MB':>8}")
    runs = {}
    for workers in ("auto", "0"):
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", workers, *scope]
        try:
            runs[workers] = measure(command, ROOT, dict(os.environ))
        except subprocess.CalledProcessError as error:
            print(f"-n {workers}: pytest failed (exit {error.returncode}); not timed")
            return
        print(f"{'-n ' + workers:<14}{runs[workers].line}")
    print(f"-n auto is {runs['0'].wall / runs['auto'].wall:.2f}× as fast as -n 0")


if __name__ == "__main__":
    main()
