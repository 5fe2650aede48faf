"""tools/course_pdf.py without a browser: the date on the cover, and failing at once without Chromium.

The PDF itself is tested in tests/browser/test_pdf.py.
"""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest
from downhill_tools import course_pdf


def test_the_build_date_honours_source_date_epoch():
    assert course_pdf.build_date({"SOURCE_DATE_EPOCH": "1795305600"}) == datetime.date(2026, 11, 22)
    assert course_pdf.build_date({}) == datetime.datetime.now(tz=datetime.UTC).date()
    assert course_pdf.spoken_date(datetime.date(2026, 3, 1)) == "1 March 2026"


def test_without_chromium_make_pdf_stops_at_once_saying_how_to_install_it(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(course_pdf.shutil, "which", lambda name: None)
    assert course_pdf.main(["--check"]) == 2
    assert course_pdf.main([str(tmp_path / "site")]) == 2
    message = capsys.readouterr().err
    assert "sudo apt-get install chromium" in message
    assert "print_page" not in message  # it stopped before looking at the site


def test_the_chromium_check_runs_on_python_without_the_projects_packages():
    """`make pdf` runs the check before setup, with only the standard library (-S: no site-packages)."""
    tool = Path(course_pdf.__file__)
    check = subprocess.run([sys.executable, "-S", tool, "--check"], capture_output=True, text=True, check=False)
    assert "ModuleNotFoundError" not in check.stderr
    assert check.returncode in (0, 2)  # 0 with Chromium installed, 2 and the install hint without


def test_a_site_without_the_print_page_is_refused_before_any_browser_starts(tmp_path):
    (tmp_path / "index.html").write_text("<p>built without mkdocs-print-site-plugin</p>")
    with pytest.raises(course_pdf.PdfError, match=r"print_page/index.html is missing: build the site first"):
        course_pdf.make_pdf(tmp_path, tmp_path / "out.pdf", browser=object(), base_url="http://127.0.0.1:9/")
