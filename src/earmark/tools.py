"""Running ffmpeg and ffprobe with an explicit argv; failures carry argv and stderr.

Every external program earmark runs goes through `run` (all output at once) or `run_streaming`
(input written as it is produced): a failure is a ToolError with the argv and the stderr.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from collections.abc import Iterable
from typing import Any

from earmark.errors import EarmarkError, ToolError

FFMPEG = ["ffmpeg", "-nostdin", "-v", "error", "-y"]


def binary(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise EarmarkError(f"{name} is not installed or not on PATH; on Debian: "
                           "apt-get install ffmpeg")
    return path


def run(args: list[str], input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run a tool (looked up on PATH) to the end, `input` on its standard input; its stdout
    and stderr are returned. A non-zero exit raises ToolError."""
    argv = [binary(args[0]), *args[1:]]
    result = subprocess.run(argv, input=input, capture_output=True, check=False)
    if result.returncode != 0:
        raise ToolError(argv, result.returncode, result.stderr.decode("utf-8", "replace"))
    return result


def run_streaming(args: list[str], blocks: Iterable[bytes]) -> None:
    """Run a tool with `blocks` written to its standard input as they come (an encoder fed
    while the audio is still being made); its stdout is discarded. A non-zero exit raises
    ToolError; an exception while the blocks are made kills the tool and is raised."""
    argv = [binary(args[0]), *args[1:]]
    process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    errors: list[bytes] = []
    assert process.stdin is not None and process.stderr is not None
    stderr = process.stderr
    reader = threading.Thread(target=lambda: errors.append(stderr.read()), daemon=True)
    reader.start()
    try:
        for block in blocks:
            process.stdin.write(block)
        process.stdin.close()
    except BrokenPipeError:
        pass  # the tool stopped reading: its exit code and stderr say why
    except BaseException:
        process.kill()
        raise
    finally:
        returncode = process.wait()
        reader.join()
    if returncode != 0:
        raise ToolError(argv, returncode, b"".join(errors).decode("utf-8", "replace"))


def probe(path: str, *entries: str) -> dict[str, Any]:
    """ffprobe's JSON for a file, e.g. probe(p, "-show_chapters", "-show_format")."""
    result = run(["ffprobe", "-v", "error", "-of", "json", *entries, path])
    return json.loads(result.stdout)
