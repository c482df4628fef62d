"""A long test text made from the project's own samples: unique sentences, chapters, quotes.

Words are drawn (with a fixed seed) from the samples and the quote fixtures, so every sentence
is different (no segment repeats, as in a real book) and some paragraphs quote named people.
"""

from __future__ import annotations

import random
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEAKERS = ["Elena Ruiz", "Marcus Webb", "Tom Avery", "Priya Nair", "Ana Lima", "Kofi Mensah"]


def vocabulary() -> list[str]:
    with (ROOT / "tests" / "data" / "quotes" / "passages.toml").open("rb") as handle:
        texts = [p["text"] for p in tomllib.load(handle)["passage"]]
    texts.append((ROOT / "samples" / "library-vote.md").read_text(encoding="utf-8"))
    words = re.findall(r"[A-Za-z][a-z]+", " ".join(texts))
    return sorted({w.lower() for w in words if len(w) > 2})


def sentence(rng: random.Random, words: list[str]) -> str:
    chosen = rng.sample(words, rng.randint(8, 18))
    return chosen[0].capitalize() + " " + " ".join(chosen[1:]) + "."


def book(word_count: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    words = vocabulary()
    out: list[str] = []
    count = 0
    chapter = 0
    while count < word_count:
        if len(out) % 13 == 0:
            chapter += 1
            out.append(f"# Chapter {chapter}")
        sentences = [sentence(rng, words) for _ in range(rng.randint(3, 5))]
        if rng.random() < 0.3:
            quoted = sentence(rng, words)[:-1]
            sentences.append(f"“{quoted},” said {rng.choice(SPEAKERS)}.")
        paragraph = " ".join(sentences)
        count += len(paragraph.split())
        out.append(paragraph)
    return "\n\n".join(out) + "\n"


def dialogue(word_count: int, seed: int = 11) -> str:
    """A dialogue-heavy book: mostly short quoted lines, each its own paragraph, between
    short narration (as a children's novel: many short segments, many voices)."""
    rng = random.Random(seed)
    words = vocabulary()
    out: list[str] = []
    count = 0
    chapter = 0
    while count < word_count:
        if len(out) % 60 == 0:
            chapter += 1
            out.append(f"# Chapter {chapter}")
        line = " ".join(rng.sample(words, rng.randint(2, 9))).capitalize()
        speaker = rng.choice(SPEAKERS)
        if rng.random() < 0.25:
            paragraph = sentence(rng, words)
        elif rng.random() < 0.5:
            paragraph = f"“{line}!” said {speaker}."
        else:
            paragraph = f"“{line},” {speaker} said. “{sentence(rng, words)[:-1]}?”"
        count += len(paragraph.split())
        out.append(paragraph)
    return "\n\n".join(out) + "\n"


def plain(text: str) -> str:
    """The same text for a plain `espeak-ng -f`: heading marks removed."""
    return re.sub(r"^#+ ", "", text, flags=re.MULTILINE)


if __name__ == "__main__":
    import sys

    sys.stdout.write(book(int(sys.argv[1]) if len(sys.argv) > 1 else 22000))
