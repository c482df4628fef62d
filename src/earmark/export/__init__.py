"""Audio formats: each can start encoding while synthesis runs, then finishes its file.

EXPORTERS is keyed like earmark.config.formats.FORMATS; each module writes one format, and is only
imported when its format is asked for (their tag libraries are slow to import).
"""

from __future__ import annotations

from typing import Any


def _mp3(*args: Any) -> Any:
    from earmark.export.mp3 import Mp3Export

    return Mp3Export(*args)


def _m4b(*args: Any) -> Any:
    from earmark.export.m4b import M4bExport

    return M4bExport(*args)


def _opus(*args: Any) -> Any:
    from earmark.export.opus import OpusExport

    return OpusExport(*args)


def _wav(*args: Any) -> Any:
    from earmark.export.wav import WavExport

    return WavExport(*args)


EXPORTERS = {"mp3": _mp3, "m4b": _m4b, "opus": _opus, "wav": _wav}
