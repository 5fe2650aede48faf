"""Run sessions in parallel on forked workers, and turn what they report into SessionResults."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable

from . import sandbox
from .frames import FrameReader, write_frame
from .results import BlockResult, SessionResult

# One BLAS thread per worker: workers already use every core, and threaded BLAS sums are not reproducible.
WORKER_ENV = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "MPLBACKEND": "Agg",
    "PYTHONHASHSEED": "0",
    "PYTHONDONTWRITEBYTECODE": "1",
}


class ExecutorError(Exception):
    """The worker pool itself failed: not a page's fault, so it carries no page location."""


class Executor:
    """A fork server started on first use and kept for the life of the process (a whole `mkdocs serve`).

    Workers are confined with Landlock (see ``sandbox``) when the kernel has it, unless ``sandboxed`` is
    False; ``confinement`` says which, and why not.
    """

    def __init__(self, jobs: int | None = None, *, sandboxed: bool = True) -> None:
        self.jobs = jobs or os.cpu_count() or 1
        self.confinement = sandbox.support() if sandboxed else sandbox.Support(0, "the sandbox was turned off")
        self._process: subprocess.Popen | None = None
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - read back only if the server dies
        self._reader = FrameReader()
        self._lock = threading.Lock()

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(
        self, requests: list[dict], on_result: Callable[[int, SessionResult], None] | None = None
    ) -> list[SessionResult]:
        """Run every request (see ``Planned.request``) and return their results in the same order.

        Requests start in the order given; ``on_result`` hears of each session as soon as it ends.
        """
        if not requests:
            return []
        with self._lock:
            process = self._ensure_started()
            started = {index: time.perf_counter() for index in range(len(requests))}
            writer = threading.Thread(target=self._send, args=(process, requests), daemon=True)
            writer.start()
            blocks: dict[int, list[BlockResult]] = {index: [] for index in range(len(requests))}
            results: dict[int, SessionResult] = {}
            while len(results) < len(requests):
                for message in self._receive(process):
                    index = message["id"]
                    if message["event"] == "block":
                        blocks[index].append(BlockResult(**message["result"]))
                    elif message["event"] == "end":
                        _attach_failure(blocks[index], message)
                        results[index] = SessionResult(blocks[index], time.perf_counter() - started[index])
                        if on_result is not None:
                            on_result(index, results[index])
            writer.join()
        return [results[index] for index in range(len(requests))]

    def close(self) -> None:
        """Stop the server, which kills its workers and all they started; safe while a run is in flight."""
        process, self._process = self._process, None
        if process is not None:
            process.stdin.close()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
            process.stdout.close()

    def _ensure_started(self) -> subprocess.Popen:
        if self._process is not None and self._process.poll() is None:
            return self._process
        env = {**os.environ, **WORKER_ENV}
        self._reader = FrameReader()
        process = self._process = subprocess.Popen(
            [sys.executable, "-m", "downhill_engine.zygote", str(self.jobs), str(self.confinement.abi)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env=env,
            start_new_session=True,  # Ctrl-C on `mkdocs serve` must not kill it mid-message
        )
        ready = self._receive(process)
        if not ready or ready[0].get("event") != "ready":
            raise ExecutorError(f"the worker pool sent {ready!r} instead of starting")
        return process  # not self._process, which ``close`` may clear from another thread

    def _send(self, process: subprocess.Popen, requests: list[dict]) -> None:
        try:
            for index, request in enumerate(requests):
                write_frame(process.stdin.fileno(), {**request, "id": index})
        except (BrokenPipeError, ValueError):
            pass  # the server died, or was closed: the reader reports it

    def _receive(self, process: subprocess.Popen) -> list[dict]:
        """Block until at least one whole message arrives; a closed pipe means the server died."""
        while True:
            chunk = os.read(process.stdout.fileno(), 1 << 16)
            if not chunk:
                process.wait()
                self._stderr.seek(0)
                tail = self._stderr.read()[-4000:].decode(errors="replace")
                self._process = None
                raise ExecutorError(f"the worker pool exited ({process.returncode}):\n{tail}")
            messages = self._reader.feed(chunk)
            if messages:
                return messages


def _attach_failure(blocks: list[BlockResult], end: dict) -> None:
    """A timeout or crash ends the block that was running, which may have reported nothing yet."""
    failure = end.get("failure")
    if failure is None:
        return
    failure.setdefault("frames", [])
    if len(blocks) <= end["index"]:
        blocks.append(BlockResult())
    blocks[end["index"]].error = failure
