"""Run one build as a child process and measure its wall time, CPU time and peak memory.

CPU time is the user plus system time of every process the build started and waited for (getrusage's
RUSAGE_CHILDREN, read before and after), so worker processes and Jupyter kernels count. Peak memory is
sampled: the largest sum, over the build's process tree, of each process's proportional set size (PSS),
which counts pages shared by forked workers once rather than once per worker, as RSS would.
"""

from __future__ import annotations

import resource
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

SAMPLE_SECONDS = 0.05


@dataclass(frozen=True)
class Measured:
    wall: float  # seconds
    cpu: float  # seconds, children included
    peak_mb: float  # MB (10^6 bytes) of PSS, summed over the process tree

    @property
    def line(self) -> str:
        return f"{self.wall:>8.1f}{self.cpu:>8.1f}{self.peak_mb:>8.0f}"


def measure(command: list[str], cwd: Path, env: dict[str, str]) -> Measured:
    """Run `command` to completion (raising if it fails) and return what it cost."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = _PeakSampler(process.pid)
    peak.start()
    _, stderr = process.communicate()
    wall = time.perf_counter() - started
    peak.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, command, stderr=stderr)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measured(wall, cpu, peak.peak / 1e6)


class _PeakSampler(threading.Thread):
    """Polls the process tree's PSS until stopped, keeping the largest total seen."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.peak = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            self.peak = max(self.peak, _tree_pss(self.root))
            self._done.wait(SAMPLE_SECONDS)

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree_pss(root: psutil.Process) -> int:
    total = 0
    try:
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    for process in processes:
        try:
            total += process.memory_full_info().pss
        except psutil.Error:  # it ended between listing and reading
            continue
    return total
