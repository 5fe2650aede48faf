"""A content-addressed store of session results: atomic writes, checksummed reads.

An entry is written to a temporary file and renamed into place, so a reader sees a whole entry or none.
A checksum catches what rename cannot: a truncated disk, a hand edit. Such an entry is dropped and the
session runs again, so the site never shows output that no run produced.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from .results import SessionResult


class Cache:
    """Session results by cache key, under ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.dropped: list[str] = []

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> SessionResult | None:
        path = self._path(key)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        checksum, _, payload = raw.partition(b"\n")
        try:
            if hashlib.sha256(payload).hexdigest().encode() != checksum:
                raise ValueError("checksum mismatch")
            return SessionResult.from_json(json.loads(payload))
        except (ValueError, KeyError, TypeError):
            self.dropped.append(key)
            path.unlink(missing_ok=True)
            return None

    def put(self, key: str, result: SessionResult) -> None:
        payload = json.dumps(result.to_json(), sort_keys=True).encode()
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def keys(self) -> set[str]:
        return {path.stem for path in self.root.glob("??/*.json")}

    def prune(self, keep: set[str]) -> int:
        """Delete entries no page uses any more, so the cache does not grow forever."""
        removed = 0
        for key in self.keys() - keep:
            self._path(key).unlink(missing_ok=True)
            removed += 1
        return removed
