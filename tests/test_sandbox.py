"""A block can change nothing outside its own folder, reach no network or other process, and leave nothing running.

Each attack fixture is built the way a hostile contributor would write it; each test asserts the error the
contributor sees, where there is one, and that the project tree, the cache and the process table are as
they were. The legitimate uses at the end must keep working under the same sandbox.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from downhill_engine import sandbox
from downhill_engine.build import Builder
from downhill_engine.execute import Executor

SUPPORT = sandbox.support()
needs = pytest.mark.skipif  # a kernel too old for a check skips it, saying which ABI it lacks
landlock = needs(SUPPORT.abi < 1, reason=f"no Landlock: {SUPPORT.reason}")
PROBE = "downhill-probe"  # in the command line of every process the fixtures leave behind
DEADLINE = 60.0  # seconds; generous, so a loaded machine slows the tests down without failing them
# probes() sees the whole machine, and the fixture below kills every probe it finds: two of these tests at once
# (two xdist workers, or two checkouts' test runs) would kill each other's sleepers. So they take turns.
TURNS = Path("/tmp/downhill-sandbox-tests.lock")  # noqa: S108 - shared on purpose, by every run on the machine


@pytest.fixture(autouse=True)
def _no_probe_survives_a_failing_test():
    """One of these tests at a time on the machine; one that fails must not leave a probe running for minutes."""
    with TURNS.open("a") as turn:
        fcntl.flock(turn, fcntl.LOCK_EX)
        yield
        for pid in probes():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def test_the_rights_handled_grow_with_the_abi():
    assert sandbox.fs_rights(1) == (1 << 13) - 1
    assert sandbox.fs_rights(2) == sandbox.fs_rights(1) | sandbox.REFER
    assert sandbox.fs_rights(3) == sandbox.fs_rights(2) | sandbox.TRUNCATE == sandbox.fs_rights(7)


def test_read_roots_are_real_paths_and_include_the_interpreter_and_the_extras(tmp_path):
    roots = sandbox.read_roots((str(tmp_path),))
    assert all(os.path.realpath(root) == root for root in roots)
    assert os.path.dirname(os.path.realpath(sys.executable)) in roots
    assert os.path.realpath(tmp_path) in roots


@landlock
def test_a_confined_process_works_freely_in_its_folder_and_nowhere_else(tmp_path):
    inside, beside = tmp_path / "inside", tmp_path / "beside"
    inside.mkdir()
    beside.mkdir()
    script = textwrap.dedent(f"""
        import os
        from pathlib import Path
        from downhill_engine import sandbox

        sandbox.confine({SUPPORT.abi}, ({str(inside)!r},), tuple(sandbox.read_roots()))
        inside = Path({str(inside)!r})
        (inside / "sub").mkdir()
        (inside / "a.txt").write_text("long text")
        (inside / "a.txt").rename(inside / "sub" / "b.txt")
        os.truncate(inside / "sub" / "b.txt", 4)
        os.symlink("b.txt", inside / "sub" / "link")
        (inside / "sub" / "link").unlink()
        open(os.devnull, "w").write("discarded")
        try:
            Path({str(beside / "c.txt")!r}).write_text("x")
        except PermissionError:
            print("refused beside")
        try:
            os.listdir({str(beside)!r})
        except PermissionError:
            print("cannot list beside")
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["refused beside", "cannot list beside"]
    assert (inside / "sub" / "b.txt").read_text() == "long"
    assert not list(beside.iterdir())


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its content, but the report each build rewrites: any write shows."""
    files = {str(path.relative_to(root)): path for path in sorted(root.rglob("*")) if path.is_file()}
    return {name: path.read_bytes() for name, path in files.items() if name != ".cache/report.json"}


def probes() -> set[int]:
    """Processes, anywhere on the machine, started by a fixture."""
    found = set()
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and PROBE.encode() in (entry / "cmdline").read_bytes():
                found.add(int(entry.name))
        except OSError:
            continue  # gone while we looked
    return found


def wait_until(condition, what: str) -> None:
    """Poll until ``condition()`` holds; fail only after a deadline no slow machine reaches."""
    deadline = time.monotonic() + DEADLINE
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"after {DEADLINE:g} s: {what}")
        time.sleep(0.05)


def build_failure(workspace, fixture: str) -> str:
    """Build one fixture page, check it changed nothing and left nothing running, and return its one error."""
    workspace.fixture(fixture)
    before = snapshot(workspace.root)
    built = workspace.build(fixture)
    assert len(built.errors) == 1, built.errors
    assert snapshot(workspace.root) == before  # project tree and cache (under the root) unchanged
    assert not probes()
    return built.errors[0].format()


@landlock
@pytest.mark.parametrize(
    ("fixture", "line"),
    [("sandbox_write_parent.md", 6), ("sandbox_write_absolute.md", 6)],
)
def test_writing_outside_the_blocks_folder_is_refused_at_its_line(workspace, fixture, line):
    message = build_failure(workspace, fixture)
    assert message.startswith(f"docs/{fixture}:{line}: block raised PermissionError: [Errno 13]"), message
    assert "Examples run in a sandbox" in message
    assert not Path("/tmp/downhill-probe-absolute.txt").exists()  # noqa: S108 - the path the fixture tries


@landlock
def test_the_project_cannot_be_rewritten_through_the_parent_process(workspace, monkeypatch):
    """The server's working folder is the project, as under `mkdocs build`: /proc/<ppid>/cwd leads there."""
    monkeypatch.chdir(workspace.root)
    with Executor(jobs=1) as pool:
        workspace.builder = Builder(workspace.site, pool)
        workspace.page("good.md", "# Page\n\n```python\nprint('cached')\n```\n")
        assert not workspace.build("good.md").errors
        message = build_failure(workspace, "sandbox_proc_cwd.md")
    assert message.startswith("docs/sandbox_proc_cwd.md:8: block raised PermissionError"), message
    assert (workspace.docs / "sandbox_proc_cwd.md").read_text().startswith("# A block that finds")


@landlock
def test_another_processs_environment_cannot_be_read(workspace):
    message = build_failure(workspace, "sandbox_proc_environ.md")
    assert message.startswith("docs/sandbox_proc_environ.md:6: block raised PermissionError: [Errno 13]"), message


@needs(SUPPORT.abi < 4, reason="denying TCP needs Landlock ABI 4")
def test_a_network_connection_is_refused_at_its_line(workspace):
    message = build_failure(workspace, "sandbox_network.md")
    assert message.startswith("docs/sandbox_network.md:6: block raised PermissionError: [Errno 13]"), message


@needs(SUPPORT.abi < 6, reason="scoping signals needs Landlock ABI 6")
def test_a_block_cannot_signal_the_server(workspace):
    message = build_failure(workspace, "sandbox_signal.md")
    assert message.startswith("docs/sandbox_signal.md:7: block raised PermissionError: [Errno 1]"), message
    workspace.page("after.md", "# Page\n\n```python\nprint('still serving')\n```\n")
    assert "still serving" in workspace.build("after.md").pages["after.md"].markdown


@needs(SUPPORT.abi < 6, reason="scoping abstract Unix sockets needs Landlock ABI 6")
def test_a_block_cannot_reach_an_abstract_socket_outside_it(workspace):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        listener.bind("\0downhill-probe-socket")
        listener.listen()
        message = build_failure(workspace, "sandbox_abstract_socket.md")
    assert message.startswith("docs/sandbox_abstract_socket.md:7: block raised PermissionError"), message


def test_processes_started_in_a_new_session_die_with_it(workspace):
    workspace.fixture("sandbox_setsid.md")
    built = workspace.build("sandbox_setsid.md")
    assert not built.errors and "started" in built.pages["sandbox_setsid.md"].markdown
    assert not probes()  # gone before the session was reported, not merely soon after


def test_processes_of_a_block_stopped_at_its_timeout_are_killed_too(workspace):
    message = build_failure(workspace, "sandbox_setsid_timeout.md")
    assert "did not finish within 1 s" in message


def test_killing_the_engine_kills_the_server_its_workers_and_their_processes():
    """The engine dies mid-block (kill -9 of `mkdocs build`): nothing it started may keep running."""
    block = (
        "import subprocess, sys, time\n"
        f"subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)', '{PROBE}-orphan'],"
        " start_new_session=True)\n"
        "time.sleep(300)\n"
    )
    engine = textwrap.dedent(f"""
        from downhill_engine.execute import Executor
        Executor(jobs=1).run([{{"blocks": [{block!r}], "timeout": 300, "memory_mb": 512}}])
    """)
    process = subprocess.Popen([sys.executable, "-c", engine, PROBE])
    try:
        wait_until(lambda: len(probes()) >= 2, "the block never started its sleeper")  # the engine and the sleeper
        server = _children(process.pid)
        workers = {pid for parent in server for pid in _children(parent)}
        assert server and workers
        process.kill()
        process.wait()
        wait_until(lambda: not probes(), "a process the block started outlived the engine")
        wait_until(lambda: not any(_alive(pid) for pid in server | workers), "the server or a worker outlived it")
    finally:
        process.kill()


def test_closing_the_pool_mid_block_kills_what_the_block_started():
    """What `mkdocs serve` does on Ctrl-C: close the pool while a session runs."""
    block = (
        "import subprocess, sys, time\n"
        f"subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)', '{PROBE}-close'],"
        " start_new_session=True)\n"
        "time.sleep(300)\n"
    )
    pool = Executor(jobs=1)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            pool.run([{"blocks": [block], "timeout": 300, "memory_mb": 512}])
        except Exception as error:  # noqa: BLE001 - the run is cut short on purpose
            errors.append(error)

    runner = threading.Thread(target=run, daemon=True)
    runner.start()
    wait_until(probes, "the block never started its sleeper")
    pool.close()
    wait_until(lambda: not probes(), "a process the block started outlived the pool")
    runner.join(DEADLINE)
    assert not runner.is_alive() and errors


def _children(pid: int) -> set[int]:
    tasks = Path(f"/proc/{pid}/task")
    return {int(child) for task in tasks.iterdir() for child in (task / "children").read_text().split()}


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][0] != "Z"
    except OSError:
        return False


@landlock
def test_legitimate_work_runs_in_the_sandbox(workspace):
    workspace.fixture("sandbox_legitimate.md")
    before = snapshot(workspace.root)
    built = workspace.build()
    assert not built.errors, built.errors[0].format()
    markdown = built.pages["sandbox_legitimate.md"].markdown
    for line in (
        "temp file: 1,2",
        "matplotlib cache: True",
        "pool: [1, 2]",
        "differential_evolution: (2,)",
        "numpy: 40000.0",
        "threads: [499500, 499500, 499500, 499500]",
    ):
        assert line in markdown, markdown
    assert len(built.pages["sandbox_legitimate.md"].figures) == 2
    after = snapshot(workspace.root)
    changed = {name for name in after.keys() | before.keys() if after.get(name) != before.get(name)}
    assert changed and all(name.startswith(".cache/") for name in changed)  # the build itself wrote its cache


@landlock
def test_a_block_reads_the_snippets_and_the_project_but_cannot_write_them(workspace):
    snippet = workspace.snippets / "helper.py"
    snippet.write_text("GREETING = 'hello from a snippet'\n")
    text = (
        f'# Page\n\n```python\n--8<-- "helper.py"\nprint(GREETING)\n'
        f"print(open({str(snippet)!r}).read().strip())\n"
        f"open({str(snippet)!r}, 'a').write('# changed')\n```\n"
    )
    workspace.page("snippet.md", text)
    built = workspace.build("snippet.md")
    (error,) = built.errors
    assert "block raised PermissionError" in error.format()
    assert snippet.read_text() == "GREETING = 'hello from a snippet'\n"


def test_the_report_records_whether_examples_were_confined(workspace):
    workspace.page("page.md", "# Page\n\n```python\npass\n```\n")
    report = workspace.build().report
    assert report.sandbox == SUPPORT
    assert (report.unconfined() is None) == (SUPPORT.abi > 0)


def test_without_the_sandbox_the_summary_says_so_once_and_why(workspace):
    with Executor(jobs=1, sandboxed=False) as pool:
        workspace.builder = Builder(workspace.site, pool)
        workspace.page("page.md", "# Page\n\n```python\nprint('ran')\n```\n")
        built = workspace.build()
    assert not built.errors
    assert built.report.unconfined() == (
        "Downhill: examples ran unconfined (no filesystem, network or signal sandbox): the sandbox was turned off"
    )
    data = (workspace.root / ".cache" / "report.json").read_text()
    assert '"sandbox": false' in data and '"landlock_abi": 0' in data
