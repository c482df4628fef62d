"""A long document's segments are cut in a forked process while its quotations are attributed
(planning.ahead): the plan is the same as planned in one process, whatever attribution finds,
and a failing or interrupted fork changes nothing and leaves no process behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from earmark.planning import ahead, build
from earmark.planning.schema import plan_json

PARAGRAPHS = [
    "# The vote",
    "“We will build it,” said Mayor Elena Ruiz. “The bridge opens in May.”",
    "Critics called the plan a “vanity project” and a “folly”.",  # quotations that are no speech
    "“It is a folly,” said Tom Avery, “and the city will pay for it”\n"
    "for years, he added, “long after the mayor has gone.”",
    "The notice read “Closed for repairs” — nothing more.",
    "“Fine,” she said. [3] “Let them talk.” 🙂",
]


def one_process(path: Path, recipe, casting, monkeypatch: pytest.MonkeyPatch) -> str:
    with monkeypatch.context() as patch:
        patch.setattr(ahead, "start", lambda *args: None)
        return plan_json(build.plan_file(path, recipe, casting))


def document(tmp_path: Path, paragraphs: list[str]) -> Path:
    path = tmp_path / "long.md"
    path.write_text("\n\n".join(paragraphs * 40), encoding="utf-8")
    return path


def no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.mark.parametrize("paragraphs", [
    PARAGRAPHS,  # some quotations are scare quotes: their blocks are segmented again
    [p for p in PARAGRAPHS if "called" not in p and "read" not in p],  # every one is speech
], ids=["some-not-speech", "all-speech"])
def test_the_plan_is_the_same_as_planned_in_one_process(
        tmp_path: Path, recipe, casting, monkeypatch: pytest.MonkeyPatch, paragraphs) -> None:
    path = document(tmp_path, paragraphs)
    expected = one_process(path, recipe, casting, monkeypatch)
    monkeypatch.setattr(ahead, "MIN_CHARS", 0)
    forked = []
    start = ahead.start
    monkeypatch.setattr(ahead, "start", lambda *args: forked.append(start(*args)) or forked[-1])
    assert plan_json(build.plan_file(path, recipe, casting)) == expected
    assert forked and forked[0] is not None  # the fork did take part
    assert no_children_left()


def test_a_fork_that_fails_leaves_the_work_to_this_process(
        tmp_path: Path, recipe, casting, monkeypatch: pytest.MonkeyPatch) -> None:
    path = document(tmp_path, PARAGRAPHS)
    expected = one_process(path, recipe, casting, monkeypatch)
    monkeypatch.setattr(ahead, "MIN_CHARS", 0)

    def broken(*args, **kwargs):
        raise RuntimeError("the forked process fails")

    monkeypatch.setattr(ahead, "segment_document", broken)  # only the fork calls this one
    assert plan_json(build.plan_file(path, recipe, casting)) == expected
    assert no_children_left()


def test_an_interrupted_attribution_stops_the_fork(
        tmp_path: Path, recipe, casting, monkeypatch: pytest.MonkeyPatch) -> None:
    path = document(tmp_path, PARAGRAPHS)
    monkeypatch.setattr(ahead, "MIN_CHARS", 0)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "attribute", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build.plan_file(path, recipe, casting)
    assert no_children_left()
