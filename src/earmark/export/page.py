"""index.html: the accessible listening page, built from the manifest.

Self-contained (inline CSS and script, relative URLs). Without JavaScript it still has the
player with both tracks, the download link, the chapter list and the whole transcript; every
chapter entry and sentence is a link to the audio at that time (a media fragment). With
JavaScript, those links seek the player instead, the sentence being spoken is marked with
aria-current and highlighted, and the transcript is one Tab stop whose sentences are reached
with the arrow keys. Motion follows prefers-reduced-motion.
"""

from __future__ import annotations

from html import escape
from itertools import groupby

from earmark.planning.manifest import Manifest, SegmentEntry


def h(text: object) -> str:
    return escape(str(text), quote=True)


def clock(ms: int) -> str:
    seconds = max(0, ms) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def spoken_duration(ms: int) -> str:
    seconds = round(ms / 1000)
    minutes, secs = divmod(seconds, 60)
    parts = ([f"{minutes} minute{'s' * (minutes != 1)}"] if minutes else []) + (
        [f"{secs} second{'s' * (secs != 1)}"] if secs or not minutes else []
    )
    return " ".join(parts)


def seconds(ms: int) -> str:
    return f"{ms / 1000:.3f}"


def _segment_link(audio: str, segment: SegmentEntry, labelled: bool) -> str:
    who = ""
    if labelled:
        name = segment.speaker or "Unidentified speaker"
        who = f'<span class="who">{h(name)}:</span> '
    return (
        f'<a class="seg {h(segment.kind)}" id="s{segment.index}" '
        f'href="{h(audio)}#t={seconds(segment.start_ms)}" '
        f'data-start="{seconds(segment.start_ms)}" data-end="{seconds(segment.end_ms)}">'
        f"{who}{h(segment.caption)}</a>"
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


def _transcript(manifest: Manifest, audio: str) -> str:
    out: list[str] = []
    for _, group in groupby(manifest.segments, key=lambda s: s.paragraph):
        segments = list(group)
        links = " ".join(
            _segment_link(audio, s, _starts_speech(s, segments[i - 1] if i else None))
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
    voices = (
        f" Quotations are read in the voices of {h(', '.join(speakers))}; the rest by a narrator."
        if speakers
        else ""
    )
    return f"""<!doctype html>
<html lang="{h(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{h(title)} (audio)</title>
<style>{_CSS}</style>
</head>
<body>
<a class="skip" href="#transcript-heading">Skip to the transcript</a>
<header>
<h1>{h(title)}</h1>
<p id="about">This is the audio version of the article “{h(title)}”, {spoken_duration(duration)}
long, with captions, chapters and the full text below as its transcript.{voices}</p>
</header>
<main>
<section aria-labelledby="listen-heading">
<h2 id="listen-heading">Listen</h2>
<audio id="player" controls preload="metadata" aria-label="Audio: {h(title)}"
       aria-describedby="about">
{sources}
    <track kind="captions" src="{h(slug)}.captions.vtt" srclang="{h(language)}" label="Captions" default>
    <track kind="chapters" src="{h(slug)}.chapters.vtt" srclang="{h(language)}" label="Chapters">
    <p>Your browser cannot play this audio here: {downloads}.</p>
</audio>
<p class="downloads">{downloads} · <a href="{h(slug)}.captions.vtt">Captions (WebVTT)</a></p>
</section>
<nav aria-labelledby="chapters-heading">
<h2 id="chapters-heading">Chapters</h2>
<ol id="chapters">
{_chapters(manifest, audio)}
</ol>
</nav>
<section id="transcript" aria-labelledby="transcript-heading">
<h2 id="transcript-heading">Transcript</h2>
<p class="hint" id="transcript-hint">Select a sentence to play from there. In the transcript,
the arrow keys move from sentence to sentence.</p>
<div id="text">
{_transcript(manifest, audio)}
</div>
</section>
</main>
<footer><p>Narrated with earmark (espeak-ng voices).</p></footer>
<script>{_SCRIPT}</script>
</body>
</html>
"""


_CSS = """
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4a4a4a; --accent: #0b57d0;
  --mark: #fff1a8; font-family: system-ui, sans-serif; line-height: 1.6; }
body { margin: 0 auto; max-width: 46rem; padding: 1rem 1.25rem 3rem; color: var(--ink);
  background: #fff; }
a { color: var(--accent); }
a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; border-radius: 2px; }
.skip { position: absolute; left: -999px; top: 0; padding: .5rem 1rem; background: #fff; }
.skip:focus { left: 1rem; }
audio { width: 100%; margin: .5rem 0; }
.downloads, .hint, .time, footer { color: var(--muted); font-size: .95rem; }
#chapters { padding-left: 1.5rem; }
#chapters li { margin: .25rem 0; }
#chapters a { display: inline-block; min-height: 24px; padding: .1rem .25rem; }
#text a.seg { color: inherit; text-decoration: none; border-radius: 3px; }
#text a.seg:hover { text-decoration: underline; }
#text a.seg.quote { text-decoration: underline dotted; }
#text .who { font-size: .85em; font-weight: 600; color: var(--muted); }
[aria-current="true"] { background: var(--mark); box-shadow: 0 0 0 2px var(--mark); }
#chapters a[aria-current="true"] { font-weight: 600; }
html { scroll-behavior: smooth; }
@media (prefers-reduced-motion: reduce) {
  html { scroll-behavior: auto; }
  * { transition: none !important; animation: none !important; }
}
"""

_SCRIPT = """
(() => {
  const audio = document.getElementById("player");
  const segs = Array.from(document.querySelectorAll("#text a.seg"));
  const chapters = Array.from(document.querySelectorAll("#chapters a.chapter"));
  const starts = segs.map((a) => parseFloat(a.dataset.start));
  const chapterStarts = chapters.map((a) => parseFloat(a.dataset.start));
  const calm = window.matchMedia("(prefers-reduced-motion: reduce)");
  let current = -1, currentChapter = -1;

  function indexAt(list, t) {
    let lo = 0, hi = list.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] <= t + 0.001) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }
  function mark(list, old, now) {
    if (old === now) return now;
    if (old >= 0) list[old].removeAttribute("aria-current");
    if (now >= 0) list[now].setAttribute("aria-current", "true");
    return now;
  }
  function follow(t) {
    const before = current;
    current = mark(segs, current, indexAt(starts, t));
    currentChapter = mark(chapters, currentChapter, indexAt(chapterStarts, t));
    if (current !== before && current >= 0 && !audio.paused) {
      const box = segs[current].getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) {
        segs[current].scrollIntoView({block: "center", behavior: calm.matches ? "auto" : "smooth"});
      }
    }
  }
  function seekTo(t) {
    audio.currentTime = t;
    follow(t);
  }
  for (const link of [...segs, ...chapters]) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      seekTo(parseFloat(link.dataset.start));
    });
  }
  // the transcript is one Tab stop; arrow keys move between its sentences
  segs.forEach((a, i) => { a.tabIndex = i === 0 ? 0 : -1; });
  function focusSeg(i) {
    if (i < 0 || i >= segs.length) return;
    segs.forEach((a) => { a.tabIndex = -1; });
    segs[i].tabIndex = 0;
    segs[i].focus();
  }
  document.getElementById("text").addEventListener("keydown", (event) => {
    const i = segs.indexOf(document.activeElement);
    if (i < 0) return;
    const moves = {ArrowDown: i + 1, ArrowRight: i + 1, ArrowUp: i - 1, ArrowLeft: i - 1,
                   Home: 0, End: segs.length - 1};
    if (event.key in moves) { event.preventDefault(); focusSeg(moves[event.key]); }
  });
  document.getElementById("text").addEventListener("focusin", (event) => {
    const i = segs.indexOf(event.target);
    if (i >= 0) { segs.forEach((a) => { a.tabIndex = -1; }); segs[i].tabIndex = 0; }
  });
  for (const track of audio.textTracks) {
    if (track.kind === "chapters") track.mode = "hidden";
  }
  let frame = 0;
  function tick() { follow(audio.currentTime); frame = requestAnimationFrame(tick); }
  audio.addEventListener("play", () => { cancelAnimationFrame(frame); tick(); });
  audio.addEventListener("pause", () => cancelAnimationFrame(frame));
  audio.addEventListener("seeked", () => follow(audio.currentTime));
  audio.addEventListener("timeupdate", () => follow(audio.currentTime));
})();
"""
