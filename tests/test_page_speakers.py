"""Speakers on the listening page told apart by more than colour (Chromium): a label before
each quotation, and per speaker one colour (AA), one marker and one underline style, the same
in the transcript, the list of voices and the captions line, in normal and forced-colors mode."""
# ruff: noqa: F811 (the fixtures of test_page_browser are imported, and then used as arguments)

from __future__ import annotations

import pytest

from browser import axe_violations
from test_page_browser import browser, manifest, page, rendered, site  # noqa: F401 (fixtures)
from test_page_player import at, contrast

pytestmark = pytest.mark.e2e

LOOKS = """(() => [...document.querySelectorAll('#text a.seg.quote')].map(a => {
  const who = a.querySelector('.who'), words = a.querySelector('.words');
  const line = getComputedStyle(words);
  return {id: a.id, who: a.dataset.who, label: who ? who.textContent : null,
          labelColour: who ? getComputedStyle(who).color : null,
          mark: who ? who.querySelector('.mark').textContent : null,
          markHidden: who ? who.querySelector('.mark').getAttribute('aria-hidden') : null,
          line: line.borderBottomStyle, lineColour: line.borderBottomColor,
          labelFirst: who ? a.firstElementChild === who : null,
          labelBox: who ? who.getBoundingClientRect().toJSON() : null,
          wordsBox: words.getClientRects()[0].toJSON()};
}))()"""


def speakers_of(manifest: dict) -> list[str]:
    quoted = {s["speaker"] for s in manifest["segments"] if s["kind"] == "quote"}
    return [s["name"] for s in manifest["speakers"] if s["name"] in quoted]


def by_speaker(looks: list[dict], key: str) -> dict[str, set]:
    found: dict[str, set] = {}
    for look in looks:
        if look[key] is not None:
            found.setdefault(look["who"], set()).add(look[key])
    return found


def test_each_speaker_has_a_label_colour_marker_and_line_of_their_own(page, manifest) -> None:
    looks = page.evaluate(LOOKS)
    names = speakers_of(manifest)
    assert len(names) >= 4
    labelled = [look for look in looks if look["label"]]
    # every speaker's speech starts with a label naming them, before the quoted words
    assert {look["who"] for look in labelled} == set(names)
    for look in labelled:
        assert look["label"].endswith(f"{look['who']}:") and look["labelFirst"]
        assert look["markHidden"] == "true"  # the glyph is not read out
        label, words = look["labelBox"], look["wordsBox"]
        assert (label["right"] <= words["left"] + 1 and abs(label["top"] - words["top"]) < 12
                ) or label["bottom"] <= words["top"] + 1, look
    for key in ("labelColour", "mark", "line", "lineColour"):
        per = by_speaker(looks, key)
        assert all(len(values) == 1 for values in per.values()), (key, per)  # consistent
        assert len({next(iter(v)) for v in per.values()}) == len(names), (key, per)  # distinct
    for colour in {next(iter(v)) for v in by_speaker(looks, "labelColour").values()}:
        assert contrast(colour, "rgb(255, 255, 255)") >= 4.5, colour
        assert contrast(colour, "rgb(255, 241, 168)") >= 4.5, colour  # on the highlight


def test_the_list_of_voices_and_the_captions_line_use_the_same_marks(page, manifest) -> None:
    looks = page.evaluate(LOOKS)
    marks = {who: next(iter(v)) for who, v in by_speaker(looks, "mark").items()}
    colours = {who: next(iter(v)) for who, v in by_speaker(looks, "labelColour").items()}
    cast = page.evaluate("""[...document.querySelectorAll('#cast li')].map(li => [
        li.querySelector('.who').textContent, li.querySelector('.mark').textContent,
        getComputedStyle(li.querySelector('.who')).color])""")
    assert cast == [[name, marks[name], colours[name]] for name in speakers_of(manifest)]
    assert "synthetic voice" in page.locator("#cast-intro").inner_text()
    quote = next(s for s in manifest["segments"] if s["kind"] == "quote" and s["speaker"])
    at(page, quote["start_ms"] / 1000 + 0.05)
    page.wait_for_function(
        f"document.getElementById('caption-mark').textContent === {marks[quote['speaker']]!r}")
    assert page.evaluate("getComputedStyle(document.getElementById('caption-who')).color") == (
        colours[quote["speaker"]])


def test_in_forced_colors_mode_markers_and_lines_still_tell_speakers_apart(page, manifest
                                                                          ) -> None:
    page.emulate_media(forced_colors="active")
    looks = page.evaluate(LOOKS)
    names = speakers_of(manifest)
    colours = {c for v in by_speaker(looks, "labelColour").values() for c in v}
    assert len(colours) == 1  # the system's colour for every label: colour tells nobody apart
    for key in ("mark", "line"):
        per = by_speaker(looks, key)
        assert len({next(iter(v)) for v in per.values()}) == len(names), (key, per)
    visible = page.evaluate("""[...document.querySelectorAll('#text .who .mark')].every(m => {
        const box = m.getBoundingClientRect(); return box.width > 4 && box.height > 4; })""")
    assert visible
    assert axe_violations(page) == []
