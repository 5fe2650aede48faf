"""The fork server: import the scientific stack once, then fork a fresh worker for every session.

A fresh interpreter spends over a second importing NumPy, SciPy and Matplotlib; a fork of this process
starts with them loaded in a few milliseconds. Run as ``python -m downhill_engine.zygote JOBS ABI``; it
reads requests as frames on stdin and answers with frames on stdout (see ``frames``). ABI is the Landlock
version to confine workers with (``sandbox``), 0 for none.

End of file on stdin means the engine is done or dead: the server kills every worker and everything they
started, then exits. (A parent-death signal would not do: it fires when the *thread* that started the
server ends, and the engine starts it from a build's background thread.)
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

from . import processes, sandbox
from .frames import FrameReader, write_frame


def preload() -> None:
    """Import what sessions use and make Matplotlib deterministic, before any fork."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy  # noqa: F401
    import scipy.optimize
    import scipy.stats  # noqa: F401

    from . import runner  # noqa: F401 - its imports too, or every child would pay for them
    from .figures import apply_site_style

    apply_site_style(plt)
    _warm_matplotlib(plt)


def _warm_matplotlib(plt) -> None:
    """Draw one throwaway figure, so fonts, glyphs and the mathtext parser are loaded before any fork.

    Matplotlib builds these lazily; without this every worker rebuilt them for its first figure.
    """
    import io

    figure, axes = plt.subplots()
    axes.plot([0, 1], [0, 1], "o-", label="line")
    axes.set_title("Warm-up 0123456789")
    axes.set_xlabel(r"$x_0^2 + \alpha \cdot \frac{1}{2}$")
    axes.legend()
    axes.contour([[0, 1], [1, 0]])
    for kind in ("svg", "png"):
        figure.savefig(io.BytesIO(), format=kind, bbox_inches="tight")
    plt.close(figure)


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


@dataclass
class Spare:
    """A child forked ahead of need, set up and waiting for its request on ``request_fd``."""

    pid: int
    request_fd: int
    pipe: int
    workdir: str


class Zygote:
    """Schedules sessions on at most ``jobs`` children, enforcing each block's timeout.

    One spare child is always forked ahead, so a session starts without waiting for a fork: the next
    spare is forked while the session runs.
    """

    def __init__(self, jobs: int, out_fd: int, abi: int = 0) -> None:
        self.jobs = jobs
        self.abi = abi
        self.read_roots = tuple(sandbox.read_roots()) if abi else ()
        self.out_fd = out_fd
        self.queue: list[dict] = []
        self.workers: dict[int, Worker] = {}  # by pipe
        self.exiting: set[int] = set()  # children that said "end" and are still tearing down
        self.selector = selectors.DefaultSelector()
        self.spare: Spare | None = None

    def serve(self, in_fd: int) -> None:
        requests = FrameReader()
        self.selector.register(in_fd, selectors.EVENT_READ)
        while True:
            self._spawn_ready()
            for key, _ in self.selector.select(self._wait()):
                if key.fd == in_fd:
                    chunk = os.read(in_fd, 1 << 16)
                    if not chunk:
                        return  # the engine closed the pipe or died: ``shutdown`` kills the rest
                    self.queue.extend(requests.feed(chunk))
                else:
                    self._read_worker(self.workers[key.fd])
            self._enforce_deadlines()
            self._reap_exited(block=False)

    def shutdown(self) -> None:
        """Kill every worker, the spare and whatever they started, at once, and reap them all."""
        for worker in self.workers.values():
            _kill_group(worker.pid)
            shutil.rmtree(worker.workdir, ignore_errors=True)
        if self.spare is not None:
            _kill_group(self.spare.pid)
            shutil.rmtree(self.spare.workdir, ignore_errors=True)
        processes.kill_descendants()

    def _wait(self) -> float | None:
        if not self.workers:
            return 0.05 if self.exiting else None
        return max(0.0, min(worker.deadline for worker in self.workers.values()) - time.monotonic())

    def _spawn_ready(self) -> None:
        while self.queue and len(self.workers) < self.jobs:
            request = self.queue.pop(0)
            spare, self.spare = self.spare or self._fork_spare(), None
            write_frame(spare.request_fd, request)
            os.close(spare.request_fd)
            deadline = time.monotonic() + request["timeout"]
            worker = Worker(request["id"], spare.pid, spare.pipe, spare.workdir, request["timeout"], deadline)
            self.workers[spare.pipe] = worker
            self.selector.register(spare.pipe, selectors.EVENT_READ)
        if self.spare is None:
            self.spare = self._fork_spare()

    def _fork_spare(self) -> Spare:
        workdir = tempfile.mkdtemp(prefix="downhill-")
        request_read, request_write = os.pipe()
        result_read, result_write = os.pipe()
        pid = os.fork()
        if pid == 0:
            self._child(workdir, request_read, result_write)
        os.close(request_read)
        os.close(result_write)
        return Spare(pid, request_write, result_read, workdir)

    def _child(self, workdir: str, request_fd: int, pipe: int) -> None:
        """Become a worker: own process group, private directory, no stdin; run one request; never return."""
        status = 70  # the engine itself failed; the parent reports the worker as crashed
        try:
            processes.die_with_parent()
            processes.become_subreaper()  # so a block's setsid'd processes are still ours to kill
            os.setpgid(0, 0)
            low, high = sorted((request_fd, pipe))
            os.closerange(3, low)
            os.closerange(low + 1, high)
            os.closerange(high + 1, 1 << 16)
            os.chdir(workdir)
            os.environ.update(HOME=workdir, TMPDIR=workdir)
            tempfile.tempdir = workdir
            _private_matplotlib_dirs(os.path.join(workdir, ".matplotlib"))
            fd_output = os.path.join(workdir, ".fd-output")
            null = os.open(os.devnull, os.O_RDONLY)
            os.dup2(null, 0)
            sink = os.open(fd_output, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            os.dup2(sink, 1)
            os.dup2(sink, 2)
            sys.stdin = open(os.devnull)  # noqa: SIM115 - lives as long as the worker
            from .runner import child_main  # preloaded: a dictionary lookup

            request = _read_request(request_fd)
            if request is not None:
                if self.abi:
                    readable = (*self.read_roots, *map(os.path.realpath, request.get("read", ())))
                    sandbox.confine(self.abi, (workdir,), readable)
                child_main(request, lambda message: write_frame(pipe, message), fd_output)
                processes.kill_descendants()  # before "end": the session is over only when they are gone
                write_frame(pipe, {"event": "end"})
            status = 0
        finally:
            os._exit(status)

    def _read_worker(self, worker: Worker) -> None:
        chunk = os.read(worker.pipe, 1 << 16)
        if not chunk:  # closed without saying "end": it crashed, or was killed at its deadline
            _, status = os.waitpid(worker.pid, 0)
            self._kill_strays()
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
                self._kill_strays()

    def _kill_strays(self) -> None:
        """Kill what a dead worker left: its orphans were handed to this server, the subreaper above it."""
        known = {worker.pid for worker in self.workers.values()} | self.exiting
        if self.spare is not None:
            known.add(self.spare.pid)
        processes.kill_descendants(keep=known)


def _read_request(fd: int) -> dict | None:
    """The one request a spare is given, or None when the server closes it unused."""
    reader = FrameReader()
    while chunk := os.read(fd, 1 << 16):
        messages = reader.feed(chunk)
        if messages:
            return messages[0]
    return None


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _private_matplotlib_dirs(path: str) -> None:
    """Point Matplotlib's config and cache folders into the worker's own folder, the only writable place.

    The server resolved them before forking and Matplotlib memoises the answer, so the environment variable
    alone reaches only the processes a block starts.
    """
    import matplotlib

    os.makedirs(path, exist_ok=True)
    os.environ["MPLCONFIGDIR"] = path
    matplotlib.get_configdir = matplotlib.get_cachedir = lambda: path


def _describe_status(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exited with status {os.waitstatus_to_exitcode(status)}"


def main() -> None:
    """Keep the protocol on a private descriptor so stray prints cannot corrupt it, then serve."""
    out_fd = os.dup(1)
    os.dup2(2, 1)
    processes.become_subreaper()  # a killed worker's orphans come here, to be killed too
    preload()
    gc.freeze()  # keep the preloaded heap shared with children instead of copied on first collection
    write_frame(out_fd, {"event": "ready", "pid": os.getpid()})
    server = Zygote(int(sys.argv[1]), out_fd, int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    try:
        server.serve(0)
    finally:  # also when the engine died and writing to it failed
        server.shutdown()


if __name__ == "__main__":
    main()
