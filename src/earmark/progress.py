"""Progress on a terminal (rich): segments synthesised, minutes of audio, ETA, then encoding.

Silent with --quiet and whenever standard error is not a terminal.
"""

from __future__ import annotations

import sys

from earmark.model import PCM


class Silent:
    """The progress display that shows nothing."""

    def start(self, total: int) -> None:
        pass

    def spoke(self, done: int, frames: int) -> None:
        pass

    def encoded(self, frames: int) -> None:
        """Called by the encoders (from their threads) as they take audio."""

    def planned(self, frames: int) -> None:
        """The programme's whole length, once synthesis is done."""

    def stage(self, name: str, restart: bool = False) -> None:
        """A new encoding stage (`restart`: its bar starts again from nothing)."""

    def stop(self) -> None:
        pass


class Progress(Silent):
    """Two bars: segments synthesised (with minutes of speech), then minutes encoded, each
    with the time left. MP3 is encoded while synthesis runs, so both move at once."""

    def __init__(self) -> None:
        import threading

        from rich.console import Console
        from rich.progress import BarColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as Bar

        self.bar = Bar(TextColumn("{task.description:<13}"), BarColumn(),
                       TextColumn("{task.fields[count]}"), TimeRemainingColumn(),
                       console=Console(stderr=True), transient=True)
        self.synthesis = self.encoding = None
        self.frames = self.encoded_frames = 0
        self.lock = threading.Lock()

    def start(self, total: int) -> None:
        self.bar.start()
        self.synthesis = self.bar.add_task("Synthesising", total=total, count="")
        self.encoding = self.bar.add_task("Encoding", total=None, count="")

    def spoke(self, done: int, frames: int) -> None:
        self.frames += frames
        total = self.bar.tasks[0].total
        self.bar.update(self.synthesis, completed=done,
                        count=f"{done}/{total} segments, {self.frames / PCM.rate / 60:.1f} min")

    def encoded(self, frames: int) -> None:
        with self.lock:
            self.encoded_frames += frames
            self.bar.update(self.encoding, completed=self.encoded_frames,
                            count=f"{self.encoded_frames / PCM.rate / 60:.1f} min of audio")

    def planned(self, frames: int) -> None:
        self.bar.update(self.encoding, total=frames)

    def stage(self, name: str, restart: bool = False) -> None:
        if restart:
            with self.lock:
                self.encoded_frames = 0
                self.bar.reset(self.encoding, total=self.bar.tasks[1].total, count="")
        self.bar.update(self.encoding, description=name.capitalize())

    def stop(self) -> None:
        self.bar.stop()


def for_terminal(quiet: bool) -> Silent:
    """A progress display on a terminal (rich), or a silent one when quiet or not a terminal."""
    return Silent() if quiet or not sys.stderr.isatty() else Progress()
