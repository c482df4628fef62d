"""The least wall time any renderer using espeak-ng and libmp3lame could take on this machine.

    .venv/bin/python benchmarks/floor.py [TEXT] [--runs 3] [--book-words 22000]

earmark's audio is made by two libraries whose work no renderer can skip: espeak-ng speaks
the text and libmp3lame encodes the result. Their CPU seconds, spread perfectly over every
core with nothing else running, are a floor under the wall time of earmark or any other tool
built on them. This script measures, run after run and alternating:
  - the plain pipe (`espeak-ng ... --stdout | ffmpeg ... out.mp3`, as benchmarks/render.py);
  - E: the espeak-ng command alone on the same text (CPU seconds);
  - L: libmp3lame in-process (earmark.export.lame, earmark's settings) on that speech, plus
    on digital silence as long as the pauses earmark adds (CPU seconds);
and prints floor = (E + L) / cores against the pipe's wall time. When that ratio is near a
target ratio, the target cannot be met whatever the rest of the renderer costs.
Without TEXT it uses the generated book of benchmarks/render.py.
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
from render import audio_seconds, baseline_command, measure, narrator_voice

from earmark.config.formats import MP3_QUALITY
from earmark.config.recipe import load_recipe
from earmark.export import lame
from earmark.export.encode import kbps

ROOT = Path(__file__).resolve().parents[1]
RATE = 22050


def espeak_cpu(text: Path, wav: Path) -> float:
    voice, rate = narrator_voice()
    with wav.open("wb") as sink:
        process = subprocess.Popen(["espeak-ng", "-v", voice, "-s", str(rate), "--stdout",
                                    "-f", str(text)], stdout=sink)
        _, status, usage = os.wait4(process.pid, 0)
    if status:
        raise SystemExit("espeak-ng failed")
    return usage.ru_utime + usage.ru_stime


def lame_cpu(pcm: bytes, out: Path) -> float:
    settings = load_recipe("article").export
    blocks = (pcm[i:i + (1 << 17)] for i in range(0, len(pcm), 1 << 17))
    started = time.process_time()
    lame.encode(blocks, out, settings.sample_rate, kbps(settings.mp3_bitrate), MP3_QUALITY)
    return time.process_time() - started


def earmark_seconds(text: Path, scratch: Path) -> float:
    """Length of earmark's render of the text (speech and its pauses)."""
    out = scratch / "earmark"
    env = {**os.environ, "EARMARK_CACHE_DIR": str(scratch / "cache")}
    subprocess.run([sys.executable, "-m", "earmark", "render", str(text), "-o", str(out),
                    "--quiet"], env=env, check=True)
    return audio_seconds(out, text.stem)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--book-words", type=int, default=22000)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        text = args.text
        if text is None:
            text = scratch / "book.txt"
            text.write_text(book(args.book_words), encoding="utf-8")
        plain_text = scratch / "plain.txt"
        plain_text.write_text(plain(text.read_text(encoding="utf-8")), encoding="utf-8")
        ours = earmark_seconds(text, scratch)
        pipe, speak, encode, ratios = [], [], [], []
        wav = scratch / "speech.wav"
        for _ in range(args.runs):
            pipe.append(measure(baseline_command(plain_text, scratch / "pipe.mp3"),
                                shell=True).wall)
            speak.append(espeak_cpu(plain_text, wav))
            pcm = wav.read_bytes()[44:]
            pauses = max(0, round((ours - len(pcm) / 2 / RATE) * RATE))
            encode.append(lame_cpu(pcm, scratch / "speech.mp3")
                          + lame_cpu(bytes(2 * pauses), scratch / "pauses.mp3"))
            ratios.append((speak[-1] + encode[-1]) / cores / pipe[-1])
        speech_min = len(pcm) / 2 / RATE / 60
        e, lm, p = (statistics.median(x) for x in (speak, encode, pipe))
        print(f"{text.name}: {len(text.read_text(encoding='utf-8').split())} words, "
              f"{speech_min:.1f} min of speech, earmark's render {ours / 60:.1f} min; "
              f"{args.runs} runs, medians, {cores} cores")
        print(f"  the pipe                      wall {p:7.2f} s")
        print(f"  espeak-ng alone (E)           cpu  {e:7.2f} s")
        print(f"  libmp3lame in-process (L)     cpu  {lm:7.2f} s")
        print(f"  floor (E + L) / {cores} cores       wall {(e + lm) / cores:7.2f} s  = "
              f"{statistics.median(ratios):.2f}x the pipe (run by run: "
              f"{min(ratios):.2f}-{max(ratios):.2f}x)")


if __name__ == "__main__":
    main()
