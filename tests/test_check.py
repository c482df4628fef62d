"""`earmark check` lists what is wrong with a rendered folder, damaged audio included."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run_cli

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def rendered(sample_render: Path) -> Path:
    return sample_render


@pytest.mark.parametrize("damage", ["garbage", "empty", "truncated-m4b"])
def test_damaged_audio_is_listed_as_a_problem(rendered: Path, tmp_path: Path,
                                              damage: str) -> None:
    folder = tmp_path / "library-vote"
    shutil.copytree(rendered, folder)
    if damage == "garbage":
        (folder / "library-vote.mp3").write_bytes(b"\x00garbage, not audio\xff" * 500)
        name = "library-vote.mp3"
    elif damage == "empty":
        (folder / "library-vote.mp3").write_bytes(b"")
        name = "library-vote.mp3"
    else:  # an MP4 cut short loses its index (moov is at the front, the data is not)
        m4b = folder / "library-vote.m4b"
        m4b.write_bytes(m4b.read_bytes()[:2000])
        name = "library-vote.m4b"
    done = run_cli("check", str(folder))
    assert done.returncode == 1, done.stderr
    assert done.stderr == "", done.stderr  # no internal error
    assert f"problem: {name} cannot be decoded (damaged?):" in done.stdout, done.stdout
    other = "library-vote.m4b" if name.endswith(".mp3") else "library-vote.mp3"
    assert other not in done.stdout  # the intact file is still checked, and passes


def test_an_intact_render_passes(rendered: Path) -> None:
    done = run_cli("check", str(rendered))
    assert done.returncode == 0, done.stdout + done.stderr
