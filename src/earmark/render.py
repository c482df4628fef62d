"""The whole render: plan, synthesise, assemble, export, manifest.

Everything is written into a hidden staging folder inside OUT and moved to OUT/<slug> only
when complete, so an interrupted or failed render leaves no half-written output and the
previous render in place. Several formats come from one synthesis, so they share one timeline.
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
    audio: tuple[Path, ...]
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


def render(
    source: Path,
    out_root: Path,
    recipe: Recipe,
    casting: Casting,
    formats: tuple[str, ...],
    jobs: int,
    progress: Progress | None = None,
) -> Rendered:
    """Render one document into OUT/<slug>/ in each of `formats` (one synthesis for all)."""
    from earmark.assemble import assemble
    from earmark.export import EXPORTERS
    from earmark.export.sidecars import write_sidecars
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
        speech = [
            Job(s.index, s.text, casting.settings(s.voice), str(work / f"{s.index:06d}.wav"))
            for s in plan.segments
        ]
        clips = synthesize(
            speech,
            work,
            jobs,
            (lambda done: progress("synthesising", done, total)) if progress else None,
        )
        programme = work / "programme.wav"
        timeline = assemble(plan.segments, clips, plan.chapters, recipe.pauses, programme)
        audio = []
        for number, fmt in enumerate(formats):
            if progress:
                progress(f"encoding {fmt}", number, len(formats))
            audio.append(staging / f"{slug}.{FORMATS[fmt].extension}")
            EXPORTERS[fmt](programme, plan, timeline, recipe.export, audio[-1])
        manifest = staging / f"{slug}.json"
        entries = [_audio_entry(path, fmt) for path, fmt in zip(audio, formats, strict=True)]
        data = manifest_to_dict(plan, timeline, entries)
        manifest.write_text(dumps(data), encoding="utf-8")
        write_sidecars(staging, slug, data)
        shutil.rmtree(work)
        final = out_root / slug
        _replace_dir(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Rendered(
        final,
        tuple(final / a.name for a in audio),
        final / manifest.name,
        timeline.duration_ms,
        len(plan.segments),
        len(plan.chapters),
    )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _audio_entry(audio: Path, fmt: str) -> dict[str, str]:
    return {"file": audio.name, "format": fmt, "mime": FORMATS[fmt].mime}


def _replace_dir(staging: Path, final: Path) -> None:
    """Move a finished folder into place, replacing an earlier render of the same slug whole
    (its audio, manifest and clips all belong to the old text)."""
    if final.exists():
        old = final.with_name(f".{final.name}.{os.getpid()}.old")
        final.rename(old)
        staging.rename(final)
        shutil.rmtree(old, ignore_errors=True)
    else:
        staging.rename(final)


def describe(plan: Plan) -> str:
    quotes = sum(1 for s in plan.segments if s.kind == "quote")
    return (
        f"{plan.document.title}: {len(plan.chapters)} chapters, {len(plan.segments)} segments "
        f"({quotes} quoted), {len(plan.dropped)} dropped"
    )
