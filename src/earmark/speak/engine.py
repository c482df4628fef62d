"""The speech engine: espeak-ng through pyttsx3, with its pitfalls handled in one place.

- pyttsx3 prints "Audio saved to ..." for every file: silenced.
- setProperty calls are queued until runAndWait: one save_to_file + runAndWait per segment.
- An unknown voice name is silently ignored by the engine: names are checked against the
  engine's list first, and the voice actually used is read back after every segment.
- pyttsx3 runs espeak-ng asynchronously, and runAndWait returns before the file is written
  (the cause of "the first long utterance lands under the next file name"): a small driver
  subclass runs it synchronously, so the file is complete when runAndWait returns. Every file
  is checked (readable, and its duration fits its text) before it is used; a bad file is
  synthesised once more, then fails.
- espeak-ng's output depends on what the process said before: Engine.reset clears that.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import difflib
import io
import re
import time
import wave
from dataclasses import dataclass
from pathlib import Path

from earmark.config.casting import Casting, VoiceSettings
from earmark.errors import EngineError, VoiceNotFoundError
from earmark.interrupts import deferred
from earmark.model import PCM

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
    _initialise()
    from pyttsx3.drivers import _espeak

    return _espeak


def _initialise() -> None:
    """Start espeak-ng in synchronous mode, before pyttsx3 would start it asynchronously.

    pyttsx3's driver initialises espeak-ng with AUDIO_OUTPUT_RETRIEVAL: synthesis then runs on
    espeak's own thread, 3.6 times slower than synchronous mode (measured: 600 sentences in
    12.2 s against 3.3 s), and runAndWait can return before the file is written. In
    synchronous mode espeak_Synth returns only when the utterance is done and the driver's
    callback has written the file. The driver skips its own initialisation when the module is
    marked initialised, so it is started here first (espeak-ng starts once per process).
    """
    try:
        from pyttsx3.drivers import _espeak
        from pyttsx3.drivers.espeak import EspeakDriver
    except (ImportError, OSError) as exc:  # libespeak-ng.so.1 not found
        raise EngineError(f"espeak-ng is not installed ({exc}); on Debian: "
                          "apt-get install espeak-ng") from None

    if not EspeakDriver._moduleInitialized:
        if _espeak.Initialize(_espeak.AUDIO_OUTPUT_SYNCHRONOUS, 1000) == -1:
            raise EngineError("could not initialise espeak-ng (is libespeak-ng1 installed?)")
        current = _espeak.GetCurrentVoice()
        name = current.contents.name if current and current.contents.name else b"gmw/en"
        EspeakDriver._defaultVoice = name.decode("utf-8", "replace")
        EspeakDriver._moduleInitialized = True
    _register_driver()


def list_voices() -> list[EngineVoice]:
    """The voices espeak-ng offers (through pyttsx3), as the engine lists them."""
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
    """The voice variants espeak-ng offers (+m1, +f3 ...), for `earmark voices`."""
    es = _espeak()
    spec = es.VOICE()
    spec.languages = b"variant"
    return sorted({v.identifier.decode().rsplit("/", 1)[-1].lower() for v in es.ListVoices(spec)})


def selectable_names(voices: list[EngineVoice]) -> set[str]:
    """The names that select a voice through pyttsx3 (language names with variants)."""
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
    """Bounds on the length of speech for a text, in frames, generous but catching shifts.

    Characters outside ASCII may be spelled out by a voice of another language ("letter shin",
    an emoji's name): each may take up to a second and a half."""
    chars = max(1, len(_WORD_CHARS.findall(text)))
    expected_s = chars / (rate_wpm * 5.5 / 60)
    low = 0.25 * expected_s
    foreign = sum(1 for ch in text if ord(ch) > 0x24F)
    high = 4.0 * expected_s + 2.0 + 1.5 * foreign
    return int(low * PCM.rate), int(high * PCM.rate)


DRIVER = "earmark_espeak"
PHONEMES = 0x100  # espeakPHONEMES: [[...]] in the text is espeak-ng phoneme notation


def _register_driver() -> None:
    """pyttsx3's espeak driver, run synchronously.

    With espeak-ng in synchronous mode (see _initialise) espeak_Synth returns when the
    utterance is done, but sends no MSG_TERMINATED event, which is where pyttsx3's driver
    writes the file: this driver writes it when Synth returns. Its run loop also does not
    sleep 10 ms per call. pyttsx3 looks drivers up as modules named pyttsx3.drivers.NAME; this
    registers ours under that name (once per process). The rest is pyttsx3's own driver.
    """
    import sys
    import types

    name = f"pyttsx3.drivers.{DRIVER}"
    if name in sys.modules:
        return
    from pyttsx3.drivers import _espeak
    from pyttsx3.drivers.espeak import EspeakDriver

    flags = _espeak.ENDPAUSE | _espeak.CHARS_UTF8 | PHONEMES

    class SynchronousDriver(EspeakDriver):
        def _onSynth(self, wav, numsamples, events):  # type: ignore[no-untyped-def]
            # only the samples: this driver writes the file itself when Synth returns, and
            # nothing listens for pyttsx3's per-word events (nor re-copies a growing buffer)
            if self._speaking and numsamples > 0:
                self._samples.append(ctypes.string_at(wav, numsamples * PCM.frame_bytes))
            return 0

        def _start_synthesis(self, text: str) -> None:
            self._proxy.setBusy(True)
            self._proxy.notify("started-utterance")
            self._speaking = True
            self._samples: list[bytes] = []
            # synchronous: returns when espeak-ng has spoken it all; PHONEMES lets a lexicon's
            # [[...]] reach espeak-ng as phonemes (pyttsx3 passes only the first two flags).
            # Ctrl-C meanwhile stops the render once the utterance is done: raised during
            # synthesis, it would land in the callback above, where ctypes prints and drops it
            with deferred():
                _espeak.Synth(str(text).encode("utf-8"), flags=flags)
            if self._speaking:
                with wave.open(self._save_file, "wb") as out:
                    out.setnchannels(PCM.channels)
                    out.setsampwidth(PCM.width)
                    out.setframerate(PCM.rate)
                    out.writeframes(b"".join(self._samples))
                self._samples = []
                self._speaking = False
                self._proxy.notify("finished-utterance", completed=True)
                self._proxy.setBusy(False)
                self.endLoop()

        def startLoop(self) -> None:
            first = True
            self._looping = True
            while self._looping:
                if first:
                    self._proxy.setBusy(False)
                    first = False
                    if self._text_to_say:
                        self._start_synthesis(self._text_to_say)
                self.iterate()
                if self._looping:  # (synthesis is synchronous: usually done by now)
                    time.sleep(0.0002)

    module = types.ModuleType(name)
    module.buildDriver = SynchronousDriver  # type: ignore[attr-defined]
    sys.modules[name] = module


class _Library:
    """espeak-ng's state in this process: loaded how many times, spoken since."""

    generation = 0
    spoken = False


def reset_engine() -> None:
    """Back to the state of a freshly started espeak-ng, for every Engine of this process.

    espeak-ng keeps state from one utterance to the next that no call resets (the phase of its
    pitch flutter, a static variable in wavegen.c), so the same text comes out a few
    milliseconds longer or shorter depending on what the process said before, and a render
    would depend on how its segments were shared among workers. Unloading and reloading the
    library clears it (2.6 ms: benchmarks/engine_state.py); synthesis resets before each
    chunk, so any number of workers gives the same audio. Engines notice the new library and
    rebuild their pyttsx3 engine before they next speak.

    espeak-ng 1.51 also draws the breath noise of its variants (+f3, +m3 ...) from the C
    library's rand(), whose state no reload touches: it is seeded as at a process's start
    (srand(1)), or a variant's audio would depend on what earlier chunks that worker spoke,
    and so on how the chunks happened to be shared among the workers."""
    _seed_rand()
    if not _Library.spoken:
        return
    import _ctypes
    import importlib

    import pyttsx3
    from pyttsx3.drivers import _espeak
    from pyttsx3.drivers.espeak import EspeakDriver

    old = pyttsx3._activeEngines.pop(DRIVER, None)
    proxy = getattr(old, "proxy", None)
    if proxy is not None:
        # pyttsx3's driver and its proxy refer to each other, so the garbage collector runs
        # the proxy's __del__ later, whose driver.destroy() would clear the callback of the
        # *reloaded* library (pyttsx3 2.99's fails with a TypeError it swallows; a fixed one
        # would not): it finds no driver
        proxy._driver = None
    _espeak.Terminate()
    _ctypes.dlclose(_espeak.dll._handle)
    importlib.reload(_espeak)  # loads the library afresh and binds its functions again
    EspeakDriver._moduleInitialized = False
    _initialise()
    _Library.generation += 1
    _Library.spoken = False


def _seed_rand() -> None:
    """The C library's rand() as a process starts with it (glibc: as after srand(1))."""
    ctypes.CDLL(None).srand(1)


class Engine:
    """A pyttsx3 engine (pyttsx3 keeps one per process and driver)."""

    def __init__(self) -> None:
        _initialise()
        self._tts = self._start()
        atexit.register(self.close)

    def _start(self):  # type: ignore[no-untyped-def]
        import pyttsx3

        self._generation = _Library.generation
        self._settings: VoiceSettings | None = None
        return pyttsx3.init(DRIVER)

    def close(self) -> None:
        """Drop pyttsx3's engine while the interpreter is whole (its __del__ fails later)."""
        self._tts = None

    def _run(self, text: str, settings: VoiceSettings, path: Path) -> str:
        if self._generation != _Library.generation:  # the library was reloaded
            self._tts = self._start()
        tts = self._tts
        if settings != self._settings:  # selecting a voice reloads espeak's voice files
            tts.setProperty("voice", settings.engine_voice)
            tts.setProperty("rate", settings.rate)
            tts.setProperty("pitch", settings.pitch)
            tts.setProperty("volume", settings.volume)
            self._settings = settings
        _Library.spoken = True
        tts.save_to_file(text, str(path))
        with contextlib.redirect_stdout(io.StringIO()):
            tts.runAndWait()  # synchronous driver: the file is written when this returns
        return str(tts.getProperty("voice") or "")

    def reset(self) -> None:
        reset_engine()

    def speak(self, text: str, settings: VoiceSettings, path: Path) -> Spoken:
        problem = ""
        for attempt in range(2):
            if attempt:  # the first time `path` is a fresh empty file, which it overwrites
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
            if (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) != (
                    PCM.rate, PCM.channels, PCM.width):
                return "unexpected audio format", 0
            frames = wav.getnframes()
    except (wave.Error, EOFError) as exc:
        return f"unreadable WAV ({exc})", 0
    low, high = plausible_frames(text, rate)
    if not low <= frames <= high:
        seconds = frames / PCM.rate
        return f"{seconds:.2f} s of audio does not fit its {len(text)} characters", frames
    return "", frames


def engine_version() -> str:
    """The engine's identity for cache keys: espeak-ng's version (its audio differs by version)."""
    es = _espeak()
    info = getattr(es, "Info", None)
    if info is None:
        return "espeak-ng"
    with contextlib.suppress(Exception):
        return f"espeak-ng {info(None).decode()}"
    return "espeak-ng"
