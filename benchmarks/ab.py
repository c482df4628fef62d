"""Two revisions of earmark on the same text, run alternately: is a change faster?

    .venv/bin/python benchmarks/ab.py REV_A REV_B [TEXT] [--runs 15]

Each revision's src/earmark is taken with `git archive` and run through this venv's Python
(`earmark render TEXT --quiet`), alternating A, B, A, B ... with a cold cache (a fresh cache
folder holding only the voices' loudness calibration), the plain espeak-ng | ffmpeg pipe run
before each pair as a yardstick. On a shared machine whose speed drifts, alternating runs and
medians are what make small differences visible. TEXT defaults to the 403-word sample.
Both revisions must share the loudness calibration's cache key (voice-level/2, since c4e6adf):
an older one calibrates its voices on every run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from booktext import plain
from render import baseline_command, calibrated, measure

ROOT = Path(__file__).resolve().parents[1]


def checkout(revision: str, into: Path) -> Path:
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "src/earmark"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into), "--strip-components=1"], input=archive,
                   check=True)
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("text", nargs="?", type=Path,
                        default=ROOT / "samples" / "harbour-ferry.md")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        trees = {rev: checkout(rev, scratch / f"tree-{n}") for n, rev in
                 enumerate((args.a, args.b))}
        plain_text = scratch / "plain.txt"
        plain_text.write_text(plain(args.text.read_text(encoding="utf-8")), encoding="utf-8")
        calibration = calibrated(scratch, [args.text])
        walls: dict[str, list[float]] = {rev: [] for rev in trees}
        pipe = []
        for number in range(args.runs):
            pipe.append(measure(baseline_command(plain_text, scratch / "b.mp3"), shell=True).wall)
            for rev, tree in trees.items():
                cache = scratch / f"cache-{number}-{len(walls[rev])}-{tree.name}"
                shutil.copytree(calibration, cache)
                env = {**os.environ, "EARMARK_CACHE_DIR": str(cache), "PYTHONPATH": str(tree)}
                walls[rev].append(measure([sys.executable, "-m", "earmark", "render",
                                           str(args.text), "-o", str(scratch / "out"),
                                           "--quiet"], env=env).wall)
        base = statistics.median(pipe)
        print(f"{args.text.name}, {args.runs} alternating runs, medians; pipe {base:.3f} s")
        for rev, values in walls.items():
            wall = statistics.median(values)
            print(f"  {rev:12} {wall:.3f} s  ({wall / base:.2f}x the pipe)")


if __name__ == "__main__":
    main()
