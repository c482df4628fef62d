"""Pauses between segments: which one applies where (the programme lays them out)."""

from __future__ import annotations

from earmark.config.recipe import PauseSettings
from earmark.model import Segment

CLAUSE_MARKS = ("…", "...", "—", "–", "-")


def pause_before(previous: Segment, current: Segment, pauses: PauseSettings) -> int:
    """Milliseconds of silence between two consecutive segments: the longest that applies."""
    candidates = [0]
    if current.chapter != previous.chapter:
        candidates.append(pauses.chapter_ms)
    if current.paragraph != previous.paragraph:
        both_items = current.item and previous.item
        candidates.append(pauses.list_item_ms if both_items else pauses.paragraph_ms)
    elif current.sentence != previous.sentence:
        candidates.append(pauses.sentence_ms)
    elif previous.text.rstrip().endswith(CLAUSE_MARKS):
        candidates.append(pauses.clause_ms)
    if current.voice != previous.voice:
        candidates.append(pauses.voice_change_ms)
    return max(candidates)
