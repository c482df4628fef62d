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
