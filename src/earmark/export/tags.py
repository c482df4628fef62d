"""What every audio file says about itself: title, author, a narrator that is named as a
synthetic voice, year, genre, language and cover, taken from the plan (the document's own
metadata: an EPUB's package, front matter, a Gutenberg header) and the recipe. Each format
module writes them in its own tag system; this module only decides their values, and how a
chapter list is cut down to what a format can hold.

Audiobook players read an audiobook's author from the artist and album artist, its narrator from
the composer (Audiobookshelf, most Android players), its title from the album.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from earmark import __version__
from earmark.config.languages import iso639_2
from earmark.config.recipe import ExportSettings
from earmark.model import Chapter, Plan, Timing

NARRATOR = "Synthetic voice (espeak-ng, by earmark)"
"""The narrator field: a listener and a library must be able to tell the voice is synthetic."""

ENCODER = f"earmark {__version__} (synthetic narration: espeak-ng)"
"""The encoder field (ID3 TSSE, MP4 ©too, Vorbis ENCODER): what made the file, and that its
voices are synthetic (not ffmpeg's library name)."""


def and_list(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def voices_note(speakers: list[str]) -> str:
    """Who is speaking, honestly: every voice is synthetic, and whose words the quotations are
    (for the page, a clip's caption and every audio file's comment)."""
    if not speakers:
        return "Read by a synthetic voice (espeak-ng)."
    voices = "a synthetic voice" if len(speakers) == 1 else "synthetic voices"
    return (f"Read by a synthetic voice (espeak-ng); the quotations are {voices} reading the "
            f"words of {and_list(speakers)}, not recordings of them.")


@dataclass(frozen=True, slots=True)
class Tags:
    """The tag values of one render, the same in every format."""

    title: str
    author: str | None
    narrator: str
    year: str | None
    """The four-digit year of the document's date, when it has one."""
    genre: str
    language: str
    """The document's BCP 47 tag ("en", "en-US")."""
    language_iso: str
    """ISO 639-2 ("eng"), as ID3's TLAN and MP4's track language want it."""
    publisher: str | None
    cover: bytes | None
    cover_mime: str | None
    encoder: str
    comment: str
    """Whose words the synthetic voices read (voices_note)."""


def tags_for(plan: Plan, settings: ExportSettings) -> Tags:
    """The tags of a plan's audio."""
    meta = plan.document.metadata
    year = re.search(r"\b(\d{4})\b", meta.date or "")
    return Tags(
        title=plan.document.title,
        author=meta.author,
        narrator=NARRATOR,
        year=year.group(1) if year else None,
        genre=meta.genre or settings.genre,
        language=plan.document.language,
        language_iso=iso639_2(plan.document.language),
        publisher=meta.publisher,
        cover=meta.cover,
        cover_mime=meta.cover_mime,
        encoder=ENCODER,
        comment=voices_note([s.name for s in plan.speakers if s.name != "narrator"]),
    )


def runs_to_fit(count: int, limit: int) -> list[range]:
    """`count` consecutive items cut into at most `limit` runs of nearly equal length (one
    run per item when they fit)."""
    if count <= limit:
        return [range(i, i + 1) for i in range(count)]
    size, extra = divmod(count, limit)
    runs, start = [], 0
    for number in range(limit):
        end = start + size + (1 if number < extra else 0)
        runs.append(range(start, end))
        start = end
    return runs


def fit_chapters(chapters: tuple[Chapter, ...], timings: tuple[Timing, ...],
                 limit: int) -> list[tuple[str, Timing]]:
    """The chapter list as a format that holds at most `limit` chapters can take it: as it is
    when it fits, else consecutive chapters grouped into `limit` runs of nearly equal count,
    each titled by its first chapter and spanning the whole run."""
    return [(chapters[run[0]].title, Timing(timings[run[0]].start_ms, timings[run[-1]].end_ms))
            for run in runs_to_fit(len(chapters), limit)]
