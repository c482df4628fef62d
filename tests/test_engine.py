"""The real espeak-ng engine through pyttsx3 (fast: a few short utterances)."""

from __future__ import annotations

import wave
from dataclasses import replace
from pathlib import Path

import pytest

from earmark.config.casting import VoiceSettings
from earmark.errors import EngineError, VoiceNotFoundError
from earmark.speak.engine import (
    Engine,
    Spoken,
    check_casting,
    list_voices,
    plausible_frames,
    voice_matches,
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory) -> Engine:
    return Engine()


def test_engine_lists_english_voices() -> None:
    names = {v.name for v in list_voices()}
    assert {"en-us", "en-gb-x-rp", "en-029"} <= names


@pytest.mark.parametrize(
    ("engine_voice", "message"),
    [
        ("en-usa", "espeak-ng has no voice 'en-usa'; close matches: en-us"),
        ("en-us+f9", "espeak-ng has no variant '+f9'; close matches: en-us+f5"),
        ("zz-nothing", "espeak-ng has no voice 'zz-nothing'; run `earmark voices`"),
    ],
)
def test_unknown_voice_is_an_error_naming_it_with_close_matches(
    casting, engine_voice: str, message: str
) -> None:
    bad = replace(
        casting,
        voices={
            **casting.voices,
            "quote": replace(casting.voices["quote"], engine_voice=engine_voice),
        },
    )
    with pytest.raises(VoiceNotFoundError) as error:
        check_casting(bad)
    assert f"[voices.quote] engine_voice = '{engine_voice}'" in str(error.value)
    assert message in str(error.value)


def test_default_casting_is_accepted(casting) -> None:
    check_casting(casting)


def test_each_voice_is_read_back_after_speaking(engine: Engine, casting, tmp_path: Path) -> None:
    for name in (casting.narrator, casting.quote, *casting.pool):
        settings = casting.settings(name)
        spoken = engine.speak("Testing one two three.", settings, tmp_path / f"{name}.wav")
        assert voice_matches(settings.engine_voice, spoken.engine_voice), spoken
        with wave.open(spoken.path) as wav:
            assert wav.getnframes() == spoken.frames > 22050 // 2


def test_a_voice_the_engine_ignores_is_caught_by_the_read_back(
    engine: Engine, tmp_path: Path
) -> None:
    # espeak keeps the previous voice when asked for a name it lacks; the read-back sees it
    with pytest.raises(EngineError, match="engine used voice 'gmw/en-us' instead of 'en-gb'"):
        engine.speak("Hello.", VoiceSettings(engine_voice="en-us"), tmp_path / "a.wav")
        engine.speak("Hello.", VoiceSettings(engine_voice="en-gb"), tmp_path / "b.wav")


def test_speech_length_fits_its_text(engine: Engine, tmp_path: Path) -> None:
    short = engine.speak("Yes.", VoiceSettings(), tmp_path / "s.wav")
    long = engine.speak(
        "This sentence is considerably longer than the other one, by design.",
        VoiceSettings(),
        tmp_path / "l.wav",
    )
    assert long.frames > 3 * short.frames
    low, high = plausible_frames("Yes.", 175)
    assert low <= short.frames <= high
    # audio for a long text would not pass as the audio of a short one (a shifted file)
    assert not low <= long.frames <= high


def test_rate_changes_the_length(engine: Engine, tmp_path: Path) -> None:
    text = "The council will choose a builder in January."
    slow = engine.speak(text, VoiceSettings(rate=120), tmp_path / "slow.wav")
    fast = engine.speak(text, VoiceSettings(rate=300), tmp_path / "fast.wav")
    assert slow.frames > 1.8 * fast.frames


def test_a_missing_espeak_library_is_one_clear_error(monkeypatch) -> None:
    import subprocess
    import sys

    code = ("import sys; sys.modules['pyttsx3.drivers._espeak'] = None\n"
            "from earmark.speak.engine import list_voices\n"
            "try:\n    list_voices()\nexcept Exception as error:\n    print(error)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert "espeak-ng is not installed" in done.stdout
    assert "apt-get install espeak-ng" in done.stdout


def test_reset_gives_back_a_fresh_engine_that_keeps_working(engine: Engine, tmp_path: Path) -> None:
    """espeak-ng's output depends on what it said before; a reset makes it speak as if just
    started, even after pyttsx3's old driver is garbage-collected, for every Engine."""
    import gc

    def audio(name: str, who: Engine) -> bytes:
        path = tmp_path / name
        path.touch()
        who.speak("The council met on Tuesday night.", VoiceSettings(), path)
        with wave.open(str(path), "rb") as wav:
            return wav.readframes(wav.getnframes())

    engine.reset()
    fresh = audio("a.wav", engine)
    engine.speak("Something else entirely, said to move its state along.", VoiceSettings(),
                 tmp_path / "b.wav")
    assert audio("c.wav", engine) != fresh  # the state carried over
    other = Engine()  # a second engine of the same process
    engine.reset()
    gc.collect()  # pyttsx3's old driver goes now: it must not touch the reloaded library
    assert audio("d.wav", engine) == fresh
    engine.reset()
    assert audio("e.wav", other) == fresh and audio("f.wav", engine) != fresh


def test_reset_also_restarts_the_breath_noise_of_variants(engine: Engine, tmp_path: Path) -> None:
    """A variant with breath (+f3) draws noise from the C library's rand(), which reloading
    espeak-ng does not touch: after a reset it sounds as from a fresh process all the same
    (else a chunk's audio depended on what its worker had spoken before)."""
    voice = VoiceSettings(engine_voice="en-us+f3")

    def audio(name: str) -> bytes:
        path = tmp_path / name
        path.touch()
        engine.speak("The council met on Tuesday night.", voice, path)
        with wave.open(str(path), "rb") as wav:
            return wav.readframes(wav.getnframes())

    engine.reset()
    fresh = audio("a.wav")
    engine.speak("Something else entirely, said to move its state along.", voice,
                 tmp_path / "b.wav")
    engine.reset()
    assert audio("c.wav") == fresh


def test_workers_report_each_segment_as_soon_as_it_is_spoken(tmp_path: Path) -> None:
    """With worker processes, a segment reaches the encoders when it is spoken, not when its
    whole chunk is: at the first report, the end of that chunk is not spoken yet."""
    from earmark.config.casting import VoiceSettings
    from earmark.speak.cache import Cache
    from earmark.speak.workers import IN_PROCESS, Job, segment_key, synthesize

    cache = Cache(tmp_path / "cache")
    settings = VoiceSettings()
    count = IN_PROCESS + 12
    jobs = [Job(i, f"Sentence number {i} of the test.", settings,
                segment_key("test", settings, f"Sentence number {i} of the test."))
            for i in range(count)]
    groups = [range(0, count // 2), range(count // 2, count)]
    first: list[tuple[int, bool]] = []

    def ready(index: int, spoken: Spoken) -> None:
        if not first:
            group = next(g for g in groups if index in g)
            last_of_group = jobs[group[-1]].key
            first.append((index, cache.get("segments", last_of_group, ".wav") is None))

    spoken, synthesised = synthesize(jobs, cache, 2, on_ready=ready, groups=groups)
    assert synthesised == count and len(spoken) == count
    assert first and first[0][0] in (groups[0][0], groups[1][0])  # each group from its start
    assert first[0][1], "the first segment was only reported once its whole chunk was spoken"


def test_a_worker_error_ends_synthesis_promptly_whatever_the_other_worker_says(
    tmp_path: Path,
) -> None:
    """One worker fails at once while the other has hundreds of segments to report: the
    error reaches the render (no later batch starts) and nothing hangs on a full pipe."""
    import os
    import signal
    import subprocess
    import sys

    script = '''
import sys
from pathlib import Path
from earmark.speak.cache import Cache
from earmark.config.casting import VoiceSettings
from earmark.errors import EngineError
from earmark.speak.workers import Job, segment_key, synthesize

cache = Cache(Path(sys.argv[1]))
good, bad = VoiceSettings(), VoiceSettings(engine_voice="no-such-voice")
texts = [f"Line {i}." for i in range(400)]
jobs = [Job(0, "This one fails.", bad, segment_key("t", bad, "This one fails."))]
jobs += [Job(i + 1, t, good, segment_key("t", good, t)) for i, t in enumerate(texts)]
try:
    synthesize(jobs, cache, 2, groups=[range(0, 1), range(1, 401)])
except EngineError as error:
    print("failed:", error)
'''
    process = subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "cache")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        out, errors = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the workers too
        process.communicate()
        pytest.fail("synthesis hung after a worker's error")
    assert process.returncode == 0, errors
    assert out.startswith("failed: engine used voice"), out


def test_the_audio_does_not_depend_on_the_number_of_workers(tmp_path: Path) -> None:
    """The same chunks in this process and in two worker processes give the same samples,
    with a breathy variant (+f3) too, whose noise comes from the C library's rand()."""
    from earmark.speak.cache import Cache
    from earmark.speak.workers import IN_PROCESS, Job, segment_key, synthesize

    settings = VoiceSettings(engine_voice="en-us+f3")
    count = IN_PROCESS + 12
    texts = [f"Line {i}, she said, and then some more." for i in range(count)]
    jobs = [Job(i, t, settings, segment_key("test", settings, t)) for i, t in enumerate(texts)]
    groups = [range(start, min(count, start + 15)) for start in range(0, count, 15)]

    def samples(processes: int) -> list[bytes]:
        spoken, _ = synthesize(jobs, Cache(tmp_path / f"cache-{processes}"), processes,
                               groups=groups)
        out = []
        for clip in spoken:
            with wave.open(clip.path, "rb") as wav:
                out.append(wav.readframes(wav.getnframes()))
        return out

    assert samples(1) == samples(2)
