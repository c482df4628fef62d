"""The casting file (voices/*.toml): which engine voice reads what.

narrator = "narrator"          # the voice that reads prose and headings
quote = "quote"                # the voice for quotes whose speaker is unknown
pool = ["pool-1", "pool-2"]    # voices handed to named speakers, in this order
[voices.narrator]              # one table per voice
engine_voice = "en-us"         # an espeak-ng voice name, optionally with a +variant
gender = "male"                # "female", "male" or "" (either): who the voice may read
[speakers."Antony Blinken"]    # fixed speaker -> voice mappings win over the pool
voice = "pool-2"
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from earmark.config.lexicon import Lexicon, load_lexicons
from earmark.config.recipe import build
from earmark.config.resources import load_toml, locate
from earmark.errors import ConfigError


@dataclass(frozen=True, slots=True)
class VoiceSettings:
    engine_voice: str = "en-us"
    """espeak-ng voice name as the engine selects it: "en-us", "en-gb-x-rp", "en-us+f3"."""
    rate: int = 175
    """Speaking rate in words per minute (espeak-ng: 80-450)."""
    pitch: int = 50
    """Base pitch, 0-99."""
    volume: float = 1.0
    """Amplitude, 0.0-2.0."""
    gender: str = ""
    """ "female" or "male": the voice is handed to speakers of that gender (or of unknown
    gender); "" (the default): to anyone."""


@dataclass(frozen=True, slots=True)
class Casting:
    name: str
    path: str
    narrator: str
    quote: str
    pool: tuple[str, ...]
    voices: dict[str, VoiceSettings] = field(hash=False)
    speakers: dict[str, str] = field(hash=False)
    """Fixed mappings: canonical speaker name -> voice name."""
    lexicon: Lexicon = field(default_factory=Lexicon, hash=False)
    """Pronunciations from the files listed under `lexicons`."""

    def settings(self, voice: str) -> VoiceSettings:
        return self.voices[voice]


GENDERS = ("", "female", "male")
_TOP_KEYS = {"narrator", "quote", "pool", "voices", "speakers", "lexicons"}


def load_casting(name_or_path: str = "default") -> Casting:
    """A casting (voices) file by name or path, validated, with its lexicons loaded."""
    path = locate("voices", name_or_path)
    data = load_toml(path)
    where = str(path)
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise ConfigError(
            f"{where}: unknown key '{sorted(unknown)[0]}' (known: {', '.join(sorted(_TOP_KEYS))})"
        )
    raw_voices = data.get("voices")
    if not isinstance(raw_voices, dict) or not raw_voices:
        raise ConfigError(f"{where}: needs at least one [voices.NAME] table")
    voices = {
        name: build(VoiceSettings, table, f"{where}: [voices.{name}]")
        for name, table in raw_voices.items()
    }
    for name, settings in voices.items():
        _check_ranges(settings, f"{where}: [voices.{name}]")
    narrator = _voice_ref(data.get("narrator", "narrator"), voices, f"{where}: narrator")
    quote = _voice_ref(data.get("quote", "quote"), voices, f"{where}: quote")
    pool_raw = data.get("pool", [])
    if not isinstance(pool_raw, list):
        raise ConfigError(f"{where}: pool must be a list of voice names")
    pool = tuple(_voice_ref(v, voices, f"{where}: pool") for v in pool_raw)
    speakers: dict[str, str] = {}
    for speaker, table in _table(data.get("speakers", {}), f"{where}: speakers").items():
        table = _table(table, f"{where}: [speakers.{speaker!r}]")
        if set(table) != {"voice"}:
            raise ConfigError(f"{where}: [speakers.{speaker!r}] takes exactly one key, voice")
        speakers[speaker] = _voice_ref(table["voice"], voices, f"{where}: [speakers.{speaker!r}]")
    paths = _lexicon_paths(path, data)
    for lexicon_path in paths:
        if not lexicon_path.is_file():
            raise ConfigError(f"{where}: lexicon {lexicon_path} not found")
    lexicon = load_lexicons(paths)
    return Casting(path.stem, where, narrator, quote, pool, voices, speakers, lexicon)


def casting_files(name_or_path: str = "default") -> list[Path]:
    """The files a casting is read from: the voices file, then the lexicons it lists (paths
    from its folder). What a render's output depends on, for `earmark batch`'s fingerprint."""
    path = locate("voices", name_or_path)
    return [path, *_lexicon_paths(path, load_toml(path))]


def _lexicon_paths(path: Path, data: dict[str, Any]) -> list[Path]:
    files = data.get("lexicons", [])
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        raise ConfigError(f"{path}: lexicons must be a list of file paths")
    return [path.parent / f for f in files]


def for_language(casting: Casting, language: str, names: set[str]) -> tuple[Casting, str | None]:
    """The casting with every voice moved to `language` (keeping its variant), when the
    document is not in English and espeak-ng has a voice for it; else a warning."""
    tag = language.lower().replace("_", "-")
    primary = tag.split("-")[0]
    if not primary or primary == "en":
        return casting, None
    base = next((c for c in (tag, primary) if c in names), None)
    if base is None:
        return casting, (f"espeak-ng has no voice for language {language!r}: read with the "
                         "casting's voices")
    voices: dict[str, VoiceSettings] = {}
    spare = iter(["m3", "f3", "m5", "f2", "m7", "f4", "m2", "f5", "m1", "f1", "m4", "m6"])
    for name, settings in casting.voices.items():
        variant = settings.engine_voice.partition("+")[2]
        engine_voice = f"{base}+{variant}" if variant else base
        taken = {v.engine_voice for v in voices.values()}
        while engine_voice in taken:  # keep every voice sounding different while variants last
            variant = next(spare, None)
            if variant is None:
                break  # more voices than variants: pitch and rate still tell them apart
            engine_voice = f"{base}+{variant}"
        voices[name] = dataclasses.replace(settings, engine_voice=engine_voice)
    return dataclasses.replace(casting, voices=voices), None


def _table(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table")
    return value


def _voice_ref(value: Any, voices: dict[str, VoiceSettings], where: str) -> str:
    if not isinstance(value, str) or value not in voices:
        raise ConfigError(
            f"{where}: {value!r} is not one of the [voices] tables ({', '.join(voices)})"
        )
    return value


def _check_ranges(settings: VoiceSettings, where: str) -> None:
    if not 80 <= settings.rate <= 450:
        raise ConfigError(f"{where}: rate must be 80-450 words per minute, got {settings.rate}")
    if not 0 <= settings.pitch <= 99:
        raise ConfigError(f"{where}: pitch must be 0-99, got {settings.pitch}")
    if not 0.0 <= settings.volume <= 2.0:
        raise ConfigError(f"{where}: volume must be 0.0-2.0, got {settings.volume}")
    if settings.gender not in GENDERS:
        raise ConfigError(
            f'{where}: gender must be "female", "male" or "" (either), got {settings.gender!r}'
        )
