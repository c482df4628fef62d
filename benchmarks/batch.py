"""`earmark batch` against rendering the same documents one after another with `earmark render`.

    .venv/bin/python benchmarks/batch.py [--documents 12]

Generates documents from benchmarks/booktext.py (different seeds, ~600 words each), renders
them both ways with cold caches (keeping only the per-machine voice calibration), and prints
documents per minute and audio hours per hour for each.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from booktext import book
from render import calibrated

EARMARK = [sys.executable, "-m", "earmark"]


def timed(argv: list[str], cache: Path) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env={**os.environ, "EARMARK_CACHE_DIR": str(cache)},
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def audio_hours(out: Path) -> float:
    return sum(json.loads(m.read_text())["audio"]["duration_ms"]
               for m in out.glob("*/*.json")) / 3_600_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=12)
    args = parser.parse_args()
    import shutil

    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        docs = scratch / "docs"
        docs.mkdir()
        for n in range(args.documents):
            (docs / f"doc-{n:02d}.txt").write_text(book(600, seed=n), encoding="utf-8")
        template = calibrated(scratch)
        one_by_one = scratch / "sequential"
        shutil.copytree(template, scratch / "cache-seq")
        started = time.perf_counter()
        for doc in sorted(docs.iterdir()):
            subprocess.run([*EARMARK, "render", str(doc), "-o", str(one_by_one), "--quiet"],
                           env={**os.environ, "EARMARK_CACHE_DIR": str(scratch / "cache-seq")},
                           check=True)
        sequential = time.perf_counter() - started
        shutil.copytree(template, scratch / "cache-batch")
        batched = timed([*EARMARK, "batch", str(docs), "-o", str(scratch / "batch"), "--quiet"],
                        scratch / "cache-batch")
        hours = audio_hours(one_by_one)
        for label, seconds in (("earmark render, one by one", sequential),
                               ("earmark batch (local cluster)", batched)):
            print(f"{label:32} {seconds:7.1f} s  {args.documents / seconds * 60:6.1f} docs/min  "
                  f"{hours / (seconds / 3600):6.1f} audio h/h")
        print(f"ratio batch/sequential: {batched / sequential:.2f}x "
              f"({hours * 60:.1f} min of audio)")


if __name__ == "__main__":
    main()
