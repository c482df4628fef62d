"""Books as a listener gets them: the audiobook recipe, the chapter map a user checks before a
long render, and long documents that every format holds."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from conftest import SAMPLE, run_cli
from earmark.config.recipe import PauseSettings, load_recipe
from earmark.planning.build import plan_file
from earmark.planning.chapter_map import chapter_map, clock

WORDS = ("the harbour ferry left at dawn with a cargo of apples and two sleepy "
         "passengers who had missed the last boat home").split()


def long_text(paragraphs: int, words: tuple[int, int], seed: int = 7) -> str:
    pick = random.Random(seed)
    return "\n\n".join(
        " ".join(pick.choice(WORDS) for _ in range(pick.randint(*words))).capitalize() + "."
        for _ in range(paragraphs)) + "\n"


def test_the_chapter_map_estimates_each_chapter(recipe, casting) -> None:
    plan = plan_file(SAMPLE, recipe, casting)
    entries = chapter_map(plan, 175, recipe.pauses)
    assert [e.title for e in entries] == [c.title for c in plan.chapters]
    assert entries[1].first_words.startswith("More than sixty people")
    total = sum(e.estimated_ms for e in entries)
    assert 75_000 < total < 105_000  # the sample renders to 89 s
    assert clock(3_725_400) == "1:02:05"


def test_plan_chapters_prints_only_the_map() -> None:
    done = run_cli("plan", str(SAMPLE), "--chapters")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[2].startswith("Chapter map (about 0:01:")
    assert "What residents said — More than sixty people" in lines[4]
    assert not any(" narration " in line for line in lines)


def test_the_audiobook_recipe(tmp_path: Path) -> None:
    recipe = load_recipe("audiobook")
    assert recipe.export.default_formats() == ("m4b", "mp3")
    assert recipe.export.genre == "Audiobook"
    assert recipe.pauses.chapter_ms > PauseSettings().chapter_ms


@pytest.mark.e2e
def test_a_book_without_headings_renders_in_every_format_and_passes_check(tmp_path: Path) -> None:
    """1,000 short paragraphs without a heading (about 10 minutes of speech): chapters by
    length, not one per paragraph (a CTOC frame holds 255, MP4's chapter list 255)."""
    book = tmp_path / "harbour-days.txt"
    book.write_text(long_text(1000, (1, 3)), encoding="utf-8")
    planned = run_cli("plan", str(book), "--chapters")
    assert planned.returncode == 0, planned.stderr
    chapters = int(planned.stdout.split(": ", 1)[1].split(" chapters")[0])
    assert 2 <= chapters <= 40
    done = run_cli("render", str(book), "-o", str(tmp_path / "out"), "--pipeline", "audiobook",
                   "--quiet")  # the recipe's formats: M4B and MP3
    assert done.returncode == 0, done.stderr
    checked = run_cli("check", str(tmp_path / "out" / "harbour-days"))
    assert checked.returncode == 0, checked.stdout + checked.stderr
