"""`earmark feed`: an RSS 2.0 podcast feed of every render under OUT, with the Podcasting 2.0
namespace (https://podcastindex.org/namespace/1.0): per document an enclosure (its first audio
file, with its length and type), its duration, `podcast:chapters` (the render's
<slug>.chapters.json), `podcast:transcript` (its captions, WebVTT) and one
`podcast:soundbite` per clip cut with `earmark clip` (clips/clips.json).

The channel: title (--title, else OUT's name), author (--author, else the documents' own
author as their manifest, or else their audio tags, carry it: the most frequent one), image
(--image, a URL or a JPEG/PNG file, else the newest document's cover; the file is published as
OUT/feed-image.jpg|png),
a `podcast:guid` derived from the feed's URL (UUIDv5, as the namespace specifies).

Stable across re-runs: an item's GUID is the document's URL (base URL and slug); its pubDate is
the one an earlier OUT/feed.xml gave the same GUID (else the document's own date when it gives
a day, as front matter or an EPUB's package do, else when it was rendered), so
re-rendering an edited document updates its item without making it a new episode; the feed's
lastBuildDate is the newest render's or clip's time, so a re-run over an unchanged OUT writes
the same bytes. The feed is written whole each time (replaced at once).
"""

from __future__ import annotations

import os
import re
import uuid
from collections import Counter
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote, urlsplit
from xml.sax.saxutils import escape, quoteattr

from earmark.errors import InputError
from earmark.export.tags import voices_note
from earmark.finished.audio_meta import AudioMeta, read_meta
from earmark.finished.clip_index import INDEX, ClipRecord, recorded_clips
from earmark.planning.manifest import Manifest, load_manifest

PODCAST = "https://podcastindex.org/namespace/1.0"
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
ATOM = "http://www.w3.org/2005/Atom"
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
"""The Podcasting 2.0 namespace's UUIDv5 namespace for podcast:guid."""
IMAGE_NAME = "feed-image"


def renders(out: Path) -> list[tuple[Path, Manifest]]:
    """Every rendered folder under OUT (OUT/<slug>/<slug>.json), newest first."""
    found = []
    for folder in sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if (folder / f"{folder.name}.json").is_file():
            found.append((folder, load_manifest(folder)))
    return sorted(found, key=lambda f: (-_rendered_at(f[0]).timestamp(), f[0].name))


def _rendered_at(folder: Path) -> datetime:
    return datetime.fromtimestamp((folder / f"{folder.name}.json").stat().st_mtime, UTC)


def _changed_at(folder: Path) -> datetime:
    """When the render or its clips last changed."""
    index = folder / "clips" / INDEX
    times = [_rendered_at(folder)]
    if index.is_file():
        times.append(datetime.fromtimestamp(index.stat().st_mtime, UTC))
    return max(times)


def document_date(manifest: Manifest) -> datetime | None:
    """The document's own date when it gives a day ("2026-11-02", "2026-11-02T09:30:00Z"):
    midnight UTC of that day unless it gives a time; None for a year alone or nothing."""
    date = (manifest.document.date or "").strip()
    if not re.match(r"\d{4}-\d{2}-\d{2}", date):
        return None
    try:
        found = datetime.fromisoformat(date.replace("Z", "+00:00"))
    except ValueError:
        try:
            found = datetime.fromisoformat(date[:10])
        except ValueError:
            return None
    return found if found.tzinfo else found.replace(tzinfo=UTC)


def _clock(ms: int) -> str:
    seconds = round(ms / 1000)
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _seconds(ms: int) -> str:
    return f"{ms / 1000:.3f}"


def podcast_guid(feed_url: str) -> str:
    """podcast:guid: UUIDv5 of the feed URL without its scheme and trailing slashes."""
    parts = urlsplit(feed_url)
    bare = (parts.netloc + parts.path).rstrip("/") if parts.netloc else feed_url.rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


def previous_dates(feed: Path) -> dict[str, str]:
    """GUID -> pubDate of the items of an earlier feed (none if it is missing or unreadable)."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(feed.read_bytes())
    except (OSError, SyntaxError, DefusedXmlException):
        return {}
    dates = {}
    for item in root.iter("item"):
        guid, date = item.findtext("guid"), item.findtext("pubDate")
        if guid and date:
            dates[guid.strip()] = date.strip()
    return dates


def _soundbite(clip: ClipRecord) -> str:
    title = clip.label
    if clip.kind == "quote":
        title = f"The words of {clip.label}, read by a synthetic voice"
    return (f'<podcast:soundbite startTime="{_seconds(clip.start_ms)}" '
            f'duration="{_seconds(clip.end_ms - clip.start_ms)}">{escape(title)}'
            "</podcast:soundbite>")


def _item(folder: Path, manifest: Manifest, meta: AudioMeta, base: str,
          dates: dict[str, str]) -> str:
    slug = folder.name
    audio = manifest.audio
    url = f"{base}/{quote(slug)}/"
    speakers = [s.name for s in manifest.speakers if s.name != "narrator"]
    first = document_date(manifest) or _rendered_at(folder)
    author = manifest.document.author or meta.author
    parts = [
        f"<title>{escape(manifest.title)}</title>",
        f"<link>{escape(url)}index.html</link>",
        f"<guid isPermaLink=\"false\">{escape(url)}</guid>",
        f"<pubDate>{escape(dates.get(url) or format_datetime(first))}</pubDate>",
        f"<description>{escape(manifest.title)}. {escape(voices_note(speakers))}</description>",
        f"<enclosure url={quoteattr(url + quote(audio.file))} "
        f"length=\"{(folder / audio.file).stat().st_size}\" type={quoteattr(audio.mime)}/>",
        f"<itunes:duration>{_clock(manifest.duration_ms)}</itunes:duration>",
    ]
    if author:
        parts.append(f"<itunes:author>{escape(author)}</itunes:author>")
    if (folder / f"{slug}.chapters.json").is_file():
        parts.append(f"<podcast:chapters url={quoteattr(url + quote(slug) + '.chapters.json')} "
                     "type=\"application/json+chapters\"/>")
    if (folder / f"{slug}.captions.vtt").is_file():
        parts.append(f"<podcast:transcript url={quoteattr(url + quote(slug) + '.captions.vtt')}"
                     f" type=\"text/vtt\" language={quoteattr(manifest.language)}/>")
    parts += [_soundbite(c) for c in recorded_clips(folder / "clips")
              if c.end_ms <= manifest.duration_ms]
    return "<item>" + "".join(parts) + "</item>"


def _image_kind(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    return None


def image_source(image: str | None) -> str | bytes | None:
    """--image checked before anything is written: a URL as it is, a file's bytes (JPEG or
    PNG), or None when not given; InputError otherwise."""
    if image is None:
        return None
    if urlsplit(image).scheme in ("http", "https"):
        return image
    path = Path(image)
    try:
        data = path.read_bytes()
    except OSError:
        raise InputError(f"--image {image}: no such file (give a JPEG or PNG file, or a URL)"
                         ) from None
    if _image_kind(data) is None:
        raise InputError(f"--image {image}: is not a JPEG or PNG image")
    return data


def _publish_image(out: Path, base: str, data: bytes | None) -> str | None:
    """Write the channel image as OUT/feed-image.<ext> (removing a stale one of the other
    type) and return its URL; with no image, remove any and return None."""
    kind = _image_kind(data) if data else None
    for ext in ("jpg", "png"):
        if ext != kind:
            (out / f"{IMAGE_NAME}.{ext}").unlink(missing_ok=True)
    if data is None or kind is None:
        return None
    target = out / f"{IMAGE_NAME}.{kind}"
    if not target.is_file() or target.read_bytes() != data:
        partial = out / f".{IMAGE_NAME}.{os.getpid()}.partial"
        partial.write_bytes(data)
        partial.replace(target)
    return f"{base}/{target.name}"


def write_feed(out: Path, base_url: str, title: str | None = None, author: str | None = None,
               image: str | None = None) -> Path:
    """OUT/feed.xml for every render under OUT; InputError when OUT holds none."""
    if not out.is_dir():
        raise InputError(f"{out}: no such folder (render documents into it first)")
    source = image_source(image)
    found = renders(out)
    if not found:
        raise InputError(f"{out}: no rendered documents in it (earmark render … -o {out})")
    base = base_url.rstrip("/")
    feed_url = f"{base}/feed.xml"
    metas = [read_meta(folder / m.audio.file, m.audio.format) for folder, m in found]
    authors = Counter(m.document.author or meta.author for (_, m), meta in zip(found, metas,
                      strict=True) if m.document.author or meta.author)
    author = author or (authors.most_common(1)[0][0] if authors else None)
    if isinstance(source, str):
        image_url: str | None = source
        _publish_image(out, base, None)  # no stale copy of a cover beside the feed
    else:
        cover = source or next((meta.cover for meta in metas if meta.cover), None)
        image_url = _publish_image(out, base, cover)
    name = title or out.resolve().name
    language = found[0][1].language
    dates = previous_dates(out / "feed.xml")
    built = max(_changed_at(folder) for folder, _ in found)
    channel = [
        f"<title>{escape(name)}</title>",
        f"<link>{escape(base)}/</link>",
        f"<atom:link href={quoteattr(feed_url)} rel=\"self\" type=\"application/rss+xml\"/>",
        f"<description>{escape(name)}: documents read by synthetic voices (espeak-ng, by "
        "earmark), not recordings of the people quoted.</description>",
        f"<language>{escape(language)}</language>",
        f"<lastBuildDate>{format_datetime(built)}</lastBuildDate>",
        "<generator>earmark</generator>",
        f"<podcast:guid>{podcast_guid(feed_url)}</podcast:guid>",
        "<itunes:explicit>false</itunes:explicit>",
    ]
    if author:
        channel.append(f"<itunes:author>{escape(author)}</itunes:author>")
    if image_url:
        channel += [f"<image><url>{escape(image_url)}</url><title>{escape(name)}</title>"
                    f"<link>{escape(base)}/</link></image>",
                    f"<itunes:image href={quoteattr(image_url)}/>"]
    channel += [_item(folder, manifest, meta, base, dates)
                for (folder, manifest), meta in zip(found, metas, strict=True)]
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           f'<rss version="2.0" xmlns:podcast="{PODCAST}" xmlns:itunes="{ITUNES}" '
           f'xmlns:atom="{ATOM}"><channel>' + "".join(channel) + "</channel></rss>\n")
    target = out / "feed.xml"
    partial = out / f".feed.xml.{os.getpid()}.partial"
    partial.write_text(xml, encoding="utf-8")
    partial.replace(target)
    return target
