"""The manifest as a typed value: it reads and writes exactly the JSON a render writes, reads
older manifests, and a malformed or foreign one is one clear line naming the file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SAMPLE, run_cli
from earmark.errors import InputError
from earmark.planning.manifest import Manifest, read_manifest
from earmark.planning.schema import dumps

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def rendered(sample_render: Path) -> Path:
    return sample_render


def test_to_dict_writes_the_render_s_json_byte_for_byte(rendered: Path) -> None:
    path = rendered / "library-vote.json"
    written = path.read_text(encoding="utf-8")
    manifest = read_manifest(path)
    assert dumps(manifest.to_dict()) == written
    assert manifest.audio.file == "library-vote.mp3" and manifest.slug == "library-vote"
    assert manifest.loudness is not None and manifest.loudness.profile == "web"
    assert [c.title for c in manifest.chapters][1] == "What residents said"


def test_the_manifest_keeps_every_key_of_the_plan(rendered: Path) -> None:
    plan = json.loads(run_cli("plan", str(SAMPLE), "--json").stdout)
    manifest = json.loads((rendered / "library-vote.json").read_text(encoding="utf-8"))
    assert set(plan) <= set(manifest)
    assert set(plan["source"]) <= set(manifest["source"])


def test_fingerprint_round_trips(rendered: Path) -> None:
    data = json.loads((rendered / "library-vote.json").read_text(encoding="utf-8"))
    data["source"]["fingerprint"] = "abc123"
    assert Manifest.from_dict(data).to_dict() == data
    assert Manifest.from_dict(data).source.fingerprint == "abc123"


def test_an_older_manifest_is_still_read(rendered: Path, tmp_path: Path) -> None:
    """Before loudness, paragraphs, captions and audio_files were recorded (same schema)."""
    folder = tmp_path / "library-vote"
    shutil.copytree(rendered, folder)
    path = folder / "library-vote.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for key in ("loudness", "audio_files", "warnings"):
        del data[key]
    for segment in data["segments"]:
        del segment["paragraph"], segment["caption"]
    path.write_text(json.dumps(data), encoding="utf-8")
    manifest = read_manifest(path)
    assert [f.file for f in manifest.audio_files] == ["library-vote.mp3"]
    assert manifest.segments[0].caption == manifest.segments[0].text
    done = run_cli("clip", str(folder), "--chapter", "2")
    assert done.returncode == 0, done.stderr


def _broken(data: dict, case: str) -> object:
    if case == "list":
        return [data]
    if case == "schema":
        return {**data, "schema": "someone.else/3"}
    if case == "no-timings":
        for segment in data["segments"]:
            del segment["start_ms"]
    elif case == "wrong-type":
        data["chapters"][1]["end_ms"] = "soon"
    elif case == "null-audio":
        data["audio"] = None
    elif case == "bad-span":
        data["quotes"][0]["span"] = [1]
    elif case == "path-in-file":
        data["audio"]["file"] = "../../etc/passwd"
    return data


CASES = {
    "list": "a JSON list, not an object",
    "schema": "schema is 'someone.else/3', expected 'earmark.plan/1'",
    "no-timings": "segments[0].start_ms is missing",
    "wrong-type": "chapters[1].end_ms is a string, expected an integer",
    "null-audio": "audio is a null, expected an object",
    "bad-span": "quotes[0].span is [1], expected [start, end]",
    "path-in-file": "audio.file: '../../etc/passwd' is not a file name in the folder",
}


@pytest.mark.parametrize("case", CASES)
def test_a_malformed_manifest_is_one_line_naming_the_file_and_the_fault(
    rendered: Path, tmp_path: Path, case: str
) -> None:
    folder = tmp_path / "library-vote"
    shutil.copytree(rendered, folder)
    path = folder / "library-vote.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(_broken(data, case)), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_manifest(path)
    assert str(path) in str(raised.value) and CASES[case] in str(raised.value)
    for command in (["check", str(folder)], ["clip", str(folder), "--chapter", "1"]):
        done = run_cli(*command)
        assert done.returncode == 2, (command, done.stdout, done.stderr)
        assert done.stderr.count("\n") == 1 and CASES[case] in done.stderr, done.stderr
        assert "internal error" not in done.stderr


def test_a_manifest_that_is_not_json_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "doc"
    folder.mkdir()
    (folder / "doc.json").write_bytes(b"\xff\xfe garbage")
    done = run_cli("check", str(folder))
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "doc.json: unreadable manifest" in done.stderr


def test_the_schema_describes_the_manifest_only_keys(rendered: Path) -> None:
    import jsonschema

    from earmark.planning.schema import SCHEMA_FILE

    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    data = json.loads((rendered / "library-vote.json").read_text(encoding="utf-8"))
    data["source"]["fingerprint"] = "abc123"
    jsonschema.validate(data, schema)
    data["loudness"]["profile"] = "loud"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
