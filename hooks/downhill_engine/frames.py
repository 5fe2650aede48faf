"""Length-prefixed JSON frames: the one wire format between the build, the fork server and its children."""

from __future__ import annotations

import json
import os
import struct

HEADER = struct.Struct(">I")


def write_frame(fd: int, message: dict) -> None:
    """Write one message, looping over partial writes so a large figure is never cut."""
    data = json.dumps(message).encode()
    view = memoryview(HEADER.pack(len(data)) + data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


class FrameReader:
    """Reassembles messages from whatever chunks a pipe delivers."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, chunk: bytes) -> list[dict]:
        self._buffer += chunk
        messages = []
        while len(self._buffer) >= HEADER.size:
            (size,) = HEADER.unpack_from(self._buffer)
            if len(self._buffer) < HEADER.size + size:
                break
            payload = bytes(self._buffer[HEADER.size : HEADER.size + size])
            del self._buffer[: HEADER.size + size]
            messages.append(json.loads(payload))
        return messages
