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
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from downhill_engine.build import Builder, Site  # noqa: E402
from downhill_engine.execute import Executor  # noqa: E402

STATIC_HOOK = """
from downhill_engine.render import superfences_output_fence


def on_config(config):
    fences = config.mdx_configs.setdefault("pymdownx.superfences", {}).setdefault("custom_fences", [])
    fences.append(superfences_output_fence())
    return config
"""

BLOCKS = [
    "import numpy as np\nfrom scipy.optimize import minimize, rosen, rosen_der\n\n"
    "result = minimize(rosen, x0=[-1.2 + {k} / 100, 1.0], jac=rosen_der, method='BFGS')\n"
    "print(result.nit, result.x.round(4))",
    "from scipy.optimize import root_scalar\n\nroot = root_scalar(lambda t: t**3 - {k} - 2, bracket=[0, 10])\n"
    "print(round(root.root, 6))",
    "from scipy.optimize import linprog\n\n"
    "plan = linprog(c=[-1, -2 - {k} / 100], A_ub=[[1, 1], [1, 3]], b_ub=[4, 6], bounds=[(0, None)] * 2)\n"
    "print(plan.status, plan.x.round(4))",
    "from scipy.integrate import quad\n\nprint(round(quad(lambda t: t**2 + {k}, 0, 1)[0], 6))",
    "import numpy as np\n\nrng = np.random.default_rng({k})\nsample = rng.normal(size=1000)\n"
    "print(sample.mean().round(3), sample.std().round(3))",
    "from scipy.optimize import least_squares\nimport numpy as np\n\nt = np.arange(10.0)\ny = 2 * t + 1 + {k} / 100\n"
    "fit = least_squares(lambda p: p[0] * t + p[1] - y, x0=[0, 0])\nprint(fit.x.round(4))",
    "from scipy.optimize import minimize_scalar\n\nprint(round(minimize_scalar(lambda t: (t - {k}) ** 2).x, 6))",
    "import matplotlib.pyplot as plt\nimport numpy as np\n\nx = np.linspace(0, 1, 100)\nfig, ax = plt.subplots()\n"
    "ax.plot(x, x ** ({k} % 5 + 1))\nax.set_title('Power {k}')",
]


def make_site(workdir: Path, pages: int) -> Path:
    """A copy of the real site plus `pages` synthetic pages of 8 blocks each."""
    site = workdir / "site-src"
    shutil.copytree(ROOT / "docs", site / "docs")
    shutil.copytree(ROOT / "snippets", site / "snippets")
    config = yaml_load((ROOT / "mkdocs.yml").read_text())  # MkDocs' own loader: it resolves !ENV
    config["hooks"] = [str(ROOT / "hooks" / "executed_blocks.py")]  # the engine alone is measured
    config.pop("watch", None)
    config["nav"].append({"Synthetic": [f"synthetic/page{n:03d}.md" for n in range(pages)]})
    (site / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    plain = dict(config, hooks=[])
    (site / "plain.yml").write_text(yaml.safe_dump(plain, sort_keys=False))
    (site / "docs" / "synthetic").mkdir()
    for n in range(pages):
        body = "\n\n".join(f"Block {i}.\n\n```python\n{code.format(k=n)}\n```" for i, code in enumerate(BLOCKS))
        (site / "docs" / "synthetic" / f"page{n:03d}.md").write_text(f"# Synthetic page {n}\n\n{body}\n")
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
        "PYTHONPATH": str(ROOT / "hooks"),
    }
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config], cwd=site, env=env, check=True)
    elapsed = time.perf_counter() - started
    report = site / ".cache" / "report.json"
    return elapsed, json.loads(report.read_text()) if config == "mkdocs.yml" else None


def session_overhead(count: int = 200) -> tuple[float, float]:
    """Milliseconds per empty session on one worker, and for an in-process exec of the same code."""
    with Executor(jobs=1) as pool:
        pool.run([{"blocks": ["pass"], "timeout": 10, "memory_mb": 512}])
        started = time.perf_counter()
        pool.run([{"blocks": ["pass"], "timeout": 10, "memory_mb": 512}] * count)
        forked = (time.perf_counter() - started) / count * 1000
    started = time.perf_counter()
    for _ in range(count):
        exec(compile("pass", "<bench>", "exec"), {})
    inline = (time.perf_counter() - started) / count * 1000
    return forked, inline


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
        page = site / "docs" / "synthetic" / "page000.md"
        page.write_text(page.read_text().replace("print(round(quad", "print('edited', round(quad"))
        edit, edit_report = build(site)
    block_time = sum(b["seconds"] for b in cold_report["blocks"] if b["status"] == "run")
    edited_time = sum(b["seconds"] for b in edit_report["blocks"] if b["status"] == "run")
    forked, inline = session_overhead()
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
        (f"per-session overhead {forked:.1f} ms (in-process exec: {inline:.3f} ms)", "≤ 10 ms", forked <= 10),
        (f"warm / plain = {warm / plain:.2f} (warm / static = {warm / static:.2f})", "≤ 1.10", warm <= 1.1 * plain),
        (f"cold = {cold:.2f} s vs 1.2 × (plain + block time / cores) = {cold_bound:.2f} s", "", cold <= cold_bound),
        ("warm build executes nothing", "", warm_ran == 0),
    ]
    print("Targets:")
    for text, target, met in checks:
        print(f"  [{'met' if met else 'MISSED'}] {text} {target}".rstrip())


if __name__ == "__main__":
    main()
