"""Book conventions in HTML (and in EPUB content documents, which are XHTML).

- page numbers (`epub:type="pagebreak"`, `role="doc-pagebreak"`, Gutenberg's
  `<span class="pagenum">`) and poem line numbers are never spoken (reported as dropped);
- note references ("*", "[1]") are never spoken; footnote bodies are read after the paragraph
  that refers to them (recipe `ingest.footnotes`), never in the middle of the text;
- a table of contents (`epub:type="toc"`, a "Contents" heading followed by links to the
  chapters, `class="toc"`) is not read;
- Project Gutenberg's header, licence and footer (`<section class="pg-boilerplate">`,
  `id="pg-header"`/`"pg-footer"`, and the older "*** START OF ..." / "*** END OF ..." lines)
  are dropped, and its "Title:"/"Author:" lines give the title and author;
- a heading that is only a number ("CHAPTER II.", "IV") takes the title that follows it
  (a deeper heading or a short title line): "CHAPTER II. The Pool of Tears".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bs4 import BeautifulSoup, Tag

from earmark.config.recipe import IngestSettings
from earmark.model import Block, Document, Dropped
from earmark.text import regexes as rx

PAGE_NUMBER = "page number"
NOTE_REFERENCE = "note reference"
TOC = "table of contents"
_DROP_MARK = "data-earmark-drop"  # set by mark_contents on elements found to be a contents list


def epub_types(tag: Tag) -> set[str]:
    """The element's structural semantics: epub:type tokens and DPUB-ARIA roles (doc-...)."""
    types = set(str(tag.get("epub:type") or "").split())
    types |= {t.removeprefix("doc-") for t in str(tag.get("role") or "").split()
              if t.startswith("doc-")}
    return {t.rsplit(":", 1)[-1] if t.startswith("z3998:") else t for t in types}


def _classes(tag: Tag) -> set[str]:
    value = tag.get("class") or []
    return {c.lower() for c in (value.split() if isinstance(value, str) else value)}


_MARKER_TEXT = rx.compile(r"\s*[\[(]?\s*(?:\d{1,4}|[a-z]|[ivx]{1,5}|[*†‡§¶#]{1,4})\s*[\])]?\s*",
                          re.IGNORECASE)
_LINE_NUMBER_CLASSES = {"lnum", "linenum", "linenumber", "line-number", "linenb"}
_PAGE_CLASSES = {"pagenum", "pageno", "page-number", "pagenumber"}
_NOTE_REFS = {"noteref", "annoref", "biblioref"}


def inline_drop(tag: Tag) -> str | None:
    """Why an inline element is not spoken (its text is reported after its block), or None."""
    types = epub_types(tag)
    if "pagebreak" in types or _classes(tag) & _PAGE_CLASSES:
        return PAGE_NUMBER
    if _classes(tag) & _LINE_NUMBER_CLASSES:
        return "line number"
    if types & _NOTE_REFS or _classes(tag) & {"noteref", "fnanchor", "footnote-ref"}:
        # a marker ("*", "[1]") is not read; a reference on real words keeps them
        return NOTE_REFERENCE if _MARKER_TEXT.fullmatch(tag.get_text()) else None
    if tag.name == "sup" and tag.find("a", href=rx.compile("^#")) is not None and \
            _MARKER_TEXT.fullmatch(tag.get_text()):
        return NOTE_REFERENCE
    return None


def note_reference_by_text(tag: Tag) -> bool:
    """A link inside the document whose text is only a marker: a note reference if it leads
    to a footnote (the caller checks that)."""
    return str(tag.get("href") or "").startswith("#") and bool(
        _MARKER_TEXT.fullmatch(tag.get_text()))


_FOOTNOTE_TYPES = {"footnote", "annotation", "note"}
_ENDNOTE_TYPES = {"endnote", "rearnote", "endnotes", "rearnotes", "footnotes"}
_TRANSCRIBER = rx.compile(r"\s*transcriber[’']?s[’']? notes?\b", re.IGNORECASE)
_NAV_TYPES = {"toc": TOC, "landmarks": "landmarks (navigation)", "page-list": "page list",
              "loi": "list of illustrations", "lot": "list of tables"}


_INLINE = {"span", "a", "sup", "sub", "small", "b", "i", "em", "strong", "abbr", "cite", "font",
           "u", "s", "mark", "q", "code", "var", "big", "tt"}


def block_drop(tag: Tag, settings: IngestSettings) -> str | None:
    """Why a block element is not read at all (reported as dropped), or None."""
    marked = tag.get(_DROP_MARK)
    if marked:
        return str(marked)
    ident = str(tag.get("id") or "")
    classes = _classes(tag)
    if ident == "pg-header" or (ident != "pg-footer" and "pg-boilerplate" in classes
                                and not tag.find_previous(id="pg-header")):
        return "boilerplate: Project Gutenberg header"
    if ident == "pg-footer" or "pg-boilerplate" in classes:
        return "boilerplate: Project Gutenberg licence"
    types = epub_types(tag)
    for kind, reason in _NAV_TYPES.items():
        if kind in types and tag.name in ("nav", "section", "div", "ol", "ul", "table"):
            return reason
    matter = types & set(settings.drop_matter)
    if matter:
        return f"{sorted(matter)[0]}: not read (recipe ingest.drop_matter)"
    if tag.name not in _INLINE and ("pagebreak" in types or (
            classes & _PAGE_CLASSES and not tag.find(_is_text_block))):
        return PAGE_NUMBER  # inline ones are moved out of their paragraph by inline_drop
    if classes & {"transnote", "tnote", "transcriber-note", "transcribers-note"} or (
            tag.name in ("aside", "div", "p", "section") and
            _TRANSCRIBER.match(tag.get_text()[:40])):
        return "transcriber's note"
    if settings.footnotes == "none" and (types & (_FOOTNOTE_TYPES | _ENDNOTE_TYPES)
                                         or classes & {"footnote", "footnotes"}):
        return "footnote (recipe ingest.footnotes = \"none\")"
    return None


_CODE_CLASS = rx.compile(r"code|source|highlight|lang(uage)?-|program|console|shell", re.I)
_CODE_LINE = rx.compile(r"[{}]\s*$|\);\s*$|^\s*(\$ |>>> |#include|def |import |class |"
                        r"function |return\b|if \(|for \()|\b[a-z_]\w*(\.\w+)*\s*\+?=\s*\S")


def is_code(pre: Tag) -> bool:
    """Whether a <pre> holds code (not read) rather than verse or hand-set prose, as Project
    Gutenberg uses it: code markup or class, or lines that look like a program."""
    if pre.find(["code", "samp", "kbd", "var"]) is not None:
        return True
    if _CODE_CLASS.search(" ".join(_classes(pre))):
        return True
    lines = [line for line in pre.get_text().splitlines() if line.strip()]
    return sum(bool(_CODE_LINE.search(line)) for line in lines) >= max(1, len(lines) // 3)


def _is_text_block(tag: Tag) -> bool:
    return tag.name in ("p", "div", "section", "h1", "h2", "h3", "h4", "h5", "h6")


class Notes:
    """Footnote bodies and when they are read.

    With `footnotes = "paragraph"` a footnote (`epub:type="footnote"`, `role="doc-footnote"`,
    `class="footnote"`) that a note reference leads to is read right after the paragraph that
    refers to it, once; where it sits in the source it is skipped. Endnotes (`endnote`,
    `rearnote`) stay where they are: a notes section is read as a section of its own."""

    def __init__(self, bodies: dict[str, Tag] | None = None) -> None:
        self._bodies = bodies or {}  # id -> footnote body
        self._deferred = {id(t) for t in self._bodies.values()}

    @classmethod
    def of(cls, root: Tag, policy: str) -> Notes:
        if policy != "paragraph":
            return cls()
        bodies: dict[str, Tag] = {}
        for tag in root.find_all(_is_footnote):
            for target in [tag, *tag.find_all(id=True)]:
                if target.get("id"):
                    bodies.setdefault(str(target["id"]), tag)
        referred = {str(a["href"])[1:] for a in root.find_all("a", href=rx.compile("^#"))}
        return cls({k: v for k, v in bodies.items() if k in referred})

    def is_deferred(self, tag: Tag) -> bool:
        return id(tag) in self._deferred

    def take(self, reference: Tag) -> Tag | None:
        """The footnote a reference leads to, the first time it is referred to."""
        link = reference if reference.name == "a" else reference.find("a", href=True)
        href = str(link.get("href") or "") if link is not None else ""
        body = self._bodies.get(href.split("#", 1)[-1]) if "#" in href else None
        if body is None:
            return None
        for key in [k for k, v in self._bodies.items() if v is body]:
            del self._bodies[key]
        return body


def _is_footnote(tag: Tag) -> bool:
    types = epub_types(tag)
    if types & _ENDNOTE_TYPES:
        return False
    return bool(types & _FOOTNOTE_TYPES) or (
        "footnote" in _classes(tag) and tag.name in ("div", "p", "aside", "section", "li"))


_CONTENTS = rx.compile(r"\s*(table of )?contents\.?\s*", re.IGNORECASE)


def mark_contents(root: Tag) -> None:
    """Marks a table of contents: a "Contents" heading and the lists, tables or lines of
    links to the document's own chapters that follow it; elements of class "toc" made of
    such links."""
    for heading in root.find_all(rx.compile("^h[1-6]$")):
        if not _CONTENTS.fullmatch(heading.get_text(" ")):
            continue
        following = [s for s in heading.find_next_siblings()]
        if not following and heading.parent is not None:
            following = list(heading.parent.find_next_siblings())
        found = []
        for sibling in following:
            if re.fullmatch(r"h[1-6]", sibling.name or ""):
                break
            if _is_link_list(sibling):
                found.append(sibling)
            elif sibling.get_text().strip():
                break
        if found and sum(_internal_links(f) for f in found) >= 2:
            heading[_DROP_MARK] = TOC
            for sibling in found:
                sibling[_DROP_MARK] = TOC
    for tag in root.find_all(class_=rx.compile(r"^(toc|contents)$", re.IGNORECASE)):
        if tag.name not in ("a", "span") and _is_link_list(tag):
            tag[_DROP_MARK] = TOC


def _is_link_list(tag: Tag) -> bool:
    """Lines of links into the document (a contents list), not prose with a link in it:
    no heading inside, and most of its rows or items or a third of its words are links."""
    if not _internal_links(tag) or tag.find(rx.compile("^h[1-6]$")) is not None:
        return False
    rows = tag.find_all(["tr", "li"]) or [tag]
    if sum(_internal_links(r) > 0 for r in rows) * 2 >= len(rows) > 1:
        return True
    linked = sum(len(a.get_text()) for a in tag.find_all("a", href=rx.compile("^#")))
    if tag.name == "a":
        linked = len(tag.get_text())
    return linked * 3 >= len(tag.get_text().strip())


def _internal_links(tag: Tag) -> int:
    return len(tag.find_all("a", href=rx.compile(r"^#"))) + (
        tag.name == "a" and str(tag.get("href") or "").startswith("#"))


# -- Project Gutenberg ------------------------------------------------------------------

_START = rx.compile(r"\*{3}\s*START OF (THE|THIS) PROJECT GUTENBERG", re.IGNORECASE)
_END = rx.compile(r"\*{3}\s*END OF (THE|THIS) PROJECT GUTENBERG|\bEnd of (the )?Project "
                  r"Gutenberg[’'`s]* ", re.IGNORECASE)


_CREDITS = rx.compile(r"\s*(produced by|e-?text prepared by|transcribed (from|by)|this "
                      r"(e-?book|e-?text) (was|is) (produced|prepared))\b", re.IGNORECASE)


def without_gutenberg_boilerplate(document: Document) -> Document:
    """Everything up to the "*** START OF" line and from the "End of Project Gutenberg's" /
    "*** END OF" line on is dropped (header, licence, footer)."""
    text = document.text
    items: list[tuple[tuple[int, int], Block | Dropped]] = sorted(
        [(b.span, b) for b in document.blocks] + [(d.span, d) for d in document.dropped],
        key=lambda item: item[0])
    start = next((i for i, (span, _) in enumerate(items) if _START.search(text, *span)), None)
    end = next((i for i, (span, _) in enumerate(items)
                if (start is None or i > start) and _END.search(text, *span)), None)
    if start is None and end is None:
        return document
    while start is not None and start + 1 < len(items) and (end is None or start + 1 < end) \
            and _CREDITS.match(text, items[start + 1][0][0]):
        start += 1  # "Produced by ..." right after the header is the transcribers' credit
    blocks: list[Block] = []
    dropped: list[Dropped] = []
    for index, (span, item) in enumerate(items):
        if start is not None and index <= start:
            dropped.append(Dropped(span, "boilerplate: Project Gutenberg header"))
        elif end is not None and index >= end:
            dropped.append(Dropped(span, "boilerplate: Project Gutenberg licence"))
        elif isinstance(item, Block):
            blocks.append(item)
        else:
            dropped.append(item)
    return replace(document, blocks=tuple(blocks), dropped=tuple(dropped))


_NUMBER = r"(?:\d{1,4}|[IVXLCDM]{1,8}|[a-z]+(?:[- ][a-z]+)?)"
_CHAPTER_ONLY = rx.compile(
    rf"\s*(?:(?:chapter|book|part|letter|stave|canto|section|volume|act|scene)\s+{_NUMBER}"
    rf"|[IVXLCDM]{{1,8}}|\d{{1,4}})\s*[.:]?\s*", re.IGNORECASE)
_TITLE_END = rx.compile(r"[,;:]\s*$|[.!?]\s*$")


def with_chapter_titles(document: Document) -> Document:
    """A heading that is only a chapter number takes the title that follows it: a heading
    one level deeper (or the same), or a short title line ("The Pool of Tears")."""
    text = document.text
    blocks = list(document.blocks)
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if (block.kind == "heading" and following is not None
                and _CHAPTER_ONLY.fullmatch(text, *block.span)
                and not _between_dropped(document, block, following)
                and _is_title(text, block, following)):
            out.append(Block("heading", (block.span[0], following.span[1]), block.level,
                             block.language))
            index += 2
            continue
        out.append(block)
        index += 1
    return replace(document, blocks=tuple(out)) if len(out) != len(blocks) else document


def _between_dropped(document: Document, first: Block, second: Block) -> bool:
    return any(first.span[1] <= d.span[0] < second.span[0] for d in document.dropped
               if d.reason != PAGE_NUMBER)


def _is_title(text: str, heading: Block, following: Block) -> bool:
    words = text[following.span[0]:following.span[1]].split()
    if following.kind == "heading":
        return following.level >= heading.level and len(words) <= 20 and \
            not _CHAPTER_ONLY.fullmatch(text, *following.span)
    if following.kind != "paragraph" or not 0 < len(words) <= 10:
        return False
    line = " ".join(words)
    if line.isupper():
        return True
    long_words = [w for w in words if len(w) > 3]
    capitalised = sum(w[:1].isupper() for w in long_words)
    return not _TITLE_END.search(line.rstrip(".")) and (
        not long_words or capitalised * 5 >= len(long_words) * 3) and not line.endswith(
        ("!", "?"))


@dataclass(frozen=True, slots=True)
class BookInfo:
    title: str | None = None
    author: str | None = None
    date: str | None = None


_FIELD = rx.compile(r"^\s*(Title|Author|Release Date|Posting Date):\s*(.+?)\s*$",
                    re.IGNORECASE | re.MULTILINE)


def book_metadata(soup: BeautifulSoup) -> BookInfo:
    """Title, author and date from Dublin Core <meta> tags or a Gutenberg header's lines."""
    found: dict[str, str] = {}
    for meta in soup.find_all("meta", attrs={"name": True, "content": True}):
        name = str(meta["name"]).lower()
        key = {"dc.title": "title", "dc.creator": "author", "author": "author",
               "dcterms.created": "date", "dc.created": "date"}.get(name)
        if key and str(meta["content"]).strip():
            found.setdefault(key, " ".join(str(meta["content"]).split()))
    header = soup.find(id="pg-header")
    if header is None:
        header = next((pre for pre in soup.find_all("pre") if _START.search(pre.get_text())),
                      None)
    if header is not None:
        for match in _FIELD.finditer(header.get_text("\n")):
            key = {"title": "title", "author": "author"}.get(match[1].lower(), "date")
            value = re.sub(r"\s*\[(e-?book|etext) #\d+\]", "", match[2], flags=re.IGNORECASE)
            found[key] = value if key != "author" or "author" not in found or \
                "," in found["author"] else found["author"]
    return BookInfo(found.get("title"), _natural_name(found.get("author")), found.get("date"))


def _natural_name(name: str | None) -> str | None:
    """"Carroll, Lewis, 1832-1898" (a catalogue's form) -> "Lewis Carroll"."""
    if not name:
        return None
    name = re.sub(r",?\s*\d{3,4}\s*-\s*\d{0,4}\s*$", "", name).strip()
    if name.count(",") == 1:
        last, first = (p.strip() for p in name.split(","))
        if first and last and " " not in last:
            return f"{first} {last}"
    return name


def with_metadata(document: Document, title: str, book: BookInfo) -> Document:
    metadata = replace(document.metadata, author=book.author or document.metadata.author,
                       date=book.date or document.metadata.date)
    return replace(document, title=title, metadata=metadata)
