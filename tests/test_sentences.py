from __future__ import annotations

import pytest

from earmark.text.sentences import split


def sentences(text: str, extra: tuple[str, ...] = ()) -> list[str]:
    return [text[a:b] for a, b in split(text, 0, len(text), extra)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith went to Washington. He met Sen. Jones at 9 a.m. The meeting was short.",
            [
                "Mr. Smith went to Washington.",
                "He met Sen. Jones at 9 a.m.",
                "The meeting was short.",
            ],
        ),
        (
            "The U.S. Secretary of State spoke. The U.S. economy grew.",
            ["The U.S. Secretary of State spoke.", "The U.S. economy grew."],
        ),
        (
            "He moved to the U.S. The next year he returned.",
            ["He moved to the U.S.", "The next year he returned."],
        ),
        (
            "Prices rose 3.5 percent. Rates held at 4.25%.",
            ["Prices rose 3.5 percent.", "Rates held at 4.25%."],
        ),
        (
            "J. K. Rowling wrote it. John F. Kennedy spoke.",
            ["J. K. Rowling wrote it.", "John F. Kennedy spoke."],
        ),
        ("“Stop!” she said. “Why?” He left.", ["“Stop!” she said.", "“Why?”", "He left."]),
        (
            "It was e.g. the best. Wait... What? Yes!! OK.",
            ["It was e.g. the best.", "Wait...", "What?", "Yes!!", "OK."],
        ),
        ("See No. 5 and Fig. 3. Done.", ["See No. 5 and Fig. 3.", "Done."]),
        (
            "He said: “It is here. China acts.” Then he left.",
            ["He said: “It is here.", "China acts.”", "Then he left."],
        ),
        ("to get its way.. . .The region grows.", ["to get its way.. . .", "The region grows."]),
        (
            "Gov. Ruiz (D.) spoke. (She left early.) Others stayed.",
            ["Gov. Ruiz (D.) spoke.", "(She left early.)", "Others stayed."],
        ),
        ("No full stop at the end", ["No full stop at the end"]),
    ],
)
def test_splits_like_a_reader_would(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_extra_abbreviations_from_the_recipe_prevent_a_split() -> None:
    text = "Talk to Supt. Green today."
    assert sentences(text) == ["Talk to Supt. Green today."]
    assert sentences("We met Brig. Lowe today.") == ["We met Brig.", "Lowe today."]
    assert sentences("We met Brig. Lowe today.", ("Brig",)) == ["We met Brig. Lowe today."]


def test_spans_are_trimmed_and_inside_the_range() -> None:
    text = "xx  One. Two.  yy"
    spans = split(text, 2, 15)
    assert [text[a:b] for a, b in spans] == ["One.", "Two."]
    assert all(2 <= a < b <= 15 for a, b in spans)


def test_french_guillemets_with_inner_spaces_start_a_sentence() -> None:
    assert sentences("Bonjour à tous. « Nous sommes prêts », dit-elle.") == [
        "Bonjour à tous.", "« Nous sommes prêts », dit-elle."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a time, then a title: a new sentence, unless the time opens the sentence
        ("The vote closed at 9 P.M. Mrs. Ortiz then read the result.",
         ["The vote closed at 9 P.M.", "Mrs. Ortiz then read the result."]),
        ("By 7 a.m. Dr. Patel had seen ten patients.",
         ["By 7 a.m. Dr. Patel had seen ten patients."]),
        ("They signed with Hale & Co. Ms. Reyes kept the minutes after that.",
         ["They signed with Hale & Co.", "Ms. Reyes kept the minutes after that."]),
        ("The U.S. Sen. Lopez voted no.", ["The U.S. Sen. Lopez voted no."]),
        # numbered and lettered list items written inline
        ("1.) Bring a pen 2.) Bring paper 3.) Arrive early",
         ["1.) Bring a pen", "2.) Bring paper", "3.) Arrive early"]),
        ("1) Read the notice. 2) Sign the form.", ["1) Read the notice.", "2) Sign the form."]),
        ("1. Open the door 2. Close the window", ["1. Open the door", "2. Close the window"]),
        ("a. Apples b. Pears c. Plums", ["a. Apples", "b. Pears", "c. Plums"]),
        ("• 4. Wash the cups • 5. Dry the plates", ["• 4. Wash the cups", "• 5. Dry the plates"]),
        ("⁃3. Print it ⁃4. Post it", ["⁃3. Print it", "⁃4. Post it"]),
        ("3. This item stands alone.", ["3. This item stands alone."]),
        # not lists: a chapter number, a list number referred to, numbers out of sequence
        ("Chapter 1. The start. Chapter 2. The end.",
         ["Chapter 1.", "The start.", "Chapter 2.", "The end."]),
        ("For 1. above, pay now; for 2. above, pay later.",
         ["For 1. above, pay now; for 2. above, pay later."]),
        ("It rose in 2019. Then in 2021. The fall came later.",
         ["It rose in 2019.", "Then in 2021.", "The fall came later."]),
        # the pronoun I versus an initial
        ("Nobody saw it but Ruth and I. Was Henry I. Wood there?",
         ["Nobody saw it but Ruth and I.", "Was Henry I. Wood there?"]),
        ("The letter came from Paul I. Moss today.", ["The letter came from Paul I. Moss today."]),
        ("Q. Who won? A. The council did.", ["Q. Who won?", "A. The council did."]),
        # N°. and dotted numbers
        ("It is filed under N°. 4417.220.18. Ask at the desk.",
         ["It is filed under N°. 4417.220.18.", "Ask at the desk."]),
        # no space between sentences (spans index the text: the cut is a position)
        ("It rained.Then it stopped.Dr. Kim left at 5,000.Nobody stayed.",
         ["It rained.", "Then it stopped.", "Dr. Kim left at 5,000.", "Nobody stayed."]),
        ("Write to Anna.Berg@example.org. Or see www.town.Example.org today.",
         ["Write to Anna.Berg@example.org.", "Or see www.town.Example.org today."]),
        # a line break inside a sentence is a space; a block of bare short lines is a list
        ("The bridge was closed \nfor repairs.", ["The bridge was closed \nfor repairs."]),
        ("The bridge was closed\nfor repairs.", ["The bridge was closed\nfor repairs."]),
        ("opening hours\nparking\nfood and drink\n",
         ["opening hours", "parking", "food and drink"]),
        ("A report by\nthe city council", ["A report by\nthe city council"]),
        # an ellipsis inside a sentence versus one closing it
        ("I thought . . . well, I was wrong . . . I admit it.",
         ["I thought . . . well, I was wrong . . . I admit it."]),
        ("She never called.... He waited anyway.", ["She never called....", "He waited anyway."]),
        ("He paused at the door . . . . Then he went in.",
         ["He paused at the door . . . .", "Then he went in."]),
        ("The rule was dropped. . . . Nobody missed it.",
         ["The rule was dropped.", ". . . Nobody missed it."]),
        ("Wait... What was that?", ["Wait...", "What was that?"]),
        ("“The plan [...] was never funded [...]” (Okafor 12). Work stopped.",
         ["“The plan [...] was never funded [...]” (Okafor 12).", "Work stopped."]),
        ("“It worked,” she wrote (Lee 2020). The board agreed.",
         ["“It worked,” she wrote (Lee 2020).", "The board agreed."]),
        ("He agreed. (She did not.) They left.", ["He agreed.", "(She did not.)", "They left."]),
    ],
)
def test_the_forms_of_issue_16_split_right(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_glued_sentences_are_cut_by_position_in_the_original_text() -> None:
    text = "xx Hello there.General Kenobi.Yes. yy"
    spans = split(text, 3, len(text) - 3)
    assert spans == [(3, 15), (15, 30), (30, 34)]
    assert [text[a:b] for a, b in spans] == ["Hello there.", "General Kenobi.", "Yes."]


def test_the_golden_rules_benchmark_passes_them_all() -> None:
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "sentences.py"
    spec = importlib.util.spec_from_file_location("sentence_rules", path)
    assert spec and spec.loader
    rules = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(rules)
    failing = [number for number, _, text, want in rules.RULES
               if rules.fold(sentences(text)) != rules.fold(want)]
    assert failing == []
