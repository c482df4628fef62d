"""The stage values stay immutable, comparable and hashable when made by quick_init."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass, field

import pytest

from earmark.model import Block, Segment, quick_init


def test_quick_init_values_are_frozen_with_their_defaults() -> None:
    block = Block("paragraph", (0, 5))
    assert (block.level, block.language, block.note, block.container) == (0, None, None, None)
    assert Block("paragraph", (0, 5), note="3") == Block(kind="paragraph", span=(0, 5), note="3")
    with pytest.raises(dataclasses.FrozenInstanceError):
        block.kind = "heading"  # type: ignore[misc]
    segment = Segment(1, 0, 0, 0, "quote", "Ana", "pool-1", "Hi.", (3, 6))
    assert hash(segment) == hash(dataclasses.replace(segment))
    assert dataclasses.replace(segment, text="Ho.").text == "Ho."
    assert pickle.loads(pickle.dumps(segment)) == segment  # what worker processes receive
    with pytest.raises(TypeError):
        Segment(1, 0, 0)  # type: ignore[call-arg]


def test_quick_init_refuses_a_default_factory() -> None:
    with pytest.raises(TypeError, match="needs the dataclass __init__"):
        @quick_init
        @dataclass(frozen=True, slots=True)
        class Listed:
            items: list[int] = field(default_factory=list)
