"""What the MP3 encoding and the limiter cost: ffmpeg against earmark's in-process path.

    .venv/bin/python benchmarks/encoder.py [--minutes 10]

Speaks the generated book (benchmarks/booktext.py) with the espeak-ng command line until it
has MINUTES of audio, then measures CPU seconds (median of 3) of
  - ffmpeg + libmp3lame, earmark's MP3 settings, from raw PCM (what earmark used before);
  - the same with the volume + alimiter chain earmark used for loudness;
  - libmp3lame called in-process (earmark.export.lame) with the same settings;
  - earmark.assemble.limiter on the same audio cut into 5-second clips (a gain of +2.6 dB into a
    -2 dBFS ceiling, what the web profile gives the default narrator).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from booktext import book, plain

from earmark.assemble.limiter import level
from earmark.export import lame

RAW = ["-f", "s16le", "-ar", "22050", "-ac", "1", "-i", "-"]
MP3 = ["-c:a", "libmp3lame", "-b:a", "64k", "-compression_level", "7", "-f", "mp3"]
CHAIN = "volume=2.60dB,alimiter=limit=0.7079:level=false:latency=true:attack=3:release=60"


def speech(minutes: float, scratch: Path) -> bytes:
    text = scratch / "book.txt"
    text.write_text(plain(book(int(minutes * 170))), encoding="utf-8")
    wav = subprocess.run(["espeak-ng", "-v", "en-us", "-s", "175", "--stdout", "-f", str(text)],
                         capture_output=True, check=True).stdout
    return wav[44:44 + int(minutes * 60 * 22050) * 2]


def child_cpu(argv: list[str], pcm: bytes) -> float:
    process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    assert process.stdin is not None
    process.stdin.write(pcm)
    process.stdin.close()
    _, _, usage = os.wait4(process.pid, 0)
    return usage.ru_utime + usage.ru_stime


def own_cpu(work) -> float:  # type: ignore[no-untyped-def]
    started = time.process_time()
    work()
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        pcm = speech(args.minutes, scratch)
        seconds = len(pcm) / 2 / 22050
        out = scratch / "out.mp3"
        ffmpeg = ["ffmpeg", "-nostdin", "-v", "error", "-y", *RAW]
        clips = [pcm[i:i + 220500] for i in range(0, len(pcm), 220500)]
        runs = {
            "ffmpeg libmp3lame": lambda: child_cpu([*ffmpeg, *MP3, str(out)], pcm),
            "ffmpeg volume+alimiter+libmp3lame": lambda: child_cpu(
                [*ffmpeg, "-af", CHAIN, *MP3, str(out)], pcm),
            "libmp3lame in-process": lambda: own_cpu(
                lambda: lame.encode(clips, out, 22050, 64, 7)),
            "earmark.assemble.limiter (5 s clips)": lambda: own_cpu(
                lambda: [level(c, 10 ** (2.6 / 20), int(32767 * 10 ** (-2 / 20))) for c in clips]),
        }
        print(f"{seconds / 60:.1f} min of espeak-ng speech; CPU seconds, median of 3:")
        for name, run in runs.items():
            cpu = statistics.median(run() for _ in range(3))
            print(f"  {name:36} {cpu:6.2f} s  ({seconds / cpu:5.0f}x real time)")


if __name__ == "__main__":
    main()
