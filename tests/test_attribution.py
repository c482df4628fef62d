"""Who speaks each quotation: the patterns news and fiction use."""

from __future__ import annotations

from pathlib import Path

import pytest

from earmark.planning.build import plan_file

_CHAT = "".join(f"“Is it {n} o’clock?” asked Ruth.\n\n“It is,” said her brother.\n\n"
                for n in ("one", "two", "three", "four", "five", "six", "seven", "eight"))
"""Sixteen quotations, eight of them questions: what makes a text one of dialogue."""


def speakers(tmp_path: Path, text: str, recipe, casting, suffix: str = ".txt") -> list:
    path = tmp_path / f"doc{suffix}"
    path.write_text(text, encoding="utf-8")
    plan = plan_file(path, recipe, casting)
    return [(plan.document.text[q.span[0] : q.span[1]], q.speaker) for q in plan.quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "“We expect a decision soon,” Jo Smith, 45, told reporters.",
            [("“We expect a decision soon,”", "Jo Smith")],
        ),
        ("“Never give up.” — Winston Churchill", [("“Never give up.”", "Winston Churchill")]),
        (
            "Analysts were cautious. “Costs are rising,” said Priya Shah of Barclays.",
            [("“Costs are rising,”", "Priya Shah")],
        ),
        ("“It is over.” Officials will meet again in May.", [("“It is over.”", None)]),
        (
            "Mary Jones came in. Mary pulled out a chair. “Sit down.”",
            [("“Sit down.”", "Mary Jones")],
        ),
        (
            "“We’ve heard the ‘trust us’ line,” said one resident.",
            [("“We’ve heard the ‘trust us’ line,”", "one resident")],
        ),
    ],
)
def test_cues(tmp_path: Path, recipe, casting, text: str, expected: list) -> None:
    assert speakers(tmp_path, text, recipe, casting) == expected


def test_scare_quotes_titles_and_terms_stay_with_the_narrator(
    tmp_path: Path, recipe, casting
) -> None:
    text = (
        "The so-called “reform” was shelved. Her novel “The Salt Road,” is out. "
        "Economists call it “shrinkflation”."
    )
    assert speakers(tmp_path, text, recipe, casting) == []


def test_a_title_inside_a_sentence_with_a_cue_stays_with_the_narrator(
    tmp_path: Path, recipe, casting
) -> None:
    # a show named in a sentence whose subject speaks: the show's name is no speech of hers,
    # whatever the cue; speech right after a verb of speaking is still speech
    text = (
        "Notes\n\nSenator Dana Ruiz told “Morning Call Live,” that the vote would hold.\n\n"
        "On Sunday Ruiz said on “This Week with Ken Ames.” that she was confident.\n\n"
        "Asked about her rival, Ruiz said “The Voters Decide” and left."
    )
    assert speakers(tmp_path, text, recipe, casting) == [("“The Voters Decide”", "Dana Ruiz")]


def test_threshold_for_unattributed_quotes_lives_in_the_recipe(
    tmp_path: Path, recipe, casting
) -> None:
    from dataclasses import replace

    text = "The sign read “keep off the grass at all times” in red."
    assert speakers(tmp_path, text, recipe, casting) == [
        ("“keep off the grass at all times”", None)
    ]
    strict = replace(recipe, quotes=replace(recipe.quotes, unattributed_min_words=10))
    assert speakers(tmp_path, text, strict, casting) == []


def test_one_person_many_names_and_two_people_one_surname(tmp_path: Path, recipe, casting) -> None:
    text = (
        "Secretary of State Antony Blinken landed on Monday. “We are here to listen,” "
        "Secretary Blinken said. “And to help,” Blinken added.\n\n"
        "Senator Mark Kelly agreed. Governor Laura Kelly did not. “Too costly,” Governor Kelly "
        "said. “Long overdue,” Senator Kelly said.\n\n“Fine,” he said."
    )
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    plan = plan_file(path, recipe, casting)
    assert [q.speaker for q in plan.quotes] == [
        "Antony Blinken",
        "Antony Blinken",
        "Laura Kelly",
        "Mark Kelly",
        "Mark Kelly",
    ]
    by_name = {s.name: s for s in plan.speakers}
    assert set(by_name["Antony Blinken"].aliases) == {
        "Secretary of State Antony Blinken",
        "Secretary Blinken",
        "Blinken",
    }
    assert by_name["Mark Kelly"].voice != by_name["Laura Kelly"].voice


def test_organisations_speak(tmp_path: Path, recipe, casting) -> None:
    text = (
        "“No civilians were hurt,” the Ministry of Defence said. In a statement, Harlow "
        "Water said: “Supplies are back.”"
    )
    assert speakers(tmp_path, text, recipe, casting) == [
        ("“No civilians were hurt,”", "Ministry of Defence"),
        ("“Supplies are back.”", "Harlow Water"),
    ]


def test_running_dialogue_alternates_and_can_be_turned_off(tmp_path: Path, recipe, casting) -> None:
    from dataclasses import replace

    text = "“Coming?” asked Tom.\n\n“No,” Ann said.\n\n“Why not?”\n\n“Too cold.”"
    assert [s for _, s in speakers(tmp_path, text, recipe, casting)] == ["Tom", "Ann", "Tom", "Ann"]
    flat = replace(recipe, quotes=replace(recipe.quotes, dialogue_alternation=False))
    assert [s for _, s in speakers(tmp_path, text, flat, casting)] == ["Tom", "Ann", "Ann", "Ann"]


def test_colon_introduces_the_next_paragraphs(tmp_path: Path, recipe, casting) -> None:
    text = (
        "These values are under threat, warned Secretary Ana Lima:\n\n“First.”\n\n"
        "“Second.”\n\nThe talks ended.\n\n“Third, unattributed and long enough to count.”"
    )
    assert speakers(tmp_path, text, recipe, casting) == [
        ("“First.”", "Ana Lima"),
        ("“Second.”", "Ana Lima"),
        ("“Third, unattributed and long enough to count.”", None),
    ]


def test_html_q_and_blockquote(tmp_path: Path, recipe, casting) -> None:
    text = (
        "<p>Engineer Yusuf Demir called it <q>the hardest job</q>.</p>"
        "<p>His deputy, Lena Park, put it this way:</p>"
        "<blockquote><p>Every metre was a fight.</p></blockquote>"
    )
    assert speakers(tmp_path, text, recipe, casting, ".html") == [
        ("“the hardest job”", "Yusuf Demir"),
        ("Every metre was a fight.", "Lena Park"),
    ]


def test_quotes_off_reads_everything_as_narration(tmp_path: Path, recipe, casting) -> None:
    from dataclasses import replace

    off = replace(recipe, quotes=replace(recipe.quotes, enabled=False))
    path = tmp_path / "doc.txt"
    path.write_text("“Hello there,” said Ann.", encoding="utf-8")
    plan = plan_file(path, off, casting)
    assert plan.quotes == () and {s.kind for s in plan.segments} == {"narration"}


def test_a_quotation_resuming_its_sentence_after_the_cue_is_the_same_speech(
    tmp_path: Path, recipe, casting
) -> None:
    text = (
        "“The roof leaks again,” said the old farmer; “it always does.”\n\n"
        "“How odd!” said the wife of the miller, “he is late.”\n\n"
        "“Come here,” said Mr. Prout, taking each child by the arm; “why are you out?”\n\n"
        "“You’re wet,” said Mr. Prout, who had a coat called “Old Faithful”.\n"
    )
    assert speakers(tmp_path, text, recipe, casting) == [
        ("“The roof leaks again,”", "the old farmer"), ("“it always does.”", "the old farmer"),
        ("“How odd!”", "the wife"), ("“he is late.”", "the wife"),
        ("“Come here,”", "Prout"), ("“why are you out?”", "Prout"),
        ("“You’re wet,”", "Prout"),
    ]


def test_an_indented_letter_is_narrated_and_an_introduced_song_is_sung(
    tmp_path: Path, recipe, casting
) -> None:
    chat = _CHAT
    text = chat + (
        "“It has come at last,” said Ruth, and she opened the envelope.\n\n"
        "     “Dear Cousin,\n\n"
        "     “We arrive on Tuesday by the late coach.\n\n"
        "     “Your loving Margaret.”\n\n"
        "“Tuesday!” cried her brother. “Then we have no time.”\n\n"
        "Ruth laughed, and began in a shaky voice to sing:--\n\n"
        "     “Over the hill and over the moor,\n"
        "     Who is that knocking at the door?”\n\n"
        "“Stop,” said her brother.\n"
    )
    assert speakers(tmp_path, text, recipe, casting)[16:] == [
        ("“It has come at last,”", "Ruth"),
        ("“Tuesday!”", "her brother"), ("“Then we have no time.”", "her brother"),
        ("“Over the hill and over the moor,\n     Who is that knocking at the door?”", "Ruth"),
        ("“Stop,”", "her brother"),
    ]


def test_opening_words_closed_on_a_comma_with_a_tag_after_are_speech(
    tmp_path: Path, recipe, casting
) -> None:
    text = (
        "“Cold today,” said Mr. Crane by the stove. “Will it snow?” asked Mr. Harker.\n\n"
        "“Not a flake more,” was the cheerful answer of Mr. Crane.\n\n"
        "“Too right,” Mr. Harker chimed in, rubbing his hands.\n"
    )
    assert speakers(tmp_path, text, recipe, casting) == [
        ("“Cold today,”", "Crane"), ("“Will it snow?”", "Harker"),
        ("“Not a flake more,”", "Crane"),
        ("“Too right,”", "Harker"),
    ]


def test_in_a_novel_a_paragraph_shown_after_a_colon_without_speaking_is_narrated(
    tmp_path: Path, recipe, casting
) -> None:
    chat = _CHAT
    text = chat + (
        "The old family Bible lay open at the page she knew best:\n\n"
        "“Thomas Ashby, born May 3, 1801, of Hill Farm in the parish of Leigh.”\n\n"
        "Ruth smiled, and then read it out to her brother:\n\n"
        "“Thomas Ashby, born May 3, 1801.”\n"
    )
    assert speakers(tmp_path, text, recipe, casting)[16:] == [
        ("“Thomas Ashby, born May 3, 1801.”", "Ruth"),
    ]


def test_in_a_novel_a_letter_closing_with_a_valediction_is_narrated(
    tmp_path: Path, recipe, casting
) -> None:
    chat = _CHAT
    text = chat + (
        "The post came at noon, and Ruth opened it at once.\n\n"
        "“The roads are bad and the coach was late, but we are safe in town.\n\n"
        "“Kiss the baby for me, and tell Father the mare is sold.\n\n"
        "“Yours ever,\n\n"
        "“Margaret.”\n\n"
        "“Sold!” cried her brother.\n\n"
        "“Whose is this glove?” asked Ruth.\n\n"
        "“Yours, I think.”\n\n"
        "Another came from Tom by the evening post.\n\n"
        "“All is well here, and the rain has stopped at last.”\n\n"
        "“The barn roof held through the storm.”\n\n"
        "“Yours, &c.”\n\n"
        "“Tom.”\n"
    )
    assert speakers(tmp_path, text, recipe, casting)[16:] == [
        ("“Sold!”", "her brother"), ("“Whose is this glove?”", "Ruth"),
        ("“Yours, I think.”", "her brother"),
    ]


def test_a_cue_after_a_dash_following_the_closing_mark(tmp_path: Path, recipe, casting) -> None:
    text = (
        "“Good night to you,”--said the squire, rising and walking off.\n\n"
        "“Sleep well,”--replied Mrs. Dale--“and mind the step.”\n"
    )
    assert speakers(tmp_path, text, recipe, casting) == [
        ("“Good night to you,”", "the squire"), ("“Sleep well,”", "Dale"),
        ("“and mind the step.”", "Dale"),
    ]


def test_a_long_clause_after_a_cue_keeps_its_speaker(tmp_path: Path, recipe, casting) -> None:
    # (a long clause of long words once took seconds here: benchmarks/plan.py measures speed)
    clause = " ".join(["extraordinarilyunremarkable"] * 5)
    text = f"“Go on,” said Mr. Vale, whose {clause} friends and “rebellious” people waited.\n"
    assert speakers(tmp_path, text, recipe, casting)[0] == ("“Go on,”", "Vale")
