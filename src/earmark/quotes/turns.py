"""Turn-taking: who speaks a paragraph of dialogue that names no speaker.

Two people talk in turns. A paragraph that is all quotation and has no cue is spoken by:
1. the one the paragraph before spoke to ("Well, Marilla," / "said Alice to the Rabbit");
2. the speaker before last, when the last two paragraphs had two speakers;
3. after one turn only (narration before it), the other one of the conversation: the latest
   other person the narration just before names, else the latest other speaker nearby;
4. after narration, the person that narration was about.
No one addresses themselves: a turn that names its own guess as whom it speaks to ("Dear Miss
Woodhouse, ...") is the other one's. A run that nobody could start going forward ("The next
question was--") is filled in afterwards from the paragraphs after it (_turns_back).
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from earmark.quotes import cues
from earmark.quotes.marks import QuoteMarks
from earmark.quotes.speakers import Entity, gender_of, parse_name
from earmark.text import regexes as rx

if TYPE_CHECKING:
    from earmark.quotes.attribution import Attributed, _Context

_VOCATIVE_END = r"(?=\s*[,!?]|\s*\.\W*$|\W*$)"
_VOCATIVE_FIRST = rx.compile(rf"\W*(?P<name>{cues.NAME}){_VOCATIVE_END}")
_VOCATIVE = rx.compile(
    # "[,;!?]" as four literals, "\b(?:dear|...)" by at_word_start: so that a search skips to
    # where one can start, rather than trying every position of the quotation
    rf"(?:,\s+|;\s+|!\s+|\?\s+|"
    rf"{cues.at_word_start(('dear', 'my dear', 'Dear', 'My dear', 'Oh', 'O'))}\s+)"
    rf"(?P<name>{cues.NAME}){_VOCATIVE_END}"
)
"""A name a quotation addresses: at its start (_VOCATIVE_FIRST, tried first), after a comma,
semicolon, ! or ?, or after "dear", "Oh"."""
_TO_ADDRESSEE = rx.compile(rf",?\s+to\s+(?:the\s+)?(?P<name>{cues.NAME})")
_SCENE = 1500
"""How far back (characters) a person seen is still in the scene."""
_CONVERSATION_BLOCKS = 12
"""How many paragraphs back a conversation's other speaker is looked for."""


def vocatives(text: str) -> list[str]:
    """Names a quotation addresses ("Well, Watson," / "my dear Holmes!" / "Mr. D'Souza?")."""
    return [name for name, _ in _titled_vocatives(text)]


def _titled_vocatives(text: str) -> list[tuple[str, str | None]]:
    """vocatives, each with the gender its title says ("Mr. Martin": "male"), if any."""
    found = []
    first = _VOCATIVE_FIRST.match(text)
    matches = _VOCATIVE.finditer(text, first.end() if first else 0)
    for match in (first, *matches) if first else matches:
        if match.group("name").startswith("Poor ") or text[
                max(0, match.start("name") - 5) : match.start("name")].lower() == "poor ":
            continue  # “Poor Miss Taylor!”, “ah! poor Miss Taylor!”: pity for one not there
        parsed = parse_name(match.group("name"))
        if (
            parsed is not None
            and not parsed.organisation
            and not any(w.lower() in cues.ENGLISH.place_words for w in parsed.name)
            and (parsed.titles or _name_like(parsed.name[-1], match, text))
        ):
            found.append((parsed.name[-1], gender_of(parsed.titles)))
    return found


_NOT_NAME_END = ("ly", "ed", "ing")


def _name_like(word: str, match: re.Match[str], text: str) -> bool:
    """Whether an untitled word a quotation seems to address can be a name: not a word
    alone ( “Imitated.” , “Summarily,” ), not an adverb's or a verb's form, an abbreviation
    ("St.") or an emphasis ("In-_deed_") — unless a given name."""
    if word.lower() in cues.ENGLISH.female_names or word.lower() in cues.ENGLISH.male_names:
        return True
    alone = not text[: match.start("name")].strip(" “\"‘'") and not text[
        match.end("name") :].strip(" ,.!?;:—-”\"’'")
    return not alone and "_" not in word and not word.endswith(".") and not (
        word.lower().endswith(_NOT_NAME_END))


_THINKING = frozenset("thought thinks think mused muses reflected reflects wondered".split())
"""Verbs of a cue that make its quotation a thought: it speaks to no one there."""


def addressee(ctx: _Context, result: Attributed) -> Entity | None:
    """Whom a quotation speaks to: a name it addresses that is not its speaker's (nor of
    another gender than its title's), or the "to X" after its cue ("said Alice to the
    Rabbit"); no one for a thought (“Well done, Mrs. Martin!” thought Emma)."""
    if result.cue is not None and _THINKING.intersection(
            ctx.text[result.cue[0] : result.cue[1]].lower().split()):
        return None
    if result.cue is not None and result.cue[1] > result.quote.span[1]:
        to = _TO_ADDRESSEE.match(ctx.text, result.cue[1])
        if to is not None:
            found = ctx.registry.known(to.group("name"))
            if found is not None and found is not result.speaker:
                return found
    inner = ctx.text[result.quote.span[0] : result.quote.span[1]]
    for name, gender in _titled_vocatives(inner):
        found = ctx.registry.known(name)
        if found is not None and found is not result.speaker and (
            None in (gender, found.gender) or gender == found.gender
        ):  # "Mr. Martin" is not Mrs Martin
            return found
    return None


def note_turn(ctx: _Context, result: Attributed, number: int, opens: bool) -> None:
    """Count the evidence of turn-taking: a paragraph that opens with a quotation whose cue
    names another speaker than the cue of the paragraph before (dialogue) or the same one (a
    statement going on over paragraphs, as in news)."""
    if result.speaker is None or not result.how.startswith(("cue", "previous")):
        return
    if opens:
        before = ctx.cued.get(number - 1)
        if before is not None:
            if before is not result.speaker:
                ctx.replies += 1
            else:
                ctx.continued += 1
    ctx.cued[result.quote.last_block] = result.speaker


_QUESTIONS = 8
_QUESTION_SHARE = 0.1


def asks_questions(text: str, quotes: tuple[QuoteMarks, ...]) -> bool:
    """Whether a text's quotations often ask questions (at least `_QUESTIONS` of them, and a
    tenth): dialogue, as in a novel; a news story's quotations are statements."""
    asked = sum(1 for q in quotes if text.find("?", q.span[0], q.span[1]) >= 0)
    return asked >= _QUESTIONS and asked >= _QUESTION_SHARE * len(quotes)


def _dialogue(ctx: _Context) -> bool:
    """Whether tagless paragraphs of quotation take turns: in a text of questions (see
    asks_questions), or one that has so far shown more replies (note_turn) and quotations
    that address someone than statements going on, and at least three."""
    return ctx.dialogue or ctx.replies + len(ctx.addressees) > max(2, ctx.continued)


in_dialogue = _dialogue
"""_dialogue, for the rules of earmark.quotes.attribution."""

_GENDER = {"he": "male", "she": "female"}


def pronoun_turn(
    ctx: _Context, quote: QuoteMarks, number: int, cue: cues.Cue, speaker: Entity
) -> Entity:
    """The "he" or "she" of a quotation's cue in dialogue: the one the turn before spoke to
    when that one fits (“What a library you have, Mr. Darcy!” / “It ought to be good,” he
    replied); never the one this quotation addresses by name (“Are you in earnest,
    Marilla?” she demanded): then the latest other person who fits."""
    gender = _GENDER.get(cue.subject.lower())
    if gender is None:
        return speaker
    if _dialogue(ctx) and _opens_paragraph(ctx, quote, number):
        replied = ctx.addressees.get(number - 1)
        if replied is not None and replied.gender == gender and replied.may_speak:
            return replied
        if ctx.block_speakers.get(number - 1) is speaker:
            other = _alternate(ctx, number, speaker, gender)
            if other is not None:
                return other
    if _dialogue(ctx):
        speaker = _participant(ctx, number, speaker, gender)
    addressed = tuple(p for p in map(ctx.registry.known, _quoted_vocatives(ctx, quote))
                      if p is not None)
    if speaker not in addressed:
        return speaker
    position = cue.span[0]
    fits = [p for p in ctx.registry.people if p.gender == gender and p.may_speak
            and p not in addressed and position - _SCENE <= p.last_seen < position]
    if fits:  # of the people seen lately, the latest whose gender is known to fit
        return max(fits, key=lambda p: p.last_seen)
    other = ctx.registry.pronoun(position, cue.subject, addressed)
    return other if other is not None and other.may_speak else speaker


def _opens_paragraph(ctx: _Context, quote: QuoteMarks, number: int) -> bool:
    """Whether the quotation opens paragraph `number` (nothing but space before it)."""
    return not ctx.text[ctx.document.blocks[number].span[0] : quote.span[0]].strip()


def _alternate(ctx: _Context, number: int, speaker: Entity, gender: str) -> Entity | None:
    """Who answers `speaker`, the speaker of the paragraph before, in a paragraph that opens
    with “...,” said he: the speaker before (“This is Mr. Holmes.” / “A doctor, eh?” cried
    he), else the other one of the conversation, when the gender fits; a new paragraph is a
    new turn, whoever the narration's "He ..." sentences were about."""
    for other in (ctx.block_speakers.get(number - 2), _other_participant(ctx, number - 1,
                                                                          speaker)):
        if other is not None and other is not speaker and other.may_speak and (
                other.gender == gender) and not other.group:
            return other
    return None


def _participant(ctx: _Context, number: int, speaker: Entity, gender: str) -> Entity:
    """The "she" of a cue in a conversation, when the person it resolves to is neither named
    in this paragraph or the two before nor among the conversation's speakers (Mrs. Spencer,
    only talked about, whom the narration's "She ..." sentences kept as their subject): the
    one speaker of the conversation of that gender, if there is only one."""
    blocks = ctx.document.blocks
    if speaker.last_seen >= blocks[max(0, number - 2)].span[0]:
        return speaker
    talking: list[Entity] = []
    for back in range(number - 1, max(-1, number - 1 - _CONVERSATION_BLOCKS), -1):
        if blocks[back].kind == "heading":
            break
        other = ctx.block_speakers.get(back)
        if other is speaker:
            return speaker
        if other is not None and other.gender == gender and other.may_speak and (
                not other.group) and other not in talking:
            talking.append(other)
    return talking[0] if len(talking) == 1 else speaker


def description_turn(
    ctx: _Context, quote: QuoteMarks, number: int, speaker: Entity
) -> Entity:
    """The "the girl" or "the old gentleman" of a quotation's cue in dialogue, when the text
    has not tied it to anyone: the one the turn before spoke to by name, when the gender fits
    (“Was this boy after you, Jupe?” / “Yes, sir,” said the girl); that description then
    goes on meaning them while they are in the scene (_Context.described)."""
    if speaker.kind != "description" or not _dialogue(ctx):
        return speaker
    linked = ctx.described.get(speaker.canonical)
    if linked is not None and linked.last_seen >= quote.span[0] - _SCENE:
        return linked
    if not _opens_paragraph(ctx, quote, number):
        return speaker
    replied = ctx.addressees.get(number - 1)
    if replied is None or not replied.may_speak or replied.group or (
        None not in (speaker.gender, replied.gender) and speaker.gender != replied.gender
    ):
        return speaker
    age = _age(speaker.canonical)
    if ctx.ages.get(id(replied), age) != age:
        return speaker  # "the old gentleman" is not the boy the text called "the child"
    ctx.described[speaker.canonical] = replied
    if age is not None:
        ctx.ages[id(replied)] = age
    return replied


_YOUNG = frozenset("boy girl child lad lass youth kid infant baby".split())
_OLD = frozenset("old elderly aged gentleman".split())


def _age(description: str) -> str | None:
    """ "the child", "the young girl": "young"; "the old woman", "the second old gentleman":
    "old"; else None."""
    words = set(description.lower().split())
    if words & _YOUNG:
        return "young"
    return "old" if words & _OLD else None


def _has_word(text: str, word: str) -> bool:
    """Whether `word` stands in `text` as a word of its own ("Lee" not in "Leeds")."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if not (start and text[start - 1].isalnum()) and not (
                end < len(text) and text[end].isalnum()):
            return True
        start = text.find(word, start + 1)
    return False


def _quoted_vocatives(ctx: _Context, quote: QuoteMarks) -> list[str]:
    return vocatives(ctx.text[quote.span[0] : quote.span[1]])


def from_neighbours(ctx: _Context, quote: QuoteMarks, number: int) -> tuple[Entity | None, str]:
    """The speaker of paragraph `number`, all quotation and no cue, from the paragraphs before
    (see the module's docstring), and the rule that found it."""
    inner = ctx.text[quote.span[0] : quote.span[1]]
    speaker, how = _forwards(ctx, number, inner)
    if speaker is None or not _dialogue(ctx):
        return speaker, how
    addressed = {id(p) for p in map(ctx.registry.known, vocatives(inner)) if p is not None}
    if id(speaker) not in addressed:
        return speaker, how
    for other in (ctx.block_speakers.get(number - 1), ctx.block_speakers.get(number - 2),
                  _other_participant(ctx, number - 1, speaker)):
        if other is not None and id(other) not in addressed:
            return other, "addressed"
    return None, "addressed"


def _forwards(ctx: _Context, number: int, inner: str) -> tuple[Entity | None, str]:
    speakers = ctx.block_speakers
    replied = ctx.addressees.get(number - 1)
    if replied is not None and number - 1 in speakers:
        return replied, "reply"
    if number - 1 in speakers:
        last = speakers[number - 1]
        if not ctx.settings.dialogue_alternation or last is None:
            return last, "neighbours"
        before = speakers.get(number - 2)
        if before is not None and before is not last:
            return before, "neighbours"
        if not _dialogue(ctx):
            return last, "neighbours"
        return _other_participant(ctx, number - 1, last) or last, "other-turn"
    if number >= 1:
        start, end = ctx.document.blocks[number - 1].span
        people = [
            s for s in ctx.registry.speakers if s.kind == "person" and start <= s.last_seen < end
            and not s.plain_words  # "the hard Fact fellows": no one's name
        ]
        # no one names themselves: “Poor Miss Taylor!--I wish she were here” is not hers
        people = [p for p in people if not (p.last and _has_word(inner, p.last))] or people
        if people:
            return max(people, key=lambda p: (bool(p.titles or p.spoke), p.last_seen)), (
                "neighbours")
    return None, "neighbours"


def _other_participant(ctx: _Context, number: int, speaker: Entity) -> Entity | None:
    """Whom `speaker` (of paragraph `number`) most likely talks to: the latest other person
    the narration of that paragraph and the one before names, else the latest other speaker
    of the paragraphs before (up to `_CONVERSATION_BLOCKS`, not past a heading)."""
    blocks = ctx.document.blocks
    start, end = blocks[max(0, number - 1)].span[0], blocks[number].span[1]
    people = [p for p in ctx.registry.people if start <= p.last_seen < end and p.may_speak
              and p.personal and p is not speaker and not p.group]
    if people:
        return max(people, key=lambda p: p.last_seen)
    for back in range(number - 1, max(-1, number - 1 - _CONVERSATION_BLOCKS), -1):
        if blocks[back].kind == "heading":
            break
        other = ctx.block_speakers.get(back)
        if other is not None and other is not speaker:
            return other
    return None


_TURN_RULES = frozenset(("neighbours", "reply", "other-turn", "addressed"))


def turns_back(ctx: _Context, results: list[Attributed]) -> None:
    """A run of tagless dialogue that turn-taking could not start (nobody named before it:
    "The next question was--"), from the paragraphs after it, last to first: the one the
    next paragraph speaks to ("Dear Miss Woodhouse, ..."), else the speaker after next."""
    speakers = ctx.block_speakers
    if not _dialogue(ctx):
        return
    for index in range(len(results) - 1, -1, -1):
        result = results[index]
        if result.speaker is not None or result.how not in _TURN_RULES:
            continue
        number = result.quote.last_block
        after = speakers.get(number + 1)
        if after is None:
            continue
        found = ctx.addressees.get(number + 1)
        if found is None or found is after:
            found = speakers.get(number + 2)
        if found is None or found is after:
            continue
        results[index] = dataclasses.replace(result, speaker=found, how="turns-back")
        speakers[number] = found
