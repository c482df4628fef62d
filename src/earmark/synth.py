"""Segments -> one WAV file each, synthesised in worker processes.

espeak-ng initialises once per process and pyttsx3's run loop sleeps between polls, so
several processes keep the CPU busy. Each worker owns one Engine and warms it up first.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from earmark.casting import VoiceSettings
from earmark.engine import Engine, Spoken


@dataclass(frozen=True, slots=True)
class Job:
    index: int
    text: str
    settings: VoiceSettings
    path: str


_worker_engine: Engine | None = None


def _init_worker(scratch: str, warm: VoiceSettings) -> None:
    global _worker_engine
    _worker_engine = Engine()
    _worker_engine.warm_up(
        warm, Path(scratch) / f"warm-up-{multiprocessing.current_process().pid}.wav"
    )


def _speak(job: Job) -> Spoken:
    assert _worker_engine is not None, "worker not initialised"
    return _worker_engine.speak(job.text, job.settings, Path(job.path))


def synthesize(
    jobs: Sequence[Job],
    workdir: Path,
    processes: int,
    progress: Callable[[int], None] | None = None,
) -> list[Spoken]:
    """Speak every job; results in job order. Any failure stops the run with its error."""
    if not jobs:
        return []
    processes = max(1, min(processes, len(jobs)))
    warm = jobs[0].settings
    context = multiprocessing.get_context("spawn")
    results: list[Spoken] = []
    with ProcessPoolExecutor(
        processes, mp_context=context, initializer=_init_worker, initargs=(str(workdir), warm)
    ) as pool:
        chunk = max(1, min(32, len(jobs) // (processes * 4) or 1))
        for spoken in pool.map(_speak, jobs, chunksize=chunk):
            results.append(spoken)
            if progress:
                progress(len(results))
    return results
