"""A rule-based sentence splitter that returns character spans (into the original text: a
boundary is a position, so sentences glued without a space, "world.Today", split too).

A sentence ends at a run of terminal punctuation (. ! ? … and spaced ellipses) with any closing
quotes or brackets, when what follows starts a sentence: whitespace, then an upper-case letter,
a digit or an opening quote/bracket. It does not end after:
- titles and other abbreviations that precede a name or number ("Mr.", "Sen.", "No. 5", "N°.");
- ambiguous abbreviations and initials ("U.S.", "a.m.", "Inc.", "J.") unless the next word is one
  that typically starts a sentence ("The", "He", "But" ...), or, after a time or a company
  ("6 P.M.", "Co."), a title ("Mr."), when the sentence is more than a short opening phrase;
  the pronoun "I" after a lower-case word ("you and I. Did") ends one like any word; a letter
  that opens a sentence ("Q. What is it? A. This") never;
- a lower-case next word ("e.g. the");
- an ellipsis with a space before it (" . . . "), an omission inside a sentence; an ellipsis in
  brackets ("[...]"); a stop followed by a citation that the full stop closes ("…” (Smith 55).").
"word. . . . The" (a full stop, then an ellipsis opening the next sentence) ends after the stop.
Decimals ("3.5") never split: a digit follows the dot. A glued stop ("world.Today",
"1,000.That") splits when a capitalised word follows, outside e-mail addresses and URLs.

Lists written inline end a sentence before each item: numbered ("1.) … 2.) …", "1) … 2) …",
"1. … 2. …", counted from the first item, which opens the block), lettered ("a. … b. … c. …")
and bulleted ("• 9. … • 10. …"); an item's own marker never ends one ("1. The first item").
A block of short lines none of which ends in punctuation ("features\\ncontact manager") is a
list of lines, one sentence each; elsewhere a line break is a space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from earmark.model import Span
from earmark.text import regexes as rx

# Never end a sentence: these precede a name or a number.
TITLES = frozenset(
    """
mr mrs ms mx dr prof sen rep gov gen col lt sgt capt cmdr adm maj cpl pvt st mt ft rev fr sr
sra hon pres supt insp det messrs mme mlle no nos n° vol vols pp art fig figs ch sec op ca approx
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

# Of the ambiguous ones, those that also end a sentence before a title ("at 6 P.M. Mr. Smith
# then went"). Places are not among them: "the U.S. Sen. Jones" is one sentence.
BEFORE_TITLES = frozenset("a.m p.m inc ltd co corp plc llc jr sr etc bros esq".split())
_OPENING_PHRASE = 4  # words: "At 5 a.m." before "Mr. Smith went" is no sentence of its own

OPENERS = frozenset(
    """
a an the he she it we they i you this that these those there here his her its our their my your
but and or so yet nor for in on at by to of from with after before when while if as then
however meanwhile still now today yesterday tomorrow some many most all no not one two what why
how who where which
""".split()
)

# "X+" written "XX*" in the patterns below that are searched: re skips a search to where the
# first X is only when the pattern starts with a character class, not with a repeat
_TERMINAL = rx.compile(r"[.!?…][.!?…]*(?:[ \u00a0]?[.!?…]+)*[”\"’'»)\]]*")
_WORD_BEFORE_REVERSED = rx.compile(r"[\w.°]+")


def _word_before(text: str, start: int, end: int) -> str:
    r"""The run of word characters, dots and degree signs that ends text[start:end] (or ends
    it before a final newline), "" if none: what `([\w.°]+)$` finds searched there, found by
    one match on the reversed window where the search tries each of its positions."""
    if end > start and text[end - 1] == "\n":
        end -= 1
    found = _WORD_BEFORE_REVERSED.match(text[start:end][::-1])
    return found.group()[::-1] if found else ""
_NEXT = rx.compile(r"\s+([“\"‘'«(\[]*\s?)(\w+)")
_GLUED = rx.compile(r"[^\W\d_][^\W\d_]*[a-z]")  # "Today", "Mr" right after a stop: a word
_LOWER_WORD = rx.compile(r"(\w+)\W*$")
_CITATION = rx.compile(r"\([^()\n]{1,80}\)[.!?]")  # "(Smith 55)." closing the sentence
_SPACED_THREE = rx.compile(r"\.(?:[ \u00a0]\.){2}")
_STOP_THEN_ELLIPSIS = rx.compile(r"\.(?:[ \u00a0]\.){3}")

_BULLETS = "•⁃▪◦‣"
_BULLET = rx.compile(rf"(?:^|(?<=\s))[{_BULLETS}]\s*")
_ITEM = rx.compile(rf"(?:^|(?<=[\s{_BULLETS}]))(?:(\d{{1,3}})|([a-z]))(\.\)|\)|\.)(?=\s+\S)")
_BULLET_CHAR = rx.compile(rf"[{_BULLETS}]")
_DOTTED = rx.compile(r"(?:\w\.)+\w")  # "u.s.a", "ph.d": initials
_LINE_END_WORDS = frozenset("a an the of and or by to in for with from at on as".split())
_LINE_LIST = 40  # characters: lines longer than this are wrapped prose, not a list of lines


def _boundary(
    text: str, punct_start: int, end: int, limit: int, abbreviations: frozenset[str],
    sentence_start: int,
) -> int | None:
    """Where a sentence ends around the punctuation run text[punct_start:end], or None."""
    if end >= limit:
        return None
    punct = text[punct_start:end]
    core = punct.rstrip("”\"’'»)]")
    ellipsis = core.count(".") >= 2 or "…" in core
    if ellipsis:
        before = text[punct_start - 1] if punct_start > 0 else " "
        if before == "[":
            return None  # "[...]": an omission inside a quotation
        if before.isspace() and _SPACED_THREE.fullmatch(core):
            return None  # "the thing is . . . I didn't": an omission inside a sentence
        if not before.isspace() and _STOP_THEN_ELLIPSIS.fullmatch(core) and core == punct:
            nxt = _NEXT.match(text, end, limit)
            if nxt and (nxt.group(2)[0].isupper() or nxt.group(1).strip()):
                return punct_start + 1  # "compounds. . . . The": the stop ends it
    nxt = _NEXT.match(text, end, limit)
    if nxt is None:
        if ellipsis:  # glued to the next sentence: "its way.. . .The region"
            return end if text[end].isupper() else None
        return end if _glued(text, punct_start, end, limit, abbreviations) else None
    word = nxt.group(2)
    opening = nxt.group(1).strip()
    if not (word[0].isupper() or word[0].isdigit() or opening
            or not word[0].islower()):  # scripts without case (Hebrew, Arabic...) start too
        return None
    if opening.startswith("(") and _CITATION.match(text, nxt.start(1) + nxt.group(1).index("(")):
        return None  # "…” (Smith 55).": the citation belongs to the sentence it ends
    if punct[0] != "." or ellipsis:
        return end
    stop = punct_start + 1
    run = _word_before(text, max(0, stop - 40), stop)  # it ends at the stop: no newline
    token = run.lower().rstrip(".")
    if token in TITLES or token in abbreviations or token.rsplit(".", 1)[-1] in TITLES:
        return None  # "Tuesday.Mr. Smith": the title after a glued stop
    is_initial = len(token) == 1 and token.isalpha()
    if is_initial and not text[sentence_start:punct_start - 1].strip():
        return None  # "Q. What is it? A. This": a letter alone is no sentence
    if is_initial and token == "i" and run:
        run_start = stop - len(run)
        previous = _LOWER_WORD.search(text, max(0, run_start - 40), run_start)
        if previous and previous.group(1).islower():
            return end  # "you and I. Did": the pronoun, not an initial
    if token in AMBIGUOUS or is_initial or _DOTTED.fullmatch(token):
        lower = word.lower()
        if lower in OPENERS:
            return end
        if (token in BEFORE_TITLES and lower in TITLES
                and len(text[sentence_start:punct_start].split()) > _OPENING_PHRASE):
            return end
        return None
    return end


def _glued(text: str, punct_start: int, end: int, limit: int,
           abbreviations: frozenset[str]) -> bool:
    """A stop with no space after it ends a sentence before a capitalised word ("world.Today",
    "1,000.That"), except in an address ("Jane.Doe@example.com", "www.a.Example.com")."""
    word = _GLUED.match(text, end, limit)
    if word is None or not text[end].isupper():
        return False
    token = _word_before(text, max(0, punct_start - 40), punct_start).lower()
    if len(token) < 2 or "." in token or token in TITLES or token in abbreviations:
        return False
    left = punct_start
    while left > 0 and not text[left - 1].isspace() and punct_start - left < 200:
        left -= 1
    right = word.end()
    while right < limit and not text[right].isspace() and right - end < 200:
        right += 1
    chunk = text[left:right]
    return not ("@" in chunk or "/" in chunk or chunk.lower().startswith("www."))


def _list_cuts(text: str, start: int, end: int) -> tuple[set[int], set[int]]:
    """Inline list items: where each item after the first starts (a sentence starts there),
    and the ends of the items' markers (no sentence ends there)."""
    starts: set[int] = set()
    markers: set[int] = set()
    first = start
    after_bullet: set[int] = set()
    if _BULLET_CHAR.search(text, start, end):  # (most paragraphs have no bullet)
        bullet = _BULLET.match(text, start, end)
        if bullet:
            first = bullet.end()
        for match in _BULLET.finditer(text, start, end):
            after_bullet.add(match.end())
            if match.start() > start:
                starts.add(match.start())
            item = _ITEM.match(text, match.end(), end)
            if item and item.group(1):
                markers.add(item.end())
    head = _ITEM.match(text, first, end)
    if head is None:
        return starts, markers
    if head.group(1):
        markers.add(head.end())  # "1. This is a list item."
    expected, style = _next_label(head), head.group(3)
    for item in _ITEM.finditer(text, head.end(), end):
        if item.group(3) == style and (item.group(1) or item.group(2)) == expected:
            if item.start() not in after_bullet:  # "• 10.": the item starts at its bullet
                starts.add(item.start())
            markers.update((head.end(), item.end()))
            expected = _next_label(item)
    return starts, markers


def _next_label(item: re.Match[str]) -> str:
    number, letter = item.group(1), item.group(2)
    return str(int(number) + 1) if number else chr(ord(letter) + 1)


def _line_cuts(text: str, start: int, end: int) -> set[int]:
    """Line starts of a block that is a list of short lines without punctuation at their ends."""
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]*\S[^\n]*", text[start:end])]
    if len(lines) < 2:
        return set()
    for _, line in lines:
        line = line.strip()
        if (len(line) > _LINE_LIST or not line[-1].isalnum()
                or line.rsplit(None, 1)[-1].lower() in _LINE_END_WORDS):
            return set()
    return {start + offset for offset, _ in lines[1:]}


def split(text: str, start: int, end: int, abbreviations: Iterable[str] = ()) -> list[Span]:
    """Sentence spans inside text[start:end], trimmed of surrounding whitespace."""
    extra = _extra(abbreviations) if isinstance(abbreviations, tuple) else \
        frozenset(a.lower().rstrip(".") for a in abbreviations)
    item_starts, markers = _list_cuts(text, start, end)
    cuts = set(item_starts)
    if text.find("\n", start, end) >= 0:
        cuts |= _line_cuts(text, start, end)
    ordered = sorted(cuts)
    sentence_start = start
    for match in _TERMINAL.finditer(text, start, end):
        if match.end() in markers:
            continue
        while ordered and ordered[0] <= match.start():
            sentence_start = max(sentence_start, ordered.pop(0))
        at = _boundary(text, match.start(), match.end(), end, extra, sentence_start)
        if at is not None:
            cuts.add(at)
            sentence_start = at
    if not cuts:  # one sentence
        whole = trim(text, start, end)
        return [whole] if whole else []
    spans: list[Span] = []
    cursor = start
    for cut in sorted(cuts):
        if start < cut < end:
            spans.append((cursor, cut))
            cursor = cut
    spans.append((cursor, end))
    return [s for s in (trim(text, a, b) for a, b in spans) if s is not None]


@lru_cache(maxsize=16)
def _extra(abbreviations: tuple[str, ...]) -> frozenset[str]:
    """A recipe's own abbreviations as they are looked up (lower case, no final dot)."""
    return frozenset(a.lower().rstrip(".") for a in abbreviations)


def trim(text: str, start: int, end: int) -> Span | None:
    """The span with surrounding whitespace left out, or None when only whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
