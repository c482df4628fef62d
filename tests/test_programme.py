"""The programme: clips and pauses laid out exactly, streamed in any range (no engine)."""

from __future__ import annotations

import wave
from pathlib import Path

from earmark.assemble.pauses import pause_before
from earmark.assemble.programme import layout
from earmark.config.recipe import PauseSettings
from earmark.model import PCM, Chapter, Segment
from earmark.speak.engine import Spoken

PAUSES = PauseSettings(sentence_ms=200, paragraph_ms=600, voice_change_ms=100, chapter_ms=1000,
                       head_ms=50, tail_ms=300)


def seg(index: int, chapter: int, paragraph: int, sentence: int, voice: str = "narrator"
        ) -> Segment:
    kind = "narration" if voice == "narrator" else "quote"
    return Segment(index, chapter, sentence, paragraph, kind, None, voice, "x", (index, index + 1))


def clip(path: Path, ms: int, level: int = 16) -> Spoken:
    frames = ms * PCM.rate // 1000
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(PCM.rate)
        wav.writeframes(level.to_bytes(2, "little") * frames)
    return Spoken(str(path), frames, "gmw/en-us")


def test_the_longest_applicable_pause_wins() -> None:
    a = seg(0, 0, 0, 0)
    assert pause_before(a, seg(1, 0, 0, 0, "quote"), PAUSES) == 100  # voice change only
    assert pause_before(a, seg(1, 0, 0, 1), PAUSES) == 200  # next sentence
    assert pause_before(a, seg(1, 0, 1, 1, "quote"), PAUSES) == 600  # next paragraph
    assert pause_before(a, seg(1, 1, 1, 1), PAUSES) == 1000  # next chapter


def test_timeline_places_segments_and_chapters(tmp_path: Path) -> None:
    segments = [seg(0, 0, 0, 0), seg(1, 0, 0, 0, "quote"), seg(2, 0, 0, 1), seg(3, 1, 1, 2)]
    clips = [clip(tmp_path / f"{i}.wav", ms, 16 + i) for i, ms in enumerate((1000, 500, 400, 2000))]
    chapters = [Chapter(0, "One", 0, 2), Chapter(1, "Two", 3, 3)]
    programme, timeline = layout(segments, clips, ["k0", "k1", "k2", "k3"], chapters, PAUSES)
    # head 50, clip 1000, voice change 100, clip 500, sentence 200, clip 400, chapter 1000 ...
    starts = [50, 1050 + 100, 1650 + 200, 2250 + 1000]
    assert [(t.start_ms, t.end_ms) for t in timeline.segments] == [
        (starts[0], 1050), (starts[1], 1650), (starts[2], 2250), (starts[3], 5250)]
    assert timeline.duration_ms == 5250 + 300
    assert [(c.start_ms, c.end_ms) for c in timeline.chapters] == [(0, 3250), (3250, 5550)]
    pcm = b"".join(programme.pcm())
    assert len(pcm) == programme.total * 2
    assert abs(programme.total - 5.55 * PCM.rate) <= 3  # pauses are whole samples
    for i, start in enumerate(starts):
        sample = start * PCM.rate // 1000
        assert pcm[(sample - 10) * 2:(sample - 9) * 2] == b"\0\0"  # silence before each clip
        assert pcm[(sample + 10) * 2:(sample + 11) * 2] == (16 + i).to_bytes(2, "little")


def test_any_range_streams_exactly_its_samples(tmp_path: Path) -> None:
    segments = [seg(0, 0, 0, 0), seg(1, 0, 1, 1)]
    clips = [clip(tmp_path / "a.wav", 300, 7), clip(tmp_path / "b.wav", 200, 9)]
    programme, _ = layout(segments, clips, ["a", "b"], [Chapter(0, "x", 0, 1)], PAUSES)
    whole = b"".join(programme.pcm())
    for start, end in [(0, 10), (1000, 9000), (7000, 7001), (0, programme.total),
                       (programme.total - 5, programme.total + 50)]:
        assert b"".join(programme.pcm(start, end)) == whole[start * 2:min(end, programme.total) * 2]
    layout_keys = {key for _, _, key in programme.layout_of(0, programme.total)}
    assert layout_keys == {None, "a@1.000000/None", "b@1.000000/None"}  # clip, gain, limiter


def test_an_ellipsis_or_a_dash_inside_a_sentence_gets_a_short_pause() -> None:
    def said(text: str, index: int) -> Segment:
        return Segment(index, 0, 0, 0, "narration", None, "narrator", text, (index, index + 1))

    clause = PauseSettings(clause_ms=180)
    assert pause_before(said("it will endure –", 0), said("but not only endure", 1), clause) == 180
    assert pause_before(said("Wait…", 0), said("then he left", 1), clause) == 180
    assert pause_before(said("he said", 0), said("then he left", 1), clause) == 0


def test_sentences_are_cut_after_ellipses_and_spaced_dashes(tmp_path: Path, recipe,
                                                           casting) -> None:
    from earmark.planning.build import plan_file

    path = tmp_path / "d.txt"
    path.write_text("It will endure – but not only endure. Wait… then go. A well-known case.",
                    encoding="utf-8")
    texts = [s.text for s in plan_file(path, recipe, casting).segments]
    assert texts == ["It will endure –", "but not only endure.", "Wait…", "then go.",
                     "A well-known case."]


def test_list_items_are_separated_by_the_list_item_pause() -> None:
    def item(index: int, paragraph: int, is_item: bool) -> Segment:
        return Segment(index, 0, index, paragraph, "narration", None, "narrator", "x",
                       (index, index + 1), item=is_item)

    settings = PauseSettings(paragraph_ms=700, list_item_ms=300)
    assert pause_before(item(0, 0, True), item(1, 1, True), settings) == 300
    assert pause_before(item(0, 0, False), item(1, 1, True), settings) == 700
