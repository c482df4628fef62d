"""Planning work done ahead on another core, while the quotations are attributed.

Attribution reads the document in order and takes half of the planning stage; what comes after
it, cutting sentences into segments and making their spoken text, needs to know which
quotations are speech. Most quotations are: so a forked process segments the document as if
every quotation were speech, and makes the spoken text of each piece, while this process
attributes. When attribution agrees (every quotation is speech), its segmentation is used as it
is; otherwise this process segments the document itself, and takes the spoken text of every
piece that came out the same (spoken text depends on the piece's characters only).

Before segmenting, the forked process reads the whole text for attribution too: the registry's
words (quotes.attribution.registry_words) and the people named in the narration
(mention_batches), handed over batch by batch as they are made, so that attribution takes them
as it reaches them rather than making them itself. Those go through an unlinked temporary file,
which never blocks the writer, with a pipe that says how far the file is written.

Only for long documents (forking and handing the results back cost a few milliseconds), in a
process with no other threads (a fork copies none of them, nor the locks they may hold), and
where the platform forks. If the forked process fails in any way, this one does the work itself:
the plan is the same either way.
"""

from __future__ import annotations

import os
import pickle
import signal
import struct
import tempfile
import threading
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from earmark.model import Document, Dropped, Span
from earmark.quotes.attribution import Mention, mention_batches, registry_words
from earmark.quotes.marks import QuoteMarks
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
    prepared: _Reading = field(repr=False)
    """What it reads of the text for attribution (quotes.attribution.Prepared)."""


_OFFSET = struct.Struct("<q")


@dataclass(slots=True)
class _Reading:
    """The forked process's reading for attribution, as it comes: each part pickled into
    `store` (an unlinked file), and its end offset sent through the pipe `ready`."""

    store: int
    ready: int
    read_to: int = 0

    def take(self) -> Any:
        """The next part, or None when there is no more (the forked process ended or failed)."""
        if self.ready < 0:
            return None
        try:
            mark = os.read(self.ready, _OFFSET.size)
            while mark and len(mark) < _OFFSET.size:
                more = os.read(self.ready, _OFFSET.size - len(mark))
                if not more:
                    break
                mark += more
            if len(mark) == _OFFSET.size:
                (end,) = _OFFSET.unpack(mark)
                data = os.pread(self.store, end - self.read_to, self.read_to)
                if len(data) == end - self.read_to:
                    self.read_to = end
                    return pickle.loads(data)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError):
            pass
        self.close()
        return None

    def registry_words(self) -> tuple[frozenset[str], frozenset[str]] | None:
        return self.take()

    def mention_batches(self) -> Iterator[tuple[int, int, list[Mention]]]:
        while (batch := self.take()) is not None:
            yield batch

    def close(self) -> None:
        for fd in (self.store, self.ready):
            if fd >= 0:
                os.close(fd)
        self.store = self.ready = -1


def start(document: Document, sentences: list[list[Span]], quotes: tuple[QuoteMarks, ...],
          emoji_mode: str, spoken: Callable[[Piece], str]) -> Ahead | None:
    """Fork a process that reads the text for attribution (Ahead.prepared), then segments the
    document taking every quotation for speech and makes `spoken(piece)` of every piece; None
    where that is not worth it or not safe."""
    if (len(document.text) < MIN_CHARS or not hasattr(os, "fork")
            or threading.active_count() > 1):
        return None
    try:
        with tempfile.TemporaryFile() as store:  # each side keeps a copy of its descriptor
            fds = _fork(os.dup(store.fileno()))
    except OSError:
        return None
    if fds is None:
        return None
    pid, results, store_fd, ready = fds
    if pid == 0:  # the forked process: compute, hand back, and leave without any cleanup
        status = 1
        try:
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends it, with no traceback
            _read_for_attribution(document, quotes, sentences, store_fd, ready)
            speech = [q.span for q in quotes]
            segmentation = segment_document(document, sentences, speech, emoji_mode)
            data = pickle.dumps((
                [(p.block, p.sentence, p.kind, p.span, p.language) for p in segmentation.pieces],
                [(d.span, d.reason) for d in segmentation.dropped],
                segmentation.block_ends,
                [spoken(p) for p in segmentation.pieces],
            ), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(results, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)
    return Ahead(pid, results, [q.span for q in quotes], _Reading(store_fd, ready))


def _fork(store: int) -> tuple[int, int, int, int] | None:
    """Fork, with the pipes both ends need: (pid, the results' pipe, the store, the pipe of
    the store's offsets) on this side; in the forked process (pid 0) the writing ends."""
    pipes: list[int] = []
    try:
        pipes.extend(os.pipe())
        pipes.extend(os.pipe())
        pid = os.fork()
    except OSError:
        for fd in (*pipes, store):
            os.close(fd)
        return None
    reader, writer, ready_reader, ready_writer = pipes
    if pid == 0:
        os.close(reader)
        os.close(ready_reader)
        return 0, writer, store, ready_writer
    os.close(writer)
    os.close(ready_writer)
    return pid, reader, store, ready_reader


def _read_for_attribution(document: Document, quotes: tuple[QuoteMarks, ...],
                          sentences: list[list[Span]], store: int, ready: int) -> None:
    """Write the registry's words, then each batch of mentions, to `store`, and after each its
    end offset to `ready`; close both."""
    end = 0

    def send(part: object) -> None:
        nonlocal end
        data = pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.pwrite(store, view, end + len(data) - len(view)):]
        end += len(data)
        os.write(ready, _OFFSET.pack(end))

    try:
        send(registry_words(document))
        for batch in mention_batches(document, quotes, sentences):
            send(batch)
    except BrokenPipeError:  # attribution is done and wants no more
        pass
    finally:
        os.close(ready)
        os.close(store)


def finish(ahead: Ahead) -> tuple[Segmentation, list[str]] | None:
    """The forked process's segmentation and spoken texts, or None if it failed."""
    ahead.prepared.close()
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
    ahead.prepared.close()
    try:
        os.kill(ahead.pid, signal.SIGKILL)
        os.close(ahead.reader)
        os.waitpid(ahead.pid, 0)
    except OSError:
        pass
