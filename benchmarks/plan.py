"""How long `earmark plan --json` takes on a large text (the target: under 2 s for 1 MB).

    .venv/bin/python benchmarks/plan.py [--mb 1.0] [--runs 5] [--against REV]

The text is made from the project's own samples and quote fixtures, repeated to size (every
paragraph of it quotes somebody, so it is harder than ordinary prose). Prints the median and
the spread of wall time over the runs, and the time of `earmark --help` for reference.
`--against REV` plans the same text with another revision too (checked out into a scratch
worktree), alternating run by run, and prints both CPU times and their ratio: on a busy
machine the ratio means more than either figure.
"""

from __future__ import annotations

import argparse
import resource
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


def timed(argv: list[str], env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def cpu_timed(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    """User + system CPU seconds of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env, cwd=cwd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def against(rev: str, path: Path, runs: int, scratch: Path) -> None:
    """This tree and REV, alternately, on the same text: CPU seconds and chars a second."""
    import os

    tree = scratch / "against"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(tree), rev],
                   check=True)
    try:
        argv = [sys.executable, "-m", "earmark", "plan", str(path), "--json"]
        # each tree plans from its own root, so that it finds its own pipeline/ and voices/
        trees = {"this tree": ROOT, rev: tree}
        times: dict[str, list[float]] = {name: [] for name in trees}
        for _ in range(runs):
            for name, root in trees.items():
                env = {**os.environ, "PYTHONPATH": str(root / "src")}
                times[name].append(cpu_timed(argv, env, root))
        size = len(path.read_text(encoding="utf-8"))
        for name, values in times.items():
            best = min(values)
            print(f"{name:<12} cpu min {best:.2f} s, median {statistics.median(values):.2f} s"
                  f" = {size / best / 1e3:,.0f}k chars/s at best")
        ratio = min(times["this tree"]) / min(times[rev])
        print(f"ratio        this tree / {rev} = {ratio:.2f}x (min CPU of {runs} runs each)")
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                       check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--against", metavar="REV", help="also plan with this git revision")
    args = parser.parse_args()
    earmark = [sys.executable, "-m", "earmark"]
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "big.txt"
        path.write_text(make_text(int(args.mb * 1_000_000)), encoding="utf-8")
        size = path.stat().st_size
        if args.against:
            against(args.against, path, args.runs, Path(scratch))
            return
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
