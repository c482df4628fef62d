"""Quote detection and attribution on the hand-annotated passages.

    .venv/bin/python benchmarks/quotes.py [PASSAGES.toml] [--failures]

Prints quote precision/recall/F1 (exact spans), speaker accuracy on the quotations found,
the share of quoted characters read by a quote voice and of other characters read by the
narrator, and planning speed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from earmark.config.casting import load_casting
from earmark.config.recipe import load_recipe
from quote_scoring import load_passages, score

DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "data" / "quotes" / "passages.toml"


def main(argv: list[str]) -> None:
    paths = [Path(a) for a in argv if not a.startswith("--")] or [DEFAULT]
    passages = [p for path in paths for p in load_passages(path)]
    result = score(passages, load_recipe("article"), load_casting("default"))
    print(f"passages            {len(passages)}")
    print(f"quotes (gold/found) {result.gold}/{result.predicted}, exact matches {result.matched}")
    print(f"precision           {result.precision:.3f}")
    print(f"recall              {result.recall:.3f}")
    print(f"F1                  {result.f1:.3f}")
    print(f"speaker accuracy    {result.speaker_accuracy:.3f}")
    print(f"quoted chars voiced {result.quoted_chars_voiced / max(1, result.quoted_chars):.3f}")
    print(f"other chars narrated {result.other_chars_narrated / max(1, result.other_chars):.3f}")
    print(
        f"speed               {result.chars / result.seconds / 1e6:.2f} M chars/s "
        f"({result.seconds * 1000 / len(passages):.2f} ms per passage)"
    )
    if "--failures" in argv:
        for failure in result.failures:
            print("  " + failure)


if __name__ == "__main__":
    main(sys.argv[1:])
