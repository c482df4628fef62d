"""Real-article parts rendered with the real engine: math, prose and code in <pre>, a data and
a layout table (tests/data/web/parts.html), numbers and emoji (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DATA, run_cli

pytestmark = pytest.mark.e2e


def test_a_page_of_parts_renders_as_a_listener_follows_it(tmp_path: Path) -> None:
    page = tmp_path / "parts.html"
    page.write_text((DATA / "web" / "parts.html").read_text(encoding="utf-8").replace(
        "</article>", "<p>The council voted 7-2 for it 🎉.</p></article>"), encoding="utf-8")
    done = run_cli("render", str(page), "-o", str(tmp_path / "out"), "--quiet")
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "out" / "parts"
    manifest = json.loads((folder / "parts.json").read_text(encoding="utf-8"))
    said = [s["text"] for s in manifest["segments"]]
    shown = [s["caption"] for s in manifest["segments"]]
    assert "The area of a circle is pi r squared and its sum is a formula for all n." in said
    assert not any("\\" in text or "{" in text for text in said + shown)  # no raw TeX
    assert any(text.startswith("The protocol described in this memo") for text in said)
    assert not any("def area" in text or "math.pi" in text for text in said)
    assert said[said.index("Table: Council votes.") + 1] == "Member: Ada Lin, vote: Yes."
    assert "A layout table holds this sentence in one cell." in said
    assert said[-1] == "The council voted 7 to 2 for it party popper."
    assert shown[-1] == "The council voted 7-2 for it 🎉."  # captions keep what was written
    reasons = {d["reason"] for d in manifest["dropped"]}
    assert "code block: not read aloud" in reasons
    assert any(r.startswith("math: read as") for r in reasons)
    assert run_cli("check", str(folder)).returncode == 0
