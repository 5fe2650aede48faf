"""Build speed against the tools people use instead, measured side by side in one run.

Run by `make bench`. The same content, the real docs plus --pages synthetic pages of 8 small SciPy blocks,
is built three ways in a temporary copy of the project:
- the engine (hooks/executed_blocks.py alone, with its cache);
- markdown-exec: the run blocks as `exec="on"` fences, one session per page, executed in the MkDocs process
  (it has no cache, so every build runs everything);
- mkdocs-jupyter with `execute: true`: each page with run blocks as a notebook, run in a fresh kernel (it
  caches each notebook's HTML by the notebook's content, so a warm build runs nothing).
See bench/peers.py for how the pages are converted. Each tool is timed cold (empty caches), warm (nothing
changed) and after editing one block, next to a plain build of the same pages with no execution at all.
Machines here are shared: read the ratios, which compare builds made minutes apart in one run.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import yaml
from measure import Measured, measure
from mkdocs.utils.yaml import yaml_load
from peers import SETUP_TAG, write_markdown_exec, write_notebook
from synthetic import edit_one_block, write_pages

ROOT = Path(__file__).resolve().parent.parent
EDITED = "synthetic/page000.md"
TOOLS = ("engine", "markdown-exec", "mkdocs-jupyter")
GOAL_COLD = 3.0  # mkdocs-jupyter's cold build / the engine's
GOAL_WARM = 10.0  # markdown-exec's warm build / the engine's
GOAL_EDIT = 1.2  # the engine's edit rebuild / (plain build + the edited block's own time)
SERVING = re.compile(r"Serving on http")
BUILDING = re.compile(r"Building documentation")
RELOADED = re.compile(r"Reloading browsers")


class Project:
    """A temporary copy of the site with one config, docs folder, site folder and cache per tool."""

    def __init__(self, workdir: Path, pages: int) -> None:
        self.root = workdir / "project"
        shutil.copytree(ROOT / "docs", self.root / "docs")
        shutil.copytree(ROOT / "snippets", self.root / "snippets")
        config = yaml_load((ROOT / "mkdocs.yml").read_text())  # MkDocs' own loader: it resolves !ENV
        config.pop("watch", None)
        config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])  # the project's theme overrides
        config.update(plugins=["search"], hooks=[])  # no print page, no lesson anatomy: the execution is timed
        config["nav"].append({"Synthetic": write_pages(self.root / "docs", pages)})
        self.pages = sorted(path.relative_to(self.root / "docs").as_posix() for path in self.docs.rglob("*.md"))
        self._write("plain", config)
        self._write("engine", dict(config, hooks=[str(ROOT / "hooks" / "executed_blocks.py")]))
        shutil.copytree(self.docs, self.root / "docs-markdown-exec")
        self._write("markdown-exec", dict(config, plugins=["search", "markdown-exec"]))
        shutil.copytree(self.docs, self.root / "docs-mkdocs-jupyter")
        notebooks = {page for page in self.pages if self.convert(page, "mkdocs-jupyter")}
        for page in self.pages:
            self.convert(page, "markdown-exec")
        jupyter = {
            "execute": True,
            "include": ["*.ipynb"],
            "cache_dir": str(self.cache("mkdocs-jupyter")),
            "remove_tag_config": {"remove_cell_tags": [SETUP_TAG]},
        }
        nav = _renamed(config["nav"], {page: page.removesuffix(".md") + ".ipynb" for page in notebooks})
        self._write("mkdocs-jupyter", dict(config, nav=nav, plugins=["search", {"mkdocs-jupyter": jupyter}]))

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def cache(self, tool: str) -> Path:
        return self.root / ".cache" / tool

    def convert(self, page: str, tool: str) -> bool:
        """Write the tool's version of one page from docs/; True if the page runs blocks."""
        target = self.root / f"docs-{tool}" / page
        if tool == "markdown-exec":
            return write_markdown_exec(self.root, page, target)
        return write_notebook(self.root, page, target)

    def _write(self, tool: str, config: dict) -> None:
        docs = "docs" if tool in ("plain", "engine") else f"docs-{tool}"
        config = dict(config, docs_dir=docs, site_dir=f"site-{tool}")
        (self.root / f"{tool}.yml").write_text(yaml.safe_dump(config, sort_keys=False))

    def build(self, tool: str) -> Measured:
        return measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f", f"{tool}.yml"], self.root, self.env(tool))

    def env(self, tool: str) -> dict[str, str]:
        return {
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "DOWNHILL_CACHE_DIR": str(self.cache("engine")),
            # Jupyter's own backend draws a figure left open in a cell; Agg draws none.
            "MPLBACKEND": "module://matplotlib_inline.backend_inline" if tool == "mkdocs-jupyter" else "Agg",
        }

    def serve_rebuilds(self, tool: str, edits: list[int]) -> list[float]:
        """Under `mkdocs serve`, as authors rebuild: the seconds of the rebuild after each edit.

        Timed from MkDocs' "Building documentation" line to its "Reloading browsers" line (its own
        "Documentation built in" line is dropped by its duplicate-message filter when two builds take
        equally long). The first edit is not counted: it starts what a long-lived server keeps (the
        engine's fork server).
        """
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        command = [sys.executable, "-m", "mkdocs", "serve", "-f", f"{tool}.yml", "-a", f"127.0.0.1:{port}"]
        server = subprocess.Popen(command, cwd=self.root, env=self.env(tool), stderr=subprocess.PIPE, text=True)
        lines: queue.Queue[tuple[float, str]] = queue.Queue()
        threading.Thread(target=_pump, args=(server.stderr, lines), daemon=True).start()
        url = f"http://127.0.0.1:{port}/{EDITED.removesuffix('.md')}/"  # serve builds into a temporary folder
        try:
            _wait_for(lines, SERVING)  # the first build is done and the files are watched
            seconds = []
            for number in edits:
                edit_one_block(self.docs / EDITED, number)
                while True:  # the build that shows this edit, not one that was already under way
                    started = _wait_for(lines, BUILDING)
                    seconds_taken = _wait_for(lines, RELOADED) - started
                    if f"edited {number}" in urllib.request.urlopen(url).read().decode():
                        break
                seconds.append(seconds_taken)
            return seconds[1:]
        finally:
            server.terminate()
            server.wait(timeout=30)

    def engine_report(self) -> dict:
        return json.loads((self.cache("engine") / "report.json").read_text())

    def edit(self, number: int) -> None:
        """Edit one block of one synthetic page, in every tool's version of it."""
        edit_one_block(self.docs / EDITED, number)
        for tool in ("markdown-exec", "mkdocs-jupyter"):
            self.convert(EDITED, tool)


def _pump(stream, lines: queue.Queue[tuple[float, str]]) -> None:
    for line in stream:
        lines.put((time.perf_counter(), line))


def _wait_for(lines: queue.Queue[tuple[float, str]], pattern: re.Pattern) -> float:
    """When MkDocs logged the next line that matches `pattern`."""
    while True:
        when, line = lines.get(timeout=300)
        if pattern.search(line):
            return when


def _renamed(nav, names: dict[str, str]):
    """The nav with each page in `names` replaced by its new name."""
    if isinstance(nav, list):
        return [_renamed(item, names) for item in nav]
    if isinstance(nav, dict):
        return {title: _renamed(value, names) for title, value in nav.items()}
    return names.get(nav, nav)


def median(runs: list[Measured]) -> Measured:
    """The run with the median wall time (the lower middle one for an even count)."""
    return sorted(runs, key=lambda run: run.wall)[(len(runs) - 1) // 2]


def repeated(times: int, run: Callable[[int], Measured]) -> Measured:
    return median([run(number) for number in range(times)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=30, help="synthetic pages of 8 blocks (default 30)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each build short enough to repeat (3)")
    args = parser.parse_args()
    results: dict[tuple[str, str], Measured] = {}
    with tempfile.TemporaryDirectory(prefix="downhill-peers-") as workdir:
        project = Project(Path(workdir), args.pages)
        project.build("plain")  # warm the OS file cache before anything is timed
        for tool in TOOLS:
            results["cold", tool] = project.build(tool)
        cold_report = project.engine_report()
        # Rounds of plain and warm builds one after another, so drift in machine load hits all of them.
        # markdown-exec runs every block on every build, so its warm and edit builds are run once.
        plains, warms = [], {tool: [] for tool in TOOLS}
        for number in range(args.repeat):
            plains.append(project.build("plain"))
            for tool in TOOLS:
                if number == 0 or tool != "markdown-exec":
                    warms[tool].append(project.build(tool))
        warm_ran = project.engine_report()["counts"]["run"]
        edits: dict[str, list[Measured]] = {tool: [] for tool in TOOLS}
        edited_seconds = []
        for number in range(args.repeat):
            project.edit(number + 1)
            for tool in TOOLS:
                if number == 0 or tool != "markdown-exec":
                    edits[tool].append(project.build(tool))
                if tool == "engine":
                    report = project.engine_report()
                    ran = [block for block in report["blocks"] if block["status"] == "run"]
                    edited_seconds.append(sum(block["seconds"] for block in ran))
                    assert len(ran) == 1, f"the edit re-ran {len(ran)} blocks, not 1"
        first = args.repeat + 1  # edit numbers not used yet, so every edit changes the block
        served = {
            tool: project.serve_rebuilds(tool, list(range(first + start, first + start + args.repeat + 1)))
            for start, tool in ((0, "plain"), (args.repeat + 1, "engine"))
        }
    for tool in TOOLS:
        results["warm", tool] = median(warms[tool])
        results["edit", tool] = median(edits[tool])
    plain = median(plains)
    blocks = len(cold_report["blocks"])
    pages = len({block["page"] for block in cold_report["blocks"]})
    print(f"Peers: {blocks} blocks on {pages} pages ({args.pages} synthetic); {os.cpu_count()} cores")
    print(f"Median of {args.repeat} runs for plain, warm and edit builds; markdown-exec's warm and edit, once")
    print(f"{'case':<6}{'tool':<16}{'wall s':>8}{'CPU s':>8}{'peak MB':>8}{'wall × engine':>15}{'CPU × engine':>14}")
    for case in ("cold", "warm", "edit"):
        engine = results[case, "engine"]
        for tool in TOOLS:
            run = results[case, tool]
            print(f"{case:<6}{tool:<16}{run.line}{run.wall / engine.wall:>15.2f}{run.cpu / engine.cpu:>14.2f}")
    print(f"{'plain':<6}{'no execution':<16}{plain.line}")
    print("CPU: user + system of the build and every process it waited for; peak MB: PSS of its process tree")
    print("Goals are judged on wall time, what an author waits for; CPU time varies less with the machine's load")
    print(f"Blocks run by the engine's warm builds: {warm_ran}")
    best = results["warm", "markdown-exec"].wall / plain.wall
    print(f"No warm build beats a plain one: the warm ratio to markdown-exec cannot exceed {best:.1f}× here")
    serve_plain, serve_engine = (statistics.median(served[tool]) for tool in ("plain", "engine"))
    print(
        f"Edit one block under mkdocs serve (rebuild time, median of {args.repeat} after a first edit): "
        f"engine {serve_engine:.1f} s, plain {serve_plain:.1f} s"
    )
    print(
        f"A fresh mkdocs build that runs anything starts the engine's fork server: edit − warm = "
        f"{results['edit', 'engine'].wall - results['warm', 'engine'].wall:.1f} s; mkdocs serve keeps it"
    )

    cold = results["cold", "mkdocs-jupyter"].wall / results["cold", "engine"].wall
    warm = results["warm", "markdown-exec"].wall / results["warm", "engine"].wall
    edited = statistics.median(edited_seconds)
    edit_bound = GOAL_EDIT * plain.wall + edited
    serve_bound = GOAL_EDIT * serve_plain + edited
    goals = [
        (f"cold: {cold:.1f}× faster than mkdocs-jupyter", f"goal ≥ {GOAL_COLD:.0f}×", cold >= GOAL_COLD),
        (f"warm: {warm:.1f}× faster than markdown-exec", f"goal ≥ {GOAL_WARM:.0f}×", warm >= GOAL_WARM),
        (
            f"edit one block, mkdocs serve: {serve_engine:.1f} s vs {GOAL_EDIT} × plain {serve_plain:.1f} s"
            f" + the block's own {edited:.3f} s = {serve_bound:.1f} s",
            "goal ≤",
            serve_engine <= serve_bound,
        ),
        (
            f"edit one block, fresh mkdocs build: {results['edit', 'engine'].wall:.1f} s vs {GOAL_EDIT} × plain"
            f" {plain.wall:.1f} s + the block's own {edited:.3f} s = {edit_bound:.1f} s",
            "goal ≤",
            results["edit", "engine"].wall <= edit_bound,
        ),
    ]
    print("Goals:")
    for text, goal, met in goals:
        print(f"  [{'met' if met else 'MISSED'}] {text} ({goal})")


if __name__ == "__main__":
    main()
