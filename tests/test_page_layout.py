"""The listening page's layout on a phone (390 px wide, Chromium), measured on screen."""
# ruff: noqa: F811 (the fixtures of test_page_browser are imported, and then used as arguments)

from __future__ import annotations

import pytest

from browser import png_pixels
from test_page_browser import browser, manifest, page, rendered, site  # noqa: F401 (fixtures)

pytestmark = pytest.mark.e2e

FIRST_LINES = """(() => [...document.querySelectorAll('#chapters li')].map(li => {
  const link = li.querySelector('a.chapter'), range = document.createRange();
  range.selectNodeContents(link);
  const lines = [...range.getClientRects()].filter(r => r.width > 0);
  const box = li.getBoundingClientRect();
  return {lines: [...new Set(lines.map(r => Math.round(r.top)))].length,
          first: lines[0].toJSON(), li: box.toJSON()};
}))()"""


def ink_rows(shot: bytes) -> list[int]:
    """Rows of a screenshot holding dark pixels (text)."""
    return [y for y, row in enumerate(png_pixels(shot)) if any(sum(c) < 384 for c in row)]


@pytest.mark.parametrize("width", [390, 1280])
def test_chapter_numbers_sit_beside_the_first_line_of_their_titles(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.evaluate("window.scrollTo(0, 0)")
    entries = page.evaluate(FIRST_LINES)
    if width == 390:
        assert any(e["lines"] >= 2 for e in entries), "a title wraps at 390 px"
    for number, entry in enumerate(entries, 1):
        first, item = entry["first"], entry["li"]
        # the number is the list item's marker, in the padding left of the item's box
        clip = {"x": max(0, item["left"] - 28), "y": item["top"], "width": 26,
                "height": item["height"]}
        rows = ink_rows(page.screenshot(clip=clip, full_page=True))
        assert rows, f"no number drawn for chapter {number}"
        top, bottom = item["top"] + rows[0], item["top"] + rows[-1] + 1
        assert first["top"] - 1 <= top and bottom <= first["bottom"] + 1, (
            f"chapter {number}: number drawn at {top:.0f}-{bottom:.0f}, its title's first line "
            f"is {first['top']:.0f}-{first['bottom']:.0f} ({entry['lines']} lines)")
