"""Running ffmpeg and ffprobe with an explicit argv; failures carry argv and stderr."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

from earmark.config.recipe import ExportSettings
from earmark.errors import EarmarkError, ToolError


def binary(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise EarmarkError(f"{name} is not installed or not on PATH; on Debian: "
                           "apt-get install ffmpeg")
    return path


def run(args: list[str]) -> subprocess.CompletedProcess[bytes]:
    argv = [binary(args[0]), *args[1:]]
    result = subprocess.run(argv, capture_output=True, check=False)
    if result.returncode != 0:
        raise ToolError(argv, result.returncode, result.stderr.decode("utf-8", "replace"))
    return result


def probe(path: str, *entries: str) -> dict[str, Any]:
    """ffprobe's JSON for a file, e.g. probe(p, "-show_chapters", "-show_format")."""
    result = run(["ffprobe", "-v", "error", "-of", "json", *entries, path])
    return json.loads(result.stdout)


FFMPEG = ["ffmpeg", "-nostdin", "-v", "error", "-y"]


def codec_args(fmt: str, settings: ExportSettings) -> list[str]:
    """Encoder, bitrate and container of a format, mono at the recipe's sample rate."""
    mono = ["-ac", "1", "-ar", str(settings.sample_rate)]
    table = {
        # LAME's -q 7 ("fast"): measured as fast as -q 9 here, without its artefacts on speech
        "mp3": ["-c:a", "libmp3lame", "-b:a", settings.mp3_bitrate, "-compression_level", "7",
                "-id3v2_version", "0", "-f", "mp3"],
        "m4b": ["-c:a", "aac", "-b:a", settings.m4b_bitrate, "-movflags", "+faststart",
                "-f", "ipod"],
        # Opus codes 48 kHz: ffmpeg resamples; "voip" tunes it for speech
        "opus": ["-c:a", "libopus", "-b:a", settings.opus_bitrate, "-application", "voip",
                 "-f", "ogg"],
        "wav": ["-c:a", "pcm_s16le", "-f", "wav"],
    }
    if fmt == "opus":
        return ["-ac", "1", "-ar", "48000", *table[fmt]]
    return [*mono, *table[fmt]]
