"""The build runs exactly the sessions pytest-codeblocks tests: page by page, by count and by line."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from sites import warm_cache

ROOT = Path(__file__).resolve().parent.parent


def test_build_and_pytest_codeblocks_run_the_same_sessions(tmp_path):
    cache = warm_cache(tmp_path / "cache")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DOWNHILL_CACHE_DIR": str(cache)}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    report = json.loads((cache / "report.json").read_text())
    built: dict[str, list[int]] = {}
    for block in report["blocks"]:
        lines = built.setdefault(block["page"], [])
        if block["session_line"] not in lines:
            lines.append(block["session_line"])

    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:xdist", "docs"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    tested: dict[str, list[int]] = {}
    for page, line in re.findall(r"^(docs/\S+\.md)::line (\d+)$", collected, re.M):
        tested.setdefault(page, []).append(int(line))

    assert tested, "pytest-codeblocks collected no lesson blocks"
    assert built == tested
