"""Attribution cues: the words around a quotation that say who spoke it.

    “…,” said Secretary Blinken.        verb, then speaker (after the quote)
    “…,” Blinken said.                  speaker, then verb (after the quote)
    Blinken warned: “…”                 speaker, verb, then the quote
    …, warned Secretary Blinken: “…”    verb, speaker, colon
    According to Blinken, “…”
    Blinken: “…”
A speaker is a proper name (with its titles), a description ("the captain", "a police
spokesperson") or a pronoun.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from earmark.model import quick_init
from earmark.quotes.words import word_lists
from earmark.text import regexes as rx

ENGLISH = word_lists("en")


_DESC_STOP = (
    "at|in|on|of|for|to|from|with|by|and|or|but|who|which|that|after|before|during|as|when|"
    "while|outside|inside|near|about|said|says|told|asked|added|is|was|are|were|has|have|had|"
    "will|would|could|should|can|may|might|did|does|do|been|be|not|also|if|than|because|"
    "since|unless|whether|where|what|then|so|yet|all|both|each|once|more|again"
)
_ABBREVIATED_TITLES = ("Dr", "Mr", "Mrs", "Ms", "Mx", "St", "Jr", "Sr", "Sen", "Rep", "Gov", "Gen",
                       "Col", "Lt", "Sgt", "Capt", "Prof", "Rev", "Insp", "Supt", "Det", "Cllr")
NAME_TOKEN = (
    # an initial ("J."), an abbreviated title ("Mrs."), or a capitalised word, tried in that
    # order; written with the capital first, so that a search skips to the capitals (re finds
    # no first character to skip to in an alternation that starts with a character class).
    # The word is possessive ("*+"): it never gives back a letter, which after a failed match
    # made re try every shorter word (four times the time of a cue search); what may follow a
    # name in these patterns never starts with a word character, ’, ' or -, so no match changes
    r"[A-ZÀ-ÖØ-Þ](?:(?<=[A-Z])\."
    + "".join(rf"|(?<={t[0]}){t[1:]}\." for t in _ABBREVIATED_TITLES)
    + r"|[\w’'\-]*+)"
)
NAME = (
    rf"{NAME_TOKEN}(?:\s+(?:(?:of|of\s+the|for|de|da|del|van|von|der|le|la|al|bin|ibn)\s+)?"
    rf"{NAME_TOKEN})*"
)
# -ly adverbs end a description ("cried his wife impatiently"); a few -ly nouns do not
_LY_NOUNS = ("family", "elderly", "ally", "bully", "belly", "rally", "assembly", "italy")
_ADVERB = rf"(?!(?:{'|'.join(_LY_NOUNS)})\b)[a-z]{{2,}}ly"
# "the Senate minority leader", "the New Jersey governor": capitalised words may stand inside a
# description, but it ends on a lower-case word (its head noun)
_DESC_WORD = rf"(?!(?:{_DESC_STOP}|he|she|they|it|we|you|i)\b)(?!{_ADVERB}\b)"
DESC = (
    rf"(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ur)"
    rf"(?:\s+{_DESC_WORD}(?:[A-Z0-9][\w\-’']*|[a-z][\w\-]*)){{0,3}}"
    rf"\s+{_DESC_WORD}[a-z0-9][\w\-]*"
)
PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|[Ii]t|I)"
ROLE = (
    rf"(?:(?!(?:{_DESC_STOP}|the|a|an|his|her|their|its|our|this|that|he|she|we|they|it|you)"
    r"\b)[a-z][\w\-]*\s+"
    r"(?:of\s+(?=[a-z]))?){0,4}"
)
# "a New Hampshire Republican", "one of those advisers": an indefinite description up to the
# next comma, full stop or relative clause (capitalised words allowed, unlike DESC)
INDEFINITE = (
    r"(?:an?|one|another)\s+(?:of\s+(?:the|those|these|his|her|their|its|our)\s+)?"
    r"(?:[\w\-’']+\s+){0,4}?[\w\-’']+"
    r"(?=\s*(?:[.,;:!?—–]|$)|\s+(?:who|whose|from|of|at|in|with|during|on|after|before|for)\b)"
)
SUBJECT = rf"(?P<subject>(?:[Tt]he\s+)?{NAME}|{DESC}|{PRONOUN})"
_PERSON_LIKE = rx.compile(NAME)


_NOT_INVERTED = frozenset("tell tells told telling".split())


def at_word_start(words: Iterable[str]) -> str:
    """`\\b(?:WORD|WORD ...)` for words that start with a letter, written as each word's first
    letter and then a look-behind for the boundary: re skips a search straight to the
    positions of those letters, which it cannot do for a pattern that starts with `\\b` (a
    third to a fifth of the time on a long text). The words may hold regular expressions
    after their first letter."""
    return "(?:" + "|".join(rf"{w[0]}(?<!\w.){w[1:]}" for w in words) + ")"


def alternation(words: set[str] | frozenset[str]) -> str:
    """A regular expression matching any of the words (a space in one matches any run of
    whitespace), as a trie: "sa(?:ying|ys|id|y)" rather than hundreds of alternatives tried one
    by one at every position. Where one word is a prefix of another, the longer is tried first,
    as in an alternation sorted longest first. The same words give the same text in every
    process (sorted: a set's order changes with the hash seed), so that regexes finds its
    stored program."""
    trie: dict[str, dict] = {}
    for word in sorted(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def depth(node: dict) -> int:
        return max((1 + depth(child) for key, child in node.items() if key), default=0)

    def pattern(node: dict) -> str:
        branches = [
            (r"\s+" if key == " " else re.escape(key)) + pattern(child)
            for key, child in sorted(
                ((k, c) for k, c in node.items() if k), key=lambda kc: -depth(kc[1]))
        ]
        if "" in node:
            branches.append("")
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return pattern(trie)


class Patterns:
    """The cue patterns for one set of speech verbs (compiled once per set)."""

    def __init__(self, verbs: frozenset[str]) -> None:
        words = {*ENGLISH.speech_phrases, *verbs}
        verb = "(?P<verb>" + alternation(words) + ")"
        # verb first ("said X", "X:" after "warned X"): never "told X", whose X is spoken to
        inverted = "(?P<verb>" + alternation(words - _NOT_INVERTED) + ")"
        lead = r"[\s,]*(?:[—–-]\s*)?"
        appositive = r"(?:,\s*(?P<appositive>[^,“”\"]{1,80}),)?"
        adverb = r"(?:[a-z]+ly\s+)?"
        # after a quote: "Sotomayor has said", "the president will say", "X is quoted as saying"
        aux = (
            r"(?:(?:[a-z]+ly|has|have|had|will|would|also|later|then|once|again|can\s+be\s+heard"
            r"|is\s+quoted\s+as|was\s+quoted\s+as)\s+){0,3}"
        )
        # "Harry Bond, 30, of Raleigh, N.C., who was among those polled, said": commas inside
        long_appositive = (
            r"(?:,\s*(?P<appositive>(?:[^“”\"!?.;]|\.(?!\s)|"
            r"\b(?:Gov|Sen|Rep|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Lt|Col|Capt|Prof|Rev|Va|Fla)\.\s)"
            r"{1,160}?),)?"
        )
        paren = r"(?:\s*\([^()“”\"]{1,30}\))?"  # "Sen. Marco Rubio (R-Fla.)"
        reflexive = r"(?:\s+(?:himself|herself|itself|themselves))?"  # "Cruz himself said"
        # "A spokesman for the force said": the subject, then a short phrase to skip
        attached = r"(?:\s+(?:for|of|from|at|with)\s+(?:the\s+)?[\w\-]+(?:\s+[A-Z][\w\-]*)?)?"
        self.after = (
            rx.compile(rf"{lead}{inverted}\s+(?:{ROLE})?{SUBJECT}(?![\w])"),
            rx.compile(
                rf"{lead}{SUBJECT}{paren}{reflexive}{attached}{long_appositive}\s+{aux}"
                rf"(?:{verb}|reads?)\b"
            ),
            rx.compile(rf"\s*[—–]\s*(?P<subject>{NAME})\s*\.?\s*$"),  # “…” — Jane Doe
            # “…,” campaign manager Robby Mook said / Huckabee spokeswoman Alice Stewart said
            rx.compile(
                rf"{lead}(?:(?:[A-Z][a-z]{{0,3}}\.|[A-Za-z][\w\-’']*),?\s+){{1,6}}?"
                rf"(?P<subject>{NAME}){paren}"
                rf"{long_appositive},?\s+{aux}{verb}\b"
            ),
            # “…,” the independent Vermont senator and Democratic presidential candidate said
            rx.compile(
                rf"{lead}(?P<subject>(?:[Tt]he|[Aa]n?|[Ss]ome|[Mm]any|[Ss]everal)\s+"
                rf"(?:[\w\-’'.]+\s+){{0,8}}?[\w\-’'.]+){long_appositive}\s+{aux}(?:{verb}|reads?)\b"
            ),
            # “…,” said a New Hampshire Republican / added one of those advisers, who ...
            rx.compile(rf"{lead}{verb}\s+(?P<subject>{INDEFINITE})"),
            # “…,” read the statement: a text that speaks, only with the verb first
            rx.compile(rf"{lead}(?P<verb>reads?)\s+{SUBJECT}(?![\w])"),
            rx.compile(rf"{lead}according\s+to\s+(?:{SUBJECT}|(?P<subject2>{INDEFINITE}))"),
        )
        # dialogue: “…,” grinned Tom / “…!” she snapped: any -ed verb next to a name
        subject = rf"(?P<subject>{PRONOUN}|{NAME})"
        self.dialogue = (
            rx.compile(rf"{lead}(?P<verb>[a-z]{{3,}}ed)\s+{subject}(?![\w])"),
            rx.compile(rf"{lead}{subject}\s+{adverb}(?P<verb>[a-z]{{3,}}ed)\b"),
        )
        self.before_end = (
            rx.compile(rf"[Aa]ccording\s+to\s+{SUBJECT}\s*,?\s*$"),
            # "Said Dorothy Poynter, who grew up with him, “We were all so proud.”"
            rx.compile(
                rf"^\W*(?i:{inverted})\s+(?:{ROLE})?{SUBJECT}{long_appositive}\s*[:,]?\s*$"
            ),
            rx.compile(rf"(?:^|[,;:—–”\"]\s*){inverted}\s+(?:{ROLE})?{SUBJECT}\s*[:,]\s*$"),
            # transcript: "RAMOS: “…”"; a headline's byline: "… - Philip Bump: “…”"
            rx.compile(rf"(?:^|\s[—–-]\s+(?:More\s+from\s+)?)\s*(?P<subject>{NAME})\s*:\s*$"),
        )
        self.before_any = rx.compile(
            rf"(?<![\w]){SUBJECT}{reflexive}{attached}{appositive}\s+{adverb}{verb}\b"
        )


_PATTERNS: dict[frozenset[str], Patterns] = {}


_LATEST: list[tuple[frozenset[str], Patterns]] = []


def patterns(verbs: frozenset[str]) -> Patterns:
    """The compiled cue patterns for a set of speech verbs (compiled once per set; the set of
    the document being read is found by identity, not by comparing its few hundred verbs)."""
    if _LATEST and _LATEST[0][0] is verbs:
        return _LATEST[0][1]
    if verbs not in _PATTERNS:
        _PATTERNS[verbs] = Patterns(verbs)
    _LATEST[:] = [(verbs, _PATTERNS[verbs])]
    return _PATTERNS[verbs]


@quick_init
@dataclass(frozen=True, slots=True)
class Cue:
    subject: str
    kind: str
    """"name", "description" or "pronoun"."""
    span: tuple[int, int]
    """The attribution phrase (verb and speaker) in the document text."""


_IS_PRONOUN = rx.compile(PRONOUN)
_INDEFINITE_WORDS = frozenset(("a", "an", "one", "another"))
_IS_DESC = rx.compile(DESC)
_IS_NAME = rx.compile(NAME)


@lru_cache(maxsize=65536)  # a pure function of the words, which a book repeats
def _kind(subject: str) -> str:
    if _IS_PRONOUN.fullmatch(subject):
        return "pronoun"
    words = subject.split(None, 2)
    if (
        _IS_DESC.fullmatch(subject)
        or words[0] in _INDEFINITE_WORDS
        or (len(words) > 1 and words[0].lower() == "the" and (
            words[1][:1].islower() or (len(words) == 2 and _demonym(words[1]))
            or person_noun(subject.rsplit(None, 1)[-1])))  # "the Florida senator"
    ):
        return "description"
    return "name"


_GIVEN_NAMES = ENGLISH.female_names | ENGLISH.male_names
_DEMONYM = rx.compile(r"[A-Z][a-z]+(?<!m)(?:an|ese|ish)")  # not "the Footman"


def _demonym(word: str) -> bool:
    """ "the American", "the Texan", "the Republican": a word of a people or a party, which
    with "the" describes a person (not a name: "American" alone is no one)."""
    key = word.lower()
    return key in ENGLISH.place_words or (key in ENGLISH.peoples and key not in _GIVEN_NAMES) or (
        bool(_DEMONYM.fullmatch(word)) and key not in _GIVEN_NAMES
    )


_NOT_MODIFIERS = frozenset((*_DESC_STOP.split("|"), "the", "a", "an", "his", "her", "their"))


def _modifier_then_name(role: re.Match[str]) -> bool:
    """ "said Oversight ranking Democrat Elijah Cummings": modifiers before a name with a
    given name in it (not "said Clinton in an interview with John Dickerson", where a
    function word says the name is another's)."""
    between = role.string[role.start() : role.start("name")].split()
    return not any(w in _NOT_MODIFIERS for w in between) and any(
        w.lower() in _GIVEN_NAMES for w in role.group("name").split()
    )


def _titles_only(subject: str) -> bool:
    """ "The Prime Minister": a title with no name (the name may follow in an appositive)."""

    words = [w.lower().strip(".") for w in subject.split() if w.lower() not in ("the", "of")]
    return bool(words) and all(w in ENGLISH.titles for w in words)


_NAME_THEN_WORD = rx.compile(rf"\s+((?:{NAME_TOKEN}\s+)*[A-ZÀ-ÖØ-Þ][\w’'\-]*)(?=\s+[a-z])")
_NAME_AFTER = rx.compile(rf"\s+((?:{NAME_TOKEN}\s+)*[A-ZÀ-ÖØ-Þ][\w’'\-]*)(?=\s*(?:[.,;:!?—–]|$))")


_ROLE_THEN_NAME = rx.compile(
    rf"(?:\s+[a-z][\w\-]*){{0,2}}?\s+(?P<role>[a-z][\w\-]*)"
    rf"\s+(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN})+)"
)


_ROLE_AFTER = rx.compile(r"(?:\s+[a-z][\w\-]*)?\s+([a-z][\w\-]*)")
"""The lower-case words after a party's word in a description, ending in a role."""
_RANK_THEN_NAME = rx.compile(
    rf"(?:\s+[a-z][\w\-]*)?(?:\s+(?P<role>[a-z][\w\-]*)|\s+\d+(?:st|nd|rd|th))"
    rf"\s+(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN})+)"
)


def _cue(match: re.Match[str], offset: int) -> Cue:
    subject = match.group("subject") or match.groupdict().get("subject2") or ""
    if subject == "I.":
        subject = "I"  # "said I.": the narrator, not an initial
    appositive = (match.groupdict().get("appositive") or "").strip()
    named = _NAME_AFTER.match(match.string, match.end("subject")) if subject else None
    if subject[:4] in ("the ", "The ") and not subject.endswith(("’s", "'s")):
        # "said the Florida senator", "said the Democratic nominee": the description of a
        # person, not "the Florida" (but "said the King very ..." is the King)
        longer = _IS_DESC.match(match.string, match.start("subject"))
        extension = (match.string[match.end("subject") : longer.end()].split()
                     if longer is not None else [])
        if extension and person_noun(extension[-1]) and not any(
            w[:1].isupper() or verb_like(w) for w in extension
        ):
            subject = longer.group()
            named = None
    if named is None and subject[:4] in ("the ", "The ") and " " not in subject[4:] and (
        not person_noun(subject[4:].lower())
    ):
        # "remarked the wary Jones as they left": an adjective, then the name
        named = _NAME_THEN_WORD.match(match.string, match.end("subject"))
    if named is not None and _kind(subject) == "description":
        # "said the unsympathetic Marilla": the description's words describe the name after
        return Cue(named.group(1), "name", (offset + match.start(), offset + named.end()))
    if subject and subject[:1].isupper() and (
        " " not in subject or HYPHEN_MODIFIER.fullmatch(subject.rsplit(None, 1)[-1])
        or subject.rsplit(None, 1)[-1].lower() in ENGLISH.peoples
    ):
        # "said Democratic pollster Geoff Garin", "said Florida-based Republican strategist Al
        # Cardenas": capitalised words, a role, then the name
        role = _ROLE_THEN_NAME.match(match.string, match.end("subject"))
        if role is not None and (role_word(role.group("role")) or _modifier_then_name(role)):
            return Cue(role.group("name"), "name", (offset + match.start(), offset + role.end()))
    elif subject[:1].isupper() and " " in subject:
        # "wrote Post White House bureau chief Juliet Eilperin", "said Air Force 1st Lt. Tyler
        # Livingston": an organisation's name, its role words, then the person
        role = _RANK_THEN_NAME.match(match.string, match.end("subject"))
        if role is not None and (
            role_word(role.group("role") or "") or _modifier_then_name(role)
        ):
            return Cue(role.group("name"), "name", (offset + match.start(), offset + role.end()))
    last = subject.rsplit(None, 1)[-1] if subject else ""
    if last.lower() in ENGLISH.peoples or (len(last) > 1 and last.isupper() and last.isalpha()):
        # "said one Democrat", "one senior Democrat said", "said one former GOP aide": a
        # determiner and lower-case words before a people's or a party's word (or initials)
        # describe someone ("one senior Democrat")
        before = match.string[match.start() : match.start("subject")].split()
        cut = next((i for i in range(len(before) - 1, -1, -1)
                    if before[i].lower() in _INDEFINITE_WORDS), None)
        if cut is not None and all(w.islower() for w in before[cut + 1 :]):
            subject = " ".join((*before[cut:], subject))
            role = _ROLE_AFTER.match(match.string, match.end("subject"))
            if role is not None and role_word(role.group(1)):
                subject += role.group()  # "said one former GOP leadership aide"
    if _IS_NAME.fullmatch(appositive) and (
        _kind(subject) == "description" or _titles_only(subject)
    ):
        subject = appositive  # "His deputy, Lena Park, said": the name, not the description
    start = offset + match.start()
    text = match.string
    while start < offset + match.end() and not text[start - offset].strip(" ,—–-"):
        start += 1
    return Cue(subject, _kind(subject), (start, offset + match.end()))


_DASH_AFTER = rx.compile(r"(?:--|[—–])[^\S\n]*")


def after_quote(text: str, start: int, end: int, verbs: frozenset[str]) -> Cue | None:
    """A cue right after a closing quote mark: "said X" or "X said", a dash between allowed
    (“Good night,”--said he).

    After a quotation that ends its sentence (“… done.”), the cue must end its own sentence
    too ("Ruiz said."): otherwise the words after it start a new sentence of narration.
    """
    sentence_ended = start >= 2 and text[start - 2] in ".…"
    mark = start
    dashed = _DASH_AFTER.match(text, start, end)
    if dashed and not sentence_ended:
        start = dashed.end()  # “Good morning to you,”--said he: a dash between mark and cue
    window = text[start : min(end, start + 200)]
    compiled = patterns(verbs)
    candidates = compiled.after
    if mark >= 2 and (text[mark - 2] in ",!?—–-" or dashed):
        candidates = (*candidates, *compiled.dialogue)
    for pattern in candidates:
        match = pattern.match(window)
        if match and (not sentence_ended or _SENTENCE_END.match(window, match.end())) and (
            not _adjective_then_noun(match)
        ):
            return _cue(match, start)
    if not sentence_ended and not dashed and start >= 2 and text[start - 2] not in ",!?":
        # “… unlikely” that Sanders can catch Clinton, said Steve Elmendorf: the sentence goes
        # on after the quotation, then the cue
        carry = _CONTINUATION.match(window)
        if carry:
            for pattern in compiled.after[:2] + compiled.after[3:5]:
                match = pattern.match(window, carry.end())
                if match:
                    return _cue(match, start)
    return None


_BASE_VERBS = frozenset(
    w for w in ENGLISH.speech_verbs
    if f"{w}s" in ENGLISH.speech_verbs or f"{w}es" in ENGLISH.speech_verbs
    or (w.endswith("y") and f"{w[:-1]}ies" in ENGLISH.speech_verbs)
)
"""The plain forms of the verbs of speaking ("say", "whisper", "cry"), each also a noun."""
BASE_VERBS = _BASE_VERBS
_DETERMINERS = frozenset("a an one another the his her their its our".split())
_PLURAL_HEADS = frozenset(
    "people police children folk both few many several two three four five six seven eight "
    "nine ten".split()
)


def _adjective_then_noun(match: re.Match[str]) -> bool:
    """ "in a hoarse whisper", "the absurd answer", "his prompt reply": a singular
    description right before a plain verb form is an adjective before a noun (a singular
    subject says "whispers", "answered"), not a speaker and a verb; "the voters say" and
    "the aide will say" are."""
    if "verb" not in match.re.groupindex:
        return False
    possessor = match.group("subject")
    if possessor.endswith(("’s", "'s")) and " " not in possessor and (
        possessor[:-2].lower() not in _GIVEN_NAMES
    ) and match.start("verb") >= match.end("subject") and not match.string[
            match.end("subject") : match.start("verb")].strip():
        # "Pyongyang's claims", "Editor’s note": a possessive before its noun ("Elizabeth's
        # reply was", "Mrs Smith's reply" are theirs)
        return True
    if match.group("verb") not in _BASE_VERBS:
        return False
    words = match.group("subject").split()
    head = words[-1]
    return (
        len(words) > 1 and words[0].lower() in _DETERMINERS
        and not head.endswith(("s", "men")) and head not in _PLURAL_HEADS
        and not match.string[match.end("subject") : match.start("verb")].strip()
    )


_PREPOSITION_WORDS = [
    [w] for w in "at At in In on On of by from with into to for near after down through "
    "across under along around".split()
]
HYPHEN_MODIFIER = rx.compile(
    r"[A-Z][\w’']*(?:-[A-Z][\w’']*)*-(?:based|area|born|bred|raised|led|backed|owned|funded|run"
    r"|era|style|made|affiliated|aligned|leaning|friendly|centric|level|appointed|supporting)"
)
"""A place or a name made an adjective ("Angeles-based", "Korean-born", "Obama-era"; not
"Ban Ki-moon")."""
_PLACE_PREPOSITIONS = [[w] for w in "in at near inside outside throughout".split()]
"""Before a capitalised subject: "a town hall meeting in Columbus, Ohio, said" is a place."""


def _no_subject(match: re.Match[str]) -> bool:
    """ "At the end of the week Marilla said": a phrase after a preposition is no subject;
    "the east gable, where Anne was standing, said": nor a place that "where" describes."""
    start = match.start()
    text = match.string
    before = text[max(0, start - 8) : start].rsplit(None, 1)[-1:]
    if text[start].islower() and before in _PREPOSITION_WORDS:
        return True  # (only a description's lower-case "the", "a" follows any preposition)
    if before in _PLACE_PREPOSITIONS:
        return True  # "in Columbus, Ohio, said": a place
    appositive = match.group("appositive")
    return appositive is not None and (
        appositive.lstrip().startswith(("where ", "when "))
        or appositive.strip().lower() in ENGLISH.place_words  # "Columbus, Ohio, said"
    )


_SENTENCE_END = rx.compile(r"\s*(?:[.,;:!?]|$)")
_CONTINUATION = rx.compile(r"\s*[a-z][^“”\"«».!?;:]{0,150}?(?=,\s)")


def before_quote(
    text: str, start: int, end: int, verbs: frozenset[str], max_words: int
) -> Cue | None:
    """A cue in the same sentence before an opening quote mark, the nearest one."""
    window = text[start:end]
    compiled = patterns(verbs)
    for pattern in compiled.before_end:
        match = pattern.search(window)
        if match:
            return _cue(match, start)
    best = None
    for match in compiled.before_any.finditer(window):
        if len(window[match.end() :].split()) <= max_words and not _adjective_then_noun(match) and (
            not _no_subject(match)
        ):
            best = _cue(match, start)
    return best


_OPENER = r"(?:(?:[A-Z][\w’']*(?:\s+[\w’']+){0,5},|But|And|Then|So|Yet|Still|Later|Now|Also)\s+)?"
_NOT_VERB = (
    r"(?!(?:of|and|or|in|on|at|for|to|from|with|by|who|which|that|whose|the|a|an|as|said|says"
    r")\b)"
)
_SENTENCE_SUBJECT = rx.compile(
    rf"\W*{_OPENER}(?P<subject>[Hh]e|[Ss]he|{DESC}|(?:[Tt]he\s+)?{NAME})(?<![’']s)"
    rf"(?:\s*\([^()“”\"]{{1,30}}\))?(?:,[^,“”\"]{{1,100}},)?\s+{_NOT_VERB}(?P<verb>[a-z]{{2,}})\b"
)
_ROLE_SUBJECT = rx.compile(
    rf"\W*{_OPENER}(?:[A-Z][\w’'\-]*\s+)?(?P<role>(?:[a-z][\w\-]*\s+){{1,3}})"
    rf"(?P<subject>{NAME})(?<![’']s)(?:,[^,“”\"]{{1,100}},)?\s+{_NOT_VERB}(?P<verb>[a-z]{{2,}})\b"
)
"""A subject named after its role: "Band member Flea shared ...", "campaign manager Robby Mook
said"."""
_ROLE_NOUN = rx.compile(r"[a-z\-]*(?:man|woman|person|er|or|ist|ant|ent|aide|chief|head)")
_NOT_ROLES = frozenset("for or after over under her their whether never ever other rather "
                       "against went sent meant spent".split())


def role_word(word: str) -> bool:
    """ "consultant", "chairman", "spokeswoman", "adviser", "member": a word naming a role."""
    return word in ENGLISH.titles or word == "member" or (
        bool(_ROLE_NOUN.fullmatch(word)) and word not in ENGLISH.speech_verbs
        and word not in _NOT_ROLES
    )


_PERSON_SUFFIX = rx.compile(r"[a-z\-]{2,}(?:man|woman|person|ist|ian|ant|ent|er|or|ess)")
_PERSON_NOUNS = frozenset(
    "fan child stranger visitor guest official candidate nominee aide adviser advisor clerk "
    "servant maid host hostess landlady landlord lad lass youth prisoner companion friend "
    "neighbour neighbor magistrate physician surgeon nurse doctor judge juror witness victim "
    "suspect pupil scholar boy girl man woman gentleman lady fellow stationmaster official".split()
)
_NOT_PERSONS = frozenset(
    "paper number letter corner weather winter summer center centre matter order water dinner "
    "computer monitor error factor sector motor mirror minor major door floor color colour "
    "interior exterior element moment comment statement government department agent "
    "parent argument document event content president answer accent talent".split()
)


def person_noun(word: str) -> bool:
    """Whether a description's head noun names a person ("the stationmaster", "the actor",
    "the child"), not a thing ("the report", "the paper")."""
    return word in _PERSON_NOUNS or word in ENGLISH.titles or word in ENGLISH.male_words or (
        word in ENGLISH.female_words
    ) or (bool(_PERSON_SUFFIX.fullmatch(word)) and word not in _NOT_PERSONS)


_IRREGULAR_PAST = frozenset(
    "told wrote spoke took gave made went came got put read began held left sent kept took "
    "brought thought felt found sat stood ran met led won lost struck sang spent"
    .split()
)
_AUXILIARY = frozenset(
    "is was has had have will would can could did does then also later once".split()
)


def verb_like(word: str) -> bool:
    """Whether the word after a sentence's subject can be its verb ("Trump then appears",
    "She addressed"): -ed, -s, an irregular past, an auxiliary, an -ly adverb."""
    return (
        word.endswith(("ed", "s"))
        or (word.endswith("ly") and word not in _LY_NOUNS)  # "An interfaith rally had"
        or word in _IRREGULAR_PAST
        or word in _AUXILIARY
        or word in ENGLISH.speech_verbs
    )
_PARTICIPLE_END = rx.compile(
    r",\s*(?:and\s+)?(?:saying|telling|adding|writing|noting|declaring|asking|arguing|explaining|"
    r"warning|insisting|calling|urging|stating|tweeting|replying|answering|responding|quipping|"
    r"joking|recalling|proclaiming)\b[^.!?“”\"]{0,60}?[,:]?\s*$"
)
_INTRO_END = rx.compile(r"[,:]\s*$")


def sentence_subject(text: str, start: int, end: int, any_intro: bool) -> Cue | None:
    """The subject of the sentence that introduces a quotation with no cue of its own:
    "Trump then appears in a clip, saying, “…”" / "She then addressed the crowd again: “…”".
    Only after a participle of speaking, or (any_intro) any introduction ending in a comma or
    colon."""
    window = text[start:end]
    if not (_PARTICIPLE_END.search(window) or (any_intro and _INTRO_END.search(window))):
        return None
    match = _SENTENCE_SUBJECT.match(window)
    if match is None or not verb_like(match.group("verb")) or _adjective_then_noun(match):
        # ("the absurd answer": an adjective and a noun, no subject and verb)
        match = _ROLE_SUBJECT.match(window)
        if (match is None or not verb_like(match.group("verb"))
                or not role_word(match.group("role").split()[-1])):
            return None
    subject = match.group("subject")
    verb = match.group("verb")
    if verb.endswith("s") and subject[:1].isupper() and _kind(subject) == "name" and (
        person_noun(verb[:-1])
    ):
        # "Andrean High School fans also chanted": the fans, a group the name describes
        group = f"{subject} {verb}"
        return Cue(group, "description", (start + match.start("subject"), start + match.end()))
    return Cue(subject, _kind(subject), (start + match.start("subject"), start + match.end()))


def participle_intro(text: str, start: int, end: int) -> bool:
    """Whether the words before a quotation end in ", saying," (the sentence's subject speaks)."""
    return bool(_PARTICIPLE_END.search(text, start, end))


_BEAT_AFTER = rx.compile(rf"\s*(?P<subject>{PRONOUN}|{NAME})\s+[a-z]")
_BEAT_BEFORE = rx.compile(
    rf"(?:^|[.!?…]\s+)(?P<subject>{PRONOUN}|{NAME})\s+[a-z][^.!?…“”\"]*[.!?…]\s*$"
)


def action_beat(
    text: str, after: tuple[int, int] | None, before: tuple[int, int] | None
) -> Cue | None:
    """The subject of the sentence right after (or before) a quotation that has no cue:
    “Fine.” She turned away. / Mary pulled out a chair. “Sit down.”"""
    matches = (_BEAT_AFTER.match(text, *after) if after else None,
               _BEAT_BEFORE.search(text, *before) if before else None)
    match = next((m for m in matches if m), None)
    if match is None:
        return None
    subject = match.group("subject")
    return Cue(subject, _kind(subject), (match.start("subject"), match.end("subject")))


def names_in(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Proper-name phrases (with their titles) between start and end, with positions."""
    return [(m.start(), m.group()) for m in _PERSON_LIKE.finditer(text, start, end)]
