import json

from downhill_engine.includes import Origin
from downhill_engine.report import BlockRecord, Report
from downhill_engine.sandbox import Support


def test_summary_counts_and_names_the_five_slowest_blocks(tmp_path):
    report = Report()
    report.blocks = [BlockRecord("docs/a.md", 10 * n, 10 * n, "run", n / 10) for n in range(1, 7)]
    report.blocks += [
        BlockRecord("docs/b.md", 5, 5, "cached", 0.05),
        BlockRecord("docs/b.md", 9, 9, "failed", 0.01),
        BlockRecord("docs/b.md", 20, 20, "skipped", 0.0),
    ]
    summary = report.summary()
    assert summary.startswith(
        "Downhill: 6 blocks run, 1 from cache, 1 failed, 1 skipped, 2.11 s executing; slowest: "
        "docs/a.md:60 0.60 s, docs/a.md:50 0.50 s"
    )
    assert summary.count(" s,") == 4  # five blocks named
    report.add_excluded((Origin("docs/b.md", 30),))
    report.write(tmp_path / "report.json")
    data = json.loads((tmp_path / "report.json").read_text())
    assert data["counts"] == {"run": 6, "cached": 1, "failed": 1, "skipped": 1}
    assert data["excluded"] == ["docs/b.md:30"]
    assert data["blocks"][0] == {"page": "docs/a.md", "line": 10, "session_line": 10, "status": "run", "seconds": 0.1}


def test_exclusions_line_names_each_block():
    report = Report()
    assert report.exclusions() is None
    report.add_excluded((Origin("docs/a.md", 3), Origin("docs/a.md", 9)))
    assert report.exclusions().endswith("docs/a.md:3, docs/a.md:9")


def test_the_report_says_whether_examples_were_sandboxed_and_why_not(tmp_path):
    confined = Report(sandbox=Support(7))
    assert confined.unconfined() is None
    confined.write(tmp_path / "on.json")
    on = json.loads((tmp_path / "on.json").read_text())
    assert (on["sandbox"], on["landlock_abi"], on["unconfined_reason"]) == (True, 7, None)

    unconfined = Report(sandbox=Support(0, "this kernel has no Landlock"))
    assert unconfined.unconfined() == (
        "Downhill: examples ran unconfined (no filesystem, network or signal sandbox): this kernel has no Landlock"
    )
    unconfined.write(tmp_path / "off.json")
    off = json.loads((tmp_path / "off.json").read_text())
    assert (off["sandbox"], off["landlock_abi"], off["unconfined_reason"]) == (False, 0, "this kernel has no Landlock")
