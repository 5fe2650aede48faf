"""Serve a built site the way static hosts do, text gzipped, so that measured bytes are the bytes readers get.

Python's http.server compresses nothing; GitHub Pages gzips text. The page budget tests and the Lighthouse
bench both serve `site/` through this, on a free local port.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path

COMPRESSED = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt")  # Pagefind's files come gzipped


class CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """Text gzipped for a browser that accepts it; everything else as http.server sends it."""

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path /= "index.html"
        if not (path.is_file() and path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """The site in `directory`, served compressed until the block ends; yields its base URL."""
    handler = functools.partial(CompressingHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
