"""Main-content extraction on real web pages: the words earmark reads against the article's.

    .venv/bin/python benchmarks/web.py FOLDER [PAGE ...] [--slow N]

FOLDER holds one folder per page with source.html, expected.html (the article, as Mozilla
Readability's test suite gives it) and expected-metadata.json (its title), as
../shared/corpora/web/readability does. The metric is the shared scorer's
(../shared/eval/web_extract.py): bag-of-words precision, recall and F1 of the plan's
segment captions (the words as written) against the visible text of expected.html with the
title in front; here the plan is made in-process (earmark.plan), so the time per page is
earmark's own, without a CLI start.
Prints one line a page, then the pages below 0.9 and the means.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

_TOKEN = re.compile(r"[^\W_]+")
_BLOCKS = {"p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "ul",
           "ol", "li", "blockquote", "pre", "figure", "figcaption", "table", "tr", "td", "th",
           "caption", "dl", "dt", "dd", "hr", "br", "h1", "h2", "h3", "h4", "h5", "h6", "img"}
_INVISIBLE = {"script", "style", "noscript", "template", "head", "title"}


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.hidden = 0

    def flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        if tag in _INVISIBLE:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.flush()

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag in _INVISIBLE:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.flush()

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if not self.hidden:
            self.current.append(data)


def expected_words(page: Path) -> list[str]:
    parser = _Visible()
    parser.feed((page / "expected.html").read_text(encoding="utf-8"))
    parser.close()
    parser.flush()
    body = [w for block in parser.blocks for w in tokens(block)]
    meta = json.loads((page / "expected-metadata.json").read_text(encoding="utf-8"))
    title = tokens(meta.get("title") or "")
    return body if not title or all(w in body[: len(title) + 40] for w in title) else title + body


def scores(got: list[str], want: list[str]) -> tuple[float, float, float]:
    g, w = Counter(got), Counter(want)
    common = sum((g & w).values())
    p = common / sum(g.values()) if g else 0.0
    r = common / sum(w.values()) if w else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("pages", nargs="*")
    args = parser.parse_args()
    import earmark

    names = args.pages or sorted(p.name for p in args.folder.iterdir()
                                 if (p / "expected.html").exists())
    results: list[tuple[str, float, float, float]] = []
    total = 0.0
    for name in names:
        page = args.folder / name
        start = time.perf_counter()
        plan = earmark.plan(page / "source.html")
        total += time.perf_counter() - start
        text = plan.document.text  # the captions: what was written, as the shared scorer
        got = [w for s in plan.segments for w in tokens(text[s.source_span[0]:s.source_span[1]])]
        p, r, f = scores(got, expected_words(page))
        results.append((name, p, r, f))
        print(f"{name:28s} P={p:.3f} R={r:.3f} F1={f:.3f}")
    low = [n for n, _, _, f in results if f < 0.9]
    print(f"below 0.9: {', '.join(low) or 'none'}")
    print(f"pages={len(results)} p_mean={statistics.mean(r[1] for r in results):.3f} "
          f"r_mean={statistics.mean(r[2] for r in results):.3f} "
          f"f1_mean={statistics.mean(r[3] for r in results):.3f} "
          f"f1_min={min(r[3] for r in results):.3f} plan_s={total:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
