"""The text of a read-along EPUB: one XHTML content document per chapter of the plan.

The document's blocks (headings, paragraphs, list items, block quotes, image descriptions,
footnotes) become elements; inside them every spoken segment's source text is wrapped in
`<span id="s{index}">`, the id the captions and the listening page give the same segment, so
a Media Overlay `<par>` (export.smil) can point at it. Text between segments (whitespace,
dropped chrome inside a block) is kept as it is, unwrapped: the book shows what the source says.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from html import escape

from earmark.model import Block, Page, Plan, Segment

PageBreak = Page

ACTIVE_CLASS = "-epub-media-overlay-active"
"""The class a reading system puts on the element being spoken (media:active-class)."""

STYLESHEET = f"""body {{ font-family: serif; line-height: 1.5; margin: 0 1em; }}
.{ACTIVE_CLASS} {{ background-color: #fff176; color: #000; }}
aside {{ font-size: 0.9em; border-top: 1px solid #888; margin-top: 1em; }}
.table p {{ margin: 0.2em 0 0.2em 1em; }}
"""

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def fragment(segment: Segment | int) -> str:
    """A segment's element id (the captions' cue id and the page's anchor too)."""
    return f"s{segment if isinstance(segment, int) else segment.index}"


def document_name(chapter: int) -> str:
    return f"chapter-{chapter + 1:04d}.xhtml"


@dataclass(frozen=True, slots=True)
class Part:
    """A block of the document with the segments spoken from it, in order."""

    block: Block
    segments: tuple[Segment, ...]


def chapter_parts(plan: Plan) -> list[list[Part]]:
    """The document's blocks, each with its segments, grouped by the chapter they are in.

    A segment belongs to the block its source span starts in; one in no block becomes a
    paragraph of its own (so that every segment has an element). A block with no segment
    (all of it dropped) stays in the chapter before it."""
    segments = sorted(plan.segments, key=lambda s: (s.source_span[0], s.index))
    starts = [s.source_span[0] for s in segments]
    blocks = sorted(plan.document.blocks, key=lambda b: b.span)
    parts: list[Part] = []
    taken: set[int] = set()
    for block in blocks:
        low = bisect.bisect_left(starts, block.span[0])
        high = bisect.bisect_left(starts, block.span[1])
        inside = tuple(s for s in segments[low:high] if s.index not in taken)
        if block.span[0] == block.span[1]:
            inside = ()
        taken.update(s.index for s in inside)
        parts.append(Part(block, inside))
    for segment in segments:
        if segment.index not in taken:
            parts.append(Part(Block("paragraph", segment.source_span), (segment,)))
    parts.sort(key=lambda p: (p.block.span, p.segments[0].index if p.segments else -1))
    chapters: list[list[Part]] = [[] for _ in plan.chapters]
    current = 0
    for part in parts:
        if part.segments:
            current = part.segments[0].chapter
        chapters[current].append(part)
    return chapters


def _text(text: str) -> str:
    return escape(_NOT_XML.sub("", text), quote=False)


def _lang(language: str | None) -> str:
    return f' lang="{escape(language)}" xml:lang="{escape(language)}"' if language else ""


def _marker(page: tuple[int, Page]) -> str:
    number, found = page
    return (f'<span epub:type="pagebreak" role="doc-pagebreak" id="page-{number}" '
            f'aria-label="{escape(found.label)}"></span>')


def inline(text: str, part: Part, pages: list[tuple[int, Page]] | None = None) -> str:
    """A block's text with each of its segments wrapped in its span, and page break markers
    (numbered page breaks) before the first segment that starts at or after them."""
    start, end = part.block.span
    out, position = [], start
    due = list(pages or [])
    for segment in part.segments:
        while due and due[0][1].position <= segment.source_span[0]:
            out.append(_marker(due.pop(0)))
        begin = max(position, min(segment.source_span[0], end))
        stop = max(begin, min(segment.source_span[1], end))
        out.append(_text(text[position:begin]))
        out.append(f'<span id="{fragment(segment)}"{_lang(segment.language)}>'
                   f"{_text(text[begin:stop])}</span>")
        position = stop
    out.append(_text(text[position:end]))
    out += [_marker(page) for page in due]
    return "".join(out).strip()


def _element(text: str, part: Part, pages: list[tuple[int, Page]]) -> str:
    block, body = part.block, inline(text, part, pages)
    lang = _lang(block.language)
    if block.kind == "heading":
        level = min(max(block.level, 1), 6)
        return f"<h{level}{lang}>{body}</h{level}>"
    if block.kind == "image":
        return f'<figure epub:type="figure"{lang}><figcaption>{body}</figcaption></figure>'
    if block.kind == "item" and block.container != "table":
        return f"<li{lang}>{body}</li>"
    return f"<p{lang}>{body}</p>"


def _group(block: Block) -> str | None:
    """The element a block is one of: a list, a table (read row by row), a block quote."""
    if block.container == "table":
        return "table"
    if block.kind == "item":
        return "ol" if block.container == "ol" else "ul"
    return "blockquote" if block.kind == "blockquote" else None


_OPEN = {"ul": '<ul epub:type="list">', "ol": '<ol epub:type="list">',
         "blockquote": "<blockquote>", "table": '<div class="table" epub:type="table">'}
_CLOSE = {"ul": "</ul>", "ol": "</ol>", "blockquote": "</blockquote>", "table": "</div>"}


def page_breaks(plan: Plan) -> dict[int, list[tuple[int, Page]]]:
    """The document's page breaks (numbered from 1), by the block they are put in: the one
    they are inside, else the next (else the last)."""
    blocks = sorted(plan.document.blocks, key=lambda b: b.span)
    ends = [b.span[1] for b in blocks]
    found: dict[int, list[tuple[int, Page]]] = {}
    for number, page in enumerate(plan.document.pages, 1):
        if not blocks:
            break
        at = min(bisect.bisect_right(ends, page.position), len(blocks) - 1)
        found.setdefault(blocks[at].span[0], []).append((number, page))
    return found


def page_list(pages: dict[int, list[tuple[int, Page]]], chapter_of: dict[int, int]) -> str:
    """The navigation document's page list (empty without page breaks)."""
    entries = [f'      <li><a href="{document_name(chapter_of.get(number, 0))}#page-{number}">'
               f"{escape(page.label)}</a></li>"
               for at in sorted(pages) for number, page in pages[at]]
    if not entries:
        return ""
    lines = "\n".join(entries)
    return (f'  <nav epub:type="page-list" role="doc-pagelist" hidden="hidden">\n'
            f"    <h2>Pages</h2>\n    <ol>\n{lines}\n    </ol>\n  </nav>\n")


def content_document(plan: Plan, chapter: int, parts: list[Part],
                     pages: dict[int, list[tuple[int, Page]]] | None = None) -> str:
    """The XHTML content document of one chapter."""
    text = plan.document.text
    language = plan.document.language
    title = plan.chapters[chapter].title or plan.document.title
    body: list[str] = []
    group: str | None = None  # the open list, block quote or table

    def close() -> None:
        nonlocal group
        if group:
            body.append(_CLOSE[group])
        group = None

    for part in parts:
        block = part.block
        marks = (pages or {}).get(block.span[0], [])
        if block.note is not None:
            close()
            body.append(f'<aside epub:type="footnote" role="doc-footnote">'
                        f"{_element(text, part, marks)}</aside>")
            continue
        wanted = _group(block)
        if wanted != group:
            close()
            if wanted:
                body.append(_OPEN[wanted])
                group = wanted
        body.append(_element(text, part, marks))
    close()
    lines = "\n".join(f"  {line}" for line in body)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"{_lang(language)}>
<head>
<meta charset="UTF-8"/>
<title>{_text(title)}</title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
<body>
<section epub:type="chapter" role="doc-chapter">
{lines}
</section>
</body>
</html>
"""
