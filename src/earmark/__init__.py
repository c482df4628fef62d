"""earmark: accessible narrated audio from written articles."""

__version__ = "0.1.0"


def main() -> None:
    """The `earmark` command. The installed script imports only this package; the command
    line (typer and the rest) loads here. A synthesis worker process starts by running that
    script again (the spawn start method re-runs the parent's main script, not calling main):
    it then loads nothing it does not use."""
    from earmark.cli import main as command

    command()
