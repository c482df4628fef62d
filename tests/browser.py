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
