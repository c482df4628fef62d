"""`earmark check OUTDIR`: does a rendered output set hold together?

Decodes the audio (as a player does: encoder delay and padding trimmed) and checks that the
chapters in the file, in the chapters track and in the manifest agree and are contiguous from
0 to the playable length; that the captions are ordered, do not overlap, stay inside the audio
and match the manifest's segments; and that every segment of the manifest has sound where the
manifest says. A publication (the read-along EPUB) is opened instead of decoded: its Media
Overlays must give every segment, in order, at the manifest's time (to the millisecond), point
at ids its content documents have, and its media:duration and the MP3 inside must match the
audio's length. Returns every problem found (an empty list when all hold).
"""

from __future__ import annotations

import audioop
import itertools
import tempfile
import zipfile
from pathlib import Path

from earmark.config.formats import FORMATS
from earmark.errors import InputError, ToolError
from earmark.export import webvtt
from earmark.model import PCM
from earmark.planning.manifest import AudioFile, Manifest, SegmentEntry, load_manifest
from earmark.tools import probe, run

TOLERANCE_MS = 50
OVERLAY_TOLERANCE_MS = 1
"""The overlays' clip times are the manifest's, written in milliseconds."""


def decoded(path: Path) -> bytes:
    """The audio as a player decodes it, as earmark.model.PCM (mono 16-bit, 22,050 Hz)."""
    return run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(path), *PCM.ffmpeg_output(),
                "-"]).stdout


def check(folder: Path) -> list[str]:
    """Every problem found in a rendered folder (empty when audio, tracks and manifest agree).
    A manifest that cannot be read is an InputError; a damaged audio file is a problem."""
    manifest = load_manifest(folder)
    problems: list[str] = []
    duration = manifest.duration_ms
    chapters = [(c.start_ms, c.end_ms, c.title) for c in manifest.chapters]
    problems += _contiguous("manifest chapters", chapters, duration)
    for entry in manifest.audio_files:
        audio = folder / entry.file
        if not audio.is_file():
            problems.append(f"{entry.file} is missing")
            continue
        try:
            pcm = decoded(audio)
            found = sorted((round(float(c["start_time"]) * 1000),
                            round(float(c["end_time"]) * 1000),
                            c.get("tags", {}).get("title", ""))
                           for c in probe(str(audio), "-show_chapters")["chapters"])
        except ToolError as exc:
            said = exc.stderr.strip().splitlines()[-1] if exc.stderr.strip() else str(exc)
            problems.append(f"{entry.file} cannot be decoded (damaged?): {said}")
            continue
        length = round(len(pcm) / PCM.frame_bytes * 1000 / PCM.rate)
        if abs(length - duration) > TOLERANCE_MS:
            problems.append(f"{entry.file} plays {length} ms, the manifest says {duration}")
        problems += _same(f"{entry.file} chapters", found, _as_held(chapters, entry.format))
        problems += _sound(entry.file, pcm, manifest.segments)
    for entry in manifest.publications:
        problems += _publication(folder, entry, manifest)
    problems += _tracks(folder, manifest, chapters, duration)
    return problems


def _publication(folder: Path, entry: AudioFile, manifest: Manifest) -> list[str]:
    """A read-along EPUB against the manifest (export.smil reads it)."""
    from earmark.export.smil import par_id, read_publication

    path = folder / entry.file
    if not path.is_file():
        return [f"{entry.file} is missing"]
    try:
        book = read_publication(path)
    except InputError as exc:
        return [str(exc)]
    name = entry.file
    problems = []
    if book.first_entry != ("mimetype", zipfile.ZIP_STORED):
        problems.append(f"{name}: the first entry is not the stored mimetype")
    if book.duration_ms is None or abs(book.duration_ms - manifest.duration_ms) > \
            OVERLAY_TOLERANCE_MS:
        problems.append(f"{name}: media:duration is {book.duration_ms} ms, the audio "
                        f"{manifest.duration_ms}")
    parts = [ms for _, ms in book.overlays]
    if None in parts:
        problems.append(f"{name}: an overlay has no media:duration")
    elif abs(sum(parts) - manifest.duration_ms) > OVERLAY_TOLERANCE_MS * len(parts):
        problems.append(f"{name}: the overlays' durations add up to {sum(parts)} ms, "
                        f"not {manifest.duration_ms}")
    if not book.active_class or not any(f".{book.active_class}" in css
                                        for css in book.stylesheets.values()):
        problems.append(f"{name}: no CSS rule for the media:active-class")
    if len(book.clips) != len(manifest.segments):
        problems.append(f"{name}: {len(book.clips)} overlay clips for "
                        f"{len(manifest.segments)} segments")
    for clip, segment in zip(book.clips, manifest.segments, strict=False):
        if clip.id != par_id(segment.index):
            problems.append(f"{name}: clip {clip.id!r} is where segment {segment.index} "
                            "comes")
        elif abs(clip.begin_ms - segment.start_ms) > OVERLAY_TOLERANCE_MS or \
                abs(clip.end_ms - segment.end_ms) > OVERLAY_TOLERANCE_MS:
            problems.append(f"{name}: segment {segment.index} is clipped at {clip.begin_ms}-"
                            f"{clip.end_ms} ms, the manifest says {segment.start_ms}-"
                            f"{segment.end_ms}")
        if clip.fragment not in book.ids.get(clip.document, set()):
            problems.append(f"{name}: {clip.document} has no element #{clip.fragment}")
    audio = {clip.audio for clip in book.clips}
    problems += _carried(path, audio, manifest.duration_ms)
    return problems


def _carried(path: Path, audio: set[str], duration: int) -> list[str]:
    """The audio inside the EPUB plays as long as the manifest says."""
    problems = []
    with zipfile.ZipFile(path) as book, tempfile.TemporaryDirectory() as scratch:
        for member in sorted(audio):
            if member not in book.namelist():
                problems.append(f"{path.name}: {member} is missing from the package")
                continue
            copy = Path(scratch) / Path(member).name
            copy.write_bytes(book.read(member))
            try:
                length = round(len(decoded(copy)) / PCM.frame_bytes * 1000 / PCM.rate)
            except ToolError:
                problems.append(f"{path.name}: {member} cannot be decoded")
                continue
            if abs(length - duration) > TOLERANCE_MS:
                problems.append(f"{path.name}: {member} plays {length} ms, the manifest "
                                f"says {duration}")
    return problems


def _as_held(chapters: list[tuple[int, int, str]], fmt: str) -> list[tuple[int, int, str]]:
    """The manifest's chapters as a format holds them: grouped to fit its chapter limit."""
    from earmark.export.tags import runs_to_fit

    limit = FORMATS[fmt].chapter_limit if fmt in FORMATS else len(chapters)
    return [(chapters[run[0]][0], chapters[run[-1]][1], chapters[run[0]][2])
            for run in runs_to_fit(len(chapters), limit)]


def _tracks(folder: Path, manifest: Manifest, chapters: list[tuple[int, int, str]],
            duration: int) -> list[str]:
    problems = []
    try:
        track = [(c.start_ms, c.end_ms, c.text)
                 for c in webvtt.read(folder / f"{manifest.slug}.chapters.vtt")]
        captions = webvtt.read(folder / f"{manifest.slug}.captions.vtt")
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return [f"tracks: {exc}"]
    problems += _same("chapters track", track, chapters)
    if len(captions) != len(manifest.segments):
        problems.append(f"{len(captions)} captions for {len(manifest.segments)} segments")
    previous = 0
    for cue, segment in zip(captions, manifest.segments, strict=False):
        if not previous <= cue.start_ms < cue.end_ms <= duration:
            problems.append(f"caption {cue.text[:30]!r} at {cue.start_ms}-{cue.end_ms} ms is "
                            "out of order or outside the audio")
        if (cue.start_ms, cue.end_ms) != (segment.start_ms, segment.end_ms):
            problems.append(f"caption {cue.text[:30]!r} is not at its segment's time")
        previous = cue.end_ms
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


def _sound(name: str, pcm: bytes, segments: tuple[SegmentEntry, ...]) -> list[str]:
    problems = []
    for segment in segments:
        per_ms = PCM.rate / 1000
        piece = pcm[round(segment.start_ms * per_ms) * PCM.frame_bytes:
                    round(segment.end_ms * per_ms) * PCM.frame_bytes]
        if len(piece) < 2 or audioop.rms(piece, 2) < 100:
            problems.append(f"{name}: segment {segment.index} ({segment.text[:30]!r}) "
                            "is silent or missing")
    return problems
