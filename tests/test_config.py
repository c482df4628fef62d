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
        ("[export]\nchunk_seconds = 0\n", "[export] chunk_seconds must be at least 1"),
        ("[export]\nsample_rate = 0\n", "[export] sample_rate must be one of"),
        ("[export]\nsample_rate = 96000\n", "[export] sample_rate must be one of"),
        ("[export]\nsample_rate = 44100\nmp3_bitrate = '8k'\n",
         "[export] mp3_bitrate must be one of MP3's constant bitrates at 44100 Hz"),
        ("[export]\nsample_rate = 8000\nmp3_bitrate = '128k'\n",
         "[export] mp3_bitrate must be one of MP3's constant bitrates at 8000 Hz"),
        ("[export]\nopus_bitrate = '500k'\n", "[export] opus_bitrate must be 6k-256k"),
        ("[export]\nopus_bitrate = '2k'\n", "[export] opus_bitrate must be 6k-256k"),
        ("[export]\nm4b_bitrate = '999k'\n", "[export] m4b_bitrate must be 8k-320k"),
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


def test_export_settings_the_encoders_take_load() -> None:
    """The range checks leave every combination the encoders accept, ACX's 44.1 kHz 192k too."""
    import dataclasses

    from earmark.config.recipe import validate_export

    article = load_recipe("article")
    for rate, bitrate in ((22050, "64k"), (44100, "192k"), (48000, "320k"), (8000, "64k"),
                          (16000, "160k")):
        validate_export(dataclasses.replace(article.export, sample_rate=rate,
                                            mp3_bitrate=bitrate), "x.toml")


def test_a_recipe_that_would_divide_by_zero_is_a_one_line_error(tmp_path: Path) -> None:
    from conftest import SAMPLE, run_cli

    recipe = tmp_path / "zero.toml"
    recipe.write_text("[export]\nchunk_seconds = 0\n", encoding="utf-8")
    done = run_cli("render", str(SAMPLE), "-o", str(tmp_path / "out"), "--pipeline", str(recipe),
                   "--quiet")
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [
        f"earmark: {recipe}: [export] chunk_seconds must be at least 1, got 0"]
    assert not (tmp_path / "out").exists()
