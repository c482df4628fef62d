"""Casting: a voice for every speaker, stable through the document.

- Fixed mappings in the voices file win (matched on the canonical name or any alias, ignoring
  case); a voice fixed to a speaker leaves the pool while free voices remain.
- The narrator's voice is never handed to a speaker, even when the pool lists it.
- Everyone else gets a voice of the pool, the speakers with the most lines first (ties: in
  order of first speech): the first free voice of their gender (voices carry a gender in the
  casting file; a voice without one suits anyone). A speaker of known gender never gets a voice
  of the other gender while one of theirs is free; a speaker of unknown gender takes the first
  free voice.
- When the pool runs out, the speakers with the fewest lines (served last) share: each takes
  the voice of their gender whose holders have the fewest lines, and the plan warns who shares
  with whom. Only when the pool has no voice of their gender at all does a speaker get one of
  the other. An empty pool gives everyone the default quote voice.
"""

from __future__ import annotations

from earmark.config.casting import Casting
from earmark.quotes.speakers import Entity


def assign_voices(
    speakers: list[Entity], casting: Casting, lines: dict[str, int] | None = None
) -> tuple[dict[str, str], list[str]]:
    """The voice of each speaker, keyed by its canonical name, and warnings about shared
    voices. `lines`: how many quotations each speaker (canonical name) has."""
    lines = lines or {}
    fixed = {name.lower(): voice for name, voice in casting.speakers.items()}
    voices: dict[str, str] = {}
    holders: dict[str, list[str]] = {}
    pending: list[Entity] = []
    for speaker in speakers:
        names = [speaker.canonical, *speaker.aliases]
        voice = next((fixed[n.lower()] for n in names if n.lower() in fixed), None)
        if voice is None:
            pending.append(speaker)
        else:
            voices[speaker.canonical] = voice
            holders.setdefault(voice, []).append(speaker.canonical)
    pool = [v for v in dict.fromkeys(casting.pool) if v != casting.narrator]
    if not pool:
        for speaker in pending:
            voices[speaker.canonical] = casting.quote
        return voices, []
    order = sorted(range(len(pending)), key=lambda i: (-lines.get(pending[i].canonical, 0), i))
    warnings: list[str] = []
    for index in order:
        speaker = pending[index]
        suits = [v for v in pool if _suits(casting, v, speaker.gender)] or pool
        free = [v for v in suits if v not in holders]
        if free:
            voice = free[0]
        else:
            voice = min(
                suits,
                key=lambda v: (sum(lines.get(h, 0) for h in holders[v]), len(holders[v]),
                               suits.index(v)),
            )
            warnings.append(
                f"voice pool exhausted: {speaker.canonical!r} shares voice {voice!r} with "
                f"{', '.join(repr(h) for h in holders[voice])}"
            )
        voices[speaker.canonical] = voice
        holders.setdefault(voice, []).append(speaker.canonical)
    return voices, warnings


def _suits(casting: Casting, voice: str, gender: str | None) -> bool:
    voice_gender = casting.settings(voice).gender
    return not gender or not voice_gender or voice_gender == gender
