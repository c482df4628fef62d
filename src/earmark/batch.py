"""`earmark batch`: many documents rendered on Dask, from one laptop to a cluster.

Each document is one task that renders exactly as `earmark render` would, into OUT/<slug>/
(slugs made unique). Without a scheduler address a LocalCluster sized to the machine is
started; with one, the client connects to it (workers need earmark, espeak-ng and ffmpeg, and
must see OUT and the segment cache). A document whose output holds a manifest with the same
fingerprint (input bytes, recipe, voices file and the lexicons it lists, earmark version) and
all its audio is skipped, so a rerun after editing a few documents renders only those. A
failing document is reported and does not stop the others.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from earmark import __version__
from earmark.errors import EarmarkError, InputError, stage_of
from earmark.ingest import READERS
from earmark.rendering import slug_for


@dataclass(frozen=True, slots=True)
class DocResult:
    source: str
    slug: str
    status: str
    """"rendered", "skipped" or "failed"."""
    seconds: float = 0.0
    audio_ms: int = 0
    error: str = ""
    synthesised: int = 0
    """Segments the render itself had to speak (0 when shards spoke them all)."""


def expand(inputs: list[Path]) -> list[Path]:
    """Files as given; folders give their documents (by extension), sorted."""
    found: list[Path] = []
    for path in inputs:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*")
                            if p.is_file() and p.suffix.lower() in READERS)
        else:
            found.append(path)
    return found


def unique_slugs(paths: list[Path]) -> list[str]:
    """One output folder name per input; two inputs with the same slug get a numbered suffix."""
    seen: dict[str, int] = {}
    slugs = []
    for path in paths:
        base = slug_for(path, path.stem)
        seen[base] = seen.get(base, 0) + 1
        slugs.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return slugs


def fingerprint(path: Path, pipeline: str, voices: str) -> str:
    """What a document's render depends on: earmark's version and the bytes of the input, the
    recipe, the voices file and every lexicon that file lists."""
    from earmark.config.casting import casting_files
    from earmark.config.resources import locate

    digest = hashlib.sha256(__version__.encode())
    for part in (path, locate("pipeline", pipeline), *casting_files(voices)):
        try:
            digest.update(Path(part).read_bytes())
        except OSError:
            digest.update(str(part).encode())
    return digest.hexdigest()


def up_to_date(folder: Path, print_: str) -> bool:
    """Whether OUT/<slug> holds a complete render of this fingerprint (then it is skipped)."""
    from earmark.planning.manifest import read_manifest

    try:
        manifest = read_manifest(folder / f"{folder.name}.json")
    except InputError:
        return False  # missing, unreadable or foreign: rendered again
    return manifest.source.fingerprint == print_ and bool(manifest.audio_files) and all(
        (folder / f.file).is_file() for f in manifest.audio_files)


def synthesize_shard(source: str, pipeline: str, voices: str, shard: int, shards: int) -> int:
    """Speak every shards-th chunk of a long document into the shared cache (a Dask task),
    so one huge book is spoken by all workers; its render then finds them cached."""
    from earmark.config.casting import load_casting
    from earmark.config.recipe import load_recipe
    from earmark.rendering import apply_profile, chunk_plan, prepare
    from earmark.speak.cache import Cache, default_root
    from earmark.speak.workers import synthesize

    try:
        recipe = apply_profile(load_recipe(pipeline))
        prepared = prepare(Path(source), recipe, load_casting(voices))
        plan, speech = prepared.plan, prepared.speech
    except EarmarkError:
        return 0  # the render task reports the problem, once
    # whole chunks, each spoken from a fresh engine as render would: the same audio
    mine = [c.indexes for c in chunk_plan(plan, recipe)][shard::shards]
    jobs = [job for group in mine for job in speech[group.start:group.stop]]
    _, spoken = synthesize(jobs, Cache(default_root()), 1, groups=mine)
    return spoken


def render_one(source: str, out: str, slug: str, pipeline: str, voices: str,
               formats: tuple[str, ...], print_: str, *shards: int) -> DocResult:
    """One document (runs on a Dask worker): rendered, or skipped when up to date."""
    from earmark.config.casting import load_casting
    from earmark.config.recipe import load_recipe
    from earmark.rendering import render

    if up_to_date(Path(out) / slug, print_):
        return DocResult(source, slug, "skipped")
    started = time.perf_counter()
    try:
        recipe, casting = load_recipe(pipeline), load_casting(voices)
        # workers are daemon processes: synthesis runs in the worker itself (jobs=1)
        result = render(Path(source), Path(out), recipe, casting,
                        formats or recipe.export.default_formats(), 1, slug=slug,
                        fingerprint=print_)
    except EarmarkError as error:
        return DocResult(source, slug, "failed", time.perf_counter() - started, 0, str(error))
    except Exception as error:
        return DocResult(source, slug, "failed", time.perf_counter() - started, 0,
                         f"internal error in {stage_of(error)}: {type(error).__name__}: {error}")
    return DocResult(source, slug, "rendered", time.perf_counter() - started,
                     result.duration_ms, synthesised=result.synthesised)


def run_batch(inputs: list[Path], out: Path, pipeline: str, voices: str,
              formats: tuple[str, ...], scheduler: str | None,
              on_result=None,  # type: ignore[no-untyped-def]
              split_kb: int = 64) -> list[DocResult]:
    """Render many documents on Dask (a local cluster, or the scheduler at `scheduler`)."""
    from dask.distributed import Client, LocalCluster, as_completed

    paths = expand(inputs)
    if not paths:
        raise InputError("no documents to render (earmark reads "
                         f"{', '.join(READERS)})")
    out.mkdir(parents=True, exist_ok=True)
    slugs = unique_slugs(paths)
    cluster = None
    if scheduler:
        client = Client(scheduler, timeout="20s")
    else:
        cluster = LocalCluster(n_workers=max(1, os.cpu_count() or 1), threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        futures = []
        for path, slug in zip(paths, slugs, strict=True):
            print_ = fingerprint(path, pipeline, voices)
            shards = []
            size_kb = path.stat().st_size // 1024 if path.is_file() else 0
            if size_kb > split_kb and workers > 1 and not up_to_date(out / slug, print_):
                count = min(workers, max(2, size_kb // max(1, split_kb)))
                shards = [client.submit(synthesize_shard, str(path.resolve()), pipeline, voices,
                                        n, count, pure=False,
                                        key=f"shard-{slug}-{n}-{time.time_ns()}")
                          for n in range(count)]
            futures.append(client.submit(render_one, str(path.resolve()), str(out.resolve()),
                                         slug, pipeline, voices, formats, print_, *shards,
                                         pure=False, key=f"earmark-{slug}-{time.time_ns()}"))
        results = []
        for future in as_completed(futures):
            result = future.result()
            results.append(result)
            if on_result:
                on_result(result, len(results), len(futures))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    order = {str(p.resolve()): n for n, p in enumerate(paths)}
    return sorted(results, key=lambda r: order[r.source])


def report(results: list[DocResult], seconds: float) -> dict:
    """The batch's results as a JSON-ready report."""
    return {
        "documents": len(results),
        "rendered": sum(r.status == "rendered" for r in results),
        "skipped": sum(r.status == "skipped" for r in results),
        "failed": sum(r.status == "failed" for r in results),
        "audio_hours": round(sum(r.audio_ms for r in results) / 3_600_000, 4),
        "seconds": round(seconds, 2),
        "results": [asdict(r) for r in results],
    }
