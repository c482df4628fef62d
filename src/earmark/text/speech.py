"""Text for speech: rewrite only what espeak-ng reads unlike a newsreader (checked with
`espeak-ng -x`): it reads

- a URL character by character ("h t t p s colon slash slash w w w dot ...") -> its site name;
- "$4.2 million" as "dollar four point two million" -> "4.2 million dollars", "£3.5m" ->
  "3.5 million pounds", "$4.50" -> "4 dollars 50";
- a year after "in", "since", a month ... as "two thousand twenty four" -> "twenty twenty-four"
  (years 1910-1999 and 2010-2099; "2005" and "1900" it already reads well);
- decades: "the 1990s" as "nineteen hundred ninety s" -> "nineteen nineties".
Percentages, ordinals, times ("11:40 p.m."), initialisms ("U.S.") and e-mail addresses it
already reads well, and they are left alone. Ranges, scores, phone numbers, units, Roman
numerals after names and slashes: earmark.text.numbers.
"""

from __future__ import annotations

import re

from earmark.text import regexes as rx
from earmark.text.numbers import NUMBER_WORD, for_the_ear, for_the_ear_needed

_URL = rx.compile(r"\b(?:https?://|www\.)(?:www\.)?([\w-]+(?:\.[\w-]+)+)(?:[/?#][^\s]*)?",
                  re.IGNORECASE)
_MONEY = rx.compile(
    r"([$£€])\s?(\d[\d,]*(?:\.\d+)?)(?:\s?(million|billion|trillion|thousand|bn|m|k)\b)?",
    re.IGNORECASE)
_CURRENCY = {"$": ("dollar", "dollars"), "£": ("pound", "pounds"), "€": ("euro", "euros")}
_SCALE = {"m": "million", "bn": "billion", "k": "thousand"}
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
           "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_YEAR = rx.compile(
    rf"\b((?i:in|since|by|from|until|till|to|of|during|before|after|around|year|{_MONTHS})"
    rf"(?:\s+\d{{1,2}},?)?\s+)(19[1-9]\d|20[1-9]\d)\b(?!s)")
_DECADE = rx.compile(r"\b(1[1-9]|20)([1-9])0s\b")
_DECADES = {"1": "tens", "2": "twenties", "3": "thirties", "4": "forties", "5": "fifties",
            "6": "sixties", "7": "seventies", "8": "eighties", "9": "nineties"}


def _money(match: re.Match[str]) -> str:
    symbol, amount, scale = match.groups()
    singular, plural = _CURRENCY[symbol]
    if scale:
        scale = _SCALE.get(scale.lower(), scale.lower())
        return f"{amount} {scale} {plural}"
    whole, _, cents = amount.partition(".")
    unit = singular if whole.replace(",", "") == "1" else plural
    if len(cents) == 2 and cents != "00":
        return f"{whole} {unit} {cents.lstrip('0') or '0'}"
    return f"{amount} {unit}"


def for_speech(text: str) -> str:
    """Text as the engine should read it: numbers, currency, dates and symbols written out
    for the ear (captions keep what was written)."""
    # each rule only where its trigger is (most segments have no URL, money or number)
    url = "www." in text or "://" in text
    money = "$" in text or "£" in text or "€" in text
    if not (url or money or for_the_ear_needed(text)):
        return text  # (nor has it a digit for the years below)
    if url:
        text = _URL.sub(lambda m: m.group(1), text)
    if money:
        text = _MONEY.sub(_money, text)
    text = for_the_ear(text)
    if _DIGIT.search(text):
        if _A_YEAR.search(text):
            text = _YEAR.sub(lambda m: f"{m.group(1)}{m.group(2)[:2]} {m.group(2)[2:]}", text)
        text = _DECADE.sub(lambda m: f"{m.group(1)} {_DECADES[m.group(2)]}", text)
    return text


_DIGIT = rx.compile(r"\d")
_A_YEAR = rx.compile(r"(?:19[1-9]|20[1-9])\d\b")  # what _YEAR needs (and is slow to find)


_LABEL = rx.compile(
    r"(?P<word>(?i:book|part|volume|chapter|letter|stave|adventure|canto|fit|lecture|essay|"
    r"story|tale|act|appendix))\.?\s+(?P<number>(?i:[IVXLCDM]+)\b|\d+\b|(?i:(?:the\s+)?"
    + NUMBER_WORD + r")\b)(?P<sep>\s*(?:[.:;—–]|--?)\s*|\s+|$)")
_NUMERAL = rx.compile(r"(?P<number>[IVXLC]+)(?:\.\s+|\.?$)")
EMPHASIS_MARKERS = rx.compile(r"(?<![^\W_])[_*=]+(?=[^\W_])|(?<=[^\s_*=])[_*=]+(?![^\W_])")
"""Plain-text emphasis markers at a word's edges ("_Honey!_", "*big*", "=bold="): never spoken,
and left out of chapter titles."""


def heading_for_speech(text: str) -> str:
    """A book heading as a listener expects it: "CHAPTER I. Down the Rabbit-Hole" -> "Chapter
    One. Down the Rabbit-Hole", "STAVE ONE" -> "Stave One", "IV." -> "Four."; a label
    followed by a title without punctuation gets a full stop ("Chapter One. The Title").
    The text comes without its emphasis markers (see without_markup)."""
    from earmark.text.numbers import number_words, roman_value

    match = _LABEL.match(text)
    if match:
        number = match.group("number")
        if re.fullmatch(r"(?i:[IVXLCDM]+)", number) and _proper(number):
            number = number_words(roman_value(number))
        elif not number.isdigit():
            number = " ".join(w if w.lower() == "the" else w.capitalize()
                              for w in number.lower().split())
            number = number.replace("The ", "the ")
        word = match.group("word").capitalize()
    else:
        match = _NUMERAL.match(text)
        if not match or not _proper(match.group("number")):
            return text
        number, word = number_words(roman_value(match.group("number"))), ""
    rest = text[match.end():].strip()
    label = f"{word} {number}".strip()
    return f"{label}. {rest}" if rest else f"{label}."


def _proper(numeral: str) -> bool:
    return bool(re.fullmatch(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})",
                             numeral.upper()))


def without_markup(text: str) -> str:
    """Emphasis markers of plain text ("_Honey!_", "*big*", "=bold=", "_my_self", "221_b_") left
    out: espeak-ng says "exclamation", "underscore" and "asterisk" for them. The words stay; an
    underscore inside a word with no marker at its edges ("snake_case") becomes a space."""
    if "_" not in text and "*" not in text and "=" not in text:
        return text
    text = EMPHASIS_MARKERS.sub("", text)
    if "_" in text:
        text = _TOKEN.sub(_token, text)
    return text.replace("*", "")


_TOKEN = rx.compile(r"\S*_\S*")


def _token(match: re.Match[str]) -> str:
    token = match.group()
    return token.replace("_", "" if token.strip("_") != token or "__" in token else " ")
