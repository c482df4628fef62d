"""`earmark preview`: Range requests and media types, on a real socket."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from earmark.finished.preview import make_server


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[int, bytes]]:
    body = bytes(range(256)) * 40
    (tmp_path / "a.mp3").write_bytes(body)
    (tmp_path / "a.captions.vtt").write_text("WEBVTT\n", encoding="utf-8")
    (tmp_path / "a.m4b").write_bytes(b"x")
    (tmp_path / "a.opus").write_bytes(b"x")
    (tmp_path.parent / "secret.txt").write_text("no", encoding="utf-8")
    httpd = make_server(tmp_path, 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1], body
    httpd.shutdown()
    httpd.server_close()


def get(port: int, path: str, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    return response, response.read()


def test_range_requests_get_206_with_the_exact_bytes(server) -> None:
    port, body = server
    response, data = get(port, "/a.mp3", {"Range": "bytes=100-199"})
    assert response.status == 206
    assert response.getheader("Content-Range") == f"bytes 100-199/{len(body)}"
    assert data == body[100:200]
    response, data = get(port, "/a.mp3", {"Range": "bytes=-10"})
    assert response.status == 206 and data == body[-10:]
    response, data = get(port, "/a.mp3", {"Range": "bytes=10000-"})
    assert response.status == 206 and data == body[10000:]


def test_whole_file_and_unsatisfiable_ranges(server) -> None:
    port, body = server
    response, data = get(port, "/a.mp3")
    assert response.status == 200 and data == body
    assert response.getheader("Accept-Ranges") == "bytes"
    response, _ = get(port, "/a.mp3", {"Range": f"bytes={len(body)}-"})
    assert response.status == 416


@pytest.mark.parametrize(
    ("path", "mime"),
    [
        ("/a.mp3", "audio/mpeg"),
        ("/a.captions.vtt", "text/vtt; charset=utf-8"),
        ("/a.m4b", "audio/mp4"),
        ("/a.opus", "audio/ogg"),
    ],
)
def test_media_types(server, path: str, mime: str) -> None:
    response, _ = get(server[0], path)
    assert response.getheader("Content-Type") == mime


def test_nothing_outside_the_folder_is_served(server) -> None:
    response, data = get(server[0], "/../secret.txt")
    assert response.status == 404 and data != b"no"
