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


def cast(*spec: tuple[str, str | None]) -> list[Entity]:
    return [Entity(name, "person", gender=gender) for name, gender in spec]


def test_known_gender_gets_a_voice_of_that_gender_while_one_is_free(casting) -> None:
    speakers = cast(("Ann", "female"), ("Ben", "male"), ("Cora", "female"), ("Dev", None))
    voices, warnings = assign_voices(speakers, casting)
    for speaker in speakers:
        if speaker.gender:
            assert casting.settings(voices[speaker.canonical]).gender == speaker.gender
    assert len(set(voices.values())) == 4 and warnings == []


def test_the_narrator_voice_is_never_handed_to_a_speaker(casting) -> None:
    with_narrator = replace(casting, pool=(casting.narrator, "pool-1"))
    voices, _ = assign_voices(cast(("A", None), ("B", None)), with_narrator)
    assert casting.narrator not in voices.values()


def test_when_the_pool_runs_out_the_speakers_with_fewest_lines_share(casting) -> None:
    small = replace(casting, pool=("pool-1", "pool-2", "pool-3"))  # female, male, female
    speakers = cast(("Minor", "female"), ("Lead", "female"), ("Second", "female"))
    lines = {"Minor": 1, "Lead": 40, "Second": 12}
    voices, warnings = assign_voices(speakers, small, lines)
    assert voices["Lead"] != voices["Second"]
    assert voices["Minor"] in (voices["Lead"], voices["Second"])
    assert casting.settings(voices["Minor"]).gender == "female"
    assert len(warnings) == 1 and "'Minor' shares voice" in warnings[0]


def test_default_casting_has_six_distinct_voices_per_gender(casting) -> None:
    for gender in ("female", "male"):
        engine = {casting.settings(v).engine_voice for v in casting.pool
                  if casting.settings(v).gender == gender}
        assert len(engine) >= 6
    assert casting.narrator not in casting.pool
