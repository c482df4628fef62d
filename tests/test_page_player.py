"""The listening page's own player controls, driven by keyboard in Chromium: skip, chapters,
speed (remembered), captions line, position remembered, sticky player; and the highlight's
contrast in normal and forced-colors mode."""
# ruff: noqa: F811 (the fixtures of test_page_browser are imported, and then used as arguments)

from __future__ import annotations

import pytest

from browser import axe_violations
from test_page_browser import browser, manifest, page, rendered, site  # noqa: F401 (fixtures)

pytestmark = pytest.mark.e2e


def near(seconds: float) -> str:
    return f"Math.abs(document.getElementById('player').currentTime - {seconds}) < 0.05"


def at(page, seconds: float) -> None:  # type: ignore[no-untyped-def]
    page.evaluate(f"document.getElementById('player').currentTime = {seconds}")
    page.wait_for_function(
        f"Math.abs(document.getElementById('player').currentTime - {seconds}) < 0.05")


def now(page) -> float:  # type: ignore[no-untyped-def]
    return page.evaluate("document.getElementById('player').currentTime")


def status(page) -> str:  # type: ignore[no-untyped-def]
    return page.locator("#status").text_content() or ""


def press_on(page, selector: str, key: str = "Enter") -> None:  # type: ignore[no-untyped-def]
    page.locator(selector).focus()
    page.keyboard.press(key)


def test_skip_back_and_forward_by_keyboard_and_announced(page) -> None:
    at(page, 30)
    press_on(page, "#back")
    page.wait_for_function("Math.abs(document.getElementById('player').currentTime - 20) < 0.05")
    assert status(page) == "Back 10 seconds, at 0:20"
    press_on(page, "#forward", " ")
    page.wait_for_function("Math.abs(document.getElementById('player').currentTime - 30) < 0.05")
    assert status(page) == "Forward 10 seconds, at 0:30"
    page.locator("#text a.seg").first.focus()  # the page-wide shortcuts work from anywhere
    page.keyboard.press("Alt+Shift+ArrowLeft")
    page.wait_for_function("Math.abs(document.getElementById('player').currentTime - 20) < 0.05")
    page.keyboard.press("Alt+Shift+ArrowRight")
    page.wait_for_function("Math.abs(document.getElementById('player').currentTime - 30) < 0.05")
    at(page, 4)
    press_on(page, "#back")
    page.wait_for_function("document.getElementById('player').currentTime < 0.05")


def test_previous_and_next_chapter_by_keyboard(page, manifest: dict) -> None:
    chapters = manifest["chapters"]
    assert len(chapters) >= 2
    at(page, 0)
    press_on(page, "#next-chapter")
    page.wait_for_function(near(chapters[1]["start_ms"] / 1000))
    assert status(page) == f"Chapter 2: {chapters[1]['title']}"
    assert page.locator("#chapters a[aria-current=true]").inner_text() == chapters[1]["title"]
    at(page, chapters[1]["start_ms"] / 1000 + 5)
    press_on(page, "#previous-chapter")  # well inside a chapter: back to its start
    page.wait_for_function(near(chapters[1]["start_ms"] / 1000))
    page.keyboard.press("Enter")  # at its start: the chapter before
    page.wait_for_function("document.getElementById('player').currentTime < 0.05")
    assert status(page) == f"Chapter 1: {chapters[0]['title']}"


def test_speed_by_keyboard_is_applied_and_remembered(page) -> None:
    assert page.evaluate("document.getElementById('player').playbackRate") == 1
    options = page.locator("#speed option").evaluate_all("os => os.map(o => o.value)")
    assert options[0] == "0.75" and options[-1] == "2"
    page.locator("#speed").focus()
    page.keyboard.press("ArrowDown")
    page.wait_for_function("document.getElementById('player').playbackRate === 1.25")
    assert status(page) == "Speed 1.25 times"
    page.reload()
    page.wait_for_function("document.getElementById('player').readyState >= 1")
    assert page.locator("#speed").input_value() == "1.25"
    assert page.evaluate("document.getElementById('player').playbackRate") == 1.25


def test_captions_line_shows_the_current_cue_and_its_speaker(page, manifest: dict) -> None:
    quote = next(s for s in manifest["segments"] if s["kind"] == "quote" and s["speaker"])
    at(page, quote["start_ms"] / 1000 + 0.05)
    page.wait_for_function(
        f"document.getElementById('caption-who').textContent === {quote['speaker'] + ':'!r}")
    assert page.locator("#caption-text").inner_text() == quote["caption"]
    narration = next(s for s in manifest["segments"] if s["kind"] == "narration")
    at(page, narration["start_ms"] / 1000 + 0.05)
    page.wait_for_function("document.getElementById('caption-who').textContent === 'Narrator:'")
    assert page.locator("#caption").is_visible()


def test_position_is_remembered_per_document(page) -> None:
    at(page, 25)
    page.evaluate("document.getElementById('player').pause()")
    page.wait_for_timeout(100)
    page.reload()
    page.wait_for_function(
        "Math.abs(document.getElementById('player').currentTime - 25) < 0.1")
    assert status(page) == "Continuing where you stopped, at 0:25"


def test_player_stays_on_screen_while_the_transcript_scrolls(page) -> None:
    page.set_viewport_size({"width": 390, "height": 700})
    page.locator("#text a.seg").last.scroll_into_view_if_needed()
    box = page.locator("#player-box").bounding_box()
    assert box is not None and box["y"] >= -1 and box["y"] + box["height"] <= 700
    page.locator("#back").focus()
    assert page.evaluate("document.activeElement.id") == "back"


def contrast(a: str, b: str) -> float:
    def luminance(color: str) -> float:
        r, g, b_ = (int(x) / 255 for x in color[color.index("(") + 1 : -1].split(",")[:3])
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b_)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


HIGHLIGHT = """(() => {
  const s = getComputedStyle(document.querySelector('#text [aria-current=true]'));
  return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.backgroundColor, s.color]; })()"""


def test_highlight_has_3_to_1_contrast_and_survives_forced_colors(page, manifest: dict) -> None:
    at(page, manifest["segments"][3]["start_ms"] / 1000 + 0.05)
    page.wait_for_function("document.querySelector('#text [aria-current=true]')")
    style, width, outline, background, color = page.evaluate(HIGHLIGHT)
    assert style == "solid" and float(width[:-2]) >= 2
    assert contrast(outline, "rgb(255, 255, 255)") >= 3
    assert contrast(color, background) >= 4.5
    page.emulate_media(forced_colors="active")
    style, width, outline, background, color = page.evaluate(HIGHLIGHT)
    page_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert style == "solid" and float(width[:-2]) >= 2
    assert background != page_background and contrast(outline, page_background) >= 3
    assert contrast(color, background) >= 4.5
    assert axe_violations(page) == []


def test_following_the_audio_can_be_turned_off_by_keyboard_and_is_remembered(
        page, manifest: dict) -> None:
    page.set_viewport_size({"width": 1280, "height": 500})
    far = manifest["segments"][-3]["start_ms"] / 1000  # far below the first screen

    def play_across() -> None:
        page.evaluate("window.scrollTo(0, 0)")
        at(page, far - 0.3)
        page.evaluate("document.getElementById('player').play()")
        page.wait_for_function(f"document.getElementById('player').currentTime > {far + 0.2}",
                               timeout=10_000)
        page.evaluate("document.getElementById('player').pause()")

    follow = page.locator("#follow")
    assert follow.is_checked()
    play_across()
    page.wait_for_function("window.scrollY > 100")  # following: the transcript scrolls
    follow.focus()
    page.keyboard.press("Space")
    assert not follow.is_checked()
    assert status(page) == "The transcript stays put"
    page.reload()
    page.wait_for_function("document.getElementById('player').readyState >= 1")
    assert not page.locator("#follow").is_checked()
    play_across()
    page.wait_for_timeout(300)
    assert page.evaluate("window.scrollY") == 0


def test_search_in_the_transcript_by_keyboard(page, manifest: dict) -> None:
    word = "library"
    matches = [s for s in manifest["segments"] if word in s["caption"].lower()]
    assert len(matches) >= 2
    page.locator("#find").focus()
    page.keyboard.type(word)
    assert status(page) == f"{len(matches)} sentences found"
    assert page.locator("#text a.seg.found").count() == len(matches)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == f"s{matches[0]['index']}"
    assert status(page).startswith(f"Sentence 1 of {len(matches)}: ")
    page.locator("#find").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == f"s{matches[1]['index']}"
    page.keyboard.press("Enter")  # the found sentence plays from there
    page.wait_for_function("!document.getElementById('player').paused", timeout=10_000)
    page.evaluate("document.getElementById('player').pause()")
    page.locator("#find").fill("no such words anywhere")
    page.locator("#find").press("Enter")
    assert status(page) == "Not found"


def test_current_chapter_and_sentence_are_legible_on_screen_in_both_modes(
        page, manifest: dict) -> None:
    """Read from the pixels, not the computed style: in forced-colors mode Chromium paints a
    backplate behind an inline-block's text, which once hid the current chapter's title."""
    from browser import legible, png_pixels

    at(page, manifest["chapters"][1]["start_ms"] / 1000 + 0.05)
    page.wait_for_function("document.querySelector('#chapters [aria-current=true]')")
    for mode in ("none", "active"):
        page.emulate_media(forced_colors=mode)
        for selector in ("#chapters [aria-current=true]", "#text [aria-current=true]"):
            shot = page.locator(selector).screenshot()
            assert legible(png_pixels(shot)) >= 4.5, (mode, selector)


def test_page_wide_shortcuts_play_pause_and_change_chapter(page, manifest: dict) -> None:
    chapters = manifest["chapters"]
    first = manifest["segments"][0]["index"]
    page.locator(f"#s{first}").focus()  # from inside the transcript, too
    page.keyboard.press("Alt+Shift+KeyP")
    page.wait_for_function("!document.getElementById('player').paused", timeout=10_000)
    # said once play() has resolved, which is later than `paused` turning false
    page.wait_for_function(
        "document.getElementById('status').textContent.startsWith('Playing, at ')",
        timeout=10_000)
    page.keyboard.press("Alt+Shift+KeyP")
    page.wait_for_function("document.getElementById('player').paused")
    assert status(page).startswith("Paused, at ")
    at(page, 0)
    page.keyboard.press("Alt+Shift+ArrowDown")
    page.wait_for_function(near(chapters[1]["start_ms"] / 1000))
    assert status(page) == f"Chapter 2: {chapters[1]['title']}"
    # the shortcut did not also move the focus along the transcript
    assert page.evaluate("document.activeElement.id") == f"s{first}"
    page.keyboard.press("Alt+Shift+ArrowUp")
    page.wait_for_function("document.getElementById('player').currentTime < 0.05")
    hint = page.locator("#transcript-hint").inner_text()
    for keys in ("Alt+Shift+P", "Alt+Shift+Left", "Alt+Shift+Up"):
        assert keys in hint
    shortcuts = page.evaluate("""[...document.querySelectorAll('[aria-keyshortcuts]')]
        .map(e => e.getAttribute('aria-keyshortcuts'))""")
    assert set(shortcuts) == {"Alt+Shift+P", "Alt+Shift+ArrowLeft", "Alt+Shift+ArrowRight",
                              "Alt+Shift+ArrowUp", "Alt+Shift+ArrowDown"}


def test_the_chapter_list_by_keyboard(page, manifest: dict) -> None:
    for number, chapter in enumerate(manifest["chapters"]):
        press_on(page, f"#chapters li:nth-child({number + 1}) a.chapter")
        page.wait_for_function(near(chapter["start_ms"] / 1000))
        assert page.locator("#chapters a[aria-current=true]").inner_text() == chapter["title"]


def test_the_transcripts_sentences_by_arrow_keys_and_enter(page, manifest: dict) -> None:
    ids = [f"s{s['index']}" for s in manifest["segments"]]
    page.locator(f"#{ids[0]}").focus()
    for key, expected in (("ArrowDown", 1), ("ArrowRight", 2), ("ArrowUp", 1),
                          ("End", len(ids) - 1), ("Home", 0), ("ArrowLeft", 0)):
        page.keyboard.press(key)
        assert page.evaluate("document.activeElement.id") == ids[expected], key
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")  # plays from that sentence
    start = manifest["segments"][1]["start_ms"] / 1000
    page.wait_for_function(
        f"(a => !a.paused && a.currentTime >= {start})(document.getElementById('player'))",
        timeout=10_000)
    page.evaluate("document.getElementById('player').pause()")
    # one Tab stop: the sentence last reached is the one Tab comes back to
    assert page.evaluate("[...document.querySelectorAll('#text a.seg')]"
                         ".filter(a => a.tabIndex === 0).map(a => a.id)") == [ids[1]]
