"""The whole render: plan, synthesise (cache first), lay out, encode, manifest, sidecars.

Everything is written into a hidden staging folder inside OUT and moved to OUT/<slug> only
when complete, so an interrupted or failed render leaves no half-written output and the
previous render in place. Several formats come from one synthesis, so they share one timeline.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from earmark.config.casting import Casting
from earmark.config.formats import FORMATS, audio_formats, exporters_for
from earmark.config.recipe import Recipe
from earmark.errors import InputError
from earmark.interrupts import deferred
from earmark.model import Plan
from earmark.planning.build import plan_file
from earmark.planning.manifest import AudioFile, build_manifest
from earmark.planning.schema import dumps
from earmark.progress import Silent

if TYPE_CHECKING:
    from earmark.speak.workers import Job
from earmark.speak.cache import Cache, default_root


@dataclass(frozen=True, slots=True)
class Rendered:
    folder: Path
    audio: tuple[Path, ...]
    """Every file written from the audio: the audio files, then publications (EPUB)."""
    manifest: Path
    duration_ms: int
    segments: int
    chapters: int
    synthesised: int
    """Segments spoken by the engine in this render (the rest came from the cache)."""


def slugify(text: str) -> str:
    """Text reduced to [a-z0-9-] (accents folded), at most 64 characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:64].strip("-")


_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)),
             *(f"lpt{n}" for n in range(1, 10))}


def slug_for(path: Path, title: str) -> str:
    """From the file name, else the title; only [a-z0-9-], so it cannot escape OUT (and never
    a name Windows reserves, such as CON, should the folder be copied there)."""
    slug = slugify(path.stem) or slugify(title) or "document"
    return f"{slug}-document" if slug in _RESERVED else slug


def render(source: Path, out_root: Path, recipe: Recipe, casting: Casting,
           formats: tuple[str, ...], jobs: int, progress: Silent | None = None,
           cache_root: Path | None = None, use_cache: bool = True, slug: str | None = None,
           fingerprint: str | None = None, cover: Path | None = None) -> Rendered:
    """Render one document into OUT/<slug>/ in each of `formats` (one synthesis for all).

    `slug` overrides the folder name (batch makes them unique); `fingerprint` is recorded in
    the manifest's source entry, so a batch can tell an up-to-date output; `cover` is an image
    (JPEG or PNG) for the audio files' cover art, instead of the document's own."""
    from earmark.assemble.loudness import levels
    from earmark.assemble.programme import Feed, grid, layout
    from earmark.export import EXPORTERS
    from earmark.speak.engine import engine_version
    from earmark.speak.workers import synthesize
    from earmark.tools import binary

    progress = progress or Silent()
    recipe = apply_profile(recipe)
    image = read_cover(cover) if cover else None
    prepared = prepare(source, recipe, casting)
    plan, castings, speech = prepared.plan, prepared.castings, prepared.speech
    if image:
        meta = dataclasses.replace(plan.document.metadata, cover=image[0], cover_mime=image[1])
        plan = dataclasses.replace(plan, document=dataclasses.replace(plan.document,
                                                                      metadata=meta))
    binary("ffmpeg")  # missing tools are reported before any work, not after synthesis
    if "mp3" in audio_formats(formats):
        from earmark.export import lame

        lame.require()
    casting = castings[None]
    slug = slug or slug_for(source, plan.document.title)
    out_root.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(out_root, slug)
    staging = Path(tempfile.mkdtemp(prefix=f".{slug}.{os.getpid()}.", suffix=".partial",
                                    dir=out_root))
    staging.chmod(0o777 & ~_umask())
    exporters = []
    feed = None
    try:
        cache = Cache(cache_root or default_root()) if use_cache else \
            Cache(staging / ".cache", enabled=False)
        engine_id = engine_version()
        keys = [job.key for job in speech]
        encoders = max(1, os.cpu_count() or 1)
        chunks = chunk_plan(plan, recipe)
        voices = {s.voice: casting.settings(s.voice) for s in plan.segments}
        level = levels(recipe.loudness.profile, voices, engine_id, cache)
        # a publication's exporter writes the audio it carries too (the EPUB its MP3), so
        # that audio is encoded once even when it is asked for as well
        made = exporters_for(formats)
        exporters = [EXPORTERS[fmt](cache, recipe.export, encoders, len(chunks))
                     for fmt in made]
        # the chunks' padding: the grid of the formats made in this render (so the pauses
        # between chunks, and the timeline, depend on the formats asked for)
        align = grid([unit for exporter in exporters for unit in exporter.units])
        feed = Feed(plan.segments, chunks, keys, recipe.pauses, level.levelling,
                    progress.encoded, align)
        progress.start(len(speech))
        # encoders start now and take each segment as it is spoken (cached ones come first)
        spoken, synthesised = synthesize(
            speech, cache, jobs, progress.spoke, feed.put,
            lambda: [exporter.begin(feed) for exporter in exporters],
            [c.indexes for c in chunks])  # one engine reset per chunk
        # the encoders are still at work: load what finishing needs meanwhile
        from earmark.export.sidecars import write_sidecars

        programme, timeline = layout(plan.segments, spoken, keys, plan.chapters, recipe.pauses,
                                     chunks, level.levelling, align)
        progress.planned(programme.total)
        counted = dataclasses.replace(programme, on_pcm=progress.encoded)
        for number, (fmt, exporter) in enumerate(zip(made, exporters, strict=True)):
            progress.stage(f"encoding {fmt.upper()}", restart=number > 0)
            exporter.finish(counted, plan, timeline,
                            staging / f"{slug}.{FORMATS[fmt].extension}")
        audio = [staging / f"{slug}.{FORMATS[fmt].extension}" for fmt in audio_formats(formats)]
        books = [fmt for fmt in made if FORMATS[fmt].carries]
        manifest = staging / f"{slug}.json"
        typed = build_manifest(plan, timeline,
                               [_audio_entry(slug, fmt) for fmt in audio_formats(formats)],
                               level.report, fingerprint,
                               [_audio_entry(slug, fmt) for fmt in books])
        audio += [staging / f"{slug}.{FORMATS[fmt].extension}" for fmt in books]
        manifest.write_text(dumps(typed.to_dict()), encoding="utf-8")
        write_sidecars(staging, slug, typed)
        shutil.rmtree(staging / ".cache", ignore_errors=True)
        final = out_root / slug
        with deferred():  # Ctrl-C here would leave no render in place, the earlier one hidden
            _replace_dir(staging, final)
    except BaseException:
        if feed is not None:
            feed.abandon()
        for exporter in exporters:
            exporter.abandon()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        progress.stop()
    return Rendered(final, tuple(final / a.name for a in audio), final / manifest.name,
                    timeline.duration_ms, len(plan.segments), len(plan.chapters), synthesised)


@dataclass(frozen=True, slots=True)
class Prepared:
    """What synthesis needs, checked against the engine before any audio is made."""

    plan: Plan
    castings: dict[str | None, Casting]
    """The casting for each language of the plan's segments (None: the document's)."""
    speech: list[Job]
    """One job per segment, in segment order."""


def prepare(source: Path, recipe: Recipe, casting: Casting) -> Prepared:
    """The plan, its casting per language and its speech jobs, checked against the engine.
    Shared by render and batch's synthesis shards."""
    from concurrent.futures import ThreadPoolExecutor

    from earmark.config.casting import for_language
    from earmark.speak.engine import check_casting, engine_version, list_voices, selectable_names
    from earmark.speak.workers import Job, preload_engine, segment_key

    def engine_side():  # type: ignore[no-untyped-def]
        voices = list_voices()
        preload_engine()
        return voices

    with ThreadPoolExecutor(1) as pool:  # espeak-ng reads its files while the plan is built
        voices = pool.submit(engine_side)
        plan = plan_file(source, recipe, casting)
        names = selectable_names(voices.result())
    castings, warnings = {}, []
    for language in {None, *(s.language for s in plan.segments)}:
        castings[language], warning = for_language(casting, language or plan.document.language,
                                                   names)
        warnings += [warning] if warning else []
    if warnings:
        plan = dataclasses.replace(plan, warnings=(*plan.warnings, *sorted(warnings)))
    for each in castings.values():
        check_casting(each)
    engine_id = engine_version()
    speech = [Job(s.index, s.text, castings[s.language].settings(s.voice),
                  segment_key(engine_id, castings[s.language].settings(s.voice), s.text))
              for s in plan.segments]
    return Prepared(plan, castings, speech)


def chunk_plan(plan: Plan, recipe: Recipe):  # type: ignore[no-untyped-def]
    """The chunks a document is encoded (and, each from a fresh engine, spoken) in. They
    depend on the document and recipe only, never on the machine: the audio must not."""
    from earmark.assemble.programme import plan_chunks

    return plan_chunks(plan.segments, plan.chapters, recipe.export.chunk_seconds,
                       at_least=MIN_CHUNKS)


MIN_CHUNKS = 2
"""Even a short text is cut in two where paragraphs allow, so both halves encode at once."""


def apply_profile(recipe: Recipe) -> Recipe:
    """The recipe as its loudness profile requires it: ACX asks for 44.1 kHz 192 kbps MP3 and
    room tone at both ends, which this sets (other profiles leave the recipe as it is).
    Everything that speaks or encodes for a render must start from this recipe, so that the
    audio (and its cache keys) are the same wherever it is made."""
    if recipe.loudness.profile != "acx":
        return recipe
    pauses = recipe.pauses
    head = pauses.head_ms if 500 <= pauses.head_ms <= 1000 else 750
    tail = pauses.tail_ms if 1000 <= pauses.tail_ms <= 5000 else 2000
    return dataclasses.replace(
        recipe,
        export=dataclasses.replace(recipe.export, sample_rate=44100, mp3_bitrate="192k"),
        pauses=dataclasses.replace(pauses, head_ms=head, tail_ms=tail),
    )


COVER_LIMIT = 16 * 1024 * 1024
"""The largest cover image taken (ID3 and MP4 hold larger, but players choke on them)."""


def read_cover(path: Path) -> tuple[bytes, str]:
    """A cover image's bytes and MIME type: a JPEG or PNG file, or InputError naming it."""
    try:
        with path.open("rb") as image:
            data = image.read(COVER_LIMIT + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file (the --cover image)") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read the cover image: {exc.strerror}") from None
    if len(data) > COVER_LIMIT:
        raise InputError(f"{path}: the cover image is larger than 16 MB")
    if data.startswith(b"\xff\xd8\xff"):
        return data, "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return data, "image/png"
    raise InputError(f"{path}: the cover is not a JPEG or PNG image")


def _remove_abandoned(out_root: Path, slug: str) -> None:
    """Staging folders of renders that were killed (their process is gone) are removed."""
    for folder in out_root.glob(f".{slug}.*.partial"):
        parts = folder.name.split(".")
        pid = int(parts[2]) if len(parts) > 3 and parts[2].isdigit() else None
        if pid is None:
            continue
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except PermissionError:
            pass  # another user's live process


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _audio_entry(slug: str, fmt: str) -> AudioFile:
    return AudioFile(f"{slug}.{FORMATS[fmt].extension}", fmt, FORMATS[fmt].mime)


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

