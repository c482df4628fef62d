"""What a read-along EPUB's package says about the narration and its accessibility (EPUB 3.3
Media Overlays properties, EPUB Accessibility 1.1 / schema.org metadata), for a book made
from the text (export.epub) and one made from an EPUB input (export.epub_reuse) alike; and
the structures (footnotes, tables, lists, figures) that overlays mark so that reading
systems can skip or escape them."""

from __future__ import annotations

from html import escape

from earmark.export.epub_text import ACTIVE_CLASS, Part
from earmark.export.smil import clock
from earmark.export.tags import NARRATOR
from earmark.model import Plan, Timeline


def narration(timeline: Timeline, overlays: list[tuple[str, int]],
              narrator_id: str = "narrator") -> list[str]:
    """The narrator (a synthetic voice), the book's and each overlay's duration, the active
    class: `overlays` are (manifest id, duration in ms)."""
    lines = [f'<dc:contributor id="{narrator_id}">{escape(NARRATOR)}</dc:contributor>',
             f'<meta refines="#{narrator_id}" property="role" scheme="marc:relators">nrt</meta>',
             f'<meta property="media:duration">{clock(timeline.duration_ms)}</meta>']
    lines += [f'<meta property="media:duration" refines="#{ident}">{clock(ms)}</meta>'
              for ident, ms in overlays]
    lines.append(f'<meta property="media:narrator">{escape(NARRATOR)}</meta>')
    lines.append(f'<meta property="media:active-class">{ACTIVE_CLASS}</meta>')
    return lines


def accessibility(existing: set[tuple[str, str]], features: list[str], images: bool,
                  summary: str, hazard: str = "none") -> list[str]:
    """The schema.org accessibility properties the book lacks (`existing`: (property, value)
    pairs it has): access modes textual and auditory (visual with images), sufficient access
    modes, `features`, a hazard statement unless it has one, and `summary`."""
    modes = ["textual", "auditory"] + (["visual"] if images else [])
    sufficient = (["textual"] if not images else []) + ["auditory", "textual,auditory"]
    wanted = [("schema:accessMode", m) for m in modes]
    wanted += [("schema:accessModeSufficient", m) for m in sufficient]
    wanted += [("schema:accessibilityFeature", f) for f in features]
    if not any(p == "schema:accessibilityHazard" for p, _ in existing):
        wanted.append(("schema:accessibilityHazard", hazard))
    lines = [f'<meta property="{p}">{escape(v, quote=False)}</meta>' for p, v in wanted
             if (p, v) not in existing]
    lines.append(f'<meta property="schema:accessibilitySummary">'
                 f"{escape(summary, quote=False)}</meta>")
    return lines


def summary(plan: Plan, kept: bool = False, cover: bool = False, pages: bool = False) -> str:
    """The accessibility summary: what the book holds and how it can be read."""
    text = ("The publisher's own text, styles and images, narrated by a synthetic voice "
            "(espeak-ng, through earmark)" if kept else
            "The complete text, with its headings and a table of contents, narrated by a "
            "synthetic voice (espeak-ng)")
    text += (" and synchronised with the text sentence by sentence (Media Overlays): each "
             "sentence is highlighted as it is read. The text can be read without the audio "
             "and the audio listened to without the text; images are read by their text "
             "alternatives.")
    if pages:
        text += " Page breaks of the print edition are marked and listed."
    if not kept:
        text += (" The only image is the cover, outside the reading order." if cover else
                 " There are no images.") + " There is no video and no flashing content."
    return text


def structures(parts: list[Part]) -> dict[int, str]:
    """Segment index -> the structure it is read in (its overlay's epub:type): "footnote",
    "table", "list" or "figure"; segments of running text are in none."""
    found: dict[int, str] = {}
    for part in parts:
        block = part.block
        kind = ("footnote" if block.note is not None else
                "table" if block.container == "table" else
                "figure" if block.kind == "image" else
                "list" if block.kind == "item" else None)
        if kind:
            found.update((s.index, kind) for s in part.segments)
    return found
