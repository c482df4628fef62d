"""earmark: accessible narrated audio from written articles."""

__version__ = "0.1.0"
