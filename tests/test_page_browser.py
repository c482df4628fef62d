"""The listening page, captions and clips in a real browser (Debian's Chromium)."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser import CHROMIUM, CHROMIUM_ARGS, axe_violations, parse_vtt, preview
from conftest import DATA, SAMPLE, run_cli

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("page")
    result = run_cli("render", str(SAMPLE), "-o", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    return out / "library-vote"


@pytest.fixture(scope="module")
def manifest(rendered: Path) -> dict:
    return json.loads((rendered / "library-vote.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def site(rendered: Path) -> Iterator[str]:
    with preview(rendered) as url:
        yield url


@pytest.fixture
def page(browser, site: str) -> Iterator:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(site + "index.html")
    page.wait_for_function("document.getElementById('player').readyState >= 1")
    yield page
    assert dialogs == []
    page.close()


def player(page, expression: str):  # type: ignore[no-untyped-def]
    return page.evaluate(f"(a => {expression})(document.getElementById('player'))")


def wait_near(page, seconds: float) -> None:  # type: ignore[no-untyped-def]
    """Wait until the player's position is within 0.05 s of `seconds`."""
    page.wait_for_function(
        f"Math.abs(document.getElementById('player').currentTime - {seconds}) < 0.05"
    )


def test_both_tracks_load_with_the_sidecar_cues(page, rendered: Path) -> None:
    page.wait_for_function(
        "[...document.querySelectorAll('#player track')].every(t => t.readyState === 2)"
    )
    tracks = page.evaluate("""[...document.getElementById('player').textTracks].map(t =>
        ({kind: t.kind, cues: [...t.cues].map(c => [c.startTime, c.endTime, c.text])}))""")
    by_kind = {t["kind"]: t["cues"] for t in tracks}
    for kind, name in (("captions", "captions"), ("chapters", "chapters")):
        expected = parse_vtt((rendered / f"library-vote.{name}.vtt").read_text(encoding="utf-8"))
        loaded = by_kind[kind]
        assert len(loaded) == len(expected)
        for (start, end, text), (e_start, e_end, e_text) in zip(loaded, expected, strict=True):
            assert start == pytest.approx(e_start, abs=0.001)
            assert end == pytest.approx(e_end, abs=0.001)
            # the browser gives the raw cue text: tags (<v Name>) and character references
            assert html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\n", " ") == e_text
    # voice tags: the browser's cue text keeps <v Name>, the sidecar names the speaker
    assert any("<v Marcus Webb>" in c[2] for c in by_kind["captions"])


def test_duration_is_finite_and_matches_the_manifest(page, manifest: dict) -> None:
    duration = player(page, "a.duration")
    assert duration == pytest.approx(manifest["audio"]["duration_ms"] / 1000, abs=0.05)


def test_chapter_entries_and_sentences_seek(page, manifest: dict) -> None:
    entries = page.locator("#chapters a.chapter")
    assert entries.count() == len(manifest["chapters"])
    for number, chapter in enumerate(manifest["chapters"]):
        entries.nth(number).click()
        wait_near(page, chapter["start_ms"] / 1000)
        assert page.locator("#chapters a[aria-current=true]").inner_text() == chapter["title"]
    page.evaluate("document.getElementById('player').pause()")
    # activating a sentence plays from its start (not only seeks)
    segment = manifest["segments"][9]
    sentence = page.locator(f"#s{segment['index']}")
    sentence.focus()
    page.keyboard.press("Enter")
    start = segment["start_ms"] / 1000
    page.wait_for_function(
        f"(a => !a.paused && a.currentTime > {start + 0.2})(document.getElementById('player'))",
        timeout=10_000)
    assert player(page, "a.currentTime") < start + 3
    assert sentence.get_attribute("aria-current") == "true"
    player(page, "a.pause()")


def test_playing_advances_the_highlight(page, manifest: dict) -> None:
    first, second = manifest["segments"][1], manifest["segments"][2]
    page.evaluate(f"document.getElementById('player').currentTime = {first['end_ms'] / 1000 - 0.3}")
    page.wait_for_function(f"document.querySelector('#s{first['index']}[aria-current=true]')")
    page.evaluate("document.getElementById('player').play()")
    page.wait_for_function(
        f"document.querySelector('#s{second['index']}[aria-current=true]')", timeout=10_000
    )
    assert page.locator("#text [aria-current=true]").count() == 1
    page.evaluate("document.getElementById('player').pause()")


def test_no_axe_violations(page) -> None:
    assert axe_violations(page) == []


def test_tab_order_reaches_player_chapters_then_transcript(page) -> None:
    order = []
    for _ in range(40):  # the native player and the page's own controls, the search
        page.keyboard.press("Tab")
        order.append(
            page.evaluate("""(() => { const e = document.activeElement;
            if (e.id === 'player') return 'player';
            if (e.closest('#chapters')) return 'chapters';
            if (e.closest('#text')) return 'transcript';
            return e.tagName; })()""")
        )
    assert "transcript" in order, order
    firsts = [order.index(kind) for kind in ("player", "chapters", "transcript")]
    assert firsts == sorted(firsts), order
    assert order.count("transcript") == 1, "the transcript is a single Tab stop"


def test_page_works_without_javascript(browser, site: str, manifest: dict) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "index.html")
    assert page.locator("audio#player track").count() == 2
    assert page.locator("#text a.seg").count() == len(manifest["segments"])
    href = page.locator("#chapters a.chapter").nth(1).get_attribute("href")
    assert href == f"library-vote.mp3#t={manifest['chapters'][1]['start_ms'] / 1000:.3f}"
    # sentences cannot start the page's player without a script: plain text, no link that
    # leaves the page for the bare audio file, and no promise of arrow keys
    assert page.locator("#text a.seg[href]").count() == 0
    assert "arrow" not in page.locator("#transcript-hint").inner_text()
    assert not page.locator("#controls").is_visible()
    context.close()


def test_clip_snippet_plays_and_passes_axe(browser, rendered: Path) -> None:
    for how in (["--quote", "2"], ["--chapter", "2"]):
        result = run_cli("clip", str(rendered), *how)
        assert result.returncode == 0, result.stderr
    snippet = "\n".join((rendered / "clips" / name).read_text(encoding="utf-8") for name in (
        "quote-2-marcus-webb.html", "chapter-2-what-residents-said.html"))
    (rendered / "clips" / "host.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Host page</title>"
        f"</head><body><main><h1>Host page</h1>{snippet}</main></body></html>",
        encoding="utf-8",
    )
    with preview(rendered / "clips") as url:
        page = browser.new_page()
        page.goto(url + "host.html")
        page.wait_for_function(
            "[...document.querySelectorAll('audio')].every(a => a.readyState >= 1)")
        assert axe_violations(page) == []
        page.emulate_media(forced_colors="active")
        assert axe_violations(page) == []
        page.emulate_media(forced_colors="none")
        # the snippet's own player, by keyboard: the first Tab stop is its play button
        assert page.locator("figure audio[controls]").count() == 2
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.tagName") == "AUDIO"
        page.keyboard.press("Space")
        page.wait_for_function("document.querySelector('audio').currentTime > 0.3", timeout=10_000)
        page.close()


def test_source_text_is_escaped_everywhere(browser, tmp_path: Path) -> None:
    result = run_cli("render", str(DATA / "xss" / "xss.txt"), "-o", str(tmp_path), "--quiet")
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "xss"
    captions = (folder / "xss.captions.vtt").read_text(encoding="utf-8")
    assert "<script>" not in captions and "&lt;script&gt;" in captions
    assert "--&gt; arrows" in captions and captions.count("-->") == len(parse_vtt(captions))
    assert run_cli("clip", str(folder), "--all-quotes").returncode == 0
    with preview(folder) as url:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(url + "index.html")
        text = page.locator("#text").inner_text()
        for literal in ("<script>alert(", ")</script>", "</track>", "<img src=x onerror=alert(1)>"):
            assert literal in text
        assert "& always escape --> everything" in text
        assert page.locator("#text script, #text img, #text b").count() == 0
        assert page.locator("#player track").count() == 2
        page.goto(url + "clips/quote-2-ada-o-brien.html")
        assert "<b>input</b>" in (page.locator("figure details p").text_content() or "")
        assert 'Tags & "quotes" <script>' in page.locator("figcaption").inner_text()
        assert page.locator("figure b, figure img, figure script").count() == 0
        assert dialogs == []
        page.close()
