"""A read-along EPUB made from an EPUB 3 input: the input's own package (its content
documents, styles, fonts, images, cover and navigation) with the narration added.

Every file of the input is carried over byte for byte, except that
- each content document with spoken segments gets a `<span id>` around each of them (or an
  id on the element a segment points at: export.epub_anchor) and a link to the read-along
  stylesheet (the active class's rule);
- the package document gets the MP3, one SMIL overlay per such document (`media-overlay` on
  its manifest item), the overlays' durations, the narrator, the active class, the
  accessibility metadata the narration adds and a new `dcterms:modified`;
- the navigation document gets a page list when the content has page breaks and it has none.
New files are in an `earmark/` folder beside the package document. An input this cannot
keep (EPUB 2, a content document that is not well-formed XML, overlays already there) raises
NotReusable, and the book is made from the text earmark read instead.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from html import escape, unescape
from pathlib import Path

from defusedxml import ElementTree

from earmark.export import epub_meta
from earmark.export.epub_anchor import anchor
from earmark.export.epub_text import ACTIVE_CLASS, chapter_parts
from earmark.export.smil import OPF_NS, overlay
from earmark.export.xhtml_source import NotWellFormed, Source, parse
from earmark.model import Plan, Timeline

STYLESHEET = f""".{ACTIVE_CLASS} {{ background-color: #fff176; color: #000; }}
"""


class NotReusable(Exception):
    """Why an EPUB input's own documents cannot carry the overlays."""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class _Input:
    """The input's archive, package document and spine."""

    def __init__(self, path: Path) -> None:
        try:
            self.zip = zipfile.ZipFile(path)
            container = ElementTree.fromstring(self.zip.read("META-INF/container.xml"))
            self.opf = next(e.get("full-path") for e in container.iter()
                            if _local(e.tag) == "rootfile")
            self.opf_text = self.zip.read(self.opf).decode("utf-8")
            root = ElementTree.fromstring(self.opf_text.encode("utf-8"))
        except (OSError, KeyError, StopIteration, UnicodeDecodeError, zipfile.BadZipFile,
                ElementTree.ParseError) as exc:
            raise NotReusable(f"cannot read the package: {exc}") from None
        if not (root.get("version") or "").startswith("3"):
            raise NotReusable("EPUB 2 (Media Overlays need EPUB 3)")
        self.base = posixpath.dirname(self.opf)
        self.names = set(self.zip.namelist())
        self.items: dict[str, tuple[str, str, str]] = {}  # id -> (path, media type, props)
        for item in root.iter(f"{{{OPF_NS}}}item"):
            if item.get("media-overlay"):
                raise NotReusable("it has media overlays already")
            href = item.get("href") or ""
            if re.match(r"[a-z][a-z0-9+.-]*:", href, re.IGNORECASE):
                continue
            self.items[item.get("id") or ""] = (
                posixpath.normpath(posixpath.join(self.base, href)),
                item.get("media-type") or "", item.get("properties") or "")
        self.spine = [ref.get("idref") or "" for ref in root.iter(f"{{{OPF_NS}}}itemref")]
        self.metadata = [(m.get("property") or "", (m.text or "").strip())
                         for m in root.iter(f"{{{OPF_NS}}}meta")]
        self.nav = next((i for i, v in self.items.items() if "nav" in v[2].split()), None)

    def content_documents(self) -> list[tuple[str, str]]:
        """(manifest id, path) of the spine's XHTML documents, the navigation document out."""
        return [(i, self.items[i][0]) for i in self.spine if i in self.items
                and self.items[i][1] == "application/xhtml+xml" and i != self.nav
                and self.items[i][0] in self.names]


def _apply(text: str, insertions: list[tuple[int, int, str]]) -> str:
    out, position = [], 0
    for offset, _order, inserted in sorted(insertions, key=lambda i: (i[0], i[1])):
        out.append(text[position:offset])
        out.append(inserted)
        position = offset
    out.append(text[position:])
    return "".join(out)


def _relative(path: str, start_file: str) -> str:
    return posixpath.relpath(path, posixpath.dirname(start_file) or ".")


def write_reused(out: Path, plan: Plan, timeline: Timeline, audio: Path, source: Path,
                 modified: str) -> None:
    """The input EPUB `source` with the overlays and `audio` added, written to `out`."""
    book = _Input(source)
    documents = book.content_documents()
    sources: list[Source] = []
    try:
        for _ident, path in documents:
            sources.append(parse(book.zip.read(path).decode("utf-8")))
    except (NotWellFormed, UnicodeDecodeError) as exc:
        raise NotReusable(f"a content document is not well-formed XHTML: {exc}") from None
    if not any(s.chars for s in sources) or not plan.segments:
        raise NotReusable("no text in its content documents")
    prefix = "s" if not any(re.fullmatch(r"s\d+", i) for s in sources for i in s.ids) \
        else "earmark-s"
    parts = [part for chapter in chapter_parts(plan) for part in chapter]
    anchors = anchor(plan, parts, sources, prefix)
    kinds = epub_meta.structures(parts)
    folder = posixpath.join(book.base, "earmark") if book.base else "earmark"
    while any(n.startswith(folder + "/") for n in book.names):
        folder += "-readalong"
    audio_path, css_path = f"{folder}/audio.mp3", f"{folder}/readalong.css"

    # the overlays: each segment's slot of time (to the next one's start) counts for its
    # document, so that the overlays' durations add up to the book's
    order = sorted(anchors.targets)
    slots = {index: (timeline.segments[index].start_ms if n else 0,
                     timeline.segments[order[n + 1]].start_ms if n + 1 < len(order)
                     else timeline.duration_ms) for n, index in enumerate(order)}
    files: dict[str, bytes] = {}
    pages = _page_breaks(book, documents, sources, anchors.insertions)
    overlays: list[tuple[str, str, int]] = []  # (manifest id, smil path, duration)
    attach: dict[str, str] = {}  # content document manifest id -> overlay id
    for number, (ident, path) in enumerate(documents):
        inside = [i for i in order if anchors.targets[i][0] == number]
        insertions = list(anchors.insertions.get(number, []))
        source_doc = sources[number]
        if inside:
            smil = f"{folder}/overlay-{len(overlays) + 1:04d}.smil"
            clips = [(i, anchors.targets[i][1], timeline.segments[i].start_ms,
                      timeline.segments[i].end_ms) for i in inside]
            files[smil] = overlay(_relative(path, smil), "audio.mp3", clips,
                                  [kinds.get(i) for i in inside]).encode()
            overlay_id = _free_id(book, f"earmark-mo-{len(overlays) + 1}")
            overlays.append((overlay_id, smil, sum(slots[i][1] - slots[i][0] for i in inside)))
            attach[ident] = overlay_id
            if source_doc.head_end is not None:
                insertions.append((source_doc.head_end, 0,
                                   f'<link rel="stylesheet" type="text/css" '
                                   f'href="{escape(_relative(css_path, path))}"/>\n'))
        if insertions:
            files[path] = _apply(source_doc.text, insertions).encode("utf-8")
    if pages and book.nav is not None:
        nav_path = book.items[book.nav][0]
        files[nav_path] = _with_page_list(files.get(nav_path) or book.zip.read(nav_path),
                                          pages, nav_path)
    has_pages = bool(pages) or _has_page_list(book)
    files[book.opf] = _package(book, plan, timeline, overlays, attach, audio_path, css_path,
                               modified, has_pages).encode("utf-8")
    files[css_path] = STYLESHEET.encode()
    _write(out, book, files, audio, audio_path)


def _free_id(book: _Input, wanted: str) -> str:
    while wanted in book.items:
        wanted += "x"
    book.items[wanted] = ("", "", "")
    return wanted


def _has_page_list(book: _Input) -> bool:
    if book.nav is None:
        return False
    nav = book.zip.read(book.items[book.nav][0]).decode("utf-8", "replace")
    return re.search(r"epub:type\s*=\s*[\"'][^\"']*\bpage-list\b", nav) is not None


def _page_breaks(book: _Input, documents: list[tuple[str, str]], sources: list[Source],
                 insertions: dict[int, list[tuple[int, int, str]]]) -> list[tuple[str, str]]:
    """The content's page breaks as (href from the package root's documents, label), for a
    page list; empty when the navigation document has one already (or there is none). A
    page break without an id is given one."""
    if book.nav is None or _has_page_list(book):
        return []
    pages = []
    for number, (_ident, path) in enumerate(documents):
        source = sources[number]
        for n, element in enumerate(source.elements):
            if "pagebreak" not in element.types:
                continue
            label = element.label or "".join(
                char for char, _start, _end, inside in source.chars
                if n in source.ancestors(inside)).strip()
            if not label:
                continue
            ident = element.ident
            if ident is None:
                ident = f"earmark-page-{len(pages) + 1}"
                closing = 2 if source.start_tag(n).endswith("/>") else 1
                insertions.setdefault(number, []).append(
                    (element.tag_end - closing, 2, f' id="{ident}"'))
            pages.append((f"{path}#{ident}", " ".join(label.split())))
    return pages


def _with_page_list(nav: bytes, pages: list[tuple[str, str]], nav_path: str) -> bytes:
    text = nav.decode("utf-8")
    entries = "\n".join(
        f'<li><a href="{escape(_relative(target.split("#")[0], nav_path))}#'
        f'{escape(target.split("#", 1)[1])}">{escape(label)}</a></li>'
        for target, label in pages)
    body_end = text.rfind("</body>")
    if body_end < 0:
        raise NotReusable("the navigation document has no </body>")
    page_list = ('<nav epub:type="page-list" role="doc-pagelist" hidden="hidden">\n'
                 f"<h2>Pages</h2>\n<ol>\n{entries}\n</ol>\n</nav>\n")
    return (text[:body_end] + page_list + text[body_end:]).encode("utf-8")


def _package(book: _Input, plan: Plan, timeline: Timeline,
             overlays: list[tuple[str, str, int]], attach: dict[str, str], audio_path: str,
             css_path: str, modified: str, pages: bool) -> str:
    text = book.opf_text
    for ident, overlay_id in attach.items():
        tag = re.search(rf"""<(?:\w+:)?item\b[^>]*\bid\s*=\s*["']{re.escape(ident)}["'][^>]*>""",
                        text)
        if tag is None:
            raise NotReusable(f"the manifest item {ident!r} cannot be found in the package")
        end = tag.end() - (2 if tag.group().endswith("/>") else 1)
        text = f'{text[:end]} media-overlay="{overlay_id}"{text[end:]}'
    items = [f'<item id="{_free_id(book, "earmark-audio")}" '
             f'href="{escape(_relative(audio_path, book.opf))}" media-type="audio/mpeg"/>',
             f'<item id="{_free_id(book, "earmark-css")}" '
             f'href="{escape(_relative(css_path, book.opf))}" media-type="text/css"/>']
    items += [f'<item id="{ident}" href="{escape(_relative(smil, book.opf))}" '
              'media-type="application/smil+xml"/>' for ident, smil, _ in overlays]
    text = _before(text, "manifest", "".join(f"\n    {i}" for i in items) + "\n  ")
    text = re.sub(r"\s*<(?:\w+:)?meta\b[^>]*property\s*=\s*[\"']dcterms:modified[\"'][^>]*>"
                  r".*?</(?:\w+:)?meta>", "", text, flags=re.DOTALL)
    summary = re.search(r"<(?:\w+:)?meta\b[^>]*property\s*=\s*[\"']schema:accessibilitySummary"
                        r"[\"'][^>]*>(.*?)</(?:\w+:)?meta>", text, re.DOTALL)
    if summary:
        text = text[:summary.start()] + text[summary.end():]
    existing = {(p, v) for p, v in book.metadata}
    images = any(v[1].startswith("image/") and "cover-image" not in v[2].split()
                 for v in book.items.values())
    features = ["synchronizedAudioText", "tableOfContents", "readingOrder"]
    features += ["pageBreakMarkers", "pageNavigation"] if pages else []
    kept = unescape(summary.group(1).strip()) if summary else ""
    lines = [f'<meta property="dcterms:modified">{modified}</meta>',
             *epub_meta.narration(timeline, [(i, ms) for i, _, ms in overlays],
                                  _free_id(book, "earmark-narrator")),
             *epub_meta.accessibility(
                 existing, features, images,
                 epub_meta.summary(plan, kept=True, pages=pages)
                 + (f" The publisher's summary: {kept}" if kept else ""),
                 hazard="unknown" if images else "none")]
    return _before(text, "metadata", "".join(f"\n    {line}" for line in lines) + "\n  ")


def _before(text: str, element: str, inserted: str) -> str:
    end = re.search(rf"</(?:\w+:)?{element}\s*>", text)
    if end is None:
        raise NotReusable(f"the package has no </{element}>")
    return text[:end.start()].rstrip() + inserted + text[end.start():]


def _write(out: Path, book: _Input, files: dict[str, bytes], audio: Path,
           audio_path: str) -> None:
    partial = out.with_name(f".{out.name}.partial")
    try:
        with zipfile.ZipFile(partial, "w") as new:
            new.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip",
                         compress_type=zipfile.ZIP_STORED)
            for info in book.zip.infolist():
                if info.filename == "mimetype" or info.is_dir():
                    continue
                data = files.pop(info.filename, None)
                new.writestr(info.filename, data if data is not None else
                             book.zip.read(info), compress_type=zipfile.ZIP_DEFLATED)
            for name, data in files.items():
                new.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
            new.write(audio, audio_path, compress_type=zipfile.ZIP_STORED)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
        book.zip.close()

