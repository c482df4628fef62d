"""The manifest of a render as a typed value: the plan plus where everything is in the audio.

Written once by the render (`build_manifest`, then `Manifest.to_dict` and `dumps`) and read by
everything that works on a finished render (sidecars, page, clips, check, batch) through
`Manifest.from_dict` / `load_manifest`. The JSON is schema "earmark.plan/1" (plan.schema.json);
`to_dict()` writes exactly the keys, in the order, that the plan JSON has, then the timings.
A malformed or foreign file is an InputError naming the file and what is wrong.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from earmark.errors import InputError
from earmark.model import Plan, Timeline
from earmark.planning.schema import SCHEMA, plan_to_dict

T = TypeVar("T")


class _Malformed(Exception):
    """Raised inside from_dict; becomes one InputError line naming the file."""


@dataclass(frozen=True, slots=True)
class Source:
    path: str
    """The input file as it was given to render."""
    format: str
    """The reader that read it: txt, md, html, epub."""
    chars: int
    """Length of the decoded text that every span indexes into."""
    fingerprint: str | None = None
    """`earmark batch`'s digest of input, recipe and voices file (absent outside batch)."""

    @classmethod
    def from_dict(cls, data: Any, where: str) -> Source:
        d = _object(data, where)
        return cls(_str(d, "path", where), _str(d, "format", where), _int(d, "chars", where),
                   _opt(d, "fingerprint", where, _str))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "format": self.format, "chars": self.chars}
        if self.fingerprint is not None:
            out["fingerprint"] = self.fingerprint
        return out


@dataclass(frozen=True, slots=True)
class ChapterEntry:
    index: int
    """0-based position in the document."""
    title: str
    """As shown in players and on the page."""
    first_segment: int
    """Index of its first segment."""
    last_segment: int
    """Index of its last segment (inclusive)."""
    start_ms: int
    """Where it starts in the audio."""
    end_ms: int
    """Where it ends: the next chapter's start, or the playable length for the last."""

    @classmethod
    def from_dict(cls, data: Any, where: str) -> ChapterEntry:
        d = _object(data, where)
        return cls(_int(d, "index", where), _str(d, "title", where),
                   _int(d, "first_segment", where), _int(d, "last_segment", where),
                   _int(d, "start_ms", where), _int(d, "end_ms", where))

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "title": self.title, "first_segment": self.first_segment,
                "last_segment": self.last_segment, "start_ms": self.start_ms,
                "end_ms": self.end_ms}


@dataclass(frozen=True, slots=True)
class SpeakerEntry:
    name: str
    """Canonical name ("narrator" for the narration)."""
    voice: str
    """The casting's voice name (narrator, pool-1 ...)."""
    aliases: tuple[str, ...] = ()
    """Other names the text gives them."""
    segments: tuple[int, ...] = ()
    """Indexes of the segments they speak."""

    @classmethod
    def from_dict(cls, data: Any, where: str) -> SpeakerEntry:
        d = _object(data, where)
        return cls(_str(d, "name", where), _str(d, "voice", where),
                   _strings(d, "aliases", where), _ints(d, "segments", where))

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "aliases": list(self.aliases), "voice": self.voice,
                "segments": list(self.segments)}


@dataclass(frozen=True, slots=True)
class QuoteEntry:
    span: tuple[int, int]
    """[start, end) in the source text, quotation marks included."""
    speaker: str | None
    """Canonical name, None when unknown."""
    aliases: tuple[str, ...] = ()
    """The names the attribution used."""
    cue: tuple[int, int] | None = None
    """Span of the attribution ("said Mayor Ruiz"), if any."""

    @classmethod
    def from_dict(cls, data: Any, where: str) -> QuoteEntry:
        d = _object(data, where)
        return cls(_span(d, "span", where), _nullable(d, "speaker", where, _str),
                   _strings(d, "aliases", where), _opt(d, "cue", where, _span))

    def to_dict(self) -> dict[str, Any]:
        return {"span": list(self.span), "speaker": self.speaker, "aliases": list(self.aliases),
                "cue": list(self.cue) if self.cue else None}


@dataclass(frozen=True, slots=True)
class SegmentEntry:
    index: int
    """0-based, in reading order."""
    chapter: int
    """Index of its chapter."""
    sentence: int
    """Index of its sentence (a segment never spans two)."""
    paragraph: int | None
    """Index of its paragraph (None in manifests written before paragraphs were recorded)."""
    kind: str
    """heading, narration or quote."""
    speaker: str | None
    """Canonical speaker name; None for a quote whose speaker is unknown."""
    voice: str
    """The casting's voice name."""
    text: str
    """The text as spoken (after pronunciation rules)."""
    caption: str
    """The source text as shown (captions, transcript)."""
    source_span: tuple[int, int]
    """[start, end) in the source text."""
    start_ms: int
    """Where its speech starts in the audio."""
    end_ms: int
    """Where its speech ends."""
    engine_voice: str
    """The voice the engine reported it used."""
    language: str | None = None
    """A language other than the document's, when the text marked one."""

    @classmethod
    def from_dict(cls, data: Any, where: str) -> SegmentEntry:
        d = _object(data, where)
        text = _str(d, "text", where)
        return cls(_int(d, "index", where), _int(d, "chapter", where),
                   _int(d, "sentence", where), _opt(d, "paragraph", where, _int),
                   _str(d, "kind", where), _nullable(d, "speaker", where, _str),
                   _str(d, "voice", where), text, _opt(d, "caption", where, _str) or text,
                   _span(d, "source_span", where), _int(d, "start_ms", where),
                   _int(d, "end_ms", where), _opt(d, "engine_voice", where, _str) or "",
                   _opt(d, "language", where, _str))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"index": self.index, "chapter": self.chapter,
                               "sentence": self.sentence}
        if self.paragraph is not None:
            out["paragraph"] = self.paragraph
        out.update({"kind": self.kind, "speaker": self.speaker, "voice": self.voice,
                    "text": self.text, "caption": self.caption,
                    "source_span": list(self.source_span)})
        if self.language:
            out["language"] = self.language
        out.update({"start_ms": self.start_ms, "end_ms": self.end_ms,
                    "engine_voice": self.engine_voice})
        return out


@dataclass(frozen=True, slots=True)
class DroppedEntry:
    span: tuple[int, int]
    """[start, end) in the source text that is not read aloud."""
    reason: str
    """Why, e.g. "boilerplate: media player notice"."""

    @classmethod
    def from_dict(cls, data: Any, where: str) -> DroppedEntry:
        d = _object(data, where)
        return cls(_span(d, "span", where), _str(d, "reason", where))

    def to_dict(self) -> dict[str, Any]:
        return {"span": list(self.span), "reason": self.reason}


@dataclass(frozen=True, slots=True)
class AudioFile:
    file: str
    """File name inside the render folder (never a path)."""
    format: str
    """mp3, m4b, opus or wav (for a publication: epub)."""
    mime: str
    """Its MIME type, for <source type>."""

    @classmethod
    def from_dict(cls, data: Any, where: str) -> AudioFile:
        d = _object(data, where)
        name = _str(d, "file", where)
        if not name or "/" in name or "\\" in name or name in (".", ".."):
            raise _Malformed(f"{where}.file: {name!r} is not a file name in the folder")
        return cls(name, _str(d, "format", where), _str(d, "mime", where))

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "format": self.format, "mime": self.mime}


@dataclass(frozen=True, slots=True)
class Loudness:
    profile: str
    """web, podcast, acx or none."""
    target: float | None = None
    """The level aimed at, in `target_unit` (None for profile none)."""
    target_unit: str | None = None
    """"LUFS" or "dB RMS"."""
    true_peak_db: float | None = None
    """Ceiling of the limiter."""
    voice_gain_db: tuple[tuple[str, float], ...] = ()
    """Gain applied to each voice, in the order measured."""

    @classmethod
    def from_dict(cls, data: Any, where: str) -> Loudness:
        d = _object(data, where)
        gains = _opt(d, "voice_gain_db", where, _object_at) or {}
        return cls(_str(d, "profile", where), _opt(d, "target", where, _number),
                   _opt(d, "target_unit", where, _str), _opt(d, "true_peak_db", where, _number),
                   tuple((name, _number(gains, name, f"{where}.voice_gain_db"))
                         for name in gains))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"profile": self.profile}
        if self.target is not None or self.target_unit is not None:
            out.update({"target": self.target, "target_unit": self.target_unit,
                        "true_peak_db": self.true_peak_db,
                        "voice_gain_db": dict(self.voice_gain_db)})
        return out


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What the document says about itself (front matter, an EPUB's package, a Gutenberg
    header), for what publishes the render (`earmark feed`); the audio tags hold the same."""

    author: str | None = None
    date: str | None = None
    """As the source gives it: a year, or an ISO date ("2026-11-02")."""
    publisher: str | None = None

    @classmethod
    def from_dict(cls, data: Any, where: str) -> DocumentInfo:
        d = _object(data, where)
        return cls(_opt(d, "author", where, _str), _opt(d, "date", where, _str),
                   _opt(d, "publisher", where, _str))

    def to_dict(self) -> dict[str, Any]:
        values = {"author": self.author, "date": self.date, "publisher": self.publisher}
        return {key: value for key, value in values.items() if value is not None}


@dataclass(frozen=True, slots=True)
class Manifest:
    source: Source
    """The input file."""
    title: str
    """The document's title."""
    language: str
    """Its BCP 47 language tag."""
    chapters: tuple[ChapterEntry, ...]
    """In order, contiguous from 0 to the playable length."""
    speakers: tuple[SpeakerEntry, ...]
    """The narrator and everyone quoted."""
    quotes: tuple[QuoteEntry, ...]
    """Every quotation found, in order (numbered from 1 by `earmark clip --quote`)."""
    segments: tuple[SegmentEntry, ...]
    """Everything spoken, in order, with its time in the audio."""
    dropped: tuple[DroppedEntry, ...]
    """Source text that is not read aloud, and why."""
    audio: AudioFile
    """The main audio file (the first format rendered)."""
    duration_ms: int
    """Its playable length (encoder delay and padding excluded)."""
    audio_files: tuple[AudioFile, ...]
    """Every format rendered; all share one timeline."""
    warnings: tuple[str, ...] = ()
    """What the planner reported (unknown voices, reader notes ...)."""
    loudness: Loudness | None = None
    """The loudness profile applied and the gains it took (absent in older manifests)."""
    publications: tuple[AudioFile, ...] = ()
    """Files that package the audio with the text (a read-along EPUB), on the same timeline;
    not audio files: a player cannot play them (absent when none was made)."""
    document: DocumentInfo = field(default_factory=DocumentInfo)
    """The document's author, date and publisher (absent when it gives none)."""
    schema: str = field(default=SCHEMA)
    """Always "earmark.plan/1"."""

    @classmethod
    def from_dict(cls, data: Any, origin: str = "manifest") -> Manifest:
        """A manifest from its JSON value; InputError naming `origin` if it is not one."""
        try:
            return cls._parse(data)
        except _Malformed as exc:
            raise InputError(f"{origin}: not a usable earmark manifest: {exc}") from None

    @classmethod
    def _parse(cls, data: Any) -> Manifest:
        if not isinstance(data, dict):
            raise _Malformed(f"a JSON {_kind(data)}, not an object")
        if data.get("schema") != SCHEMA:
            raise _Malformed(f"schema is {data.get('schema')!r}, expected {SCHEMA!r}")
        audio = _object_at(data, "audio", "audio")
        main = AudioFile.from_dict(audio, "audio")
        files = _list(data, "audio_files", AudioFile.from_dict, default=[main])
        segments = _list(data, "segments", SegmentEntry.from_dict)
        chapters = _list(data, "chapters", ChapterEntry.from_dict)
        if not segments or not chapters:
            raise _Malformed("no segments or no chapters")
        return cls(
            Source.from_dict(_object_at(data, "source", "source"), "source"),
            _str(data, "title", ""), _str(data, "language", ""), chapters,
            _list(data, "speakers", SpeakerEntry.from_dict, default=[]),
            _list(data, "quotes", QuoteEntry.from_dict, default=[]), segments,
            _list(data, "dropped", DroppedEntry.from_dict, default=[]), main,
            _int(audio, "duration_ms", "audio"), files, _strings(data, "warnings", ""),
            _opt(data, "loudness", "", lambda d, k, w: Loudness.from_dict(d[k], k)),
            _list(data, "publications", AudioFile.from_dict, default=[]),
            _opt(data, "document", "", lambda d, k, w: DocumentInfo.from_dict(d[k], k))
            or DocumentInfo(),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema": self.schema,
            "source": self.source.to_dict(),
            "title": self.title,
            "language": self.language,
            "chapters": [c.to_dict() for c in self.chapters],
            "speakers": [s.to_dict() for s in self.speakers],
            "quotes": [q.to_dict() for q in self.quotes],
            "segments": [s.to_dict() for s in self.segments],
            "dropped": [d.to_dict() for d in self.dropped],
            "warnings": list(self.warnings),
            "audio": {**self.audio.to_dict(), "duration_ms": self.duration_ms},
            "audio_files": [f.to_dict() for f in self.audio_files],
        }
        if self.loudness is not None:
            out["loudness"] = self.loudness.to_dict()
        if self.publications:
            out["publications"] = [f.to_dict() for f in self.publications]
        if self.document.to_dict():
            out["document"] = self.document.to_dict()
        return out

    @property
    def slug(self) -> str:
        """The render's folder and file stem."""
        return Path(self.audio.file).stem


def build_manifest(plan: Plan, timeline: Timeline, files: Sequence[AudioFile],
                   loudness: Mapping[str, Any], fingerprint: str | None = None,
                   publications: Sequence[AudioFile] = ()) -> Manifest:
    """The plan plus where everything is in the audio, as the render writes it.

    The plan's part is plan_to_dict's (the plan JSON is written in one place); `files[0]` is
    the main audio file, and every file shares the timeline."""
    data = plan_to_dict(plan)
    if fingerprint:
        data["source"]["fingerprint"] = fingerprint
    data["audio"] = {**files[0].to_dict(), "duration_ms": timeline.duration_ms}
    data["audio_files"] = [f.to_dict() for f in files]
    for entry, timing in zip(data["chapters"], timeline.chapters, strict=True):
        entry["start_ms"], entry["end_ms"] = timing.start_ms, timing.end_ms
    for entry, timing, used in zip(
        data["segments"], timeline.segments, timeline.engine_voices, strict=True
    ):
        entry["start_ms"], entry["end_ms"] = timing.start_ms, timing.end_ms
        entry["engine_voice"] = used
    data["loudness"] = dict(loudness)
    if publications:
        data["publications"] = [f.to_dict() for f in publications]
    meta = plan.document.metadata
    info = DocumentInfo(meta.author, meta.date, meta.publisher).to_dict()
    if info:
        data["document"] = info
    return Manifest.from_dict(data, "the render's manifest")


def read_manifest(path: Path) -> Manifest:
    """The manifest in a JSON file; InputError (one line naming the file) if it is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: unreadable manifest: {exc}") from None
    return Manifest.from_dict(data, str(path))


def load_manifest(folder: Path) -> Manifest:
    """The manifest of a rendered folder (OUT/<slug>/<slug>.json)."""
    manifests = [p for p in folder.glob("*.json") if p.stem == folder.name] or sorted(
        p for p in folder.glob("*.json") if not p.name.endswith(".chapters.json"))
    if not folder.is_dir() or not manifests:
        raise InputError(f"{folder}: not a rendered folder (no manifest <slug>.json)")
    return read_manifest(manifests[0])


# --- reading JSON values with one clear message for what is wrong -------------------------

def _kind(value: Any) -> str:
    return {dict: "object", list: "list", str: "string", bool: "boolean", type(None): "null",
            int: "number", float: "number"}.get(type(value), type(value).__name__)


def _at(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Malformed(f"{where} is a {_kind(value)}, expected an object")
    return value


def _object_at(d: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    if key not in d:
        raise _Malformed(f"{where} is missing")
    return _object(d[key], where)


def _need(d: dict[str, Any], key: str, where: str) -> Any:
    if key not in d:
        raise _Malformed(f"{_at(where, key)} is missing")
    return d[key]


def _str(d: dict[str, Any], key: str, where: str) -> str:
    value = _need(d, key, where)
    if not isinstance(value, str):
        raise _Malformed(f"{_at(where, key)} is a {_kind(value)}, expected a string")
    return value


def _int(d: dict[str, Any], key: str, where: str) -> int:
    value = _need(d, key, where)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Malformed(f"{_at(where, key)} is a {_kind(value)}, expected an integer")
    return value


def _number(d: dict[str, Any], key: str, where: str) -> float:
    value = _need(d, key, where)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Malformed(f"{_at(where, key)} is a {_kind(value)}, expected a number")
    return value


def _span(d: dict[str, Any], key: str, where: str) -> tuple[int, int]:
    value = _need(d, key, where)
    if (not isinstance(value, list) or len(value) != 2
            or any(isinstance(v, bool) or not isinstance(v, int) for v in value)):
        raise _Malformed(f"{_at(where, key)} is {value!r}, expected [start, end]")
    return value[0], value[1]


def _strings(d: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = d.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Malformed(f"{_at(where, key)} is not a list of strings")
    return tuple(value)


def _ints(d: dict[str, Any], key: str, where: str) -> tuple[int, ...]:
    value = d.get(key, [])
    if not isinstance(value, list) or any(isinstance(v, bool) or not isinstance(v, int)
                                          for v in value):
        raise _Malformed(f"{_at(where, key)} is not a list of integers")
    return tuple(value)


def _opt(d: dict[str, Any], key: str, where: str,
         read: Callable[[dict[str, Any], str, str], T]) -> T | None:
    """An optional key: absent or null is None."""
    return None if d.get(key) is None else read(d, key, where)


def _nullable(d: dict[str, Any], key: str, where: str,
              read: Callable[[dict[str, Any], str, str], T]) -> T | None:
    """A required key whose value may be null."""
    return None if _need(d, key, where) is None else read(d, key, where)


def _list(d: dict[str, Any], key: str, item: Callable[[Any, str], T],
          default: list[T] | None = None) -> tuple[T, ...]:
    if key not in d and default is not None:
        return tuple(default)
    value = _need(d, key, "")
    if not isinstance(value, list):
        raise _Malformed(f"{key} is a {_kind(value)}, expected a list")
    return tuple(item(entry, f"{key}[{n}]") for n, entry in enumerate(value))
