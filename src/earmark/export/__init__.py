"""Audio formats: each can start encoding while synthesis runs, then finishes its file.

Which class writes a format is in its record (earmark.config.formats.FORMATS); EXPORTERS makes
them by format name, importing each exporter's module only when its format is asked for (their
tag libraries are slow to import). An exporter is made with (cache, settings, workers,
chunks) and has `units` (what the chunk grid takes from it: earmark.assemble.programme.grid),
begin(feed), finish(programme, plan, timeline, out) and abandon().
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from earmark.config.formats import FORMATS

EXPORTERS: dict[str, Callable[..., Any]] = {name: f.make_exporter for name, f in FORMATS.items()}
