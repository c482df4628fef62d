"""HTML: the main content only (<main>, <article> or <body>), without script, style,
navigation, forms or footers; h1-h6 become headings, p/li/blockquote/td... paragraphs.

The walk is a class (`HtmlWalker`) so that the EPUB reader can reuse it over content
documents, adding its table-of-contents headings; book conventions (page numbers, note
references, footnotes, Project Gutenberg's boilerplate) are in earmark.ingest.htmlbook.
"""

from __future__ import annotations

import re
import warnings

from bs4 import BeautifulSoup, Comment, MarkupResemblesLocatorWarning, NavigableString, Tag

from earmark.config.recipe import IngestSettings
from earmark.errors import InputError
from earmark.ingest import content, htmlbook, webparts
from earmark.ingest.builder import TextBuilder
from earmark.ingest.chrome import is_chrome_heading
from earmark.model import Document
from earmark.text import regexes as rx

_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "textarea",
    "head",
    "object",
    "canvas",
    "dialog",
}
_HEADINGS = {f"h{n}" for n in range(1, 7)}
_BLOCKS = _HEADINGS | {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "dl",
    "dt",
    "dd",
    "hr",
    "br",
    "address",
    "details",
    "summary",
    "fieldset",
    "center",
}


def _root(soup: BeautifulSoup) -> Tag:
    for selector in ("main", "article", "[role=main]"):
        found = soup.select_one(selector)
        if found is not None:
            return found
    body = soup.body or soup
    for tag in body.find_all("header"):
        if tag.find_parent(["article", "main"]) is None:
            tag.decompose()
    return body


def _text_follows(tag: Tag) -> bool:
    """Whether running text follows a tag before the next block (it is inline, then)."""
    for sibling in tag.next_siblings:
        if isinstance(sibling, Comment):
            continue
        if isinstance(sibling, NavigableString):
            if str(sibling).strip():
                return True
            continue
        if isinstance(sibling, Tag) and sibling.name in _BLOCKS:
            return False
        if isinstance(sibling, Tag) and sibling.get_text().strip():
            return True
    return False


def element_language(tag: Tag) -> str | None:
    """The tag's own language (`xml:lang` wins over `lang`, as in XHTML), if it says one."""
    for attribute in ("xml:lang", "lang"):
        value = str(tag.get(attribute) or "").strip()
        if value:
            return value
    return None


class HtmlWalker:
    """Walks an element tree into a TextBuilder: blocks in order, with book conventions.

    Subclasses (the EPUB reader) override `visit` to learn where they are in the tree,
    `adjust` to put table-of-contents headings in and `drop_reason` to leave out more."""

    def __init__(self, builder: TextBuilder, settings: IngestSettings,
                 notes: htmlbook.Notes | None = None) -> None:
        self.builder = builder
        self.settings = settings
        self.prefix = settings.image_prefix
        self.notes = notes or htmlbook.Notes()
        self._moved: list[tuple[str, str]] = []  # inline text dropped, reported after its block
        self._notes_due: list[tuple[Tag, str]] = []  # footnotes (and labels) read after it

    # -- hooks --------------------------------------------------------------------------
    def visit(self, tag: Tag) -> None:
        """Called for every element reached, before it is read (block or inline)."""

    def adjust(self, kind: str, text: str, level: int) -> tuple[str, int]:
        """Called before a block is added: its text and level (a heading's may change)."""
        return text, level

    def drop_reason(self, tag: Tag) -> str | None:
        """Why a block element is not read at all (reported as dropped), or None."""
        return htmlbook.block_drop(tag, self.settings)

    # -- emitting -----------------------------------------------------------------------
    def add(self, kind: str, text: str, level: int = 0, language: str | None = None,
            container: str | None = None) -> None:
        if not text.strip():
            return
        text, level = self.adjust(kind, text, level)
        self.builder.add(kind, text, level, language, container)
        self._after_block()

    def page(self, tag: Tag, pending: list[str] | None = None) -> None:
        """A page break: its number from title, aria-label or its text."""
        label = str(tag.get("title") or tag.get("aria-label") or tag.get_text(" "))
        self.builder.page(label, "".join(pending or []))

    def add_dropped(self, text: str, reason: str) -> None:
        self.builder.add_dropped(text, reason)

    def _after_block(self) -> None:
        moved, self._moved = self._moved, []
        for text, reason in moved:
            self.builder.add_dropped(text, reason)
        due, self._notes_due = self._notes_due, []
        for body, label in due:
            outer, self.builder.note = self.builder.note, label
            self.walk(body, False, element_language(body))
            self.builder.note = outer

    # -- reading ------------------------------------------------------------------------
    def _inline(self, tag: Tag, buffer: list[str]) -> None:
        """Inline content: its text into the buffer, page numbers and note markers moved out."""
        for child in tag.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                buffer.append(str(child))
                continue
            if (not isinstance(child, Tag) or child.name in _SKIP or child.get("hidden") is not None
                    or child.get(content.SKIP_MARK) is not None):
                continue
            self._inline_element(child, buffer)

    def _math(self, tag: Tag, buffer: list[str]) -> None:
        """A formula: said in words (or "a formula"), its markup reported as dropped."""
        spoken = webparts.spoken_math(tag)
        buffer.append(f" {spoken} ")
        source = webparts.tex_of(tag) or tag.get_text(" ")
        self._moved.append((source, f"math: read as \"{spoken}\""))

    def _inline_element(self, child: Tag, buffer: list[str]) -> None:
        self.visit(child)
        if webparts.is_math(child):
            self._math(child, buffer)
            return
        reason = htmlbook.inline_drop(child)
        if reason:
            if reason == htmlbook.PAGE_NUMBER:
                self.page(child, buffer)
            self._moved.append((child.get_text(" "), reason))
            if reason == htmlbook.NOTE_REFERENCE:
                body = self.notes.take(child)
                if body is not None:
                    self._notes_due.append((body, note_label(child)))
            return
        if child.name == "q":  # browsers add the marks with CSS: put them in the text
            inner: list[str] = []
            self._inline(child, inner)
            buffer.append(f"“{''.join(inner)}”")
            return
        if child.name == "img":  # inside an inline element (a linked icon): not read
            return
        if child.name == "br":
            buffer.append(" ")
            return
        if child.name == "a" and htmlbook.note_reference_by_text(child):
            body = self.notes.take(child)
            if body is not None:  # a link to a footnote: the marker is not spoken
                self._moved.append((child.get_text(" "), htmlbook.NOTE_REFERENCE))
                self._notes_due.append((body, note_label(child)))
                return
        self._inline(child, buffer)

    def _table(self, table: Tag, language: str | None) -> None:
        """A data table, row by row, each value with its column's header."""
        caption, lines = webparts.table_lines(table)
        language = element_language(table) or language
        if caption:
            self.add("paragraph", caption, language=language, container="table")
        for line in lines:
            self.add("item", line, language=language, container="table")

    def walk(self, node: Tag, in_quote: bool = False, language: str | None = None,
             in_item: bool = False) -> None:
        buffer: list[str] = []
        language = element_language(node) or language

        def flush() -> None:
            if "".join(buffer).strip():
                kind = "blockquote" if in_quote else "item" if in_item else "paragraph"
                self.add(kind, "".join(buffer), language=language)
            elif self._moved or self._notes_due:
                self._after_block()
            buffer.clear()

        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                buffer.append(str(child))
                continue
            if (not isinstance(child, Tag) or child.get("hidden") is not None
                    or child.get(content.SKIP_MARK) is not None):
                continue
            if webparts.is_math(child):
                self.visit(child)
                self._math(child, buffer)
                continue
            reason = self.drop_reason(child)
            if reason is not None:
                flush()
                if reason == htmlbook.PAGE_NUMBER:
                    self.visit(child)  # a page break can be where a chapter starts
                    self.page(child)
                self.add_dropped(child.get_text(" "), reason)
                continue
            if self.notes.is_deferred(child):  # read after the paragraph that refers to it
                continue
            if child.name in _SKIP:
                continue
            self.visit(child)
            if child.name == "img":
                alt = str(child.get("alt") or "").strip()
                if webparts.alt_is_file_name(alt) or webparts.is_tex(alt):
                    self._moved.append((alt, "image: alt text is a file name, not read"))
                    alt = ""
                if "".join(buffer).strip() or _text_follows(child):
                    buffer.append(alt)  # an image inside running text: its alt text, inline
                elif self.prefix and alt:
                    self.add("image", self.prefix + alt)  # an image on its own: "Image: ..."
                continue
            caption = child.find("figcaption") if child.name == "figure" else None
            if caption is not None and child.find(["img", "picture", "svg"]) is not None:
                flush()  # a figure with a caption: the caption says what the image shows
                if self.prefix and caption.get_text().strip():
                    self.add("image", self.prefix + caption.get_text(" "), container="figure")
                continue
            if child.name not in _BLOCKS and child.find(_BLOCKS) is None:
                self._inline_element(child, buffer)
                continue
            if child.name not in _BLOCKS:  # an inline element wrapping blocks (broken markup)
                flush()
                self.walk(child, in_quote, language, in_item)
                continue
            flush()
            if child.name in _HEADINGS:
                parts: list[str] = []
                self._inline(child, parts)
                self.add("heading", " ".join(parts), int(child.name[1]),
                         element_language(child) or language)
            elif child.name == "table" and webparts.is_data_table(child):
                self._table(child, language)
            elif (child.name == "pre" and htmlbook.is_code(child)
                  and not webparts.is_prose(child.get_text())):
                self.add_dropped(child.get_text(), "code block: not read aloud")
            elif child.name == "pre":  # verse or a letter laid out by hand: one block a stanza
                for stanza in re.split(r"\n[ \t\r]*\n", child.get_text()):
                    self.add("paragraph", stanza, language=element_language(child) or language)
            else:
                outer = self.builder.container
                if child.name in ("ol", "ul"):
                    self.builder.container = "ol" if child.name == "ol" else None
                self.walk(child, in_quote or child.name == "blockquote", language,
                          in_item or child.name == "li")
                self.builder.container = outer
        flush()


def read(text: str, path: str, settings: IngestSettings | None = None) -> Document:
    try:
        return _read(text, path, settings or IngestSettings())
    except RecursionError:
        raise InputError(f"{path}: HTML nested too deeply (earmark reads up to about 900 "
                         "levels of elements)") from None


def parse(text: str) -> BeautifulSoup:
    with warnings.catch_warnings():  # a short text that looks like a URL is still a page
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return BeautifulSoup(text, "html.parser")


def _read(text: str, path: str, settings: IngestSettings) -> Document:
    from earmark.ingest import title_from_path

    soup = parse(text)
    language = "en"
    if soup.html is not None and element_language(soup.html):
        language = element_language(soup.html) or "en"
    page_title = soup.title.get_text(" ").strip() if soup.title else ""
    book = htmlbook.book_metadata(soup)
    for tag in soup.find_all(_SKIP - {"head", "nav", "aside"}):
        tag.decompose()
    root = None
    if not _is_book(soup, book):
        root = content.extract(soup.body or soup)
    builder = TextBuilder()
    if root is None:
        root = _root(soup)
    else:  # a web page: its headline first, chrome headings never chapters
        headline = _headline(soup, root, page_title)
        if headline:
            builder.add("heading", headline, 1)
        for heading in root.find_all(_HEADINGS):
            if is_chrome_heading(heading.get_text(" ")) and not heading.get(htmlbook._DROP_MARK):
                heading[htmlbook._DROP_MARK] = "page chrome: heading"
    htmlbook.mark_contents(root)
    HtmlWalker(builder, settings, htmlbook.Notes.of(root, settings.footnotes)).walk(root)
    document = Document(path, "html", builder.text, "", language, tuple(builder.blocks),
                        tuple(builder.dropped), pages=tuple(builder.pages))
    document = htmlbook.without_gutenberg_boilerplate(document)
    document = htmlbook.with_chapter_titles(document)
    title = (book.title or _first_heading(document) or " ".join(page_title.split())
             or title_from_path(path))
    return htmlbook.with_metadata(document, title, book)


def _is_book(soup: BeautifulSoup, book: htmlbook.BookInfo) -> bool:
    """A book in HTML (Project Gutenberg's): read whole, with its own conventions."""
    return bool(book.title) or soup.find(id=rx.compile("^pg-(header|footer)$")) is not None \
        or soup.find(class_="pg-boilerplate") is not None


_SEPARATOR = rx.compile(r"\s[|\-–—:/»·]\s")


def _headline(soup: BeautifulSoup, root: Tag, page_title: str) -> str | None:
    """The article's headline when the article does not start with it: an <h1> outside
    it that the page's title names, else the page's title without the site's name."""
    own = [h for h in root.find_all(["h1", "h2"])
           if not h.get(htmlbook._DROP_MARK) and h.find_parent(attrs={content.SKIP_MARK: True})
           is None]
    if any(h.name == "h1" for h in own):
        return None
    title = " ".join(page_title.split())
    meta = soup.find("meta", attrs={"property": "og:title", "content": True})
    if meta is not None:
        title = " ".join(str(meta["content"]).split()) or title

    def key(text: str) -> str:
        return " ".join(re.findall(r"\w+", text.lower()))

    h1s = [" ".join(h.get_text(" ").split()) for h in soup.find_all("h1")]
    best = next((h for h in h1s if key(h) and key(title) and key(h) in key(title)), None)
    if best is None:
        parts = _SEPARATOR.split(title)
        best = max(parts[:-1], key=len) if len(parts) > 1 else title
        if len(best.split()) < 2 and len(parts) > 1:
            best = title
    if not best:
        return None
    if any(key(best) in key(h.get_text(" ")) or key(h.get_text(" ")) == key(best) for h in own):
        return None
    return best


def _first_heading(document: Document) -> str | None:
    return next((" ".join(document.text[b.span[0]:b.span[1]].split())
                 for b in document.blocks if b.kind == "heading"), None)


def note_label(reference: Tag) -> str:
    """A note's label from its reference ("[3]" -> "3", "*" -> "*")."""
    return re.sub(r"[\[\]()\s.]", "", reference.get_text())[:4]
