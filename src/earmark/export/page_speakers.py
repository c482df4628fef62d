"""How the listening page tells speakers apart, by more than colour: each person quoted gets a
colour (at least 4.5:1 on white, on the highlight and on a search match), a marker glyph and an
underline style, the same wherever they speak (the label before their quotation, the quotation's
underline, the captions line, the list of voices at the top). In forced-colors mode the colours
give way to the system's, and the glyph and the line style still tell the speakers apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from earmark.planning.manifest import Manifest

COLOURS = ("#b3261e", "#0d47a1", "#1b6e20", "#6a1b9a", "#00695c", "#ad1457", "#9c4100",
           "#37474f")
"""Red, blue, green, purple, teal, pink, orange, slate: each at least 5:1 on white, on the
highlight (#fff1a8) and on a search match (#e8f0fe)."""
MARKERS = ("●", "■", "▲", "◆", "★", "▼", "✚", "◉")
LINES = ("solid", "dashed", "dotted", "double")
"""Border styles under a speaker's quotations (a border: the Nu checker's CSS knows no
text-decoration-thickness, and a 1 px dotted underline is hard to see)."""
UNKNOWN = "Unidentified speaker"


@dataclass(frozen=True, slots=True)
class SpeakerStyle:
    name: str
    """As the label shows it ("Marcus Webb", "Unidentified speaker")."""
    key: str
    """Its class on the page: "sp1", "sp2" ... ("sp0": unidentified)."""
    colour: str
    marker: str
    line: str
    """The underline style of their quotations."""


def speaker_styles(manifest: Manifest) -> dict[str | None, SpeakerStyle]:
    """A style per speaker of a quotation, in order of first speech (None: unidentified)."""
    names = [s.name for s in manifest.speakers if s.name != "narrator"]
    styles: dict[str | None, SpeakerStyle] = {
        name: SpeakerStyle(name, f"sp{i + 1}", COLOURS[i % len(COLOURS)],
                           MARKERS[i % len(MARKERS)], LINES[i % len(LINES)])
        for i, name in enumerate(names)
    }
    if any(s.kind == "quote" and s.speaker is None for s in manifest.segments):
        styles[None] = SpeakerStyle(UNKNOWN, "sp0", "#595959", "◇", "dotted")
    return styles


def speaker_css(styles: dict[str | None, SpeakerStyle]) -> str:
    """Each speaker's colour and line (a bottom border under their words)."""
    rules = []
    for style in styles.values():
        rules.append(
            f".{style.key} .who, .{style.key} .mark {{ color: {style.colour}; }}\n"
            f"#text a.seg.quote.{style.key} .words, .cast .{style.key} .who {{ "
            f"border-bottom: {3 if style.line == 'double' else 2}px {style.line} "
            f"{style.colour}; }}"
        )
    return "\n".join(rules)


def label(style: SpeakerStyle) -> str:
    """The label before a quotation: marker (hidden from screen readers) and name."""
    return (f'<span class="who"><span class="mark" aria-hidden="true">{style.marker}</span> '
            f"{escape(style.name)}:</span>")


def cast_list(styles: dict[str | None, SpeakerStyle]) -> str:
    """The voices of the page, each with its marker and colour, or nothing without quotes."""
    if not styles:
        return ""
    items = "\n".join(
        f'<li class="{s.key}"><span class="mark" aria-hidden="true">{s.marker}</span> '
        f'<span class="who">{escape(s.name)}</span></li>'
        for s in styles.values()
    )
    return ('<p class="cast-intro" id="cast-intro">Each person quoted is read by a synthetic '
            "voice of their own, and marked in the transcript with their name, a colour, a "
            "marker and a line:</p>\n"
            f'<ul class="cast" id="cast" aria-labelledby="cast-intro">\n{items}\n</ul>')
