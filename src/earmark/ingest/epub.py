"""EPUB 2 and 3: the spine's content documents in order, read with the HTML reader's walker,
with chapters from the table of contents.

- Each table-of-contents entry (EPUB 3 navigation document, else the EPUB 2 NCX) becomes a
  heading where it points, `#fragment` targets inside one file included, titled with the
  entry's text and levelled by its nesting (an entry without a link, a group label, adds no
  level). The content's own heading at that place is replaced by it (read once); other
  headings are read at level 6, so that only table-of-contents entries start chapters.
  A book without a table of contents keeps its content headings.
- The navigation document, landmarks, page lists and page numbers are not read (reported);
  front and back matter whose type is in the recipe's `ingest.drop_matter` (by epub:type,
  landmarks or the EPUB 2 guide) is dropped whole; a cover page is not read.
- `xml:lang`/`lang` on any element gives its blocks their language.
- Title, author(s), language, publisher, date and the cover image come from the package.

Spans index Document.text, the concatenated text extracted from the content documents.
"""

from __future__ import annotations

import posixpath
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

from bs4 import Tag

from earmark.config.recipe import IngestSettings
from earmark.errors import InputError
from earmark.ingest import htmlbook
from earmark.ingest.builder import TextBuilder
from earmark.ingest.epub_package import Archive, Package, TocEntry, is_content, read_package
from earmark.ingest.html import HtmlWalker, element_language, parse
from earmark.model import Document, Metadata

NON_TOC_HEADING_LEVEL = 6
"""The level of a content heading that is not a table-of-contents entry."""


class EpubWalker(HtmlWalker):
    """The HTML walker, with table-of-contents headings put in where their entries point."""

    def __init__(self, builder: TextBuilder, settings: IngestSettings, package: Package) -> None:
        super().__init__(builder, settings)
        self.package = package
        self.path = ""
        self.targets: dict[tuple[str, str], list[TocEntry]] = {}
        for entry in package.toc:
            self.targets.setdefault((entry.path, entry.fragment), []).append(entry)
        self.has_toc = bool(self.targets)
        self.pending: list[TocEntry] = []
        self.placed = 0

    def start_file(self, path: str) -> None:
        self.path = path
        self.pending.extend(self.targets.pop((path, ""), []))

    def skip_file(self, path: str) -> None:
        """A document that is not read: its table-of-contents entries start nothing."""
        for key in [k for k in self.targets if k[0] == path]:
            del self.targets[key]

    def visit(self, tag: Tag) -> None:
        for key in ("id", "name") if tag.name == "a" else ("id",):
            ident = tag.get(key)
            if ident:
                self.pending.extend(self.targets.pop((self.path, str(ident)), []))

    def drop_reason(self, tag: Tag) -> str | None:
        ident = tag.get("id")
        kind = self.package.landmarks.get((self.path, str(ident))) if ident else None
        if kind is not None and kind in self.settings.drop_matter:
            return f"{kind}: not read (recipe ingest.drop_matter)"
        return super().drop_reason(tag)

    def adjust(self, kind: str, text: str, level: int) -> tuple[str, int]:
        pending, self.pending = self.pending, []
        consumed = pending[-1] if pending and kind == "heading" else None
        for entry in pending if consumed is None else pending[:-1]:
            self.builder.add("heading", entry.title, min(entry.level, 6))
        self.placed += len(pending)
        if consumed is not None:
            return consumed.title, min(consumed.level, 6)
        if kind == "heading" and self.has_toc:
            return text, NON_TOC_HEADING_LEVEL
        return text, level

    def finish(self) -> None:
        for entry in self.pending:
            self.builder.add("heading", entry.title, min(entry.level, 6))
        self.placed += len(self.pending)
        self.pending = []


def read_file(path: Path, settings: IngestSettings) -> Document:
    try:
        return _read(path, settings)
    except RecursionError:
        raise InputError(f"{path}: XHTML nested too deeply (earmark reads up to about 900 "
                         "levels of elements)") from None


def _read(path: Path, settings: IngestSettings) -> Document:
    from earmark.ingest import title_from_path

    archive = Archive(path)
    package = read_package(archive)
    builder = TextBuilder()
    walker = EpubWalker(builder, settings, package)
    language = package.language
    warnings = list(package.warnings)
    for item in package.spine:
        if not is_content(item):
            warnings.append(f"spine item {item.path} ({item.media_type}) is not XHTML: skipped")
            continue
        soup = parse(_decode(archive.read(item.path, "spine file")))
        root = soup.body or soup
        reason = _whole_file_reason(item.path, root, package, settings)
        if reason is not None:
            walker.skip_file(item.path)
            walker.add_dropped(root.get_text(" "), reason)
            continue
        walker.start_file(item.path)
        file_language = element_language(soup.html) if soup.html is not None else None
        language = language or file_language
        for tag in root.find_all(["script", "style", "template", "noscript"]):
            tag.decompose()
        walker.notes = htmlbook.Notes.of(root, settings.footnotes)
        walker.walk(root, language=file_language)
    walker.finish()
    missing = [e for entries in walker.targets.values() for e in entries]
    if missing:
        warnings.append(f"{len(missing)} table-of-contents entries point nowhere in the "
                        f"reading order (first: {missing[0].title!r} -> {missing[0].path}"
                        f"{'#' + missing[0].fragment if missing[0].fragment else ''})")
    title = package.title or _first_heading(builder) or title_from_path(str(path))
    metadata = Metadata(author=", ".join(package.authors) or None, publisher=package.publisher,
                        date=package.date, cover=package.cover, cover_mime=package.cover_mime)
    document = Document(str(path), "epub", builder.text, title, language or "en",
                        tuple(builder.blocks), tuple(builder.dropped), metadata,
                        tuple(warnings), tuple(builder.pages))
    return replace(document, blocks=_with_document_language(document))


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
                continue
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", "replace")  # EPUB requires UTF-8 or UTF-16; be lenient


def _whole_file_reason(path: str, root: Tag, package: Package, settings: IngestSettings
                       ) -> str | None:
    """Why a whole content document is not read: the navigation document, a cover page,
    matter the recipe drops (by landmark, guide or its body's epub:type)."""
    if path == package.nav_path:
        return htmlbook.TOC + " (the navigation document)"
    kind = package.landmarks.get((path, ""))
    types = htmlbook.epub_types(root)
    for section in root.find_all(["section", "div"], recursive=False):
        types |= htmlbook.epub_types(section) if len(root.find_all(
            ["section", "div"], recursive=False)) == 1 else set()
    matter = sorted(({kind} | types) & set(settings.drop_matter))
    if matter:
        return f"{matter[0]}: not read (recipe ingest.drop_matter)"
    if kind == "toc" or "toc" in types:
        return htmlbook.TOC
    if kind == "cover" or "cover" in types or _only_the_cover(root, path, package):
        return "cover page"
    return None


def _only_the_cover(root: Tag, path: str, package: Package) -> bool:
    """A page that shows the cover image and says nothing else."""
    if package.cover_path is None or root.get_text().strip():
        return False
    for image in root.find_all(["img", "image"]):
        source = str(image.get("src") or image.get("xlink:href") or image.get("href") or "")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(source)))
        if resolved == package.cover_path:
            return True
    return False


def _first_heading(builder: TextBuilder) -> str | None:
    return builder.first_heading()


def _with_document_language(document: Document) -> tuple:
    """Blocks in the document's own language carry none (only other languages are marked)."""
    base = document.language.lower()
    return tuple(
        replace(b, language=None) if b.language and (
            b.language.lower() == base or base.startswith(b.language.lower() + "-")) else b
        for b in document.blocks
    )
