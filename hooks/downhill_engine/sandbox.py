"""Confine a worker with the kernel's Landlock: write only in its own folder, read the stack, no TCP, no signals out.

Landlock is unprivileged and inherited by every child, so one call before a block runs covers whatever the
block starts. This is a small ctypes binding rather than PyPI's ``landlock`` (1.0.0.dev5), which is a
development release that handles only filesystem rights: it cannot deny TCP (ABI 4) or scope signals and
abstract Unix sockets (ABI 6), which this sandbox needs. The syscall numbers are the same on every
architecture. See https://docs.kernel.org/userspace-api/landlock.html.
"""

from __future__ import annotations

import ctypes
import errno
import os
import sys
import sysconfig
from dataclasses import dataclass

_CREATE_RULESET, _ADD_RULE, _RESTRICT_SELF = 444, 445, 446
_CREATE_RULESET_VERSION = 1 << 0
_RULE_PATH_BENEATH = 1
_PR_SET_NO_NEW_PRIVS = 38

EXECUTE, WRITE_FILE, READ_FILE, READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
REMOVE_DIR, REMOVE_FILE, MAKE_CHAR, MAKE_DIR = 1 << 4, 1 << 5, 1 << 6, 1 << 7
MAKE_REG, MAKE_SOCK, MAKE_FIFO, MAKE_BLOCK, MAKE_SYM = 1 << 8, 1 << 9, 1 << 10, 1 << 11, 1 << 12
REFER, TRUNCATE = 1 << 13, 1 << 14  # ABI 2, ABI 3
NET_BIND_TCP, NET_CONNECT_TCP = 1 << 0, 1 << 1  # ABI 4
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1 << 0, 1 << 1  # ABI 6

READ = EXECUTE | READ_FILE | READ_DIR
FILE_RIGHTS = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE  # the only rights a rule on a file (not a folder) may hold
# Where the scientific stack reads: the interpreter, its libraries, system configuration, fonts, /sys and a
# few files of /proc (CPU counts, memory), and /dev (urandom). Not the rest of /proc, where other processes'
# environment and command line are. Writes go nowhere outside the block's folder but /dev/null and /dev/shm,
# where multiprocessing's semaphores live.
SYSTEM_READ = ("/usr", "/lib", "/lib64", "/bin", "/sbin", "/etc", "/opt", "/sys", "/dev")
PROC_READ = ("/proc/cpuinfo", "/proc/meminfo", "/proc/stat", "/proc/loadavg", "/proc/filesystems", "/proc/sys")
OWN_PROC = "/proc/self"  # opened by the confined process itself, so it names that process, not the server
SYSTEM_WRITE = ("/dev/shm",)  # noqa: S108 - granted, not used as our own temporary folder
SYSTEM_WRITE_FILES = ("/dev/null",)

_libc = ctypes.CDLL(None, use_errno=True)


class SandboxError(OSError):
    """The kernel refused a Landlock call that it said it supports: a bug, never a page's fault."""


@dataclass(frozen=True)
class Support:
    """What this kernel offers: Landlock's ABI version (0 for none), and why not when it is 0."""

    abi: int
    reason: str = ""


class _RulesetAttr(ctypes.Structure):
    _fields_ = (
        ("handled_access_fs", ctypes.c_uint64),
        ("handled_access_net", ctypes.c_uint64),
        ("scoped", ctypes.c_uint64),
    )


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = (("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32))


def support() -> Support:
    """Ask the kernel which Landlock ABI it speaks; 0, with the reason, when it has none."""
    abi = _libc.syscall(_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(_CREATE_RULESET_VERSION))
    if abi > 0:
        return Support(abi)
    code = ctypes.get_errno()
    reasons = {
        errno.ENOSYS: "this kernel has no Landlock (it needs Linux 5.13 or later built with CONFIG_SECURITY_LANDLOCK)",
        errno.EOPNOTSUPP: "Landlock is built into this kernel but not enabled (add landlock to the lsm= boot option)",
        errno.EPERM: "a seccomp filter around the build forbids Landlock's system calls",
    }
    return Support(0, reasons.get(code, f"landlock_create_ruleset failed: {os.strerror(code)}"))


def fs_rights(abi: int) -> int:
    """Every filesystem right the ABI can handle (and so deny); IOCTL_DEV (ABI 5) is left to file modes."""
    rights = (1 << 13) - 1
    if abi >= 2:
        rights |= REFER
    if abi >= 3:
        rights |= TRUNCATE
    return rights


def read_roots(extra: tuple[str, ...] = ()) -> list[str]:
    """System folders, the interpreter and its libraries, and ``extra`` (the project), as real paths."""
    paths = sysconfig.get_paths()
    ours = (sys.prefix, sys.base_prefix, os.path.dirname(os.path.realpath(sys.executable)), os.path.dirname(__file__))
    libraries = tuple(paths[key] for key in ("stdlib", "platstdlib", "purelib", "platlib"))
    return sorted({os.path.realpath(path) for path in (*SYSTEM_READ, *PROC_READ, *ours, *libraries, *extra)})


def confine(abi: int, writable: tuple[str, ...], readable: tuple[str, ...]) -> None:
    """Restrict this process and its future children for good: ``writable`` folders only, reads of ``readable``.

    Paths that do not exist are skipped. TCP bind and connect are denied from ABI 4, and signals and abstract
    Unix sockets reach only this process's own descendants from ABI 6.
    """
    handled = fs_rights(abi)
    attr = _RulesetAttr(handled, NET_BIND_TCP | NET_CONNECT_TCP if abi >= 4 else 0)
    if abi >= 6:
        attr.scoped = SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL
    size = 8 if abi < 4 else 16 if abi < 6 else 24
    ruleset = _check(_libc.syscall(_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0)))
    try:
        for path in (*readable, OWN_PROC):
            _allow(ruleset, path, READ)
        for path in (*SYSTEM_WRITE, *writable):
            _allow(ruleset, path, handled)
        for path in SYSTEM_WRITE_FILES:
            _allow(ruleset, path, READ_FILE | WRITE_FILE | (TRUNCATE if abi >= 3 else 0))
        _check(_libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
        _check(_libc.syscall(_RESTRICT_SELF, ruleset, ctypes.c_uint32(0)))
    finally:
        os.close(ruleset)


def _allow(ruleset: int, path: str, rights: int) -> None:
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except FileNotFoundError:
        return
    try:
        if not os.path.isdir(path):
            rights &= FILE_RIGHTS
        rule = _PathBeneathAttr(rights, fd)
        _check(
            _libc.syscall(_ADD_RULE, ruleset, ctypes.c_int(_RULE_PATH_BENEATH), ctypes.byref(rule), ctypes.c_uint32(0))
        )
    finally:
        os.close(fd)


def _check(result: int) -> int:
    if result < 0:
        code = ctypes.get_errno()
        raise SandboxError(code, f"Landlock: {os.strerror(code)}")
    return result
