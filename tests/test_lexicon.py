"""Pronunciation lexicons: TOML and PLS, whole words, case-aware; hostile XML refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DATA, run_cli
from earmark.config.lexicon import load_lexicons
from earmark.errors import ConfigError
from earmark.planning.build import spoken_text

LEXICONS = DATA / "lexicons"


def test_toml_and_pls_entries_replace_whole_words_case_aware() -> None:
    lexicon = load_lexicons([LEXICONS / "names.toml", LEXICONS / "places.pls"])
    assert lexicon.apply("The WHO asks who goes to Worcester.") == \
        "The World Health Organization asks who goes to Wooster."
    assert lexicon.apply("Blinken met Nguyen in Loughborough; Blinkenfeld did not.") == \
        "[[bl'INk@n]] met Win in [[l'Vfb@r@]]; Blinkenfeld did not."
    assert lexicon.apply("blinken") == "blinken"  # a capitalised entry needs its capitals


def test_source_text_cannot_smuggle_phonemes() -> None:
    assert spoken_text("Say [[h@l'oU]] now") == "Say [ [h@l'oU] ] now"


def test_an_entity_expansion_attack_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"refused: .*DTDs and entities are not allowed"):
        load_lexicons([LEXICONS / "laughs.pls"])
    ipa = tmp_path / "ipa.pls"
    ipa.write_text('<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon"'
                   ' alphabet="ipa"><lexeme><grapheme>a</grapheme><phoneme>ə</phoneme></lexeme>'
                   "</lexicon>", encoding="utf-8")
    with pytest.raises(ConfigError, match='alphabet="x-espeak"'):
        load_lexicons([ipa])


@pytest.mark.e2e
def test_a_lexicon_changes_the_spoken_text_and_the_audio(tmp_path: Path) -> None:
    document = tmp_path / "note.txt"
    document.write_text("Secretary Blinken spoke to the WHO.\n", encoding="utf-8")
    voices = (Path(__file__).resolve().parents[1] / "voices" / "default.toml").read_text(
        encoding="utf-8")
    plain = tmp_path / "plain.toml"
    plain.write_text(voices, encoding="utf-8")
    lexical = tmp_path / "lexical.toml"
    lexical.write_text(f'lexicons = ["{LEXICONS / "names.toml"}"]\n' + voices, encoding="utf-8")
    segments = {}
    for name, cast in (("plain", plain), ("lexical", lexical)):
        done = run_cli("render", str(document), "-o", str(tmp_path / name), "--voices", str(cast),
                       "--quiet")
        assert done.returncode == 0, done.stderr
        manifest = json.loads((tmp_path / name / "note" / "note.json").read_text())
        segments[name] = manifest["segments"][0]
    assert segments["plain"]["text"] == "Secretary Blinken spoke to the WHO."
    assert segments["lexical"]["text"] == \
        "Secretary [[bl'INk@n]] spoke to the World Health Organization."
    assert segments["lexical"]["caption"] == segments["plain"]["caption"]
    plain_ms = segments["plain"]["end_ms"] - segments["plain"]["start_ms"]
    lexical_ms = segments["lexical"]["end_ms"] - segments["lexical"]["start_ms"]
    assert lexical_ms > plain_ms + 500  # "World Health Organization" takes longer than "WHO"


def test_a_lexicon_changes_the_cache_key(casting) -> None:
    from earmark.speak.workers import segment_key

    lexicon = load_lexicons([LEXICONS / "names.toml"])
    settings = casting.settings(casting.narrator)
    written = "Secretary Blinken spoke."
    assert segment_key("espeak-ng 1.51", settings, spoken_text(written)) != \
        segment_key("espeak-ng 1.51", settings, spoken_text(written, lexicon))
