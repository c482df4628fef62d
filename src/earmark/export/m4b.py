"""M4B (AAC in MP4) with MP4 chapters, written by ffmpeg from an ffmetadata file."""

from __future__ import annotations

from pathlib import Path

from earmark import __version__
from earmark.assemble.programme import Programme
from earmark.config.formats import FORMATS
from earmark.export.encode import StreamExport, encode_stream
from earmark.model import Plan, Timeline


def _escape(value: str) -> str:
    """ffmetadata escaping: '=', ';', '#', '\\' and newlines take a backslash."""
    out = []
    for ch in value:
        if ch in "=;#\\\n":
            out.append("\\")
        out.append(ch)
    return "".join(out)


def ffmetadata(plan: Plan, timeline: Timeline) -> str:
    """The title and chapters as an ffmetadata file (ffmpeg writes them as MP4 chapters)."""
    lines = [
        ";FFMETADATA1",
        f"title={_escape(plan.document.title)}",
        "genre=Speech",
        f"encoder=earmark {__version__}",
        "",
    ]
    for chapter, timing in zip(plan.chapters, timeline.chapters, strict=True):
        lines += [
            "[CHAPTER]",
            "TIMEBASE=1/1000",
            f"START={timing.start_ms}",
            f"END={timing.end_ms}",
            f"title={_escape(chapter.title)}",
            "",
        ]
    return "\n".join(lines)


class M4bExport(StreamExport):
    """M4B: one AAC stream of the whole programme, with chapters from an ffmetadata file."""

    format = "m4b"

    def finish(self, programme: Programme, plan: Plan, timeline: Timeline, out: Path) -> None:
        meta = out.with_name(out.name + ".ffmeta")
        meta.write_text(ffmetadata(plan, timeline), encoding="utf-8")
        try:
            encode_stream(programme, FORMATS["m4b"], out, self.settings, ["-i", str(meta)],
                          ["-map", "0:a", "-map_metadata", "1", "-map_chapters", "1"])
        finally:
            meta.unlink(missing_ok=True)

