"""The fork server: import the scientific stack once, then fork a fresh worker for every session.

A fresh interpreter spends over a second importing NumPy, SciPy and Matplotlib; a fork of this process
starts with them loaded in a few milliseconds. Run as ``python -m downhill_engine.zygote JOBS``; it reads
requests as frames on stdin and answers with frames on stdout (see ``frames``).
"""

from __future__ import annotations

import contextlib
import gc
import os
import selectors
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field

from .frames import FrameReader, write_frame


def preload() -> None:
    """Import what sessions use and make Matplotlib deterministic, before any fork."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy  # noqa: F401
    import scipy.optimize
    import scipy.stats  # noqa: F401

    plt.rcParams["svg.hashsalt"] = "downhill"


@dataclass
class Worker:
    """A forked child running one session."""

    request_id: int
    pid: int
    pipe: int
    workdir: str
    timeout: float
    deadline: float
    index: int = 0
    timed_out: bool = False
    reader: FrameReader = field(default_factory=FrameReader)


class Zygote:
    """Schedules sessions on at most ``jobs`` children, enforcing each block's timeout."""

    def __init__(self, jobs: int, out_fd: int) -> None:
        self.jobs = jobs
        self.out_fd = out_fd
        self.queue: list[dict] = []
        self.workers: dict[int, Worker] = {}  # by pipe
        self.exiting: set[int] = set()  # children that said "end" and are still tearing down
        self.selector = selectors.DefaultSelector()
        self.closing = False

    def serve(self, in_fd: int) -> None:
        requests = FrameReader()
        self.selector.register(in_fd, selectors.EVENT_READ)
        while not (self.closing and not self.queue and not self.workers):
            self._spawn_ready()
            for key, _ in self.selector.select(self._wait()):
                if key.fd == in_fd:
                    chunk = os.read(in_fd, 1 << 16)
                    if not chunk:
                        self.closing = True
                        self.selector.unregister(in_fd)
                    self.queue.extend(requests.feed(chunk))
                else:
                    self._read_worker(self.workers[key.fd])
            self._enforce_deadlines()
            self._reap_exited(block=False)
        self._reap_exited(block=True)

    def _wait(self) -> float | None:
        if not self.workers:
            return 0.05 if self.exiting else None
        return max(0.0, min(worker.deadline for worker in self.workers.values()) - time.monotonic())

    def _spawn_ready(self) -> None:
        while self.queue and len(self.workers) < self.jobs:
            request = self.queue.pop(0)
            workdir = tempfile.mkdtemp(prefix="downhill-")
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:
                self._child(request, workdir, write_end)
            os.close(write_end)
            deadline = time.monotonic() + request["timeout"]
            self.workers[read_end] = Worker(request["id"], pid, read_end, workdir, request["timeout"], deadline)
            self.selector.register(read_end, selectors.EVENT_READ)

    def _child(self, request: dict, workdir: str, pipe: int) -> None:
        """Become the worker: own process group, private directory, no stdin, and never return."""
        status = 70  # the engine itself failed; the parent reports the worker as crashed
        try:
            os.setpgid(0, 0)
            os.closerange(3, pipe)
            os.closerange(pipe + 1, 1 << 16)
            os.chdir(workdir)
            os.environ.update(HOME=workdir, TMPDIR=workdir)
            tempfile.tempdir = workdir
            fd_output = os.path.join(workdir, ".fd-output")
            null = os.open(os.devnull, os.O_RDONLY)
            os.dup2(null, 0)
            sink = os.open(fd_output, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            os.dup2(sink, 1)
            os.dup2(sink, 2)
            sys.stdin = open(os.devnull)  # noqa: SIM115 - lives as long as the worker
            from .runner import child_main  # preloaded: a dictionary lookup

            child_main(request, lambda message: write_frame(pipe, message), fd_output)
            status = 0
        finally:
            os._exit(status)

    def _read_worker(self, worker: Worker) -> None:
        chunk = os.read(worker.pipe, 1 << 16)
        if not chunk:  # closed without saying "end": it crashed, or was killed at its deadline
            _, status = os.waitpid(worker.pid, 0)
            failure = {"kind": "crash", "status": _describe_status(status)}
            if worker.timed_out:
                failure = {"kind": "timeout", "seconds": worker.timeout}
            self._finish(worker, failure)
            return
        for message in worker.reader.feed(chunk):
            event = message["event"]
            if event == "start":
                worker.index = message["index"]
                worker.deadline = time.monotonic() + worker.timeout
            elif event == "end":
                self._finish(worker, None)
                self.exiting.add(worker.pid)
                return
            else:
                write_frame(self.out_fd, {"id": worker.request_id, **message})

    def _enforce_deadlines(self) -> None:
        now = time.monotonic()
        for worker in self.workers.values():
            if worker.deadline <= now and not worker.timed_out:
                worker.timed_out = True
                worker.deadline = now + 3600
                _kill_group(worker.pid)

    def _finish(self, worker: Worker, failure: dict | None) -> None:
        """Report a session as soon as it is over; its exit and clean-up happen off the critical path."""
        self.selector.unregister(worker.pipe)
        os.close(worker.pipe)
        del self.workers[worker.pipe]
        _kill_group(worker.pid)  # anything the block started in the background dies with it
        shutil.rmtree(worker.workdir, ignore_errors=True)  # before reporting: nothing it wrote outlives it
        write_frame(self.out_fd, {"id": worker.request_id, "event": "end", "index": worker.index, "failure": failure})

    def _reap_exited(self, *, block: bool) -> None:
        for pid in list(self.exiting):
            done, _ = os.waitpid(pid, 0 if block else os.WNOHANG)
            if done:
                self.exiting.discard(pid)


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _describe_status(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exited with status {os.waitstatus_to_exitcode(status)}"


def main() -> None:
    """Keep the protocol on a private descriptor so stray prints cannot corrupt it, then serve."""
    out_fd = os.dup(1)
    os.dup2(2, 1)
    preload()
    gc.freeze()  # keep the preloaded heap shared with children instead of copied on first collection
    write_frame(out_fd, {"event": "ready", "pid": os.getpid()})
    Zygote(int(sys.argv[1]), out_fd).serve(0)


if __name__ == "__main__":
    main()
