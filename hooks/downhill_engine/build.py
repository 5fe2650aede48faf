"""Build a set of pages: parse → plan → look up the cache → execute the misses → check → render."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .cache import Cache
from .check import check, check_figures
from .errors import EngineError
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

    def build(self, docs_paths: list[str]) -> BuildResult:
        """Build every page in ``docs_paths``; failures are collected, never raised, so all are shown."""
        built = BuildResult()
        plans: dict[str, tuple[Page, list[Planned]]] = {}
        for docs_path in docs_paths:
            try:
                page = self._parse(docs_path)
                built.report.add_excluded(page.excluded)
                plans[docs_path] = (page, plan_page(page))
            except EngineError as error:
                built.page_errors[docs_path] = error
                built.errors.append(error)
        everything = [planned for _, page_plans in plans.values() for planned in page_plans]
        results, fresh = self._results(everything)
        for docs_path, (page, page_plans) in plans.items():
            outcomes = [self._outcome(planned, results, fresh, built) for planned in page_plans]
            built.pages[docs_path] = render_page(page, docs_path, outcomes)
        built.report.dropped_cache_entries = len(self.cache.dropped)
        if not built.errors:
            self.cache.prune({planned.key for planned in everything})
        built.report.write(self.site.cache_dir / "report.json")
        return built

    def _parse(self, docs_path: str) -> Page:
        path = self.site.docs_dir / docs_path
        relative = path.resolve().relative_to(self.site.root.resolve()).as_posix()
        expanded = self.includes.expand(path.read_text(encoding="utf-8"), relative)
        return parse_page(relative, expanded)

    def _results(self, planned: list[Planned]) -> tuple[dict[str, SessionResult], set[str]]:
        """Cached results where valid, fresh runs for the rest; each distinct session runs once."""
        wanted = {item.key: item for item in planned if item.skip_reason is None}
        results = {key: hit for key in wanted if (hit := self.cache.get(key)) is not None}
        misses = [item for key, item in wanted.items() if key not in results]
        ran = self.executor.run([item.request() for item in misses])
        fresh = {item.key for item in misses}
        results.update(zip((item.key for item in misses), ran, strict=True))
        return results, fresh

    def _outcome(self, planned: Planned, results, fresh: set[str], built: BuildResult) -> Outcome:
        session = planned.session
        result = results.get(planned.key)
        if result is None:
            for block in session.blocks:
                built.report.blocks.append(_record(planned, block, "skipped", 0.0))
            return Outcome(planned, None)
        failure = check(planned, result) or check_figures(planned, result)
        if failure is None and planned.key in fresh:
            self.cache.put(planned.key, result)
        if failure is not None:
            built.errors.append(failure)
        status = "run" if planned.key in fresh else "cached"
        for index, block_result in enumerate(result.blocks):
            last = index == len(result.blocks) - 1
            block_status = "failed" if failure is not None and last else status
            built.report.blocks.append(_record(planned, session.blocks[index], block_status, block_result.seconds))
        return Outcome(planned, result, failure)


def _record(planned: Planned, block, status: str, seconds: float) -> BlockRecord:
    head = planned.session.head.origin
    return BlockRecord(block.origin.path, block.origin.line, head.line, status, round(seconds, 4))
