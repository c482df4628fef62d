"""Planning work done ahead on another core, while the quotations are attributed.

Attribution reads the document in order and takes half of the planning stage; what comes after
it, cutting sentences into segments and making their spoken text, needs to know which
quotations are speech. Most quotations are: so a forked process segments the document as if
every quotation were speech, and makes the spoken text of each piece, while this process
attributes. When attribution agrees (every quotation is speech), its segmentation is used as it
is; otherwise this process segments the document itself, and takes the spoken text of every
piece that came out the same (spoken text depends on the piece's characters only).

Only for long documents (forking and handing the results back cost a few milliseconds), in a
process with no other threads (a fork copies none of them, nor the locks they may hold), and
where the platform forks. If the forked process fails in any way, this one does the work itself:
the plan is the same either way.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from earmark.model import Document, Dropped, Span
from earmark.text.segment import Piece, Segmentation, segment_document

MIN_CHARS = 200_000
"""Documents shorter than this are planned in one process."""


@dataclass(slots=True)
class Ahead:
    """A forked process segmenting a document with every quotation as speech."""

    pid: int
    reader: int
    """The pipe its results come through."""
    speech: list[Span]
    """The quotation spans it took for speech."""


def start(document: Document, sentences: list[list[Span]], speech: list[Span], emoji_mode: str,
          spoken: Callable[[Piece], str]) -> Ahead | None:
    """Fork a process that segments the document taking `speech` for the speech spans, and
    makes `spoken(piece)` of every piece; None where that is not worth it or not safe."""
    if (len(document.text) < MIN_CHARS or not hasattr(os, "fork")
            or threading.active_count() > 1):
        return None
    reader, writer = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        return None
    if pid == 0:  # the forked process: compute, hand back, and leave without any cleanup
        status = 1
        try:
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends it, with no traceback
            os.close(reader)
            segmentation = segment_document(document, sentences, speech, emoji_mode)
            data = pickle.dumps((
                [(p.block, p.sentence, p.kind, p.span, p.language) for p in segmentation.pieces],
                [(d.span, d.reason) for d in segmentation.dropped],
                segmentation.block_ends,
                [spoken(p) for p in segmentation.pieces],
            ), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writer, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    return Ahead(pid, reader, list(speech))


def finish(ahead: Ahead) -> tuple[Segmentation, list[str]] | None:
    """The forked process's segmentation and spoken texts, or None if it failed."""
    chunks = []
    try:
        with os.fdopen(ahead.reader, "rb") as pipe:
            while chunk := pipe.read(1 << 20):
                chunks.append(chunk)
    finally:
        status = _reaped(ahead.pid)
    if status != 0 or not chunks:
        return None
    try:
        pieces, dropped, block_ends, spoken = pickle.loads(b"".join(chunks))
    except (pickle.UnpicklingError, EOFError, ValueError):  # cut short: do the work here
        return None
    return (Segmentation(tuple(Piece(*p) for p in pieces), tuple(Dropped(*d) for d in dropped),
                         block_ends), spoken)


def changed_blocks(document: Document, guessed: list[Span], speech: list[Span]) -> set[int] | None:
    """The blocks that a quotation taken for speech by the forked process, and found to be no
    speech, touches (their pieces differ); None if `speech` is not all among `guessed`."""
    kept = set(speech)
    if not kept <= set(guessed):
        return None
    starts = [b.span[0] for b in document.blocks]
    changed: set[int] = set()
    for start, end in guessed:
        if (start, end) not in kept:
            first = max(0, bisect_right(starts, start) - 1)
            changed.update(range(first, bisect_right(starts, end - 1)))
    return changed


def _reaped(pid: int) -> int:
    """The forked process's exit status, once it has ended; 0 when it was reaped already (a
    program embedding earmark may ignore SIGCHLD, so that its children are reaped for it):
    then what it wrote is all there is to judge by."""
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:
        return 0


def cancel(ahead: Ahead) -> None:
    """Stop and reap the forked process (this process is failing or being interrupted)."""
    try:
        os.kill(ahead.pid, signal.SIGKILL)
        os.close(ahead.reader)
        os.waitpid(ahead.pid, 0)
    except OSError:
        pass
