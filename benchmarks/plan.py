"""How long `earmark plan --json` takes on a large text (the target: under 2 s for 1 MB).

    .venv/bin/python benchmarks/plan.py [--mb 1.0] [--runs 5] [--against REV] [--stages]

The text is made from the project's own samples and quote fixtures, repeated to size (every
paragraph of it quotes somebody, so it is harder than ordinary prose). Prints the median and
the spread of wall time over the runs, and the time of `earmark --help` for reference.
`--against REV` plans the same text with another revision too (checked out into a scratch
worktree, both trees' bytecode compiled), alternating run by run, and prints both trees' wall
and CPU times and their ratios: on a busy machine the ratio means more than either figure (CPU
counts the process a long plan forks, planning.ahead; wall is what a user waits).
`--same FILE ...` then plans each file with both trees and says whether the JSON is the same.
`--stages` plans the text in this process and prints the CPU seconds of each step of the
planning stage (attribution, segmentation, spoken text ...), the least of the runs: where the
time goes.
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


def cpu_timed(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """User + system CPU seconds of a child process (with any process it forks), and its wall
    seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env, cwd=cwd)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def against(rev: str, path: Path, runs: int, scratch: Path, same: list[Path]) -> None:
    """This tree and REV, alternately, on the same text: wall and CPU seconds, chars a second.
    Then, for each file of `same`, whether both trees give the same plan JSON."""
    import os

    tree = scratch / "against"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(tree), rev],
                   check=True)
    try:
        # each tree plans from its own root, so that it finds its own pipeline/ and voices/;
        # both with bytecode, as `make venv` installs this one
        trees = {"this tree": ROOT, rev: tree}
        envs = {name: {**os.environ, "PYTHONPATH": str(root / "src"), "PYTHONHASHSEED": "0"}
                for name, root in trees.items()}
        for root in trees.values():
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(root / "src")],
                           check=True, stdout=subprocess.DEVNULL)
        argv = [sys.executable, "-m", "earmark", "plan", str(path), "--json"]
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
        for _ in range(runs):
            for name, root in trees.items():
                times[name].append(cpu_timed(argv, envs[name], root))
        size = len(path.read_text(encoding="utf-8"))
        for name, values in times.items():
            walls, cpus = [w for _, w in values], [c for c, _ in values]
            print(f"{name:<12} wall min {min(walls):.2f} s, median {statistics.median(walls):.2f}"
                  f" s = {size / statistics.median(walls) / 1e3:,.0f}k chars/s; cpu min"
                  f" {min(cpus):.2f} s")
        for kind, index in (("wall", 1), ("cpu", 0)):
            ratio = (statistics.median(v[index] for v in times["this tree"])
                     / statistics.median(v[index] for v in times[rev]))
            print(f"ratio {kind:<6} this tree / {rev} = {ratio:.2f}x (medians of {runs} runs)")
        for file in same:
            plans = {subprocess.run([sys.executable, "-m", "earmark", "plan", str(file.resolve()),
                                     "--json"], env=envs[name], cwd=root, capture_output=True,
                                    check=False).stdout for name, root in trees.items()}
            print(f"{'same plan' if len(plans) == 1 else 'DIFFERENT'}  {file}")
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                       check=False)

STAGES = ("sentence_spans", "find_quotes", "attribute", "assign_voices", "segment_document",
          "spoken_text", "chapter_of_blocks", "dense_chapters", "build_chapters")
"""The steps earmark.planning.build.build_plan calls, timed one by one by --stages."""


def stages(path: Path, runs: int) -> None:
    """CPU seconds of each step of build_plan, and of reading and the whole, least of `runs`."""
    import earmark.planning.build as build
    from earmark import api
    from earmark.ingest import read_document

    spent: dict[str, float] = {}

    def timing(name: str, function):
        def timed_call(*args, **kwargs):
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - started
        return timed_call

    for name in STAGES:
        setattr(build, name, timing(name, getattr(build, name)))
    recipe, casting = api.settings("article", "default", None, None)
    best: dict[str, float] = {}
    for _ in range(runs):
        spent.clear()
        started = time.process_time()
        document = read_document(path, recipe.ingest)
        spent["read_document"] = time.process_time() - started
        started = time.process_time()
        build.build_plan(document, recipe, casting)
        spent["build_plan (all)"] = time.process_time() - started
        for name, seconds in spent.items():
            best[name] = min(best.get(name, seconds), seconds)
    for name, seconds in sorted(best.items(), key=lambda item: -item[1]):
        print(f"{name:<18} {seconds:.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--against", metavar="REV", help="also plan with this git revision")
    parser.add_argument("--same", metavar="FILE", nargs="*", type=Path, default=[],
                        help="with --against: files whose plans both trees must give alike")
    parser.add_argument("--stages", action="store_true", help="CPU seconds of each step")
    args = parser.parse_args()
    earmark = [sys.executable, "-m", "earmark"]
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "big.txt"
        path.write_text(make_text(int(args.mb * 1_000_000)), encoding="utf-8")
        size = path.stat().st_size
        if args.against:
            against(args.against, path, args.runs, Path(scratch), args.same)
            return
        if args.stages:
            stages(path, args.runs)
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
