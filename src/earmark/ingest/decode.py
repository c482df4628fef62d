"""Bytes -> text: the encoding a file is in, and a note of what was chosen when it is not UTF-8.

In order: `--encoding` (or the recipe's `[ingest] encoding`) when given; a byte-order mark
(UTF-8, UTF-16); UTF-8 when the bytes are valid UTF-8 (a legacy encoding would rarely be);
the file's own declaration (Project Gutenberg's "Character set encoding: ISO-8859-1", HTML's
`<meta charset>`, an XML declaration); else charset-normalizer's detection. Data with NUL
bytes (and no UTF-16 mark) is binary and refused. Line ends are left as they are (CRLF and
CR count as whitespace for every reader), so spans index the file's characters.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from earmark.errors import InputError
from earmark.text import regexes as rx

_HEAD = 8192
"""Declarations are looked for in this many leading bytes (Gutenberg's is in the header)."""

_DECLARATIONS = (
    ("Character set encoding", rx.compile(
        rb"^[ \t]*Character set encoding:[ \t]*([A-Za-z][\w.:-]*)", re.MULTILINE | re.IGNORECASE)),
    ("<meta charset>", rx.compile(
        rb"<meta\s[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z][\w.:-]*)", re.IGNORECASE)),
    ("XML declaration", rx.compile(
        rb"<\?xml\s[^>]*?encoding\s*=\s*[\"']([A-Za-z][\w.:-]*)[\"']", re.IGNORECASE)),
)

# Labels that browsers (WHATWG Encoding) read as windows-1252: files that say "ISO-8859-1"
# are very often written in its superset, with curly quotes at 0x91-0x94.
_AS_WINDOWS_1252 = frozenset({"latin_1", "ascii", "cp1252"})
_WESTERN = ("cp1252", "latin_1", "iso8859_15")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    """Python's name of the codec used, e.g. "utf-8", "cp1252"."""
    note: str | None = None
    """What was chosen and why, when the text was not plain UTF-8 (for Document.warnings)."""


def check_encoding(name: str) -> str:
    """The codec's canonical name, or one clear error for a name Python does not know."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise InputError(
            f"unknown encoding '{name}' (use a name such as utf-8, latin-1, cp1252, utf-16)"
        ) from None


def decode_bytes(data: bytes, path: str, forced: str = "") -> Decoded:
    if forced:
        codec = check_encoding(forced)
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{path}: not valid {forced} (byte 0x{data[exc.start]:02x} at offset {exc.start})"
            ) from None
        return Decoded(text.removeprefix("\ufeff"), codec, f"decoded as {codec} (--encoding)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its byte-order mark
        try:
            return Decoded(data.decode("utf-16"), "utf-16", "decoded as UTF-16 (byte-order mark)")
        except UnicodeDecodeError:
            raise InputError(f"{path}: starts as UTF-16 but is not valid UTF-16") from None
    if b"\0" in data[:4096]:
        raise InputError(f"{path}: looks like binary data, not text (it has NUL bytes)")
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    declared = _declared(data[:_HEAD])
    if declared:
        where, label, codec = declared
        if codec in _AS_WINDOWS_1252:
            codec = "cp1252" if re.search(rb"[\x80-\x9f]", data) else "latin_1"
        text = _try(data, codec)
        if text is None and codec == "cp1252":  # bytes cp1252 leaves undefined
            codec, text = "latin_1", data.decode("latin_1")
        if text is not None:  # else a wrong declaration: detect instead
            return Decoded(text, codec, f"decoded as {codec}: the file declares "
                                        f"{label} ({where}); it is not UTF-8")
    detected = _detect(data)
    if detected is None:
        raise InputError(
            f"{path}: not valid UTF-8 (byte 0x{data[first_bad]:02x} at offset {first_bad}) "
            "and its encoding could not be detected; pass --encoding NAME"
        )
    text, codec = detected
    return Decoded(text, codec, f"decoded as {codec}: not UTF-8 and no declaration, so "
                                "detected by charset-normalizer (--encoding NAME forces one)")


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _declared(head: bytes) -> tuple[str, str, str] | None:
    for where, pattern in _DECLARATIONS:
        match = pattern.search(head)
        if match:
            label = match.group(1).decode("ascii")
            try:
                return where, label, codecs.lookup(label).name
            except LookupError:
                continue
    return None


def _detect(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's best guess; among guesses it finds about as clean (within 0.05 of
    "chaos": short texts decode cleanly in a dozen code pages), a Western European one, the
    most common legacy encoding of books and pages."""
    from charset_normalizer import from_bytes  # 40 ms to import: only for non-UTF-8 input

    results = list(from_bytes(data))
    if not results:
        return None
    best = min(r.chaos for r in results)
    tied = [r for r in results if r.chaos <= best + 0.05]
    for codec in _WESTERN:
        for result in tied:
            if codec in result.could_be_from_charset:
                return data.decode(codec), codec
    chosen = min(results, key=lambda r: r.chaos)
    return str(chosen), codecs.lookup(chosen.encoding).name
