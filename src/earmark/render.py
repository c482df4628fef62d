"""The whole render: plan, synthesise, assemble, export, manifest.

Everything is written into a hidden staging folder inside OUT and moved to OUT/<slug> only
when complete, so an interrupted or failed render leaves no half-written output and the
previous render in place.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from earmark.casting import Casting
from earmark.engine import check_casting
from earmark.formats import FORMATS
from earmark.model import Plan
from earmark.plan import plan_file
from earmark.planjson import dumps, manifest_to_dict
from earmark.recipe import Recipe


@dataclass(frozen=True, slots=True)
class Rendered:
    folder: Path
    audio: Path
    manifest: Path
    duration_ms: int
    segments: int
    chapters: int


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:64].strip("-")


def slug_for(path: Path, title: str) -> str:
    """From the file name, else the title; only [a-z0-9-], so it cannot escape OUT."""
    return slugify(path.stem) or slugify(title) or "document"


Progress = Callable[[str, int, int], None]


def render(source: Path, out_root: Path, recipe: Recipe, casting: Casting, fmt: str,
           jobs: int, progress: Progress | None = None) -> Rendered:
    from earmark.assemble import assemble
    from earmark.export import EXPORTERS
    from earmark.synth import Job, synthesize

    plan = plan_file(source, recipe, casting)
    check_casting(casting)
    slug = slug_for(source, plan.document.title)
    out_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{slug}.", suffix=".partial", dir=out_root))
    staging.chmod(0o777 & ~_umask())
    try:
        work = staging / ".work"
        work.mkdir()
        total = len(plan.segments)
        speech = [Job(s.index, s.text, casting.settings(s.voice), str(work / f"{s.index:06d}.wav"))
                  for s in plan.segments]
        clips = synthesize(speech, work, jobs,
                           (lambda done: progress("synthesising", done, total)) if progress else None)
        programme = work / "programme.wav"
        timeline = assemble(plan.segments, clips, plan.chapters, recipe.pauses, programme)
        if progress:
            progress("encoding", 0, 1)
        audio = staging / f"{slug}.{FORMATS[fmt].extension}"
        EXPORTERS[fmt](programme, plan, timeline, recipe.export, audio)
        manifest = staging / f"{slug}.json"
        manifest.write_text(dumps(manifest_to_dict(plan, timeline, _audio_entry(audio, fmt))),
                            encoding="utf-8")
        shutil.rmtree(work)
        final = out_root / slug
        _replace_dir(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Rendered(final, final / audio.name, final / manifest.name, timeline.duration_ms,
                    len(plan.segments), len(plan.chapters))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _audio_entry(audio: Path, fmt: str) -> dict[str, str]:
    return {"file": audio.name, "format": fmt, "mime": FORMATS[fmt].mime}


def _replace_dir(staging: Path, final: Path) -> None:
    """Move finished files into place, each replacing its earlier version atomically.

    Files of other formats and clips already in the folder stay.
    """
    if not final.is_dir():
        staging.rename(final)
        return
    for item in sorted(staging.iterdir()):
        os.replace(item, final / item.name)
    staging.rmdir()


def describe(plan: Plan) -> str:
    quotes = sum(1 for s in plan.segments if s.kind == "quote")
    return (f"{plan.document.title}: {len(plan.chapters)} chapters, {len(plan.segments)} segments "
            f"({quotes} quoted), {len(plan.dropped)} dropped")
