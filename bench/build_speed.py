"""Build speed, measured side by side in one run: cold, warm, after editing one block, and plain.

Run with `make bench`. The site is the real docs plus synthetic pages of small SciPy work, built in a
temporary copy with its own cache. Two baselines, both without the execution hook:
- "plain": the same pages with execution disabled, so no outputs at all;
- "static": the pages as the engine renders them, outputs and figures written in by hand, as a site
  without execution would have to carry them. Warm minus static is what the engine itself costs.
Machines here are shared and noisy: read the ratios, which compare runs made in one go, not the seconds.
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
import time
from pathlib import Path

import yaml
from downhill_engine.build import Builder, Site
from downhill_engine.execute import Executor
from mkdocs.utils.yaml import yaml_load
from synthetic import edit_one_block, write_pages

ROOT = Path(__file__).resolve().parent.parent

STATIC_HOOK = """
from downhill_engine.render import superfences_output_fence


def on_config(config):
    fences = config.mdx_configs.setdefault("pymdownx.superfences", {}).setdefault("custom_fences", [])
    fences.append(superfences_output_fence())
    return config
"""


def make_site(workdir: Path, pages: int) -> Path:
    """A copy of the real site plus `pages` synthetic pages of 8 blocks each."""
    site = workdir / "site-src"
    shutil.copytree(ROOT / "docs", site / "docs")
    shutil.copytree(ROOT / "snippets", site / "snippets")
    config = yaml_load((ROOT / "mkdocs.yml").read_text())  # MkDocs' own loader: it resolves !ENV
    config["hooks"] = [str(ROOT / "hooks" / "executed_blocks.py")]  # the engine alone is measured
    config.pop("watch", None)
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])  # the project's theme overrides
    config["nav"].append({"Synthetic": write_pages(site / "docs", pages)})
    (site / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    plain = dict(config, hooks=[])
    (site / "plain.yml").write_text(yaml.safe_dump(plain, sort_keys=False))
    return site


def make_static(site: Path) -> None:
    """static.yml: the engine's final Markdown and figures written into a copy of docs/, and no hook."""
    with Executor() as pool:
        builder = Builder(Site(site, site / "docs", (site / "snippets",), site / ".cache"), pool)
        built = builder.build(
            sorted(path.relative_to(site / "docs").as_posix() for path in (site / "docs").rglob("*.md"))
        )
    static = site / "static-docs"
    shutil.copytree(site / "docs", static)
    for name, rendered in built.pages.items():
        (static / name).write_text(rendered.markdown)
    (static / "assets" / "figures").mkdir(parents=True)
    for name, data in built.figures.items():
        (static / name).write_bytes(data)
    (site / "static_hook.py").write_text(STATIC_HOOK)
    config = yaml_load((site / "plain.yml").read_text())
    config.update(docs_dir="static-docs", hooks=["static_hook.py"])
    (site / "static.yml").write_text(yaml.safe_dump(config, sort_keys=False))


def build(site: Path, config: str = "mkdocs.yml") -> tuple[float, dict | None]:
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "DOWNHILL_CACHE_DIR": str(site / ".cache"),
    }
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config], cwd=site, env=env, check=True)
    elapsed = time.perf_counter() - started
    report = site / ".cache" / "report.json"
    return elapsed, json.loads(report.read_text()) if config == "mkdocs.yml" else None


def session_overhead(count: int = 200, *, sandboxed: bool = True) -> float:
    """Milliseconds per empty session on one worker, confined by the sandbox or not."""
    request = {"blocks": ["pass"], "timeout": 10, "memory_mb": 512, "read": [str(ROOT)]}
    with Executor(jobs=1, sandboxed=sandboxed) as pool:
        if sandboxed and not pool.confinement.abi:
            sys.exit(f"cannot measure the sandbox: {pool.confinement.reason}")
        pool.run([request])
        started = time.perf_counter()
        pool.run([request] * count)
        return (time.perf_counter() - started) / count * 1000


def inline_overhead(count: int = 200) -> float:
    """Milliseconds per in-process exec of the same code: the floor a fork server is compared with."""
    started = time.perf_counter()
    for _ in range(count):
        exec(compile("pass", "<bench>", "exec"), {})
    return (time.perf_counter() - started) / count * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=30, help="synthetic pages of 8 blocks (default 30)")
    parser.add_argument("--repeat", type=int, default=5, help="rounds of plain, static and warm builds (default 5)")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="downhill-bench-") as workdir:
        site = make_site(Path(workdir), args.pages)
        build(site, "plain.yml")  # warm the OS file cache before anything is timed
        cold, cold_report = build(site)
        make_static(site)
        # Rounds of plain, static and warm one after another, so drift in machine load hits all three.
        rounds = [(build(site, "plain.yml")[0], build(site, "static.yml")[0], build(site)) for _ in range(args.repeat)]
        plain = statistics.median(plain for plain, _, _ in rounds)
        static = statistics.median(static for _, static, _ in rounds)
        warm = statistics.median(seconds for _, _, (seconds, _) in rounds)
        warm_ran = max(report["counts"]["run"] for _, _, (_, report) in rounds)
        edit_one_block(site / "docs" / "synthetic" / "page000.md")
        edit, edit_report = build(site)
    block_time = sum(b["seconds"] for b in cold_report["blocks"] if b["status"] == "run")
    edited_time = sum(b["seconds"] for b in edit_report["blocks"] if b["status"] == "run")
    # Alternate the pair, so drift in machine load hits both.
    pairs = [(session_overhead(sandboxed=True), session_overhead(sandboxed=False)) for _ in range(3)]
    confined = statistics.median(on for on, _ in pairs)
    unconfined = statistics.median(off for _, off in pairs)
    inline = inline_overhead()
    blocks = len(cold_report["blocks"])
    rows = [
        ("plain build (no execution)", plain, "1.00"),
        ("static build (outputs pasted in)", static, f"{static / plain:.2f}"),
        ("cold build (empty cache)", cold, f"{cold / plain:.2f}"),
        ("warm build (nothing changed)", warm, f"{warm / plain:.2f}"),
        ("rebuild after editing one block", edit, f"{edit / plain:.2f}"),
    ]
    pages = len({block["page"] for block in cold_report["blocks"]})
    print(f"Site: {blocks} blocks on {pages} pages; {cores} cores; median of {args.repeat} where repeated")
    print(f"{'build':<34}{'seconds':>9}{'× plain':>9}")
    for name, seconds, ratio in rows:
        print(f"{name:<34}{seconds:>9.2f}{ratio:>9}")
    print(f"Total block time in the cold build: {block_time:.2f} s; blocks run when warm: {warm_ran}")
    print(f"Blocks re-run after the edit: {edit_report['counts']['run']} (their own time {edited_time:.3f} s)")
    cold_bound = 1.2 * (plain + block_time / cores)
    checks = [
        (
            f"per-session overhead {confined:.1f} ms with the sandbox, {unconfined:.1f} ms without "
            f"(in-process exec: {inline:.3f} ms)",
            "≤ 10 ms",
            confined <= 10,
        ),
        (f"warm / plain = {warm / plain:.2f} (warm / static = {warm / static:.2f})", "≤ 1.10", warm <= 1.1 * plain),
        (f"cold = {cold:.2f} s vs 1.2 × (plain + block time / cores) = {cold_bound:.2f} s", "", cold <= cold_bound),
        ("warm build executes nothing", "", warm_ran == 0),
    ]
    print("Targets:")
    for text, target, met in checks:
        print(f"  [{'met' if met else 'MISSED'}] {text} {target}".rstrip())


if __name__ == "__main__":
    main()
