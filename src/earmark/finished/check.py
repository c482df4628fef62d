"""`earmark check OUTDIR`: does a rendered output set hold together?

Decodes the audio (as a player does: encoder delay and padding trimmed) and checks that the
chapters in the file, in the chapters track and in the manifest agree and are contiguous from
0 to the playable length; that the captions are ordered, do not overlap, stay inside the audio
and match the manifest's segments; and that every segment of the manifest has sound where the
manifest says. Returns every problem found (an empty list when all hold).
"""

from __future__ import annotations

import audioop
import html
import itertools
import re
from pathlib import Path
from typing import Any

from earmark.finished.clips import load_manifest
from earmark.model import PCM
from earmark.tools import probe, run

TOLERANCE_MS = 50
_TIMING = re.compile(r"(\d+):(\d{2}):(\d{2})\.(\d{3}) --> (\d+):(\d{2}):(\d{2})\.(\d{3})")


def read_vtt(path: Path) -> list[tuple[int, int, str]]:
    cues = []
    blocks = path.read_text(encoding="utf-8").strip().split("\n\n")
    if not blocks or not blocks[0].startswith("WEBVTT"):
        raise ValueError(f"{path.name} is not WebVTT")
    for block in blocks[1:]:
        lines = block.splitlines()
        index = next((i for i, line in enumerate(lines) if "-->" in line), None)
        match = _TIMING.match(lines[index]) if index is not None else None
        if match is None:
            raise ValueError(f"{path.name}: a cue without timing: {block[:40]!r}")
        h1, m1, s1, ms1, h2, m2, s2, ms2 = (int(g) for g in match.groups())
        start = ((h1 * 60 + m1) * 60 + s1) * 1000 + ms1
        end = ((h2 * 60 + m2) * 60 + s2) * 1000 + ms2
        text = html.unescape(re.sub(r"<[^>]+>", "", "\n".join(lines[index + 1:])))
        cues.append((start, end, text))
    return cues


def decoded(path: Path) -> bytes:
    return run(["ffmpeg", "-v", "error", "-i", str(path), *PCM.ffmpeg_output(), "-"]).stdout


def check(folder: Path) -> list[str]:
    manifest = load_manifest(folder)
    slug = Path(manifest["audio"]["file"]).stem
    problems: list[str] = []
    duration = manifest["audio"]["duration_ms"]
    chapters = [(c["start_ms"], c["end_ms"], c["title"]) for c in manifest["chapters"]]
    problems += _contiguous("manifest chapters", chapters, duration)
    for entry in manifest["audio_files"]:
        audio = folder / entry["file"]
        if not audio.is_file():
            problems.append(f"{entry['file']} is missing")
            continue
        pcm = decoded(audio)
        length = round(len(pcm) / 2 / 22.05)
        if abs(length - duration) > TOLERANCE_MS:
            problems.append(f"{entry['file']} plays {length} ms, the manifest says {duration}")
        found = sorted((round(float(c["start_time"]) * 1000), round(float(c["end_time"]) * 1000),
                        c.get("tags", {}).get("title", ""))
                       for c in probe(str(audio), "-show_chapters")["chapters"])
        problems += _same(f"{entry['file']} chapters", found, chapters)
        problems += _sound(entry["file"], pcm, manifest["segments"])
    problems += _tracks(folder, slug, manifest, chapters, duration)
    return problems


def _tracks(folder: Path, slug: str, manifest: dict[str, Any],
            chapters: list[tuple[int, int, str]], duration: int) -> list[str]:
    problems = []
    try:
        track = read_vtt(folder / f"{slug}.chapters.vtt")
        captions = read_vtt(folder / f"{slug}.captions.vtt")
    except (OSError, ValueError) as exc:
        return [f"tracks: {exc}"]
    problems += _same("chapters track", track, chapters)
    if len(captions) != len(manifest["segments"]):
        problems.append(f"{len(captions)} captions for {len(manifest['segments'])} segments")
    previous = 0
    for (start, end, text), segment in zip(captions, manifest["segments"], strict=False):
        if not previous <= start < end <= duration:
            problems.append(f"caption {text[:30]!r} at {start}-{end} ms is out of order or "
                            "outside the audio")
        if (start, end) != (segment["start_ms"], segment["end_ms"]):
            problems.append(f"caption {text[:30]!r} is not at its segment's time")
        previous = end
    return problems


def _contiguous(what: str, spans: list[tuple[int, int, str]], duration: int) -> list[str]:
    problems = []
    if not spans or spans[0][0] != 0:
        problems.append(f"{what} do not start at 0")
    for (_, end, _), (start, _, title) in itertools.pairwise(spans):
        if start != end:
            problems.append(f"{what}: {title!r} starts at {start}, not where one ended ({end})")
    if spans and abs(spans[-1][1] - duration) > TOLERANCE_MS:
        problems.append(f"{what} end at {spans[-1][1]}, the audio at {duration}")
    return problems


def _same(what: str, found: list[tuple[int, int, str]],
          expected: list[tuple[int, int, str]]) -> list[str]:
    if len(found) != len(expected):
        return [f"{what}: {len(found)} chapters, the manifest has {len(expected)}"]
    return [f"{what}: {f[2]!r} at {f[0]}-{f[1]} ms, the manifest says {e[0]}-{e[1]}"
            for f, e in zip(found, expected, strict=True)
            if abs(f[0] - e[0]) > TOLERANCE_MS or abs(f[1] - e[1]) > TOLERANCE_MS
            or f[2] != e[2]]


def _sound(name: str, pcm: bytes, segments: list[dict[str, Any]]) -> list[str]:
    problems = []
    for segment in segments:
        piece = pcm[round(segment["start_ms"] * 22.05) * 2:round(segment["end_ms"] * 22.05) * 2]
        if len(piece) < 2 or audioop.rms(piece, 2) < 100:
            problems.append(f"{name}: segment {segment['index']} ({segment['text'][:30]!r}) "
                            "is silent or missing")
    return problems
