"""`earmark feed`: an RSS 2.0 podcast feed of every render under OUT, with the Podcasting 2.0
namespace (https://podcastindex.org/namespace/1.0): per document an enclosure (its first audio
file, with its length and type), its duration, `podcast:chapters` (the render's
<slug>.chapters.json) and `podcast:transcript` (its captions, WebVTT).

The feed is written whole each time (OUT/feed.xml, replaced at once), so re-running it after
new renders updates it. An item's GUID is the document's base URL and slug: stable across
re-renders of the same document.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from earmark.errors import InputError
from earmark.planning.manifest import Manifest, load_manifest

PODCAST = "https://podcastindex.org/namespace/1.0"
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"


def renders(out: Path) -> list[tuple[Path, Manifest]]:
    """Every rendered folder under OUT (OUT/<slug>/<slug>.json), newest first."""
    found = []
    for folder in sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if (folder / f"{folder.name}.json").is_file():
            found.append((folder, load_manifest(folder)))
    return sorted(found, key=lambda f: -(f[0] / f"{f[0].name}.json").stat().st_mtime)


def _clock(ms: int) -> str:
    seconds = round(ms / 1000)
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _item(folder: Path, manifest: Manifest, base: str) -> str:
    slug = folder.name
    audio = manifest.audio
    url = f"{base}/{quote(slug)}/"
    manifest_file = folder / f"{slug}.json"
    date = datetime.fromtimestamp(manifest_file.stat().st_mtime, UTC)
    parts = [
        f"<title>{escape(manifest.title)}</title>",
        f"<link>{escape(url)}index.html</link>",
        f"<guid isPermaLink=\"false\">{escape(url)}</guid>",
        f"<pubDate>{format_datetime(date)}</pubDate>",
        f"<description>{escape(manifest.title)}: read by a synthetic voice (earmark)."
        "</description>",
        f"<enclosure url={quoteattr(url + quote(audio.file))} "
        f"length=\"{(folder / audio.file).stat().st_size}\" type={quoteattr(audio.mime)}/>",
        f"<itunes:duration>{_clock(manifest.duration_ms)}</itunes:duration>",
    ]
    if (folder / f"{slug}.chapters.json").is_file():
        parts.append(f"<podcast:chapters url={quoteattr(url + quote(slug) + '.chapters.json')} "
                     "type=\"application/json+chapters\"/>")
    if (folder / f"{slug}.captions.vtt").is_file():
        parts.append(f"<podcast:transcript url={quoteattr(url + quote(slug) + '.captions.vtt')}"
                     f" type=\"text/vtt\" language={quoteattr(manifest.language)}/>")
    return "<item>" + "".join(parts) + "</item>"


def write_feed(out: Path, base_url: str, title: str | None = None) -> Path:
    """OUT/feed.xml for every render under OUT; InputError when OUT holds none."""
    if not out.is_dir():
        raise InputError(f"{out}: no such folder (render documents into it first)")
    found = renders(out)
    if not found:
        raise InputError(f"{out}: no rendered documents in it (earmark render … -o {out})")
    base = base_url.rstrip("/")
    language = found[0][1].language
    channel = [
        f"<title>{escape(title or out.resolve().name)}</title>",
        f"<link>{escape(base)}/</link>",
        f"<description>{escape(title or out.resolve().name)}: documents read by synthetic "
        "voices (earmark).</description>",
        f"<language>{escape(language)}</language>",
        f"<lastBuildDate>{format_datetime(datetime.now(UTC))}</lastBuildDate>",
        "<generator>earmark</generator>",
        *(_item(folder, manifest, base) for folder, manifest in found),
    ]
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           f'<rss version="2.0" xmlns:podcast="{PODCAST}" xmlns:itunes="{ITUNES}">'
           "<channel>" + "".join(channel) + "</channel></rss>\n")
    target = out / "feed.xml"
    partial = out / f".feed.xml.{os.getpid()}.partial"
    partial.write_text(xml, encoding="utf-8")
    partial.replace(target)
    return target
