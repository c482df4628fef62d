"""Audio formats: each can start encoding while synthesis runs, then finishes its file.

EXPORTERS is keyed like earmark.formats.FORMATS; each module writes one format.
"""

from __future__ import annotations

from earmark.export import m4b, mp3, opus, wav

EXPORTERS = {"mp3": mp3.Mp3Export, "m4b": m4b.M4bExport, "opus": opus.OpusExport,
             "wav": wav.WavExport}
