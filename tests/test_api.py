"""The Python API, as a publishing system would call it: the same plan and render as the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import earmark
from conftest import SAMPLE, run_cli
from earmark.errors import InputError
from earmark.planning.schema import plan_to_dict


def test_plan_is_the_typed_plan_the_cli_prints() -> None:
    plan = earmark.plan(SAMPLE)
    printed = json.loads(run_cli("plan", str(SAMPLE), "--json").stdout)
    assert plan_to_dict(plan) == printed
    assert plan.chapters[1].title == "What residents said"


def test_bad_input_raises_an_input_error_not_a_system_exit(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        earmark.plan(tmp_path / "missing.md")
    with pytest.raises(InputError, match="unknown format 'flac'"):
        earmark.render(SAMPLE, tmp_path, formats=("flac",))
    assert not any(tmp_path.iterdir())


@pytest.mark.e2e
def test_render_returns_where_the_files_are(tmp_path: Path) -> None:
    done = earmark.render(SAMPLE, tmp_path, formats=("mp3",), jobs=1, use_cache=False)
    assert done.folder == tmp_path / "library-vote"
    assert [p.name for p in done.audio] == ["library-vote.mp3"] and done.audio[0].stat().st_size
    manifest = json.loads(done.manifest.read_text())
    assert manifest["audio"]["duration_ms"] == done.duration_ms > 10_000
    assert done.segments == len(manifest["segments"]) and done.synthesised == done.segments
