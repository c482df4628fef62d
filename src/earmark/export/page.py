"""index.html: the accessible listening page, built from the manifest.

Self-contained (inline CSS and script, relative URLs). Without JavaScript it still has the
player with both tracks, the download link, the chapter list and the whole transcript: each
chapter entry links to the audio at that time (a media fragment); the sentences are plain text
(a sentence cannot start the page's own player without a script, and a link that leaves the
page for the bare audio file loses the transcript), and the hint says to use the player.
With JavaScript, the sentences become links that play from their start, chapter entries seek
the player, the sentence being spoken is marked with aria-current and highlighted (an outline
and underline of at least 3:1 contrast, system colours in forced-colors mode), and the
transcript is one Tab stop whose sentences are reached with the arrow keys. The player's own
controls (skip, chapters, speed, following the audio in the transcript or not), a search of
the transcript and a captions line appear with the script; speed, following and the position in
each document are remembered (localStorage). The player section is sticky. Motion follows
prefers-reduced-motion. Each person quoted has a label, colour, marker and line of their own
(export.page_speakers). The style sheet is export.page_style, the script export.page_script.
"""

from __future__ import annotations

from html import escape
from itertools import groupby

from earmark.export.page_script import PAGE_SCRIPT
from earmark.export.page_speakers import (
    SpeakerStyle,
    cast_list,
    label,
    speaker_css,
    speaker_styles,
)
from earmark.export.page_style import PAGE_CSS
from earmark.export.tags import voices_note
from earmark.planning.manifest import Manifest, SegmentEntry


def h(text: object) -> str:
    return escape(str(text), quote=True)


def clock(ms: int) -> str:
    seconds = max(0, ms) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def spoken_duration(ms: int) -> str:
    """The duration in words, to the same whole second as `clock` (and the browser's player,
    which rounds down)."""
    seconds = max(0, ms) // 1000
    minutes, secs = divmod(seconds, 60)
    parts = ([f"{minutes} minute{'s' * (minutes != 1)}"] if minutes else []) + (
        [f"{secs} second{'s' * (secs != 1)}"] if secs or not minutes else []
    )
    return " ".join(parts)


def seconds(ms: int) -> str:
    return f"{ms / 1000:.3f}"


def _speaker_name(segment: SegmentEntry) -> str:
    if segment.kind != "quote":
        return "Narrator"
    return segment.speaker or "Unidentified speaker"


def _segment_link(segment: SegmentEntry, labelled: bool,
                  styles: dict[str | None, SpeakerStyle]) -> str:
    style = styles.get(segment.speaker) if segment.kind == "quote" else None
    who = label(style) if labelled and style else ""
    speaker = f" {style.key}" if style else ""
    mark = f' data-marker="{h(style.marker)}" data-speaker="{style.key}"' if style else ""
    words = h(segment.caption)
    if segment.kind == "quote":  # underlined apart from the label before it
        words = f'<span class="words">{words}</span>'
    return (
        f'<a class="seg {h(segment.kind)}{speaker}" id="s{segment.index}" '
        f'data-start="{seconds(segment.start_ms)}" data-end="{seconds(segment.end_ms)}" '
        f'data-who="{h(_speaker_name(segment))}"{mark}>'
        f"{who}{words}</a>"
    )


def _starts_speech(segment: SegmentEntry, previous: SegmentEntry | None) -> bool:
    """Label a quote with its speaker where their speech starts in a paragraph."""
    if segment.kind != "quote":
        return False
    return (
        previous is None
        or previous.kind != "quote"
        or (previous.speaker != segment.speaker)
    )


def _transcript(manifest: Manifest, styles: dict[str | None, SpeakerStyle]) -> str:
    out: list[str] = []
    for _, group in groupby(manifest.segments, key=lambda s: s.paragraph):
        segments = list(group)
        links = " ".join(
            _segment_link(s, _starts_speech(s, segments[i - 1] if i else None), styles)
            for i, s in enumerate(segments)
        )
        if segments[0].kind == "heading":
            out.append(f"<h3>{links}</h3>")
        else:
            out.append(f"<p>{links}</p>")
    return "\n".join(out)


def _chapters(manifest: Manifest, audio: str) -> str:
    items = []
    for chapter in manifest.chapters:
        items.append(
            f'<li><a class="chapter" href="{h(audio)}#t={seconds(chapter.start_ms)}" '
            f'data-start="{seconds(chapter.start_ms)}">{h(chapter.title)}</a> '
            f'<span class="time">{clock(chapter.start_ms)}</span></li>'
        )
    return "\n".join(items)


def render_page(manifest: Manifest, slug: str) -> str:
    title = manifest.title
    language = manifest.language
    audio = manifest.audio.file
    duration = manifest.duration_ms
    sources = "\n".join(
        f'    <source src="{h(f.file)}" type="{h(f.mime)}">'
        for f in manifest.audio_files
    )
    downloads = " · ".join(
        f'<a href="{h(f.file)}" download>Download the audio ({h(f.format.upper())}, '
        f"{clock(duration)})</a>"
        for f in manifest.audio_files
    )
    speakers = [s.name for s in manifest.speakers if s.name != "narrator"]
    voices = " " + h(voices_note(speakers))
    styles = speaker_styles(manifest)
    speeds = "".join(
        f'<option value="{rate}"{" selected" if rate == "1" else ""}>{rate}×</option>'
        for rate in ("0.75", "1", "1.25", "1.5", "1.75", "2")
    )
    return f"""<!doctype html>
<html lang="{h(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>{h(title)} (audio)</title>
<style>{PAGE_CSS}{speaker_css(styles)}</style>
</head>
<body>
<a class="skip" href="#transcript-heading">Skip to the transcript</a>
<header>
<h1>{h(title)}</h1>
<p id="about">This is the audio version of the article “{h(title)}”, {spoken_duration(duration)}
long, with captions, chapters and the full text below as its transcript.{voices}</p>
{cast_list(styles)}
</header>
<main>
<section class="player" id="player-box" aria-labelledby="listen-heading">
<h2 id="listen-heading" class="visually-hidden">Listen</h2>
<audio id="player" controls preload="metadata" aria-label="Audio: {h(title)}"
       aria-keyshortcuts="Alt+Shift+P"
       aria-describedby="about">
{sources}
    <track kind="captions" src="{h(slug)}.captions.vtt" srclang="{h(language)}" label="Captions" default>
    <track kind="chapters" src="{h(slug)}.chapters.vtt" srclang="{h(language)}" label="Chapters">
    <p>Your browser cannot play this audio here: {downloads}.</p>
</audio>
<div class="controls" id="controls" role="group" aria-label="Player controls" hidden>
<button type="button" id="back" aria-keyshortcuts="Alt+Shift+ArrowLeft">Back 10 s</button>
<button type="button" id="forward" aria-keyshortcuts="Alt+Shift+ArrowRight">Forward 10 s</button>
<button type="button" id="previous-chapter" aria-keyshortcuts="Alt+Shift+ArrowUp">Previous chapter</button>
<button type="button" id="next-chapter" aria-keyshortcuts="Alt+Shift+ArrowDown">Next chapter</button>
<label for="speed">Speed</label> <select id="speed">{speeds}</select>
<label class="follow"><input type="checkbox" id="follow" checked> Follow in the transcript</label>
</div>
<p id="caption" class="caption" hidden><span class="mark" id="caption-mark" aria-hidden="true"></span>
<span class="who" id="caption-who"></span> <span id="caption-text"></span></p>
<p id="status" class="visually-hidden" role="status"></p>
</section>
<p class="downloads">{downloads} · <a href="{h(slug)}.captions.vtt">Captions (WebVTT)</a></p>
<nav aria-labelledby="chapters-heading">
<h2 id="chapters-heading">Chapters</h2>
<ol id="chapters">
{_chapters(manifest, audio)}
</ol>
</nav>
<section id="transcript" aria-labelledby="transcript-heading">
<h2 id="transcript-heading">Transcript</h2>
<p class="hint" id="transcript-hint">The full text of the audio. To listen from a chapter, use the
chapter list or the player above.</p>
<form id="search" role="search" aria-label="Transcript" hidden>
<label for="find">Search the transcript</label> <input type="search" id="find">
<button type="submit">Find next</button>
</form>
<div id="text">
{_transcript(manifest, styles)}
</div>
</section>
</main>
<footer><p>Narrated with earmark: every voice is synthetic (espeak-ng).</p></footer>
<script>{PAGE_SCRIPT}</script>
</body>
</html>
"""
