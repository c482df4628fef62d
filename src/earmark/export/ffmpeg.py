"""Running ffmpeg and ffprobe with an explicit argv; failures carry argv and stderr."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

from earmark.errors import EarmarkError, ToolError


def binary(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise EarmarkError(f"{name} is not installed (Debian: apt-get install ffmpeg)")
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
