"""The command line as users meet it: exit codes, one-line errors, nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SAMPLE, run_cli
from earmark import rendering as render_module
from earmark.errors import ToolError


def test_plan_json_is_printed_and_parses() -> None:
    result = run_cli("plan", str(SAMPLE), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "earmark.plan/1" and data["source"]["format"] == "md"


def test_plan_text_lists_chapters_segments_and_drops() -> None:
    result = run_cli("plan", str(SAMPLE))
    assert result.returncode == 0
    assert "Chapter 2: What residents said" in result.stdout
    assert '   2 Marcus Webb: "My daughter learned to read in that building,"' in result.stdout
    assert "boilerplate: media player notice" in result.stdout


@pytest.mark.parametrize("command", ["render", "plan", "voices"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run_cli(command, "--help")
    assert result.returncode == 0
    assert f"Example:  earmark {command}" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["render", "nowhere.txt"], "earmark: nowhere.txt: no such file"),
        (["plan", "README"], "earmark: README: unsupported file type '(none)'"),
        (["render", str(SAMPLE), "--format", "flac"], "'flac' is not one of mp3, m4b"),
        (["render", str(SAMPLE), "--pipeline", "nope"], "no pipeline named 'nope'"),
        (["render", str(SAMPLE), "--bogus"], "No such option: --bogus"),
    ],
)
def test_bad_input_or_usage_is_one_line_and_exit_2(
    tmp_path: Path, args: list[str], message: str
) -> None:
    result = run_cli(*args, "-o", str(tmp_path / "out")) if args[0] == "render" else run_cli(*args)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert result.stdout == ""
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_unknown_voice_fails_before_any_output(tmp_path: Path) -> None:
    voices = tmp_path / "cast.toml"
    voices.write_text(
        "[voices.narrator]\nengine_voice = 'en-us'\n[voices.quote]\nengine_voice = 'en-uss+f3'\n"
    )
    result = run_cli("render", str(SAMPLE), "-o", str(tmp_path / "out"), "--voices", str(voices))
    assert result.returncode == 2
    assert (
        "engine_voice = 'en-uss+f3': espeak-ng has no voice 'en-uss'; close matches: en-us"
        in result.stderr
    )
    assert not (tmp_path / "out").exists()


def test_a_failure_during_export_leaves_no_output(
    tmp_path: Path, recipe, casting, monkeypatch
) -> None:
    from earmark import export

    def broken(*_args) -> None:
        raise ToolError(["ffmpeg", "-i", "x"], 1, "Conversion failed!")

    monkeypatch.setitem(export.EXPORTERS, "mp3", broken)
    with pytest.raises(ToolError, match="ffmpeg exited with 1: Conversion failed!"):
        render_module.render(SAMPLE, tmp_path, recipe, casting, ("mp3",), 1)
    assert list(tmp_path.iterdir()) == []


def test_voices_lists_the_casting_and_the_engine_voices() -> None:
    result = run_cli("voices")
    assert result.returncode == 0
    assert "narrator   en-us" in result.stdout
    assert "en-gb-x-rp" in result.stdout and "Variants:" in result.stdout


def test_slug_never_escapes_the_output_folder() -> None:
    assert render_module.slug_for(Path("../../etc/passwd.md"), "x") == "passwd"
    assert render_module.slug_for(Path("Été à Paris!.txt"), "x") == "ete-a-paris"
    assert render_module.slug_for(Path("....md"), "Über Title") == "uber-title"
    assert render_module.slug_for(Path("__.md"), "!!!") == "document"


def test_plan_shows_language_loudness_and_pauses() -> None:
    result = run_cli("plan", str(SAMPLE))
    assert "language en; loudness web; pauses (ms): sentence 250, paragraph 700" in result.stdout


def test_a_worker_re_running_the_command_script_loads_no_command_line() -> None:
    """Synthesis workers are spawned: each re-runs the parent's main script under the name
    __mp_main__ (multiprocessing.spawn uses runpy.run_path). The installed `earmark` script
    must then load neither typer nor the command line (~60 ms a worker)."""
    import subprocess
    import sys

    script = Path(sys.executable).parent / "earmark"
    if not script.exists():
        pytest.skip("the earmark script is not installed next to this Python")
    import importlib.util

    assert importlib.util.find_spec("typer") and importlib.util.find_spec("earmark.cli")
    probe = (f"import runpy, sys; runpy.run_path({str(script)!r}, run_name='__mp_main__'); "
             "print(sorted(m for m in ('typer', 'earmark.cli') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(("target", "stage"), [
    ("earmark.text.sentences.split", "text"),            # called from text/segment.py
    ("earmark.planning.build.segment_document", "planning"),
    ("earmark.ingest.drop_chrome", "ingest"),              # called from ingest/__init__.py
])
def test_an_unexpected_failure_names_its_stage(monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str],
                                               target: str, stage: str) -> None:
    """An exception nobody planned for is one line naming the stage it came from, exit 1."""
    import sys

    from earmark import cli

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(target, broken)
    monkeypatch.delenv("EARMARK_DEBUG", raising=False)
    monkeypatch.setattr(sys, "argv", ["earmark", "plan", str(SAMPLE)])
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    assert stopped.value.code == 1
    assert capsys.readouterr().err == (
        f"earmark: internal error in {stage}: RuntimeError: boom "
        "(set EARMARK_DEBUG=1 for the traceback)\n")
