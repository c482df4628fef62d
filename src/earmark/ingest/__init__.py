"""Readers: an input file becomes a Document (text, title, language, blocks).

One table maps file extensions to readers; it drives both validation and `--help`.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import replace
from pathlib import Path

from earmark.config.recipe import IngestSettings
from earmark.errors import InputError
from earmark.ingest.chrome import drop_chrome
from earmark.ingest.decode import Decoded, decode_bytes
from earmark.model import Document

# extension -> reader module (imported when first needed: bs4 alone takes 0.1 s to import)
READERS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".epub": "epub",
}
# A reader module has read(text, path, settings) over the decoded text, or, for a binary
# format (EPUB: a zip), read_file(path, settings) over the file itself.


def decode(path: Path, encoding: str = "") -> Decoded:
    """The file's text (see ingest/decode.py), or one clear error."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a document") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    return decode_bytes(data, str(path), encoding)


def read_document(path: Path, settings: IngestSettings) -> Document:
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a document")
    suffix = path.suffix.lower()
    if suffix not in READERS:
        raise InputError(
            f"{path}: unsupported file type '{suffix or '(none)'}' "
            f"(earmark reads {', '.join(READERS)})"
        )
    module = importlib.import_module(f"earmark.ingest.{READERS[suffix]}")
    if hasattr(module, "read_file"):  # a binary container (EPUB) reads the file itself
        document = module.read_file(path, settings)
    else:
        decoded = decode(path, settings.encoding)
        document = module.read(decoded.text, str(path), settings)
        if decoded.note:
            document = replace(document, warnings=(decoded.note, *document.warnings))
    if settings.language:
        document = replace(document, language=settings.language)
    return drop_chrome(document, settings.drop)


def title_from_path(path: str) -> str:
    stem = Path(path).stem
    words = re.sub(r"[-_]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else "Untitled"
