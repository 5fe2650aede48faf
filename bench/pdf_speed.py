"""PDF speed: how long `make pdf` takes to print the course once the site is built.

Run by `make bench`. Two courses, each built first (not timed) into a temporary copy of the project with a
copy of the execution cache: the real one, and one whose lessons are copied until it has --lessons of them
(default 30), the size of a whole course. Target: each PDF in under 60 s on this machine.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from downhill_tools.course_pdf import PdfError, find_chromium, make_pdf
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parent.parent

TARGET_SECONDS = 60
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def make_project(workdir: Path, lessons: int) -> Path:
    """The project with at least `lessons` lessons: the real ones, then copies of them in a module of their own."""
    project = workdir / f"course-{lessons}"
    for name in ("docs", "snippets", "hooks"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    if (ROOT / ".cache" / "downhill").is_dir():
        shutil.copytree(ROOT / ".cache" / "downhill", project / ".cache" / "downhill")
    shutil.copy(ROOT / "mkdocs.yml", project / "project.yml")
    nav = yaml_load((ROOT / "mkdocs.yml").read_text())["nav"]
    real = sorted((ROOT / "docs" / "lessons").glob("*.md"))
    copies = []
    (project / "docs" / "copies").mkdir()
    for number in range(max(0, lessons - len(real))):
        source = real[number % len(real)]
        (project / "docs" / "copies" / f"copy{number:03d}.md").write_text(FRONT_MATTER.sub("", source.read_text()))
        copies.append({f"Copy {number + 1} of {source.stem}": f"copies/copy{number:03d}.md"})
    if copies:
        glossary = next(index for index, item in enumerate(nav) if "Glossary" in item)
        nav.insert(glossary, {"Copies": copies})
    config = "INHERIT: project.yml\n" + yaml.safe_dump({"nav": nav}, allow_unicode=True, sort_keys=False)
    (project / "mkdocs.yml").write_text(config)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DOWNHILL_CACHE_DIR": str(project / ".cache" / "downhill")}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict"], cwd=project, env=env, check=True)
    return project / "site"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, default=30, help="lessons in the larger course (default 30)")
    args = parser.parse_args()
    try:
        find_chromium()
    except PdfError as error:
        print(f"PDF speed: not measured: {error}")
        return
    real = len(list((ROOT / "docs" / "lessons").glob("*.md")))
    print("PDF of the course, after the site is built (make pdf)")
    print(f"{'course':<24}{'lessons':>8}{'pages':>7}{'MB':>7}{'seconds':>9}  target < {TARGET_SECONDS} s")
    with tempfile.TemporaryDirectory(prefix="downhill-pdf-bench-") as workdir:
        for name, lessons in (("the real course", real), (f"{args.lessons} lessons", max(real, args.lessons))):
            site = make_project(Path(workdir), lessons)
            printed = make_pdf(site, site / "downhill.pdf")
            met = "met" if printed.seconds < TARGET_SECONDS else "MISSED"
            print(f"{name:<24}{lessons:>8}{printed.pages:>7}{printed.size / 1e6:>7.1f}{printed.seconds:>9.1f}  [{met}]")
            steps = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in printed.steps.items())
            print(f"  where the time goes: {steps}")


if __name__ == "__main__":
    main()
