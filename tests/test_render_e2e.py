"""End to end: the bundled sample rendered with the real engine and the real ffmpeg."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import jsonschema
import pytest
from mutagen.id3 import ID3, CTOCFlags
from pydub import AudioSegment

from conftest import SAMPLE, run_cli
from earmark.planning.schema import SCHEMA_FILE
from earmark.speak.engine import voice_matches
from earmark.tools import probe

pytestmark = pytest.mark.e2e

EXPECTED_TITLES = [
    "Riverside Council Approves New Library Wing",
    "What residents said",
    "What happens next",
]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = run_cli(
        "render", str(SAMPLE), "-o", str(out), "--format", "mp3", "--format", "m4b", "--jobs", "2"
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert [line.split()[0].rsplit("/", 1)[-1] for line in result.stdout.splitlines()] == [
        "library-vote.mp3",
        "library-vote.m4b",
    ]
    return out / "library-vote"


@pytest.fixture(scope="module")
def manifest(rendered: Path) -> dict:
    return json.loads((rendered / "library-vote.json").read_text(encoding="utf-8"))


def decoded(path: Path) -> AudioSegment:
    """The audio as a player decodes it (encoder delay and padding removed)."""
    return AudioSegment.from_file(str(path))


def file_chapters(path: Path) -> list[tuple[float, float, str]]:
    chapters = probe(str(path), "-show_chapters")["chapters"]
    return sorted(
        (float(c["start_time"]), float(c["end_time"]), c["tags"]["title"]) for c in chapters
    )


def test_output_folder_holds_exactly_the_promised_files(rendered: Path) -> None:
    assert sorted(p.name for p in rendered.iterdir()) == [
        "index.html",
        "library-vote.captions.vtt",
        "library-vote.chapters.json",
        "library-vote.chapters.vtt",
        "library-vote.json",
        "library-vote.m4b",
        "library-vote.mp3",
    ]
    assert [p.name for p in rendered.parent.iterdir()] == ["library-vote"]  # no staging left


@pytest.mark.parametrize("ext", ["mp3", "m4b"])
def test_chapters_are_contiguous_and_end_at_the_playable_length(
    rendered: Path, manifest: dict, ext: str
) -> None:
    audio = rendered / f"library-vote.{ext}"
    chapters = file_chapters(audio)
    assert [title for _, _, title in chapters] == EXPECTED_TITLES
    assert chapters[0][0] == 0
    for before, after in itertools.pairwise(chapters):
        assert after[0] == pytest.approx(before[1], abs=0.001)
    length = len(decoded(audio)) / 1000
    assert chapters[-1][1] == pytest.approx(length, abs=0.05)
    for (start, end, _), entry in zip(chapters, manifest["chapters"], strict=True):
        assert start == pytest.approx(entry["start_ms"] / 1000, abs=0.05)
        assert end == pytest.approx(entry["end_ms"] / 1000, abs=0.05)


def test_mp3_has_a_ctoc_table_of_contents_over_its_chap_frames(rendered: Path) -> None:
    tags = ID3(str(rendered / "library-vote.mp3"))
    tocs = tags.getall("CTOC")
    assert len(tocs) == 1
    assert tocs[0].flags & CTOCFlags.TOP_LEVEL and tocs[0].flags & CTOCFlags.ORDERED
    chaps = {c.element_id: c for c in tags.getall("CHAP")}
    assert list(tocs[0].child_element_ids) == sorted(chaps, key=lambda i: chaps[i].start_time)
    assert [
        chaps[i].sub_frames["TIT2"].text[0] for i in tocs[0].child_element_ids
    ] == EXPECTED_TITLES
    assert tags["TIT2"].text[0] == EXPECTED_TITLES[0]


def test_manifest_is_the_plan_plus_timings(rendered: Path, manifest: dict) -> None:
    jsonschema.validate(manifest, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    assert manifest["audio"]["file"] == "library-vote.mp3"
    assert [f["file"] for f in manifest["audio_files"]] == ["library-vote.mp3", "library-vote.m4b"]
    length_ms = len(decoded(rendered / "library-vote.mp3"))
    assert abs(manifest["audio"]["duration_ms"] - length_ms) <= 50
    previous_end = 0
    for segment in manifest["segments"]:
        assert previous_end <= segment["start_ms"] < segment["end_ms"] <= length_ms
        previous_end = segment["end_ms"]
    plan = json.loads(run_cli("plan", str(SAMPLE), "--json").stdout)
    timing_keys = {"start_ms", "end_ms", "engine_voice"}
    assert [
        {k: v for k, v in s.items() if k not in timing_keys} for s in manifest["segments"]
    ] == plan["segments"]


def test_each_speaker_is_heard_in_their_own_voice(manifest: dict, casting) -> None:
    speakers = {s["name"]: s for s in manifest["speakers"]}
    assert len(speakers) - 1 >= 3, "the sample quotes at least three people"
    heard: dict[str, set[str]] = {}
    for segment in manifest["segments"]:
        speaker = speakers[segment["speaker"]]
        assert segment["voice"] == speaker["voice"]
        assert segment["index"] in speaker["segments"]
        # the voice the engine itself reported using for this segment
        wanted = casting.settings(segment["voice"]).engine_voice
        assert voice_matches(wanted, segment["engine_voice"]), segment
        heard.setdefault(segment["speaker"], set()).add(segment["engine_voice"])
    assert all(len(voices) == 1 for voices in heard.values()), heard
    engine_voices = [next(iter(v)) for v in heard.values()]
    assert len(set(engine_voices)) == len(engine_voices), "every speaker sounds different"


def test_speech_is_where_the_manifest_says_and_pauses_are_silent(
    rendered: Path, manifest: dict
) -> None:
    audio = decoded(rendered / "library-vote.mp3")
    segments = manifest["segments"]
    for segment in segments:
        assert audio[segment["start_ms"] : segment["end_ms"]].rms > 300, segment["text"]
    gaps = [
        (a["end_ms"], b["start_ms"])
        for a, b in itertools.pairwise(segments)
        if b["start_ms"] - a["end_ms"] >= 600
    ]
    assert len(gaps) >= 8  # paragraph and chapter pauses
    for start, end in gaps:
        assert audio[start + 100 : end - 100].rms < 30, (start, end)


def test_rerender_replaces_the_folder_whole(rendered: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_cli("render", str(SAMPLE), "-o", str(out), "--format", "m4b", "--jobs", "1")
    assert first.returncode == 0, first.stderr
    (out / "library-vote" / "clips").mkdir()
    second = run_cli("render", str(SAMPLE), "-o", str(out), "--quiet")
    assert second.returncode == 0 and second.stdout == ""
    assert sorted(p.name for p in (out / "library-vote").iterdir()) == [
        "index.html",
        "library-vote.captions.vtt",
        "library-vote.chapters.json",
        "library-vote.chapters.vtt",
        "library-vote.json",
        "library-vote.mp3",
    ]
    assert [p.name for p in out.iterdir()] == ["library-vote"]


def test_sidecar_tracks_agree_with_the_audio_to_the_millisecond(
    rendered: Path, manifest: dict
) -> None:
    from browser import parse_vtt

    chapters = parse_vtt((rendered / "library-vote.chapters.vtt").read_text(encoding="utf-8"))
    id3 = sorted(ID3(str(rendered / "library-vote.mp3")).getall("CHAP"), key=lambda c: c.start_time)
    assert [(round(s * 1000), round(e * 1000), t) for s, e, t in chapters] == [
        (c.start_time, c.end_time, c.sub_frames["TIT2"].text[0]) for c in id3
    ]
    captions = parse_vtt((rendered / "library-vote.captions.vtt").read_text(encoding="utf-8"))
    assert len(captions) == len(manifest["segments"])
    previous_end = 0.0
    for (start, end, text), segment in zip(captions, manifest["segments"], strict=True):
        assert previous_end <= start < end <= manifest["audio"]["duration_ms"] / 1000
        assert (round(start * 1000), round(end * 1000)) == (segment["start_ms"], segment["end_ms"])
        assert text == segment["caption"]
        previous_end = end
    raw = (rendered / "library-vote.captions.vtt").read_text(encoding="utf-8")
    assert "<v Marcus Webb>" in raw and "<v narrator>" not in raw


def test_check_accepts_a_render_and_names_what_is_wrong(rendered: Path, tmp_path: Path) -> None:
    import shutil

    good = run_cli("check", str(rendered))
    assert good.returncode == 0, good.stdout
    broken = tmp_path / "library-vote"
    shutil.copytree(rendered, broken)
    track = broken / "library-vote.chapters.vtt"
    track.write_text(track.read_text(encoding="utf-8").replace("00:00:", "00:01:", 1),
                     encoding="utf-8")
    captions = broken / "library-vote.captions.vtt"
    captions.write_text(captions.read_text(encoding="utf-8").rsplit("\n\n", 2)[0] + "\n",
                        encoding="utf-8")
    audio = broken / "library-vote.mp3"
    audio.write_bytes(audio.read_bytes()[: audio.stat().st_size // 2])
    bad = run_cli("check", str(broken))
    assert bad.returncode == 1
    assert "chapters track" in bad.stdout
    assert "captions for" in bad.stdout
    assert "library-vote.mp3 plays" in bad.stdout and "is silent or missing" in bad.stdout
