"""Browser tests: the real site, built into a temporary folder, served on localhost, in Debian's Chromium.

Playwright drives the system browser (never a downloaded one). Without Chromium these tests are skipped
with a message saying how to install it; `.ci/run` installs it, so CI always runs them.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
MOVED_LESSON = ROOT / "tests" / "fixtures" / "course" / "moved-lesson.md"  # its id is "before-the-move"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items) -> None:
    if CHROMIUM is None and os.environ.get("DOWNHILL_REQUIRE_BROWSER"):
        raise pytest.UsageError("DOWNHILL_REQUIRE_BROWSER is set but no chromium is on PATH")
    if CHROMIUM is None:
        skip = pytest.mark.skip(
            reason="browser tests need Chromium: install it with `sudo apt-get install chromium` (Debian) "
            "and run `make test` again; .ci/run installs it"
        )
        for item in items:
            if "tests/browser" in str(item.path):
                item.add_marker(skip)


@pytest.fixture(scope="session")
def served(tmp_path_factory):
    """The project's site plus the anatomy fixture pages, built with a private cache and served locally.

    The fixture pages are a module of the nav, before the glossary, so the course PDF prints them too. With
    them is a lesson renamed and moved (tests/fixtures/course/moved-lesson.md): its file name is not its id.

    The server binds its port before the build, because Material's instant navigation only follows links
    whose sitemap URL has the page's own port (integrations/sitemap/index.ts keeps the port of site_url).
    """
    project = tmp_path_factory.mktemp("browser") / "project"
    for name in ("docs", "snippets", "hooks"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "project.yml")
    (project / "mkdocs.yml").write_text(_with_fixtures_in_nav())
    shutil.copytree(ROOT / "tests" / "fixtures" / "anatomy", project / "docs" / "fixtures")
    shutil.copy(MOVED_LESSON, project / "docs" / "lessons" / MOVED_LESSON.name)
    handler = functools.partial(_QuietHandler, directory=str(project / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base_url = f"http://127.0.0.1:{server.server_address[1]}/"
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "DOWNHILL_CACHE_DIR": str(project / ".cache"),
        "DOWNHILL_SITE_URL": base_url,
    }
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env, check=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield project / "site", base_url
    server.shutdown()


def _with_fixtures_in_nav() -> str:
    """A config that inherits the project's (its `!ENV` site_url still read at build time) with a longer nav."""
    nav = yaml_load((ROOT / "mkdocs.yml").read_text())["nav"]
    fixtures = [
        {page.read_text().splitlines()[0].removeprefix("# "): f"fixtures/{page.name}"}
        for page in sorted((ROOT / "tests" / "fixtures" / "anatomy").glob("*.md"))
    ]
    fixtures.append({"A lesson after its move": f"lessons/{MOVED_LESSON.name}"})
    glossary = next(index for index, item in enumerate(nav) if "Glossary" in item)
    nav.insert(glossary, {"Fixtures": fixtures})
    return "INHERIT: project.yml\n" + yaml.safe_dump({"nav": nav}, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="session")
def site_dir(served) -> Path:
    return served[0]


@pytest.fixture(scope="session")
def base_url(served) -> str:
    return served[1]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """One browser context (fresh localStorage) that records console errors and off-host requests."""

    def __init__(self, browser, base_url: str, color_scheme: str = "light") -> None:
        self.base_url = base_url
        self.errors: list[str] = []
        self.offhost: list[str] = []
        self.context = browser.new_context(color_scheme=color_scheme, viewport={"width": 1200, "height": 900})
        self.context.route("**/*", self._only_localhost)
        self.page = self.context.new_page()
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _only_localhost(self, route) -> None:
        if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            self.offhost.append(route.request.url)
            route.abort()

    def open(self, path: str):
        self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def serious_violations(self) -> list[str]:
        """axe-core's serious and critical violations on the open page, one line each, for an assertion's message."""
        from axe_playwright_python.sync_playwright import Axe

        return [
            f"{violation['id']} ({violation['impact']}): {violation['help']}"
            for violation in Axe().run(self.page).response["violations"]
            if violation["impact"] in ("serious", "critical")
        ]

    def assert_clean(self) -> None:
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.offhost == [], f"requests that left localhost: {self.offhost}"


SCROLL_TO_END = """async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
        window.scrollTo(0, y)
        await new Promise(resolve => setTimeout(resolve, 50))
    }
}"""


@pytest.fixture(scope="session")
def scroll_to_end():
    """Scroll a page to its end in half-screen steps, as a reader does, so what loads or draws lazily does."""

    def scroll(page) -> None:
        page.evaluate(SCROLL_TO_END)

    return scroll


@pytest.fixture
def visit(browser, base_url):
    opened: list[Visit] = []

    def make(color_scheme: str = "light") -> Visit:
        opened.append(Visit(browser, base_url, color_scheme))
        return opened[-1]

    yield make
    for one in opened:
        one.context.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass
