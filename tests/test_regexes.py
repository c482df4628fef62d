"""Regular expressions compiled once per machine (text.regexes): a later process builds the same
pattern from the stored program without parsing it, and nothing about the store (none yet,
damaged, unwritable) changes a pattern or prints anything."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from earmark.text import regexes

PATTERN = r"(?P<verb>said|says|(?:told|warned)\s+(?:reporters|us))\s+(?P<who>[A-Z]\w+)(?!\w)"
TEXT = "“No,” said Ruiz. “Later,” told reporters Avery, then says Kim."


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The module as a new process has it, with its store under tmp_path."""
    monkeypatch.setenv("EARMARK_CACHE_DIR", str(tmp_path))
    module = importlib.reload(regexes)
    yield module
    module._new.clear()  # nothing left for the test process to write at exit
    importlib.reload(regexes)


def findings(pattern: re.Pattern[str]) -> list[tuple[int, int, dict[str, str | None]]]:
    return [(m.start(), m.end(), m.groupdict()) for m in pattern.finditer(TEXT)]


def test_a_later_process_builds_the_pattern_without_parsing_it(
        fresh, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = re.compile(PATTERN)
    assert fresh.compile(PATTERN) == expected
    fresh.save()
    assert fresh.path().is_file()
    later = importlib.reload(fresh)

    def parse(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(later._parser, "parse", parse)
    rebuilt = later.compile(PATTERN)
    assert rebuilt == expected and rebuilt.groupindex == expected.groupindex
    assert findings(rebuilt) == findings(expected) and len(findings(rebuilt)) == 3


def test_flags_are_part_of_the_key(fresh) -> None:
    fresh.compile("said")
    fresh.save()
    later = importlib.reload(fresh)
    assert later.compile("said", re.IGNORECASE).match("SAID") is not None
    assert later.compile("said").match("SAID") is None


def test_a_damaged_store_means_the_ordinary_compile(fresh) -> None:
    fresh.path().parent.mkdir(parents=True)
    fresh.path().write_bytes(b"\x80\x05not a pickle")
    assert fresh.compile(PATTERN) == re.compile(PATTERN)
    fresh.save()  # and the store is written anew
    assert importlib.reload(fresh)._load()[(PATTERN, 0)]


def test_an_unwritable_store_changes_nothing_and_prints_nothing(tmp_path: Path) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", "from earmark.text import regexes; import re; "
         f"assert regexes.compile({PATTERN!r}) == re.compile({PATTERN!r})"],
        env={**os.environ, "EARMARK_CACHE_DIR": str(blocked)},
        capture_output=True, text=True, check=False)
    assert run.returncode == 0 and run.stderr == ""
    assert not list(tmp_path.glob("**/*.partial"))


def test_the_cue_patterns_have_the_same_text_in_every_process() -> None:
    # a set's order follows the hash seed: the patterns' text must not, or no run finds the
    # stored program of the last
    code = ("from earmark.quotes import cues; import hashlib; "
            "print(hashlib.sha256(cues.alternation(cues.ENGLISH.speech_verbs).encode())"
            ".hexdigest())")
    texts = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
             for seed in ("1", "2", "3")}
    assert len(texts) == 1
