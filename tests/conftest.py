from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from earmark.config.casting import Casting, load_casting
from earmark.config.recipe import Recipe, load_recipe

ROOT = Path(__file__).resolve().parents[1]
# the suite never touches the user's cache: one fresh cache for the whole session
os.environ["EARMARK_CACHE_DIR"] = tempfile.mkdtemp(prefix="earmark-test-cache-")
DATA = Path(__file__).resolve().parent / "data"
SAMPLE = ROOT / "samples" / "library-vote.md"


@pytest.fixture(scope="session")
def recipe() -> Recipe:
    return load_recipe("article")


@pytest.fixture(scope="session")
def casting() -> Casting:
    return load_casting("default")


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `earmark ARGS` as a user would, in a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "earmark", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="session")
def sample_render(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample rendered once (MP3 and M4B) with the real engine: a folder to read, not to
    change (copy it first)."""
    out = tmp_path_factory.mktemp("sample-render")
    done = run_cli("render", str(SAMPLE), "-o", str(out), "--quiet", "--format", "mp3",
                   "--format", "m4b")
    assert done.returncode == 0, done.stderr
    return out / "library-vote"
