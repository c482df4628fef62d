"""A data table as a listener can follow it, whatever the reader found it in (a GFM table in
Markdown, an HTML <table>): one line to say a table starts and what it is, then each row with
every value after its column's name, then where it ends.

    Table: Council votes, 2 rows.
    Row 1: Member: Ada Lin, vote: Yes.
    Row 2: Member: Tom Avery, vote: No.
    End of table.

A cell with no value is left out of its row (its column's name is not read either); a table
with no header names reads its values alone ("Row 1: Ada Lin, Yes."). The lines are what the
reader puts in the text it extracted: captions show the same words, the numbers in them as
written (only the speech changes them, in earmark.text.speech).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

TABLE_END = "End of table."
_TRAILING = re.compile(r"[\s.,;:]+$")


def spoken_table(header: Sequence[str], rows: Sequence[Sequence[str]],
                 caption: str | None = None) -> list[str]:
    """The lines to read for a table (see the module's docstring). `caption` is its caption,
    a "Table: ..." line of the source, or the heading it comes under."""
    names = [_fold(h) for h in header]
    body = [[_fold(c) for c in row] for row in rows]
    body = [row for row in body if any(row)]
    count = f"{len(body)} row" + ("" if len(body) == 1 else "s")
    title = _fold(caption or "")
    title = re.sub(r"^(?:table\s*:\s*|:\s*)", "", title, flags=re.IGNORECASE)
    title = _TRAILING.sub("", title)
    lines = [f"Table: {title}, {count}." if title else f"Table, {count}."]
    for number, row in enumerate(body, 1):
        lines.append(f"Row {number}: {row_text(names, row)}.")
    lines.append(TABLE_END)
    return lines


def row_text(names: Sequence[str], row: Sequence[str]) -> str:
    """ "Member: Ada Lin, vote: Yes": each value after its column's name."""
    parts = []
    for column, value in enumerate(row):
        value = _TRAILING.sub("", value)
        if not value:
            continue
        name = _TRAILING.sub("", names[column]) if column < len(names) else ""
        if name and parts:
            name = _lower_first(name)
        parts.append(f"{name}: {value}" if name and name.lower() != value.lower() else value)
    return ", ".join(parts)


def _fold(text: str) -> str:
    return " ".join(text.split())


def _lower_first(name: str) -> str:
    """"Vote" -> "vote" inside a row; "GDP", "iPhone" and "Ada Lin" keep their capitals."""
    words = name.split()
    if len(words[0]) > 1 and words[0][0].isupper() and words[0][1:].islower() and \
            not any(w[:1].isupper() for w in words[1:]):
        return name[0].lower() + name[1:]
    return name
