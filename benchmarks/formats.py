"""MP3, M4B and Opus renders of one dialogue-heavy text, side by side with the plain pipe.

    .venv/bin/python benchmarks/formats.py [TEXT] [--runs 3] [--words 22000]

TEXT is e.g. a novel of ../shared/corpora (never copied here); without it a generated
dialogue-heavy book (benchmarks/booktext.py: short quoted lines, many speakers). Each run, in
turn: the pipe `espeak-ng ... --stdout | ffmpeg ... out.mp3` (benchmarks/render.py), then
`earmark render TEXT --format F --quiet` for F in mp3, m4b, opus, each with a cold cache (the
voices' loudness calibration only). Medians of wall time, CPU and peak RSS; ratios against
the pipe and against the MP3 render, run by run (and CPU seconds against the MP3 render's:
on a machine shared with other work, wall ratios drift). Then each format re-rendered after
a one-paragraph edit (with its last cache), against its full render.
With --quality, also the encoders alone on 2 minutes of the text's speech: CPU seconds and
signal-to-distortion ratio (ffmpeg's asdr) of the settings compared for AAC and Opus.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from booktext import dialogue, plain
from render import Run, baseline_command, calibrated, edit_one_paragraph, measure, median

EARMARK = [sys.executable, "-m", "earmark"]
FORMATS = ("mp3", "m4b", "opus")
ENCODERS = {
    "aac 48k twoloop (ffmpeg's default)": ["-c:a", "aac", "-b:a", "48k", "-f", "ipod"],
    "aac 48k fast (earmark)": ["-c:a", "aac", "-aac_coder", "fast", "-b:a", "48k", "-f", "ipod"],
    "aac 48k fast, no PNS, no TNS": ["-c:a", "aac", "-aac_coder", "fast", "-aac_pns", "0",
                                     "-aac_tns", "0", "-b:a", "48k", "-f", "ipod"],
    "aac 48k fast, cutoff 8 kHz": ["-c:a", "aac", "-aac_coder", "fast", "-cutoff", "8000",
                                   "-b:a", "48k", "-f", "ipod"],
    "opus 32k voip complexity 10": ["-ar", "48000", "-c:a", "libopus", "-b:a", "32k",
                                "-application", "voip", "-f", "ogg"],
    "opus 32k voip complexity 5": ["-ar", "48000", "-c:a", "libopus", "-b:a", "32k",
                                   "-application", "voip", "-compression_level", "5",
                                   "-f", "ogg"],
    "opus 32k audio complexity 5, 20 ms": ["-ar", "48000", "-c:a", "libopus", "-b:a", "32k",
                                           "-application", "audio", "-compression_level",
                                           "5", "-vbr", "constrained", "-f", "ogg"],
    "opus 32k audio complexity 5, 60 ms (ffmpeg)": [
        "-ar", "48000", "-c:a", "libopus", "-b:a", "32k", "-application", "audio",
        "-compression_level", "5", "-vbr", "constrained", "-frame_duration", "60", "-f", "ogg"],
    "mp3 64k -q 7 (reference)": ["-c:a", "libmp3lame", "-b:a", "64k", "-compression_level",
                                 "7", "-f", "mp3"],
}


IN_PROCESS = "opus 32k audio c5 60 ms in-process (earmark)"
"""libopus with the same settings fed by libsoxr (export.libopus), what earmark uses."""


def render(text: Path, fmt: str, out: Path, cache: Path) -> Run:
    env = {**os.environ, "EARMARK_CACHE_DIR": str(cache)}
    return measure([*EARMARK, "render", str(text), "-o", str(out), "--format", fmt, "--quiet"],
                   env=env)


def encoders(plain_text: Path, scratch: Path) -> None:
    """CPU seconds and SDR of each encoder setting on the same 2 minutes of speech."""
    wav = scratch / "speech.wav"
    subprocess.run(f"espeak-ng -v en-us -s 175 --stdout -f {plain_text} > {wav}", shell=True,
                   check=True)
    raw = scratch / "speech.raw"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(wav), "-t", "120", "-ac", "1",
                    "-ar", "22050", "-f", "s16le", str(raw)], check=True)
    pcm = ["-f", "s16le", "-ar", "22050", "-ac", "1", "-i", str(raw)]
    print("\nencoders alone, 2 minutes of the text's speech (CPU s; size; SDR against the input)")
    in_process = ("import sys; from pathlib import Path; from earmark.export import libopus; "
                  "data = Path(sys.argv[1]).read_bytes(); libopus.encode((data[i:i + 65536] "
                  "for i in range(0, len(data), 65536)), Path(sys.argv[2]), 32)")
    for name, args in {**ENCODERS, IN_PROCESS: []}.items():
        out = scratch / "encoded"
        if name == IN_PROCESS:  # CPU counts Python's start-up (about 0.05 s)
            run = measure([sys.executable, "-c", in_process, str(raw), str(out)])
        else:
            run = measure(["ffmpeg", "-v", "error", "-y", *pcm, *args, str(out)])
        sdr = subprocess.run(["ffmpeg", "-hide_banner", *pcm, "-i", str(out), "-lavfi",
                              "[1]aresample=22050,aformat=sample_fmts=s16:channel_layouts="
                              "mono[b];[0][b]asdr", "-f", "null", "-"],
                             capture_output=True, text=True).stderr
        value = next((line.rsplit(":", 1)[1].strip() for line in sdr.splitlines()
                      if "SDR ch0" in line), "?")
        print(f"  {name:44s} cpu {run.cpu:6.2f} s  {out.stat().st_size / 1024:6.0f} KB  "
              f"SDR {value}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--words", type=int, default=22000)
    parser.add_argument("--quality", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        text = args.text
        if text is None:
            text = scratch / "dialogue.txt"
            text.write_text(dialogue(args.words), encoding="utf-8")
        plain_text = scratch / "plain.txt"
        plain_text.write_text(plain(text.read_text(encoding="utf-8", errors="replace")),
                              encoding="utf-8")
        template = calibrated(scratch, [text])
        pipe: list[Run] = []
        ours: dict[str, list[Run]] = {fmt: [] for fmt in FORMATS}
        caches: dict[str, Path] = {}
        for number in range(args.runs):
            pipe.append(measure(baseline_command(plain_text, scratch / "pipe.mp3"), shell=True))
            for fmt in FORMATS:
                caches[fmt] = scratch / f"cache-{fmt}-{number}"
                shutil.rmtree(caches[fmt], ignore_errors=True)
                shutil.copytree(template, caches[fmt])
                ours[fmt].append(render(text, fmt, scratch / "out", caches[fmt]))
        print(f"{text.name}: {len(text.read_text(encoding='utf-8', errors='replace').split())} "
              f"words, {args.runs} runs, medians, {os.cpu_count()} cores")
        base = median(pipe)
        print(f"  pipe (MP3)      wall {base.wall:7.2f} s  cpu {base.cpu:7.2f} s  "
              f"peak {base.peak_mb:5.0f} MB")
        for fmt in FORMATS:
            m = median(ours[fmt])
            to_pipe = statistics.median(o.wall / p.wall for o, p in zip(ours[fmt], pipe,
                                                                        strict=True))
            to_mp3 = statistics.median(o.wall / p.wall for o, p in zip(ours[fmt], ours["mp3"],
                                                                       strict=True))
            cpu_mp3 = statistics.median(o.cpu / p.cpu for o, p in zip(ours[fmt], ours["mp3"],
                                                                      strict=True))
            print(f"  earmark {fmt:5s}   wall {m.wall:7.2f} s  cpu {m.cpu:7.2f} s  "
                  f"peak {m.peak_mb:5.0f} MB  {to_pipe:5.2f}x the pipe  {to_mp3:5.2f}x MP3 "
                  f"(CPU {cpu_mp3:4.2f}x MP3's)")
        edited_dir = scratch / "edited"
        edited_dir.mkdir()
        edited = edit_one_paragraph(text, edited_dir)
        for fmt in FORMATS:
            again = render(edited, fmt, scratch / "out", caches[fmt])
            full = median(ours[fmt])
            print(f"  {fmt} re-render after a one-paragraph edit: wall {again.wall:.2f} s "
                  f"({again.wall / full.wall:.2f}x its full render; CPU {again.cpu:.2f} s, "
                  f"{again.cpu / full.cpu:.2f}x)")
        if args.quality:
            encoders(plain_text, scratch)


if __name__ == "__main__":
    main()
