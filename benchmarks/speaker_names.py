"""Every speaker name the plans of some documents give, with its line count and a cue.

    .venv/bin/python benchmarks/speaker_names.py PATH... [--pipeline article] [--max-chars N]
        [--out FILE] [--sort name|lines]

PATH is a document or a folder: a folder's *.txt, */novel_text.txt and */source.html files
are planned (in this process, as benchmarks/quotes_corpus.py does). One line per speaker per
document: lines (quotations), name, aliases, document and the context of one of its cues,
so that a list of names can be read through for the ones that name no person. The corpus
texts are never copied into the repository: the paths are arguments.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from earmark.config.casting import load_casting
from earmark.config.recipe import load_recipe
from earmark.model import Plan
from earmark.planning.build import plan_file

_PATTERNS = ("*.txt", "*/novel_text.txt", "*/source.html")


def documents(paths: list[str]) -> Iterator[Path]:
    """The documents named, folders opened one level down."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for pattern in _PATTERNS:
                yield from sorted(path.glob(pattern))
        else:
            yield path


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    return (text[max(0, start - width) : start] + "⟦" + text[start:end] + "⟧"
            + text[end : end + width]).replace("\n", "¶")


def rows(plan: Plan, label: str) -> list[tuple[int, str, str, str, str]]:
    """(lines, name, aliases, document, cue context) for each speaker of a plan."""
    text = plan.document.text
    count: dict[str, int] = {}
    example: dict[str, str] = {}
    for quote in plan.quotes:
        if quote.speaker is None:
            continue
        count[quote.speaker] = count.get(quote.speaker, 0) + 1
        if quote.speaker not in example or (quote.cue and "⟦" not in example[quote.speaker]):
            span = quote.cue or quote.span
            example[quote.speaker] = (_context(text, *span) if quote.cue
                                      else "(no cue) " + _context(text, *span, width=40))
    return [(count.get(s.name, 0), s.name, "|".join(s.aliases), label, example.get(s.name, ""))
            for s in plan.speakers if s.name in count]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--pipeline", default="article")
    parser.add_argument("--max-chars", type=int)
    parser.add_argument("--out")
    parser.add_argument("--sort", choices=["name", "lines"], default="name")
    args = parser.parse_args()
    recipe, casting = load_recipe(args.pipeline), load_casting("default")
    found: list[tuple[int, str, str, str, str]] = []
    started, docs = time.perf_counter(), 0
    with tempfile.TemporaryDirectory() as scratch:
        for path in documents(args.paths):
            source = path
            if args.max_chars:
                source = Path(scratch) / f"doc{path.suffix}"
                raw = path.read_bytes()[: args.max_chars]
                source.write_bytes(raw)
            label = path.parent.name if path.name in ("novel_text.txt", "source.html") \
                else path.stem
            found.extend(rows(plan_file(source, recipe, casting), label))
            docs += 1
    key = (lambda r: (r[1].lower(), r[3])) if args.sort == "name" else (lambda r: -r[0])
    lines = [f"{n}\t{name}\t{aliases}\t{doc}\t{cue}".replace("\n", "¶")
             for n, name, aliases, doc, cue in sorted(found, key=key)]
    out = "\n".join(lines) + "\n"
    if args.out:
        Path(args.out).write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    names = {r[1] for r in found}
    print(f"{docs} documents, {len(found)} speakers, {len(names)} distinct names, "
          f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
