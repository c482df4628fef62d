from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from earmark.config.casting import load_casting
from earmark.config.recipe import load_recipe
from earmark.config.resources import packaged_dir
from earmark.errors import ConfigError


def test_defaults_load_and_carry_their_documented_values() -> None:
    recipe = load_recipe("article")
    assert recipe.pauses.paragraph_ms == 700
    assert "media player notice" in recipe.ingest.drop
    casting = load_casting("default")
    assert casting.narrator == "narrator" and casting.quote == "quote"
    engine_voices = {
        casting.settings(v).engine_voice for v in (casting.narrator, casting.quote, *casting.pool)
    }
    assert len(engine_voices) == 2 + len(casting.pool), "every cast voice must sound different"


def test_every_key_of_the_shipped_recipes_is_commented() -> None:
    """Each setting has a comment on its line, or is explained in a comment of the file."""
    for path in [*(ROOT / "pipeline").glob("*.toml"), *(ROOT / "voices").glob("*.toml")]:
        lines = path.read_text(encoding="utf-8").splitlines()
        comments = " ".join(line for line in lines if line.lstrip().startswith("#"))
        for number, line in enumerate(lines, 1):
            if "=" not in line or line.lstrip().startswith("#"):
                continue
            key = line.split("=", 1)[0].strip()
            if key.startswith('"'):
                continue  # a user-chosen name, such as a page-chrome pattern's
            assert "#" in line or key in comments, f"{path.name}:{number}: {key} is not explained"


def test_a_name_is_looked_up_in_the_working_directory_first(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "pipeline").mkdir()
    (tmp_path / "pipeline" / "article.toml").write_text("[pauses]\nsentence_ms = 999\n")
    monkeypatch.chdir(tmp_path)
    assert load_recipe("article").pauses.sentence_ms == 999
    assert packaged_dir("pipeline").joinpath("article.toml").is_file()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[pauses]\nsentense_ms = 3\n", "unknown key 'sentense_ms'"),
        ("[pause]\n", "unknown section [pause]"),
        ("[pauses]\nsentence_ms = 'long'\n", "[pauses].sentence_ms: expected"),
        ("[export]\nformat = 'flac'\n", "format must be one of mp3, m4b"),
        ("[ingest.drop]\nbad = '('\n", "bad pattern"),
        ("[chapters]\nparagraphs_per_chapter = 0\n", "at least 1"),
        ("[loudness]\nprofile = 'loud'\n", "profile must be web, podcast, acx or none"),
        ("[export]\nmp3_bitrate = '64000'\n", "mp3_bitrate must be kbit/s such as \"64k\""),
        ("[export]\nmp3_bitrate = '65k'\n", "one of MP3's constant bitrates"),
        ("[export]\nopus_bitrate = 'lots'\n", "opus_bitrate must be kbit/s"),
        ("not toml at all", "invalid TOML"),
    ],
)
def test_recipe_mistakes_are_errors_naming_the_file(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(content)
    with pytest.raises(ConfigError) as error:
        load_recipe(str(path))
    assert str(path) in str(error.value) and message in str(error.value)


def test_unknown_recipe_name_lists_the_available_ones() -> None:
    with pytest.raises(ConfigError, match=r"no pipeline named 'nope' \(available: .*article"):
        load_recipe("nope")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("narrator = 'x'\n[voices.n]\nengine_voice = 'en-us'\n", "'x' is not one of the [voices]"),
        ("[voices.narrator]\nengine_voice = 'en-us'\nrate = 900\n", "rate must be 80-450"),
        ("[voices.narrator]\nspeed = 1\n", "unknown key 'speed'"),
        (
            "narrator = 'narrator'\nquote = 'narrator'\n[voices.narrator]\n"
            "[speakers.'A B']\nvoice = 'ghost'\n",
            "'ghost' is not one of the [voices]",
        ),
        ("quote = 'narrator'\npool = 'one'\n[voices.narrator]\n", "pool must be a list"),
    ],
)
def test_casting_mistakes_are_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "cast.toml"
    path.write_text(content)
    with pytest.raises(ConfigError) as error:
        load_casting(str(path))
    assert message in str(error.value)
