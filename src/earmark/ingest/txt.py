"""Plain text: paragraphs are separated by blank lines; `#` lines are headings.

A file with no blank line at all (as scraped pages often are) has one paragraph per line.
Spans index the decoded file itself.
"""

from __future__ import annotations

import re

from earmark.config.recipe import IngestSettings
from earmark.model import Block, Document, Dropped

_LINE = re.compile(r"[^\n]*\n?")
_HEADING = re.compile(r"[ \t]*(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")


def read(text: str, path: str, settings: IngestSettings | None = None) -> Document:
    from earmark.ingest import title_from_path

    lines = [(m.start(), m.group().rstrip("\r\n")) for m in _LINE.finditer(text) if m.group()]
    one_per_line = not any(not line.strip() for _, line in lines)
    blocks: list[Block] = []
    dropped: list[Dropped] = []
    para: list[tuple[int, str]] = []

    def flush() -> None:
        if para:
            start = para[0][0] + len(para[0][1]) - len(para[0][1].lstrip())
            last_start, last = para[-1]
            blocks.append(Block("paragraph", (start, last_start + len(last.rstrip()))))
            para.clear()

    for start, line in lines:
        heading = _HEADING.fullmatch(line)
        if heading and heading.group(2):
            flush()
            marker = heading.start(1)
            dropped.append(
                Dropped((start + marker, start + heading.end(1)), "markup: heading marker")
            )
            blocks.append(
                Block(
                    "heading",
                    (start + heading.start(2), start + heading.end(2)),
                    level=len(heading.group(1)),
                )
            )
            closing = line[heading.end(2) :].strip()
            if closing:
                at = start + line.index(closing, heading.end(2))
                dropped.append(Dropped((at, at + len(closing)), "markup: heading marker"))
        elif not line.strip():
            flush()
        else:
            para.append((start, line))
            if one_per_line:
                flush()
    flush()
    title = next(
        (text[b.span[0] : b.span[1]] for b in blocks if b.kind == "heading"), title_from_path(path)
    )
    return Document(
        path, "txt", text, title, "en", tuple(blocks), tuple(sorted(dropped, key=lambda d: d.span))
    )
