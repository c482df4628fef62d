"""A long document's segments are cut in a forked process while its quotations are attributed
(planning.ahead): the plan is the same as planned in one process, whatever attribution finds,
and a failing or interrupted fork changes nothing and leaves no process behind."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from earmark.planning import ahead, build
from earmark.planning.schema import plan_json
from earmark.quotes import mentions

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


def forks(monkeypatch: pytest.MonkeyPatch) -> list[ahead.Ahead | None]:
    """Every fork the plan starts, recorded: for any length of document, and whatever threads
    earlier tests left running (the forked process only computes, so it takes no lock)."""
    monkeypatch.setattr(ahead, "MIN_CHARS", 0)
    monkeypatch.setattr(ahead.threading, "active_count", lambda: 1)
    started: list[ahead.Ahead | None] = []
    start = ahead.start
    monkeypatch.setattr(ahead, "start", lambda *args: started.append(start(*args)) or started[-1])
    return started


def reaped(fork: ahead.Ahead | None) -> bool:
    """The forked process has ended and been waited for (no zombie is left)."""
    assert fork is not None
    try:
        os.waitpid(fork.pid, os.WNOHANG)
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
    started = forks(monkeypatch)
    assert plan_json(build.plan_file(path, recipe, casting)) == expected
    assert len(started) == 1 and reaped(started[0])  # the fork took part, and is gone


def test_a_fork_that_fails_leaves_the_work_to_this_process(
        tmp_path: Path, recipe, casting, monkeypatch: pytest.MonkeyPatch) -> None:
    path = document(tmp_path, PARAGRAPHS)
    expected = one_process(path, recipe, casting, monkeypatch)
    started = forks(monkeypatch)

    def broken(*args, **kwargs):
        raise RuntimeError("the forked process fails")

    monkeypatch.setattr(ahead, "segment_document", broken)  # only the fork calls this one
    assert plan_json(build.plan_file(path, recipe, casting)) == expected
    assert len(started) == 1 and reaped(started[0])


def test_an_interrupted_attribution_stops_the_fork(
        tmp_path: Path, recipe, casting, monkeypatch: pytest.MonkeyPatch) -> None:
    path = document(tmp_path, PARAGRAPHS)
    started = forks(monkeypatch)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "attribute", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build.plan_file(path, recipe, casting)
    assert len(started) == 1 and reaped(started[0])


def test_a_program_that_ignores_sigchld_gets_the_same_plan(
        tmp_path: Path, recipe, casting, monkeypatch: pytest.MonkeyPatch) -> None:
    # its children are reaped for it: waiting for the fork finds none, which is no error
    path = document(tmp_path, PARAGRAPHS)
    expected = one_process(path, recipe, casting, monkeypatch)
    started = forks(monkeypatch)
    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        assert plan_json(build.plan_file(path, recipe, casting)) == expected
    finally:
        signal.signal(signal.SIGCHLD, previous)
    assert len(started) == 1 and reaped(started[0])


def test_the_fork_finds_the_people_named_in_the_narration(
        tmp_path: Path, recipe, casting, monkeypatch: pytest.MonkeyPatch) -> None:
    # the mentions attribution starts from come from the fork: this process makes none of
    # them (the feed's own mention_batches is only its fallback)
    path = document(tmp_path, PARAGRAPHS)
    expected = one_process(path, recipe, casting, monkeypatch)
    started = forks(monkeypatch)
    made_here: list[int] = []
    local = mentions.mention_batches
    monkeypatch.setattr(mentions, "mention_batches", lambda *a, first_block=0: (
        made_here.append(first_block) or local(*a, first_block=first_block)))
    assert plan_json(build.plan_file(path, recipe, casting)) == expected
    assert made_here == []
    assert len(started) == 1 and reaped(started[0])


def test_a_fork_that_dies_while_reading_leaves_the_rest_to_this_process(
        tmp_path: Path, recipe, casting, monkeypatch: pytest.MonkeyPatch) -> None:
    path = document(tmp_path, PARAGRAPHS)
    expected = one_process(path, recipe, casting, monkeypatch)
    monkeypatch.setattr(mentions, "_BATCH_BLOCKS", 16)  # 240 blocks: 15 batches
    started = forks(monkeypatch)
    real = ahead.mention_batches

    def dies(*args, **kwargs):  # in the fork: two batches, then the process is gone
        for number, batch in enumerate(real(*args, **kwargs)):
            if number == 2:
                os._exit(3)
            yield batch

    monkeypatch.setattr(ahead, "mention_batches", dies)
    made_here: list[int] = []
    local = mentions.mention_batches
    monkeypatch.setattr(mentions, "mention_batches", lambda *a, first_block=0: (
        made_here.append(first_block) or local(*a, first_block=first_block)))
    assert plan_json(build.plan_file(path, recipe, casting)) == expected
    assert made_here == [32]  # the two batches of 16 blocks were taken from the fork
    assert len(started) == 1 and reaped(started[0])


def test_attribution_done_before_the_fork_has_read_everything(
        tmp_path: Path, recipe, casting, monkeypatch: pytest.MonkeyPatch) -> None:
    # the quotations are all at the start: attribution wants no more mentions while the fork
    # still writes them; the fork goes on to segment, and its segmentation is used (the
    # mentions nobody took are passed over)
    path = tmp_path / "late.md"
    path.write_text("\n\n".join(PARAGRAPHS + ["Mayor Ruiz left the hall at noon."] * 400),
                    encoding="utf-8")
    expected = one_process(path, recipe, casting, monkeypatch)
    monkeypatch.setattr(mentions, "_BATCH_BLOCKS", 8)
    started = forks(monkeypatch)
    real = ahead.mention_batches

    def slow(*args, **kwargs):
        for number, batch in enumerate(real(*args, **kwargs)):
            if number >= 2:
                time.sleep(0.02)
            yield batch

    monkeypatch.setattr(ahead, "mention_batches", slow)
    finished: list[object] = []
    finish = ahead.finish
    monkeypatch.setattr(ahead, "finish", lambda fork: finished.append(finish(fork)) or finished[-1])
    assert plan_json(build.plan_file(path, recipe, casting)) == expected
    assert len(finished) == 1 and finished[0] is not None
    assert len(started) == 1 and reaped(started[0])


@pytest.mark.parametrize("share", [0.0, 0.5])
def test_spoken_texts_shared_between_the_processes_give_the_same_plan(
        tmp_path: Path, recipe, casting, monkeypatch: pytest.MonkeyPatch, share: float) -> None:
    path = document(tmp_path, [p for p in PARAGRAPHS if "called" not in p and "read" not in p])
    expected = one_process(path, recipe, casting, monkeypatch)
    monkeypatch.setattr(ahead, "SPOKEN_SHARE", share)
    started = forks(monkeypatch)
    assert plan_json(build.plan_file(path, recipe, casting)) == expected
    assert len(started) == 1 and reaped(started[0])
