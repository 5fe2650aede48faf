"""Keep every process a session starts inside the session: adopt orphans, kill them all at the end.

A block can start a process in a new session or process group (``setsid``), which escapes a kill of the
worker's group. A child subreaper adopts such orphans instead of init, so walking our children until none
is left finds and kills every descendant, however far it wandered.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal

_PR_SET_PDEATHSIG, _PR_SET_CHILD_SUBREAPER = 1, 36
_libc = ctypes.CDLL(None, use_errno=True)


def become_subreaper() -> None:
    """Orphaned descendants of this process become its children rather than init's."""
    _prctl(_PR_SET_CHILD_SUBREAPER, 1)


def die_with_parent() -> None:
    """Be killed at once when the parent dies; exit now if it already has (the race before the prctl)."""
    parent = os.getppid()
    _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def children() -> set[int]:
    """This process's children, from every thread's list (a thread can be the parent)."""
    found: set[int] = set()
    for task in os.listdir("/proc/self/task"):
        with contextlib.suppress(OSError), open(f"/proc/self/task/{task}/children") as handle:
            found.update(int(pid) for pid in handle.read().split())
    return found


def kill_descendants(keep: set[int] | frozenset[int] = frozenset()) -> int:
    """Kill and reap every child not in ``keep``, then the orphans that brings us, until none is left.

    Needs ``become_subreaper`` first, or orphans go to init and escape. Returns how many were killed.
    """
    killed = 0
    while strays := children() - keep:
        for pid in strays:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for pid in strays:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)  # once it is reaped, its own children have been handed to us
        killed += len(strays)
    return killed


def _prctl(option: int, value: int) -> None:
    if _libc.prctl(option, value, 0, 0, 0) != 0:
        code = ctypes.get_errno()
        raise OSError(code, f"prctl({option}): {os.strerror(code)}")
