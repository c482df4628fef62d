"""Timeline + programme WAV -> the audio file of one format, with its chapters.

EXPORTERS is keyed like earmark.formats.FORMATS; each module writes one format.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from earmark.export import m4b, mp3
from earmark.model import Plan, Timeline
from earmark.recipe import ExportSettings

Exporter = Callable[[Path, Plan, Timeline, ExportSettings, Path], None]

EXPORTERS: dict[str, Exporter] = {"mp3": mp3.export, "m4b": m4b.export}
