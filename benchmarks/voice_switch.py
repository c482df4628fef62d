"""What a voice switch costs espeak-ng, and whether speaking a chunk grouped by voice would pay.

    .venv/bin/python benchmarks/voice_switch.py [TEXT] [--segments 500] [--runs 6]

Through earmark's Engine (pyttsx3, synchronous espeak-ng), CPU seconds of this process,
alternating the two ways run by run (the machine may be shared: medians):
  - the same sentence 2N times in two voices of the default casting, first N in one voice
    then N in the other (1 switch), against the voices alternating (2N - 1 switches): the
    difference per switch is what selecting a voice costs (its files, its dictionary);
  - the first SEGMENTS segments of TEXT (default: the generated dialogue book) in timeline
    order, against the same segments sorted by voice (what grouping a chunk would save).
A switch reloads the voice's files and its dictionary (Engine only switches when the settings
differ), so the first figure bounds what any regrouping of the segments could save.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from booktext import dialogue

from earmark.config.casting import VoiceSettings, load_casting
from earmark.config.recipe import load_recipe
from earmark.rendering import prepare
from earmark.speak.engine import Engine

SENTENCE = "Would you tell me, please, which way I ought to go from here?"


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def speak_all(engine: Engine, lines: Sequence[tuple[str, VoiceSettings]], folder: Path) -> float:
    """CPU seconds to speak the lines in order, from a fresh engine."""
    engine.reset()
    started = cpu()
    for number, (text, settings) in enumerate(lines):
        path = folder / f"{number}.wav"
        path.touch()
        engine.speak(text, settings, path)
    return cpu() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text", nargs="?", type=Path)
    parser.add_argument("--segments", type=int, default=500)
    parser.add_argument("--runs", type=int, default=6)
    args = parser.parse_args()
    casting = load_casting("default")
    one, other = casting.settings(casting.narrator), casting.settings("pool-3")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text = args.text
        if text is None:
            text = folder / "dialogue.txt"
            text.write_text(dialogue(6000), encoding="utf-8")
        jobs = prepare(text, load_recipe("article"), casting).speech[:args.segments]
        engine = Engine()
        half = args.segments // 2
        pairs = {
            "1 switch": [(SENTENCE, one)] * half + [(SENTENCE, other)] * half,
            f"{2 * half - 1} switches": [(SENTENCE, one), (SENTENCE, other)] * half,
        }
        timeline = [(job.text, job.settings) for job in jobs]
        grouped = [(job.text, job.settings) for job in
                   sorted(jobs, key=lambda job: (job.settings.engine_voice, job.index))]
        switches = sum(1 for a, b in pairwise(jobs) if a.settings != b.settings)
        orders = {f"timeline order ({switches} switches)": timeline,
                  f"grouped by voice ({len({j.settings for j in jobs}) - 1} switches)": grouped}
        for title, ways in ((f"{one.engine_voice} / {other.engine_voice}, one sentence", pairs),
                            (f"{text.name}, first {len(jobs)} segments", orders)):
            cost: dict[str, list[float]] = {name: [] for name in ways}
            for _ in range(args.runs):
                for name, lines in ways.items():
                    cost[name].append(speak_all(engine, lines, folder))
            print(title)
            for name, values in cost.items():
                print(f"  {name:34s} cpu {statistics.median(values):6.2f} s "
                      f"(range {min(values):.2f}-{max(values):.2f})")
            if ways is pairs:
                few, many = (statistics.median(v) for v in cost.values())
                print(f"  per switch: {(many - few) / (2 * half - 2) * 1000:+.2f} ms")


if __name__ == "__main__":
    main()
