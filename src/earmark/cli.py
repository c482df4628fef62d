"""The command line. Only this module prints or exits.

Exit codes: 0 success; 2 bad input or usage (one line on stderr); 1 internal failure.
Audio and engine modules are imported inside the commands that need them, so `--help` and
`earmark plan` start fast.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

try:  # typer >= 0.25 carries its own copy of click
    from typer._click import exceptions as click
except ImportError:  # pragma: no cover - older typer depends on click itself
    from click import exceptions as click  # type: ignore[no-redef]

from earmark.config.formats import FORMATS, help_text
from earmark.errors import EarmarkError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Accessible narrated audio from articles: one voice per speaker, chapters you can "
    "navigate.",
)

InputArg = Annotated[
    Path, typer.Argument(help="The document: .txt, .md, .html or .epub.", show_default=False)
]
PipelineOpt = Annotated[
    str,
    typer.Option(
        "--pipeline",
        "-p",
        help=("Recipe: a name (./pipeline/NAME.toml, then the packaged ones) or a path."),
    ),
]
VoicesOpt = Annotated[
    str,
    typer.Option(
        "--voices",
        "-v",
        help=("Casting file: a name (./voices/NAME.toml, then the packaged ones) or a path."),
    ),
]


LanguageOpt = Annotated[str | None, typer.Option(
    "--language", "-l", show_default=False,
    help="The document's language (e.g. fr); default: the recipe, HTML's lang, else en.")]


def _formats(names: list[str]) -> tuple[str, ...]:
    """--format values, checked against the table of formats, in order, each once."""
    chosen = tuple(dict.fromkeys(name.lower() for name in names))
    for name in chosen:
        if name not in FORMATS:
            raise click.BadParameter(f"'{name}' is not one of {', '.join(FORMATS)}",
                                     param_hint="'--format'")
    return chosen
EncodingOpt = Annotated[str | None, typer.Option(
    "--encoding", show_default=False,
    help="The input's character encoding (e.g. latin-1); default: UTF-8, else the file's "
    "declaration, else detected.")]


@app.command(
    epilog="Example:  earmark render samples/library-vote.md -o output --format mp3 --format m4b"
)
def render(
    source: InputArg,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Output root; files go to OUT/<slug>/.")
    ] = Path("output"),
    fmt: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            show_default=False,
            help=f"Output format ({help_text()}); repeat for several from one synthesis; "
            "default from the recipe (mp3).",
        ),
    ] = None,
    pipeline: PipelineOpt = "article",
    voices: VoicesOpt = "default",
    language: LanguageOpt = None,
    encoding: EncodingOpt = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            show_default=False,
            help="Synthesis worker processes (default: the CPU count).",
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor fill the segment cache.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress display; print nothing on success.")
    ] = False,
    cover: Annotated[
        Path | None, typer.Option("--cover", show_default=False,
                                  help="Cover art (JPEG or PNG) for the audio files; default: "
                                  "the document's own (an EPUB's cover).")
    ] = None,
) -> None:
    """Render a document to narrated audio with chapters, and its manifest."""
    from earmark import api
    from earmark.progress import for_terminal

    _formats(fmt or [])
    result = api.render(source, out, formats=fmt, pipeline=pipeline, voices=voices,
                        language=language, encoding=encoding, jobs=jobs,
                        use_cache=not no_cache,
                        progress=for_terminal(quiet), cover=cover)
    if not quiet:
        seconds = result.duration_ms / 1000
        cached = result.segments - result.synthesised
        for audio in result.audio:
            typer.echo(
                f"{audio}  {int(seconds // 60)}:{seconds % 60:04.1f}  "
                f"{result.chapters} chapters, {result.segments} segments ({cached} from cache)"
            )


@app.command(epilog="Example:  earmark plan samples/library-vote.md --json > plan.json")
def plan(
    source: InputArg,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the plan as JSON (schema earmark.plan/1).")
    ] = False,
    pipeline: PipelineOpt = "article",
    voices: VoicesOpt = "default",
    language: LanguageOpt = None,
    encoding: EncodingOpt = None,
    chapters_only: Annotated[
        bool, typer.Option("--chapters", help="Print only the chapter map (number, length, "
                           "title, first words): a book's chapters at a glance.")
    ] = False,
) -> None:
    """Show the narration plan (chapter map, segments, voices) without making audio."""
    from earmark import api
    from earmark.planning.build import plan_file
    from earmark.planning.schema import plan_json

    recipe, casting = api.settings(pipeline, voices, language, encoding)
    result = plan_file(source, recipe, casting)
    if as_json:
        sys.stdout.write(plan_json(result))
        return
    from earmark.planning.build import summary
    from earmark.planning.chapter_map import chapter_map, clock

    typer.echo(summary(result))
    rate = casting.voices[casting.narrator].rate
    entries = chapter_map(result, rate, recipe.pauses)
    total = sum(e.estimated_ms for e in entries)
    typer.echo(f"\nChapter map (about {clock(total)} in all at {rate} words a minute):")
    for entry in entries:
        opening = f" — {entry.first_words}" if entry.first_words else ""
        typer.echo(f"  {entry.number:>4}  {clock(entry.estimated_ms)}  {entry.title}{opening}")
    if chapters_only:
        return
    pauses = recipe.pauses
    typer.echo(f"language {result.document.language}; loudness {recipe.loudness.profile}; "
               f"pauses (ms): sentence {pauses.sentence_ms}, paragraph {pauses.paragraph_ms}, "
               f"list item {pauses.list_item_ms}, voice change {pauses.voice_change_ms}, "
               f"clause {pauses.clause_ms}, chapter {pauses.chapter_ms}")
    for chapter in result.chapters:
        typer.echo(f"\nChapter {chapter.index + 1}: {chapter.title}")
        for segment in result.segments[chapter.first_segment : chapter.last_segment + 1]:
            voice = f"{segment.voice}[{segment.language}]" if segment.language else segment.voice
            typer.echo(f"  {segment.index:>4} {segment.kind:<9} {voice:<10} {segment.text}")
    if result.quotes:
        typer.echo("\nQuotes (numbers as in `earmark clip --quote N`):")
    for number, quote in enumerate(result.quotes, 1):
        words = " ".join(result.document.text[quote.span[0] : quote.span[1]].split())
        typer.echo(f"  {number:>4} {quote.speaker or '(unidentified)'}: {words[:70]}")
    for dropped in result.dropped:
        text = result.document.text[dropped.span[0] : dropped.span[1]]
        typer.echo(f"dropped {dropped.span[0]}-{dropped.span[1]} ({dropped.reason}): {text[:60]!r}")
    for warning in result.warnings:
        typer.echo(f"warning: {warning}")


@app.command(epilog="Example:  earmark voices --voices voices/my-cast.toml")
def voices(voices: VoicesOpt = "default") -> None:
    """List the engine's voices and the casting in use (checked against the engine)."""
    from earmark.config.casting import load_casting
    from earmark.speak.engine import check_casting, list_variants, list_voices

    casting = load_casting(voices)
    typer.echo(f"Casting '{casting.name}' ({casting.path}):")
    for key, settings in casting.voices.items():
        roles = [
            r for r, v in (("narrator", casting.narrator), ("quote", casting.quote)) if v == key
        ]
        roles += ["pool"] if key in casting.pool else []
        roles += [f"speaker {s}" for s, v in casting.speakers.items() if v == key]
        typer.echo(
            f"  {key:<10} {settings.engine_voice:<20} rate {settings.rate:<4} pitch "
            f"{settings.pitch:<3} volume {settings.volume:<4} {', '.join(roles)}"
        )
    check_casting(casting)
    engine_voices = list_voices()
    typer.echo(f"\nespeak-ng voices ({len(engine_voices)}; add +VARIANT to any):")
    for voice in sorted(engine_voices, key=lambda v: v.name):
        typer.echo(f"  {voice.name:<20} {voice.description:<40} {voice.gender}")
    typer.echo(f"\nVariants: {' '.join(list_variants())}")


@app.command(epilog="Example:  earmark batch articles/ -o output --report report.json")
def batch(
    inputs: Annotated[list[Path], typer.Argument(help="Documents, or folders of them.",
                                                 show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output root.")] = Path("output"),
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", show_default=False,
        help="A Dask scheduler address (tcp://host:port); default: a local cluster.")] = None,
    fmt: Annotated[list[str] | None, typer.Option(
        "--format", "-f", show_default=False, help="Output format(s), as for render.")] = None,
    pipeline: PipelineOpt = "article",
    voices: VoicesOpt = "default",
    split_kb: Annotated[int, typer.Option(
        "--split-kb", min=0,
        help="Documents larger than this are spoken by all workers, in shards.")] = 64,
    report_file: Annotated[Path | None, typer.Option(
        "--report", show_default=False, help="Write per-document results as JSON.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")]
    = False,
) -> None:
    """Render many documents on Dask; skips those already up to date (exit 1 if any fail)."""
    import json
    import time

    from earmark import api
    from earmark.batch import report, run_batch

    api.settings(pipeline, voices)  # a bad recipe or casting fails here, once
    chosen = _formats(fmt or [])

    def shown(result, done: int, total: int) -> None:  # type: ignore[no-untyped-def]
        if not quiet and sys.stderr.isatty():
            typer.echo(f"[{done}/{total}] {result.status:<8} {result.slug}", err=True)

    started = time.perf_counter()
    results = run_batch(inputs, out, pipeline, voices, chosen, scheduler, shown, split_kb)
    summary = report(results, time.perf_counter() - started)
    if report_file:
        report_file.write_text(json.dumps(summary, indent=2), encoding="utf-8")
    if not quiet:
        for result in results:
            if result.status == "failed":
                typer.echo(f"failed: {result.error}")
        typer.echo(f"documents {summary['documents']}: rendered {summary['rendered']}, "
                   f"skipped {summary['skipped']}, failed {summary['failed']}; audio "
                   f"{summary['audio_hours']:.2f} h; {summary['seconds']:.1f} s")
    if summary["failed"]:
        raise typer.Exit(1)


cache_app = typer.Typer(help="The content-addressed cache of segments and encoded chunks.",
                        no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@cache_app.command("info", epilog="Example:  earmark cache info")
def cache_info() -> None:
    """Where the cache is and how much it holds."""
    from earmark.speak.cache import Cache, default_root

    cache = Cache(default_root())
    typer.echo(f"cache: {cache.root} (set EARMARK_CACHE_DIR to move it)")
    for kind, (count, size) in cache.info().items():
        typer.echo(f"  {kind:<9} {count:>7} files  {size / 1e6:9.1f} MB")


@cache_app.command("clear", epilog="Example:  earmark cache clear")
def cache_clear() -> None:
    """Delete every cached segment and chunk."""
    from earmark.speak.cache import Cache, default_root

    cache = Cache(default_root())
    typer.echo(f"freed {cache.clear() / 1e6:.1f} MB in {cache.root}")


@app.command(epilog="Example:  earmark clip output/library-vote --quote 2")
def clip(
    folder: Annotated[
        Path, typer.Argument(help="A rendered folder (OUT/<slug>).", show_default=False)
    ],
    chapter: Annotated[
        int | None,
        typer.Option("--chapter", min=1, show_default=False, help="Chapter number, from 1."),
    ] = None,
    quote: Annotated[
        int | None,
        typer.Option(
            "--quote", min=1, show_default=False, help="Quote number, from 1 (as in the plan)."
        ),
    ] = None,
    start: Annotated[
        str | None, typer.Option("--from", show_default=False, help="Start: seconds or mm:ss.")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", show_default=False, help="End: seconds or mm:ss.")
    ] = None,
    all_quotes: Annotated[bool, typer.Option("--all-quotes", help="One clip per quote.")] = False,
) -> None:
    """Cut embeddable clips: audio, captions and an HTML snippet each, in FOLDER/clips/."""
    from earmark.finished import clips
    from earmark.planning.manifest import load_manifest

    chosen = [
        chapter is not None,
        quote is not None,
        start is not None or end is not None,
        all_quotes,
    ]
    if sum(chosen) != 1:
        raise click.UsageError("give one of --chapter N, --quote N, --from S --to S, --all-quotes")
    manifest = load_manifest(folder)
    if chapter is not None:
        specs = [clips.chapter_clip(manifest, chapter)]
    elif quote is not None:
        specs = [clips.quote_clip(manifest, quote)]
    elif all_quotes:
        # quotes read within the narration ("“?” he asked.") have no clip of their own
        specs = [clips.quote_clip(manifest, n) for n in clips.spoken_quotes(manifest)]
    else:
        if start is None or end is None:
            raise click.UsageError("--from and --to go together")
        specs = [clips.range_clip(manifest, start, end)]
    for spec in specs:
        for path in clips.make_clip(folder, manifest, spec):
            typer.echo(str(path))


@app.command(epilog="Example:  earmark check output/library-vote")
def check(
    folder: Annotated[Path, typer.Argument(help="A rendered folder (OUT/<slug>).",
                                           show_default=False)],
) -> None:
    """Check a rendered folder: audio, chapters, tracks and manifest agree (exit 0 if so)."""
    from earmark.finished.check import check as run_check

    problems = run_check(folder)
    for problem in problems:
        typer.echo(f"problem: {problem}")
    if problems:
        raise typer.Exit(1)
    typer.echo(f"{folder}: audio, chapters, captions and manifest agree")


@app.command(epilog="Example:  earmark feed output --base-url https://example.org/audio")
def feed(
    out: Annotated[Path, typer.Argument(help="The output root holding rendered documents.",
                                        show_default=False)],
    base_url: Annotated[str, typer.Option("--base-url", help="Where OUT is published on the "
                                          "web (the enclosures' URLs start with it).",
                                          show_default=False)],
    title: Annotated[str | None, typer.Option("--title", help="The feed's title (default: "
                                              "the folder's name).", show_default=False)] = None,
    author: Annotated[str | None, typer.Option("--author", help="The feed's author (default: "
                                               "the documents' own, most frequent).",
                                               show_default=False)] = None,
    image: Annotated[str | None, typer.Option("--image", help="The feed's image: a URL, or a "
                                              "JPEG/PNG file published as OUT/feed-image.* "
                                              "(default: the newest document's cover).",
                                              show_default=False)] = None,
) -> None:
    """Write OUT/feed.xml: a podcast feed (RSS 2.0 + Podcasting 2.0) of the renders in OUT,
    with the clips cut from them as soundbites."""
    from earmark.finished.feed import write_feed

    typer.echo(write_feed(out, base_url, title, author, image))


@app.command(epilog="Example:  earmark preview output/library-vote --port 8000")
def preview(
    folder: Annotated[
        Path, typer.Argument(help="A rendered folder (OUT/<slug>) or OUT.", show_default=False)
    ],
    port: Annotated[int, typer.Option("--port", help="Port; 0 picks a free one.")] = 8000,
) -> None:
    """Serve the listening page on 127.0.0.1, with HTTP Range support so seeking works."""
    from earmark.errors import InputError
    from earmark.finished.preview import make_server

    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder")
    try:
        server = make_server(folder, port)
    except OSError as exc:
        raise InputError(f"cannot serve on 127.0.0.1:{port}: {exc.strerror}") from None
    page = "index.html" if (folder / "index.html").is_file() else ""
    typer.echo(
        f"Serving {folder} at http://127.0.0.1:{server.server_address[1]}/{page} (Ctrl-C to stop)"
    )
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def main() -> None:
    """The command line: runs a command; every failure is one line on stderr and an exit code
    (2 usage and input, 1 internal, naming the stage; 130 interrupted)."""
    # fewer collections while modules load and the plan is built; and none of the objects
    # left at the end are examined again as the interpreter exits (measured: 55 ms of a
    # 400-word article's 0.9 s render)
    gc.set_threshold(50_000, 20, 100)
    try:
        code = app(standalone_mode=False)
        if code == 130:  # Ctrl-C: typer returns click's "aborted" code without a word
            typer.echo("earmark: interrupted", err=True)
        if isinstance(code, int) and code:  # typer.Exit(n) comes back as a return value
            sys.exit(code)
    except typer.Abort:
        typer.echo("earmark: interrupted", err=True)
        sys.exit(130)
    except click.UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare `earmark`: the help, as --help
            typer.echo(exc.format_message())
            sys.exit(0)
        hint = f" (see earmark {exc.ctx.info_name} --help)" if exc.ctx else ""
        typer.echo(f"earmark: {exc.format_message()}{hint}", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        typer.echo(f"earmark: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except EarmarkError as exc:
        typer.echo(f"earmark: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("earmark: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # an internal failure: one line, or the traceback when asked
        if os.environ.get("EARMARK_DEBUG"):
            raise
        from earmark.errors import stage_of

        typer.echo(
            f"earmark: internal error in {stage_of(exc)}: {type(exc).__name__}: {exc} "
            "(set EARMARK_DEBUG=1 for the traceback)",
            err=True,
        )
        sys.exit(1)
    finally:
        gc.freeze()
