"""People named in the narration, in reading order: who a later "he", "she" or "the mayor"
can refer to (mention_batches), and the feed attribution takes them from (MentionFeed), made
here or by the process that plans ahead (earmark.planning.ahead)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import Protocol

from earmark.model import Document, Span
from earmark.quotes import cues
from earmark.quotes.marks import QuoteMarks
from earmark.quotes.speakers import parse_name
from earmark.text import regexes as rx

Mention = tuple[int, str, bool, bool, bool]
"""A person named in the narration: see mention_batches."""


_GIVEN = cues.ENGLISH.female_names | cues.ENGLISH.male_names
_PRONOUN_SUBJECT = rx.compile(rf"({cues.at_word_start(('He', 'She'))})\s+(?:[a-z]+ly\s+)?[a-z]")
_CLAUSE_OPENING = rx.compile(r"(?:\b(?:But|And|Then|So|Yet|When|While|and|but|then|when|while)"
                             r"|[,;])\s+$")
_DESCRIPTION_SUBJECT = rx.compile(
    rf"{cues.at_word_start(('The', 'the'))}(?:\s+[a-z][\w\-]*){{2,5}}")


def _described_subject(match: re.Match[str]) -> tuple[str, bool, bool, bool] | None:
    """ "The old gentleman said", "the visitor was": up to two words, a noun that names a
    person, then a verb (an -ly adverb between allowed)."""
    words = match.group().split()
    for head in range(1, min(4, len(words) - 1)):
        verb = head + 1
        if words[verb].endswith("ly") and verb + 1 < len(words):
            verb += 1
        if cues.person_noun(words[head]) and cues.verb_like(words[verb]) and (
            words[verb] not in _POSSESSIVE_WORDS  # "the other recover his temper"
        ):
            return (" ".join(words[: head + 1]), True, False,
                    words[verb] in cues.ENGLISH.speech_verbs)
    return None


_POSSESSIVE_WORDS = frozenset("his its this hers theirs ours yours us".split())
_NEXT_WORD = rx.compile(r",?\s+(?:[a-z]+ly\s+)?([a-z]+)")
_APPOSITIVE_AFTER = rx.compile(
    r"(?:\s*\([^()]{1,30}\))?(?:,\s+(?:[a-z0-9]|the\b|an?\b)|\s+[a-z])"
)
"""After a name that opens its sentence: "Humphrey, for example, said", "Brianne Stone, 29,",
"Gov. Phil Bryant (R) said"."""
_WHO_SAID = rx.compile(
    r"(?:,[^.;“”\"]{0,120})?,?\s+who\s+(?:[a-z]+\s+){0,2}?"
    r"(?:said|says|told|tells|added|adds|argued|argues|noted|wrote|warned)\b"
)
"""After any name: "... by Sen. Dianne Feinstein, the ranking Democrat, who said ..."."""



_PREPOSITIONS = [
    [w] for w in (
        "of in at from near to for by into with on outside inside across around throughout "
        "over under about against"
    ).split()
]
_CLAUSE_VERB = rx.compile(r" (?!(?:has|was|is|as|its|us|this|thus|plus|less|unless|versus|"
                          r"bus|gas|yes|whereas|towards|afterwards|besides|perhaps)\b)"
                          r"[a-z]{2,}(?:ed|s)\b")
"""After a name mid-sentence: ", Biden rubbished ...", ", Trump says": a verb, so the name is
the subject of that clause."""


_PLACE_NOUNS = frozenset(
    "capital city town village county state country suburb hometown district province region "
    "neighborhood neighbourhood island borough parish".split()
)


def _named_place(text: str, position: int, start: int) -> bool:
    """ "the state capital, Sacramento,", "her hometown, Dunmore,": a name set off after a
    place's noun is that place."""
    if text[position - 2 : position] != ", ":
        return False
    return text[max(start, position - 16) : position - 2].rsplit(None, 1)[-1:] in (
        _PLACE_NOUN_WORDS
    )


_PLACE_NOUN_WORDS = [[w] for w in _PLACE_NOUNS]
_PLACE_BEFORE = frozenset(("in ", "at "))


def _speaks_next(text: str, position: int, end: int) -> bool:
    """ "…, Cuban said.": a name right before a verb of speaking, anywhere in a sentence."""
    verb = _NEXT_WORD.match(text, position, end)
    if verb is None or verb.group(1) not in cues.ENGLISH.speech_verbs:
        return False
    word = verb.group(1)
    if word in cues.BASE_VERBS and text[position - 1] != "s":
        return False  # "Democratic state lawmakers": a plain form after one name is a noun
    # "Harsh comments are ...": a plural noun before the verb of its sentence
    return not (word.endswith("s") and _NOUN_VERB_AFTER.match(text, verb.end(), end))


_NOUN_VERB_AFTER = rx.compile(r"\s+(?:are|were|have|had|from|of|by)\b")


def mention_batches(
    document: Document, quotes: tuple[QuoteMarks, ...], sentences: list[list[Span]],
    first_block: int = 0,
) -> Iterator[tuple[int, int, list[Mention]]]:
    """People named in the narration (outside quotations), in order: they are who a later
    "he", "she" or "the mayor" can refer to. Each: its position and words; whether it is the
    sentence's subject (it opens its sentence and a lower-case word follows: "Sanders argued");
    whether it introduces a person; whether a verb of speaking follows ("Nehlen responded").
    Yielded in batches of blocks from `first_block` on: (the block after the batch, the text
    position up to which the mentions are complete, the batch's mentions)."""
    text = document.text
    starts = _subject_starts(text, sentences)
    spans = sorted(q.span for q in quotes)
    ends = [q1 for _, q1 in spans]
    blocks = document.blocks
    size = max(_BATCH_BLOCKS, len(blocks) // _MAX_BATCHES)
    found: list[Mention] = []
    for number in range(first_block, len(blocks)):
        if found and (number - first_block) % size == 0:
            yield number, blocks[number - 1].span[1], found
            found = []
        block = blocks[number]
        if block.kind in ("heading", "image") or block.container == "figure" or (
            block.span[1] - block.span[0] <= _BYLINE_CHARS
            and _BYLINE.fullmatch(text, *block.span) is not None
        ):  # a heading, an image's words or caption, a byline ("HANS CHRISTIAN ANDERSEN"):
            # who they name is no one the story's "he" or "she" is
            continue
        cursor = block.span[0]
        pieces = []
        for index in range(bisect_right(ends, block.span[0]), len(spans)):
            q0, q1 = spans[index]
            if q0 >= block.span[1]:
                break
            pieces.append((cursor, max(cursor, q0)))
            cursor = max(cursor, q1)
        pieces.append((cursor, block.span[1]))
        for start, end in pieces:
            piece: list[tuple[int, str, bool, bool, bool]] = []
            for match in _PRONOUN_SUBJECT.finditer(text, start, end):
                if match.start() in starts:  # "He said ...": who "he" is stays the subject
                    piece.append((match.start(), match.group(1), True, False, False))
            for match in _DESCRIPTION_SUBJECT.finditer(text, start, end):
                # "The stationmaster whistled.", "the actor discussed ...": a person described
                if match.start() in starts or _CLAUSE_OPENING.search(
                        text, max(start, match.start() - 8), match.start()):
                    described = _described_subject(match)
                    if described is not None:
                        piece.append((match.start(), *described))
            for position, surface in cues.names_in(text, start, end):
                opener = _OPENING_WORD.match(surface)
                if opener is not None and opener.group(1).lower() in _LEADING:
                    # "But Obama, for all ...": the sentence's opening word is no part of it
                    position, surface = position + opener.end(), surface[opener.end() :]
                end_of_name = position + len(surface)
                after = text[end_of_name : end_of_name + 2]
                # "the former mayor of Baltimore, stressed", "at Randalls, thought Emma": a name
                # after a preposition is no subject of the verb after it
                speaks = _speaks_next(text, end_of_name, end) and (
                    text[max(start, position - 12) : position].split()[-1:] not in _PREPOSITIONS
                ) and not _named_place(text, position, start)  # "the state capital, Sacramento,"
                possessive = surface.endswith(("’s", "'s"))  # "Trump’s claim"
                # a possessive is the subject only when it opens the sentence ("Marilla's
                # lips twitched"), not mid-sentence ("Biden rubbished Trump’s claim")
                subject = (position in starts or not possessive) and ((position in starts and (
                    (after[:1] == " " and after[1:].islower())
                    or bool(_APPOSITIVE_AFTER.match(text, end_of_name, end))
                )) or bool(_WHO_SAID.match(text, end_of_name, end)) or speaks or (
                    text[position - 2 : position] == ", "
                    and bool(_CLAUSE_VERB.match(text, end_of_name, end))
                ))
                if " " not in surface:
                    # a reference to someone known, if any; a given name alone ("his wife,
                    # Jane,") introduces a person when it does not open its sentence
                    given = surface.lower() in _GIVEN and (subject or position not in starts) and (
                        text[position - 3 : position] not in _PLACE_BEFORE)  # "at Austin."
                    # ... or is the subject of a verb of speaking ("Bruch said"; not a
                    # possessive's noun: "Pyongyang's claims", though "Emma's remark" is hers)
                    piece.append((position, surface, subject,
                                  given or (speaks and not possessive), speaks))
                    continue
                parsed = parse_name(surface)
                if (
                    parsed is not None
                    and not parsed.organisation
                    and ((parsed.titles and parsed.name[-1].lower() not in cues.ENGLISH.titles)
                         or len(parsed.name) >= 2)
                ):  # ("For Major, a retiree,": a title word alone is no title)
                    piece.append((position, surface, subject, True, speaks))
            found.extend(_modifier_names(text, sorted(piece)))
    yield len(blocks), len(text) + 1, found


_OPENING_WORD = rx.compile(r"([A-Z][a-z]+),?\s+(?=[A-Z])")
_LEADING = cues.ENGLISH.leading_stopwords - {"the", "a", "an", "this", "that", "these", "those"}
"""A sentence's opening conjunction or adverb ("And", "But", "Meanwhile", "Indeed" ...): the
word after it starts the sentence's clause ("And Obama, for all the progress, seems to
agree"), and is no part of a name after it."""


def _subject_starts(text: str, sentences: list[list[Span]]) -> set[int]:
    """Where a sentence's subject can stand: at each sentence start, and after its opening
    conjunction or adverb."""
    starts = {span[0] for spans in sentences for span in spans}
    opener = _OPENING_WORD.match
    for position in list(starts):
        found = opener(text, position)
        if found is not None and found.group(1).lower() in _LEADING:
            starts.add(found.end())
    return starts


_BYLINE = rx.compile(rf"\s*(?:[Bb]y\s+)?{cues.NAME}\s*")
_BYLINE_CHARS = 60
"""A paragraph that is a name and nothing else, perhaps after "By": an author's byline."""
_BATCH_BLOCKS = 64
_MAX_BATCHES = 400
"""Mentions come in batches of 64 blocks, or more in a long book: at most about 400 batches."""


class MentionFeed:
    """The mentions of mention_batches, taken in order up to each quotation: from `prepared`
    as far as it gives them, then made here."""

    def __init__(self, document: Document, quotes: tuple[QuoteMarks, ...],
                 sentences: list[list[Span]], prepared: Prepared | None) -> None:
        self._args = (document, quotes, sentences)
        self._blocks = len(document.blocks)
        self._batches = prepared.mention_batches() if prepared is not None else None
        self._next_block = 0
        self._covered = 0
        self._found: list[Mention] = []
        self._positions: list[int] = []
        self._taken = 0

    def until(self, position: int) -> list[Mention]:
        """The mentions at or before `position` not given yet."""
        while self._covered <= position and self._next_block < self._blocks:
            got = next(self._batches, None) if self._batches is not None else None
            if got is None:  # none prepared, or no more: the rest are made here
                self._batches = mention_batches(*self._args, first_block=self._next_block)
                got = next(self._batches)
            self._next_block, self._covered, batch = got
            self._found.extend(batch)
            self._positions.extend(m[0] for m in batch)
        upto = bisect_right(self._positions, position, self._taken)
        taken, self._taken = self._taken, max(self._taken, upto)
        return self._found[taken:upto]


class Prepared(Protocol):
    """The people named in the narration, made elsewhere."""

    def mention_batches(self) -> Iterator[tuple[int, int, list[Mention]]]:
        """mention_batches(...) from the first block, for as long as they could be had."""


_ROLE_BETWEEN = rx.compile(r"(?:’s|'s)?(?:\s+[a-z][\w\-]*){1,3}\s+$")


def _modifier_names(
    text: str, piece: list[tuple[int, str, bool, bool, bool]]
) -> list[tuple[int, str, bool, bool, bool]]:
    """ "Obama consultant Cornell Belcher said", "Trump campaign chairman Paul Manafort": a name
    that only modifies a role before another name is not the sentence's subject; the name after
    the role is."""
    out = list(piece)
    for index in range(len(out) - 1):
        position, surface, subject, _create, speaks = out[index]
        following = out[index + 1]
        if not subject or following[1] in ("He", "She"):
            continue
        gap = text[position + len(surface) : following[0]]
        if len(gap) <= 40 and _ROLE_BETWEEN.fullmatch(gap) and cues.role_word(gap.split()[-1]):
            out[index] = (position, surface, False, False, False)  # known, not created
            out[index + 1] = (*following[:2], True, following[3], following[4] or speaks)
    return out
