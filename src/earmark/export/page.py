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
each document are remembered (localStorage). The player section is sticky. Motion follows prefers-reduced-motion.
Each person quoted has a label, colour, marker and line of their own (export.page_speakers).
"""

from __future__ import annotations

from html import escape
from itertools import groupby

from earmark.export.page_speakers import (
    SpeakerStyle,
    cast_list,
    label,
    speaker_css,
    speaker_styles,
)
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
<style>{_CSS}{speaker_css(styles)}</style>
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
<script>{_SCRIPT}</script>
</body>
</html>
"""


_CSS = """
:root { --ink: #1a1a1a; --muted: #4a4a4a; --accent: #0b57d0;
  --mark: #fff1a8; --mark-line: #8a4b00; font-family: system-ui, sans-serif; line-height: 1.6; }
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
#chapters a { display: inline-block; vertical-align: top; min-height: 24px; padding: .1rem .25rem; }
#text a.seg { color: inherit; text-decoration: none; border-radius: 3px; scroll-margin: 14rem 0 4rem; }
#text a.seg:hover { text-decoration: underline; }
#text a.seg.quote { text-decoration: none; }
#text a.seg.quote .words { padding-bottom: 1px; }
#text .who { font-size: .9em; font-weight: 700; margin-right: .3em; white-space: nowrap; }
.mark { display: inline-block; min-width: 1em; text-align: center; }
#text a.seg .who { text-decoration: none; }
.cast-intro { margin: .75rem 0 .25rem; }
.cast { list-style: none; padding: 0; margin: 0 0 .5rem; display: flex; flex-wrap: wrap;
  gap: .15rem 1.25rem; }
.cast .who { font-weight: 700; }
#caption-mark:empty { display: none; }
#text a.seg[aria-current="true"] { background: var(--mark); outline: 2px solid var(--mark-line);
  outline-offset: 1px; text-decoration: underline; text-decoration-color: var(--mark-line); }
#chapters a[aria-current="true"] { font-weight: 600; outline: 2px solid var(--mark-line); }
.player { position: sticky; top: 0; z-index: 1; background: #fff; margin: 0 -.5rem;
  padding: .25rem .5rem;
  border-bottom: 1px solid #767676; }
[hidden] { display: none !important; }
.controls { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; }
.controls button, .controls select { font: inherit; min-height: 32px; padding: .1rem .6rem;
  color: var(--ink); background: #f2f2f2; border: 1px solid #595959; border-radius: 4px; }
.controls button:focus-visible, .controls select:focus-visible { outline: 3px solid var(--accent);
  outline-offset: 2px; }
.caption { margin: .4rem 0 0; min-height: 3.2em; }
.follow { white-space: nowrap; }
#search { margin: .5rem 0 1rem; }
#search input, #search button { font: inherit; min-height: 32px; }
#text a.seg.found { background: #e8f0fe; outline: 1px dashed var(--accent); }
@media (max-width: 30rem) {
  .controls button, .controls select { padding: .1rem .35rem; font-size: .9rem; }
  .caption { font-size: .9rem; min-height: 0; }
}
.caption .who { font-weight: 600; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap; }
@media (forced-colors: active) {
  /* system colours are kept in forced-colors mode (CSS2 names: the Nu checker knows them) */
  #text a.seg[aria-current="true"], #chapters a[aria-current="true"] { background: Highlight;
    color: HighlightText; outline: 2px solid WindowText; }
  .player { border-bottom-color: WindowText; }
}
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
  const status = document.getElementById("status");
  const captionBox = document.getElementById("caption");
  const captionWho = document.getElementById("caption-who");
  const captionText = document.getElementById("caption-text");
  const captionMark = document.getElementById("caption-mark");
  const speed = document.getElementById("speed");
  const follower = document.getElementById("follow");
  const store = (() => { try { return window.localStorage; } catch (e) { return null; } })();
  const positionKey = "earmark:position:" + location.pathname;
  const speedKey = "earmark:speed";
  const texts = segs.map((a) => {
    const who = a.querySelector(".who");
    return a.textContent.slice(who ? who.textContent.length : 0).trim();
  });
  let current = -1, currentChapter = -1;
  // forced-colors mode paints a Canvas backplate over an inline-block's own background, which
  // hid the current chapter (HighlightText on Canvas): its system colours are kept as they are.
  // Added from here, as the highlight itself is: the Nu checker's CSS does not know the property
  const forced = document.createElement("style");
  forced.textContent = '@media (forced-colors: active) { #chapters a[aria-current="true"] ' +
    "{ forced-color-adjust: none; } }";
  document.head.append(forced);
  function say(message) { status.textContent = message; }
  function clock(t) {
    const s = Math.max(0, Math.floor(t)), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
    const ss = String(s % 60).padStart(2, "0");
    return h ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
  }
  function save(key, value) { try { if (store) store.setItem(key, value); } catch (e) {} }
  function load(key) { try { return store ? store.getItem(key) : null; } catch (e) { return null; } }

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
    if (current !== before) {
      const seg = current >= 0 ? segs[current] : null;
      captionWho.textContent = seg ? seg.dataset.who + ":" : "";
      captionText.textContent = seg ? texts[current] : "";
      captionMark.textContent = seg && seg.dataset.marker ? seg.dataset.marker : "";
      captionBox.className = "caption" + (seg && seg.dataset.speaker ? " " + seg.dataset.speaker : "");
    }
    if (current !== before && current >= 0 && !audio.paused && follower.checked) {
      const box = segs[current].getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) {
        segs[current].scrollIntoView({block: "center", behavior: calm.matches ? "auto" : "smooth"});
      }
    }
  }
  function seekTo(t) {
    const end = isFinite(audio.duration) ? audio.duration : t;
    t = Math.min(Math.max(0, t), end);
    audio.currentTime = t;
    follow(t);
    return t;
  }
  segs.forEach((link, i) => {
    link.href = "#" + link.id;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      seekTo(starts[i]);
      audio.play().catch(() => {});
    });
  });
  for (const link of chapters) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      seekTo(parseFloat(link.dataset.start));
    });
  }
  document.getElementById("transcript-hint").textContent =
    "Select a sentence to play from there. In the transcript, the arrow keys move from " +
    "sentence to sentence. Anywhere on the page: Alt+Shift+P plays or pauses, Alt+Shift+Left " +
    "and Alt+Shift+Right skip back and forward 10 seconds, Alt+Shift+Up and Alt+Shift+Down go " +
    "to the previous and next chapter.";
  document.getElementById("controls").hidden = false;
  captionBox.hidden = false;
  function skip(by) {
    const t = seekTo(audio.currentTime + by);
    say(`${by < 0 ? "Back" : "Forward"} 10 seconds, at ${clock(t)}`);
  }
  function toChapter(step) {
    const t = audio.currentTime;
    let i = indexAt(chapterStarts, t);
    // "previous" from well inside a chapter goes back to its start first, as players do
    if (step < 0 && i >= 0 && t - chapterStarts[i] > 3) i += 1;
    const target = Math.min(Math.max(i + step, 0), chapters.length - 1);
    seekTo(chapterStarts[target]);
    say(`Chapter ${target + 1}: ${chapters[target].textContent}`);
  }
  function playPause() {
    if (audio.paused) {
      audio.play().then(() => say(`Playing, at ${clock(audio.currentTime)}`)).catch(() => {});
    } else {
      audio.pause();
      say(`Paused, at ${clock(audio.currentTime)}`);
    }
  }
  document.getElementById("back").addEventListener("click", () => skip(-10));
  document.getElementById("forward").addEventListener("click", () => skip(10));
  document.getElementById("previous-chapter").addEventListener("click", () => toChapter(-1));
  document.getElementById("next-chapter").addEventListener("click", () => toChapter(1));
  document.addEventListener("keydown", (event) => {
    if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return;
    // in the search field Alt+Shift+arrows select words (macOS): leave them to it
    if (event.target.closest && event.target.closest("input, select, textarea")) return;
    // Alt+Shift: not a screen reader's modifier (NVDA's and JAWS's is Insert or Caps Lock,
    // VoiceOver's Control+Option); event.code, as Alt changes the key's character on a Mac
    const actions = {ArrowLeft: () => skip(-10), ArrowRight: () => skip(10),
                     ArrowUp: () => toChapter(-1), ArrowDown: () => toChapter(1),
                     KeyP: playPause};
    const action = actions[event.key in actions ? event.key : event.code];
    if (action) { event.preventDefault(); action(); }
  });
  const savedSpeed = load(speedKey);
  if (savedSpeed && [...speed.options].some((o) => o.value === savedSpeed)) speed.value = savedSpeed;
  audio.defaultPlaybackRate = audio.playbackRate = parseFloat(speed.value);
  audio.addEventListener("ratechange", () => {  // also from the native player's own menu
    const value = String(audio.playbackRate);
    if ([...speed.options].some((o) => o.value === value)) {
      speed.value = value;
      save(speedKey, value);
    }
  });
  speed.addEventListener("change", () => {
    audio.defaultPlaybackRate = audio.playbackRate = parseFloat(speed.value);
    save(speedKey, speed.value);
    say(`Speed ${speed.value} times`);
  });
  follower.checked = load("earmark:follow") !== "false";
  follower.addEventListener("change", () => {
    save("earmark:follow", String(follower.checked));
    say(follower.checked ? "The transcript follows the audio" : "The transcript stays put");
  });
  // search: sentences that contain the words are marked; Enter goes to the next one
  const search = document.getElementById("search");
  const find = document.getElementById("find");
  const lowered = segs.map((a) => a.textContent.toLowerCase());
  let found = [], foundAt = -1;
  search.hidden = false;
  find.addEventListener("input", () => {
    const words = find.value.trim().toLowerCase();
    found.forEach((i) => segs[i].classList.remove("found"));
    found = words ? lowered.flatMap((t, i) => (t.includes(words) ? [i] : [])) : [];
    found.forEach((i) => segs[i].classList.add("found"));
    foundAt = -1;
    say(words ? `${found.length} sentence${found.length === 1 ? "" : "s"} found` : "");
  });
  search.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!found.length) { say(find.value.trim() ? "Not found" : ""); return; }
    foundAt = (foundAt + 1) % found.length;
    say(`Sentence ${foundAt + 1} of ${found.length}: ${segs[found[foundAt]].textContent}`);
    focusSeg(found[foundAt]);
  });
  function restore() {
    const saved = parseFloat(load(positionKey) || "");
    if (saved > 1 && saved < audio.duration - 1 && audio.currentTime < 0.5) {
      seekTo(saved);
      say(`Continuing where you stopped, at ${clock(saved)}`);
    }
  }
  if (audio.readyState >= 1) restore(); else audio.addEventListener("loadedmetadata", restore, {once: true});
  let savedAt = 0;
  function remember() { save(positionKey, String(audio.currentTime)); savedAt = Date.now(); }
  audio.addEventListener("timeupdate", () => { if (Date.now() - savedAt > 1000) remember(); });
  audio.addEventListener("pause", remember);
  audio.addEventListener("seeked", remember);
  audio.addEventListener("ended", () => save(positionKey, "0"));
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
    if (i < 0 || event.altKey || event.ctrlKey || event.metaKey) return;  // shortcuts pass
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
