"""Fixtures: a shared worker pool, and throwaway sites to build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from downhill_engine.build import Builder, Site
from downhill_engine.execute import Executor

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def executor():
    with Executor() as pool:
        yield pool


class Workspace:
    """A throwaway site: pages under docs/, snippets/, and a private cache."""

    def __init__(self, root: Path, executor: Executor) -> None:
        self.root = root
        self.docs = root / "docs"
        self.snippets = root / "snippets"
        self.docs.mkdir(parents=True, exist_ok=True)
        self.snippets.mkdir(exist_ok=True)
        self.site = Site(root, self.docs, (self.snippets,), root / ".cache")
        self.builder = Builder(self.site, executor)

    def page(self, name: str, text: str) -> str:
        (self.docs / name).write_text(text, encoding="utf-8")
        return name

    def fixture(self, name: str) -> str:
        shutil.copy(FIXTURES / "pages" / name, self.docs / name)
        return name

    def build(self, *names: str):
        return self.builder.build(list(names) or sorted(p.name for p in self.docs.glob("*.md")))

    def cache_keys(self) -> set[str]:
        return self.builder.cache.keys()


@pytest.fixture
def workspace(tmp_path: Path, executor: Executor) -> Workspace:
    return Workspace(tmp_path, executor)


# Page budgets (tests/browser/test_budgets.py) record what they measured as a "budget" property; print it
# at the end of every run, passing or failing, so a page growing towards its limit shows in `make test`.
# It lives here, not in tests/browser/, because pytest-xdist's controller loads only this conftest.
_budgets: list[str] = []


def pytest_runtest_logreport(report) -> None:
    if report.when == "call":
        _budgets.extend(value for name, value in report.user_properties if name == "budget")


def pytest_terminal_summary(terminalreporter) -> None:
    if _budgets:
        terminalreporter.section("page weight and speed budgets")
        for line in sorted(_budgets):
            terminalreporter.write_line(line)
