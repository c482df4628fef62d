"""Finding recipes (pipeline/*.toml) and casting files (voices/*.toml) by name or path.

A name is looked up as ./<kind>/NAME.toml, then in the packaged defaults; a path is used as
given.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from earmark.errors import ConfigError

_PACKAGE = Path(__file__).resolve().parents[1]  # src/earmark (or the installed earmark/)


def packaged_dir(kind: str) -> Path:
    """The defaults shipped with earmark: inside the wheel, or the source checkout's folder."""
    installed = _PACKAGE / "_data" / kind
    if installed.is_dir():
        return installed
    return _PACKAGE.parents[1] / kind


def locate(kind: str, name_or_path: str) -> Path:
    """Resolve a recipe or voices reference to a file, or fail naming where it looked."""
    candidate = Path(name_or_path)
    if candidate.suffix == ".toml" or "/" in name_or_path or candidate.is_file():
        if candidate.is_file():
            return candidate
        raise ConfigError(f"{name_or_path}: no such {kind} file")
    tried = [
        Path.cwd() / kind / f"{name_or_path}.toml",
        packaged_dir(kind) / f"{name_or_path}.toml",
    ]
    for path in tried:
        if path.is_file():
            return path
    available = sorted(
        {p.stem for d in {t.parent for t in tried} if d.is_dir() for p in d.glob("*.toml")}
    )
    raise ConfigError(
        f"no {kind} named '{name_or_path}' (available: {', '.join(available) or 'none'})"
    )


def load_toml(path: Path) -> dict[str, Any]:
    """A TOML file, or ConfigError naming the file and the line of a syntax error."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc
