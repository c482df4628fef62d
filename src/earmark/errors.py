"""The one exception tree. Only the CLI prints or exits.

InputError and its subclasses mean the user's input or configuration is wrong (exit 2);
everything else under EarmarkError is an internal or environment failure (exit 1).
"""

from __future__ import annotations


class EarmarkError(Exception):
    """Base of every error earmark raises on purpose."""

    exit_code = 1


class InputError(EarmarkError):
    """The input document, a recipe or a voices file cannot be used (exit 2)."""

    exit_code = 2


class ConfigError(InputError):
    """A recipe (pipeline/*.toml) or casting file (voices/*.toml) is invalid."""


class VoiceNotFoundError(ConfigError):
    """A voices file names a voice the engine does not have."""


class EngineError(EarmarkError):
    """The speech engine failed or produced audio that does not match its text."""


class ToolError(EarmarkError):
    """An external tool (ffmpeg, ffprobe) failed; carries its argv and stderr."""

    def __init__(self, argv: list[str], returncode: int, stderr: str) -> None:
        self.argv = argv
        self.returncode = returncode
        self.stderr = stderr
        last = stderr.strip().splitlines()[-1] if stderr.strip() else "no output"
        super().__init__(f"{argv[0]} exited with {returncode}: {last}")


STAGE_PACKAGES = ("config", "ingest", "text", "quotes", "planning", "speak", "assemble",
                  "export", "finished")
"""The stage subpackages of earmark, in pipeline order (what runs on a finished render last)."""


def stage_of(exc: BaseException) -> str:
    """The stage an exception came from: the innermost earmark frame of its traceback names
    it ("speak", "export", "finished.clips" ...; a top-level module by its own name, e.g.
    "rendering"). An exception raised outside any earmark frame is "cli"."""
    stage = "cli"
    traceback = exc.__traceback__
    while traceback is not None:
        module = traceback.tb_frame.f_globals.get("__name__", "")
        parts = module.split(".")
        if parts[0] == "earmark" and len(parts) > 1:
            stage = ".".join(parts[1:3]) if parts[1] == "finished" else parts[1]
        traceback = traceback.tb_next
    return stage
