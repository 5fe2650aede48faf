"""Build a set of pages: parse → plan → look up the cache → execute the misses → check → render.

Execution runs in the background: a site generator asks for pages in order with ``Build.page`` and gets
each one as soon as its own sessions are done, so rendering early pages overlaps running later ones.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from .cache import Cache
from .check import check, check_figures
from .errors import EngineError, shown_path
from .execute import Executor
from .includes import Includes
from .parse import Page, parse_page
from .plan import Planned, plan_page
from .render import Outcome, Rendered, render_page
from .report import BlockRecord, Report
from .results import SessionResult


@dataclass(frozen=True)
class Site:
    """Where a site's pages, snippets and cache live; paths in messages are relative to ``root``."""

    root: Path
    docs_dir: Path
    snippet_dirs: tuple[Path, ...]
    cache_dir: Path


@dataclass
class BuildResult:
    pages: dict[str, Rendered] = field(default_factory=dict)  # by path inside docs/
    page_errors: dict[str, EngineError] = field(default_factory=dict)  # pages that could not be rendered
    errors: list[EngineError] = field(default_factory=list)  # every failure, in page order
    report: Report = field(default_factory=Report)

    @property
    def figures(self) -> dict[str, bytes]:
        return {name: data for page in self.pages.values() for name, data in page.figures.items()}


class Builder:
    """Builds pages of one site; keep one per process so `mkdocs serve` reuses the worker pool."""

    def __init__(self, site: Site, executor: Executor) -> None:
        self.site = site
        self.executor = executor
        self.includes = Includes(site.root, list(site.snippet_dirs))
        self.cache = Cache(site.cache_dir)

    def start(self, docs_paths: list[str]) -> Build:
        """Parse and plan every page, serve what the cache has, and start running the rest."""
        return Build(self, docs_paths)

    def build(self, docs_paths: list[str]) -> BuildResult:
        """Build every page in ``docs_paths``; failures are collected, never raised, so all are shown."""
        return self.start(docs_paths).finish()

    def read(self, docs_path: str) -> str:
        return (self.site.docs_dir / docs_path).read_text(encoding="utf-8")

    def parse(self, docs_path: str, source: str) -> Page:
        relative = shown_path(self.site.docs_dir / docs_path, self.site.root)
        return parse_page(relative, self.includes.expand(source, relative))


class Build:
    """One build in flight.

    Each page is read and parsed here, once: ``sources`` and ``plans`` are what later passes over the same
    page (the lesson anatomy, its notebook) start from, rather than reading and parsing it again.
    """

    def __init__(self, builder: Builder, docs_paths: list[str]) -> None:
        self.builder = builder
        self.docs_paths = docs_paths
        self.sources: dict[str, str] = {}  # every page as written, even one that cannot be parsed
        self.page_errors: dict[str, EngineError] = {}
        self.plans: dict[str, tuple[Page, list[Planned]]] = {}
        self.report = Report(sandbox=builder.executor.confinement)
        for docs_path in docs_paths:
            self.sources[docs_path] = builder.read(docs_path)
            try:
                page = builder.parse(docs_path, self.sources[docs_path])
                self.report.add_excluded(page.excluded)
                self.plans[docs_path] = (page, plan_page(page))
            except EngineError as error:
                self.page_errors[docs_path] = error
        wanted = {item.key: item for _, plans in self.plans.values() for item in plans if item.skip_reason is None}
        builder.cache.dropped.clear()  # the builder outlives a build under `mkdocs serve`: count this build's only
        self.results: dict[str, SessionResult] = {
            key: hit for key in wanted if (hit := builder.cache.get(key)) is not None
        }
        self.misses = [item for key, item in wanted.items() if key not in self.results]
        self.fresh = {item.key for item in self.misses}
        self.outcomes: dict[str, list[Outcome]] = {}
        self.rendered: dict[str, Rendered] = {}
        self._arrived = threading.Condition()
        self._failure: BaseException | None = None
        self._finished: BuildResult | None = None
        self._runner = threading.Thread(target=self._execute, daemon=True)
        self._runner.start()

    def page(self, docs_path: str) -> Rendered | None:
        """The page's final Markdown, once its own sessions are done; None if it could not be parsed."""
        if docs_path not in self.plans:
            return None
        if docs_path not in self.rendered:
            page, plans = self.plans[docs_path]
            self._wait_for({item.key for item in plans if item.skip_reason is None})
            self.outcomes[docs_path] = [self._outcome(item) for item in plans]
            self.rendered[docs_path] = render_page(page, docs_path, self.outcomes[docs_path])
        return self.rendered[docs_path]

    def errors(self, docs_path: str) -> list[EngineError]:
        """The failures of one page, after ``page(docs_path)``."""
        if docs_path in self.page_errors:
            return [self.page_errors[docs_path]]
        return [outcome.failure for outcome in self.outcomes.get(docs_path, []) if outcome.failure]

    def finish(self) -> BuildResult:
        """Wait for every session, render what was not asked for, and write the report (once)."""
        if self._finished is not None:
            return self._finished
        self._runner.join()
        built = BuildResult(page_errors=self.page_errors, report=self.report)
        for docs_path in self.docs_paths:
            rendered = self.page(docs_path)
            if rendered is not None:
                built.pages[docs_path] = rendered
            built.errors.extend(self.errors(docs_path))
            for outcome in self.outcomes.get(docs_path, []):
                self.report.blocks.extend(_records(outcome))
        cache = self.builder.cache
        self.report.dropped_cache_entries = len(cache.dropped)
        if not built.errors:
            cache.prune({item.key for _, plans in self.plans.values() for item in plans})
        self.report.write(self.builder.site.cache_dir / "report.json")
        self._finished = built
        return built

    def _execute(self) -> None:
        try:
            site = self.builder.site
            readable = [str(path) for path in (site.root, site.docs_dir, *site.snippet_dirs)]  # never writable
            self.builder.executor.run([{**item.request(), "read": readable} for item in self.misses], self._deliver)
        except BaseException as error:  # noqa: BLE001 - handed to the thread that renders
            self._failure = error
        with self._arrived:
            self._arrived.notify_all()

    def _deliver(self, index: int, result: SessionResult) -> None:
        with self._arrived:
            self.results[self.misses[index].key] = result
            self._arrived.notify_all()

    def _wait_for(self, keys: set[str]) -> None:
        with self._arrived:
            while not keys <= self.results.keys():
                if self._failure is not None:
                    raise self._failure
                if not self._runner.is_alive():
                    raise RuntimeError("the execution thread ended without delivering every result")
                self._arrived.wait()

    def _outcome(self, planned: Planned) -> Outcome:
        result = self.results.get(planned.key)
        if result is None:
            return Outcome(planned, None)
        failure = check(planned, result) or check_figures(planned, result)
        if failure is None and planned.key in self.fresh:
            self.builder.cache.put(planned.key, result)
        return Outcome(planned, result, failure, fresh=planned.key in self.fresh)


def _records(outcome: Outcome) -> list[BlockRecord]:
    planned, result = outcome.planned, outcome.result
    head = planned.session.head.origin.line
    if result is None:
        return [
            BlockRecord(block.origin.path, block.origin.line, head, "skipped", 0.0) for block in planned.session.blocks
        ]
    status = "run" if outcome.fresh else "cached"
    records = []
    for index, block_result in enumerate(result.blocks):
        failed = outcome.failure is not None and index == len(result.blocks) - 1
        block = planned.session.blocks[index]
        seconds = round(block_result.seconds, 4)
        records.append(BlockRecord(block.origin.path, block.origin.line, head, "failed" if failed else status, seconds))
    return records
