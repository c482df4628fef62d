"""Driving Debian's Chromium with Playwright (no browser downloads) for the page tests."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
    "--mute-audio",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]


@contextmanager
def preview(folder: Path) -> Iterator[str]:
    """Run `earmark preview FOLDER --port 0`; yield its base URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "earmark", "preview", str(folder), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        match = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert match, (
            f"preview did not start: {line!r} {process.stderr.read() if process.stderr else ''}"
        )
        yield match.group()
    finally:
        process.terminate()
        process.wait(timeout=10)


def parse_vtt(text: str) -> list[tuple[float, float, str]]:
    """(start, end, text) of each cue, as a browser exposes them (tags removed, entities
    decoded)."""
    import html

    cues = []
    for block in text.strip().split("\n\n")[1:]:
        lines = block.splitlines()
        timing = next(i for i, line in enumerate(lines) if "-->" in line)
        start, end = (_seconds(t.strip()) for t in lines[timing].split("-->"))
        body = "\n".join(lines[timing + 1 :])
        cues.append((start, end, html.unescape(re.sub(r"<[^>]+>", "", body))))
    return cues


def _seconds(stamp: str) -> float:
    hours, minutes, seconds = stamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def axe_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {[n['target'] for n in v['nodes']][:3]})"
        for v in results.response["violations"]
    ]


def png_pixels(data: bytes) -> list[list[tuple[int, int, int]]]:
    """The RGB pixels, row by row, of an 8-bit RGB or RGBA PNG (what Chromium's screenshots
    are), decoded without an imaging library."""
    import struct
    import zlib

    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, chunks, header = 8, [], b""
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        at += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6), (depth, colour)
    size = 4 if colour == 6 else 3
    raw, stride = zlib.decompress(b"".join(chunks)), width * size
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for y in range(height):
        line = raw[y * (stride + 1) : (y + 1) * (stride + 1)]
        kind, row = line[0], bytearray(line[1:])
        for x in range(stride):
            left = row[x - size] if x >= size else 0
            up, corner = previous[x], previous[x - size] if x >= size else 0
            if kind == 1:
                row[x] = (row[x] + left) & 255
            elif kind == 2:
                row[x] = (row[x] + up) & 255
            elif kind == 3:
                row[x] = (row[x] + (left + up) // 2) & 255
            elif kind == 4:
                guess = left + up - corner
                pa, pb, pc = abs(guess - left), abs(guess - up), abs(guess - corner)
                best = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                row[x] = (row[x] + best) & 255
        rows.append(row)
        previous = row
    return [[(row[x], row[x + 1], row[x + 2]) for x in range(0, stride, size)] for row in rows]


def rgb_contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG contrast ratio of two sRGB colours."""
    def luminance(colour: tuple[int, int, int]) -> float:
        lin = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4
               for c in colour]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def legible(rows: list[list[tuple[int, int, int]]], inset: int = 6) -> float:
    """How legible text drawn in a box is: inside its edges (`inset` pixels: the outline), the
    contrast between its most common colour (the background) and the most contrasting colour
    covering at least 2% of it (the text)."""
    from collections import Counter

    pixels = [c for row in rows[inset:-inset] for c in row[inset:-inset]]
    counts = Counter(pixels)
    background = counts.most_common(1)[0][0]
    inked = [c for c, n in counts.items() if n >= len(pixels) * 0.02 and c != background]
    return max((rgb_contrast(background, c) for c in inked), default=1.0)
