"""earmark against the plain pipe any user could type, on the same text and settings.

    .venv/bin/python benchmarks/render.py [TEXT ...] [--runs 3] [--book-words 22000]

Baseline: `espeak-ng -v <narrator voice> -s <rate> --stdout -f TEXT | ffmpeg -i - <earmark's
MP3 settings> out.mp3`. earmark: `earmark render TEXT --quiet` with a cold cache (a fresh cache
folder per run, holding only the per-machine loudness calibration of the voices TEXT
uses), everything on (voices, loudness, chapters, sidecars). Runs alternate; medians are shown.
Then the same book re-rendered after editing one paragraph, with the cache of the last run.
Without TEXT it uses a generated book (benchmarks/booktext.py) and a 403-word sample article.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from booktext import book, plain

from earmark.config.casting import load_casting
from earmark.config.formats import FORMATS
from earmark.config.recipe import load_recipe

ROOT = Path(__file__).resolve().parents[1]
EARMARK = [sys.executable, "-m", "earmark"]


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float


def measure(argv: list[str], env: dict[str, str] | None = None, shell: bool = False) -> Run:
    """Wall time, CPU time (user+sys of the process and its children), peak RSS of the
    largest process in the tree."""
    import time

    started = time.perf_counter()
    process = subprocess.Popen(argv, env=env, shell=shell, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        errors = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"failed: {argv}\n{errors}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def narrator_voice() -> tuple[str, int]:
    """The default narrator's espeak-ng voice and rate (what the pipe is given)."""
    casting = load_casting("default")
    voice = casting.settings(casting.narrator)
    return voice.engine_voice, voice.rate


def baseline_command(text: Path, out: Path) -> str:
    voice, rate = narrator_voice()
    codec = " ".join(FORMATS["mp3"].encoder_args(load_recipe("article").export))
    return (f"espeak-ng -v {voice} -s {rate} --stdout -f {text} | "
            f"ffmpeg -nostdin -v error -y -i - {codec} {out}")


def compare(label: str, text: Path, runs: int, scratch: Path) -> tuple[Run, Run, Path]:
    plain_text = scratch / f"{text.stem}.plain.txt"
    plain_text.write_text(plain(text.read_text(encoding="utf-8")), encoding="utf-8")
    base: list[Run] = []
    ours: list[Run] = []
    cache = scratch
    calibration = calibrated(scratch, [text])
    for number in range(runs):
        base.append(measure(baseline_command(plain_text, scratch / "baseline.mp3"), shell=True))
        cache = scratch / f"cache-{label}-{number}"
        shutil.copytree(calibration, cache)
        env = {**os.environ, "EARMARK_CACHE_DIR": str(cache)}
        ours.append(measure([*EARMARK, "render", str(text), "-o", str(scratch / "out"),
                             "--quiet"], env=env))
    b, e = median(base), median(ours)
    words = len(text.read_text(encoding="utf-8").split())
    print(f"\n{label}: {text.name}, {words} words, {runs} runs each (medians)")
    print(f"  baseline  wall {b.wall:7.2f} s  cpu {b.cpu:7.2f} s  peak {b.peak_mb:6.0f} MB")
    print(f"  earmark   wall {e.wall:7.2f} s  cpu {e.cpu:7.2f} s  peak {e.peak_mb:6.0f} MB")
    pairs = sorted(o.wall / r.wall for r, o in zip(base, ours, strict=True))
    print(f"  ratio     wall {e.wall / b.wall:7.2f}x  (run by run, each against the baseline "
          f"run just before it: median {statistics.median(pairs):.2f}x, "
          f"range {pairs[0]:.2f}-{pairs[-1]:.2f}x; this machine is shared)")
    return b, e, cache


def calibrated(scratch: Path, texts: Sequence[Path] = ()) -> Path:
    """A cache holding only what a machine does once, not a cost of each render: the loudness
    calibration of the voices the sample and `texts` use, and the compiled patterns
    (earmark.text.regexes)."""
    template = scratch / "calibration"
    if not template.exists():
        env = {**os.environ, "EARMARK_CACHE_DIR": str(template)}
        measure([*EARMARK, "render", str(ROOT / "samples" / "library-vote.md"), "-o",
                 str(scratch / "warm-up"), "--quiet"], env=env)
    from earmark.assemble.loudness import levels
    from earmark.planning.build import plan_file
    from earmark.speak.cache import Cache
    from earmark.speak.engine import engine_version

    recipe, casting = load_recipe("article"), load_casting("default")
    for text in texts:
        plan = plan_file(text, recipe, casting)
        voices = {s.voice: casting.settings(s.voice) for s in plan.segments}
        levels(recipe.loudness.profile, voices, engine_version(), Cache(template))
    for path in template.rglob("*"):
        if path.is_file() and path.suffix != ".gain" and path.parent.name != "patterns":
            path.unlink()
    return template


def median(runs: list[Run]) -> Run:
    return Run(statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs),
               statistics.median(r.peak_mb for r in runs))


def audio_seconds(folder: Path, slug: str) -> float:
    import json

    manifest = folder / slug / f"{slug}.json"
    return json.loads(manifest.read_text(encoding="utf-8"))["audio"]["duration_ms"] / 1000


def mp3_seconds(path: Path) -> float:
    from mutagen.mp3 import MP3

    return MP3(str(path)).info.length


def edit_one_paragraph(text: Path, scratch: Path) -> Path:
    """TEXT with one sentence of its middle paragraph lengthened, line ends kept as they are
    (a Gutenberg text's CRLF written back as LF moved where an overlong sentence elsewhere
    was cut: a second edit)."""
    with text.open(encoding="utf-8", newline="") as source:
        whole = source.read()
    gap = "\r\n\r\n" if "\r\n\r\n" in whole else "\n\n"
    paragraphs = whole.split(gap)
    middle = len(paragraphs) // 2
    while paragraphs[middle].startswith("#"):
        middle += 1
    paragraphs[middle] = re.sub(r"\.", ", which nobody expected.", paragraphs[middle], count=1)
    edited = scratch / text.name  # same name: same slug, same output folder
    with edited.open("w", encoding="utf-8", newline="") as sink:
        sink.write(gap.join(paragraphs))
    return edited


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--book-words", type=int, default=22000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        texts = args.texts
        if not texts:
            book_path = scratch / "book.txt"
            book_path.write_text(book(args.book_words), encoding="utf-8")
            texts = [book_path, ROOT / "samples" / "harbour-ferry.md"]  # 403 words
        for text in texts:
            base, full, cache = compare(text.stem, text, args.runs, scratch)
            ours = audio_seconds(scratch / "out", text.stem)
            theirs = mp3_seconds(scratch / "baseline.mp3")
            print(f"  audio     earmark {ours / 60:.1f} min, baseline {theirs / 60:.1f} min "
                  "(earmark adds its pauses)")
            ratio = (full.wall / ours) / (base.wall / theirs)
            print(f"  real-time factor (wall s per audio s): earmark {full.wall / ours:.4f}, "
                  f"baseline {base.wall / theirs:.4f}, ratio {ratio:.2f}x")
            edited_dir = scratch / "edited"
            edited_dir.mkdir(exist_ok=True)
            edited = edit_one_paragraph(text, edited_dir)
            env = {**os.environ, "EARMARK_CACHE_DIR": str(cache)}
            again = measure([*EARMARK, "render", str(edited), "-o", str(scratch / "out"),
                             "--quiet"], env=env)
            print(f"  re-render after a one-paragraph edit: wall {again.wall:.2f} s "
                  f"({again.wall / full.wall:.2f}x the full render)")
        help_runs = [measure([*EARMARK, "--help"]).wall for _ in range(5)]
        print(f"\nearmark --help: median {statistics.median(help_runs):.2f} s")


if __name__ == "__main__":
    main()
