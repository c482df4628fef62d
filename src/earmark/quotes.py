"""Quote detection, first pass: passages in double quotes, straight or curly, per block.

Returns spans that include the quotation marks. An opening mark with no closing mark is closed
at the end of its block, with a warning; a closing mark with no opening mark is reported and
read as narration.
"""

from __future__ import annotations

from dataclasses import dataclass

from earmark.model import Span

OPEN_CURLY = "“„«"
CLOSE_CURLY = "”»"
STRAIGHT = '"'


@dataclass(frozen=True, slots=True)
class QuoteScan:
    spans: tuple[Span, ...]
    warnings: tuple[str, ...]


def find_quotes(text: str, start: int, end: int) -> QuoteScan:
    spans: list[Span] = []
    warnings: list[str] = []
    opened: int | None = None
    for i in range(start, end):
        ch = text[i]
        if ch in OPEN_CURLY and opened is None:
            opened = i
        elif ch in CLOSE_CURLY or (ch == STRAIGHT and opened is not None):
            if opened is None:
                warnings.append(f"closing quotation mark at {i} has no opening mark")
            else:
                spans.append((opened, i + 1))
                opened = None
        elif ch == STRAIGHT:
            opened = i
    if opened is not None:
        warnings.append(
            f"quotation opened at {opened} is not closed; closed at the end of its paragraph"
        )
        spans.append((opened, end))
    return QuoteScan(tuple(spans), tuple(warnings))
