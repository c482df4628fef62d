"""The files beside the audio that a web page needs: captions, chapters, listening page."""

from __future__ import annotations

from pathlib import Path

from earmark.export import webvtt
from earmark.export.page import render_page
from earmark.planning.manifest import Manifest


def write_sidecars(folder: Path, slug: str, manifest: Manifest) -> list[Path]:
    files = {
        f"{slug}.captions.vtt": webvtt.render(webvtt.caption_cues(manifest.segments)),
        f"{slug}.chapters.vtt": webvtt.render(webvtt.chapter_cues(manifest.chapters)),
        "index.html": render_page(manifest, slug),
    }
    written = []
    for name, content in files.items():
        path = folder / name
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written
