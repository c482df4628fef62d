"""Immutable values passed between stages.

Offsets are `[start, end)` Python character offsets into `Document.text`, the decoded input
(for Markdown and HTML: the text the reader extracted).
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from typing import TypeVar

Span = tuple[int, int]

_T = TypeVar("_T")


def quick_init(cls: type[_T]) -> type[_T]:
    """A frozen slots dataclass made as fast to create as a mutable one, still frozen: its
    __init__ sets each slot through the slot's own descriptor, where the one dataclass writes
    calls object.__setattr__ by name for every field (3.7 us against 1.8 us for eleven
    fields). For the values made once per sentence or quotation of a book; fields with a
    default factory are not supported."""
    params, body, names = [], [], {}
    for item in fields(cls):  # type: ignore[arg-type]
        if item.default_factory is not MISSING or not item.init:
            raise TypeError(f"quick_init: {cls.__name__}.{item.name} needs the dataclass __init__")
        names[f"_set_{item.name}"] = getattr(cls, item.name).__set__
        if item.default is MISSING:
            params.append(item.name)
        else:
            names[f"_default_{item.name}"] = item.default
            params.append(f"{item.name}=_default_{item.name}")
        body.append(f"    _set_{item.name}(self, {item.name})\n")
    exec(f"def __init__(self, {', '.join(params)}):\n{''.join(body)}", names)
    init = names["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[misc]
    return cls


@quick_init
@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-level unit of the document."""

    kind: str
    """"heading", "paragraph", "item" (of a list), "blockquote" or "image" (an image's alt
    text or caption, after the recipe's image prefix)."""
    span: Span
    """Where the block's text is in Document.text."""
    level: int = 0
    """Heading level 1-6; 0 for other blocks."""
    language: str | None = None
    """The block's own language when it differs from the document's (HTML lang=...)."""
    note: str | None = None
    """Set when the block is (part of) a footnote: its label ("3", "*" or ""). It is read
    announced: "Note 3. … End of note." """
    container: str | None = None
    """The structure the block is in, when its kind does not say: "ol" (an item of an
    ordered list), "table" (a table's caption or a row read with its header names),
    "figure" (an image's caption)."""


@dataclass(frozen=True, slots=True)
class Page:
    """A page break of the print edition (epub:type="pagebreak", role="doc-pagebreak")."""

    position: int
    """Where the next page starts in Document.text (at the block it is in or before)."""
    label: str
    """The page's number as printed ("12", "xiv")."""


@quick_init
@dataclass(frozen=True, slots=True)
class Dropped:
    """Text that is deliberately not spoken, and why."""

    span: Span
    reason: str


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the input says about itself (front matter, an EPUB's package, a Gutenberg header);
    it feeds the audio files' tags. Every field may be unknown."""

    author: str | None = None
    publisher: str | None = None
    date: str | None = None
    """As the source gives it (a year, or an ISO date)."""
    genre: str | None = None
    cover: bytes | None = None
    """The cover image's bytes (JPEG or PNG)."""
    cover_mime: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """What a reader extracted from an input file."""

    path: str
    format: str
    text: str
    title: str
    language: str
    blocks: tuple[Block, ...]
    dropped: tuple[Dropped, ...] = ()
    metadata: Metadata = field(default_factory=Metadata)
    warnings: tuple[str, ...] = ()
    """What the reader chose and the user should know (e.g. the encoding it decoded)."""
    pages: tuple[Page, ...] = ()
    """The print edition's page breaks, in order, when the input marks them."""


@quick_init
@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted passage; `span` includes its quotation marks."""

    span: Span
    speaker: str | None = None
    aliases: tuple[str, ...] = ()
    cue: Span | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class Segment:
    """The unit of synthesis: at most one sentence, one voice."""

    index: int
    chapter: int
    sentence: int
    paragraph: int
    kind: str
    """"heading", "narration" or "quote"."""
    speaker: str | None
    voice: str
    """The casting name of the voice (a key of the voices file), e.g. "narrator"."""
    text: str
    """The text as it will be spoken."""
    source_span: Span
    language: str | None = None
    """Set when the passage is in another language than the document (read in its voice)."""
    item: bool = False
    """Part of a list item (items are separated by the shorter list-item pause)."""


@dataclass(frozen=True, slots=True)
class Chapter:
    index: int
    title: str
    first_segment: int
    last_segment: int


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    voice: str
    aliases: tuple[str, ...] = ()
    gender: str | None = None
    """ "female", "male" or None (unknown), from what the text shows."""


@dataclass(frozen=True, slots=True)
class Plan:
    """The narration plan: everything needed to render, and nothing about audio."""

    document: Document
    chapters: tuple[Chapter, ...]
    speakers: tuple[Speaker, ...]
    quotes: tuple[Quote, ...]
    segments: tuple[Segment, ...]
    dropped: tuple[Dropped, ...]
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Timing:
    start_ms: int
    end_ms: int


@dataclass(frozen=True, slots=True)
class Timeline:
    """Where each segment and chapter sits in the assembled audio."""

    segments: tuple[Timing, ...]
    chapters: tuple[Timing, ...]
    duration_ms: int
    engine_voices: tuple[str, ...]
    """The voice the engine reported it used, per segment (read back after synthesis)."""


@dataclass(frozen=True, slots=True)
class PcmFormat:
    """The audio passed from the engine through assembly to every encoder: raw signed
    little-endian samples, channels interleaved. There is one, `PCM` (what espeak-ng speaks);
    a recipe's `export.sample_rate` is the rate of the *encoded* file, resampled by ffmpeg."""

    rate: int = 22050
    """Samples per second (per channel)."""
    width: int = 2
    """Bytes per sample (2: 16-bit)."""
    channels: int = 1
    """1: mono."""

    @property
    def frame_bytes(self) -> int:
        """Bytes per sample frame (one sample of every channel)."""
        return self.width * self.channels

    @property
    def full_scale(self) -> int:
        """The largest sample value (32767 at 16 bits)."""
        return (1 << (8 * self.width - 1)) - 1

    @property
    def ffmpeg_format(self) -> str:
        """ffmpeg's name for this raw stream (a muxer and demuxer), e.g. "s16le"."""
        return f"s{8 * self.width}le"

    @property
    def ffmpeg_codec(self) -> str:
        """ffmpeg's codec of these samples in a container (WAV), e.g. "pcm_s16le"."""
        return f"pcm_{self.ffmpeg_format}"

    def ffmpeg_input(self) -> list[str]:
        """ffmpeg's arguments to read this stream from its standard input."""
        return ["-f", self.ffmpeg_format, "-ar", str(self.rate), "-ac", str(self.channels),
                "-i", "-"]

    def ffmpeg_output(self) -> list[str]:
        """ffmpeg's arguments to decode any audio into this stream (the output path follows)."""
        return ["-ac", str(self.channels), "-ar", str(self.rate), "-f", self.ffmpeg_format]

    def silence(self, frames: int) -> bytes:
        return b"\0" * (frames * self.frame_bytes)


PCM = PcmFormat()
"""espeak-ng's output, which every stage keeps: 22,050 Hz, 16-bit, mono."""
