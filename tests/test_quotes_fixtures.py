"""The hand-annotated passages (tests/data/quotes): scores held to a floor, every pattern."""

from __future__ import annotations

import pytest

from conftest import DATA
from quote_scoring import load_passages, score

PASSAGES = load_passages(DATA / "quotes" / "passages.toml")


def test_there_are_enough_passages_of_both_kinds() -> None:
    assert len(PASSAGES) >= 40
    assert sum(1 for p in PASSAGES if "dialogue" in p["id"]) >= 3


def test_scores_on_the_annotated_passages(recipe, casting) -> None:
    result = score(PASSAGES, recipe, casting)
    assert result.f1 >= 0.95, result.failures
    assert result.speaker_accuracy >= 0.9, result.failures
    assert result.quoted_chars_voiced / result.quoted_chars >= 0.95
    assert result.other_chars_narrated / result.other_chars >= 0.97


@pytest.mark.parametrize("passage", PASSAGES, ids=lambda p: p["id"])
def test_each_passage(passage: dict, recipe, casting) -> None:
    result = score([passage], recipe, casting)
    assert result.failures == []
