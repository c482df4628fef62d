"""`earmark preview`: serve an output folder on 127.0.0.1 with HTTP Range support.

Browsers seek in audio with Range requests; python's http.server answers them with the whole
file, so seeking fails. This handler answers `Range: bytes=a-b` with 206 Partial Content and
serves WebVTT and the audio formats with their proper types. Only files inside the folder are
served.
"""

from __future__ import annotations

import os
import re
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

from earmark.config.formats import by_extension

TYPES = {
    **by_extension(),  # every audio format earmark writes
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
    ".vtt": "text/vtt; charset=utf-8",
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
}
_RANGE = re.compile(r"bytes=(\d*)-(\d*)$")


class RangeHandler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {**SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def log_message(self, format: str, *args: object) -> None:
        if os.environ.get("EARMARK_PREVIEW_LOG"):
            super().log_message(format, *args)

    def end_headers(self) -> None:
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self):  # type: ignore[no-untyped-def]
        header = self.headers.get("Range")
        path = Path(self.translate_path(self.path))
        if header is None or not path.is_file():
            return super().send_head()
        size = path.stat().st_size
        match = _RANGE.match(header.strip())
        if match is None or match.groups() == ("", ""):
            self.send_error(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            return None
        first, last = match.groups()
        if first:
            start, end = int(first), min(int(last) if last else size - 1, size - 1)
        else:
            start, end = max(0, size - int(last)), size - 1
        if start >= size or start > end:
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{size}")
            self.end_headers()
            return None
        handle = path.open("rb")
        handle.seek(start)
        self.send_response(HTTPStatus.PARTIAL_CONTENT)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        return _Limited(handle, end - start + 1)


class _Limited:
    """A file object that yields at most `length` bytes (what copyfile reads)."""

    def __init__(self, handle, length: int) -> None:  # type: ignore[no-untyped-def]
        self.handle = handle
        self.left = length

    def read(self, size: int = -1) -> bytes:
        if self.left <= 0:
            return b""
        size = self.left if size < 0 else min(size, self.left)
        data = self.handle.read(size)
        self.left -= len(data)
        return data

    def close(self) -> None:
        self.handle.close()


def make_server(folder: Path, port: int, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    handler = partial(RangeHandler, directory=str(folder))
    return ThreadingHTTPServer((host, port), handler)
