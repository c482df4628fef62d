"""Front matter of Markdown as static-site generators keep it: YAML between `---` lines or TOML
between `+++` lines, at the very start of the file.

It is never read aloud (the Markdown reader reports it as dropped "front matter"); its title,
author(s), date, language and publisher describe the document (title, language, the audio
tags). Front matter is usually flat `key: value` lines, which a small parser here reads
(PyYAML alone takes ~30 ms to import, as much as the rest of `earmark plan`); anything it does
not know (block scalars, anchors, nested structures) goes to PyYAML, imported then.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from earmark.text import regexes as rx

_YAML = rx.compile(r"\A\ufeff?---[ \t]*\r?\n(?:(.*?)\r?\n)??(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)",
                   re.DOTALL)
_TOML = rx.compile(r"\A\ufeff?\+\+\+[ \t]*\r?\n(?:(.*?)\r?\n)??\+\+\+[ \t]*(?:\r?\n|\Z)",
                   re.DOTALL)


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """What the front matter says about the document; every field may be unknown."""

    source: str
    """The front matter as written, its delimiters included."""
    title: str | None = None
    author: str | None = None
    """One name, or several joined with ", "."""
    date: str | None = None
    """As written (an ISO date or date-time)."""
    language: str | None = None
    """BCP 47 ("en-US"); a locale written "en_US" is given with a hyphen."""
    publisher: str | None = None
    description: str | None = None
    tags: tuple[str, ...] = ()
    warning: str | None = None
    """Why the front matter could not be read (it is still not read aloud)."""


def split(text: str) -> tuple[FrontMatter | None, str]:
    """The front matter at the start of `text` (or None) and the Markdown after it."""
    for pattern, parse in ((_YAML, _yaml), (_TOML, _toml)):
        match = pattern.match(text)
        if match is None:
            continue
        try:
            data = parse(match.group(1) or "")
        except Exception as exc:  # a syntax error in it: still front matter, never read
            kind = "YAML" if parse is _yaml else "TOML"
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            return FrontMatter(match.group(0).strip(), warning=f"front matter is not valid "
                               f"{kind} ({first}): its title, author and date are not used"), \
                text[match.end():]
        if data is None:
            data = {}
        if not isinstance(data, dict):  # "---", a line of text, "---": a rule and a heading
            return None, text
        return _fields(match.group(0).strip(), data), text[match.end():]
    return None, text


def _fields(source: str, data: dict[str, Any]) -> FrontMatter:
    lowered = {str(k).lower(): v for k, v in data.items()}

    def first(*keys: str) -> Any:
        return next((lowered[k] for k in keys if lowered.get(k) not in (None, "", [])), None)

    language = _scalar(first("lang", "language", "locale", "languagecode"))
    return FrontMatter(
        source,
        title=_scalar(first("title")),
        author=_names(first("author", "authors", "creator", "byline")),
        date=_scalar(first("date", "published", "pubdate", "publishdate", "date_published")),
        language=language.replace("_", "-") if language else None,
        publisher=_names(first("publisher", "site_name")),
        description=_scalar(first("description", "summary", "excerpt", "subtitle")),
        tags=tuple(_scalar(t) or "" for t in _as_list(first("tags", "keywords"))
                   if _scalar(t)),
    )


def _scalar(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    text = " ".join(str(value).split())
    return text or None


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v for v in re.split(r"\s*,\s*", value) if v]
    return list(value) if isinstance(value, list | tuple) else [value]


def _names(value: Any) -> str | None:
    """"Ada Lin", ["Ada Lin", "Bo Chen"], {name: Ada Lin} or [{name: Ada Lin}, ...]."""
    items = value if isinstance(value, list | tuple) else [value]
    names = []
    for item in items:
        if isinstance(item, dict):
            item = {str(k).lower(): v for k, v in item.items()}.get("name")
        name = _scalar(item)
        if name:
            names.append(name)
    return ", ".join(names) or None


def _toml(body: str) -> dict[str, Any]:
    import tomllib

    return tomllib.loads(body)


# -- YAML: the flat subset front matter uses, else PyYAML ---------------------------------

_KEY = rx.compile(r"([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$")
_ITEM = rx.compile(r"[ \t]+-[ \t]+(.*?)[ \t]*$|-[ \t]+(.*?)[ \t]*$")
_PLAIN = rx.compile(r"[^\s\"'&*!|>%@`{\[#-][^#]*?|-[^\s#][^#]*?")  # an unquoted scalar


class _NotFlat(Exception):
    """The small parser does not read this: PyYAML does."""


def _yaml(body: str) -> dict[str, Any]:
    try:
        return _flat_yaml(body)
    except _NotFlat:
        import yaml

        return yaml.safe_load(body)


def _flat_yaml(body: str) -> dict[str, Any]:
    data: dict[str, Any] = {}
    key: str | None = None
    for line in body.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _KEY.fullmatch(line)
        if match:
            key = match.group(1)
            if key in data:
                raise _NotFlat
            data[key] = _flat_value(match.group(2)) if match.group(2) else None
            continue
        item = _ITEM.fullmatch(line)
        if item and key is not None and (data[key] is None or isinstance(data[key], list)):
            data[key] = [*(data[key] or []), _flat_value(item.group(1) or item.group(2))]
            continue
        raise _NotFlat
    return data


def _flat_value(raw: str) -> Any:
    raw = re.sub(r"[ \t]+#.*$", "", raw) if not raw.startswith(("'", '"')) else raw
    if len(raw) >= 2 and raw[0] == raw[-1] == '"' and "\\" not in raw and '"' not in raw[1:-1]:
        return raw[1:-1]
    if len(raw) >= 2 and raw[0] == raw[-1] == "'" and "'" not in raw[1:-1].replace("''", ""):
        return raw[1:-1].replace("''", "'")
    if raw.startswith("[") and raw.endswith("]") and not re.search(r"[\[\]{}\"']", raw[1:-1]):
        return [v.strip() for v in raw[1:-1].split(",") if v.strip()]
    if _PLAIN.fullmatch(raw) and ": " not in raw:
        return raw
    raise _NotFlat
