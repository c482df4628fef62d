"""Which quotations are speech, and who speaks each one.

In reading order, each quotation takes its speaker from, in turn:
1. its own cue: "said X" / "X said" right after it, or "X warned:", "according to X", "X:" or
   "X said that ..." before it in the same sentence;
2. an earlier quotation of the same paragraph ("“A,” said X. “B.”");
3. for a paragraph that is all quotation: the cue of a previous paragraph ending in a colon
   ("..., warned Secretary Blinken:"), which holds for the paragraphs of quotation after it;
   in running dialogue, turn-taking (earmark.quotes.turns: whom the turn before spoke to, the
   speaker before last, the other one of the conversation); else the person the previous
   paragraph of narration was about.
A quotation with a speaker is speech. One without is speech only when it reads like speech
(a whole sentence, a whole paragraph, or at least `unattributed_min_words` words); scare
quotes, titles and coined terms are not, and stay with the narrator. Nor is a quotation without
a cue that opens a paragraph indented in a text whose paragraphs are not (a letter, a verse or
an inscription shown), unless the narration before it introduces it as sung, recited or read
("... began in a trembling voice:--"); nor, in a text of dialogue, a paragraph of quotation
after narration ending in a colon with no such words ("the page at which it always opened:"),
or a letter: paragraphs of quotation that close with a valediction ("Yours ever,").
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import islice

from earmark.config.recipe import QuoteSettings
from earmark.model import Block, Document, Span, quick_init
from earmark.quotes import answers, cues, turns
from earmark.quotes.marks import QuoteMarks
from earmark.quotes.mentions import MentionFeed, Prepared
from earmark.quotes.speakers import Entity, Registry, opening_word, parse_name
from earmark.text import regexes as rx

_WORD = rx.compile(r"\w+")
_LOCATED = rx.compile(
    cues.at_word_start(
        ("in\\s+the", "near\\s+the", *"in at near into across outside inside throughout around"
         .split()))
    + rf"\s+((?!(?:The|A|An)\b){cues.NAME})(?<![’'s])(?=\s*[,.;:]|\s+(?:and|on|to|for|"
    r"where|with|last|this|in|at|from|was|is)\b)"
)
"""A name used as a place: "in Baltimore.", "at Green Gables, where", "near the Academy,"
(not "at Sanders rallies", "in Trump's speech"; nor "looked at the Hatter,")."""
_LOWER_WORD = rx.compile(r"(?<![\w’'\-])[a-z]+(?![\w’'\-])")


def _lower_words(text: str) -> frozenset[str]:
    """The words the text writes in lower case: _LOWER_WORD's matches, found in each distinct
    whitespace-separated token (no match and none of its look-arounds crosses whitespace),
    which is a third of the time of one search through the whole text."""
    return frozenset(word for token in set(text.split()) for word in _LOWER_WORD.findall(token))


_SENTENCE_LIKE = rx.compile(r"^\W*[A-ZÀ-Þ0-9].*[.!?…]\W*$", re.DOTALL)


@quick_init
@dataclass(frozen=True, slots=True)
class Attributed:
    quote: QuoteMarks
    speech: bool
    speaker: Entity | None
    surface: str | None
    """The words the text used for the speaker in this quotation's cue."""
    cue: Span | None
    how: str = ""
    """Which rule found the speaker ("cue", "previous", "beat", "chain", "neighbours", ...; the
    turn-taking ones of earmark.quotes.turns: "neighbours", "reply", "other-turn", "addressed",
    "turns-back"): for diagnostics (benchmarks/quotes_corpus.py --by-rule)."""
    antecedent: str | None = None
    """For a pronoun cue ("he said"), the words of the mention it refers back to ("the
    retired neurosurgeon"): shown beside the pronoun in the plan's quote aliases."""


class _Context:
    """What the attribution of one document has seen so far."""

    def __init__(
        self, document: Document, sentences: list[list[Span]], settings: QuoteSettings
    ) -> None:
        self.document = document
        self.text = document.text
        self.sentences = sentences
        self.settings = settings
        self.verbs = speech_verbs(settings)
        self.registry = Registry(
            frozenset(t.lower() for t in settings.titles), *registry_words(document)
        )
        self.block_speakers: dict[int, Entity | None] = {}
        self.chain: tuple[Entity, str, Span] | None = None
        self.me: Entity | None = None
        self.addressees: dict[int, Entity] = {}
        """Per paragraph, whom its quotation speaks to ("Well, Watson," / said Alice to the
        Rabbit): the likely speaker of the reply."""
        self.cued: dict[int, Entity] = {}
        """Per paragraph, the speaker its cue names."""
        self.replies = 0
        """Paragraphs opening with a cued quotation whose speaker is not the cued one of the
        paragraph before: evidence of dialogue."""
        self.dialogue = False
        """Whether the text's quotations read as dialogue (turns.asks_questions)."""
        self.continued = 0
        """... whose speaker is the same: evidence of statements going on over paragraphs."""
        self.described: dict[str, Entity] = {}
        """Descriptions tied to a person by turn-taking ("the girl" who answers Jupe): the
        description's canonical words, and whom they mean (turns.description_turn)."""
        self.renamed: dict[int, list[tuple[Entity, int, int]]] = {}
        """Descriptions that named themselves or were named (by id): the person each one is,
        and from where to where in the text (its scene: _rename)."""
        self._headings: list[int] | None = None
        self.ages: dict[int, str] = {}
        """Per person (by id), "young" or "old" when a description tied to them says so."""
        self.letter_ahead: dict[int, bool] = {}
        """Per paragraph, whether the paragraphs of quotation from it on close a letter."""
        self.indented: bool | None = None
        """Whether the text's paragraphs are as a rule indented (found when first needed)."""

    def heading_starts(self) -> list[int]:
        """Where the document's headings start, in order (made once)."""
        if self._headings is None:
            self._headings = [b.span[0] for b in self.document.blocks if b.kind == "heading"]
        return self._headings

    def first_person(self) -> Entity:
        """The one who says "I said": a first-person narrator (named at the end, from what the
        others call them)."""
        if self.me is None:
            self.me = Entity("the narrator", "person")
        return self.me

    def speaker_for(self, cue: cues.Cue) -> Entity | None:
        found = self._speaker_for(cue)
        if found is not None and cue.kind == "name":
            found.talker = True  # "Fiorina told": the subject of a verb of speaking
        return found if found is None or found.may_speak else None

    def _speaker_for(self, cue: cues.Cue) -> Entity | None:
        if cue.kind == "pronoun":
            if cue.subject == "I":
                return self.first_person()
            if cue.subject.lower() == "we":
                return None
            if cue.subject.lower() == "it":
                return self.registry.it(cue.span[0])
            found = self.registry.pronoun(cue.span[0], cue.subject)
            if found is not None and found.gender is None:
                found.gender = {"he": "male", "she": "female"}.get(cue.subject.lower())
            return found
        if cue.kind == "description":
            return self.registry.description(cue.subject, cue.span[0])
        return self.registry.name(cue.subject, cue.span[0])


def attribute(
    document: Document,
    quotes: tuple[QuoteMarks, ...],
    sentences: list[list[Span]],
    settings: QuoteSettings,
    prepared: Prepared | None = None,
) -> tuple[list[Attributed], list[Entity]]:
    """Attribute every quotation; also return the speakers, in order of first speech.
    `prepared`: the people named in the narration (mention_batches), made by another
    process (planning.ahead) while this one attributes; what it fails to give is made here."""
    ctx = _Context(document, sentences, settings)
    ctx.dialogue = turns.asks_questions(document.text, quotes)
    mentions = MentionFeed(document, quotes, sentences, prepared)
    by_block: dict[int, list[QuoteMarks]] = {}
    for quote in quotes:
        by_block.setdefault(quote.first_block, []).append(quote)
    results: list[Attributed] = []
    for number, block in enumerate(document.blocks):
        if block.kind == "heading":
            ctx.chain = None
            continue
        previous_in_block: Attributed | None = None
        if results and results[-1].speech and results[-1].quote.last_block == number:
            previous_in_block = results[-1]  # a quotation ran on into this paragraph
        for quote in by_block.get(number, []):
            for position, surface, subject, create, speaks in mentions.until(quote.span[0]):
                if surface[:4] in ("The ", "the "):
                    described = ctx.registry.description(surface, position)
                    if described is None:
                        continue
                    described.subject_seen = position
                    described.talker = described.talker or speaks
                    continue
                if surface in ("He", "She"):
                    referent = ctx.registry.pronoun(position, surface.lower())
                    if referent is not None:
                        referent.subject_seen = position
                    continue
                if create:
                    known = ctx.registry.name(surface, position)
                else:  # a surname alone refers to someone already named: "Christie said"
                    known = ctx.registry.known(surface)
                    if known is not None:
                        known.seen("", position)
                if known is not None and subject:
                    known.subject_seen = position
                if known is not None and speaks:
                    known.talker = True
            result = _attribute_one(ctx, quote, number, previous_in_block)
            if result.speaker is not None and not result.speaker.may_speak:
                result = dataclasses.replace(result, speaker=None)  # a place never speaks
            if previous_in_block is None and _dialogue_turn(ctx, block, quote):
                result = answers.named_answer(ctx, result, number, _rename)
            if result.speech:
                result = _self_named(ctx, result, block)
                if previous_in_block is None and _dialogue_turn(ctx, block, quote):
                    _named_in_reply(ctx, result, number)
            results.append(result)
            if result.speech:
                turns.note_turn(ctx, result, number, previous_in_block is None and _starts_block(
                    ctx.text, block.span[0], quote.span[0]))
                previous_in_block = result
                ctx.block_speakers[quote.last_block] = result.speaker
                addressed = turns.addressee(ctx, result)
                if addressed is not None:
                    ctx.addressees[quote.last_block] = addressed
                if result.speaker is not None:
                    result.speaker.spoke = True
                    result.speaker.seen("", result.quote.span[1])
                    result.speaker.subject_seen = result.quote.span[1]
        _update_chain(ctx, number, quotes_only=_quote_only(document, number, by_block))
    turns.turns_back(ctx, results)
    if ctx.renamed:
        results = [_as_renamed(ctx, r) for r in results]
    if ctx.me is not None:
        results = _name_first_person(ctx, results)
    speakers: dict[int, Entity] = {}
    for result in results:
        if result.speech and result.speaker is not None:
            speakers.setdefault(id(result.speaker), result.speaker)
    return results, list(speakers.values())


_SELF_INTRO = cues.at_word_start(("my name is", "My name is", "I am", "I[’']m"))
_SELF_NAME = rx.compile(
    rf"{_SELF_INTRO}\s+"
    rf"(?P<name>{cues.NAME})(?=\s*[,.;!?—]|\s*-|\W*$)"
)
"""A speaker giving their own name: “My name is Tom Birch.”, “I am Miss Ames, and ...”."""
_BARE_NAME = rx.compile(rf"\W*(?P<name>{cues.NAME})\W*")


def _self_named(ctx: _Context, result: Attributed, block: Block) -> Attributed:
    """A quotation in which its speaker names themselves (“My name is Tom Birch.”; “Mr. Tom
    Birch,” said the little man. “That is my name.”) is that person's; a description that
    spoke it ("the little man") is that person, in the quotations of its scene. Not when a
    cue names the speaker ("... said Mary"), nor for a name inside a sentence (“If I am Mr.
    Darcy, ...”) or a quotation within it; a first-person narrator takes the name."""
    if result.how == "cue-name":
        return result
    text = ctx.text
    inner = text[result.quote.span[0] : result.quote.span[1]]
    found = _SELF_NAME.search(inner)
    if found is not None and not _opens_sentence(inner, found.start()):
        return result
    if found is None:
        bare = _BARE_NAME.fullmatch(inner)
        if bare is None or not _named_mine_next(text, result.quote.span[1], block.span[1]):
            return result
        found = bare
    parsed = parse_name(found.group("name"), ctx.registry.extra_titles)
    if parsed is None or parsed.organisation or not (parsed.titles or len(parsed.name) >= 2):
        return result
    speaker = result.speaker
    if speaker is not None and speaker is ctx.me:
        if speaker.canonical == "the narrator":  # “My name is John Watson,” I said.
            speaker.canonical, speaker.last = " ".join(parsed.name), parsed.name[-1]
            speaker.aliases.append("I")
        return result
    person = ctx.registry.name(found.group("name"), result.quote.span[0] + found.start("name"))
    if person is None or person is speaker or not person.may_speak:
        return result
    if speaker is not None and speaker.kind == "description":
        _rename(ctx, speaker, person)
    return dataclasses.replace(result, speaker=person, how=f"{result.how}-self")


def _dialogue_turn(ctx: _Context, block: Block, quote: QuoteMarks) -> bool:
    """Whether a quotation opens its paragraph in a text of dialogue."""
    return turns.in_dialogue(ctx) and _starts_block(ctx.text, block.span[0], quote.span[0])


def _opens_sentence(inner: str, start: int) -> bool:
    """Whether a match at `start` of a quotation's text opens one of its sentences, outside
    any quotation within it (“My name is ...”, “Yes. I am ...”; not “If I am ...”)."""
    before = inner[1:start]
    if any(mark in before for mark in "“‘\"'"):
        return False
    before = before.rstrip()
    return not before or before[-1] in ".!?…"


_MARKED_MY_NAME = rx.compile(r"[“\"‘][^”\"’]*?\b(?:[Mm]y name|I am called)\b")


def _named_mine_next(text: str, start: int, end: int) -> bool:
    """Whether a quotation later in the paragraph says "my name" (“Mr. Tom Birch,” said the
    little man. “That is my name.”), not the narration ("at the sound of my name")."""
    return _MARKED_MY_NAME.search(text, start, end) is not None


_RENAME_REACH = 50000
"""How far after it was named a definite description ("the little man") stays that person
(before, it is so from the start). An indefinite one ("a voice") is so in its scene only:
_SCENE_REACH either way, not past a heading."""
_SCENE_REACH = 1500


def _rename(ctx: _Context, description: Entity, person: Entity) -> None:
    """A described speaker ("the little man", "a gruff voice") is `person`, in the
    quotations of its scene, before and after where it was named."""
    position = person.last_seen
    if description.canonical.startswith(("a ", "an ")):
        start, end = _scene(ctx, position, _SCENE_REACH)  # "a voice" is another one later
    else:  # "the child" of the chapters before she is named is she
        start, end = 0, position + _RENAME_REACH
        ctx.described[description.canonical] = person
    ctx.renamed.setdefault(id(description), []).append((person, start, end))
    if person.gender is None:
        person.gender = description.gender
    blocks = ctx.document.blocks
    for number, other in ctx.block_speakers.items():
        if other is description and start <= blocks[number].span[0] < end:
            ctx.block_speakers[number] = person


def _scene(ctx: _Context, position: int, reach: int) -> tuple[int, int]:
    """The text around `position`, up to `reach` either way, not past a heading."""
    starts = ctx.heading_starts()
    index = bisect_right(starts, position)
    start = max(position - reach, starts[index - 1] if index else 0)
    end = min(position + reach, starts[index] if index < len(starts) else len(ctx.text))
    return start, end


def renamed_near(ctx: _Context, description: Entity, position: int) -> bool:
    """Whether a described speaker has been named in the scene of `position`."""
    return any(start <= position < end for _, start, end in ctx.renamed.get(id(description), ()))


def _as_renamed(ctx: _Context, result: Attributed) -> Attributed:
    for person, start, end in ctx.renamed.get(id(result.speaker), ()):
        if start <= result.quote.span[0] < end:
            return dataclasses.replace(result, speaker=person)
    return result


_FIRST_SENTENCE = rx.compile(r"[^.!?]*[.!?]+")


def _named_in_reply(ctx: _Context, result: Attributed, number: int) -> None:
    """ “Who is there?” cried a gruff voice. / “It is I, McMurdo.”: a described speaker of
    the turn before, whom the reply's first sentence calls by a name the text has not used
    yet, is so named."""
    described = ctx.block_speakers.get(number - 1)
    if described is None or described.kind != "description" or result.speaker is described or (
        renamed_near(ctx, described, result.quote.span[0])
    ):
        return
    inner = ctx.text[result.quote.span[0] : result.quote.span[1]]
    first = _FIRST_SENTENCE.match(inner)  # the reply's opening words ("my sister's son, Tom,
    names = turns.vocatives(first.group() if first else inner)  # ..." names no one there)
    if not names or ctx.registry.known(names[0]) is not None or ctx.registry.common_word(
            names[0]):
        return
    person = ctx.registry.name(names[0], result.quote.span[0])
    if person is not None and person.may_speak and person.kind == "person":
        _rename(ctx, described, person)


def _name_first_person(ctx: _Context, results: list[Attributed]) -> list[Attributed]:
    """The first-person narrator's name: the name the other speakers most often address (those
    next to the narrator's quotations count three times) that the narration never uses for
    anyone, else "the narrator"."""
    me = ctx.me
    counts: dict[str, int] = {}
    near = set()
    for index, result in enumerate(results):
        if result.speaker is me:  # the quotations next to the narrator's speak to them
            near.update((index - 1, index + 1))
    for index, result in enumerate(results):
        if result.speech and result.speaker is not None and result.speaker is not me:
            inner = ctx.text[result.quote.span[0] : result.quote.span[1]]
            for name in turns.vocatives(inner):
                # a name the narration never uses: "I" is never named in the narration; nor
                # a word the text writes in lower case ("Stop!", "Hush!")
                if ctx.registry.known(name) is None and not ctx.registry.common_word(name):
                    counts[name] = counts.get(name, 0) + (3 if index in near else 1)
    if counts and me is not None and me.canonical == "the narrator":  # (not self-named)
        name, count = max(counts.items(), key=lambda item: item[1])
        if count >= 2:
            me.canonical, me.last = name, name
            me.aliases.append("I")
    return results


def _attribute_one(
    ctx: _Context, quote: QuoteMarks, number: int, previous: Attributed | None
) -> Attributed:
    text = ctx.text
    block = ctx.document.blocks[number]
    last_block = ctx.document.blocks[quote.last_block]
    paraphrase = _in_paraphrase(ctx, quote)
    if paraphrase and not ctx.settings.paraphrase_quotes:
        return Attributed(quote, False, None, None, None, "paraphrase")
    if _titled_inside(ctx, quote, block):
        # “Fox and Friends,” “Sunday Morning Futures”: a show, a book or a slogan named inside
        # a sentence, whoever the sentence says spoke on it; the narrator reads it
        return Attributed(quote, False, None, None, None, "title")
    cue = None
    if quote.closed:
        cue = cues.after_quote(text, quote.span[1], last_block.span[1], ctx.verbs)
    if cue is None or _introduces_next(text, quote, cue):
        sentence_start = _sentence_start(ctx, number, quote.span[0])
        if previous is not None and previous.quote.last_block == number:
            sentence_start = max(sentence_start, previous.quote.span[1])
        before = cues.before_quote(
            text, sentence_start, quote.span[0], ctx.verbs, ctx.settings.cue_max_words
        )
        if before is None or cues.participle_intro(text, sentence_start, quote.span[0]):
            subject = cues.sentence_subject(
                text, sentence_start, quote.span[0], any_intro=before is None and cue is None
            )
            if subject is not None and _plausible_subject(ctx, subject):
                before = subject
        cue = before or cue
    if cue is None and _set_apart(ctx, number):
        # a letter, a verse or an inscription the text indents, with no one said to speak it
        return Attributed(quote, False, None, None, None, "set-apart")
    if paraphrase and cue is not None and not _voiced_paraphrase(ctx, quote, cue):
        # read by the narrator, but its cue still says who is talking now
        # ("Trump's misinformation may be “strategic,” said Jeffery Hemsley. ... he said")
        talker = ctx.speaker_for(cue)
        if talker is not None:
            talker.subject_seen = max(talker.subject_seen, cue.span[0])
        return Attributed(quote, False, None, None, None, "paraphrase")
    if cue is not None and not _names_a_thing(ctx, quote, cue):
        speaker = ctx.speaker_for(cue)
        if speaker is not None and cue.kind == "pronoun":
            speaker = turns.pronoun_turn(ctx, quote, number, cue, speaker)
        elif speaker is not None and cue.kind == "description":
            speaker = turns.description_turn(ctx, quote, number, speaker)
        antecedent = speaker.last_surface if speaker is not None and cue.kind == "pronoun" else None
        return Attributed(
            quote, True, speaker, cue.subject, cue.span, f"cue-{cue.kind}", antecedent
        )
    if previous is not None and _resumes(ctx, previous, quote):
        return Attributed(quote, True, previous.speaker, previous.surface, previous.cue, "previous")
    titled = _title_like(ctx, quote) and not _starts_block(text, block.span[0], quote.span[0])
    if paraphrase or titled:
        # words quoted inside a sentence that names nobody as saying them: scare quotes,
        # slogans, a phrase the writer borrows; the narrator reads them
        return Attributed(quote, False, None, None, None, "title")
    speechlike = _reads_like_speech(ctx, quote, number)
    if previous is not None and speechlike:
        return Attributed(quote, True, previous.speaker, previous.surface, previous.cue, "previous")
    if speechlike and _starts_block(text, block.span[0], quote.span[0]):
        tagged = _named_in_tag(ctx, quote, block)
        if tagged is not None:
            return Attributed(quote, True, tagged, None, None, "tag")
    if speechlike:
        beat = _action_beat(ctx, quote, number) or _previous_sentence_cue(ctx, quote, number)
        if beat is not None:
            return beat
    if _starts_block(text, block.span[0], quote.span[0]) and _quote_only(
        ctx.document, number, None, quote
    ):
        if ctx.chain is not None:
            speaker, surface, span = ctx.chain
            return Attributed(quote, True, speaker, surface, span, "chain")
        if ctx.dialogue and _letter(ctx, quote):
            # a letter the narration shows over paragraphs of quotation: the narrator reads it
            return Attributed(quote, False, None, None, None, "letter")
        if ctx.dialogue and _introduced(ctx, number) is False:
            # in a novel, "the page at which the volume always opened:", "his handwriting in
            # this finale:--": an entry, a motto or a document shown, which no one speaks (a
            # news story's "Transcript as follows:" gives what was said)
            return Attributed(quote, False, None, None, None, "shown")
        credit = _credit_line(ctx, quote.last_block + 1)
        if credit is not None:
            return _credit_quote(ctx, quote, credit)
        speaker, how = turns.from_neighbours(ctx, quote, number)
        return Attributed(quote, True, speaker, None, None, how)
    if speechlike:
        # speech with no cue inside a paragraph of narration: the person this paragraph or
        # the one before is about ("When Trump finally wrapped up — “I will fight for you!” —")
        start = _sentence_start(ctx, number, quote.span[0])
        named = _named_in_sentence(ctx, start, quote.span[0])
        if named is None and ctx.text[start : quote.span[0]].rstrip().endswith(":"):
            # "The snarky headline reads:", "Hoff's letter makes the case:": a sentence that
            # names no person introduces it; no person's voice reads it
            return Attributed(quote, True, None, None, None, "none")
        subject = named or _paragraph_subject(ctx, number, quote.span[0])
        if subject is not None:
            return Attributed(quote, True, subject, None, None, "paragraph")
    return Attributed(quote, speechlike, None, None, None, "none")


_RESUMED = rx.compile(
    r"(?:[^\w.!?]*+[^\W\d][\w’'-]*+){0,8}?[^\w.!?]*?[,;:\u2014\u2013-]\s*|\s*")
"""What may stand between a cue and the quotation that resumes its sentence: a few words
("of the undertaker", "leading each away by a hand") and a comma, semicolon, colon or dash
just before the mark; or nothing, the quotation then opening in lower case. (Possessive, so
that a failing match does not try every way of cutting the words up.)"""
_RESUMED_GAP = 160
"""... in at most this many characters."""


def _resumes(ctx: _Context, previous: Attributed, quote: QuoteMarks) -> bool:
    """ “Kitty has no discretion,” said her father; “she times them ill.”: a quotation that
    goes on with the one before it, across nothing but that one's cue (and a few words after
    it), with the sentence still running (a comma, semicolon, colon or dash before the mark,
    or the quotation opening in lower case), is the same speech, however short."""
    if not quote.marked or previous.cue is None or previous.quote.last_block != quote.first_block:
        return False
    between = (previous.quote.span[1], quote.span[0])
    if not between[0] <= previous.cue[0] <= previous.cue[1] <= between[1]:
        return False
    text = ctx.text
    if between[1] - previous.cue[1] > _RESUMED_GAP or _RESUMED.fullmatch(
            text, previous.cue[1], between[1]) is None:
        return False  # the cue's sentence goes on ("said Ramos, whose new book ... and “")
    if text[previous.cue[1] : between[1]].strip():
        return True  # a comma, a semicolon, a colon or a dash: the sentence runs on
    first = _WORD.search(text, quote.span[0], quote.span[1])
    return first is not None and first.group()[0].islower()


def _named_in_sentence(ctx: _Context, start: int, end: int) -> Entity | None:
    """The last person the sentence names before the quotation ("When Trump finally wrapped
    up — “…”")."""
    people = [p for p in ctx.registry.people if start <= p.last_seen < end and p.may_speak
              and p.personal]
    return max(people, key=lambda p: p.last_seen) if people else None


_CREDIT = rx.compile(rf"\s*[—–-]+\s*(?P<name>{cues.NAME})\s*[.,]?\s*$")
"""A paragraph that only credits the quotation before it: "- Bernie Sanders."."""


def _credit_line(ctx: _Context, number: int) -> re.Match[str] | None:
    if number >= len(ctx.document.blocks):
        return None
    start, end = ctx.document.blocks[number].span
    return _CREDIT.match(ctx.text, start, end)


def _credit_quote(ctx: _Context, quote: QuoteMarks, credit: re.Match[str]) -> Attributed:
    speaker = ctx.speaker_for(cues.Cue(credit.group("name"), "name", credit.span("name")))
    return Attributed(quote, True, speaker, credit.group("name"), credit.span("name"), "credit")


def _paragraph_subject(ctx: _Context, number: int, position: int) -> Entity | None:
    start = ctx.document.blocks[max(0, number - 1)].span[0]
    people = [
        p for p in ctx.registry.speakers
        if p.kind in ("person", "description") and start <= p.subject_seen < position
        and (p.personal or p.kind == "description")
    ]
    return max(people, key=lambda p: p.subject_seen) if people else None


def _plausible_subject(ctx: _Context, cue: cues.Cue) -> bool:
    """A sentence's subject taken as the speaker: a pronoun, a description, or a name that is
    no place and no sentence-opening word."""
    if cue.kind != "name":
        return True
    parsed = parse_name(cue.subject, ctx.registry.extra_titles)
    if parsed is None or (len(parsed.name) == 1 and not parsed.titles
                          and opening_word(parsed.name[0], ("ly", "ing", "ed"))):
        return False  # "Observing his daughter ...": a participle, not a name
    verb = ctx.text[cue.span[0] : cue.span[1]].rsplit(None, 1)[-1]
    if len(parsed.name) == 1 and not parsed.titles and not parsed.organisation and (
        verb.endswith("s") and verb not in cues.ENGLISH.speech_verbs
        and parsed.name[0].lower() not in _GIVEN and ctx.registry.known(cue.subject) is None
        and not _OBJECT_NEXT.match(ctx.text, cue.span[1])
    ):
        # "Local news affiliate ...", "Mexican newspapers have ...": one capitalised word
        # nobody is known by, before a plural noun (no object after it, as after "Politico
        # reveals a ..."), unless a role comes before it ("Band member Flea shares ...")
        before = ctx.text[max(0, cue.span[0] - 20) : cue.span[0]].split()
        return bool(before) and cues.role_word(before[-1].lower())
    return parsed.organisation or not any(
        w.lower().strip(".,’'") in cues.ENGLISH.place_words for w in parsed.name
    )


_OBJECT_NEXT = rx.compile(r"\s+(?:a|an|the|that|this|these|his|her|their|its|to|how|what|in|on)\b")
_WORD_BEFORE_REVERSED = rx.compile(r"\s*(\w+)")
r"""The word before a position, and any spaces after it, matched on the reversed text before
it: `(\w+)\s*$` searched forwards would try every position of the window."""


def _in_paraphrase(ctx: _Context, quote: QuoteMarks) -> bool:
    """ “… said his staff “did the wrong thing” by …”: the quotation carries on a sentence
    of narration (a word right before its opening mark, no comma or colon) that is not a verb
    of speaking ("Obama said “it gets me mad” every time", "Sanders said “We won.”" are his
    words; "called it “a disaster”" is not), and either starts in lower case or is no whole
    sentence."""
    if not quote.marked:
        return False
    start = quote.span[0]
    block_start = ctx.document.blocks[quote.first_block].span[0]  # not the heading before
    before = _WORD_BEFORE_REVERSED.match(ctx.text[max(block_start, start - 40) : start][::-1])
    if before is None:
        return False
    word = before.group(1)[::-1].lower()
    if (word in ctx.verbs or word in _VERBATIM_WORDS) and word not in _NAMING_WORDS:
        return False  # "Obama said “it gets me mad” every time ...": his words, his voice
    first = next((c for c in ctx.text[start + 1 : start + 4] if c.isalpha()), "")
    if first.islower():
        inner = ctx.text[start : quote.span[1]]
        # "Trump called Ford's plans “an absolute disgrace”": a judgement in someone's words
        return not (
            _NAMING_BEFORE.search(ctx.text, max(0, start - 60), start)
            and len(_WORD.findall(inner)) >= 2
        )
    inner = ctx.text[start : quote.span[1]].strip("“”\"‘’'«»„ ")
    return not _SENTENCE_LIKE.match(inner)


def _voiced_paraphrase(ctx: _Context, quote: QuoteMarks, cue: cues.Cue) -> bool:
    """A quotation inside paraphrase is read in the voice of the speaker the sentence names
    when the cue is close ("Ruiz said that the council was “fully committed”": at most
    `paraphrase_cue_max_words` words between them) and it quotes more than one word; a single
    word (Rubio says Obama is “obsessed”) or a phrase far from the cue stays with the narrator."""
    if len(_WORD.findall(ctx.text, quote.span[0], quote.span[1])) < 2:
        return False
    if cue.span[1] <= quote.span[0]:
        between = len(_WORD.findall(ctx.text, cue.span[1], quote.span[0]))
        return between <= ctx.settings.paraphrase_cue_max_words
    return True


_SMALL_WORDS = frozenset("a an the of and or in on at to for with from by as vs".split())


def _title_like(ctx: _Context, quote: QuoteMarks) -> bool:
    """ “PBS NewsHour.”, “The Nightly Show with Larry Wilmore.”: a short quotation whose words
    are all capitalised (small words aside) names a title, a show or a slogan, not speech."""
    if not quote.marked:
        return False
    # (nine words are enough to tell: a long quotation's words are not all listed)
    words = [w.group() for w in islice(_WORD.finditer(ctx.text, *quote.span), 9)]
    if not words or len(words) > 8:
        return False
    inner = ctx.text[quote.span[0] : quote.span[1]].rstrip("”\"’' ,.")
    if inner.endswith(("!", "?")):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _SMALL_WORDS for w in words)


_CLAUSE_WORDS = frozenset("and but then so or yet".split())
"""Words after which a quotation starts a clause of its own: speech, not a title."""
_TELLING = frozenset("told tells tell asked asks ask warned urged reminded informed".split())
"""Verbs of speaking whose object is who is spoken to ("told “Fox and Friends,”")."""


def _titled_inside(ctx: _Context, quote: QuoteMarks, block: Block) -> bool:
    """A title-like quotation of two words or more inside a sentence (not opening its
    paragraph or a clause — after a colon, a semicolon, a dash, "and" —, not right after a
    verb that introduces words): “Fox and Friends,” in "Fiorina told “Fox and Friends,”
    that ..."."""
    text = ctx.text
    before = text[max(0, quote.span[0] - 30) : quote.span[0]].rstrip(" ,\u00a0")
    last = before.rsplit(None, 1)[-1:]
    return (
        not _starts_block(text, block.span[0], quote.span[0])
        and before[-1:] not in (":", ".", "?", "!", ";", "—", "–", "(", "\n", "")
        and not (last and last[0].lower() not in _TELLING and (
            last[0].lower() in ctx.verbs or last[0].lower() in _VERBATIM_WORDS))
        and not (last and last[0].lower() in _CLAUSE_WORDS)  # "He nodded and “Thank You,”"
        and _title_like(ctx, quote)
        and len(_WORD.findall(text, *quote.span)) >= 2
    )


_NAMING_BEFORE = rx.compile(
    r"\b(?:call|calls|called|calling|dubbed|labell?ing|labell?ed|branded|branding|described\s+as|"
    r"describing\s+as)\b(?:\s+[\w’'\-]+){0,5}[\s\u00a0]*$"
)
_VERBATIM_WORDS = frozenset(
    "read reads reading saying telling shouting chanting yelling writing asking tweeting".split()
)
"""Words before an opening mark that introduce words verbatim ("The sign read “…”")."""
_NAMING_WORDS = frozenset(
    "call calls called calling describe describes described dub dubs dubbed term terms termed"
    .split()
)


_OPENS_NEXT = rx.compile(r"\s*[,:]\s*[“\"‘]")


def _introduces_next(text: str, quote: QuoteMarks, cue: cues.Cue) -> bool:
    """ “A.” He added, “B.” : after a quotation that ends its sentence, a cue that ends in a
    comma or colon before another quotation introduces that one; this one's own cue, if it has
    one, is before it."""
    return text[quote.span[1] - 2] in ".!?…" and bool(_OPENS_NEXT.match(text, cue.span[1]))


_NAMING_VERB = rx.compile(r"\b(?:call|calls|called|calling|dub|dubs|dubbed|term|terms|termed)\b")


def _names_a_thing(ctx: _Context, quote: QuoteMarks, cue: cues.Cue) -> bool:
    """ "Economists call it “shrinkflation”": a verb of naming before a word or two is not
    speech when nobody in particular does the naming (a description, or one capitalised word
    that names nobody known). "Badenoch called it “a surrender”" is a quote."""
    generic = cue.kind == "description" or (
        cue.kind == "name" and " " not in cue.subject and ctx.registry.known(cue.subject) is None
    )
    if generic and cue.span[1] <= quote.span[0]:
        between = ctx.text[cue.span[0] : quote.span[0]]
        inner = ctx.text[quote.span[0] : quote.span[1]]
        return bool(_NAMING_VERB.search(between)) and len(_WORD.findall(inner)) < 3
    return False


def _action_beat(ctx: _Context, quote: QuoteMarks, number: int) -> Attributed | None:
    """A pronoun or an already known name as the subject of the sentence next to the quote."""
    text = ctx.text
    block = ctx.document.blocks[quote.last_block]
    after = (
        (quote.span[1], block.span[1])
        if quote.closed and text[quote.span[1] - 2] in ".!?…"
        else None
    )
    first = ctx.document.blocks[number]
    before = (
        (first.span[0], quote.span[0])
        if _sentence_start(ctx, number, quote.span[0]) == quote.span[0]
        else None
    )
    cue = cues.action_beat(text, after, before)
    if cue is None or (
        cue.kind == "pronoun" and cue.subject.lower() in ("i", "we", "they", "it")
    ):
        return None
    if cue.kind == "pronoun":
        speaker = ctx.registry.pronoun(cue.span[0], cue.subject)
    else:
        speaker = ctx.registry.known(cue.subject)
    if speaker is None:
        return None
    speaker.seen(ctx.registry.alias(cue.subject), cue.span[0])
    return Attributed(quote, True, speaker, cue.subject, cue.span, "beat")


def _previous_sentence_cue(ctx: _Context, quote: QuoteMarks, number: int) -> Attributed | None:
    """ "Coan, Santilli's attorney, argues that his client ... . “The government ...”": a
    quotation that opens a sentence, after a sentence of the same paragraph in which someone
    speaks (a cue), is theirs."""
    start = _sentence_start(ctx, number, quote.span[0])
    block_start = ctx.document.blocks[number].span[0]
    if start != quote.span[0] or start <= block_start:
        return None
    previous = _sentence_start(ctx, number, start - 1)
    if ctx.text.find("“", previous, start) >= 0 or ctx.text.find('"', previous, start) >= 0:
        return None  # the sentence before holds a quotation of its own
    cue = cues.before_quote(ctx.text, previous, start, ctx.verbs, 60)
    if cue is None or (
        cue.kind == "pronoun" and cue.subject.lower() in ("we", "they", "it")
    ):
        return None
    speaker = ctx.speaker_for(cue)
    if speaker is None:
        return None
    return Attributed(quote, True, speaker, cue.subject, cue.span, "previous-sentence")


def _update_chain(ctx: _Context, number: int, quotes_only: bool) -> None:
    """A paragraph ending in a colon names the speaker of the quotation paragraphs after it."""
    start, end = ctx.document.blocks[number].span
    body = ctx.text[start:end].rstrip()
    if body.endswith(":"):
        sentence_start = _sentence_start(ctx, number, start + len(body) - 1)
        cue = cues.before_quote(
            ctx.text, sentence_start, start + len(body), ctx.verbs, ctx.settings.cue_max_words
        )
        speaker = ctx.speaker_for(cue) if cue is not None else None
        if cue is not None and speaker is not None:
            ctx.chain = (speaker, cue.subject, cue.span)
            return
        named = _last_person_named(ctx, sentence_start, start + len(body))
        ctx.chain = named
        return
    if not quotes_only:
        ctx.chain = None


def _last_person_named(ctx: _Context, start: int, end: int) -> tuple[Entity, str, Span] | None:
    for position, surface in reversed(cues.names_in(ctx.text, start, end)):
        parsed = parse_name(surface)
        if (
            parsed is not None
            and not parsed.organisation
            and (parsed.titles or len(parsed.name) >= 2)
        ):
            speaker = ctx.registry.name(surface, position)
            if speaker is not None:
                return speaker, surface, (position, position + len(surface))
    return None


def _sentence_start(ctx: _Context, number: int, position: int) -> int:
    spans = ctx.sentences[number]
    index = bisect_right([s[0] for s in spans], position) - 1
    return spans[index][0] if index >= 0 else ctx.document.blocks[number].span[0]


_INDENT = rx.compile(r"(?:^|\n)[ \t\u00a0]{2,}$")
_INDENTED_SHARE = 0.2
"""At most this share of the paragraphs indented: indenting sets a paragraph apart."""


def _indented(text: str, block: Block) -> bool:
    return _INDENT.search(text, max(0, block.span[0] - 16), block.span[0]) is not None


def _set_apart(ctx: _Context, number: int) -> bool:
    """Whether paragraph `number` is indented in a text whose paragraphs are not: a letter, a
    verse, an inscription or an extract that the narration shows, which no one speaks. A
    quotation opening such a paragraph, with no cue of its own, is read by the narrator."""
    block = ctx.document.blocks[number]
    if block.kind != "paragraph" or not _indented(ctx.text, block):
        return False
    return not _indents_paragraphs(ctx) and _introduced(ctx, number) is not True


def _indents_paragraphs(ctx: _Context) -> bool:
    """Whether the text's paragraphs are as a rule indented (more than a fifth of them)."""
    if ctx.indented is None:
        blocks, text = ctx.document.blocks, ctx.text
        paragraphs = [b for b in blocks if b.kind == "paragraph"]
        count = sum(1 for b in paragraphs if _indented(text, b))
        ctx.indented = count > _INDENTED_SHARE * len(paragraphs)
    return ctx.indented


def _introduced(ctx: _Context, number: int) -> bool | None:
    """How the narration before paragraph `number` (and any indented paragraphs between)
    introduces it: True when it ends in a colon after words of speaking, singing or reading
    aloud ("... she went on in a trembling voice:--", "read as follows:"), False when it ends
    in a colon without them ("the page at which the volume always opened:"), None when it
    ends in no colon."""
    text, blocks = ctx.text, ctx.document.blocks
    before = number - 1
    if not _indents_paragraphs(ctx):
        while before >= 0 and blocks[before].kind == "paragraph" and _indented(
                text, blocks[before]):
            before -= 1
    if before < 0 or blocks[before].kind != "paragraph" or _INTRODUCES.search(
            text, *blocks[before].span) is None:
        return None
    start, end = blocks[before].span
    last = text[start:end].replace("!", ".").replace("?", ".").rsplit(".", 1)[-1]
    words = {w.lower() for w in _WORD.findall(last)}
    return bool(words & _VOICED or (words & ctx.verbs) - _NOUNS)


_VALEDICTION = rx.compile(
    r"[\"“”'‘’\s]*(?:Yours|Your|Ever\s+yours)\b[\w \t]{0,40}?(?:,|,?\s*&c\.)[\"”'’\s]*")
"""A letter's closing line, a paragraph of its own: "Yours ever,", "Your obliged and
affectionate Son,", "Yours, &c."."""
_SIGNED_OFF = rx.compile(r"[.!?]\s+(?:Yours|yours|Your)\b[\w \t]{0,40}?,[\"”’]?\s*$")
"""... or the end of its last paragraph: "... and everything proper.  Yours affectionately,"."""
_SHORT = 60
"""A paragraph this short after a letter may be its closing line or its signature."""


_LETTER_PARAGRAPHS = 40
"""How many paragraphs of quotation a letter may run on over before its closing line."""
_ALL_QUOTED = rx.compile(r"[\"“](?:[^\"“”]|[\"”](?!\s*\w))*")
"""A paragraph all quotation: no words after a closing mark (no tag, no narration)."""


def _letter(ctx: _Context, quote: QuoteMarks) -> bool:
    """Whether a quotation is (part of) a letter: it closes with a valediction at its end, or
    the paragraphs of quotation that follow it (none with a tag) lead to a short closing line
    of its own ("Yours ever,", before the signature); or it is such a closing line, or the
    short signature right under one."""
    text, blocks = ctx.text, ctx.document.blocks
    if _SIGNED_OFF.search(text, max(quote.span[0], quote.span[1] - 80), quote.span[1]):
        return True
    for number in range(max(quote.first_block + 1, quote.last_block - 1), quote.last_block + 1):
        start, end = blocks[number].span  # a letter run on to its closing line and signature
        if end - start < _SHORT and _VALEDICTION.fullmatch(text, start, end):
            return True
    for number in range(max(0, quote.first_block - 1), quote.first_block + 1):
        # the closing line itself, or the signature under it ("Yours devotedly," / "Anne")
        start, end = blocks[number].span
        if blocks[number].kind == "paragraph" and end - start < _SHORT and (
            _VALEDICTION.fullmatch(text, start, end)
            or _SIGNED_OFF.search(text, max(0, start - 80), start)
        ) and blocks[quote.last_block].span[1] - blocks[quote.first_block].span[0] < _SHORT:
            return True
    return _closes_letter(ctx, quote.last_block + 1)


def _closes_letter(ctx: _Context, first: int) -> bool:
    """Whether the paragraphs from `first` on, all quotation, lead to a letter's closing line
    (remembered for every paragraph passed, so that a run of dialogue is read once)."""
    text, blocks, known = ctx.text, ctx.document.blocks, ctx.letter_ahead
    passed: list[int] = []
    found = False
    for after in range(first, min(len(blocks), first + _LETTER_PARAGRAPHS)):
        if after in known:
            found = known[after]
            break
        passed.append(after)
        start, end = blocks[after].span
        if blocks[after].kind != "paragraph" or text[start] not in "\"“":
            break
        if end - start < _SHORT and _VALEDICTION.fullmatch(text, start, end):
            found = True
            break
        if _ALL_QUOTED.fullmatch(text, start, end) is None:
            break
        if _SIGNED_OFF.search(text, max(start, end - 80), end):
            found = True
            break
    for after in passed:
        known[after] = found
    return found


_NOUNS = frozenset("note notes".split())
"""Verbs of speaking that, before a colon, are rather nouns ("the following note:")."""
_INTRODUCES = rx.compile(r":[\s\-\u2014\u2013]*$")
_VOICED = frozenset("sing sang sung singing sings read reads reading recite recited reciting "
                    "repeat repeated say said says began begin continued went replied answered "
                    "cried voice words aloud answer reply cry shout whisper".split())
"""Words of a sentence introducing a song, a recitation or a reading as heard: "she went on in
a trembling voice:--", "the melancholy words:--", "read as follows:--" (not "brought the
following note:")."""


def _starts_block(text: str, block_start: int, position: int) -> bool:
    return not text[block_start:position].strip()


def _quote_only(
    document: Document,
    number: int,
    by_block: dict[int, list[QuoteMarks]] | None,
    quote: QuoteMarks | None = None,
) -> bool:
    """Whether a paragraph holds nothing but quotation (and punctuation)."""
    start, end = document.blocks[number].span
    covered = [quote] if quote is not None else (by_block or {}).get(number, [])
    if not covered:
        return False
    text = document.text
    cursor = start
    rest = []
    for q in covered:
        rest.append(text[cursor : max(cursor, q.span[0])])
        cursor = max(cursor, min(q.span[1], end)) if q.last_block == number else end
    rest.append(text[cursor:end])
    return not _WORD.search("".join(rest))


def _reads_like_speech(ctx: _Context, quote: QuoteMarks, number: int) -> bool:
    inner = ctx.text[quote.span[0] : quote.span[1]]
    if not quote.marked or quote.last_block != number:
        return True
    words = len(_WORD.findall(inner))
    if words >= ctx.settings.unattributed_min_words:
        return True
    core = inner.strip("“”\"‘’'«»„ ")
    if words >= 1 and _SENTENCE_LIKE.match(core):
        return True
    # “Very well,” said this gentleman / “Not a farthing more,” was the firm reply: a
    # paragraph that opens with words closed on a comma and goes on with its tag
    return words >= 1 and core.endswith(",") and _starts_block(
        ctx.text, ctx.document.blocks[number].span[0], quote.span[0]
    ) and _TAG_AFTER.match(ctx.text, quote.span[1], ctx.document.blocks[number].span[1]) is not None


_NAME_IN_TAG = rx.compile(cues.NAME)
_TAG_END = rx.compile(r"[!?;“”\"]|(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)\.")


def _named_in_tag(ctx: _Context, quote: QuoteMarks, block: Block) -> Entity | None:
    """ “You see,” Mr. Bounderby put in / “Not a farthing more,” was the firm reply of Mr.
    Limbkins: a person already known, named in the tag that follows a paragraph's opening
    words (up to the sentence's end or the next quotation) when no cue was read there."""
    text = ctx.text
    start = quote.span[1]
    if not quote.closed or _TAG_AFTER.match(text, start, block.span[1]) is None:
        return None
    end = _TAG_END.search(text, start + 1, block.span[1])
    stop = end.start() if end else block.span[1]
    for found in _NAME_IN_TAG.finditer(text, start, stop):
        if found.group() in ("I", "He", "She", "It", "They", "We"):
            return None
        person = ctx.registry.known(found.group())
        if person is not None and person.may_speak and person.kind == "person":
            return person
    return None


_TAG_AFTER = rx.compile(r"[^\S\n]*\n?[^\S\n]*(?:[a-z]|(?:[A-Z][\w.’']*\s+){1,3}[a-z])")


_GIVEN = cues.ENGLISH.female_names | cues.ENGLISH.male_names


def speech_verbs(settings: QuoteSettings) -> frozenset[str]:
    """The verbs of speaking: the language's and the recipe's own."""
    return cues.ENGLISH.speech_verbs | frozenset(v.lower() for v in settings.speech_verbs)


def registry_words(document: Document) -> tuple[frozenset[str], frozenset[str]]:
    """What the registry of speakers knows of the whole text: the words it writes in lower
    case, and the names it uses as places."""
    return _lower_words(document.text), frozenset(_LOCATED.findall(document.text))
