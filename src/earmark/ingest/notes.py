"""How a footnote is announced when it is read away from where it is written: "Note 1." before
it and "End of note." after it, so that a listener hears where it starts and where the text
goes on. Readers put these words into the text they extract, as they do the image prefix."""

from __future__ import annotations

NOTE_END = "End of note."


def note_opening(label: str | int | None) -> str:
    """ "Note 1." for a numbered note; "Note." when its marker is a symbol ("*", "†")."""
    label = str(label or "").strip().strip("[]()^.")
    return f"Note {label}." if label.isalnum() and len(label) <= 6 else "Note."
