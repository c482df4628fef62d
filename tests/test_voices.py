from __future__ import annotations

from dataclasses import replace

from earmark.planning.voices import assign_voices
from earmark.quotes.speakers import Entity


def people(*names: str) -> list[Entity]:
    return [Entity(n, "person", aliases=[f"Dr. {n}"]) for n in names]


def test_pool_voices_in_order_of_first_speech(casting) -> None:
    speakers = people("A", "B", "C")
    voices, warnings = assign_voices(speakers, casting)
    assert [voices[s.canonical] for s in speakers] == ["pool-1", "pool-2", "pool-3"]
    assert warnings == []


def test_fixed_mapping_wins_and_its_voice_leaves_the_pool(casting) -> None:
    fixed = replace(casting, speakers={"dr. b": "pool-1"})
    speakers = people("A", "B", "C")
    voices, _ = assign_voices(speakers, fixed)
    assert [voices[s.canonical] for s in speakers] == ["pool-2", "pool-1", "pool-3"]


def test_exhausted_pool_reuses_voices_in_order_and_says_so(casting) -> None:
    small = replace(casting, pool=("pool-1", "pool-2"))
    speakers = people("A", "B", "C", "D", "E")
    voices, warnings = assign_voices(speakers, small)
    assert [voices[s.canonical] for s in speakers] == [
        "pool-1", "pool-2", "pool-1", "pool-2", "pool-1"]
    assert warnings[0] == "voice pool exhausted: 'C' shares voice 'pool-1' with 'A'"
    assert len(warnings) == 3


def test_no_pool_means_the_quote_voice(casting) -> None:
    speakers = people("A")
    voices, _ = assign_voices(speakers, replace(casting, pool=()))
    assert voices[speakers[0].canonical] == casting.quote
