"""Numbers and symbols as a newsreader says them; what was written stays in the captions."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from earmark.text.speech import for_speech


@pytest.mark.parametrize(("written", "said"), [
    ("The council voted 7-2 on Tuesday.", "The council voted 7 to 2 on Tuesday."),
    ("See pages 10-20.", "See pages 10 to 20."),
    ("scores of 3-1, 2–2 and 0-0", "scores of 3 to 1, 2 to 2 and 0 to 0"),
    ("between 1,000-2,000 people", "between 1,000 to 2,000 people"),
    ("in the 2019-20 season", "in the 20 19 to 20 season"),
    ("from 1990-1995", "from 19 90 to 19 95"),
    ("Call 555-0134 today.", "Call 5 5 5, 0 1 3 4 today."),
    ("or (555) 123-4567", "or 5 5 5, 1 2 3, 4 5 6 7"),
    ("Henry VIII married.", "Henry the Eighth married."),
    ("Pope John Paul II and King Charles III",
     "Pope John Paul the Second and King Charles the Third"),
    ("after World War II ended", "after World War 2 ended"),
    ("Super Bowl LVII", "Super Bowl 57"),
    ("It was 20°C, or 68 °F.", "It was 20 degrees Celsius, or 68 degrees Fahrenheit."),
    ("a 5 km run at 12 km/h", "a 5 kilometres run at 12 kilometres per hour"),
    ("1 kg of flour and 200 mg", "1 kilogram of flour and 200 milligrams"),
    ("his/her choice, and/or yours, 24/7", "his or her choice, and or yours, 24 7"),
])
def test_newsreader_forms(written: str, said: str) -> None:
    assert for_speech(written) == said


@pytest.mark.parametrize("kept", [
    "the 4-year-old", "COVID-19 cases", "on 2024-01-15", "Malcolm X spoke", "Size XL",
    "you and I. Did you see Albert I. Jones", "I went home", "v1.2-3", "A-1 sauce",
    "Up 12.5% at 11:40 p.m.",
])
def test_what_is_not_a_range_or_a_numeral_is_left_alone(kept: str) -> None:
    assert for_speech(kept) == kept


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
@pytest.mark.parametrize(("written", "wrong"), [
    ("voted 7-2", "d'aS"), ("pages 10-20", "d'aS"), ("in 2019-20", "T'aUz@nd"),
    ("call 555-0134", "h'VndrI2d"), ("Henry VIII", "r,oUm@n"), ("World War II", "r,oUm@n"),
    ("20°C", "dI2gr'i:z s'i:"), ("90 km/h", "sl'aS"), ("and/or", "sl'aS"),
])
def test_espeak_no_longer_says_it_wrong(written: str, wrong: str) -> None:
    """The engine's own phonemes (`espeak-ng -x`) of the written form have the wrong reading
    ("dash", "two thousand", "five hundred", "roman", "degrees C", "slash"); those of the
    spoken form do not."""
    def phonemes(text: str) -> str:
        return subprocess.run(["espeak-ng", "-q", "-x", "--", text], capture_output=True,
                              text=True, check=True).stdout

    assert wrong in phonemes(written)
    assert wrong not in phonemes(for_speech(written))
