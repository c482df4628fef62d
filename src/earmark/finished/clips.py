"""`earmark clip`: embeddable pieces of a rendered output (a chapter, a quote, a time range).

Each clip is cut from the render's main audio file (re-encoded, so it starts exactly where
asked), with its own captions (the manifest's cues, shifted) and an HTML snippet: a figure with
the audio, its captions track, the clip's transcript and a caption (the figure's last child, as
HTML wants it) naming the speaker, the source and that the voices are synthetic. The clip's
audio carries its own tags (title, the synthetic narrator, whose words it reads). Clips go to
OUTDIR/clips/, each recorded (name, label, times) in clips/clips.json (finished.clip_index).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from earmark.config.formats import FORMATS
from earmark.config.recipe import ExportSettings
from earmark.errors import InputError, ToolError
from earmark.export import webvtt
from earmark.export.page import clock, h
from earmark.export.tags import ENCODER, NARRATOR, and_list, voices_note
from earmark.finished.clip_index import ClipRecord, record_clip
from earmark.planning.manifest import Manifest, SegmentEntry
from earmark.rendering import slugify
from earmark.tools import FFMPEG, probe, run


@dataclass(frozen=True, slots=True)
class ClipSpec:
    name: str
    start_ms: int
    end_ms: int
    label: str
    """What the clip is: "Chapter 2: What residents said", "Elena Ruiz"."""
    kind: str = "range"
    """"chapter", "quote" or "range" (--from/--to)."""


def parse_time(value: str) -> int:
    """Seconds ("75.5") or [h:]mm:ss[.ms] ("1:15.5") -> milliseconds."""
    match = re.fullmatch(r"(?:(?:(\d+):)?(\d+):)?(\d+(?:\.\d+)?)", value.strip())
    if not match:
        raise InputError(f"'{value}' is not a time (use seconds, or mm:ss)")
    hours, minutes, secs = match.groups()
    return round((int(hours or 0) * 3600 + int(minutes or 0) * 60 + float(secs)) * 1000)


def chapter_clip(manifest: Manifest, number: int) -> ClipSpec:
    chapters = manifest.chapters
    if not 1 <= number <= len(chapters):
        raise InputError(f"there is no chapter {number} (chapters 1-{len(chapters)})")
    chapter = chapters[number - 1]
    return ClipSpec(
        f"chapter-{number}-{slugify(chapter.title)[:40]}".rstrip("-"),
        chapter.start_ms,
        chapter.end_ms,
        f"Chapter {number}: {chapter.title}",
        "chapter",
    )


def _quote_segments(manifest: Manifest, number: int) -> list[SegmentEntry]:
    start, end = manifest.quotes[number - 1].span
    return [s for s in manifest.segments
            if s.kind == "quote" and start <= s.source_span[0] and s.source_span[1] <= end]


def spoken_quotes(manifest: Manifest) -> list[int]:
    """Numbers (from 1) of the quotes that have words of their own in the audio."""
    return [n for n in range(1, len(manifest.quotes) + 1) if _quote_segments(manifest, n)]


def quote_clip(manifest: Manifest, number: int) -> ClipSpec:
    quotes = manifest.quotes
    if not 1 <= number <= len(quotes):
        raise InputError(f"there is no quote {number} (quotes 1-{len(quotes) or 'none'})")
    inside = _quote_segments(manifest, number)
    if not inside:
        # e.g. “?” he asked.: the narrator reads it within a sentence; a clip of that
        # sentence would not be the quote, so say so rather than cut something else
        raise InputError(f"quote {number} has no words of its own to speak (it is read "
                         "within the narration): no clip; try --chapter or --from/--to")
    speaker = quotes[number - 1].speaker or "Unidentified speaker"
    return ClipSpec(
        f"quote-{number}-{slugify(speaker)[:40]}".rstrip("-"),
        inside[0].start_ms,
        inside[-1].end_ms,
        speaker,
        "quote",
    )


def range_clip(manifest: Manifest, start: str, end: str) -> ClipSpec:
    start_ms, end_ms = parse_time(start), parse_time(end)
    duration = manifest.duration_ms
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


def encoded_as(audio: Path, fmt: str) -> ExportSettings:
    """The export settings a clip of `audio` is encoded with: its own sample rate and, for
    the formats whose streams state it (MP3 is constant bitrate), its bitrate, so that clips
    of an ACX render stay 44.1 kHz 192 kbps. AAC and Opus keep the recipe defaults: their
    streams give only a measured average."""
    defaults = ExportSettings()
    try:
        stream = probe(str(audio), "-select_streams", "a:0",
                       "-show_entries", "stream=sample_rate,bit_rate")["streams"][0]
    except (ToolError, IndexError, KeyError):
        raise InputError(f"{audio}: cannot read the render's audio to cut a clip from it"
                         ) from None
    rate = int(stream.get("sample_rate") or defaults.sample_rate)
    settings = dataclasses.replace(defaults, sample_rate=rate)
    if fmt == "mp3" and str(stream.get("bit_rate", "")).isdigit():
        settings = dataclasses.replace(settings, mp3_bitrate=f"{int(stream['bit_rate']) // 1000}k")
    return settings


def make_clip(folder: Path, manifest: Manifest, spec: ClipSpec) -> list[Path]:
    """Write the clip's audio, captions and snippet; return their paths."""
    clips = folder / "clips"
    clips.mkdir(exist_ok=True)
    audio = manifest.audio
    if audio.format not in FORMATS:
        raise InputError(f"{folder}: the manifest's audio format {audio.format!r} is unknown")
    fmt = FORMATS[audio.format]
    source = folder / audio.file
    target = clips / f"{spec.name}.{fmt.extension}"
    partial = target.with_name(f".{target.name}.partial")
    cut = ["-ss", f"{spec.start_ms / 1000:.3f}", "-i", str(source),
           "-t", f"{(spec.end_ms - spec.start_ms) / 1000:.3f}"]
    try:
        run([*FFMPEG, *cut, "-map_metadata", "-1", "-map_chapters", "-1",
             *fmt.encoder_args(encoded_as(source, audio.format)), str(partial)])
        tag_clip(partial, audio.format, manifest, spec)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    length = spec.end_ms - spec.start_ms
    segments = [s for s in manifest.segments if s.end_ms > spec.start_ms and s.start_ms < spec.end_ms]
    captions = clips / f"{spec.name}.captions.vtt"
    captions.write_text(
        webvtt.render(webvtt.caption_cues(segments, spec.start_ms, length)), encoding="utf-8"
    )
    snippet = clips / f"{spec.name}.html"
    snippet.write_text(
        render_snippet(manifest, spec, target.name, captions.name, segments, fmt.mime),
        encoding="utf-8",
    )
    record_clip(clips, ClipRecord(spec.name, spec.kind, spec.label, spec.start_ms, spec.end_ms,
                                  target.name, captions.name, snippet.name))
    return [target, captions, snippet]


def clip_note(segments: list[SegmentEntry]) -> str:
    """What the clip's voices are, honestly: a clip of quotations alone says it is a synthetic
    voice reading the person's words, not a recording of them; otherwise as the page says."""
    speakers = list(dict.fromkeys(s.speaker or "an unidentified speaker"
                                  for s in segments if s.kind == "quote"))
    if speakers and all(s.kind == "quote" for s in segments):
        voices = "A synthetic voice" if len(speakers) == 1 else "Synthetic voices"
        return (f"{voices} reading the words of {and_list(speakers)} (espeak-ng, by earmark):"
                f" not a recording of {and_list(speakers)}.")
    return voices_note(speakers)


def tag_clip(path: Path, fmt: str, manifest: Manifest, spec: ClipSpec) -> None:
    """The clip's own tags: its title, the render's title as album, the synthetic narrator and
    a comment saying whose words the synthetic voices read (never passing for a recording)."""
    segments = [s for s in manifest.segments
                if s.end_ms > spec.start_ms and s.start_ms < spec.end_ms]
    title = f"{spec.label}, from “{manifest.title}”"
    comment = clip_note(segments)
    if fmt in ("mp3", "wav"):
        from mutagen.id3 import COMM, TALB, TCOM, TIT2, TPE1, TSSE, TXXX

        from earmark.export.id3 import add_wave_tags, new_tags

        if fmt == "mp3":
            tags = new_tags()
        else:
            from mutagen.wave import WAVE

            wave = WAVE(str(path))
            add_wave_tags(wave)
            tags = wave.tags
        tags.add(TIT2(encoding=3, text=[title]))
        tags.add(TALB(encoding=3, text=[manifest.title]))
        tags.add(TPE1(encoding=3, text=[NARRATOR]))
        tags.add(TCOM(encoding=3, text=[NARRATOR]))
        tags.add(TXXX(encoding=3, desc="NARRATOR", text=[NARRATOR]))
        tags.add(TSSE(encoding=3, text=[ENCODER]))
        tags.add(COMM(encoding=3, lang="eng", desc="", text=[comment]))
        if fmt == "mp3":
            tags.save(str(path), v2_version=3)
        else:
            wave.save(v2_version=3)
        return
    from mutagen import File

    audio = File(str(path))
    if audio is None:
        return
    if fmt == "m4b":
        audio["\xa9nam"], audio["\xa9alb"] = [title], [manifest.title]
        audio["\xa9ART"] = audio["\xa9wrt"] = [NARRATOR]
        audio["\xa9cmt"], audio["\xa9too"] = [comment], [ENCODER]
    else:  # Vorbis comments (Opus)
        audio["TITLE"], audio["ALBUM"] = [title], [manifest.title]
        audio["ARTIST"] = audio["PERFORMER"] = audio["NARRATOR"] = [NARRATOR]
        audio["COMMENT"], audio["ENCODER"] = [comment], [ENCODER]
    audio.save()


def snippet_transcript(segments: list[SegmentEntry]) -> str:
    """The clip's words (escaped), a <p> per paragraph; each quotation opens with its
    speaker's name where their turn starts, as on the listening page (the narration has no
    label)."""
    paragraphs: list[list[str]] = []
    previous: tuple[int, str | None] | None = None
    for segment in segments:
        who = (segment.speaker or "Unidentified speaker") if segment.kind == "quote" else None
        if previous is None or previous[0] != segment.paragraph:
            paragraphs.append([])
        label = f"{h(who)}: " if who and previous != (segment.paragraph, who) else ""
        paragraphs[-1].append(label + h(segment.caption))
        previous = (segment.paragraph, who)
    return "\n    ".join(f"<p>{' '.join(words)}</p>" for words in paragraphs)


def render_snippet(
    manifest: Manifest,
    spec: ClipSpec,
    audio: str,
    captions: str,
    segments: list[SegmentEntry],
    mime: str,
) -> str:
    title = manifest.title
    language = manifest.language
    ident = f"earmark-{spec.name}"
    text = snippet_transcript(segments)
    return f"""<figure class="earmark-clip" id="{h(ident)}" lang="{h(language)}" aria-labelledby="{h(ident)}-caption">
  <audio controls preload="metadata" aria-labelledby="{h(ident)}-caption">
    <source src="{h(audio)}" type="{h(mime)}">
    <track kind="captions" src="{h(captions)}" srclang="{h(language)}" label="Captions" default>
    <a href="{h(audio)}" download>Download the clip</a>
  </audio>
  <details>
    <summary>Transcript</summary>
    {text}
  </details>
  <figcaption id="{h(ident)}-caption">{h(spec.label)}, from “{h(title)}” ({clock(spec.end_ms - spec.start_ms)}). {h(clip_note(segments))}</figcaption>
</figure>
"""
