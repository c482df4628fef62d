"""Plain text: paragraphs are separated by blank lines; `#` lines are headings; so are the
chapter headings of books without Markdown (ingest/headings.py), with their title lines.

A file with no blank line at all (as scraped pages often are) has one paragraph per line.
A Project Gutenberg file loses its header and licence (ingest/gutenberg.py), which also give
the title, author, date and language. A table of contents, transcriber's notes and bare
"[Illustration]" marks are dropped, reported; "[Illustration: caption]" is read as an image.
Spans index the decoded file itself (CRLF line ends are whitespace like any other).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from earmark.config.recipe import IngestSettings
from earmark.ingest import gutenberg, headings
from earmark.model import Block, Document, Dropped, Metadata
from earmark.text import regexes as rx

_HEADING = rx.compile(r"[ \t]*(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_ILLUSTRATION = rx.compile(r"\[(Illustrations?(?:\s*[:.]\s*(?P<caption>[^\]]*?))?)\s*\]",
                           re.IGNORECASE)
_TRANSCRIBER = rx.compile(r"\[?\s*transcriber[’'`]?s?[’']?\s+notes?\b", re.IGNORECASE)
_TITLE_FIELD = rx.compile(r"(?:Title|TITLE):\s*")

Line = tuple[int, str]


@dataclass(slots=True)
class _Para:
    lines: list[Line]
    heading: headings.Heading | None = None
    title_lines: int = 0
    """How many lines after the first belong to the heading's title."""
    role: str = "paragraph"
    """"paragraph", "heading", "toc" or "markdown" (a `#` heading line)."""
    level: int = 0

    @property
    def first(self) -> str:
        return self.lines[0][1].strip()


def read(text: str, path: str, settings: IngestSettings | None = None) -> Document:
    from earmark.ingest import title_from_path

    settings = settings or IngestSettings()
    book = gutenberg.find(text)
    low, high = book.body if book else (0, len(text))
    dropped: list[Dropped] = list(book.dropped) if book else []
    lines = _lines(text, low, high)
    paras = _paragraphs(lines)
    _find_headings(paras)
    blocks: list[Block] = []
    markdown_title: str | None = None
    book_headings = any(p.role == "heading" for p in paras)
    skipping_note = False
    for number, para in enumerate(paras):
        span = _span(para.lines)
        content = text[span[0]:span[1]]
        if skipping_note or _TRANSCRIBER.match(content):
            dropped.append(Dropped(span, "transcriber's note"))
            opened = skipping_note or content.lstrip().startswith("[")
            skipping_note = opened and "]" not in content  # a bracketed note runs on
            continue
        if para.role == "markdown":
            _markdown_heading(para.lines[0], blocks, dropped)
            markdown_title = markdown_title or text[blocks[-1].span[0]:blocks[-1].span[1]]
        elif para.role == "toc":
            dropped.append(Dropped(span, "table of contents"))
        elif para.role == "heading":
            blocks.append(Block("heading", _span(para.lines[: 1 + para.title_lines]),
                                level=para.level))
            rest = para.lines[1 + para.title_lines:]
            if rest:
                blocks.append(Block("paragraph", _span(rest)))
        elif book and number < 4 and not blocks and gutenberg.is_credits(content):
            dropped.append(Dropped(span, gutenberg.CREDITS_REASON))
        else:
            _paragraph(text, span, settings, blocks, dropped)
    title = (book.title if book and book.title else None) or markdown_title
    if title is None and book_headings:
        title = _front_title(text, paras)
    metadata = Metadata(author=book.author, date=book.date) if book else Metadata()
    return Document(
        path, "txt", text, title or title_from_path(path),
        (book.language if book and book.language else None) or "en", tuple(blocks),
        tuple(sorted(dropped, key=lambda d: d.span)), metadata=metadata,
    )


def _lines(text: str, low: int, high: int) -> list[Line]:
    """The lines of text[low:high] with where each starts, without their line ends."""
    lines: list[Line] = []
    start = low
    parts = text[low:high].split("\n")
    if not parts[-1]:
        parts.pop()  # nothing after the last line end
    for line in parts:
        lines.append((start, line.rstrip("\r")))
        start += len(line) + 1
    return lines


def _paragraphs(lines: list[Line]) -> list[_Para]:
    """Runs of non-blank lines; a `#` heading line is a paragraph of its own."""
    one_per_line = not any(not line or line.isspace() for _, line in lines)
    paras: list[_Para] = []
    current: list[Line] = []

    def flush() -> None:
        if current:
            paras.append(_Para(list(current)))
            current.clear()

    for start, line in lines:
        heading = _HEADING.fullmatch(line) if line.find("#", 0, 8) >= 0 else None
        if heading and heading.group(2):
            flush()
            paras.append(_Para([(start, line)], role="markdown"))
        elif not line or line.isspace():
            flush()
        else:
            current.append((start, line))
            if one_per_line:
                flush()
    flush()
    return paras


def _find_headings(paras: list[_Para]) -> None:
    """Mark book headings (with their titles), then tables of contents; set heading levels."""
    for para in paras:
        if para.role != "paragraph":
            continue
        found = headings.classify(para.first)
        if found is None:
            continue
        rest = [line.strip() for _, line in para.lines[1:]]
        if found.has_title:
            if rest and not _is_title(rest):
                continue  # "Part One of the plan was ..." running on as prose
            para.title_lines = len(rest)
        elif rest:
            para.title_lines = len(rest) if _is_title(rest) else 0
        para.heading, para.role = found, "heading"
    _merge_next_titles(paras)
    _mark_contents(paras)
    forms = {p.heading.form for p in paras if p.role == "heading" and p.heading}
    for para in paras:
        if para.role == "heading" and para.heading:
            form = para.heading.form
            para.level = 1 if form == "part" else (
                3 if form == "numeral" and forms & {"chapter", "numbered"} else 2)


def _is_title(lines: list[str]) -> bool:
    """Lines after a heading's label that are its title, not the first lines of prose."""
    joined = " ".join(lines)
    if len(lines) > 3 or len(joined) > 160:
        return False
    letters = [c for c in joined if c.isalpha()]
    upper = sum(c.isupper() for c in letters) >= 0.8 * len(letters) if letters else False
    return upper or (len(lines) == 1 and headings.is_title_line(lines[0])
                     and len(lines[0].split()) <= 10)


def _merge_next_titles(paras: list[_Para]) -> None:
    """"CHAPTER I" then, after a blank line, "THE TITLE" (one short line), then prose: the
    title paragraph joins the heading."""
    index = 0
    while index < len(paras) - 2:
        para, nxt = paras[index], paras[index + 1]
        if (para.role == "heading" and para.heading and not para.heading.has_title
                and not para.title_lines and nxt.role == "paragraph" and len(nxt.lines) == 1
                and headings.is_title_line(nxt.first) and len(nxt.first.split()) <= 10
                and _bare_title(nxt.first) and not nxt.first.startswith(("“", '"'))
                and not _TRANSCRIBER.match(nxt.first) and not _ILLUSTRATION.match(nxt.first)):
            para.lines.extend(nxt.lines)
            para.title_lines = 1
            del paras[index + 1]
        index += 1


def _bare_title(line: str) -> bool:
    """A title line, not a short sentence: no closing quote or ?/! at its end, and a full stop
    only in capitals ("MARLEY'S GHOST.")."""
    letters = [c for c in line if c.isalpha()]
    capitals = bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
    return line[-1] not in "?!\"”’'" and (line[-1] != "." or capitals)


def _mark_contents(paras: list[_Para]) -> None:
    """A table of contents: the paragraphs after a "CONTENTS" line while they are lists of
    short lines; a paragraph of three or more heading lines; a heading followed straight by a
    heading of the same form (a chapter with nothing in it is an entry of a list)."""
    index = 0
    while index < len(paras):
        para = paras[index]
        if para.role in ("paragraph", "heading") and headings.CONTENTS_WORDS.fullmatch(
                para.first.rstrip(".:")):
            para.role = "toc"
            entries = [line.strip() for _, line in para.lines[1:]]
            index += 1
            while index < len(paras) and _list_like(paras[index]):
                nxt = paras[index]
                if entries and _same_entry(nxt.first, entries[0]):
                    break  # the list is over: the book starts with its first entry
                if nxt.role == "heading" and index + 1 < len(paras) and \
                        paras[index + 1].role == "paragraph" and not _list_like(paras[index + 1]):
                    break  # a heading with prose under it
                entries.extend(line.strip() for _, line in nxt.lines)
                nxt.role = "toc"
                index += 1
            continue
        entry_list = para.role == "paragraph" and len(para.lines) >= 3 and all(
            headings.classify(line.strip()) for _, line in para.lines)
        empty = (para.role == "heading" and para.heading and index + 2 < len(paras)
                 and paras[index + 1].role == "heading" and paras[index + 1].heading
                 and paras[index + 1].heading.form == para.heading.form)
        if entry_list or empty:
            para.role = "toc"
        index += 1


_PROSE_END = rx.compile(r"[a-z,;][.!?][”\"’']?(?:\s|$)")


def _list_like(para: _Para) -> bool:
    """Short lines that are entries of a list, not prose (no sentence ends after a lower-case
    word in a paragraph of six words or more; no long hard-wrapped lines)."""
    if para.role in ("markdown", "toc"):
        return False
    text = " ".join(line.strip() for _, line in para.lines)
    if len(text.split()) >= 6 and _PROSE_END.search(text):
        return False
    return all(len(line.strip()) <= 80 and len(line.split()) <= 16 for _, line in para.lines) \
        and not (len(para.lines) >= 2 and all(len(line.strip()) >= 55 for _, line in para.lines))


def _normal(line: str) -> str:
    return re.sub(r"[\W_]+", " ", re.sub(r"[\s.]*\d+\s*$", "", line)).strip().upper()


def _same_entry(line: str, entry: str) -> bool:
    return bool(_normal(entry)) and _normal(line.strip()) == _normal(entry)


def _span(lines: list[Line]) -> tuple[int, int]:
    first_start, first = lines[0]
    last_start, last = lines[-1]
    return (first_start + len(first) - len(first.lstrip()), last_start + len(last.rstrip()))


def _markdown_heading(line: Line, blocks: list[Block], dropped: list[Dropped]) -> None:
    start, text = line
    heading = _HEADING.fullmatch(text)
    assert heading
    dropped.append(Dropped((start + heading.start(1), start + heading.end(1)),
                           "markup: heading marker"))
    blocks.append(Block("heading", (start + heading.start(2), start + heading.end(2)),
                        level=len(heading.group(1))))
    closing = text[heading.end(2):].strip()
    if closing:
        at = start + text.index(closing, heading.end(2))
        dropped.append(Dropped((at, at + len(closing)), "markup: heading marker"))


_FOOTNOTE = rx.compile(r"\[(?:Footnote|Note)\s*(?P<label>[\w*†‡§]{0,4})\s*[:.]\s*(?P<body>.*)\]\s*",
                       re.DOTALL | re.IGNORECASE)


def _footnote(text: str, span: tuple[int, int], settings: IngestSettings,
              blocks: list[Block], dropped: list[Dropped]) -> bool:
    """A Project Gutenberg footnote paragraph, "[Footnote 3: …]": read announced ("Note 3. …
    End of note.") where it stands (Gutenberg places it after the paragraph that refers to
    it), or dropped with `footnotes = "none"`. False when the paragraph is not one."""
    match = _FOOTNOTE.fullmatch(text, span[0], span[1])
    if not match or not match.group("body").strip():
        return False
    if settings.footnotes == "none":
        dropped.append(Dropped(span, 'footnote (recipe ingest.footnotes = "none")'))
        return True
    body_start = match.start("body")
    body_end = match.start("body") + len(match.group("body").rstrip())
    dropped.append(Dropped((span[0], body_start), "markup: footnote label"))
    blocks.append(Block("paragraph", (body_start, body_end), note=match.group("label")))
    dropped.append(Dropped((body_end, span[1]), "markup: footnote label"))
    return True


def _paragraph(text: str, span: tuple[int, int], settings: IngestSettings,
               blocks: list[Block], dropped: list[Dropped]) -> None:
    """A paragraph, cut around "[Illustration: …]" marks (read as images, brackets dropped)."""
    if _footnote(text, span, settings, blocks, dropped):
        return
    cursor = span[0]
    if text.find("[", span[0], span[1]) < 0:  # no "[Illustration…]" (most paragraphs)
        _prose(text, cursor, span[1], blocks)
        return
    for match in _ILLUSTRATION.finditer(text, span[0], span[1]):
        _prose(text, cursor, match.start(), blocks)
        caption = match.group("caption")
        if caption and caption.strip() and settings.image_prefix:
            dropped.append(Dropped((match.start(), match.start() + 1), "markup: illustration"))
            blocks.append(Block("image", (match.start(1), match.start(1) + len(
                match.group(1).rstrip()))))
            dropped.append(Dropped((match.end() - 1, match.end()), "markup: illustration"))
        else:
            reason = "image: no caption" if not (caption and caption.strip()) else \
                "image: image_prefix is empty"
            dropped.append(Dropped((match.start(), match.end()), reason))
        cursor = match.end()
    _prose(text, cursor, span[1], blocks)


def _prose(text: str, start: int, end: int, blocks: list[Block]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        blocks.append(Block("paragraph", (start, end)))


def _front_title(text: str, paras: list[_Para]) -> str | None:
    """A book's title from its first line, when that is a short line before the first
    heading ("EMMA", "Title: Hard Times")."""
    first = paras[0] if paras else None
    if first is None or first.role != "paragraph" or len(first.lines) != 1:
        return None
    line = _TITLE_FIELD.sub("", first.first, count=1)
    if len(line) > 80 or line[-1:] in ".,;" or not line[:1].isalnum():
        return None
    return line
