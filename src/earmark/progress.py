"""Progress on a terminal (rich): segments synthesised, minutes of audio, ETA, then encoding.

Silent with --quiet and whenever standard error is not a terminal.
"""

from __future__ import annotations

import sys


class Silent:
    """The progress display that shows nothing."""

    def start(self, total: int) -> None:
        pass

    def spoke(self, done: int, frames: int) -> None:
        pass

    def stage(self, name: str) -> None:
        pass

    def stop(self) -> None:
        pass


class Progress(Silent):
    """Segments and audio minutes while synthesising, then each encoding stage."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as Bar

        self.bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                       TextColumn("{task.fields[minutes]:.1f} min of audio"),
                       TimeRemainingColumn(), console=Console(stderr=True), transient=True)
        self.task = None
        self.frames = 0

    def start(self, total: int) -> None:
        self.bar.start()
        self.task = self.bar.add_task("Synthesising", total=total, minutes=0.0)

    def spoke(self, done: int, frames: int) -> None:
        self.frames += frames
        self.bar.update(self.task, completed=done, minutes=self.frames / 22050 / 60)

    def stage(self, name: str) -> None:
        self.bar.update(self.task, description=name.capitalize())

    def stop(self) -> None:
        self.bar.stop()


def for_terminal(quiet: bool) -> Silent:
    return Silent() if quiet or not sys.stderr.isatty() else Progress()
