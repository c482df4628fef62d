"""What espeak-ng carries from one utterance to the next, and what clearing it costs.

    .venv/bin/python benchmarks/engine_state.py [--sentences 200]

Through earmark's Engine (pyttsx3, synchronous espeak-ng, the default narrator):
  - one sentence spoken fresh, then again after other sentences: its length in samples each
    time (espeak-ng's pitch-flutter phase is never reset), and again after reset_engine();
  - what reset_engine() costs (median of 20);
  - the silence espeak-ng puts at the start and end of each of N book sentences (samples
    under 300 in magnitude), which earmark's pauses come on top of.
"""

from __future__ import annotations

import argparse
import statistics
import struct
import sys
import tempfile
import time
import wave
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from booktext import book

from earmark.config.casting import load_casting
from earmark.model import PCM
from earmark.speak.engine import Engine, reset_engine
from earmark.text.sentences import split

TARGET = "The council met on Tuesday night to vote on the new library wing."
QUIET = 300


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=200)
    args = parser.parse_args()
    casting = load_casting("default")
    voice = casting.settings(casting.narrator)
    engine = Engine()
    scratch = Path(tempfile.mkdtemp())

    def samples(text: str) -> bytes:
        path = scratch / "s.wav"
        path.touch()
        engine.speak(text, voice, path)
        with wave.open(str(path), "rb") as wav:
            return wav.readframes(wav.getnframes())

    text = book(args.sentences * 15)
    sentences = [text[a:b] for a, b in split(text, 0, len(text))][:args.sentences]
    lengths = [len(samples(TARGET)) // 2]
    for sentence in sentences[:3]:
        samples(sentence)
        lengths.append(len(samples(TARGET)) // 2)
    print(f"'{TARGET[:30]}...' in samples: fresh {lengths[0]}, after other sentences "
          f"{lengths[1:]} (up to {max(abs(n - lengths[0]) for n in lengths) / 22.05:.1f} ms)")
    reset_engine()
    print(f"  after reset_engine(): {len(samples(TARGET)) // 2}")

    costs = []
    for _ in range(20):
        samples("Ready.")
        started = time.perf_counter()
        reset_engine()
        costs.append(time.perf_counter() - started)
    print(f"reset_engine(): median {statistics.median(costs) * 1000:.1f} ms")

    leads, tails = [], []
    for sentence in sentences:
        values = [abs(v) for (v,) in struct.iter_unpack("<h", samples(sentence))]
        loud = [i for i, v in enumerate(values) if v > QUIET]
        if loud:
            leads.append(loud[0])
            tails.append(len(values) - 1 - loud[-1])
    lead, tail = (statistics.mean(v) / PCM.rate * 1000 for v in (leads, tails))
    print(f"silence in {len(leads)} sentences: lead {lead:.0f} ms, tail {tail:.0f} ms on average")


if __name__ == "__main__":
    main()
