"""`earmark clip`: embeddable pieces of a rendered output (a chapter, a quote, a time range).

Each clip is cut from the render's main audio file (re-encoded, so it starts exactly where
asked), with its own captions (the manifest's cues, shifted) and an HTML snippet: a figure with
the audio, its captions track, a caption naming the speaker and the source, and the clip's
transcript. Clips go to OUTDIR/clips/.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from earmark.config.formats import FORMATS
from earmark.config.recipe import ExportSettings
from earmark.errors import InputError
from earmark.export import webvtt
from earmark.export.page import clock, h
from earmark.rendering import slugify
from earmark.tools import FFMPEG, run


@dataclass(frozen=True, slots=True)
class ClipSpec:
    name: str
    start_ms: int
    end_ms: int
    label: str
    """What the clip is: "Chapter 2: What residents said", "Elena Ruiz"."""


def load_manifest(folder: Path) -> dict[str, Any]:
    manifests = [p for p in folder.glob("*.json") if p.stem == folder.name] or sorted(
        folder.glob("*.json")
    )
    if not folder.is_dir() or not manifests:
        raise InputError(f"{folder}: not a rendered folder (no manifest <slug>.json)")
    try:
        return json.loads(manifests[0].read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"{manifests[0]}: unreadable manifest: {exc}") from None


def parse_time(value: str) -> int:
    """Seconds ("75.5") or [h:]mm:ss[.ms] ("1:15.5") -> milliseconds."""
    match = re.fullmatch(r"(?:(?:(\d+):)?(\d+):)?(\d+(?:\.\d+)?)", value.strip())
    if not match:
        raise InputError(f"'{value}' is not a time (use seconds, or mm:ss)")
    hours, minutes, secs = match.groups()
    return round((int(hours or 0) * 3600 + int(minutes or 0) * 60 + float(secs)) * 1000)


def chapter_clip(manifest: dict[str, Any], number: int) -> ClipSpec:
    chapters = manifest["chapters"]
    if not 1 <= number <= len(chapters):
        raise InputError(f"there is no chapter {number} (chapters 1-{len(chapters)})")
    chapter = chapters[number - 1]
    return ClipSpec(
        f"chapter-{number}-{slugify(chapter['title'])[:40]}".rstrip("-"),
        chapter["start_ms"],
        chapter["end_ms"],
        f"Chapter {number}: {chapter['title']}",
    )


def quote_clip(manifest: dict[str, Any], number: int) -> ClipSpec:
    quotes = manifest["quotes"]
    if not 1 <= number <= len(quotes):
        raise InputError(f"there is no quote {number} (quotes 1-{len(quotes) or 'none'})")
    quote = quotes[number - 1]
    start, end = quote["span"]
    inside = [
        s
        for s in manifest["segments"]
        if s["kind"] == "quote" and start <= s["source_span"][0] and s["source_span"][1] <= end
    ]
    speaker = quote["speaker"] or "Unidentified speaker"
    return ClipSpec(
        f"quote-{number}-{slugify(speaker)[:40]}".rstrip("-"),
        inside[0]["start_ms"],
        inside[-1]["end_ms"],
        speaker,
    )


def range_clip(manifest: dict[str, Any], start: str, end: str) -> ClipSpec:
    start_ms, end_ms = parse_time(start), parse_time(end)
    duration = manifest["audio"]["duration_ms"]
    if not 0 <= start_ms < end_ms <= duration:
        raise InputError(
            f"--from {start} --to {end} is not inside the audio (0-{duration / 1000:g} s)"
        )
    return ClipSpec(
        f"from-{start_ms}ms-to-{end_ms}ms",
        start_ms,
        end_ms,
        f"{clock(start_ms)} to {clock(end_ms)}",
    )


def make_clip(folder: Path, manifest: dict[str, Any], spec: ClipSpec) -> list[Path]:
    """Write the clip's audio, captions and snippet; return their paths."""
    clips = folder / "clips"
    clips.mkdir(exist_ok=True)
    audio = manifest["audio"]
    fmt = FORMATS[audio["format"]]
    source = folder / audio["file"]
    target = clips / f"{spec.name}.{fmt.extension}"
    partial = target.with_name(f".{target.name}.partial")
    cut = ["-ss", f"{spec.start_ms / 1000:.3f}", "-i", str(source),
           "-t", f"{(spec.end_ms - spec.start_ms) / 1000:.3f}"]
    try:
        run([*FFMPEG, *cut, "-map_metadata", "-1", "-map_chapters", "-1",
             *fmt.encoder_args(ExportSettings()), str(partial)])
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    length = spec.end_ms - spec.start_ms
    segments = [
        s
        for s in manifest["segments"]
        if s["end_ms"] > spec.start_ms and s["start_ms"] < spec.end_ms
    ]
    captions = clips / f"{spec.name}.captions.vtt"
    captions.write_text(
        webvtt.render(webvtt.caption_cues(segments, spec.start_ms, length)), encoding="utf-8"
    )
    snippet = clips / f"{spec.name}.html"
    snippet.write_text(
        render_snippet(manifest, spec, target.name, captions.name, segments, fmt.mime),
        encoding="utf-8",
    )
    return [target, captions, snippet]


def render_snippet(
    manifest: dict[str, Any],
    spec: ClipSpec,
    audio: str,
    captions: str,
    segments: list[dict[str, Any]],
    mime: str,
) -> str:
    title = manifest["title"]
    language = manifest["language"]
    ident = f"earmark-{spec.name}"
    text = " ".join(h(s["caption"]) for s in segments)
    return f"""<figure class="earmark-clip" id="{h(ident)}" lang="{h(language)}" aria-labelledby="{h(ident)}-caption">
  <audio controls preload="metadata" aria-labelledby="{h(ident)}-caption">
    <source src="{h(audio)}" type="{h(mime)}">
    <track kind="captions" src="{h(captions)}" srclang="{h(language)}" label="Captions" default>
    <a href="{h(audio)}" download>Download the clip</a>
  </audio>
  <figcaption id="{h(ident)}-caption">{h(spec.label)}, from “{h(title)}” ({clock(spec.end_ms - spec.start_ms)})</figcaption>
  <details>
    <summary>Transcript</summary>
    <p>{text}</p>
  </details>
</figure>
"""
