"""Answers that name their speaker: “What is your name?” / “Rosa Venn,” faltered the child.

A paragraph that opens with a name, in reply to a turn that asked for one, is spoken by the
person so named; the description that spoke it (“the child”), and the one who spoke the turn
before the question (the one it was put to), are that person, in their quotations before and
after. The answer reads as speech even when its cue is no verb of speaking ("faltered forth
the owner of that name").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from earmark.quotes import cues
from earmark.quotes.speakers import Entity, parse_name
from earmark.text import regexes as rx

if TYPE_CHECKING:
    from earmark.quotes.attribution import Attributed, _Context

_ASKS_NAME = rx.compile(
    rf"{cues.at_word_start(('your name', 'Your name', 'who are you', 'Who are you'))}"
    r"[^.!\"“”]*\?"
)
"""A question that asks for the name of the one it is put to."""
_ANSWER = rx.compile(rf"\W*(?P<name>{cues.NAME})\s*(?:[,.!;—]|-|\W*$)")
"""A quotation that opens with a name (the answer)."""


def _asked_for_name(ctx: _Context, number: int) -> bool:
    """Whether paragraph `number` is a turn that asks for someone's name."""
    if number < 0 or number not in ctx.block_speakers:
        return False
    start, end = ctx.document.blocks[number].span
    return _ASKS_NAME.search(ctx.text, start, end) is not None


def _answer_name(ctx: _Context, result: Attributed) -> Entity | None:
    """The person the quotation's opening name names, when it is a full or titled name."""
    inner = ctx.text[result.quote.span[0] : result.quote.span[1]]
    found = _ANSWER.match(inner)
    if found is None:
        return None
    parsed = parse_name(found.group("name"), ctx.registry.extra_titles)
    if parsed is None or parsed.organisation or not (parsed.titles or len(parsed.name) >= 2):
        return None
    if ctx.registry.common_word(parsed.name[0]) and not parsed.titles:
        return None
    person = ctx.registry.name(found.group("name"), result.quote.span[0] + found.start("name"))
    return person if person is not None and person.may_speak else None


def named_answer(
    ctx: _Context, result: Attributed, number: int,
    rename: Callable[[_Context, Entity, Entity], None],
) -> Attributed:
    """`result`, a quotation opening paragraph `number` in dialogue, given to the person it
    names when the paragraph before asked for a name; descriptions renamed by `rename`."""
    if not _asked_for_name(ctx, number - 1):
        return result
    person = _answer_name(ctx, result)
    asker = ctx.block_speakers.get(number - 1)
    if person is None or person is asker:
        return result
    for described in (result.speaker, ctx.block_speakers.get(number - 2)):
        if described is not None and described is not asker and described is not person and (
                described.kind == "description") and not any(
                    start <= result.quote.span[0] < end
                    for _, start, end in ctx.renamed.get(id(described), ())):
            rename(ctx, described, person)
    return dataclasses.replace(result, speech=True, speaker=person, how="named-answer")
