"""EPUB 3 Media Overlays (SMIL 3.0): the writer, and the reader `earmark check` and the tests use.

One overlay per content document: a `<par>` per spoken segment, in order, its `<text>` the
segment's span in the content document and its `<audio>` clip the segment's time in the MP3,
exactly as the manifest gives it (milliseconds). Durations are SMIL clock values.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from html import escape
from pathlib import Path

from earmark.errors import InputError

SMIL_NS = "http://www.w3.org/ns/SMIL"
EPUB_NS = "http://www.idpf.org/2007/ops"
OPF_NS = "http://www.idpf.org/2007/opf"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def clock(ms: int) -> str:
    """A SMIL full clock value: 0:01:02.345."""
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def seconds(ms: int) -> str:
    """A SMIL timecount value: 62.345s."""
    return f"{ms // 1000}.{ms % 1000:03d}s"


def parse_clock(value: str) -> int:
    """A SMIL clock value (full, partial or timecount with h/min/s/ms) in milliseconds."""
    value = value.strip()
    for unit, scale in (("ms", 1), ("min", 60_000), ("h", 3_600_000), ("s", 1000)):
        if value.endswith(unit) and value[: -len(unit)].replace(".", "", 1).isdigit():
            return round(float(value[: -len(unit)]) * scale)
    parts = value.split(":")
    if not 1 <= len(parts) <= 3:
        raise ValueError(f"not a SMIL clock value: {value!r}")
    total = 0.0
    for part in parts:
        total = total * 60 + float(part)
    return round(total * 1000)


@dataclass(frozen=True, slots=True)
class Clip:
    id: str
    document: str
    fragment: str
    audio: str
    begin_ms: int
    end_ms: int


SKIPPABLE = frozenset({"footnote", "endnote", "note", "pagebreak", "sidebar", "annotation"})
"""Structures a reader may choose not to hear (epub:type on their <par>)."""
ESCAPABLE = frozenset({"table", "list", "figure", "aside"})
"""Structures a reader may leave in the middle (a <seq> of their <par>s with that epub:type)."""


def par_id(segment: int) -> str:
    """The <par> of a segment (`earmark check` pairs clips and segments by it)."""
    return f"p-s{segment}"


def overlay(document: str, audio: str, clips: list[tuple[int, str, int, int]],
            kinds: list[str | None] | None = None) -> str:
    """The SMIL of one content document: (segment index, fragment id, begin ms, end ms) per
    segment, and per segment the structure it is read in (footnote, table, list, figure) or
    None. Several segments may point at one fragment (an element that holds them)."""
    kinds = kinds or [None] * len(clips)
    lines: list[str] = []
    open_seq: str | None = None
    for number, ((segment, fragment, begin, end), kind) in enumerate(
            zip(clips, kinds, strict=True)):
        escapable = kind if kind in ESCAPABLE else None
        if escapable != open_seq:
            if open_seq:
                lines.append("   </seq>")
            if escapable:
                lines.append(f'   <seq id="seq-{number + 2}" epub:type="{escapable}" '
                             f'epub:textref="{escape(document)}#{escape(fragment)}">')
            open_seq = escapable
        skip = f' epub:type="{kind}"' if kind in SKIPPABLE else ""
        lines.append(
            f'   {" " if open_seq else ""}<par id="{par_id(segment)}"{skip}>'
            f'<text src="{escape(document)}#{escape(fragment)}"/>'
            f'<audio src="{escape(audio)}" clipBegin="{seconds(begin)}" '
            f'clipEnd="{seconds(end)}"/></par>')
    if open_seq:
        lines.append("   </seq>")
    pars = "\n".join(lines)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<smil xmlns="{SMIL_NS}" xmlns:epub="{EPUB_NS}" version="3.0">
 <body>
  <seq id="seq-1" epub:textref="{escape(document)}">
{pars}
  </seq>
 </body>
</smil>
"""


@dataclass(frozen=True, slots=True)
class Publication:
    """What an EPUB's package and overlays say, read back."""

    duration_ms: int | None
    """The book's media:duration."""
    active_class: str | None
    overlays: tuple[tuple[str, int | None], ...]
    """(overlay path, its media:duration) in spine order."""
    clips: tuple[Clip, ...]
    """Every <par>, in spine and document order (paths relative to the package root)."""
    ids: dict[str, set[str]]
    """Content document path -> the ids its elements have."""
    stylesheets: dict[str, str]
    """CSS path -> its text."""
    first_entry: tuple[str, int]
    """The zip's first entry's name and compression (mimetype, stored = 0)."""


def read_publication(path: Path) -> Publication:
    """An EPUB's overlays, durations and content ids; InputError if it cannot be read."""
    from defusedxml import ElementTree

    try:
        with zipfile.ZipFile(path) as book:
            first = book.infolist()[0]
            container = ElementTree.fromstring(book.read("META-INF/container.xml"))
            rootfile = next(e.get("full-path") for e in container.iter()
                            if e.tag.endswith("rootfile"))
            opf = ElementTree.fromstring(book.read(rootfile))
            base = posixpath.dirname(rootfile)

            def resolve(href: str, relative_to: str = base) -> str:
                return posixpath.normpath(posixpath.join(relative_to, href))

            items = {i.get("id"): i for i in opf.iter(f"{{{OPF_NS}}}item")}
            durations: dict[str | None, int] = {}
            active = None
            for meta in opf.iter(f"{{{OPF_NS}}}meta"):
                if meta.get("property") == "media:duration":
                    durations[(meta.get("refines") or "").lstrip("#") or None] = \
                        parse_clock(meta.text or "")
                elif meta.get("property") == "media:active-class":
                    active = (meta.text or "").strip()
            overlays, clips, ids, styles = [], [], {}, {}
            for item in items.values():
                if item.get("media-type") == "text/css":
                    styles[resolve(item.get("href"))] = book.read(
                        resolve(item.get("href"))).decode("utf-8")
            for ref in opf.iter(f"{{{OPF_NS}}}itemref"):
                item = items[ref.get("idref")]
                document = resolve(item.get("href"))
                tree = ElementTree.fromstring(book.read(document))
                ids[document] = {e.get("id") for e in tree.iter() if e.get("id")}
                if not item.get("media-overlay"):
                    continue
                smil_item = items[item.get("media-overlay")]
                smil_path = resolve(smil_item.get("href"))
                overlays.append((smil_path, durations.get(smil_item.get("id"))))
                smil = ElementTree.fromstring(book.read(smil_path))
                where = posixpath.dirname(smil_path)
                for par in smil.iter(f"{{{SMIL_NS}}}par"):
                    text = par.find(f"{{{SMIL_NS}}}text")
                    audio = par.find(f"{{{SMIL_NS}}}audio")
                    target, _, frag = text.get("src").partition("#")
                    clips.append(Clip(par.get("id") or "", resolve(target, where), frag,
                                      resolve(audio.get("src"), where),
                                      parse_clock(audio.get("clipBegin")),
                                      parse_clock(audio.get("clipEnd"))))
    except (OSError, zipfile.BadZipFile, KeyError, StopIteration, ValueError, AttributeError,
            ElementTree.ParseError) as exc:
        raise InputError(f"{path}: not a readable EPUB with media overlays: {exc}") from None
    return Publication(durations.get(None), active, tuple(overlays), tuple(clips), ids, styles,
                       (first.filename, first.compress_type))
