"""An XHTML content document as its source text: the characters a reader sees, each with
where it is in the file, so that elements can be inserted without re-serialising anything.

The read-along EPUB made from an EPUB input (export.epub_reuse) keeps the input's own content
documents byte for byte and only inserts `<span id>` tags and ids into them; this module is
the tokenizer that tells where. It needs well-formed XML (as EPUB 3 requires); anything else
raises NotWellFormed and the caller packages the text earmark read instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape

_TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^>\[]|\[[^\]]*\])*>"
    r"|<(/?)([A-Za-z_][\w:.-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>",
    re.DOTALL | re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][\w.]*);|.", re.DOTALL)
_ID = re.compile(r"""\sid\s*=\s*("[^"]*"|'[^']*')""")

SILENT = frozenset({"head", "script", "style", "svg", "math", "template"})
"""Elements whose text is never part of what the reader sees as running text."""
PHRASING = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins",
    "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
    "var", "font", "big", "tt"})
"""Inline elements that may be split in two around an inserted span."""


class NotWellFormed(ValueError):
    """The document is not well-formed XML (its tags do not nest)."""


@dataclass(frozen=True, slots=True)
class Element:
    qname: str
    """The name as the source writes it (for end tags)."""
    start: int
    """Offset of its start tag in the source."""
    tag_end: int
    """Offset just after its start tag."""
    ident: str | None
    parent: int | None
    """Index of the parent element in Source.elements."""
    types: frozenset[str] = frozenset()
    """epub:type tokens and doc- roles (without "doc-")."""
    label: str | None = None
    """title or aria-label (a page break's page number)."""
    classes: frozenset[str] = frozenset()
    href: str | None = None


@dataclass(slots=True)
class Source:
    text: str
    elements: list[Element] = field(default_factory=list)
    chars: list[tuple[str, int, int, int]] = field(default_factory=list)
    """Every visible character: (character, start and end offset in the source, index of the
    element it is in)."""
    ids: set[str] = field(default_factory=set)
    head_end: int | None = None
    """Offset of `</head>`."""
    body_end: int | None = None
    """Offset of `</body>`."""
    chains: dict[int | None, list[int]] = field(default_factory=dict)

    def name(self, element: int) -> str:
        """An element's local name, lower case ("p", "em", "h2")."""
        return self.elements[element].qname.rsplit(":", 1)[-1].lower()

    def ancestors(self, element: int | None) -> list[int]:
        """The element and its ancestors, innermost first."""
        chain = self.chains.get(element)
        if chain is None:
            parent = self.elements[element].parent if element is not None else None
            chain = [element, *self.ancestors(parent)] if element is not None else []
            self.chains[element] = chain
        return chain

    def unread(self) -> set[int]:
        """Elements whose text the EPUB reader leaves out of the sentence around them: page
        numbers, line numbers, note markers ("1", "[2]", "*" linking to a note)."""
        found = {n for n, e in enumerate(self.elements)
                 if e.types & MARKERS or e.classes & MARKER_CLASSES}
        letters: dict[int, int] = {}
        for char, _start, _end, element in self.chars:
            if not char.isspace():
                for ancestor in self.ancestors(element)[:3]:
                    if self.name(ancestor) in ("a", "sup"):
                        letters[ancestor] = letters.get(ancestor, 0) + 1
        for element, count in letters.items():
            found_element = self.elements[element]
            if count <= 4 and (self.name(element) == "sup" or
                               (found_element.href or "").startswith("#")):
                found.add(element)
        return found

    def start_tag(self, element: int) -> str:
        found = self.elements[element]
        return self.text[found.start:found.tag_end]


MARKERS = frozenset({"pagebreak", "noteref", "annoref", "biblioref"})
"""Structures whose text the EPUB reader never reads inside a sentence."""
MARKER_CLASSES = frozenset({"pagenum", "pageno", "page-number", "pagenumber", "lnum",
                            "linenum", "linenumber", "line-number", "noteref", "fnanchor",
                            "footnote-ref"})


def _attribute(attributes: str, name: str) -> str | None:
    match = re.search(rf"""(?:^|\s){re.escape(name)}\s*=\s*("[^"]*"|'[^']*')""", attributes)
    return unescape(match.group(1)[1:-1]) if match else None


def _types(attributes: str) -> frozenset[str]:
    types = set((_attribute(attributes, "epub:type") or "").split())
    types |= {r.removeprefix("doc-") for r in (_attribute(attributes, "role") or "").split()
              if r.startswith("doc-")}
    return frozenset(types)


def parse(text: str) -> Source:
    """The document's elements and visible characters; NotWellFormed if its tags do not nest."""
    source = Source(text)
    stack: list[int] = []
    silent = 0
    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() > position and stack and not silent:
            _characters(source, text, position, match.start(), stack[-1])
        position = match.end()
        closing, name, attributes, empty = match.groups()
        if name is None:
            if match.group().startswith("<![CDATA[") and stack and not silent:
                for offset in range(match.start() + 9, match.end() - 3):
                    source.chars.append((text[offset], offset, offset + 1, stack[-1]))
            continue
        local = name.rsplit(":", 1)[-1].lower()
        if closing:
            if not stack or source.elements[stack[-1]].qname != name:
                raise NotWellFormed(f"</{name}> at offset {match.start()} closes nothing open")
            stack.pop()
            if local in SILENT:
                silent -= 1
            if local == "head":
                source.head_end = match.start()
            elif local == "body":
                source.body_end = match.start()
            continue
        ident = _attribute(attributes, "id")
        if ident:
            source.ids.add(ident)
        label = _attribute(attributes, "title") or _attribute(attributes, "aria-label")
        source.elements.append(Element(
            name, match.start(), match.end(), ident, stack[-1] if stack else None,
            _types(attributes), label,
            frozenset((_attribute(attributes, "class") or "").lower().split()),
            _attribute(attributes, "href")))
        if not empty:
            stack.append(len(source.elements) - 1)
            if local in SILENT:
                silent += 1
    if stack:
        raise NotWellFormed(f"<{source.elements[stack[-1]].qname}> is never closed")
    return source


def _characters(source: Source, text: str, start: int, end: int, element: int) -> None:
    for match in _ENTITY.finditer(text, start, end):
        raw = match.group()
        if raw == "<":
            raise NotWellFormed(f"a stray '<' at offset {match.start()}")
        char = unescape(raw) if len(raw) > 1 else raw
        if len(raw) > 1 and char == raw:
            raise NotWellFormed(f"an entity XML does not define: {raw}")
        for one in char:
            source.chars.append((one, match.start(), match.end(), element))


def without_id(tag: str) -> str:
    """A start tag without its id attribute (for the second half of a split element)."""
    return _ID.sub("", tag, count=1)
