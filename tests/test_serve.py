"""`make serve`: an edit to hook code restarts the server, so the next build runs the new code.

MkDocs imports a hook once per process, so without the restart an edited hook would go on running as it
was. The fixture project's hook writes a token into the page; the test edits the token and waits for the
served page to show it, through the Makefile's own serve recipe.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOOK = 'def on_page_markdown(markdown, **kwargs):\n    return markdown + "\\n\\nTOKEN-{}\\n"\n'
PATIENCE = 120  # seconds; a build of this page takes well under one, so only a broken restart runs out


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, token: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        assert server.poll() is None, f"make serve exited with {server.returncode}"
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - localhost only
                if token in response.read().decode():
                    return
        except OSError:
            pass  # between a restart's shutdown and its first build, nothing answers
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {token}")


def test_an_edit_to_hook_code_restarts_the_server_and_takes_effect(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Served\n")
    (tmp_path / "hooks").mkdir()
    hook = tmp_path / "hooks" / "token.py"
    hook.write_text(HOOK.format(1))
    (tmp_path / "mkdocs.yml").write_text("site_name: Serve fixture\nhooks:\n  - hooks/token.py\n")
    port = free_port()
    flags = f"-f {tmp_path / 'mkdocs.yml'} -a 127.0.0.1:{port} --no-livereload"
    command = [
        "make",
        "-s",
        "--no-print-directory",
        "-C",
        str(ROOT),
        "serve",
        f"CODE={tmp_path / 'hooks'}",
        f"SERVE_FLAGS={flags}",
    ]
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for(f"http://127.0.0.1:{port}/", "TOKEN-1", server)
        hook.write_text(HOOK.format(2))
        wait_for(f"http://127.0.0.1:{port}/", "TOKEN-2", server)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()
    printed = (tmp_path / "serve.log").read_text()
    assert printed.count("an edit to a .py file there restarts the server") == 2, printed
