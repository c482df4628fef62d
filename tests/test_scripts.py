"""Other scripts inside a document get their own segments and voices; emoji are read by name or
left out (reported)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from conftest import run_cli
from earmark.config.recipe import Recipe
from earmark.errors import ConfigError
from earmark.planning.build import plan_file, spoken_text
from earmark.planning.schema import plan_to_dict
from earmark.text.coverage import coverage_problems
from earmark.text.emoji import name, with_names
from earmark.text.scripts import runs


def pieces(text: str, language: str = "en") -> list[tuple[str, str | None]]:
    return [(text[a:b], tag) for (a, b), tag in runs(text, (0, len(text)), language)]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("The sign read أهلا وسهلا at the gate.", "en",
         [("The sign read", None), ("أهلا وسهلا", "ar"), ("at the gate.", None)]),
        ("They sang שלום עליכם together.", "en",
         [("They sang", None), ("שלום עליכם", "he"), ("together.", None)]),
        ("Its motto, ἀρετή καὶ δόξα, is old.", "en",
         [("Its motto,", None), ("ἀρετή καὶ δόξα,", "el"), ("is old.", None)]),
        ("The shop was called Хлеб и соль.", "en",
         [("The shop was called", None), ("Хлеб и соль.", "ru")]),
        ("The poster said Слава Україні!", "en",
         [("The poster said", None), ("Слава Україні!", "uk")]),
        ("She wrote नमस्ते दुनिया on the board.", "en",
         [("She wrote", None), ("नमस्ते दुनिया", "hi"), ("on the board.", None)]),
        ("The banner read 欢迎光临 in red.", "en",
         [("The banner read", None), ("欢迎光临", "cmn"), ("in red.", None)]),
        ("He said ありがとう to everyone.", "en",
         [("He said", None), ("ありがとう", "ja"), ("to everyone.", None)]),
        ("The title was 안녕하세요 in the end.", "en",
         [("The title was", None), ("안녕하세요", "ko"), ("in the end.", None)]),
        ("A book called کتاب پارسی came out.", "en",
         [("A book called", None), ("کتاب پارسی", "fa"), ("came out.", None)]),
        # one Greek letter stays with the English around it; so do accented Latin letters
        ("The α particle left Zürich.", "en", [("The α particle left Zürich.", None)]),
        # the document's own script is no run; a Latin run in a Cyrillic text is
        ("Москва — столица России.", "ru", [("Москва — столица России.", None)]),
        ("Он сказал good morning и ушёл.", "ru",
         [("Он сказал", None), ("good morning", "en"), ("и ушёл.", None)]),
        ("Nothing foreign here.", "en", [("Nothing foreign here.", None)]),
    ],
)
def test_runs_of_another_script_are_cut_out_with_their_language(
        text: str, language: str, expected: list[tuple[str, str | None]]) -> None:
    assert pieces(text, language) == expected


def test_emoji_names_come_from_unicode() -> None:
    assert name("😀") == "grinning face"
    assert name("👍🏽") == "thumbs up sign"
    assert name("🇫🇷") == "flag F R"
    assert name("3️⃣") == "keycap 3"
    assert name("👩‍🚀") == "woman rocket"
    assert " ".join(with_names("Done 😀!").split()) == "Done grinning face!"
    assert with_names("plain © text") == "plain © text"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


MIXED = ("Greetings\n\nThe mayor said مرحبا بكم جميعا to the crowd. Then she smiled 😀 and left."
         "\n\nThe motto was Слава героям, and the crowd cheered 🎉.\n\n👍\n")


def _with_emoji(recipe: Recipe, mode: str) -> Recipe:
    return dataclasses.replace(recipe, segment=dataclasses.replace(recipe.segment, emoji=mode))


def test_a_plan_gives_other_scripts_their_language_and_reads_emoji_by_name(
        tmp_path: Path, recipe: Recipe, casting) -> None:  # type: ignore[no-untyped-def]
    plan = plan_file(_write(tmp_path, "mixed.txt", MIXED), recipe, casting)
    data = plan_to_dict(plan)
    assert coverage_problems(plan.document.text, [s["source_span"] for s in data["segments"]],
                             [d["span"] for d in data["dropped"]]) == []
    got = [(s["sentence"], s["caption"], s.get("language")) for s in data["segments"]]
    assert got == [
        (0, "Greetings", None),
        (1, "The mayor said", None), (1, "مرحبا بكم جميعا", "ar"), (1, "to the crowd.", None),
        (2, "Then she smiled 😀 and left.", None),
        (3, "The motto was", None), (3, "Слава героям,", "ru"),
        (3, "and the crowd cheered 🎉.", None),
        (4, "👍", None),
    ]
    spoken = [s["text"] for s in data["segments"]]
    assert "Then she smiled grinning face and left." in spoken
    assert "and the crowd cheered party popper." in spoken
    assert spoken[-1] == "thumbs up sign"
    for segment in data["segments"]:  # captions keep what was written
        start, end = segment["source_span"]
        assert segment["text"] == spoken_text(plan.document.text[start:end], casting.lexicon,
                                              heading=segment["kind"] == "heading")
    assert data["dropped"] == []


def test_emoji_can_be_left_out_and_are_then_reported(
        tmp_path: Path, recipe: Recipe, casting) -> None:  # type: ignore[no-untyped-def]
    plan = plan_file(_write(tmp_path, "mixed.txt", MIXED), _with_emoji(recipe, "drop"), casting)
    data = plan_to_dict(plan)
    text = plan.document.text
    assert coverage_problems(text, [s["source_span"] for s in data["segments"]],
                             [d["span"] for d in data["dropped"]]) == []
    assert [(text[a:b], d["reason"]) for d in data["dropped"] for a, b in [d["span"]]] == [
        ("😀", "emoji"), ("🎉", "emoji"),
        (".", "no words: punctuation only"),  # the stop after the emoji cannot join "cheered"
        ("👍", "emoji")]
    spoken = " ".join(s["text"] for s in data["segments"])
    assert "grinning" not in spoken and "😀" not in spoken
    assert "Then she smiled" in spoken and "and left." in spoken


def test_the_emoji_setting_is_checked(tmp_path: Path) -> None:
    from earmark.config.recipe import load_recipe

    source = (Path(__file__).resolve().parents[1] / "pipeline" / "article.toml").read_text(
        encoding="utf-8")
    bad = _write(tmp_path, "bad.toml", source.replace('emoji = "name"', 'emoji = "speak"'))
    with pytest.raises(ConfigError, match=r"\[segment\] emoji must be name or drop"):
        load_recipe(str(bad))


def test_an_arabic_phrase_in_english_is_spoken_by_an_arabic_voice(tmp_path: Path) -> None:
    source = _write(tmp_path, "greeting.txt",
                    "The mayor said مرحبا بكم جميعا to the crowd. Then she left.\n")
    done = run_cli("render", str(source), "-o", str(tmp_path), "--format", "wav", "--quiet")
    assert done.returncode == 0, done.stderr
    manifest = json.loads((tmp_path / "greeting" / "greeting.json").read_text(encoding="utf-8"))
    voices = [(s["caption"], s.get("language"), s["engine_voice"]) for s in manifest["segments"]]
    assert voices == [("The mayor said", None, "gmw/en-us"),
                      ("مرحبا بكم جميعا", "ar", "sem/ar"),
                      ("to the crowd.", None, "gmw/en-us"),
                      ("Then she left.", None, "gmw/en-us")]
    arabic = manifest["segments"][1]
    assert arabic["end_ms"] - arabic["start_ms"] < 4000  # read as words, not spelled (8.5 s)
