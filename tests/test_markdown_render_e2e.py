"""End to end: a blog post in Markdown (front matter, attributes, footnotes, a table, an
admonition) rendered with the real engine passes `earmark check`; its tags come from the
front matter and nothing of the markup is spoken or captioned."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mutagen.id3 import ID3

from conftest import run_cli
from markdown_fixtures import MARKDOWN

pytestmark = pytest.mark.e2e


def test_a_blog_post_renders_and_passes_check(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = run_cli("render", str(MARKDOWN / "blog-post.md"), "-o", str(out), "--quiet",
                   "--jobs", "2")
    assert done.returncode == 0, done.stderr
    (folder,) = out.iterdir()
    check = run_cli("check", str(folder))
    assert check.returncode == 0, check.stdout + check.stderr
    manifest = json.loads((folder / f"{folder.name}.json").read_text(encoding="utf-8"))
    assert manifest["title"] == "The Budget Vote, Explained"
    assert manifest["language"] == "en-GB"
    assert [c["title"] for c in manifest["chapters"]] == [
        "The Budget Vote, Explained", "Budget", "What happens next"]
    spoken = " ".join(s["text"] for s in manifest["segments"])
    captions = (folder / f"{folder.name}.captions.vtt").read_text(encoding="utf-8")
    for markup in ("---", "title:", "{#", "{:", "{{", "[^", "|", "<!--"):
        assert markup not in spoken
        assert markup not in captions.replace("-->", "")
    assert "Row 1: Member: Ada Lin, vote: Yes." in captions
    assert "Note 1. The vote was seven to two. End of note." in spoken  # announced,
    assert "The vote was seven to two." in captions and "Note 1." not in captions  # as written
    tags = ID3(folder / f"{folder.name}.mp3")
    assert tags["TPE1"].text == ["Ada Lin, Bo Chen"]
    assert str(tags["TDRC"].text[0]).startswith("2026")
    assert tags["TIT2"].text == ["The Budget Vote, Explained"]
