"""CHAP frames stored in time order in the file itself (read from the raw tag, not sorted):
ffprobe, eyeD3 and ffmpeg's remuxes keep the order the frames are stored in."""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

from earmark.config.recipe import ExportSettings
from earmark.export import mp3, wav
from earmark.model import Block, Chapter, Document, Metadata, Plan, Timeline, Timing

# lengths chosen so that mutagen's sort by frame size scrambles them
TITLES = ["A much longer first chapter title", "B", "Third of middling size", "D4",
          "An even longer fifth chapter title than the first", "F"]


def plan_and_timeline() -> tuple[Plan, Timeline]:
    document = Document("book.txt", "txt", "text", "Order", "en",
                        (Block("paragraph", (0, 4)),), metadata=Metadata())
    chapters = tuple(Chapter(i, title, i, i) for i, title in enumerate(TITLES))
    plan = Plan(document, chapters, (), (), (), ())
    timings = tuple(Timing(i * 1000, (i + 1) * 1000) for i in range(len(TITLES)))
    return plan, Timeline((), timings, len(TITLES) * 1000, ())


def stored_frames(tag: bytes) -> list[tuple[str, bytes]]:
    """(frame id, data) of an ID3v2.3 tag, in the order they are stored."""
    assert tag[:3] == b"ID3" and tag[3] == 3, tag[:5]
    size = sum((b & 0x7F) << (7 * (3 - i)) for i, b in enumerate(tag[6:10]))
    body, frames, at = tag[10 : 10 + size], [], 0
    while at + 10 <= len(body) and body[at : at + 4] != b"\0\0\0\0":
        frame_id = body[at : at + 4].decode("ascii")
        (length,) = struct.unpack(">I", body[at + 4 : at + 8])
        frames.append((frame_id, body[at + 10 : at + 10 + length]))
        at += 10 + length
    return frames


def chap_ids(tag: bytes) -> list[str]:
    return [data.split(b"\0", 1)[0].decode("latin-1")
            for frame_id, data in stored_frames(tag) if frame_id == "CHAP"]


def silence(path: Path, *codec: str) -> None:
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "anullsrc=r=22050:cl=mono",
                    "-t", "6", *codec, str(path)], check=True)


def test_mp3_chap_frames_are_stored_in_time_order(tmp_path: Path) -> None:
    audio = tmp_path / "order.mp3"
    silence(audio, "-c:a", "libmp3lame", "-b:a", "32k")
    plan, timeline = plan_and_timeline()
    mp3.write_tags(audio, plan, timeline, ExportSettings())
    assert chap_ids(audio.read_bytes()) == [f"ch{i}" for i in range(len(TITLES))]
    frames = [f for f, _ in stored_frames(audio.read_bytes())]
    assert frames.index("CTOC") < frames.index("CHAP")
    # ffprobe lists chapters in the order they are stored: it agrees
    probe = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "chapter_tags=title",
                            "-of", "csv=p=0", str(audio)],
                           capture_output=True, text=True, check=True)
    assert probe.stdout.split("\n")[: len(TITLES)] == TITLES


def test_wav_id3_chunk_stores_chap_frames_in_time_order(tmp_path: Path) -> None:
    audio = tmp_path / "order.wav"
    silence(audio)
    plan, timeline = plan_and_timeline()
    wav.write_tags(audio, plan, timeline, ExportSettings())
    data = audio.read_bytes()
    start = data.index(b"ID3\x03")
    assert chap_ids(data[start:]) == [f"ch{i}" for i in range(len(TITLES))]
