"""Where each spoken segment is in an EPUB input's own content documents.

The plan's segments index the text the EPUB reader extracted (Document.text); the read-along
book keeps the input's XHTML, so each segment has to be found again in it. The documents'
visible letters and digits (case folded: punctuation, quote marks the reader added and
whitespace differ) are searched in reading order from where the previous segment ended, a
footnote's anywhere in its document. A found segment is wrapped in `<span id>` (inline
elements it starts or ends inside are split in two, so that the tags still nest; it never
crosses a block element). One that is not in the text as written (a table-of-contents title
put in place of the content's heading, a table read row by row, a formula said in words)
points at the element where reading stands, given an id if it has none.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from earmark.export.epub_text import Part
from earmark.export.xhtml_source import PHRASING, Source, without_id
from earmark.model import Plan, Segment

HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
WINDOW = 2000
"""Letters a segment may be found beyond where the previous one ended, besides the dropped
text between them in the reader's text (page numbers, matter not read)."""


@dataclass(slots=True)
class Anchors:
    targets: dict[int, tuple[int, str]] = field(default_factory=dict)
    """Segment index -> (document number, fragment id)."""
    insertions: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)
    """Document number -> (source offset, order, text to insert there)."""
    wrapped: int = 0
    """Segments wrapped in a span of their own (the others point at an element)."""

    def insert(self, document: int, offset: int, order: int, text: str) -> None:
        self.insertions.setdefault(document, []).append((offset, order, text))


def _key(text: str) -> str:
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text if c.isalnum())


class _Stream:
    """Every document's visible letters and digits, in reading order, as one string."""

    def __init__(self, sources: list[Source]) -> None:
        self.sources = sources
        keys: list[str] = []
        self.where: list[tuple[int, int]] = []  # key position -> (document, char index)
        self.starts: list[int] = []  # key position where each document starts
        for number, source in enumerate(sources):
            self.starts.append(len(self.where))
            unread = source.unread()
            hidden: dict[int, bool] = {}
            for index, (char, _start, _end, element) in enumerate(source.chars):
                if element not in hidden:
                    hidden[element] = bool(unread.intersection(source.ancestors(element)))
                if char.isalnum() and not hidden[element]:
                    folded = char.lower()
                    keys.append(folded if len(folded) == 1 else char)
                    self.where.append((number, index))
        self.keys = "".join(keys)
        self.claimed = bytearray(len(self.keys))
        self._starts: dict[int, list[int]] = {}
        self.used = [bytearray(len(source.chars)) for source in sources]
        """Per document: the characters inside a span already."""

    def document_range(self, position: int) -> tuple[int, int]:
        number = max(bisect.bisect_right(self.starts, position) - 1, 0)
        end = self.starts[number + 1] if number + 1 < len(self.starts) else len(self.keys)
        return self.starts[number], end

    def element_starts(self, document: int) -> list[int]:
        """The offsets of the document's elements' start tags (in document order)."""
        if document not in self._starts:
            self._starts[document] = [e.start for e in self.sources[document].elements]
        return self._starts[document]

    def in_heading(self, position: int) -> bool:
        document, index = self.where[position]
        source = self.sources[document]
        return any(source.name(e) in HEADINGS for e in source.ancestors(source.chars[index][3]))

    def find(self, key: str, start: int, limit: int) -> int | None:
        at = self.keys.find(key, start, limit)
        while at >= 0:
            if not any(self.claimed[at:at + len(key)]):
                return at
            at = self.keys.find(key, at + 1, limit)
        return None


def anchor(plan: Plan, parts: list[Part], sources: list[Source], prefix: str) -> Anchors:
    """Finds every segment of `parts` (the document's blocks with their segments, in order)
    in `sources` (the spine's content documents) and says what to insert where."""
    stream = _Stream(sources)
    anchors = Anchors()
    text = plan.document.text
    cursor, previous_end = 0, 0
    last_found: int | None = None
    pending: list[tuple[Segment, frozenset[str]]] = []  # not found as written
    element_ids: dict[tuple[int, int], str] = {}
    for part in parts:
        for segment in part.segments:
            note = part.block.note is not None
            found = _search(stream, text, segment, note, cursor, previous_end)
            if found is None:
                if not note:
                    previous_end = segment.source_span[1]
                pending.append((segment, _candidates(segment, part)))
                continue
            at, length = found
            for position in range(at, at + length):
                stream.claimed[position] = 1
            for waiting, names in pending:
                anchors.targets[waiting.index] = _element_target(
                    stream, at, last_found, names, anchors, element_ids)
            pending = []
            if not note:
                cursor, previous_end, last_found = at + length, segment.source_span[1], at
            if _wrap(stream, at, length, segment.index, f"{prefix}{segment.index}", anchors):
                anchors.wrapped += 1
            else:
                anchors.targets[segment.index] = _element_target(
                    stream, at, None, frozenset(), anchors, element_ids)
    for waiting, names in pending:
        anchors.targets[waiting.index] = _element_target(
            stream, max(cursor - 1, 0), last_found, names, anchors, element_ids)
    return anchors


def _candidates(segment: Segment, part: Part) -> frozenset[str]:
    """The elements a segment not found as written is likely read from."""
    if segment.kind == "heading":
        return HEADINGS
    if part.block.container == "table":
        return frozenset({"table"})
    if part.block.kind == "image":
        return frozenset({"figure", "img"})
    return frozenset({"math"})


def _search(stream: _Stream, text: str, segment: Segment, note: bool, cursor: int,
            previous_end: int) -> tuple[int, int] | None:
    """Where the segment's letters are in the stream: (position, length), or None. A
    heading is looked for only in headings."""
    written = text[segment.source_span[0]:segment.source_span[1]]
    words = written.split()
    gap = len(_key(text[previous_end:segment.source_span[0]]))
    heading = segment.kind == "heading"
    for skip in range(min(3, len(words))):  # "Image: ...", "Table: ...": said, not written
        key = _key(" ".join(words[skip:]))
        if not key or (skip and len(key) < 6):
            break
        if note:
            low, high = stream.document_range(cursor)
            at = stream.find(key, cursor, high)
            at = stream.find(key, low, high) if at is None else at
        else:
            window = WINDOW if len(key) >= 20 and not heading else 200
            limit = cursor + window + 2 * gap + len(key)
            at = stream.find(key, cursor, limit)
            while heading and at is not None and not stream.in_heading(at):
                at = stream.find(key, at + 1, limit)
        if at is not None:
            return at, len(key)
    return None


def _block_of(source: Source, element: int) -> int:
    for ancestor in source.ancestors(element):
        if source.name(ancestor) not in PHRASING:
            return ancestor
    return element


def _wrap(stream: _Stream, at: int, length: int, index: int, ident: str,
          anchors: Anchors) -> bool:
    """Wraps the letters at..at+length (and the punctuation next to them) in a span;
    False when the tags around them would not let a span nest there."""
    document, first = stream.where[at]
    source = stream.sources[document]
    block = _block_of(source, source.chars[first][3])
    last = first
    for position in range(at, at + length):
        number, char = stream.where[position]
        if number != document or _block_of(source, source.chars[char][3]) != block:
            break
        last = char
    chars = source.chars
    while first > 0 and chars[first - 1][3] == chars[first][3] and \
            not chars[first - 1][0].isspace() and not _taken(stream, document, first - 1):
        first -= 1
    while last + 1 < len(chars) and chars[last + 1][3] == chars[last][3] and \
            not chars[last + 1][0].isspace() and not _taken(stream, document, last + 1):
        last += 1
    outer_a = source.ancestors(chars[first][3])
    outer_b = source.ancestors(chars[last][3])
    common = next(e for e in outer_a if e in set(outer_b))
    inner_a = outer_a[:outer_a.index(common)]
    inner_b = outer_b[:outer_b.index(common)]
    if any(source.name(e) not in PHRASING for e in inner_a + inner_b) or \
            source.name(common) in ("ul", "ol", "table", "tbody", "thead", "tr", "dl"):
        return False

    def closes(elements: list[int]) -> str:
        return "".join(f"</{source.elements[e].qname}>" for e in elements)

    def opens(elements: list[int]) -> str:
        return "".join(without_id(source.start_tag(e)) for e in reversed(elements))

    anchors.insert(document, chars[first][1], 1,
                   f'{closes(inner_a)}<span id="{ident}">{opens(inner_a)}')
    anchors.insert(document, chars[last][2], 0, f"{closes(inner_b)}</span>{opens(inner_b)}")
    anchors.targets[index] = (document, ident)
    stream.used[document][first:last + 1] = b"\1" * (last + 1 - first)
    return True


def _taken(stream: _Stream, document: int, index: int) -> bool:
    """Whether a character is inside another segment's span already."""
    return bool(stream.used[document][index])


def _element_target(stream: _Stream, position: int, after: int | None, names: frozenset[str],
                    anchors: Anchors, element_ids: dict[tuple[int, int], str]
                    ) -> tuple[int, str]:
    """The element a segment not found as written points at: the last element named one of
    `names` (a heading for a heading) between the segment found before it (`after`) and
    `position`, where the next one was found; else the block of the letter at `position`.
    It keeps its own id or is given one."""
    document, index = stream.where[position]
    source = stream.sources[document]
    element = _block_of(source, source.chars[index][3])
    between: list[int] = []
    around: list[int] = []
    if names:
        low, around = -1, []
        if after is not None and stream.where[after][0] == document:
            char = source.chars[stream.where[after][1]]
            low = char[1]
            around = [e for e in source.ancestors(char[3]) if source.name(e) in names]
        high = source.chars[index][1]
        starts = stream.element_starts(document)
        between = [n for n in range(bisect.bisect_right(starts, low),
                                    bisect.bisect_left(starts, high))
                   if source.name(n) in names]
        if between or around:
            element = (between or around)[-1 if between else 0]
    if source.name(element) in ("tr", "tbody", "thead", "table", "ul", "ol", "dl") and \
            source.chars[index][3] != element and not (names and element in between + around):
        element = source.chars[index][3]
    key = (document, element)
    if key not in element_ids:
        found = source.elements[element]
        if found.ident:
            element_ids[key] = found.ident
        else:
            ident = f"earmark-e{len(element_ids) + 1}"
            while ident in source.ids:
                ident += "x"
            source.ids.add(ident)
            element_ids[key] = ident
            closing = 2 if source.start_tag(element).endswith("/>") else 1
            anchors.insert(document, found.tag_end - closing, 2, f' id="{ident}"')
    return document, element_ids[key]
