"""The catalogue of bad and odd inputs (tests/data/bad/expected.toml), and generated ones."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from conftest import DATA, run_cli

BAD = DATA / "bad"
CASES = tomllib.loads((BAD / "expected.toml").read_text(encoding="utf-8"))["case"]

pytestmark = pytest.mark.e2e


def render(tmp_path: Path, source: Path, *extra: str):  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    return out, run_cli("render", str(source), "-o", str(out), "--quiet", *extra)


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['file']}-{c['exit']}")
def test_catalogue(case: dict, tmp_path: Path) -> None:
    extra = []
    if "pipeline" in case:
        extra += ["--pipeline", str(BAD / case["pipeline"])]
    if "voices" in case:
        extra += ["--voices", str(BAD / case["voices"])]
    out, done = render(tmp_path, BAD / case["file"], *extra)
    assert done.returncode == case["exit"], done.stderr
    if case["exit"]:
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
        assert case["stderr"] in done.stderr
        assert not out.exists() or not any(out.iterdir())  # nothing written
        return
    folders = [p for p in out.iterdir()]
    assert len(folders) == 1
    if "folder" in case:
        assert folders[0].name == case["folder"]
    check = run_cli("check", str(folders[0]))
    assert check.returncode == 0, check.stdout
    manifest = json.loads((folders[0] / f"{folders[0].name}.json").read_text(encoding="utf-8"))
    if "spoken" in case:
        assert case["spoken"] in [s["text"] for s in manifest["segments"]]


def test_deeply_nested_html_is_one_clear_error(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 5000 + "<p>Deep.</p>" + "</div>" * 5000
                    + "</body></html>", encoding="utf-8")
    out, done = render(tmp_path, page)
    assert done.returncode == 2 and "HTML nested too deeply" in done.stderr
    assert done.stderr.count("\n") == 1 and not out.exists()


def test_a_huge_paragraph_without_punctuation_is_split_into_bounded_segments(tmp_path: Path
                                                                             ) -> None:
    text = tmp_path / "runon.txt"
    text.write_text(("word " * 250_000) + "\n", encoding="utf-8")  # 1.25 MB, no full stop
    done = run_cli("plan", str(text), "--json")
    assert done.returncode == 0, done.stderr
    segments = json.loads(done.stdout)["segments"]
    assert len(segments) > 3000 and max(len(s["text"]) for s in segments) <= 400
    assert all(s["sentence"] == 0 for s in segments)


def test_ffmpeg_missing_from_path_is_one_line_with_the_install_command(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from conftest import SAMPLE

    empty = tmp_path / "bin"
    empty.mkdir()
    done = subprocess.run([sys.executable, "-m", "earmark", "render", str(SAMPLE), "-o",
                           str(tmp_path / "out")], capture_output=True, text=True,
                          env={**os.environ, "PATH": str(empty)}, check=False)
    assert done.returncode == 1
    assert done.stderr == ("earmark: ffmpeg is not installed or not on PATH; on Debian: "
                           "apt-get install ffmpeg\n")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_missing_mp3_encoder_library_is_one_line_before_any_work(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from conftest import SAMPLE

    code = ("import ctypes, sys\n"
            "real = ctypes.CDLL\n"
            "def lookup(name, *args, **kwargs):\n"
            "    if 'mp3lame' in str(name):\n"
            "        raise OSError(f'{name}: cannot open shared object file')\n"
            "    return real(name, *args, **kwargs)\n"
            "ctypes.CDLL = lookup\n"
            "from earmark.cli import main\n"
            f"sys.argv = ['earmark', 'render', {str(SAMPLE)!r}, '-o', {str(tmp_path / 'out')!r}]\n"
            "main()\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "EARMARK_CACHE_DIR": str(tmp_path / "cache")},
                          check=False)
    assert done.returncode == 1
    assert done.stderr == ("earmark: libmp3lame is not installed; on Debian: "
                           "apt-get install libmp3lame0\n")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    assert not (tmp_path / "cache" / "segments").exists()  # nothing was spoken


def _bad_epubs():  # type: ignore[no-untyped-def]
    """Bad EPUBs made at test time: (id, builder(path), expected part of the one line)."""
    import zipfile

    from epub_builder import build_epub, package, page

    opf = package('<item id="c" href="c.xhtml" media-type="application/xhtml+xml"/>',
                  '<itemref idref="c"/>', "<dc:title>T</dc:title>")
    good = {"OEBPS/content.opf": opf, "OEBPS/c.xhtml": page("<p>Words.</p>")}

    def bomb(path: Path) -> None:
        build_epub(path, good, extra={"OEBPS/zeros.bin": b"\0" * (8 * 1024 * 1024)})

    def traversal(path: Path) -> None:
        build_epub(path, good)
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr("../../evil.xhtml", "x")

    def absolute(path: Path) -> None:
        build_epub(path, good)
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr("/etc/evil.xhtml", "x")

    encryption = """<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
      xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>
      <enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
      <enc:CipherData><enc:CipherReference URI="OEBPS/c.xhtml"/></enc:CipherData>
      </enc:EncryptedData></encryption>"""
    fonts = encryption.replace("http://www.w3.org/2001/04/xmlenc#aes128-cbc",
                               "http://www.idpf.org/2008/embedding")
    return [
        ("no-container", lambda p: build_epub(p, good, container=False),
         "'META-INF/container.xml' is missing from the archive", 2),
        ("container-nowhere", lambda p: build_epub(p, good, opf="OEBPS/missing.opf"),
         "META-INF/container.xml points to 'OEBPS/missing.opf', which is not in the archive", 2),
        ("missing-spine-file", lambda p: build_epub(
            p, {"OEBPS/content.opf": opf}), "spine file 'OEBPS/c.xhtml' is missing", 2),
        ("spine-not-in-manifest", lambda p: build_epub(p, {**good, "OEBPS/content.opf": package(
            "", '<itemref idref="ghost"/>')}), "the spine names 'ghost'", 2),
        ("drm", lambda p: build_epub(p, good, extra={"META-INF/encryption.xml": encryption,
                                                     "META-INF/rights.xml": "<rights/>"}),
         "DRM-protected (Adobe ADEPT): OEBPS/c.xhtml is encrypted", 2),
        ("zip-bomb", bomb, "refused as a possible zip bomb: 'OEBPS/zeros.bin' expands", 2),
        ("dot-dot-name", traversal, "unsafe file name in the archive: '../../evil.xhtml'", 2),
        ("absolute-name", absolute, "unsafe file name in the archive: '/etc/evil.xhtml'", 2),
        ("malformed-opf", lambda p: build_epub(p, {**good, "OEBPS/content.opf": opf[:-30]}),
         "malformed XML in OEBPS/content.opf", 2),
        ("entity-expansion", lambda p: build_epub(p, {**good, "OEBPS/content.opf": opf.replace(
            "<package", '<!DOCTYPE p [<!ENTITY a "aaaa">]><package', 1).replace(
            '<?xml version="1.0" encoding="UTF-8"?>', "")}),
         "unsafe XML in OEBPS/content.opf", 2),
        ("font-obfuscation-is-not-drm", lambda p: build_epub(
            p, good, extra={"META-INF/encryption.xml": fonts}), "", 0),
    ]


@pytest.mark.parametrize("name,make,message,code",
                         [pytest.param(*case, id=case[0]) for case in _bad_epubs()])
def test_bad_epubs_are_one_clear_line(name, make, message, code, tmp_path: Path
                                      ) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / f"{name}.epub"
    make(source)
    done = run_cli("plan", str(source))
    assert done.returncode == code, done.stderr
    if code:
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
        assert f"{name}.epub: " in done.stderr and message in done.stderr, done.stderr
