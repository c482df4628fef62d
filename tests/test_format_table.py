"""The one table of formats and the one runner of external tools."""

from __future__ import annotations

import pytest

from earmark.config.formats import FORMATS
from earmark.config.recipe import ExportSettings
from earmark.errors import ToolError
from earmark.model import PCM
from earmark.tools import run, run_streaming


def test_every_format_names_an_exporter_and_a_tag_writer_that_exist() -> None:
    for fmt in FORMATS.values():
        exporter, chapters = fmt.load(fmt.exporter), fmt.load(fmt.tags)
        assert callable(exporter) and callable(chapters)
        assert getattr(exporter, "format", fmt.name) in ("", fmt.name)


def test_encoder_arguments_come_from_the_record() -> None:
    settings = ExportSettings()
    assert FORMATS["mp3"].encoder_args(settings) == [
        "-ac", "1", "-ar", "22050", "-c:a", "libmp3lame", "-b:a", "64k",
        "-compression_level", "7", "-id3v2_version", "0", "-f", "mp3"]
    assert FORMATS["opus"].encoder_args(settings)[:4] == ["-ac", "1", "-ar", "48000"]
    assert FORMATS["wav"].encoder_args(settings) == [
        "-ac", "1", "-ar", "22050", "-c:a", "pcm_s16le", "-fflags", "+bitexact", "-f", "wav"]
    assert PCM.ffmpeg_input() == ["-f", "s16le", "-ar", "22050", "-ac", "1", "-i", "-"]


def test_a_streamed_tool_that_fails_raises_with_its_argv_and_stderr() -> None:
    with pytest.raises(ToolError) as error:
        run_streaming(["ffmpeg", "-v", "error", *PCM.ffmpeg_input(), "-c:a", "no-such-codec",
                       "-f", "null", "-"], iter([PCM.silence(100)] * 3))
    assert error.value.argv[-1] == "-" and "no-such-codec" in error.value.argv
    assert "no-such-codec" in error.value.stderr


def test_run_passes_input_and_returns_output() -> None:
    done = run(["ffmpeg", "-v", "error", *PCM.ffmpeg_input(), *PCM.ffmpeg_output(), "-"],
               input=PCM.silence(441))
    assert done.stdout == PCM.silence(441)
