"""The pipeline recipe: which settings each stage runs with (pipeline/*.toml).

Each section of the TOML file maps to one dataclass below; unknown keys and wrong types are
errors naming the file and the key, so a typo never silently falls back to a default.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_type_hints

from earmark.config.formats import FORMATS, MP3_RATES
from earmark.config.resources import load_toml, locate
from earmark.errors import ConfigError
from earmark.model import PCM


@dataclass(frozen=True, slots=True)
class IngestSettings:
    drop: dict[str, str] = field(default_factory=dict)
    """Page chrome: name -> regular expression. A paragraph that one matches entirely
    (case-insensitively) is not spoken; the plan lists it in `dropped` as "boilerplate: NAME"."""


    encoding: str = ""
    """The input's character encoding (a Python codec name: "latin-1", "cp1252" ...); empty:
    UTF-8, else the file's declaration, else detected (the plan's warnings say which).
    `--encoding` overrides it."""
    language: str = ""
    """The document's language (BCP 47, e.g. "fr"); empty: HTML's lang attribute, else "en".
    `--language` overrides both. A language other than English picks espeak-ng voices of that
    language (each voice keeps its variant)."""
    image_prefix: str = "Image: "
    """HTML and Markdown images are read as this prefix and their alt text (or, in a figure,
    its caption); an empty prefix leaves images out."""
    footnotes: str = "paragraph"
    """Footnotes (HTML and EPUB: epub:type="footnote", class="footnote"; Markdown: `[^1]`;
    plain text: Project Gutenberg's "[Footnote 1: …]", which stands after its paragraph):
    "paragraph" reads each one after the paragraph that refers to it, "place" where the source
    puts it (Markdown: after the text, as a rendered page shows them), "none" not at all
    (reported as dropped). A note is announced: "Note 1. … End of note." Note markers ("*",
    "[1]") are never spoken; endnotes are read where they are, as a section of their own."""
    drop_matter: tuple[str, ...] = ("copyright-page", "colophon", "index", "imprint")
    """Front and back matter that is not read, by EPUB structural type (epub:type, a
    landmark or an EPUB 2 guide reference; role="doc-..." in HTML), e.g. "titlepage",
    "dedication", "acknowledgments", "bibliography"; reported as dropped."""


@dataclass(frozen=True, slots=True)
class SegmentSettings:
    abbreviations: tuple[str, ...] = ()
    """Extra abbreviations (without the final dot) after which a sentence never ends."""
    emoji: str = "name"
    """Emoji: "name" reads each by its Unicode name ("grinning face"), "drop" leaves them out
    (reported as dropped, reason "emoji"). Captions keep them either way."""


@dataclass(frozen=True, slots=True)
class QuoteSettings:
    enabled: bool = True
    """Read quoted speech in the speakers' voices; false reads everything as narration."""
    unattributed_min_words: int = 6
    """A quotation nobody is said to have spoken is still speech when it has at least this many
    words, is a whole sentence or is a whole paragraph; shorter ones (scare quotes, titles,
    coined terms) stay with the narrator."""
    cue_max_words: int = 25
    """In "X said that ... “quote”", at most this many words between the verb and the quote."""
    dialogue_alternation: bool = True
    """In running dialogue, a paragraph of quotation without a cue goes to the speaker before
    last (speakers alternate); false gives it to the previous speaker."""
    paraphrase_quotes: bool = True
    """A quotation inside a sentence of paraphrase (Clinton said she was “proud to be a
    Democrat.”: a word, not a comma or colon, right before the opening mark, that is no verb
    of speaking, and the quotation starts in lower case or is no whole sentence) is read in
    the voice of the speaker its sentence names (true, the default); with nobody named, or
    one quoted word, the narrator reads it. False: the narrator reads every such quotation.
    PolNeAR, 840 training articles (paraphrase_cue_max_words 4): quoted characters voiced
    0.972, other characters narrated 0.975, speaker right 0.866 (true); 0.971 / 0.983 / 0.863
    (false); with 7 words: 0.972 / 0.973 / 0.866."""
    paraphrase_cue_max_words: int = 4
    """...and, when true, only within this many words of the cue that names the speaker ("Ruiz
    said that the council was “fully committed”": 4); a quotation further from its cue, a
    single quoted word, or one in a sentence that names nobody is read by the narrator."""
    speech_verbs: tuple[str, ...] = ()
    """Verbs of speaking to add to the built-in list (said, told, warned, added, ...)."""
    titles: tuple[str, ...] = ()
    """Titles to add to the built-in list (Secretary, Mayor, Dr, ...): words before a name
    that are not part of it ("Commissioner Osei" is the person "Osei")."""


@dataclass(frozen=True, slots=True)
class ChapterSettings:
    heading_max_level: int = 2
    """Headings of this level or higher (1 = h1) start a chapter; deeper ones are only read."""
    minutes_per_chapter: float = 1.0
    """When the document has no such heading: paragraphs are grouped into chapters of at least
    this many minutes of speech (estimated from the words at the narrator's rate)."""
    max_chapters: int = 40
    """...and chapters are made longer than that when the document would get more of them
    than this (a novel without headings gets this many, never one per paragraph)."""
    paragraphs_per_chapter: int = 1
    """...and a chapter has at least this many paragraphs."""
    untitled_words: int = 8
    """Chapters without a heading are titled with this many words of their first sentence."""


@dataclass(frozen=True, slots=True)
class PauseSettings:
    sentence_ms: int = 250
    """Silence between two sentences of a paragraph."""
    paragraph_ms: int = 700
    """Silence between paragraphs."""
    voice_change_ms: int = 150
    """Silence where the voice changes inside a sentence (narration to quote and back)."""
    list_item_ms: int = 400
    """Silence between two items of a list (instead of the paragraph pause)."""
    clause_ms: int = 200
    """Silence after an ellipsis or a spaced dash inside a sentence."""
    chapter_ms: int = 1500
    """Silence before a new chapter."""
    head_ms: int = 0
    """Silence at the start of the programme."""
    tail_ms: int = 500
    """Silence at the end of the programme."""


@dataclass(frozen=True, slots=True)
class LoudnessSettings:
    profile: str = "web"
    """"web" (-19 LUFS integrated, true peak -1.5 dBTP), "podcast" (-16 LUFS, -1 dBTP),
    "acx" (Audible: RMS -23..-18 dB, peaks -3 dB, 44.1 kHz 192 kbps MP3, room tone at both
    ends) or "none" (the engine's own levels). Every voice is matched to the target."""


@dataclass(frozen=True, slots=True)
class ExportSettings:
    format: str = "mp3"
    """Default output format: mp3, m4b, opus or wav (`--format` overrides)."""
    extra_formats: tuple[str, ...] = ()
    """More formats rendered from the same synthesis when `--format` is not given."""
    sample_rate: int = PCM.rate
    """Sample rate of the encoded file in Hz (not Opus: always 48 kHz); espeak-ng speaks at
    22050 Hz, which MP3 encodes in chunks; other rates are resampled by ffmpeg."""
    mp3_bitrate: str = "64k"
    """Constant bitrate of the MP3 (mono speech)."""
    m4b_bitrate: str = "48k"
    """AAC bitrate of the M4B."""
    opus_bitrate: str = "32k"
    """Opus bitrate, mono (32k is transparent for speech)."""
    chunk_seconds: int = 300
    """MP3 is encoded in chunks of about this length, in parallel, and cached per chunk
    (at least 1)."""
    genre: str = "Speech"
    """The genre tag of the audio when the document does not give one (books: "Audiobook")."""

    def default_formats(self) -> tuple[str, ...]:
        """What a render writes when `--format` is not given: `format`, then `extra_formats`."""
        return tuple(dict.fromkeys((self.format, *self.extra_formats)))


@dataclass(frozen=True, slots=True)
class Recipe:
    name: str
    path: str
    ingest: IngestSettings = field(default_factory=IngestSettings)
    segment: SegmentSettings = field(default_factory=SegmentSettings)
    quotes: QuoteSettings = field(default_factory=QuoteSettings)
    chapters: ChapterSettings = field(default_factory=ChapterSettings)
    pauses: PauseSettings = field(default_factory=PauseSettings)
    export: ExportSettings = field(default_factory=ExportSettings)
    loudness: LoudnessSettings = field(default_factory=LoudnessSettings)


_SECTIONS = {
    "ingest": IngestSettings,
    "segment": SegmentSettings,
    "quotes": QuoteSettings,
    "chapters": ChapterSettings,
    "pauses": PauseSettings,
    "export": ExportSettings,
    "loudness": LoudnessSettings,
}


def build(cls: type, data: dict[str, Any], where: str) -> Any:
    """Make a settings dataclass from a TOML table, rejecting unknown keys and wrong types."""
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a table")
    hints = get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in names:
            raise ConfigError(f"{where}: unknown key '{key}' (known: {', '.join(sorted(names))})")
        values[key] = _coerce(hints[key], value, f"{where}.{key}")
    return cls(**values)


_NAMES = {"tuple[str, ...]": "a list of strings", "dict[str, str]": "a table of strings"}


def _coerce(hint: Any, value: Any, where: str) -> Any:
    text = str(hint)
    if hint is bool or text == "bool":
        ok = isinstance(value, bool)
    elif hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
    elif hint is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif hint is str:
        ok = isinstance(value, str)
    elif text.startswith("dict[str, str]"):
        ok = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
        value = dict(value) if ok else value
    elif text.startswith("tuple[str"):
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        value = tuple(value) if ok else value
    else:  # pragma: no cover - a settings field of a type this function does not know
        raise TypeError(f"{where}: unsupported settings type {hint}")
    if not ok:
        raise ConfigError(f"{where}: expected {_NAMES.get(text, text)}, got {value!r}")
    return value


def load_recipe(name_or_path: str = "article") -> Recipe:
    path = locate("pipeline", name_or_path)
    data = load_toml(path)
    sections: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _SECTIONS:
            raise ConfigError(f"{path}: unknown section [{key}] (known: {', '.join(_SECTIONS)})")
        sections[key] = build(_SECTIONS[key], value, f"{path}: [{key}]")
    recipe = Recipe(name=path.stem, path=str(path), **sections)
    _validate(recipe, path)
    return recipe


def _validate(recipe: Recipe, path: Path) -> None:
    for name, pattern in recipe.ingest.drop.items():
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(
                f"{path}: [ingest.drop] {name}: bad pattern {pattern!r}: {exc}"
            ) from exc
    if recipe.segment.emoji not in ("name", "drop"):
        raise ConfigError(f"{path}: [segment] emoji must be name or drop, "
                          f"got {recipe.segment.emoji!r}")
    if recipe.ingest.footnotes not in ("paragraph", "place", "none"):
        raise ConfigError(f"{path}: [ingest] footnotes must be paragraph, place or none, "
                          f"got {recipe.ingest.footnotes!r}")
    if recipe.ingest.encoding:
        try:
            codecs.lookup(recipe.ingest.encoding)
        except LookupError:
            raise ConfigError(f"{path}: [ingest] encoding: unknown encoding "
                              f"{recipe.ingest.encoding!r}") from None
    for name in (recipe.export.format, *recipe.export.extra_formats):
        if name not in FORMATS:
            raise ConfigError(
                f"{path}: [export] format must be one of {', '.join(FORMATS)}, got {name!r}")
    if recipe.loudness.profile not in ("web", "podcast", "acx", "none"):
        raise ConfigError(f"{path}: [loudness] profile must be web, podcast, acx or none, "
                          f"got {recipe.loudness.profile!r}")
    if not 1 <= recipe.chapters.heading_max_level <= 6:
        raise ConfigError(f"{path}: [chapters] heading_max_level must be 1-6")
    if recipe.chapters.max_chapters < 1:
        raise ConfigError(f"{path}: [chapters] max_chapters must be at least 1")
    if recipe.chapters.minutes_per_chapter < 0:
        raise ConfigError(f"{path}: [chapters] minutes_per_chapter must not be negative")
    if recipe.chapters.paragraphs_per_chapter < 1:
        raise ConfigError(f"{path}: [chapters] paragraphs_per_chapter must be at least 1")
    validate_export(recipe.export, str(path))


def validate_export(export: ExportSettings, where: str) -> None:
    """Settings the encoders cannot take are errors naming the file (`where`) and the key:
    libmp3lame would silently change a bitrate its MPEG version does not have, libopus
    refuses over 256k (mono), and a chunk of 0 seconds cannot be planned."""
    if export.chunk_seconds < 1:
        raise ConfigError(f"{where}: [export] chunk_seconds must be at least 1, "
                          f"got {export.chunk_seconds}")
    if export.sample_rate not in MP3_RATES:
        raise ConfigError(f"{where}: [export] sample_rate must be one of "
                          f"{', '.join(map(str, sorted(MP3_RATES)))} (Hz), "
                          f"got {export.sample_rate}")
    for key in ("mp3_bitrate", "m4b_bitrate", "opus_bitrate"):
        value = getattr(export, key)
        if not re.fullmatch(r"[1-9]\d{0,2}k", value):
            raise ConfigError(f"{where}: [export] {key} must be kbit/s such as \"64k\", "
                              f"got {value!r}")
    allowed = MP3_RATES[export.sample_rate]
    if int(export.mp3_bitrate[:-1]) not in allowed:
        raise ConfigError(f"{where}: [export] mp3_bitrate must be one of MP3's constant "
                          f"bitrates at {export.sample_rate} Hz "
                          f"({', '.join(f'{k}k' for k in allowed)}), got {export.mp3_bitrate!r}")
    for fmt in FORMATS.values():
        if fmt.kbps is None or fmt.bitrate is None:
            continue
        low, high = fmt.kbps
        value = getattr(export, fmt.bitrate)
        if not low <= int(value[:-1]) <= high:
            raise ConfigError(f"{where}: [export] {fmt.bitrate} must be {low}k-{high}k "
                              f"({fmt.codec}), got {value!r}")
