"""Why engine.py runs espeak-ng synchronously: the same sentences in both output modes.

    .venv/bin/python benchmarks/espeak_modes.py [--sentences 600]

pyttsx3's espeak driver initialises espeak-ng with AUDIO_OUTPUT_RETRIEVAL (asynchronous: a
synthesis thread, audio in callbacks); earmark's driver uses AUDIO_OUTPUT_SYNCHRONOUS. Each mode
runs in a fresh process (espeak-ng initialises once per process), speaking the first N
sentences of a generated book through pyttsx3's ctypes binding, and prints the wall time.
"""

from __future__ import annotations

import argparse
import ctypes
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def speak_all(mode: int, count: int) -> float:
    from booktext import book
    from pyttsx3.drivers import _espeak as es

    from earmark.text.sentences import split

    text = book(count * 15)
    sentences = [text[a:b] for a, b in split(text, 0, len(text))][:count]
    es.Initialize(mode, 1000)
    chunks: list[bytes] = []

    def collect(wav, samples, events):  # type: ignore[no-untyped-def]
        if samples > 0:
            chunks.append(ctypes.string_at(wav, samples * 2))
        return 0

    es.SetSynthCallback(collect)
    es.SetVoiceByName(b"en-us")
    started = time.perf_counter()
    for sentence in sentences:
        es.Synth(sentence.encode(), flags=es.ENDPAUSE | es.CHARS_UTF8)
        es.Synchronize()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=600)
    parser.add_argument("--mode", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode is not None:
        print(f"{speak_all(args.mode, args.sentences):.2f}")
        return
    for mode, name in ((1, "AUDIO_OUTPUT_RETRIEVAL (pyttsx3's)"), (2, "AUDIO_OUTPUT_SYNCHRONOUS")):
        seconds = subprocess.run([sys.executable, __file__, "--mode", str(mode), "--sentences",
                                  str(args.sentences)], capture_output=True, text=True,
                                 check=True).stdout.strip()
        print(f"{name:38} {args.sentences} sentences in {seconds} s")


if __name__ == "__main__":
    main()
