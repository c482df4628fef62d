"""Scoring quotation detection and attribution against hand-annotated passages.

Used by benchmarks/quotes.py and the fixture tests. A passage file is TOML with [[passage]]
tables: `id`, `text`, optional `format` (txt, md, html) and `quotes`, a list of
[quoted text, speaker] pairs in reading order ("?" for an unknown speaker).
"""

from __future__ import annotations

import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from earmark.config.casting import Casting
from earmark.config.recipe import Recipe
from earmark.ingest import read_document
from earmark.planning.build import build_plan

UNKNOWN = "?"


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    speakers_right: int = 0
    quoted_chars: int = 0
    quoted_chars_voiced: int = 0
    other_chars: int = 0
    other_chars_narrated: int = 0
    seconds: float = 0.0
    chars: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        """Right speakers among the quotations found exactly."""
        return self.speakers_right / self.matched if self.matched else 1.0


def load_passages(path: Path) -> list[dict]:
    with path.open("rb") as handle:
        return tomllib.load(handle)["passage"]


def score(passages: list[dict], recipe: Recipe, casting: Casting) -> Score:
    total = Score()
    with tempfile.TemporaryDirectory() as scratch:
        for passage in passages:
            path = Path(scratch) / f"{passage['id']}.{passage.get('format', 'txt')}"
            path.write_text(passage["text"], encoding="utf-8")
            document = read_document(path, recipe.ingest)
            started = time.perf_counter()
            plan = build_plan(document, recipe, casting)
            total.seconds += time.perf_counter() - started
            total.chars += len(document.text)
            _score_one(passage, plan, document.text, total)
    return total


def _gold_spans(passage: dict, text: str) -> list[tuple[tuple[int, int], str]]:
    spans = []
    cursor = 0
    for quoted, speaker in passage["quotes"]:
        start = text.find(quoted, cursor)
        if start < 0:
            raise ValueError(f"{passage['id']}: {quoted[:40]!r} is not in the passage text")
        spans.append(((start, start + len(quoted)), speaker))
        cursor = start + len(quoted)
    return spans


def _score_one(passage: dict, plan, text: str, total: Score) -> None:
    gold = _gold_spans(passage, text)
    predicted = {tuple(q.span): q.speaker for q in plan.quotes}
    total.gold += len(gold)
    total.predicted += len(predicted)
    gold_spans = {span for span, _ in gold}
    for span, speaker in gold:
        if span not in predicted:
            total.failures.append(f"{passage['id']}: missed {text[span[0] : span[1]][:50]!r}")
            continue
        total.matched += 1
        found = predicted[span] or UNKNOWN
        if found == speaker:
            total.speakers_right += 1
        else:
            total.failures.append(
                f"{passage['id']}: {text[span[0] : span[1]][:40]!r} spoken by "
                f"{found!r}, not {speaker!r}"
            )
    for span in predicted:
        if span not in gold_spans:
            total.failures.append(f"{passage['id']}: not a quote: {text[span[0] : span[1]][:50]!r}")
    kind_at = {}
    for segment in plan.segments:
        for i in range(*segment.source_span):
            kind_at[i] = segment.kind
    inside = {i for (start, end), _ in gold for i in range(start, end)}
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        if i in inside:
            total.quoted_chars += 1
            total.quoted_chars_voiced += kind_at.get(i) == "quote"
        else:
            total.other_chars += 1
            total.other_chars_narrated += kind_at.get(i) in ("narration", "heading")
