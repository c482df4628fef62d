"""A read-along EPUB 3: the document's text, the narration as MP3 and Media Overlays that
synchronise them segment by segment (EPUB 3.3 Media Overlays, EPUB Accessibility 1.1 metadata).

EpubExport wraps the MP3 exporter rather than encoding anything itself: the MP3 in the book is
the render's MP3, byte for byte (same chunked encoder, same ID3 tags), written beside the EPUB
as the render's audio file, so the listening page and clips use it and the overlays' clip times
are the manifest's own. Packaging needs only the plan and the timeline, which every exporter's
finish() is given.

An EPUB 3 input keeps its own package (documents, styles, images, cover, navigation) and gets
the overlays and audio added (export.epub_reuse); other inputs, and an EPUB that cannot be
kept (EPUB 2, content documents that are not well-formed XML), are packaged from the text
earmark read, with the document's cover (or `--cover`) as the cover image.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import uuid
import zipfile
from html import escape
from pathlib import Path

from earmark.assemble.programme import Feed, Programme
from earmark.config.recipe import ExportSettings
from earmark.export import epub_meta
from earmark.export.epub_text import (
    STYLESHEET,
    PageBreak,
    chapter_parts,
    content_document,
    document_name,
    fragment,
    page_breaks,
    page_list,
)
from earmark.export.mp3 import Mp3Export
from earmark.export.smil import overlay
from earmark.model import Plan, Timeline
from earmark.speak.cache import Cache

AUDIO_NAME = "audio.mp3"
"""The MP3's name inside the package (OEBPS/)."""

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
 <rootfiles>
  <rootfile full-path="OEBPS/package.opf" media-type="application/oebps-package+xml"/>
 </rootfiles>
</container>
"""


class EpubExport:
    """The EPUB: the MP3 exporter encodes (while synthesis runs, as for `--format mp3`) into
    the MP3 beside `out`; then the text, overlays and that MP3 are packaged into `out`."""

    def __init__(self, cache: Cache, settings: ExportSettings, workers: int, chunks: int) -> None:
        self.settings = settings
        self.mp3 = Mp3Export(cache, settings, workers, chunks)

    @property
    def units(self) -> tuple[tuple[int, bool], ...]:
        return self.mp3.units

    def begin(self, feed: Feed) -> None:
        self.mp3.begin(feed)

    def finish(self, programme: Programme, plan: Plan, timeline: Timeline, out: Path) -> None:
        audio = out.with_suffix(".mp3")
        self.mp3.finish(programme, plan, timeline, audio)
        write_book(out, plan, timeline, audio)

    def abandon(self) -> None:
        self.mp3.abandon()


def _attr(value: str) -> str:
    return escape(value, quote=True)


def identifier(plan: Plan) -> str:
    """A stable identifier: the same text and title give the same book id."""
    digest = hashlib.sha256(f"{plan.document.title}\0{plan.document.text}".encode()).hexdigest()
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'earmark:' + digest)}"


def package_document(plan: Plan, timeline: Timeline, modified: str, pages: bool = False
                     ) -> str:
    """The OPF: metadata (with accessibility and media overlay properties), manifest, spine."""
    doc, meta = plan.document, plan.document.metadata
    chapters = range(len(plan.chapters))
    lines = [
        f'<dc:identifier id="uid">{identifier(plan)}</dc:identifier>',
        f"<dc:title>{escape(doc.title or 'Untitled')}</dc:title>",
        f"<dc:language>{escape(doc.language)}</dc:language>",
    ]
    if meta.author:
        lines += [f'<dc:creator id="author">{escape(meta.author)}</dc:creator>',
                  '<meta refines="#author" property="role" scheme="marc:relators">aut</meta>']
    if meta.publisher:
        lines.append(f"<dc:publisher>{escape(meta.publisher)}</dc:publisher>")
    if meta.date and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", meta.date.strip()):
        lines.append(f"<dc:date>{meta.date.strip()}</dc:date>")
    lines.append(f'<meta property="dcterms:modified">{modified}</meta>')
    lines += epub_meta.narration(timeline, [
        (f"mo-{number + 1}", timing.end_ms - timing.start_ms)
        for number, timing in zip(chapters, timeline.chapters, strict=True)])
    features = ["synchronizedAudioText", "tableOfContents", "readingOrder",
                "displayTransformability"]
    if any(b.kind == "heading" for b in doc.blocks):
        features.append("structuralNavigation")
    if pages:
        features += ["pageBreakMarkers", "pageNavigation"]
    cover = _cover_name(plan)
    lines += epub_meta.accessibility(set(), features, images=False,
                                     summary=epub_meta.summary(plan, cover=cover is not None,
                                                               pages=pages))
    items = ['<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" '
             'properties="nav"/>',
             '<item id="css" href="style.css" media-type="text/css"/>',
             f'<item id="audio" href="{AUDIO_NAME}" media-type="audio/mpeg"/>']
    for number in chapters:
        items.append(f'<item id="c-{number + 1}" href="{document_name(number)}" '
                     f'media-type="application/xhtml+xml" media-overlay="mo-{number + 1}"/>')
        items.append(f'<item id="mo-{number + 1}" href="{_smil_name(number)}" '
                     'media-type="application/smil+xml"/>')
    if cover is not None:
        items.append(f'<item id="cover" href="{cover}" media-type="{meta.cover_mime}" '
                     'properties="cover-image"/>')
    spine = [f'<itemref idref="c-{number + 1}"/>' for number in chapters]
    indent = "\n    "
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" \
xml:lang="{_attr(doc.language)}">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    {indent.join(lines)}
  </metadata>
  <manifest>
    {indent.join(items)}
  </manifest>
  <spine>
    {indent.join(spine)}
  </spine>
</package>
"""


def _cover_name(plan: Plan) -> str | None:
    """The cover image's name in the package, when the render has a cover."""
    meta = plan.document.metadata
    if not meta.cover or meta.cover_mime not in ("image/jpeg", "image/png"):
        return None
    return "cover.jpg" if meta.cover_mime == "image/jpeg" else "cover.png"


def _smil_name(chapter: int) -> str:
    return document_name(chapter).replace(".xhtml", ".smil")


def navigation(plan: Plan, pages: dict[int, list[tuple[int, PageBreak]]] | None = None,
               chapter_of: dict[int, int] | None = None) -> str:
    """The navigation document: the chapters, in order, and the page list when the input
    has page breaks."""
    entries = "\n".join(
        f'      <li><a href="{document_name(c.index)}">'
        f"{escape(c.title or plan.document.title or f'Chapter {c.index + 1}')}</a></li>"
        for c in plan.chapters)
    language = _attr(plan.document.language)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" \
lang="{language}" xml:lang="{language}">
<head>
<meta charset="UTF-8"/>
<title>{escape(plan.document.title or "Contents")}</title>
</head>
<body>
  <nav epub:type="toc" id="toc" role="doc-toc">
    <h1>Contents</h1>
    <ol>
{entries}
    </ol>
  </nav>
{page_list(pages or dict(), chapter_of or dict())}</body>
</html>
"""


def now() -> str:
    """dcterms:modified: the time of the render, UTC, to the second."""
    stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")


def write_book(out: Path, plan: Plan, timeline: Timeline, audio: Path,
               modified: str | None = None) -> None:
    """The read-along EPUB: an EPUB 3 input's own package with the narration added, else
    the text earmark read packaged with it."""
    source = Path(plan.document.path)
    if plan.document.format == "epub" and source.is_file():
        from earmark.export.epub_reuse import NotReusable, write_reused

        try:
            write_reused(out, plan, timeline, audio, source, modified or now())
            return
        except NotReusable:
            pass  # packaged from the text instead (the README says when)
    write_epub(out, plan, timeline, audio, modified)


def write_epub(out: Path, plan: Plan, timeline: Timeline, audio: Path,
               modified: str | None = None) -> None:
    """Package the plan's text, the overlays from the timeline and the MP3 `audio` into `out`."""
    parts = chapter_parts(plan)
    pages = page_breaks(plan)
    kinds = epub_meta.structures([p for chapter in parts for p in chapter])
    files: list[tuple[str, str | bytes]] = [
        ("META-INF/container.xml", CONTAINER),
        ("OEBPS/package.opf", package_document(plan, timeline, modified or now(),
                                               bool(pages))),
        ("OEBPS/nav.xhtml", navigation(plan, pages, {
            number: chapter for chapter, chapter_blocks in enumerate(parts)
            for part in chapter_blocks for number, _ in pages.get(part.block.span[0], [])})),
        ("OEBPS/style.css", STYLESHEET),
    ]
    cover = _cover_name(plan)
    if cover is not None and plan.document.metadata.cover:
        files.append((f"OEBPS/{cover}", plan.document.metadata.cover))
    for number, chapter_blocks in enumerate(parts):
        name = document_name(number)
        files.append((f"OEBPS/{name}", content_document(plan, number, chapter_blocks, pages)))
        spoken = sorted(s.index for part in chapter_blocks for s in part.segments)
        clips = [(i, fragment(i), timeline.segments[i].start_ms, timeline.segments[i].end_ms)
                 for i in spoken]
        files.append((f"OEBPS/{_smil_name(number)}",
                      overlay(name, AUDIO_NAME, clips, [kinds.get(i) for i in spoken])))
    partial = out.with_name(f".{out.name}.partial")
    try:
        with zipfile.ZipFile(partial, "w") as book:
            # the mimetype first, stored, without extra fields (OCF)
            book.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip",
                          compress_type=zipfile.ZIP_STORED)
            for name, data in files:
                book.writestr(name, data.encode("utf-8") if isinstance(data, str) else data,
                              compress_type=zipfile.ZIP_DEFLATED)
            book.write(audio, f"OEBPS/{AUDIO_NAME}", compress_type=zipfile.ZIP_STORED)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
