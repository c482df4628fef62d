"""Casting: a voice for every speaker, stable through the document.

Fixed mappings in the voices file win (matched on the canonical name or any alias, ignoring
case). Everyone else gets the next unused voice of the pool, in order of first speech. When the
pool runs out, voices are reused in pool order (the first speaker beyond the pool shares
pool[0]'s voice ... skipping voices fixed to a speaker while free ones remain), and the plan
warns which speakers share a voice. An empty pool gives everyone the default quote voice.
"""

from __future__ import annotations

from earmark.config.casting import Casting
from earmark.quotes.speakers import Entity


def assign_voices(speakers: list[Entity], casting: Casting) -> tuple[dict[str, str], list[str]]:
    """The voice of each speaker, keyed by its canonical name, and warnings about shared
    voices."""
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
    free = [v for v in casting.pool if v not in holders]
    order = free + [v for v in casting.pool if v in holders]
    warnings: list[str] = []
    for number, speaker in enumerate(pending):
        if not order:
            voice = casting.quote
        else:
            voice = order[number % len(order)]
            if holders.get(voice):
                warnings.append(
                    f"voice pool exhausted: {speaker.canonical!r} shares voice {voice!r} with "
                    f"{', '.join(repr(h) for h in holders[voice])}"
                )
        voices[speaker.canonical] = voice
        holders.setdefault(voice, []).append(speaker.canonical)
    return voices, warnings
