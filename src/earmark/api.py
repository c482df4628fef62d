"""The Python API: what `earmark plan` and `earmark render` do, for a program that calls
earmark without the command line (a publishing system, a notebook). The command line is a thin
layer over these functions; both raise earmark.errors.EarmarkError subclasses (InputError for
bad input or configuration) and never print.

    import earmark
    plan = earmark.plan("article.md")                  # the typed narration plan, no audio
    done = earmark.render("article.md", "public/audio", formats=("mp3", "m4b"))
    print(done.folder, done.duration_ms)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from earmark.config.formats import FORMATS
from earmark.errors import InputError

if TYPE_CHECKING:
    from earmark.config.casting import Casting
    from earmark.config.recipe import Recipe
    from earmark.model import Plan
    from earmark.progress import Silent
    from earmark.rendering import Rendered


def settings(pipeline: str = "article", voices: str = "default", language: str | None = None,
             encoding: str | None = None) -> tuple[Recipe, Casting]:
    """The recipe and casting file by name (./pipeline/NAME.toml, then the packaged ones) or
    path, with the document's language or its character encoding forced when given."""
    from earmark.config.casting import load_casting
    from earmark.config.recipe import load_recipe

    recipe = load_recipe(pipeline)
    if language:
        recipe = dataclasses.replace(
            recipe, ingest=dataclasses.replace(recipe.ingest, language=language))
    if encoding:
        from earmark.ingest.decode import check_encoding

        check_encoding(encoding)
        recipe = dataclasses.replace(
            recipe, ingest=dataclasses.replace(recipe.ingest, encoding=encoding))
    return recipe, load_casting(voices)


def plan(source: str | Path, *, pipeline: str = "article", voices: str = "default",
         language: str | None = None, encoding: str | None = None) -> Plan:
    """The narration plan of a document (chapters, speakers, quotes, segments, what is
    dropped), as `earmark plan` shows it; no audio is made and the engine is not started."""
    from earmark.planning.build import plan_file

    recipe, casting = settings(pipeline, voices, language, encoding)
    return plan_file(Path(source), recipe, casting)


def render(source: str | Path, out: str | Path = "output", *,
           formats: Sequence[str] | None = None, pipeline: str = "article",
           voices: str = "default", language: str | None = None,
           encoding: str | None = None, jobs: int | None = None,
           use_cache: bool = True, progress: Silent | None = None,
           cover: str | Path | None = None) -> Rendered:
    """Render a document into OUT/<slug>/ as `earmark render` does: audio in each of
    `formats` (default: the recipe's), the manifest, captions, chapters and the listening page.
    `jobs` is the number of synthesis processes (default: the CPU count); `cover` a JPEG or PNG
    image for the audio's cover art (default: the document's own, e.g. an EPUB's)."""
    from earmark.rendering import render as render_document
    from earmark.speak.workers import default_jobs

    recipe, casting = settings(pipeline, voices, language, encoding)
    chosen = tuple(dict.fromkeys(f.lower() for f in formats or recipe.export.default_formats()))
    unknown = [name for name in chosen if name not in FORMATS]
    if unknown:
        raise InputError(f"unknown format {unknown[0]!r} (earmark writes {', '.join(FORMATS)})")
    if jobs is not None and jobs < 1:
        raise InputError(f"jobs must be at least 1, not {jobs}")
    return render_document(Path(source), Path(out), recipe, casting, chosen,
                           jobs or default_jobs(), progress, use_cache=use_cache,
                           cover=Path(cover) if cover else None)
