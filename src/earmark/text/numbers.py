"""Numbers as words, for speech: Roman numerals (espeak-ng reads "IV" as "roman four" and
"CHAPTER I" as "chapter eye") and chapter numbers."""

from __future__ import annotations

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
