"""A rule-based sentence splitter that returns character spans.

A sentence ends at a run of terminal punctuation (. ! ? … and spaced ellipses) with any closing
quotes or brackets, when what follows starts a sentence: whitespace, then an upper-case letter,
a digit or an opening quote/bracket. It does not end after:
- titles and other abbreviations that precede a name or number ("Mr.", "Sen.", "No. 5");
- ambiguous abbreviations and initials ("U.S.", "a.m.", "Inc.", "J.") unless the next word is one
  that typically starts a sentence ("The", "He", "But" ...);
- a lower-case next word ("e.g. the").
Decimals ("3.5") never split because no space follows the dot.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from earmark.model import Span

# Never end a sentence: these precede a name or a number.
TITLES = frozenset(
    """
mr mrs ms mx dr prof sen rep gov gen col lt sgt capt cmdr adm maj cpl pvt st mt ft rev fr sr
sra hon pres supt insp det messrs mme mlle no nos vol vols pp art fig figs ch sec op ca approx
dept est vs v cf al jan feb mar apr jun jul aug sep sept oct nov dec
""".split()
)

# End a sentence only before a typical sentence opener.
AMBIGUOUS = frozenset(
    """
jr sr inc ltd co corp plc llc bros etc esq ph.d phd a.m p.m u.s u.k u.n e.u d.c u.s.a i.e e.g
a.d b.c bc ad
""".split()
)

OPENERS = frozenset(
    """
a an the he she it we they i you this that these those there here his her its our their my your
but and or so yet nor for in on at by to of from with after before when while if as then
however meanwhile still now today yesterday tomorrow some many most all no not one two what why
how who where which
""".split()
)

_TERMINAL = re.compile(r"[.!?…]+(?:[ \u00a0]?[.!?…]+)*[”\"’'»)\]]*")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_NEXT = re.compile(r"\s+([“\"‘'«(\[]*\s?)(\w+)")


def _is_boundary(
    text: str, end: int, punct: str, limit: int, abbreviations: frozenset[str]
) -> bool:
    """Whether a sentence ends at `end`, just after the punctuation run `punct`."""
    if end >= limit:
        return False
    ellipsis = punct.count(".") >= 2 or "…" in punct
    nxt = _NEXT.match(text, end, limit)
    if nxt is None:
        # An ellipsis glued to the next sentence: "its way.. . .The region".
        return ellipsis and end < limit and text[end].isupper()
    word = nxt.group(2)
    if not (word[0].isupper() or word[0].isdigit() or nxt.group(1).strip()
            or not word[0].islower()):  # scripts without case (Hebrew, Arabic...) start too
        return False
    if punct[0] != "." or ellipsis:
        return True
    stop = end - len(punct) + 1
    before = _WORD_BEFORE.search(text, max(0, stop - 40), stop)
    token = before.group(1).lower().rstrip(".") if before else ""
    if token in TITLES or token in abbreviations:
        return False
    is_initial = len(token) == 1 and token.isalpha()
    if token in AMBIGUOUS or is_initial or re.fullmatch(r"(?:\w\.)+\w", token):
        return word.lower() in OPENERS
    return True


def split(text: str, start: int, end: int, abbreviations: Iterable[str] = ()) -> list[Span]:
    """Sentence spans inside text[start:end], trimmed of surrounding whitespace."""
    extra = frozenset(a.lower().rstrip(".") for a in abbreviations)
    spans: list[Span] = []
    cursor = start
    for match in _TERMINAL.finditer(text, start, end):
        if _is_boundary(text, match.end(), match.group(), end, extra):
            spans.append((cursor, match.end()))
            cursor = match.end()
    spans.append((cursor, end))
    return [s for s in (trim(text, a, b) for a, b in spans) if s is not None]


def trim(text: str, start: int, end: int) -> Span | None:
    """The span with surrounding whitespace left out, or None when only whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
