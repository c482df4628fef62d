"""Text for speech: only what espeak-ng reads unlike a newsreader is rewritten."""

from __future__ import annotations

import pytest

from earmark.text.speech import for_speech


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("Visit https://www.example.com/news/2024/story?id=5 today.", "Visit example.com today."),
        ("See www.bbc.co.uk/news for more.", "See bbc.co.uk for more."),
        ("It costs $4.2 million, or £3.5m.",
         "It costs 4.2 million dollars, or 3.5 million pounds."),
        ("A ticket is $4.50, a coffee €1.", "A ticket is 4 dollars 50, a coffee 1 euro."),
        ("In 1999, since 2005, on June 5, 2023.", "In 19 99, since 2005, on June 5, 20 23."),
        ("The 1990s and the 2020s.", "The 19 nineties and the 20 twenties."),
        ("He counted 2024 people.", "He counted 2024 people."),
        ("Up 12.5% on the 3rd at 11:40 p.m.", "Up 12.5% on the 3rd at 11:40 p.m."),
        ("Write to jane.doe@example.org.", "Write to jane.doe@example.org."),
    ],
)
def test_what_espeak_reads_badly_is_rewritten_and_nothing_else(written: str, said: str) -> None:
    assert for_speech(written) == said
