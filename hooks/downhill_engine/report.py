"""The build's account of itself: one summary line for people, one JSON file for tools and tests."""

from __future__ import annotations

import html
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .includes import Origin
from .sandbox import Support


@dataclass
class BlockRecord:
    """One executed (or skipped, or failed) block: where it is and what the build did with it."""

    page: str
    line: int
    session_line: int
    status: str  # "run", "cached", "failed" or "skipped"
    seconds: float


@dataclass
class Report:
    blocks: list[BlockRecord] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    dropped_cache_entries: int = 0
    sandbox: Support = field(default_factory=lambda: Support(0, "no examples were run"))

    def add_excluded(self, origins: tuple[Origin, ...]) -> None:
        self.excluded.extend(str(origin) for origin in origins)

    def count(self, status: str) -> int:
        return sum(record.status == status for record in self.blocks)

    def summary(self) -> str:
        executing = sum(record.seconds for record in self.blocks if record.status in ("run", "failed"))
        slowest = sorted((record for record in self.blocks if record.status != "skipped"), key=lambda r: -r.seconds)[:5]
        line = (
            f"Downhill: {self.count('run')} blocks run, {self.count('cached')} from cache, "
            f"{self.count('failed')} failed, {self.count('skipped')} skipped, {executing:.2f} s executing"
        )
        if slowest:
            line += "; slowest: " + ", ".join(f"{r.page}:{r.line} {r.seconds:.2f} s" for r in slowest)
        return line

    def unconfined(self) -> str | None:
        """The one line saying examples ran without the sandbox, and why; None when they were confined."""
        if self.sandbox.abi:
            return None
        return f"Downhill: examples ran unconfined (no filesystem, network or signal sandbox): {self.sandbox.reason}"

    def exclusions(self) -> str | None:
        if not self.excluded:
            return None
        return (
            f"Downhill: {len(self.excluded)} Python-looking blocks are not run by the build or the tests "
            f"(only ```python fences are): {', '.join(self.excluded)}"
        )

    def to_html(self) -> str:
        """This build's account as a table per page, for the page that explains how the site is built."""
        pages: dict[str, dict[str, float]] = {}
        for record in self.blocks:
            row = pages.setdefault(record.page, dict.fromkeys(("run", "cached", "skipped", "failed", "seconds"), 0))
            row[record.status] += 1
            row["seconds"] += record.seconds if record.status in ("run", "failed") else 0
        head = "".join(
            f'<th scope="col">{name}</th>' for name in ("Page", "Run", "From cache", "Skipped", "Failed", "Seconds")
        )
        rows = "".join(
            f"<tr><td><code>{html.escape(page)}</code></td>"
            + "".join(
                f'<td class="dh-table__number">{int(row[key])}</td>' for key in ("run", "cached", "skipped", "failed")
            )
            + f'<td class="dh-table__number">{row["seconds"]:.2f}</td></tr>'
            for page, row in sorted(pages.items())
        )
        return (
            f'<p class="dh-build-report__summary">{html.escape(self.summary())}</p>\n'
            f'<div class="dh-table" role="region" aria-label="Blocks per page in this build" tabindex="0"><table>'
            f"<caption>Blocks per page in this build</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{rows}</tbody></table></div>"
        )

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "summary": self.summary(),
            "counts": {status: self.count(status) for status in ("run", "cached", "failed", "skipped")},
            "excluded": self.excluded,
            "dropped_cache_entries": self.dropped_cache_entries,
            "sandbox": bool(self.sandbox.abi),
            "landlock_abi": self.sandbox.abi,
            "unconfined_reason": self.sandbox.reason or None,
            "blocks": [asdict(record) for record in self.blocks],
        }
        path.write_text(json.dumps(data, indent=2) + "\n")
