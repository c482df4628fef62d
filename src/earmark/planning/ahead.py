"""Planning work done ahead on another core, while the quotations are attributed.

Attribution reads the document in order and takes half of the planning stage; what comes after
it, cutting sentences into segments and making their spoken text, needs to know which
quotations are speech. Most quotations are: so a forked process segments the document as if
every quotation were speech, and makes the spoken text of the pieces, while this process
attributes. When attribution agrees (every quotation is speech), that segmentation is
used as it is; otherwise this process segments the document itself, and takes the spoken text
of every piece that came out the same (spoken text depends on the piece's characters only).

Before segmenting, the forked process finds the people named in the narration, which
attribution starts from (quotes.mentions.mention_batches), and hands them over batch by batch
as they are made, so that attribution takes them as it reaches them rather than making them
itself. (It finds the sentences and quotations for that itself, as this process does at the
same time: handing them over made this process wait for them.) All of it goes through an
unlinked temporary file, which never blocks the writer, with a pipe that says what the file
holds up to where.

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
from earmark.quotes.marks import find_quotes
from earmark.quotes.mentions import Mention, mention_batches
from earmark.text.segment import Piece, Segmentation, segment_document, sentence_spans

MIN_CHARS = 200_000
"""Documents shorter than this are planned in one process."""

MENTIONS, SEGMENTATION, SPOKEN = range(3)
"""What a part of the forked process's output is, in the order it comes."""

SPOKEN_SHARE = 1.0
"""The share of the pieces whose spoken text the forked process makes (from the start); this
process makes the rest once attribution is done. Measured with benchmarks/plan.py: shares
1.0/0.75/0.5 gave 1.30/1.33/1.36 s median wall on a quiet machine."""


def _forked_share(pieces: int) -> int:
    return int(pieces * SPOKEN_SHARE)


@dataclass(slots=True)
class Ahead:
    """A forked process reading and segmenting a document with every quotation as speech."""

    pid: int
    speech: list[Span]
    """The quotation spans it takes for speech (set here once the quotations are known)."""
    prepared: _Parts = field(repr=False)
    """What it hands over: first what attribution reads (quotes.mentions.Prepared)."""
    spoken: Callable[[Piece], str] = field(repr=False)


_MARK = struct.Struct("<qB")
"""A part's end offset in the store, and its kind."""


@dataclass(slots=True)
class _Parts:
    """The forked process's output as it comes: each part pickled into `store` (an unlinked
    file), and its end and kind sent through the pipe `ready`."""

    store: int
    ready: int
    read_to: int = 0
    waiting: tuple[int, int] | None = None
    """A part announced and not taken yet: its end and kind."""

    def take(self, kind: int) -> Any:
        """The next part of this kind, passing over mentions that attribution did not need;
        None when there is none (the forked process ended or failed)."""
        try:
            while (mark := self.waiting or self._mark()) is not None:
                end, got = mark
                self.waiting = None
                if got == kind:
                    data = os.pread(self.store, end - self.read_to, self.read_to)
                    if len(data) != end - self.read_to:
                        break
                    self.read_to = end
                    return pickle.loads(data)
                if got != MENTIONS:  # not there: maybe it comes later
                    self.waiting = mark
                    return None
                self.read_to = end
        except (OSError, pickle.UnpicklingError, EOFError, ValueError):
            pass
        self.close()
        return None

    def _mark(self) -> tuple[int, int] | None:
        if self.ready < 0:
            return None
        mark = b""
        while len(mark) < _MARK.size and (more := os.read(self.ready, _MARK.size - len(mark))):
            mark += more
        return _MARK.unpack(mark) if len(mark) == _MARK.size else None

    def mention_batches(self) -> Iterator[tuple[int, int, list[Mention]]]:
        while (batch := self.take(MENTIONS)) is not None:
            yield batch

    def close(self) -> None:
        for fd in (self.store, self.ready):
            if fd >= 0:
                os.close(fd)
        self.store = self.ready = -1


def start(document: Document, abbreviations: tuple[str, ...], emoji_mode: str,
          spoken: Callable[[Piece], str]) -> Ahead | None:
    """Fork a process that finds the people named in the narration (Ahead.prepared), then
    segments the document taking every quotation for speech and makes `spoken(piece)` of its
    share of the pieces (SPOKEN_SHARE); None where that is not worth it or not safe."""
    if (len(document.text) < MIN_CHARS or not hasattr(os, "fork")
            or threading.active_count() > 1):
        return None
    try:
        with tempfile.TemporaryFile() as file:  # each side keeps a copy of its descriptor
            store = os.dup(file.fileno())
        reader, writer = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        for fd in (store, reader, writer):
            os.close(fd)
        return None
    if pid == 0:  # the forked process: compute, hand over, and leave without any cleanup
        status = 1
        try:
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends it, with no traceback
            os.close(reader)
            _hand_over(document, abbreviations, emoji_mode, spoken, store, writer)
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    return Ahead(pid, [], _Parts(store, reader), spoken)


def _hand_over(document: Document, abbreviations: tuple[str, ...], emoji_mode: str,
               spoken: Callable[[Piece], str], store: int, ready: int) -> None:
    """The forked process's work, each part written to `store` and announced on `ready`:
    each batch of mentions, the segmentation, then the spoken text of its share of the
    pieces."""
    end = 0

    def send(kind: int, part: object) -> None:
        nonlocal end
        data = pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.pwrite(store, view, end + len(data) - len(view)):]
        end += len(data)
        os.write(ready, _MARK.pack(end, kind))

    sentences = sentence_spans(document, abbreviations)
    scan = find_quotes(document)
    for batch in mention_batches(document, scan.quotes, sentences):
        send(MENTIONS, batch)
    segmentation = segment_document(document, sentences, [q.span for q in scan.quotes],
                                    emoji_mode)
    pieces = segmentation.pieces
    send(SEGMENTATION, ([(p.block, p.sentence, p.kind, p.span, p.language) for p in pieces],
                        [(d.span, d.reason) for d in segmentation.dropped],
                        segmentation.block_ends))
    send(SPOKEN, [spoken(p) for p in pieces[: _forked_share(len(pieces))]])


def finish(ahead: Ahead) -> tuple[Segmentation, list[str]] | None:
    """The forked process's segmentation and the spoken text of every piece (those beyond its
    share, or that it failed to give, made here), or None if it failed."""
    try:
        got = ahead.prepared.take(SEGMENTATION)
        if got is None:
            return None
        pieces, dropped, block_ends = got
        segmentation = Segmentation(tuple(Piece(*p) for p in pieces),
                                    tuple(Dropped(*d) for d in dropped), block_ends)
        share = _forked_share(len(segmentation.pieces))
        second = [ahead.spoken(p) for p in segmentation.pieces[share:]]
        first = ahead.prepared.take(SPOKEN)
        if first is None or len(first) != share:
            first = [ahead.spoken(p) for p in segmentation.pieces[:share]]
        return segmentation, first + second
    except BaseException:
        cancel(ahead)
        raise
    finally:
        ahead.prepared.close()
        _reaped(ahead.pid)


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
        os.waitpid(ahead.pid, 0)
    except OSError:
        pass
