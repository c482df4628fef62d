"""Loudness: every voice matched to the profile's target, peaks held under its ceiling.

A voice's loudness is measured once on a calibration paragraph (ffmpeg's ebur128) and cached
by voice settings and profile. Each clip then gets its voice's gain and the look-ahead limiter
of earmark.assemble.limiter (no delay, so timing is untouched) under the profile's true-peak
ceiling, in the PCM every encoder reads. The gains are corrected once with the limiter in
place and an MP3 round trip, so the programme lands on target.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass

from earmark.assemble.limiter import Levelling, level
from earmark.config.casting import VoiceSettings
from earmark.model import PCM
from earmark.speak.cache import Cache, key_of
from earmark.tools import run


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    integrated_lufs: float
    """The target: integrated loudness in LUFS, or (by="rms") the RMS level in dB."""
    true_peak_db: float
    by: str = "lufs"


PROFILES = {
    "web": Profile("web", -19.0, -1.5),
    "podcast": Profile("podcast", -16.0, -1.0),
    # ACX: RMS between -23 and -18 dB (aim for the middle), peaks at most -3 dB
    "acx": Profile("acx", -20.5, -3.0, by="rms"),
}
NONE = "none"

CALIBRATION = (
    "The council met on Tuesday night to vote on the new library wing. After a long debate, "
    "the members approved the plan by seven votes to two. Work will begin in March, and the "
    "building should open before the end of next year. Residents who spoke at the meeting "
    "were mostly in favour, although some worried about the cost."
)


@dataclass(frozen=True, slots=True)
class Levels:
    levelling: Levelling
    """Gain per voice and the limiter's ceiling, applied to every clip."""
    report: dict[str, object]


def ceiling(profile: Profile) -> int:
    """The limiter's ceiling: the true-peak limit less 0.5 dB of room for inter-sample peaks."""
    return int(PCM.full_scale * 10 ** ((profile.true_peak_db - 0.5) / 20))


def measure(pcm: bytes, by: str = "lufs", encoded: bool = False) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) of PCM (earmark.model.PCM) -- or with
    by="rms", RMS and peak level (dB, ffmpeg's astats); `encoded`: after an MP3 round trip
    (the encoder's low-pass takes a little loudness off, which calibration must see)."""
    if by == "rms":
        return _measure_rms(pcm)
    ffmpeg = ["ffmpeg", "-nostdin", "-hide_banner", "-v", "info"]
    raw = PCM.ffmpeg_input()
    if encoded:
        encoded_mp3 = run([*ffmpeg, *raw, "-c:a", "libmp3lame", "-b:a", "64k", "-f", "mp3", "-"],
                          input=pcm).stdout
        argv = [*ffmpeg, "-f", "mp3", "-i", "-", "-af", "ebur128=peak=true", "-f", "null", "-"]
        result = run(argv, input=encoded_mp3)
    else:
        argv = [*ffmpeg, *raw, "-af", "ebur128=peak=true", "-f", "null", "-"]
        result = run(argv, input=pcm)
    summary = result.stderr.decode("utf-8", "replace").rsplit("Summary:", 1)[-1]
    integrated = float(re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))
    return integrated, peak


def _measure_rms(pcm: bytes) -> tuple[float, float]:
    argv = ["ffmpeg", "-nostdin", "-hide_banner", *PCM.ffmpeg_input(), "-af",
            "astats=measure_perchannel=none", "-f", "null", "-"]
    stats = run(argv, input=pcm).stderr.decode()
    rms = float(re.findall(r"RMS level dB: (-?[\d.]+|-inf)", stats)[-1])
    peak = float(re.findall(r"Peak level dB: (-?[\d.]+|-inf)", stats)[-1])
    return rms, peak


def _calibration_pcm(settings: VoiceSettings, cache: Cache) -> bytes:
    """The calibration paragraph in one voice, as PCM (spoken in this process)."""
    import wave

    from earmark.speak.workers import Job, speak_here

    job = Job(-1, CALIBRATION, settings, key_of("calibration/1", dataclasses.asdict(settings)))
    spoken = speak_here(cache, job)
    with wave.open(spoken.path, "rb") as wav:
        return wav.readframes(wav.getnframes())


def levels(profile_name: str, voices: dict[str, VoiceSettings], engine_id: str,
           cache: Cache) -> Levels:
    """Gains for the voices of a render (each voice calibrated once per profile, cached)."""
    if profile_name == NONE:
        return Levels(Levelling(), {"profile": NONE})
    profile = PROFILES[profile_name]
    keys = {name: key_of("voice-level/2", engine_id, profile.name, dataclasses.asdict(s))
            for name, s in voices.items()}
    gains: dict[str, float] = {}
    for name, key in keys.items():
        hit = cache.get("segments", key, ".gain")
        if hit is not None:
            gains[name] = float(hit.read_text(encoding="utf-8"))
    missing = {name: voices[name] for name in voices if name not in gains}
    for name, gain in _calibrate(profile, missing, cache).items():
        out = cache.scratch("segments", keys[name], ".gain")
        out.write_text(f"{gain:.4f}", encoding="utf-8")
        cache.put("segments", keys[name], ".gain", out)
        gains[name] = gain
    report = {"profile": profile.name, "target": profile.integrated_lufs,
              "target_unit": "dB RMS" if profile.by == "rms" else "LUFS",
              "true_peak_db": profile.true_peak_db,
              "voice_gain_db": {name: round(g, 2) for name, g in gains.items()}}
    linear = {name: 10 ** (g / 20) for name, g in gains.items()}
    return Levels(Levelling(linear, ceiling(profile)), report)


def _calibrate(profile: Profile, voices: dict[str, VoiceSettings],
               cache: Cache) -> dict[str, float]:
    """Each voice's gain to the target: measured alone, then again through the limiter at that
    gain to correct for what limiting takes off (ffmpeg runs in parallel threads)."""
    from concurrent.futures import ThreadPoolExecutor

    if not voices:
        return {}
    pcm = {name: _calibration_pcm(settings, cache) for name, settings in voices.items()}

    def gain(data: bytes) -> float:
        first = profile.integrated_lufs - measure(data, by=profile.by)[0]
        levelled = level(data, 10 ** (first / 20), ceiling(profile))
        after, _ = measure(levelled, by=profile.by, encoded=True)
        return first + (profile.integrated_lufs - after)

    with ThreadPoolExecutor(max(1, os.cpu_count() or 1)) as pool:
        return dict(zip(pcm, pool.map(gain, pcm.values()), strict=True))
