"""Numbers and symbols for the ear, and numbers as words.

The forms a newsreader says differently from espeak-ng (each checked with `espeak-ng -q -x`,
which reads the written form as shown):

    voted 7-2            "seven dash two"              -> "7 to 2"
    pages 10-20          "ten dash twenty"             -> "10 to 20"
    in 2019-20           "two thousand nineteen dash twenty" -> "20 19 to 20" (twenty nineteen)
    call 555-0134        "five hundred fifty-five dash ..." -> "5 5 5, 0 1 3 4"
    Henry VIII           "Henry roman eight"           -> "Henry the Eighth"
    World War II         "World War roman two"         -> "World War Two"
    20°C                 "twenty degrees C"            -> "20 degrees Celsius"
    5 km, 90 km/h        "five K M", "K M slash H"     -> "5 kilometres", "90 kilometres per hour"
    and/or, his/her      "and slash or"                -> "and or", "his or her"
    24/7                 "twenty-four slash seven"     -> "24 7"
Percentages, ordinals ("3rd"), times ("10:30", "6 P.M."), "&" and "1,000,000" espeak-ng already
says well; they are left alone. Captions keep what was written: only the engine's text changes.
Chapter headings get their numbers as words ("CHAPTER I" -> "Chapter One"; espeak-ng says
"chapter eye"): NUMBER_WORD, number_words, roman_value.
"""

from __future__ import annotations

import re

from earmark.text import regexes as rx

NUMBER_WORD = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ]?(?:one|two|"
                r"three|four|five|six|seven|eight|nine|first|second|third|fourth|fifth|sixth|"
                r"seventh|eighth|ninth))?|eleventh|twelfth|thirteenth|fourteenth|fifteenth|"
                r"sixteenth|seventeenth|eighteenth|nineteenth|twentieth|first|second|third|"
                r"fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|one|two|three|four|"
                r"five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                r"sixteen|seventeen|eighteen|nineteen|hundred)")
"""A number in words ("one", "twenty-first", "last"), as a regular expression."""

UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen sixteen seventeen eighteen nineteen").split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()

def roman_value(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for index, char in enumerate(numeral.upper()):
        value = values[char]
        following = values[numeral.upper()[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def number_words(number: int) -> str:
    """1 -> "One", 21 -> "Twenty-One", 104 -> "One Hundred Four" (for the spoken label)."""
    if number < 20:
        return UNITS[number].capitalize()
    if number < 100:
        tens, unit = divmod(number, 10)
        return TENS[tens].capitalize() + (f"-{UNITS[unit].capitalize()}" if unit else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        return f"{UNITS[hundreds].capitalize()} Hundred" + (f" {number_words(rest)}"
                                                             if rest else "")
    return str(number)

# a number that is not part of a longer token (a date 2024-01-15, a code COVID-19, an id)
_NUM = r"(?<![\w.,/-])((?:\d{1,3}(?:,\d{3})+|\d{1,4})(?:\.\d+)?)"
# a phone number: with its area code, or after a word that announces one ("call 555-0134");
# a bare 100-1000 is a range
_PHONE = rx.compile(r"(?<![\w-])(?:\((\d{3})\)\s?|(\d{3})[-.])(\d{3})[-.](\d{4})(?![\w-])")
_PHONE_CUED = rx.compile(
    r"\b((?i:call|phone|telephone|tel|fax|dial|text|number|hotline|line)\.?:?\s+)"
    r"(\d{3})-(\d{4})(?![\w-])")
_RANGE = rx.compile(
    rf"{_NUM}\s?[-–]\s?((?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,4}})(?:\.\d+)?)(?![\w/-]|[.,]\d)")
# seasons and spans of years: "2019-20", "1990-1995" (read as years: "twenty nineteen")
_YEARS = rx.compile(r"(?<![\w.,/-])(19[1-9]\d|20[1-9]\d)[-–](\d{2}|19[1-9]\d|20\d\d)"
                    r"(?![\w/-]|[.,]\d)")
_DIGIT_OR_SLASH = rx.compile(r"[\d/°℃℉]")  # what the number rules need; most text has none
_ANY_ROMAN = rx.compile(r"\s[IVXLC]+\b")
_ROMAN = r"(?:(?:XL|XC|L?X{0,3})(?:IX|IV|V?I{0,3}))"
_REGNAL = r"(?:X{0,3}(?:IX|IV|V?I{0,3}))"
_SERIES = ("War|Chapter|Part|Book|Volume|Vol\\.|Act|Scene|Phase|Stage|Class|Type|Grade|Level|"
           "Article|Title|Section|Appendix|Schedule|Bowl|Vatican|Apollo|Mark|Mk|Episode|Season|"
           "Series|Round|Division|Tier|Category|Zone|Step|Letter|Stave|Canto|Psalm|Figure|Table|"
           "Plate|Form")
_SERIES_WORDS = tuple(word.replace("\\.", ".").lower() for word in _SERIES.split("|"))
"""What _AFTER_SERIES needs in a text, as plain words: in ASCII text, where its (?i) matches
what lower() finds, one look for them is a tenth of the time of the substitution's search
(which tries its forty words at every position)."""
_AFTER_SERIES = rx.compile(rf"\b((?i:{_SERIES}))\s+({_ROMAN})\b(?!['’]\w|\.\w)")
_AFTER_NAME = rx.compile(
    # "\b[A-Z]" written as the capital, then the look-behind: a search skips to the capitals
    rf"([A-Z](?<!\w.)[a-z]+)\s+((?!I\b|V\b|X\b){_REGNAL}|I(?=[,;:)!?]|\.(?!\s+[A-Z])|$))\b"
    r"(?!['’]\w|\.\w)")
_UNITS = {
    "km/h": ("kilometre per hour", "kilometres per hour"), "kph": ("kilometre per hour",
                                                               "kilometres per hour"),
    "mph": ("mile per hour", "miles per hour"), "m/s": ("metre per second",
                                                      "metres per second"),
    "km": ("kilometre", "kilometres"), "cm": ("centimetre", "centimetres"),
    "mm": ("millimetre", "millimetres"), "kg": ("kilogram", "kilograms"),
    "mg": ("milligram", "milligrams"), "lb": ("pound", "pounds"), "lbs": ("pound", "pounds"),
    "oz": ("ounce", "ounces"), "ft": ("foot", "feet"), "mi": ("mile", "miles"),
    "kW": ("kilowatt", "kilowatts"), "MW": ("megawatt", "megawatts"),
    "GW": ("gigawatt", "gigawatts"), "kWh": ("kilowatt hour", "kilowatt hours"),
    "GHz": ("gigahertz", "gigahertz"), "MHz": ("megahertz", "megahertz"),
    "GB": ("gigabyte", "gigabytes"), "MB": ("megabyte", "megabytes"),
    "TB": ("terabyte", "terabytes"), "ha": ("hectare", "hectares"),
    "°C": ("degree Celsius", "degrees Celsius"), "°F": ("degree Fahrenheit",
                                                     "degrees Fahrenheit"),
    "℃": ("degree Celsius", "degrees Celsius"), "℉": ("degree Fahrenheit",
                                                   "degrees Fahrenheit"),
}
_UNIT = rx.compile(
    r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)\s?("
    + "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
    + r")(?![\w/])")
_OR_PAIR = rx.compile(r"\b(and/or|his/her|he/she|him/her|s/he|yes/no|either/or)\b",
                      re.IGNORECASE)
_SLASH_WORDS = {"and/or": "and or", "his/her": "his or her", "he/she": "he or she",
                "him/her": "him or her", "s/he": "she or he", "yes/no": "yes or no",
                "either/or": "either or"}
_TWENTY_FOUR_SEVEN = rx.compile(r"(?<![\w/])24/7(?![\w/])")

_ORDINALS = ["", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth",
             "Ninth", "Tenth", "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth",
             "Sixteenth", "Seventeenth", "Eighteenth", "Nineteenth", "Twentieth"]


def _ordinal(number: int) -> str:
    if number < len(_ORDINALS):
        return _ORDINALS[number]
    tens = ["", "", "Twenty", "Thirty", "Forty", "Fifty"][number // 10]
    return f"{tens}-{_ORDINALS[number % 10]}" if number % 10 else f"{tens[:-1]}ieth"


def _digits(groups: tuple[str | None, ...]) -> str:
    """Digit groups read digit by digit, a pause between groups ("5 5 5, 0 1 3 4")."""
    return ", ".join(" ".join(group) for group in groups if group)


def _year(year: str) -> str:
    """A year as it is said: "2019" -> "20 19" (espeak-ng: "twenty nineteen"); 2000-2009 and
    years ending in 00 are said well as they are."""
    if len(year) == 4 and year[2] != "0" and not year.startswith("200"):
        return f"{year[:2]} {year[2:]}"
    return year


def _years(match: re.Match[str]) -> str:
    first, second = match.groups()
    return f"{_year(first)} to {_year(second)}"


def _unit(match: re.Match[str]) -> str:
    amount, unit = match.groups()
    singular, plural = _UNITS[unit]
    return f"{amount} {singular if amount == '1' else plural}"


def for_the_ear_needed(text: str) -> bool:
    """Whether for_the_ear can change text: it has a digit, a slash or a degree sign, or a
    word that could be a Roman numeral (most sentences have none)."""
    return bool(_DIGIT_OR_SLASH.search(text) or _ANY_ROMAN.search(text))


def for_the_ear(text: str) -> str:
    """The rewrites above, in an order that keeps them apart (phone numbers before ranges,
    units before the slash words)."""
    if _DIGIT_OR_SLASH.search(text):
        text = _PHONE.sub(lambda m: _digits(m.groups()), text)
        text = _PHONE_CUED.sub(lambda m: m.group(1) + _digits(m.groups()[1:]), text)
        text = _YEARS.sub(_years, text)
        text = _RANGE.sub(r"\1 to \2", text)
        text = _UNIT.sub(_unit, text)
        text = _TWENTY_FOUR_SEVEN.sub("24 7", text)
        text = _OR_PAIR.sub(lambda m: _SLASH_WORDS[m.group(1).lower()], text)
    if _ANY_ROMAN.search(text):
        lower = text.lower()
        if not text.isascii() or any(word in lower for word in _SERIES_WORDS):
                text = _AFTER_SERIES.sub(lambda m: f"{m.group(1)} {roman_value(m.group(2))}"
                                     if m.group(2) else m.group(0), text)
        text = _AFTER_NAME.sub(lambda m: f"{m.group(1)} the {_ordinal(roman_value(m.group(2)))}"
                               if m.group(2) else m.group(0), text)
    return text
