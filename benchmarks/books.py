"""Plans every book in a folder and prints what a listener would meet: the encoding read, the
chapters found and their first titles, and whether licence words or markup reach the engine.

    .venv/bin/python benchmarks/books.py FOLDER [--titles 4] [--recursive]

FOLDER holds .txt, .html and .epub files (e.g. ../shared/corpora/books; with --recursive,
../shared/corpora/novels/PDNC/data). A file earmark cannot read is listed with its error.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from earmark.config.casting import load_casting  # noqa: E402
from earmark.config.recipe import load_recipe  # noqa: E402
from earmark.errors import EarmarkError  # noqa: E402
from earmark.planning.build import plan_file  # noqa: E402

GUTENBERG = re.compile(r"project gutenberg", re.IGNORECASE)
LICENCE = re.compile(r"licen[cs]e", re.IGNORECASE)  # novels use the word too: shown to judge
MARKUP = re.compile(r"[_*]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--titles", type=int, default=4, help="chapter titles to show")
    parser.add_argument("--recursive", action="store_true")
    args = parser.parse_args()
    recipe, casting = load_recipe("article"), load_casting("default")
    pattern = "**/*" if args.recursive else "*"
    books = sorted(p for p in args.folder.glob(pattern)
                   if p.suffix.lower() in (".txt", ".html", ".htm", ".epub"))
    for path in books:
        name = str(path.relative_to(args.folder))
        started = time.perf_counter()
        try:
            plan = plan_file(path, recipe, casting)
        except EarmarkError as exc:
            print(f"{name}\n  cannot read: {exc}\n")
            continue
        seconds = time.perf_counter() - started
        encoding = next((w for w in plan.warnings if w.startswith("decoded as")), "utf-8")
        spoken = [s.text for s in plan.segments]
        gutenberg = [t for t in spoken if GUTENBERG.search(t)]
        licence = [t for t in spoken if LICENCE.search(t)]
        markup = [t for t in spoken if MARKUP.search(t)]
        dropped: dict[str, int] = {}
        for d in plan.dropped:
            reason = d.reason.split(":")[0] if d.reason.startswith("no words") else d.reason
            dropped[reason] = dropped.get(reason, 0) + 1
        meta = plan.document.metadata
        print(f"{name}  ({len(plan.document.text):,} chars, planned in {seconds:.2f} s)")
        print(f"  title: {plan.document.title!r}; author: {meta.author!r}; date: {meta.date!r}; "
              f"language: {plan.document.language}")
        print(f"  encoding: {encoding}")
        print(f"  chapters: {len(plan.chapters)}: "
              + " | ".join(c.title for c in plan.chapters[: args.titles])
              + (" ..." if len(plan.chapters) > args.titles else ""))
        print(f"  spoken 'Project Gutenberg': {len(gutenberg)} segments"
              + (f" (first: {gutenberg[0][:60]!r})" if gutenberg else ""))
        print(f"  spoken 'licence'/'license': {len(licence)} segments"
              + (f" (first: {licence[0][:60]!r})" if licence else ""))
        print(f"  spoken _ or * markup: {len(markup)} segments"
              + (f" (first: {markup[0][:60]!r})" if markup else ""))
        print("  dropped: " + ", ".join(f"{k} x{v}" for k, v in sorted(dropped.items())) + "\n")


if __name__ == "__main__":
    main()
