"""Segments -> one verified WAV file each, from the cache or from worker processes.

Short texts are spoken in this process; longer ones by worker processes (one per core), each
owning one Engine and taking whole chunks, each chunk from a freshly loaded engine (see
engine.reset_engine), so the audio is the same whatever the number of workers. Each segment
is written to a temporary name, verified, given its voice chunk and moved into the cache. A
cached entry that does not read back as sound audio of a plausible length is spoken again.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import signal
import wave
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from earmark.config.casting import VoiceSettings
from earmark.interrupts import blocked_in_children, deferred
from earmark.model import PCM
from earmark.speak.cache import Cache, key_of
from earmark.speak.clipfile import probe
from earmark.speak.engine import Engine, Spoken, plausible_frames

if TYPE_CHECKING:
    from multiprocessing.queues import SimpleQueue
    from multiprocessing.synchronize import Event

SUFFIX = ".wav"


@dataclass(frozen=True, slots=True)
class Job:
    index: int
    text: str
    settings: VoiceSettings
    key: str


def segment_key(engine_id: str, settings: VoiceSettings, text: str) -> str:
    """The cache key of one segment's audio: engine, voice settings and text."""
    return key_of("segment/2", engine_id, _fields(settings), text)


@functools.lru_cache(maxsize=512)
def _fields(settings: VoiceSettings) -> dict[str, object]:
    """dataclasses.asdict of a voice's settings, made once per voice rather than per segment
    (a book has a few voices and thousands of segments; not to be changed by callers)."""
    return dataclasses.asdict(settings)


VOICE_CHUNK = b"emvo"
"""A RIFF chunk after the audio holding the voice espeak-ng used (one file per segment)."""


def _append_voice(path: Path, voice: str) -> None:
    name = voice.encode("utf-8")
    chunk = VOICE_CHUNK + len(name).to_bytes(4, "little") + name + b"\0" * (len(name) % 2)
    with path.open("r+b") as wav:
        wav.seek(4)
        riff = int.from_bytes(wav.read(4), "little")
        wav.seek(4)
        wav.write((riff + len(chunk)).to_bytes(4, "little"))
        wav.seek(0, os.SEEK_END)
        wav.write(chunk)


def _read_voice(path: Path, frames: int) -> str | None:
    """The voice chunk right after `frames` of audio, if the file ends with it."""
    with path.open("rb") as wav:
        wav.seek(44 + frames * PCM.frame_bytes)
        head = wav.read(8)
        if len(head) != 8 or head[:4] != VOICE_CHUNK:
            return None
        size = int.from_bytes(head[4:], "little")
        name = wav.read(size + size % 2)
        if len(name) != size + size % 2 or wav.read(1):
            return None
    return name[:size].decode("utf-8", "replace")


_worker: tuple[Engine, Cache] | None = None
_preloaded: Engine | None = None


def preload_engine() -> None:
    """Start this process's engine ahead of its first segment (render does it in a thread
    while the plan is built: espeak-ng loads its data without holding the GIL)."""
    global _preloaded
    if _worker is None and _preloaded is None:
        _preloaded = Engine()


_announce: SimpleQueue[tuple[str, Spoken]] | None = None
"""A worker process's queue to the render: each segment is reported the moment it is
spoken, not when its whole chunk is (so the encoders start right away)."""
_stop: Event | None = None
"""Set by the render when it stops early (Ctrl-C, a failure): a worker speaks no more."""


def _init_worker(cache: Cache, announce: SimpleQueue[tuple[str, Spoken]] | None = None,
                 stop: Event | None = None) -> None:
    global _worker, _preloaded, _announce, _stop
    if announce is not None:  # a worker process: Ctrl-C is the render's to handle (it stops
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the workers), not a traceback each
    engine, _preloaded = _preloaded or Engine(), None
    _worker = (engine, cache)
    _announce, _stop = announce, stop


def _speak_batch(jobs: list[Job], cache: Cache | None = None) -> list[Spoken]:
    """Speak jobs in order, starting from a fresh engine (the same audio in any process);
    only those before the render said stop."""
    assert _worker is not None, "worker not initialised"
    out: list[Spoken] = []
    if _stop is not None and _stop.is_set():
        return out
    _worker[0].reset()
    for job in jobs:
        out.append(_speak(job, cache))
        if _announce is not None:
            _announce.put((job.key, out[-1]))
        if _stop is not None and _stop.is_set():
            break
    return out


def _speak(job: Job, cache: Cache | None = None) -> Spoken:
    assert _worker is not None, "worker not initialised"
    engine, worker_cache = _worker
    cache = cache or worker_cache
    scratch = cache.scratch("segments", job.key, SUFFIX)
    try:
        spoken = engine.speak(job.text, job.settings, scratch)
        _append_voice(scratch, spoken.engine_voice)
        path = cache.put("segments", job.key, SUFFIX, scratch)
    finally:
        scratch.unlink(missing_ok=True)
    return Spoken(str(path), spoken.frames, spoken.engine_voice)


def cached(cache: Cache, job: Job) -> Spoken | None:
    """The cached audio of a job, if present and sound."""
    if not cache.enabled:
        return None
    path = cache.path("segments", job.key, SUFFIX)
    low, high = plausible_frames(job.text, job.settings.rate)
    known = probe(path, VOICE_CHUNK)  # one open; the wave module only for another layout
    if known is None and not path.is_file():  # (a missing entry costs the open only)
        return None
    if known is not None:
        frames, voice = known
        return Spoken(str(path), frames, voice) if low <= frames <= high else None
    try:
        with wave.open(str(path), "rb") as wav:
            shape = (wav.getframerate(), wav.getnchannels(), wav.getsampwidth())
            frames = wav.getnframes()
        voice = _read_voice(path, frames) if shape == (PCM.rate, PCM.channels, PCM.width) \
            else None
    except (OSError, EOFError, wave.Error):
        return None
    if voice is None or not low <= frames <= high:
        return None
    return Spoken(str(path), frames, voice)


def default_jobs() -> int:
    """Worker processes: one per core. With espeak-ng synchronous there is no idle polling to
    fill, and the MP3 encoders share the cores (book render here: 2 workers 23.2 s, 3 24.7 s,
    4 25.3 s)."""
    return max(1, os.cpu_count() or 1)


IN_PROCESS = 48
"""Below this many segments to speak, the engine runs in this process: starting workers
(spawned interpreters that import earmark) costs more than it saves."""


def synthesize(jobs: Sequence[Job], cache: Cache, processes: int,
               progress: Callable[[int, int], None] | None = None,
               on_ready: Callable[[int, Spoken], None] | None = None,
               on_cached: Callable[[], object] | None = None,
               groups: Sequence[range] | None = None,
               ) -> tuple[list[Spoken], int]:
    """Speak every job (cache first); results in job order, and how many were synthesised.

    `on_ready(index, spoken)` is called for every job as soon as its audio exists (cached
    ones first, then the others as they are spoken: in job order within a group, groups
    side by side in workers), so encoding can start before synthesis ends; `on_cached()`
    once the cached ones have been reported, before any synthesis.
    `groups` (ranges of job indexes; default: one) are what a worker speaks in one go, from a
    fresh engine: the audio then does not depend on the number of workers."""
    by_key: dict[str, Spoken] = {}
    todo: dict[str, Job] = {}  # one synthesis per distinct key: "said Ruiz." recurs
    for job in jobs:
        if job.key in by_key or job.key in todo:
            continue
        hit = cached(cache, job)
        if hit is None:
            todo[job.key] = job
        else:
            by_key[job.key] = hit
    users: dict[str, list[int]] = {}
    for index, job in enumerate(jobs):
        users.setdefault(job.key, []).append(index)
    done = 0

    def arrived(key: str, spoken: Spoken) -> None:
        nonlocal done
        by_key[key] = spoken
        done += len(users[key])
        if progress:
            progress(done, spoken.frames * len(users[key]))
        if on_ready:
            for index in users[key]:
                on_ready(index, spoken)

    for key, spoken in list(by_key.items()):
        arrived(key, spoken)
    if on_cached:
        on_cached()
    pending = list(todo.values())
    batches = _batches(pending, groups or [range(len(jobs))])
    # Ctrl-C stops synthesis between segments, never inside the bookkeeping that threads and
    # worker processes share (see earmark.interrupts)
    with deferred() as interrupt:
        if len(pending) < IN_PROCESS or processes <= 1 or len(batches) < 2:
            if pending and _worker is None:
                _init_worker(cache)
            for batch in batches:
                _worker[0].reset()  # type: ignore[index]
                for job in batch:
                    arrived(job.key, _speak(job, cache))
                    interrupt.check()
        else:
            _in_workers(batches, cache, max(1, min(processes, len(batches))), arrived,
                        interrupt.check)
    return [by_key[job.key] for job in jobs], len(todo)


def _in_workers(batches: list[list[Job]], cache: Cache, processes: int,
                arrived: Callable[[str, Spoken], None],
                check: Callable[[], None] = lambda: None) -> None:
    """Speak the batches in worker processes; `arrived` hears of each segment as soon as a
    worker has spoken it (through a queue), and of every segment of a finished batch (its
    result, which also carries a worker's error or death). `check` is called between
    reports: what it raises (Ctrl-C) stops the workers."""
    import multiprocessing  # only here: 25 ms to import, and short texts never need it
    import time
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    # a SimpleQueue's put writes to the pipe before it returns (no feeder thread), so a worker
    # never exits with reports unsent, and one blocked on a full pipe cannot finish its batch
    # while this loop, which reads until every batch is finished, stops reading
    announce = context.SimpleQueue()
    stop = context.Event()
    heard: set[str] = set()
    before = set(multiprocessing.active_children())
    spawned: set[multiprocessing.process.BaseProcess] = set()

    def hear(key: str, spoken: Spoken) -> None:
        if key not in heard:
            heard.add(key)
            arrived(key, spoken)

    def report() -> tuple[str, Spoken] | None:
        """A worker's report if one is waiting; else None, after a short wait."""
        if announce.empty():
            time.sleep(0.005)
            return None
        return announce.get()

    try:
        with ProcessPoolExecutor(processes, mp_context=context, initializer=_init_worker,
                                 initargs=(cache, announce, stop)) as pool:
            # the pool starts its workers as batches are submitted: from birth they block the
            # Ctrl-C a terminal sends the whole process group (a worker still importing when
            # it came died with a traceback, and the pool, broken, left the other running)
            with blocked_in_children():
                results = [pool.submit(_speak_batch, batch) for batch in batches]
            spawned = set(multiprocessing.active_children()) - before
            finished = 0
            try:
                while finished < len(results):
                    check()
                    if (one := report()) is not None:
                        hear(*one)
                    elif results[finished].done():
                        for job, spoken in zip(batches[finished], results[finished].result(),
                                               strict=True):  # raises a worker's error
                            hear(job.key, spoken)
                        finished += 1
            except BaseException:
                # a worker failed, or the render was interrupted: the workers stop after the
                # segment they are speaking and the batches not started return at once; the
                # reports are read meanwhile (a worker blocked on a full pipe would never
                # finish, and the pool waits for it). Futures are not cancelled: a pool
                # broken by a worker's death then fails to mark them and to stop the others
                # (CPython 3.11's terminate_broken raises InvalidStateError on a cancelled one)
                stop.set()
                while not all(result.done() for result in results):
                    report()
                raise
    except BaseException:
        # whatever state the pool was left in, no worker outlives the render (the interpreter
        # would wait for it at exit, for ever)
        for child in spawned or set(multiprocessing.active_children()) - before:
            child.terminate()
            child.join(5)
        raise
    announce.close()


def _batches(pending: list[Job], groups: Sequence[range]) -> list[list[Job]]:
    """The jobs to speak, in order, cut where the groups start (empty batches left out)."""
    starts = [group.start for group in groups]
    batches: list[list[Job]] = [[] for _ in groups]
    for job in pending:
        batches[max(0, bisect_right(starts, job.index) - 1)].append(job)
    return [batch for batch in batches if batch]


def speak_here(cache: Cache, job: Job) -> Spoken:
    """Speak one job in the calling process, into `cache`, and return its verified clip.

    The process's engine is started on first use and kept (as in a worker), so later calls
    are quick; loudness calibration uses it for a few paragraphs where starting worker
    processes would cost more than the speech."""
    if _worker is None:
        _init_worker(cache)
    return _speak(job, cache)
