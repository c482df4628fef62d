"""The plan's promise: every non-whitespace character is spoken or reported as dropped.

Segment and dropped spans, in order, never overlap and together cover every non-whitespace
character of the text.
"""

from __future__ import annotations

from collections.abc import Iterable

from earmark.model import Span


def coverage_problems(text: str, spoken: Iterable[Span], dropped: Iterable[Span]) -> list[str]:
    """Everything wrong with how the spans cover the text (an empty list when all is well)."""
    problems: list[str] = []
    spans = sorted(
        [(tuple(s), "segment") for s in spoken] + [(tuple(d), "dropped") for d in dropped]
    )
    cursor = 0
    for (start, end), kind in spans:
        if not 0 <= start < end <= len(text):
            problems.append(f"{kind} span [{start}, {end}) is empty or outside the text")
            continue
        if start < cursor:
            problems.append(f"{kind} span [{start}, {end}) overlaps the previous span")
        gap = text[cursor:start]
        if gap.strip():
            problems.append(
                f"characters {cursor}-{start} {gap.strip()[:40]!r} are neither spoken nor dropped"
            )
        cursor = max(cursor, end)
    tail = text[cursor:]
    if tail.strip():
        problems.append(
            f"characters {cursor}-{len(text)} {tail.strip()[:40]!r} are neither spoken nor dropped"
        )
    return problems
