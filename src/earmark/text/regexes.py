"""Regular expressions compiled once per machine rather than once per run.

Python parses and compiles a pattern's text anew in every process; the quote stage's cue
patterns (long alternations of the verbs of speaking) and the module-level patterns of the
ingest, text and quote stages took a sixth of `earmark plan`'s time on a book that way.
`compile` keeps what CPython's compiler makes of a pattern (its program for the `_sre` engine)
in the cache folder (speak.cache.default_root(), `patterns/`), one file per interpreter
version, and builds the same pattern from it in later runs, without parsing. Modules use it as
`rx.compile` (from earmark.text import regexes as rx), in place of `re.compile`.

A program is stored only after it has been checked: the pattern rebuilt from it compares equal
to the one `re.compile` made (CPython's patterns are equal when their text, flags and program
are). Anything unexpected (another implementation of Python, a file from another interpreter,
a damaged or unwritable file) means the ordinary `re.compile`, so the result is the same
pattern either way. New programs are written when the process exits, atomically.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

try:
    import _sre
    from re import _compiler, _parser

    _FORMAT: tuple[Any, ...] | None = (sys.version, _sre.MAGIC, _sre.CODESIZE, 1)
    if sys.implementation.name != "cpython" or not hasattr(_compiler, "_code"):
        _FORMAT = None
except ImportError:  # pragma: no cover - another Python
    _FORMAT = None

_Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
"""What `_sre.compile` takes after the pattern's text: flags, code, groups, group index and
index of groups."""

_store: dict[tuple[str, int], _Program] | None = None
"""The stored programs, least recently used first."""
_new: dict[tuple[str, int], _Program] = {}
_KEEP = 400
"""Programs kept at most (the default recipe has about 30; each changed list of speech verbs
adds its own)."""


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags), from the stored program when there is one."""
    if _FORMAT is None or flags & re.DEBUG:
        return re.compile(pattern, flags)
    store = _store if _store is not None else _load()
    flags = int(flags)
    program = store.pop((pattern, flags), None)
    if program is not None:
        store[(pattern, flags)] = program  # the most recently used last
        try:
            return _sre.compile(pattern, *program)
        except Exception:
            pass
    compiled = re.compile(pattern, flags)
    program = _program(pattern, flags, compiled)
    if program is not None:
        if not _new:
            atexit.register(save)
        _new[(pattern, flags)] = program
        store[(pattern, flags)] = program
    return compiled


def _program(pattern: str, flags: int, compiled: re.Pattern[str]) -> _Program | None:
    """The `_sre` program of a pattern (as re._compiler.compile makes it), if the pattern it
    builds equals `compiled`."""
    try:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        program = (int(flags | parsed.state.flags), [int(c) for c in code], parsed.state.groups - 1,
                   groupindex, tuple(indexgroup))
        return program if _sre.compile(pattern, *program) == compiled else None
    except Exception:
        return None


def path() -> Path:
    """The file of this interpreter's stored programs."""
    from earmark.speak.cache import default_root

    version = f"{sys.implementation.cache_tag}"
    return default_root() / "patterns" / f"{version}.pickle"


def _load() -> dict[tuple[str, int], _Program]:
    global _store
    _store = {}
    try:
        with path().open("rb") as handle:
            stored_format, programs = pickle.load(handle)
        if stored_format == _FORMAT and isinstance(programs, dict):
            _store = programs
    except Exception:
        pass
    return _store


def save() -> None:
    """Write the stored programs with the ones this process made (at exit)."""
    if not _new or _store is None:
        return
    target = path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=target.parent, delete=False,
                                         suffix=".partial") as handle:
            kept = dict(list(_store.items())[-_KEEP:])
            pickle.dump((_FORMAT, kept), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, target)
    except Exception:  # a cache that cannot be written is only slower
        with contextlib.suppress(OSError, NameError):
            os.unlink(handle.name)
    _new.clear()
