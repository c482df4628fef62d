"""earmark: accessible narrated audio from written articles and books.

The Python API (see earmark.api): `earmark.plan(path)` returns the narration plan,
`earmark.render(path, out)` renders it. Both load on first use, so importing earmark stays
cheap (a synthesis worker process imports this package too).
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["main", "plan", "render"]


def __getattr__(name: str) -> Any:
    if name in ("plan", "render"):
        from earmark import api

        return getattr(api, name)
    raise AttributeError(f"module 'earmark' has no attribute {name!r}")


def main() -> None:
    """The `earmark` command. The installed script imports only this package; the command
    line (typer and the rest) loads here. A synthesis worker process starts by running that
    script again (the spawn start method re-runs the parent's main script, not calling main):
    it then loads nothing it does not use."""
    from earmark.cli import main as command

    command()
