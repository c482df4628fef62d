"""The files beside the audio that a web page and a podcast app need: captions, chapters
(WebVTT, and Podcasting 2.0 JSON chapters), the listening page."""

from __future__ import annotations

import json
from pathlib import Path

from earmark.export import webvtt
from earmark.export.page import render_page
from earmark.planning.manifest import Manifest


def write_sidecars(folder: Path, slug: str, manifest: Manifest) -> list[Path]:
    files = {
        f"{slug}.captions.vtt": webvtt.render(webvtt.caption_cues(manifest.segments)),
        f"{slug}.chapters.vtt": webvtt.render(webvtt.chapter_cues(manifest.chapters)),
        f"{slug}.chapters.json": json_chapters(manifest),
        "index.html": render_page(manifest, slug),
    }
    written = []
    for name, content in files.items():
        path = folder / name
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written


def json_chapters(manifest: Manifest) -> str:
    """The chapters in the Podcasting 2.0 JSON chapters format (application/json+chapters,
    version 1.2.0): a title and a start time in seconds each, in ascending order."""
    chapters = [{"startTime": c.start_ms / 1000, "title": c.title} for c in manifest.chapters]
    return json.dumps({"version": "1.2.0", "chapters": chapters}, ensure_ascii=False,
                      indent=1) + "\n"
