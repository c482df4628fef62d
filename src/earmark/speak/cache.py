"""The content-addressed cache: synthesised segments and encoded chunks (and, beside them, the
programs of compiled regular expressions: text.regexes).

A segment's key is a hash of everything its audio depends on: the engine and its version, the
voice settings and the spoken text. An encoded chunk's key is a hash of the encoder settings and
the exact layout of the audio it encodes. Entries are written to a temporary name and renamed
into place, so concurrent renders can share one cache and a reader never sees half a file.

Location: $EARMARK_CACHE_DIR, else $XDG_CACHE_HOME/earmark, else ~/.cache/earmark.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

KINDS = ("segments", "chunks", "patterns")
"""Synthesised segments, encoded chunks, and compiled regular expressions (text.regexes)."""


def default_root() -> Path:
    """The segment cache's folder: $EARMARK_CACHE_DIR, else $XDG_CACHE_HOME/earmark, else
    ~/.cache/earmark."""
    if os.environ.get("EARMARK_CACHE_DIR"):
        return Path(os.environ["EARMARK_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "earmark"


def key_of(*parts: object) -> str:
    """A stable hash of JSON-serialisable parts."""
    blob = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


_SERIAL = itertools.count()
_MADE: set[Path] = set()
"""Cache folders this process has made (or found): a segment costs no mkdir."""


def _folder(folder: Path) -> Path:
    if folder not in _MADE:
        folder.mkdir(parents=True, exist_ok=True)
        _MADE.add(folder)
    return folder


@dataclass(frozen=True, slots=True)
class Cache:
    root: Path
    enabled: bool = True

    def path(self, kind: str, key: str, suffix: str) -> Path:
        return self.root / kind / key[:2] / f"{key}{suffix}"

    def get(self, kind: str, key: str, suffix: str) -> Path | None:
        if not self.enabled:
            return None
        path = self.path(kind, key, suffix)
        return path if path.is_file() and path.stat().st_size > 0 else None

    def scratch(self, kind: str, key: str, suffix: str) -> Path:
        """A fresh empty file next to where the entry will live (same file system), named for
        this process (concurrent renders never share one)."""
        folder = _folder(self.path(kind, key, suffix).parent)
        while True:
            name = folder / f".{key[:16]}.{os.getpid()}.{next(_SERIAL)}{suffix}.partial"
            try:
                os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:  # left by a killed process whose pid this one reuses
                continue
            except FileNotFoundError:  # the cache was cleared meanwhile
                folder.mkdir(parents=True, exist_ok=True)
                continue
            return name

    def put(self, kind: str, key: str, suffix: str, produced: Path) -> Path:
        """Move a finished file into the cache atomically; return its cached path."""
        target = self.path(kind, key, suffix)
        _folder(target.parent)
        os.replace(produced, target)
        return target

    def info(self) -> dict[str, tuple[int, int]]:
        """Entries and bytes per kind."""
        result = {}
        for kind in KINDS:
            files = [p for p in (self.root / kind).rglob("*") if p.is_file()
                     and not p.name.endswith(".partial")]
            result[kind] = (len(files), sum(p.stat().st_size for p in files))
        return result

    def clear(self) -> int:
        """Remove every entry; return the bytes freed."""
        freed = sum(size for _, size in self.info().values())
        for kind in KINDS:
            shutil.rmtree(self.root / kind, ignore_errors=True)
        _MADE.clear()
        return freed
