"""The chapter map: what `earmark plan` shows first, so that a listener can check a long book's
chapters before rendering it (number, title, first words, estimated length).

The length is estimated from the words at the narrator's rate and the recipe's pauses; the
engine's own pace varies by a few per cent from one voice and text to another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from earmark.config.recipe import PauseSettings
from earmark.model import Plan

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class MapEntry:
    """One chapter as the map shows it."""

    number: int
    """1-based, as `earmark clip --chapter N` takes it."""
    title: str
    first_words: str
    """The start of the chapter's first sentence after its heading."""
    estimated_ms: int


def chapter_map(plan: Plan, words_per_minute: int, pauses: PauseSettings,
                first_words: int = 8) -> list[MapEntry]:
    """A map entry per chapter of the plan."""
    entries = []
    for chapter in plan.chapters:
        segments = plan.segments[chapter.first_segment : chapter.last_segment + 1]
        words = sum(len(_WORD.findall(s.text)) for s in segments)
        sentences = len({(s.paragraph, s.sentence) for s in segments})
        paragraphs = len({s.paragraph for s in segments})
        speech_ms = words * 60_000 / max(words_per_minute, 1)
        pause_ms = (sentences - paragraphs) * pauses.sentence_ms + \
            (paragraphs - 1) * pauses.paragraph_ms + pauses.chapter_ms
        opening = next((s.text for s in segments if s.kind != "heading"), "")
        shown = opening.split()
        start = " ".join(shown[:first_words]) + ("…" if len(shown) > first_words else "")
        entries.append(MapEntry(chapter.index + 1, chapter.title, start,
                                round(speech_ms + pause_ms)))
    return entries


def clock(ms: int) -> str:
    """A length as h:mm:ss."""
    seconds = round(ms / 1000)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
