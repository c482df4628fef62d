"""The content-addressed cache: synthesised segments and encoded chunks.

A segment's key is a hash of everything its audio depends on: the engine and its version, the
voice settings and the spoken text. An encoded chunk's key is a hash of the encoder settings and
the exact layout of the audio it encodes. Entries are written to a temporary name and renamed
into place, so concurrent renders can share one cache and a reader never sees half a file.

Location: $EARMARK_CACHE_DIR, else $XDG_CACHE_HOME/earmark, else ~/.cache/earmark.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

KINDS = ("segments", "chunks")


def default_root() -> Path:
    if os.environ.get("EARMARK_CACHE_DIR"):
        return Path(os.environ["EARMARK_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "earmark"


def key_of(*parts: object) -> str:
    """A stable hash of JSON-serialisable parts."""
    blob = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


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
        """A fresh temporary path next to where the entry will live (same file system)."""
        folder = self.path(kind, key, suffix).parent
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{key[:16]}.", suffix=f"{suffix}.partial",
                                        dir=folder)
        os.close(handle)
        return Path(name)

    def put(self, kind: str, key: str, suffix: str, produced: Path) -> Path:
        """Move a finished file into the cache atomically; return its cached path."""
        target = self.path(kind, key, suffix)
        target.parent.mkdir(parents=True, exist_ok=True)
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
        return freed
