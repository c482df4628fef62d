"""Finding quotations by their marks, across a whole document.

- The quote style is decided by evidence in the body text, paragraph by paragraph. A paragraph
  whose first opening mark is a double quote (curly or straight) is read in the double style:
  double quotes are the quotation marks, single quotes nested inside them are part of the
  quotation. A paragraph whose first opening mark is a single quote is read in the British
  style (single quotes are the marks, double ones nest inside) when single quotes are the
  document's style: at least half of the paragraphs that quote anything open with single
  quotes, or at least a fifth (and five) do (a text that really mixes styles). Otherwise, in a text
  quoted in double marks, lone single quotes are scare quotes and headline quotes, not
  speech. So a licence or front matter in double quotes does not switch a book in single
  quotes to double-quote mode: each of its paragraphs is read by its own marks, and the book's
  paragraphs outnumber it.
- Apostrophes, possessives and elisions are not quotation marks (don't, Brits', '90s,
  rock 'n' roll): a single mark only opens a quotation at the start of a word and closes one
  at the end of a word, and never between two letters.
- A straight double mark with a space (or the paragraph's end) after it closes the open
  quotation even with a space before it: a speech broken off whose dash became a space
  ("if I might make so bold as to ask "), so the reply in the next paragraph is its own.
- A straight double mark at the start of a word inside an open quotation, when the straight
  marks from it to the paragraph's end pair up, opens a new quotation: the open one lost its
  closing mark, and ends at a closing single mark typed for it ("Sleary's Circus' which ...")
  or else before the new one. (An odd number left is a quotation nested in the open one.)
- A quotation that runs over several paragraphs (each paragraph opens with a quote mark, only
  the last closes) is one quotation.
- A quotation still open at the end of its paragraph, when the next paragraph does not open
  with a quote mark, is closed at the paragraph's end, with a warning.
- Block quotes (Markdown `>`, HTML <blockquote>) without marks of their own are quotations
  too; consecutive block-quote paragraphs make one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from earmark.model import Document, Span, quick_init
from earmark.text import regexes as rx

DOUBLE_OPEN = "“„‟«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
_INVISIBLE = ("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
              "\u2060\u2066\u2067\u2068\u2069\ufeff")
"""Format characters (zero-width spaces and joiners, direction marks and embeddings) that
pasted text carries before a quotation: a mark after one is at the start of a word."""
_OPENING_CONTEXT = (set(" \t\n\r([{<—–-/\u00a0") | set(DOUBLE_OPEN) | set(SINGLE_OPEN)
                    | set(_INVISIBLE))
_ANY_MARK = rx.compile("[" + DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "\"']")
_ELISIONS = rx.compile(r"(?:n|em|tis|twas|cause|til|till|bout|round|cos|s)\b|\d", re.IGNORECASE)


@quick_init
@dataclass(frozen=True, slots=True)
class QuoteMarks:
    """A quotation found by its marks (or a block quote, which has none)."""

    span: Span
    """From the opening mark to the closing mark, both included."""
    first_block: int
    last_block: int
    closed: bool = True
    marked: bool = True
    """False for a block quote without quotation marks."""


@dataclass(frozen=True, slots=True)
class Scan:
    quotes: tuple[QuoteMarks, ...]
    warnings: tuple[str, ...]


_DOUBLE_ANY = rx.compile("[" + DOUBLE_OPEN + DOUBLE_CLOSE + '"]')
_SINGLE_ANY = rx.compile("[" + SINGLE_OPEN + "'’]")
_SINGLE_SHARE = 0.5
"""At least this share of the quoting paragraphs open in single quotes: the document's style
is single quotes."""
_MIXED_SHARE = 0.2
"""At least this share: the text mixes styles, and a paragraph that opens in single quotes is
read in single quotes even though the document's style is double."""
_MIXED_MIN = 5
"""... and at least this many paragraphs open in single quotes (one headline is no mix)."""


def _first_single_opening(text: str, start: int, end: int, single: _Marks) -> int:
    for found in _SINGLE_ANY.finditer(text, start, end):
        if single.opens(text, found.start(), start):
            return found.start()
    return -1


def paragraph_styles(document: Document) -> list[bool]:
    """Per block: True where its quotation marks are double quotes (the evidence rule in the
    module docstring), False where they are single quotes."""
    text = document.text
    single = _Marks(False)
    evidence: list[str] = []  # per block: "d", "s" or "" (no quotation mark)
    for block in document.blocks:
        start, end = block.span
        double_at = _DOUBLE_ANY.search(text, start, end)
        limit = double_at.start() if double_at else end
        single_at = _first_single_opening(text, start, limit, single)
        if single_at >= 0:
            evidence.append("s")
        elif double_at:
            evidence.append("d")
        else:
            evidence.append("")
    singles = evidence.count("s")
    quoting = singles + evidence.count("d")
    share = singles / quoting if quoting else 0.0
    if share >= _SINGLE_SHARE:
        return [e != "s" and e == "d" for e in evidence]
    if share >= _MIXED_SHARE and singles >= _MIXED_MIN:
        return [e != "s" for e in evidence]
    return [True] * len(evidence)


class _Marks:
    """Classifies one character as an opening mark, a closing mark or neither."""

    def __init__(self, double: bool) -> None:
        self.double = double

    def opens(self, text: str, i: int, start: int) -> bool:
        ch = text[i]
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if self.double:
            if ch in DOUBLE_OPEN:
                return True
            spaced = before in _OPENING_CONTEXT or not before.strip()
            if ch == '"':  # Gowdy:"I have not ..." (a transcript without its space)
                return spaced or (before == ":" and after.isalnum())
            # ”Sorry Sarah, ...” posted X: the closing mark typed for the opening one (or the
            # Swedish and Finnish style), at the start of a word, never after one
            return ch == "”" and spaced and (after.isalnum() or after in "…'‘")
        if ch in SINGLE_OPEN or ch == "'" or (ch == "’" and before in _OPENING_CONTEXT):
            if before not in _OPENING_CONTEXT and before.strip():
                return False
            if not (after.isalnum() or after in DOUBLE_OPEN + '"…'):
                return False
            return not _ELISIONS.match(text, i + 1)
        return False

    def closes(self, text: str, i: int, end: int) -> bool:
        ch = text[i]
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < end else " "
        if self.double:
            # ' "' after a nested quotation's end (“… 'Clinton,' " said X) closes too
            if ch == "“" and before.strip() and not after.isalnum():
                return True  # “It's unusual,“ said X: an opening mark typed for the closing one
            # 'so bold as to say it, sir "': a speech broken off, its dash lost to a space; a
            # straight mark between spaces (or at the paragraph's end) closes the open one
            return ch in DOUBLE_CLOSE or (ch == '"' and (bool(before.strip()) or (
                i >= 2 and text[i - 2] in "'’,.!?…" and not after.isalnum()
            ) or not after.strip()))
        if ch not in SINGLE_CLOSE + "'":
            return False
        if not before.strip() or (before.isalpha() and after.isalpha()):
            return False
        # "the Brits' love": an s, a space, then a lower-case word is a plural possessive
        return not (before == "s" and after == " " and i + 2 < end and text[i + 2].islower())


def find_quotes(document: Document) -> Scan:
    """The quote stage's first step: every quotation in a document by its marks (the
    document's quote style found by evidence), with warnings about unbalanced marks."""
    text = document.text
    styles = paragraph_styles(document)
    double, single = _Marks(True), _Marks(False)
    marks = double
    quotes: list[QuoteMarks] = []
    warnings: list[str] = []
    blocks = document.blocks
    open_at: int | None = None
    open_block = 0
    for number, block in enumerate(blocks):
        start, end = block.span
        if block.kind == "heading":
            continue
        i = start
        if open_at is None:
            marks = double if styles[number] else single
        if open_at is not None:
            # the quotation ran on from the previous paragraph: this one must reopen it
            if marks.opens(text, start, start) or text[start] in DOUBLE_OPEN + SINGLE_OPEN:
                i = start + 1
            else:
                quotes.append(_unclosed(open_at, open_block, blocks[number - 1].span[1], warnings))
                open_at = None
        single_close = -1  # the last closing single mark inside the open double quotation
        for found in _ANY_MARK.finditer(text, i, end):
            i = found.start()
            if open_at is None:
                if marks.opens(text, i, start):
                    open_at, open_block, single_close = i, number, -1
                elif (
                    text[i] in (DOUBLE_CLOSE if marks.double else SINGLE_CLOSE)
                    and marks.closes(text, i, end)
                    and text[i] != "’"
                ):
                    warnings.append(f"closing quotation mark at {i} has no opening mark")
            elif marks.closes(text, i, end):
                quotes.append(QuoteMarks((open_at, i + 1), open_block, number))
                open_at = None
            elif marks.double and text[i] in "'’":
                if single.closes(text, i, end):
                    single_close = i
            elif marks.double and _reopened(text, i, start, end, marks):
                # its closing mark is missing ("Sleary's Horse-riding' which ..."): the
                # quotation ends at the single mark typed for it, else before this one
                close = single_close + 1 if single_close > open_at else len(
                    text[:i].rstrip())
                warnings.append(f"quotation opened at {open_at} is not closed before the "
                                f"quotation at {i}")
                quotes.append(QuoteMarks((open_at, close), open_block, number))
                open_at, open_block, single_close = i, number, -1
        if open_at is not None and not _reopens(document, number, marks):
            quotes.append(_unclosed(open_at, open_block, end, warnings))
            open_at = None
    if open_at is not None:
        quotes.append(_unclosed(open_at, open_block, blocks[-1].span[1], warnings))
    quotes.extend(_block_quotes(document, quotes))
    quotes.sort(key=lambda q: q.span)
    return Scan(tuple(quotes), tuple(warnings))


def _reopened(text: str, i: int, start: int, end: int, marks: _Marks) -> bool:
    """Whether the straight double mark at `i`, inside an open quotation, opens a new one: it
    stands at the start of a word, and the straight marks from it to the paragraph's end pair
    up (an odd number left is a quotation nested inside the open one: to "prentice" you)."""
    if text[i] != '"' or not (marks.opens(text, i, start) and i + 1 < end
                              and text[i + 1].isalpha()):
        return False
    return text.count('"', i, end) % 2 == 0


def _reopens(document: Document, number: int, marks: _Marks) -> bool:
    """Whether the paragraph after block `number` opens with a quote mark (a quote runs on)."""
    if number + 1 >= len(document.blocks):
        return False
    following = document.blocks[number + 1]
    if following.kind == "heading":
        return False
    return marks.opens(document.text, following.span[0], following.span[0])


def _unclosed(start: int, block: int, end: int, warnings: list[str]) -> QuoteMarks:
    warnings.append(
        f"quotation opened at {start} is not closed; closed at the end of its paragraph"
    )
    return QuoteMarks((start, end), block, block, closed=False)


def _block_quotes(document: Document, marked: list[QuoteMarks]) -> list[QuoteMarks]:
    """Runs of block-quote paragraphs that hold no marked quotation of their own."""
    inside = {b for q in marked for b in range(q.first_block, q.last_block + 1)}
    found: list[QuoteMarks] = []
    run: list[int] = []
    for number, block in enumerate([*document.blocks, None]):
        if block is not None and block.kind == "blockquote" and number not in inside:
            run.append(number)
            continue
        if run:
            span = (document.blocks[run[0]].span[0], document.blocks[run[-1]].span[1])
            found.append(QuoteMarks(span, run[0], run[-1], marked=False))
            run = []
    return found
