"""How long `earmark plan --json` takes on a large text (the target: under 2 s for 1 MB).

    .venv/bin/python benchmarks/plan.py [--mb 1.0] [--runs 5]

The text is made from the project's own samples and quote fixtures, repeated to size (every
paragraph of it quotes somebody, so it is harder than ordinary prose). Prints the median and
the spread of wall time over the runs, and the time of `earmark --help` for reference.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_text(size: int) -> str:
    with (ROOT / "tests" / "data" / "quotes" / "passages.toml").open("rb") as handle:
        passages = [
            p["text"] for p in tomllib.load(handle)["passage"] if p.get("format", "txt") == "txt"
        ]
    passages.append((ROOT / "samples" / "library-vote.md").read_text(encoding="utf-8"))
    parts: list[str] = []
    total = 0
    while total < size:
        for passage in passages:
            parts.append(passage)
            total += len(passage) + 2
    return "\n\n".join(parts)


def timed(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    earmark = [sys.executable, "-m", "earmark"]
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "big.txt"
        path.write_text(make_text(int(args.mb * 1_000_000)), encoding="utf-8")
        size = path.stat().st_size
        plan = [timed([*earmark, "plan", str(path), "--json"]) for _ in range(args.runs)]
        help_ = [timed([*earmark, "--help"]) for _ in range(args.runs)]
    print(f"text                 {size / 1e6:.2f} MB ({path.name}, {args.runs} runs)")
    print(
        f"earmark plan --json  median {statistics.median(plan):.2f} s "
        f"(min {min(plan):.2f}, max {max(plan):.2f})"
    )
    print(f"earmark --help       median {statistics.median(help_):.2f} s")


if __name__ == "__main__":
    main()
