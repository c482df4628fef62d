from __future__ import annotations

import itertools
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA, ROOT, SAMPLE
from earmark.errors import InputError
from earmark.planning import schema
from earmark.planning.build import plan_file, spoken_text
from earmark.planning.schema import SCHEMA_FILE, dumps, plan_json, plan_to_dict
from earmark.text.coverage import coverage_problems

FIXTURES = sorted(p for p in (DATA / "plans").iterdir() if not p.name.endswith(".json"))
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def plan_dict(path: Path, recipe, casting) -> dict:
    return plan_to_dict(plan_file(path, recipe, casting))


def covered(data: dict, text: str) -> list[str]:
    return coverage_problems(
        text, [s["source_span"] for s in data["segments"]], [d["span"] for d in data["dropped"]]
    )


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fixture_plans_match_their_hand_written_expectations(path: Path, recipe, casting) -> None:
    expected = json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))
    data = plan_dict(path, recipe, casting)
    assert data["title"] == expected["title"]
    assert data["language"] == expected.get("language", "en")
    assert [c["title"] for c in data["chapters"]] == expected["chapters"]
    assert [[s["kind"], s["text"]] for s in data["segments"]] == expected["segments"]
    assert [d["reason"] for d in data["dropped"]] == expected["dropped"]


@pytest.mark.parametrize("path", [*FIXTURES, SAMPLE], ids=lambda p: p.name)
def test_plans_are_valid_and_account_for_every_character(path: Path, recipe, casting) -> None:
    plan = plan_file(path, recipe, casting)
    data = plan_to_dict(plan)
    jsonschema.validate(data, SCHEMA)
    assert covered(data, plan.document.text) == []
    # the caption is the source text with whitespace folded; the spoken text is made from it
    for segment in data["segments"]:
        start, end = segment["source_span"]
        assert segment["caption"] == " ".join(plan.document.text[start:end].split())
        assert segment["text"] == spoken_text(plan.document.text[start:end], casting.lexicon,
                                              heading=segment["kind"] == "heading")


@pytest.mark.parametrize("compact_above", [0, 2000])
def test_plan_json_is_the_plan_dict_dumped(tmp_path: Path, recipe, casting, monkeypatch,
                                           compact_above: int) -> None:
    """`earmark plan --json` writes a long plan's segments from a template: the same text as
    json writes (0: the template's path even for this short plan)."""
    monkeypatch.setattr(schema, "_COMPACT_ABOVE", compact_above)
    path = tmp_path / "mixed.txt"
    path.write_text(SAMPLE.read_text(encoding="utf-8") + '\n\nHe said مرحبا بكم to "\\us" 🎉'
                    '\t\n\n“An unattributed quotation that runs on for several words,” it '
                    "read.\n", encoding="utf-8")
    plan = plan_file(path, recipe, casting)
    assert {s.language for s in plan.segments} > {None} and None in {s.speaker for s in
                                                                     plan.segments}
    assert plan_json(plan) == dumps(plan_to_dict(plan))


def test_chapters_partition_the_segments(recipe, casting) -> None:
    data = plan_dict(SAMPLE, recipe, casting)
    chapters = data["chapters"]
    assert chapters[0]["first_segment"] == 0
    assert chapters[-1]["last_segment"] == len(data["segments"]) - 1
    for before, after in itertools.pairwise(chapters):
        assert after["first_segment"] == before["last_segment"] + 1
    for segment in data["segments"]:
        chapter = chapters[segment["chapter"]]
        assert chapter["first_segment"] <= segment["index"] <= chapter["last_segment"]


def test_sample_quotes_are_read_by_their_speakers_voices(recipe, casting) -> None:
    data = plan_dict(SAMPLE, recipe, casting)
    text = plan_file(SAMPLE, recipe, casting).document.text
    speakers = {s["name"]: s for s in data["speakers"]}
    assert list(speakers) == ["narrator", "Elena Ruiz", "Marcus Webb", "Tom Avery", "Priya Nair"]
    voices = [s["voice"] for s in data["speakers"]]
    assert len(set(voices)) == len(voices), "one distinct voice per speaker"
    assert speakers["Priya Nair"]["aliases"] == ["Dr. Priya Nair", "Dr. Nair"]
    for segment in data["segments"]:
        start, end = segment["source_span"]
        speaker = speakers[segment["speaker"]]
        assert segment["voice"] == speaker["voice"]
        assert segment["index"] in speaker["segments"]
        if segment["kind"] == "quote":
            assert segment["speaker"] != "narrator"
            assert any(q["span"][0] <= start and end <= q["span"][1] for q in data["quotes"])
        else:
            assert segment["speaker"] == "narrator" and '"' not in text[start:end]
    assert data["dropped"][0]["reason"] == "boilerplate: media player notice"


def test_no_headings_means_chapters_grouped_by_length(tmp_path: Path, recipe, casting) -> None:
    from dataclasses import replace

    path = tmp_path / "flat.txt"
    path.write_text("One. Uno.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n", encoding="utf-8")
    # a few seconds of speech: one chapter, not one per paragraph
    assert [c["title"] for c in plan_dict(path, recipe, casting)["chapters"]] == ["One."]
    each = replace(recipe, chapters=replace(recipe.chapters, minutes_per_chapter=0.0))
    assert len(plan_dict(path, each, casting)["chapters"]) == 5
    grouped = replace(each, chapters=replace(each.chapters, paragraphs_per_chapter=2))
    data = plan_dict(path, grouped, casting)
    assert [(c["first_segment"], c["last_segment"]) for c in data["chapters"]] == [
        (0, 2),
        (3, 4),
        (5, 5),
    ]


def test_unclosed_quote_is_closed_at_paragraph_end_with_a_warning(
    tmp_path: Path, recipe, casting
) -> None:
    path = tmp_path / "q.txt"
    path.write_text("He said “this never ends.\n\nNext paragraph.\n", encoding="utf-8")
    data = plan_dict(path, recipe, casting)
    assert [(s["kind"], s["text"]) for s in data["segments"]] == [
        ("narration", "He said"),
        ("quote", "“this never ends."),
        ("narration", "Next paragraph."),
    ]
    assert any("not closed" in w for w in data["warnings"])


def test_punctuation_only_paragraphs_are_reported_as_dropped(
    tmp_path: Path, recipe, casting
) -> None:
    path = tmp_path / "p.txt"
    path.write_text("Part one.\n\n* * *\n\nPart two.\n", encoding="utf-8")
    data = plan_dict(path, recipe, casting)
    assert [s["text"] for s in data["segments"]] == ["Part one.", "Part two."]
    assert data["dropped"] == [{"span": [11, 16], "reason": "no words: punctuation only"}]


def test_a_document_with_nothing_to_say_is_an_input_error(tmp_path: Path, recipe, casting) -> None:
    path = tmp_path / "empty.md"
    path.write_text("```\ncode only\n```\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"empty\.md: nothing to read aloud"):
        plan_file(path, recipe, casting)


# Generated documents: words, abbreviations, quotes of every kind, headings, blank lines.
_TOKENS = st.sampled_from(
    [
        "word",
        "Word",
        "U.S.",
        "Mr.",
        "a.m.",
        "3.5",
        "No.",
        "J.",
        "e.g.",
        ".",
        "!",
        "?",
        "...",
        ". . .",
        "…",
        ",",
        ":",
        "“",
        "”",
        '"',
        "'",
        "’",
        "(",
        ")",
        "[",
        "]",
        "-",
        "—",
        "#",
        "##",
        "*",
        "_",
        "`",
        "<b>",
        "</b>",
        "&amp;",
        " ",
        " ",
        " ",
        "\n",
        "\n\n",
        "\t",
        "é",
        "中文",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    tokens=st.lists(_TOKENS, min_size=1, max_size=60),
    suffix=st.sampled_from([".txt", ".md", ".html"]),
)
def test_property_every_character_is_spoken_or_dropped(
    tmp_path_factory, recipe, casting, tokens: list[str], suffix: str
) -> None:
    path = tmp_path_factory.mktemp("gen") / f"doc{suffix}"
    path.write_text("".join(tokens), encoding="utf-8")
    try:
        plan = plan_file(path, recipe, casting)
    except InputError as error:
        assert "nothing to read aloud" in str(error)
        return
    data = plan_to_dict(plan)
    assert covered(data, plan.document.text) == []
    jsonschema.validate(data, SCHEMA)
    sentences = [s["sentence"] for s in data["segments"]]
    assert sentences == sorted(sentences)


def test_readme_documents_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("make demo", "make test", "earmark render", "earmark plan", "earmark voices"):
        assert command in readme


def test_footnote_markers_are_dropped_and_reported(tmp_path: Path, recipe, casting) -> None:
    path = tmp_path / "wiki.txt"
    path.write_text("He won the race.[3] The city[4] grew.¹ Plan B[a] failed[citation needed].\n",
                    encoding="utf-8")
    plan = plan_file(path, recipe, casting)
    assert [s.text for s in plan.segments] == ["He won the race.", "The city", "grew.", "Plan B",
                                               "failed"]
    assert [(plan.document.text[a:b], reason) for (a, b), reason in
            ((d.span, d.reason) for d in plan.dropped)] == [
        ("[3]", "footnote marker"), ("[4]", "footnote marker"), ("¹", "footnote marker"),
        ("[a]", "footnote marker"), ("[citation needed]", "footnote marker"),
        (".", "no words: punctuation only")]
    data = plan_to_dict(plan)
    assert covered(data, plan.document.text) == []


def test_the_statement_sample_loses_its_player_notice_and_nothing_else(recipe, casting) -> None:
    statement = ROOT.parent / "shared" / "samples" / "statement.txt"
    if not statement.is_file():
        pytest.skip("the shared statement sample is not beside this checkout")
    plan = plan_file(statement, recipe, casting)
    assert [(plan.document.text[d.span[0]:d.span[1]], d.reason) for d in plan.dropped] == [
        ("Your browser doesn’t support HTML5", "boilerplate: media player notice")]
    assert {q.speaker for q in plan.quotes} == {"Antony Blinken"}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(min_size=1, max_size=300), suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_property_arbitrary_unicode_never_breaks_the_plan(tmp_path_factory, recipe, casting,
                                                          text: str, suffix: str) -> None:
    path = tmp_path_factory.mktemp("uni") / f"doc{suffix}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        plan = plan_file(path, recipe, casting)
    except InputError as error:  # the documented refusals, one line each
        assert "\n" not in str(error)
        return
    data = plan_to_dict(plan)
    assert covered(data, plan.document.text) == []
