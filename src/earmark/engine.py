"""The speech engine: espeak-ng through pyttsx3, with its pitfalls handled in one place.

- pyttsx3 prints "Audio saved to ..." for every file: silenced.
- setProperty calls are queued until runAndWait: one save_to_file + runAndWait per segment.
- An unknown voice name is silently ignored by the engine: names are checked against the
  engine's list first, and the voice actually used is read back after every segment.
- The first long utterance of a process can be written late, under the next file name: each
  engine speaks a short warm-up first, and every file is checked (exists, is new, and its
  duration fits its text) before it is used; a bad file is synthesised once more, then fails.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import os
import re
import wave
from dataclasses import dataclass
from pathlib import Path

from earmark.casting import Casting, VoiceSettings
from earmark.errors import EngineError, VoiceNotFoundError

SAMPLE_RATE = 22050
_WORD_CHARS = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class EngineVoice:
    name: str
    """The name to select it by: the last part of its identifier, e.g. "en-us"."""
    identifier: str
    """espeak-ng's file identifier, e.g. "gmw/en-us"."""
    description: str
    gender: str


@dataclass(frozen=True, slots=True)
class Spoken:
    """One synthesised segment."""

    path: str
    frames: int
    engine_voice: str


def _espeak():
    """pyttsx3's ctypes binding to libespeak-ng, initialised (once per process)."""
    import pyttsx3
    from pyttsx3.drivers import _espeak

    pyttsx3.init("espeak")
    return _espeak


def list_voices() -> list[EngineVoice]:
    es = _espeak()
    genders = {1: "male", 2: "female"}
    voices = []
    for v in es.ListVoices(None):
        identifier = v.identifier.decode("utf-8", "replace").lower()
        voices.append(
            EngineVoice(
                identifier.rsplit("/", 1)[-1],
                identifier,
                v.name.decode("utf-8", "replace"),
                genders.get(v.gender, ""),
            )
        )
    return voices


def list_variants() -> list[str]:
    es = _espeak()
    spec = es.VOICE()
    spec.languages = b"variant"
    return sorted({v.identifier.decode().rsplit("/", 1)[-1].lower() for v in es.ListVoices(spec)})


def selectable_names(voices: list[EngineVoice]) -> set[str]:
    names = set()
    for v in voices:
        names.update({v.name, v.identifier, v.description.lower()})
    return names


def check_casting(casting: Casting) -> None:
    """Fail, naming the voice and close matches, if the casting uses a voice the engine lacks."""
    voices = list_voices()
    names = selectable_names(voices)
    variants = set(list_variants())
    for key, settings in casting.voices.items():
        wanted = settings.engine_voice.lower()
        base, _, variant = wanted.partition("+")
        if base in names and (not variant or variant in variants):
            continue
        if base not in names:
            close = difflib.get_close_matches(base, sorted(names), n=4, cutoff=0.6)
            problem = f"espeak-ng has no voice '{base}'"
        else:
            close = [
                f"{base}+{v}"
                for v in difflib.get_close_matches(variant, sorted(variants), n=4, cutoff=0.5)
            ]
            problem = f"espeak-ng has no variant '+{variant}'"
        hint = f"; close matches: {', '.join(close)}" if close else "; run `earmark voices`"
        raise VoiceNotFoundError(
            f"{casting.path}: [voices.{key}] engine_voice = '{settings.engine_voice}': "
            f"{problem}{hint}"
        )


def voice_matches(requested: str, used: str) -> bool:
    """Whether the voice the engine reports is the one that was asked for."""
    requested, used = requested.lower(), used.lower()
    return used == requested or used.rsplit("/", 1)[-1] == requested


def plausible_frames(text: str, rate_wpm: int) -> tuple[int, int]:
    """Bounds on the length of speech for a text, in frames, generous but catching shifts."""
    chars = max(1, len(_WORD_CHARS.findall(text)))
    expected_s = chars / (rate_wpm * 5.5 / 60)
    low = 0.25 * expected_s
    high = 4.0 * expected_s + 2.0
    return int(low * SAMPLE_RATE), int(high * SAMPLE_RATE)


class Engine:
    """One pyttsx3 engine; one per process."""

    def __init__(self) -> None:
        import pyttsx3

        self._tts = pyttsx3.init("espeak")

    def _run(self, text: str, settings: VoiceSettings, path: Path) -> str:
        tts = self._tts
        tts.setProperty("voice", settings.engine_voice)
        tts.setProperty("rate", settings.rate)
        tts.setProperty("pitch", settings.pitch)
        tts.setProperty("volume", settings.volume)
        tts.save_to_file(text, str(path))
        with contextlib.redirect_stdout(io.StringIO()):
            tts.runAndWait()
        return str(tts.getProperty("voice") or "")

    def warm_up(self, settings: VoiceSettings, scratch: Path) -> None:
        self._run("Ready.", settings, scratch)
        scratch.unlink(missing_ok=True)

    def speak(self, text: str, settings: VoiceSettings, path: Path) -> Spoken:
        problem = ""
        for _attempt in range(2):
            path.unlink(missing_ok=True)
            used = self._run(text, settings, path)
            if not voice_matches(settings.engine_voice, used):
                raise EngineError(
                    f"engine used voice '{used}' instead of '{settings.engine_voice}'"
                )
            problem, frames = _check_file(path, text, settings.rate)
            if not problem:
                return Spoken(str(path), frames, used)
        raise EngineError(f"speech for {text[:60]!r} is unusable: {problem}")


def _check_file(path: Path, text: str, rate: int) -> tuple[str, int]:
    if not path.is_file():
        return "the engine wrote no file", 0
    try:
        with wave.open(str(path), "rb") as wav:
            if (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) != (SAMPLE_RATE, 1, 2):
                return "unexpected audio format", 0
            frames = wav.getnframes()
    except (wave.Error, EOFError) as exc:
        return f"unreadable WAV ({exc})", 0
    low, high = plausible_frames(text, rate)
    if not low <= frames <= high:
        seconds = frames / SAMPLE_RATE
        return f"{seconds:.2f} s of audio does not fit its {len(text)} characters", frames
    return "", frames


def engine_version() -> str:
    es = _espeak()
    info = getattr(es, "Info", None)
    if info is None:
        return "espeak-ng"
    with contextlib.suppress(Exception):
        return f"espeak-ng {info(None).decode()}"
    return "espeak-ng"


def cpu_jobs() -> int:
    return max(1, os.cpu_count() or 1)
