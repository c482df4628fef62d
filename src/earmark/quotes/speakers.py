"""Who is who: canonical speakers from the many ways a text names them.

"Secretary of State Antony Blinken", "Secretary Blinken", "Blinken" and a later "he" are one
person (canonical name: the fullest name without titles). Two people who share a surname stay
two; a surname alone then goes to the one whose title matches, else to the one mentioned last.
Organisations ("the Ministry of Defence") and descriptions ("the captain") can speak too.
A bare plural of people ("Analysts said", "Friends offered") is a group: it speaks when a cue
names it, but a later "he" or "she" is never it. A phrase that names no one (a day, a month, a
people's or a party's word alone, an interjection, a contraction, a place, a headline) is no
speaker: its quotation goes to the speaker the text shows, else stays unattributed.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import lru_cache

from earmark.quotes.cues import _PERSON_NOUNS, HYPHEN_MODIFIER, _demonym, person_noun, role_word
from earmark.quotes.words import word_lists
from earmark.text import regexes as rx

ENGLISH = word_lists("en")
_ROMAN = rx.compile(r"[IVXLCDM]+\.?")
_SUBJECT_REACH = 450
"""How far back (characters) a sentence subject is still the likely "he" or "she"."""
_GIVEN_NAMES = ENGLISH.female_names | ENGLISH.male_names
_MALE_NOUNS = frozenset("man gentleman boy lad fellow youth".split())
_FEMALE_NOUNS = frozenset("woman lady girl lass".split())
_SCENE = 1500
"""How far back (characters) a person named is still in the scene a description is read in."""
_MOTHER_MENTIONS = 3
"""How often "Mrs. X" with no given name makes her someone else than a "Given X" (_mother_of)."""
_PREPOSITIONS = frozenset("in of for at from with on by near who which that".split())
_ADJECTIVE = rx.compile(r"[a-z]{3,}(?:ous|ful|less|able|ible)")
"""The last word of "a thunderous", "a nervous": an adjective whose noun the cue lost."""
_LONGEST_NAME = 5
"""Words in a personal name without its titles ("Martin Luther King Jr." has four)."""
_HONORIFICS = frozenset("mr mrs ms mx miss sir dame dr madam madame lord lady".split())
_PLURAL_TITLES = frozenset("misses messrs mesdames".split())
"""Titles of more than one person ("the Misses Cuss"): a group."""


def gender_of(titles: frozenset[str] | set[str]) -> str | None:
    """The gender that title words say ("mrs": "female", "sir": "male"), if any."""
    if titles & ENGLISH.male_words:
        return "male"
    if titles & ENGLISH.female_words:
        return "female"
    return None


_TITLE_WORDS = {  # an abbreviated title as its word (cues.py knows their spelling)
    "gov": "governor", "sen": "senator", "rep": "representative", "gen": "general",
    "capt": "captain", "col": "colonel", "lt": "lieutenant", "sgt": "sergeant",
    "prof": "professor", "dr": "doctor", "supt": "superintendent", "cmdr": "commander",
    "pres": "president", "sec": "secretary", "rev": "reverend",
}


_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen twenty thirty forty"
    " fifty sixty seventy eighty ninety hundred thousand million billion".split()
)
"""A name never ends in one ("Building Twenty", "Ocean's Eleven"): a place's, a group's, a
title's."""


_DOCUMENTS = frozenset(
    "statement statements email e-mail emails ad ads advert advertisement letter report memo"
    " lawsuit suit complaint filing document documents release readout transcript editorial"
    " website site post tweet message note petition survey poll summary copy sign caption"
    " voice-over book play film movie song column article plan account".split()
)
"""Things that carry someone's words ("the statement said"): its issuer speaks."""
_DETERMINERS = frozenset("the a an his her their its our my your one some another".split())
_SECOND_TITLES = frozenset("lt lieutenant vice deputy assistant under acting associate".split())
"""Title words that make another office of the title after them ("Lt. Gov.")."""


def _plain(name: str) -> bool:
    """A one-word name that may be short for a longer one ("Rabbit" for "White Rabbit"):
    not a title's or an institution's word, which a longer name makes another office or
    body ("President" and "Vice President", "House" and "White House")."""
    word = _word(name)
    return " " not in name and word not in ENGLISH.titles and (
        word not in ENGLISH.organisation_words)


def _ends_with_name(longer: str, name: str) -> bool:
    """ "White Rabbit" ends with the name "Rabbit", "Frog-Footman" with "Footman"."""
    return len(longer) > len(name) + 1 and longer.endswith(name) and (
        longer[-len(name) - 1] in " -")


_THE_WORD = rx.compile(r"[Tt]he\s+([A-Z][a-z]+)")


def _title_alone(surface: str) -> bool:
    """ "the King", "the President", "the Emperor": "the" and one title word."""
    found = _THE_WORD.fullmatch(surface)
    return found is not None and _full_title(_word(found.group(1))) in ENGLISH.titles


def _full_title(word: str) -> str:
    """A title as a word: "gov" (from "Gov.") is "governor"."""
    return _TITLE_WORDS.get(word, word)


def _given_gender(first: str) -> str | None:
    key = first.lower()
    if key in ENGLISH.female_names and key not in ENGLISH.male_names:
        return "female"
    if key in ENGLISH.male_names and key not in ENGLISH.female_names:
        return "male"
    return None


def _honorific(titles: frozenset[str]) -> str:
    for title in ("mrs", "miss", "ms", "mr", "lady", "lord", "sir", "dr"):
        if title in titles:
            return title.capitalize()
    return sorted(titles)[0].capitalize()


_KIN: dict[str, tuple[str, frozenset[str]]] = {
    "wife": ("female", frozenset({"mrs", "lady"})),
    "lady": ("female", frozenset({"mrs", "lady"})),
    "mother": ("female", frozenset({"mrs", "lady"})),
    "husband": ("male", frozenset({"mr", "sir", "lord"})),
    "father": ("male", frozenset({"mr", "sir", "lord"})),
    "sister": ("female", frozenset({"miss"})),
    "daughter": ("female", frozenset({"miss"})),
    "brother": ("male", frozenset({"mr"})),
    "son": ("male", frozenset({"mr"})),
}
"""Kinship words a "his"/"her" description may resolve through, with the gender and the
titles of the relative it names."""
_POSSESSIVE = rx.compile(r"(?:['’]s|s['’])$")


_HEAD_ENDS = frozenset(
    # pronouns and determiners ("the boy shaking his ...", "the city embodied the ..."),
    # adverbs ("her mother soon afterwards", "the dying woman aloud"), auxiliaries, and the
    # prepositions that do not attach a phrase to the person ("her voice into ...", "a friend
    # without ...", "a sleepy voice behind her"; "a staffer in the room" keeps its "in")
    "he she it we they i you him her his them their its me us our my your this these those "
    "the a an such whose soon afterwards aloud back here there now perhaps then very really "
    "still just quite again away too close over is was are were be been being has have had "
    "will would could should can may might must do does did into behind without through "
    "under upon across toward towards beside against within among to".split()
)
_OBJECTS = frozenset("him her his them their its me us our my your the a an such".split())
_PARTICIPLE = rx.compile(r"[a-z]{2,}(?:ed|ing)")
_PAST_FORMS = frozenset(
    "held heard known told wrote spoke took gave made went came got put began left sent kept "
    "brought thought felt found sat stood ran met led won lost struck sang spent saw said "
    "looked".split()
)


def head_end(surface: str) -> str:
    """A description up to its head noun: "her mother soon afterwards" is "her mother", "the
    boy shaking his fist" "the boy", "the Vermont senator emailed supporters" "the Vermont
    senator", "the person addressed" "the person", "her brother--" "her brother". The
    determiner and the word after it always stay ("the dying woman", "the astonished
    father")."""
    if "--" in surface:
        surface = surface.split("--", 1)[0]
    words = surface.split()
    for index in range(2, len(words)):
        word = words[index].lower()
        if words[index - 1].lower() in _PREPOSITIONS:
            continue  # "a staffer in the room", "the mother of the boy"
        if word in _HEAD_ENDS or (word.endswith("ly") and len(word) > 4
                                  and word not in _LY_NOUNS_ALL):
            words = words[:index]
            if word in _OBJECTS and len(words) > 2:
                words = words[:-1]  # the verb before its object: "the Dormouse shook its"
            break
        if (_PARTICIPLE.fullmatch(word) or word in _PAST_FORMS) and _person_like(
                words[index - 1]):
            words = words[:index]  # "the boy shaking", "the actor held", "the King looked"
            break
    while len(words) > 2 and (
        _PARTICIPLE.fullmatch(words[-1].lower()) or words[-1].lower() in _PAST_FORMS
    ):
        words = words[:-1]  # "the village heard", "a source involved"
    return " ".join(words)


_LY_NOUNS_ALL = frozenset("family elderly ally bully belly rally assembly italy".split())


def _person_like(word: str) -> bool:
    return person_noun(word.lower())


_ABSTRACT = rx.compile(r"[a-z\-]{3,}(?:ment|ness|tion|sion|ance|ence|ing)")
_ABSTRACT_SPEAKERS = frozenset(
    # texts, organisations and people whose names end like abstract nouns
    "statement document comment government department parliament management settlement "
    "regiment witness "
    "highness organization organisation administration commission coalition association "
    "foundation corporation federation delegation opposition prosecution nation station "
    "congregation convention conference audience defence defense eminence reverence king "
    "viking offspring".split()
)


def abstract_noun(word: str) -> bool:
    """ "her astonishment", "an abstraction", "the circumstance", "her opening", "his
    having": a head that names a quality, an act or an event, no one who speaks ("the
    statement", "the administration", "the audience", "the king" do; so do -ling words:
    "the darling")."""
    return (
        bool(_ABSTRACT.fullmatch(word)) and word not in _ABSTRACT_SPEAKERS
        and not word.endswith("ling")
    )


@dataclass(eq=False)
class Entity:
    """One person, group or organisation that may speak (the quote stage's view of a speaker:
    every name it goes by, and what is known of it); the plan's model.Speaker is its result."""

    canonical: str
    kind: str
    """"person", "organisation" or "description"."""
    first: str | None = None
    last: str | None = None
    titles: set[str] = field(default_factory=set)
    aliases: list[str] = field(default_factory=list)
    last_seen: int = -1
    spoke: bool = False
    gender: str | None = None
    """"male" or "female" when a title, a kinship word, a first name or a pronoun that refers
    to them says so ("Mrs", "his wife", "Mary", "she said")."""
    subject_seen: int = -1
    """Where it was last the subject of a sentence ("Sanders argued ...") or of a cue: who a
    later "he" or "she" most likely is."""
    talker: bool = False
    """Whether the narration has it as the subject of a verb of speaking ("Nehlen responded"):
    a person, even when known by one name."""
    named_first: bool = False
    """Whether the first name is a known given name (evidence that this is a person)."""
    plain_words: bool = False
    """Whether its name holds a word the text also writes in lower case and no given name
    ("Ogre Fact", "Hard Fact"): being a sentence's subject shows no person then."""
    last_surface: str | None = None
    """The words of its latest mention by name or description ("Senator Rubio", "the Florida
    senator"): what a later "he said" refers back to."""
    group: bool = False
    """Whether its one name is a plural of people ("Analysts", "Friends", "Latinos"): a group,
    which may speak when a cue names it, but is never the "he" or "she" of a later cue."""

    @property
    def personal(self) -> bool:
        """Whether anything shows this is a person (not a place or a thing that a capitalised
        phrase names): a title, a known first name, a gender, having spoken, or a full name
        (not a place's) as the subject of a sentence ("Kit Morrow spoke first.")."""
        return (
            bool(self.titles) or self.named_first or self.gender is not None or self.spoke
            or (self.talker and not self.place_like)
            or (self.subject_seen >= 0 and self.kind == "person" and self.first is not None
                and not self.place_like and not self.plain_words)
        )

    located: bool = False
    """Whether the text has it after "in", "at", "near" ... ("in Baltimore", "at Green
    Gables"): a place, unless a title or a given name says it is a person."""

    @property
    def place_like(self) -> bool:
        """A name with a place's or a thing's word in it ("South Carolina", "Trump Tower"), or
        one the text uses as a place ("at Green Gables")."""
        return (self.located and not self.titles and not self.named_first) or any(
            _word(w) in ENGLISH.place_words for w in self.canonical.split()
        )

    @property
    def may_speak(self) -> bool:
        """Whether it can be a speaker: no place ("South Carolina", "at Green Gables"; "a New
        Hampshire Republican" is a person), unless a title, a given name or a verb of speaking
        says it is a person ("Virginia Woolf", "Senator Carolina Reyes")."""
        last = _word(self.canonical.rsplit(None, 1)[-1])
        if self.kind == "person" and not self.titles and " " in self.canonical and (
            last in _ADDRESS_WORDS
        ):
            return False  # "Montague Place", "Westgate Buildings": an address, given name or not
        return self.kind != "person" or bool(self.titles) or self.named_first or (
            last not in ENGLISH.place_words and (self.talker or not self.located)
        )

    def learn_first_name(self, first: str | None) -> None:
        key = (first or "").lower()
        if key in ENGLISH.female_names:
            self.named_first = True
            self.gender = self.gender or "female"
        elif key in ENGLISH.male_names:
            self.named_first = True
            self.gender = self.gender or "male"

    def learn_gender(self, words: set[str] | frozenset[str]) -> None:
        if words & ENGLISH.male_words:
            self.gender = "male"
        elif words & ENGLISH.female_words:
            self.gender = "female"

    mentions: int = 0

    def seen(self, surface: str, position: int) -> None:
        self.mentions += 1
        if surface:
            if surface not in self.aliases and surface != self.canonical:
                self.aliases.append(surface)
            if position >= self.last_seen:
                self.last_surface = surface
        self.last_seen = max(self.last_seen, position)


@dataclass(frozen=True, slots=True)
class ParsedName:
    surface: str
    titles: frozenset[str]
    name: tuple[str, ...]
    organisation: bool


def _word(token: str) -> str:
    return token.lower().strip(".,’'")


def opening_word(token: str, endings: tuple[str, ...] = ("ly",)) -> bool:
    """ "Finally Marilla", "Asserting Clinton", "Continued Stone": a sentence-opening adverb
    or verb, not a first name ("Emily", "Kelly", "Ahmed" are names)."""
    word = _word(token)
    return (
        len(word) > 4 and word.endswith(endings) and token[:1].isupper()
        and token[1:].islower()
        and word not in ENGLISH.female_names and word not in ENGLISH.male_names
        and word not in _LY_NAMES
    )


_PARTY_STATE = rx.compile(r"[RDI]-[A-Z][A-Za-z.]*")
"""A party and a state ("R-Utah", "D-Md."): the label after a name, no one's name."""
_LY_NAMES = frozenset("shelly wally lilly cicely nelly willy charly ally".split())


_HEADLINE_WORDS = frozenset("on to in and is for with at by from as not just this that are was "
                            "will says".split())
_VERB_S_FORMS = frozenset(
    w for w in ENGLISH.speech_verbs
    if w.endswith("s") and w not in ENGLISH.place_words and (
        w[:-1] in ENGLISH.speech_verbs or w[:-2] in ENGLISH.speech_verbs
        or f"{w[:-3]}y" in ENGLISH.speech_verbs)
)
"""A verb of speaking with its -s ("Laughs", "Says", "Warns"): in a capitalised phrase, a
headline's verb ("Campaign Manager Laughs, Evades ..."), no part of a name."""
_CONTRACTION = rx.compile(r"\w+[’'](?:[a-rt-z]\w*|s\w+|LL|VE|RE|D|M|T)")
"""A contraction or an elision ("I'll", "Don’t", "I'm", "Work'us"), no part of a name: a
lower-case letter after the apostrophe ("O'Neill", "D’Souza" go on with a capital; "'s" is a
possessive's)."""


def _leading_not_name(tokens: list[str]) -> bool:
    """ "Monday Anne", "On Sunday Anne", "London Lydia", "Don’t Republicans": a day, a month or
    a place before a given name, or a contraction, opens the phrase without being part of the
    name ("March Hare", "Virginia Woolf", "June Carter" keep their first word)."""
    first, second = _word(tokens[0]), _word(tokens[1])
    if _CONTRACTION.fullmatch(tokens[0]):
        return True
    if first in _GIVEN_NAMES:
        return False
    return first in _WEEKDAYS or (
        (first in ENGLISH.calendar_words or first in ENGLISH.place_words)
        and second in _GIVEN_NAMES
    )


_ADDRESS_WORDS = frozenset(
    "street avenue road lane square place terrace gardens buildings crescent row drive".split()
)
"""The last words of an address ("Baker Street", "Montague Place"): never a person's name."""
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_HYPHEN_MODIFIER = HYPHEN_MODIFIER
_FUNCTION_WORDS = frozenset(
    "after before during since until unless whether because though although while among amid "
    "against despite besides beyond under over through throughout within without toward "
    "towards upon into onto across along around behind below beneath beside between like "
    "unlike near via following including regarding concerning what why how where who whom "
    "which whose there here".split()
)
"""Function words that, capitalised inside a phrase, make it a title ("No Child Left
Behind")."""
_MONTHS_ALONE = ENGLISH.calendar_words - _WEEKDAYS - _GIVEN_NAMES
"""Months that are no given name ("March", not "June")."""


def _from_given_name(tokens: list[str], anywhere: bool) -> list[str]:
    """The tokens from the first known given name on, when two or more remain; else, after a
    possessive (`anywhere`), all of them when they are two or more capitalised words ("Post's
    Ishaan Tharoor"); else (not `anywhere`) the tokens as they are."""
    for index, token in enumerate(tokens):
        word = _word(token)
        if word in _GIVEN_NAMES and len(tokens) - index >= 2:
            return tokens[index:]
        if not anywhere and (word in ENGLISH.titles or not token[:1].isupper() or index >= 2):
            break
    return tokens if anywhere and len(tokens) >= 2 and all(t[:1].isupper() for t in tokens) else []


@lru_cache(maxsize=65536)
def parse_name(surface: str, extra_titles: frozenset[str] = frozenset()) -> ParsedName | None:
    """Split "Secretary of State Antony Blinken" into titles and the personal name."""
    titles_known = ENGLISH.titles | extra_titles
    if "--" in surface:  # "Elton--", "Emma--quite": Gutenberg's dash ends the name
        surface = surface.split("--", 1)[0]
    tokens = surface.split()
    organisation = False
    while tokens and (
        _word(tokens[0]) in ENGLISH.leading_stopwords or _word(tokens[0]) in ENGLISH.not_names
        or (len(tokens) > 1 and opening_word(tokens[0]) and not organisation)
        or (len(tokens) > 1 and _leading_not_name(tokens))
    ):  # after "the", an -ly word is a name's ("the Daily Caller", "the Weekly Standard")
        organisation = organisation or _word(tokens[0]) == "the"
        tokens = tokens[1:]
    if (len(tokens) > 1 and tokens[-1] == "I" and _word(tokens[-2]) not in _GIVEN_NAMES
            and not any(_word(t) in titles_known for t in tokens)):
        tokens = tokens[:-1]  # "At Camberwell I found": the narrator, not "Henry I"
    if tokens and _POSSESSIVE.search(tokens[-1]):
        tokens[-1] = _without_possessive(tokens[-1])  # "Harvey Weinstein's", "Holmes'"
    modifier = next((i for i in range(len(tokens) - 1, -1, -1)
                     if _HYPHEN_MODIFIER.fullmatch(tokens[i])), None)
    if modifier is not None:  # "Los Angeles-based attorney", "South Korean-born Monte Haines"
        tokens = tokens[modifier + 1 :]
    if any(t[:1].isupper() and (_word(t) in _HEADLINE_WORDS or _word(t) in _VERB_S_FORMS
                                or _word(t) in _FUNCTION_WORDS)
           for t in tokens[1:]) or any(_CONTRACTION.fullmatch(t) for t in tokens):
        # "CNN President On Trump", "Just Shared This", "No Child Left Behind": a headline or a
        # title, not a name
        return None
    owner = next((i for i, t in enumerate(tokens[:-1]) if _POSSESSIVE.search(t)), None)
    if owner is not None:  # "Post's Dana Milbank" is Dana Milbank; "Bush's Facebook" no one
        tokens = _from_given_name(tokens[owner + 1 :], anywhere=True)
        if not tokens:
            return None
    elif tokens and _word(tokens[0]) not in _GIVEN_NAMES:
        # "Billionaire Donald Trump", "Democrats Hillary Clinton": a person's name starts at
        # its given name
        tokens = _from_given_name(tokens, anywhere=False) or tokens
    tokens = [t for i, t in enumerate(tokens) if i == 0 or t != tokens[i - 1]]  # "Thomas Thomas"
    while len(tokens) > 1 and _word(tokens[-1]) in ENGLISH.trailing_not_names:
        tokens = tokens[:-1]  # "MSNBC Monday"
    if not tokens or _word(tokens[-1]) in _NUMBER_WORDS or all(
        _ROMAN.fullmatch(t) or _PARTY_STATE.fullmatch(t) or _word(t) in ENGLISH.not_names
        or _word(t) in ENGLISH.trailing_not_names or _word(t).split("-")[0] in ENGLISH.not_names
        for t in tokens
    ) or (len(tokens) == 1 and (len(_word(tokens[0])) == 1 or tokens[0].endswith("."))):
        return None  # "CHAPTER IX", "Do I", "Friday", "Good-night"; an initial or an
        # abbreviation alone ("J.", "St." of "Lord St. Simon" cut at the line's end)
    if (len(tokens) > 1 and len(tokens[0]) > 1 and tokens[0].isupper()
            and not any(t.isupper() for t in tokens[1:])):
        organisation = True  # "HBO Now", "CNN Politics": an acronym opens a brand's name
    tokens = _person_of(tokens)
    if organisation or any(_word(t) in ENGLISH.organisation_words
                           or _word(t).rsplit("-", 1)[-1] in ENGLISH.organisation_words
                           for t in tokens):  # "Chicago Sun-Times"
        person = _titled_person(tokens, titles_known)
        if person is None:
            return ParsedName(" ".join(tokens), frozenset(), tuple(tokens), True)
        tokens = person
    last_title = -1
    i = 0
    while i < len(tokens):
        if _word(tokens[i]) in titles_known:
            last_title = i
        elif _word(tokens[i]) in ("of", "for") and last_title == i - 1 and i + 1 < len(tokens):
            last_title = i + 1  # "Secretary of State", "Minister for Health": one more word
            i += 1
        i += 1
    titles = frozenset(_word(t) for t in tokens[: last_title + 1] if _word(t) in titles_known)
    if last_title == len(tokens) - 1 and len(tokens) == 1 and tokens[0][:1].isupper() and (
        _word(tokens[0]) not in _HONORIFICS
    ):
        last_title = -1  # "said Baron.": a surname that is also a title word
    name = tuple(tokens[last_title + 1 :])
    for cut, token in enumerate(name):
        if token in ("of", "for") and cut:  # "Priya Shah of Barclays": the person's name
            name = name[:cut]
            break
    if not name:
        return None
    if len(name) > _LONGEST_NAME:
        # "Former Clinton Senior Adviser Sidney Blumenthal", "New York City Public Advocate
        # Trish James", a headline: capitalised roles before the name; the name is its end
        name = name[-2:]
        if _word(name[0]) not in _GIVEN_NAMES:
            return None
    return ParsedName(" ".join(tokens), titles, name, False)


def _without_possessive(token: str) -> str:
    """ "Weinstein's" is Weinstein, "Holmes'" Holmes (not "Holme")."""
    if token[-1:] in "'’" and token[-2:-1] == "s":
        return token[:-1]
    return _POSSESSIVE.sub("", token) or token


def _person_of(tokens: list[str]) -> list[str]:
    """ "Priya Shah of the University of Leeds": the person before "of" when a given name
    opens it ("Former Security of State Hillary Clinton": the given name's on), not the
    organisation after it."""
    if "of" not in tokens[1:]:
        return tokens
    cut = tokens.index("of", 1)
    if any(_word(t) in ENGLISH.titles for t in tokens[:cut]):
        return tokens  # "Secretary of State John Kerry": the title parse takes it
    if _word(tokens[0]) in _GIVEN_NAMES and 2 <= cut <= _LONGEST_NAME:
        return tokens[:cut]
    after = tokens[cut + 1 :]
    given = next((i for i, t in enumerate(after) if _word(t) in _GIVEN_NAMES), None)
    if given is not None and 2 <= len(after) - given <= 3 and all(
            t[:1].isupper() for t in after[given:]):
        return after[given:]
    return tokens


def _titled_person(tokens: list[str], titles_known: frozenset[str]) -> list[str] | None:
    """ "FBI Director James Comey", "House Speaker Paul Ryan", "Army Lt. Gen. Mick Bednarek":
    an organisation's words, then a title and a personal name (a given name and one or two
    more, or two words): the title and the name, the organisation's words left out."""
    for index in range(len(tokens) - 2, 0, -1):
        if _word(tokens[index]) not in titles_known:
            continue
        name = tokens[index + 1 :]
        if len(name) > 2 and name[0] in ("of", "for"):
            name = name[2:]  # "RNC Chief of Staff Katie Walsh": the title's one more word
        if not all(t[:1].isupper() and _word(t) not in titles_known for t in name) or not (
                len(name) == 2 or (len(name) == 3 and _word(name[0]) in _GIVEN_NAMES)):
            return None
        start = index
        while start > 0 and _word(tokens[start - 1]) in titles_known:
            start -= 1
        return tokens[start:]
    return None


_GROUP_SUFFIX = rx.compile(r"[a-z]{3,}(?:ist|ant)")


def _plural_of_people(word: str) -> bool:
    """ "Analysts", "Friends", "Congregants", "Latinos": the plural of a word for a person
    (a role, a people, a party); not a surname ending in s ("Sanders", "Holmes", "Waters")."""
    key = _word(word)
    if not key.endswith("s") or key in _GIVEN_NAMES:
        return False
    one = key[:-1]
    return (
        one in ENGLISH.titles or one in ENGLISH.peoples or one in _PERSON_NOUNS
        or bool(_GROUP_SUFFIX.fullmatch(one))
    )


def _acronym(entity: Entity) -> bool:
    """A name that ends in a word in capitals, no title and no given name ("PAC", "RNC",
    "Harbor Fund PAC"): an organisation's initials, never the "he" or "she" of a cue."""
    if entity.titles or entity.named_first:
        return False
    return _ends_in_initials(entity.canonical)


@lru_cache(maxsize=4096)
def _ends_in_initials(name: str) -> bool:
    last = name.rsplit(None, 1)[-1]
    return len(last) > 1 and last.isupper() and last.isalpha() and not _ROMAN.fullmatch(last)


class Registry:
    """All speakers and people mentioned so far, in reading order."""

    def __init__(
        self, extra_titles: frozenset[str] = frozenset(), common: frozenset[str] = frozenset(),
        places: frozenset[str] = frozenset(),
    ) -> None:
        self.speakers: list[Entity] = []
        self.people: list[Entity] = []
        self._aliases: dict[tuple[str, frozenset[str], str], str] = {}
        """_alias's answers: a book names its people the same way many times."""
        self._kin_links: dict[str, Entity] = {}
        """ "her mother", "his wife": whom the text last meant by it (_relative)."""
        self.extra_titles = extra_titles
        self.common = common
        self.places = places
        """Names the text has after "in", "at", "near" ...: places."""
        """The document's lower-case words: a capitalised word that is one of them ("Again",
        "Harsh", "Five") is a common word, not a name, unless a title or a given name says so."""

    def _add(self, speaker: Entity) -> Entity:
        speaker.located = speaker.canonical in self.places
        self.speakers.append(speaker)
        if speaker.kind == "person":
            self.people.append(speaker)
        return speaker

    def name(self, surface: str, position: int) -> Entity | None:
        """The speaker a proper name refers to, created when new."""
        if _title_alone(surface):
            return self._title_alone(surface.split(), position)  # "said the Emperor"
        parsed = parse_name(surface, self.extra_titles)
        if parsed is None:
            return None
        if parsed.organisation:
            return self._organisation(parsed, position)
        name = parsed.name
        if len(name) >= 2 and (self._common(name[0]) or (
            opening_word(name[0], ("ing", "ed"))
            and any(p.last == name[-1] for p in self.people)
        )) and not any(_word(w) in ENGLISH.place_words for w in name):
            # "Again Holmes"; "Asserting Clinton" when Clinton is known: a sentence-opening word
            name = name[1:]
        if len(name) >= 2 and _word(name[0]) not in _GIVEN_NAMES and name[0].isalpha():
            first, then = _word(name[0]), name[1]
            honorific = bool(parsed.titles & _HONORIFICS)
            if len(name) == 2 and (
                name[0] in self.places or first in ENGLISH.place_words
                or first in ENGLISH.peoples or first[:-1] in ENGLISH.peoples or honorific
            ) and (_word(then) in _GIVEN_NAMES or (not honorific and any(
                    then in (p.last, p.first) for p in self.people))):
                # "In the Academy Anne ...", "Wisconsin Trump supporters", "Republicans
                # Jolly", "With Mrs. Allan Anne ...": a place, a people or a titled surname
                # before a given name (English writes "Mrs. Anne Allan") or a known person's
                # name; the person is the one so named
                name = name[1:]
                parsed = dataclasses.replace(parsed, titles=frozenset())
            elif not parsed.titles and (
                _word(name[-1]) in ENGLISH.peoples or _word(name[-1])[:-1] in ENGLISH.peoples
            ):
                return None  # "Former Democratic", "Central Asian", "Latino Republicans"
            elif not parsed.titles and first in ENGLISH.peoples and role_word(
                    _word(name[-1])) and not any(_word(w) in _GIVEN_NAMES for w in name):
                return None  # "a Republican National Committeeman": a role, no one's name
        if len(name) == 1 and not parsed.titles and self._common(name[0]) and not any(
            name[0] in (p.last, p.first) for p in self.people
        ):
            return None  # "Harsh", "Local", "Five": a common word that opens a sentence
        if len(name) == 1 and not parsed.titles and (
            _word(name[0]) in ENGLISH.peoples or _word(name[0]) in _MONTHS_ALONE
        ) and not any(name[0] in (p.last, p.first) for p in self.people):
            return None  # "Mexican", "Democratic", "March": unless someone is so named
        found: Entity | None = None
        if len(name) >= 2 and "mrs" in parsed.titles and _given_gender(name[0]) == "male":
            # "Mrs Charles Musgrove", "Mrs. Peter Blewett": the wife of the man so named, not he
            # (nor "Mrs Musgrove", his mother): her own speaker, so called
            canonical = "Mrs " + " ".join(name)
            found = next((p for p in self.people if p.canonical == canonical), None)
            if found is None:
                found = self._add(Entity(canonical, "person", name[0], name[-1]))
                found.gender = "female"
        elif len(name) >= 2:
            first, last = name[0], name[-1]
            given = _given_gender(first) or gender_of(parsed.titles)
            for person in self.people:
                if person.last == last and person.first in (None, first) and (
                    given is None or person.gender in (None, given)
                ) and not self._mother_of(person, parsed.titles):
                    # "Elizabeth Bennet" is not Mr. Bennet
                    found = person
                    break
            if found is None:
                if not parsed.titles and _word(name[0]) not in _GIVEN_NAMES and _word(
                    last) not in _GIVEN_NAMES and any(
                        p.last == first and p.named_first for p in self.people):
                    return None  # "Trump National Doral", "Trump Train": a thing of theirs
                found = Entity(" ".join(name), "person", first, last)
                found.plain_words = not any(_word(w) in _GIVEN_NAMES for w in name) and any(
                    self._common(w) for w in name)
                self._add(found)
            elif found.first is None or len(" ".join(name)) > len(found.canonical):
                found.first = first
                if found.canonical not in found.aliases:
                    found.aliases.append(found.canonical)
                found.canonical = " ".join(name)
        else:
            found = self._one_word(name[0], parsed.titles)
        found.titles |= parsed.titles
        if found.gender is None:
            found.learn_gender(parsed.titles)
        found.learn_first_name(found.first or (name[0] if len(name) == 1 else None))
        found.seen(self._alias(surface, parsed.titles, name[0]), position)
        return found

    def alias(self, surface: str) -> str:
        """A name's mention as an alias ("And Mrs Musgrove" is "Mrs Musgrove")."""
        parsed = parse_name(surface, self.extra_titles) if " " in surface else None
        if parsed is None or parsed.organisation:
            return surface
        return self._alias(surface, parsed.titles, parsed.name[0])

    def _alias(self, surface: str, titles: frozenset[str], first: str) -> str:
        """The mention as an alias, without the sentence's opening words before the name or
        its titles ("Thereupon Anne", "But Mrs. Bennet", "Said Comey", "Year Barack Obama",
        "Celebrating Clinton"): what the listener hears the person called."""
        key = (surface, titles, first)
        found = self._aliases.get(key)
        if found is None:
            found = self._aliases[key] = self._cut_alias(surface, titles, first)
        return found

    def _cut_alias(self, surface: str, titles: frozenset[str], first: str) -> str:
        tokens = surface.split()
        if len(tokens) < 2:
            return surface
        key = _word(first)
        named = next((i for i, t in enumerate(tokens) if _word(_without_possessive(t)) == key), 0)
        start = next((i for i, t in enumerate(tokens[:named]) if _word(t) in titles), named)
        cut = 0
        for index in range(start):
            token = tokens[index]
            word = _word(token)
            if (not token[:1].isupper() or word in ENGLISH.leading_stopwords
                    or (word in ENGLISH.not_names and not token.isupper())
                    or word in _FUNCTION_WORDS or word in _HEADLINE_WORDS
                    or word in ENGLISH.speech_verbs or word in ENGLISH.calendar_words
                    or (index == start - 1 == named - 1 and (
                        self._common(token) or opening_word(token, ("ly", "ed", "ing"))))):
                # a common word only just before a bare name ("Year Barack Obama"), not among
                # a title's words ("Homeland Security Deputy Secretary Alejandro Mayorkas")
                cut = index + 1
        if start < named and _word(tokens[start]) in _HONORIFICS:
            cut = start  # "Thereupon Mrs. Wren": no word but a title stands before "Mrs."
        return " ".join(tokens[cut:]) if cut else surface

    @staticmethod
    def _mother_of(person: Entity, titles: frozenset[str]) -> bool:
        """Whether a woman the text has called "Mrs. Bennet" again and again, by no given name,
        is someone else than the "Elizabeth Bennet" or "Diana Barry" it names later without
        "Mrs.": her daughter (English writes "Mrs. Rachel Lynde" for a married woman's given
        name). A "Mrs. Clinton" once, in a headline, before "Hillary Clinton" is her."""
        return (person.first is None and "mrs" in person.titles and "mrs" not in titles
                and person.mentions >= _MOTHER_MENTIONS)

    def _goes_by(self, person: Entity, word: str) -> bool:
        """Whether one word of a longer name refers to its bearer: not when nothing shows the
        bearer is a person and the name's other words are a place's or a people's ("Trump" is
        not "Wisconsin Trump", a headline's rally, nor "Twitter" "Islamic State Twitter"), or
        it is the first word, no given name, before a common word ("Trump Train")."""
        if person.first is None or person.first == person.last or person.personal or (
                person.titles):
            return True
        others = person.canonical.split()
        if person.first == word:
            return _word(word) in _GIVEN_NAMES or not self._common(others[-1])
        return not any(
            _word(w) in ENGLISH.place_words or _word(w) in ENGLISH.peoples or w in self.places
            for w in others[:-1])

    def _common(self, token: str) -> bool:
        word = _word(token)
        return word in self.common and word not in _GIVEN_NAMES

    def common_word(self, token: str) -> bool:
        """Whether a capitalised word is one the document also writes in lower case (and no
        given name): "Stop", "Harsh"."""
        return self._common(token)

    def known(self, surface: str) -> Entity | None:
        """The person a name refers to, only if already known (nothing is created)."""
        parsed = parse_name(surface, self.extra_titles)
        if parsed is None or parsed.organisation:
            return None
        last = parsed.name[-1]
        first = parsed.name[0] if len(parsed.name) > 1 else None
        found = [
            p
            for p in self.people
            if (
                (p.last == last and first in (None, p.first))
                or (first is None and p.first == last)
            ) and p.may_speak and (first is not None or self._goes_by(p, last))
        ]
        return max(found, key=lambda p: p.last_seen) if found else None

    def _one_word(self, word: str, titles: frozenset[str]) -> Entity:
        plural = bool(titles & _PLURAL_TITLES)  # "the Misses Cuss" are not Mr. Cuss
        candidates = [p for p in self.people if (p.last == word or p.first == word)
                      and p.may_speak and (p.group == plural or not p.titles)
                      and self._goes_by(p, word)]
        gender = gender_of(titles)
        if gender is not None:  # "Mrs. Bennet" is not "Mr. Bennet"
            candidates = [p for p in candidates if p.gender in (None, gender)]
        if len(candidates) > 1 and titles:
            titled = [p for p in candidates if p.titles & titles]
            candidates = titled or candidates
        if candidates:
            return max(candidates, key=lambda p: p.last_seen)
        named = next((s for s in self.speakers
                      if s.kind == "organisation" and s.canonical == word), None)
        if named is not None and " " not in word:
            # "said the Hatter" made "Hatter" a name of no person; "Hatter" alone, as a
            # person's name, says it is one: the same speaker
            named.kind, named.last = "person", word
            self.people.append(named)
            return named
        canonical = word
        if gender is not None and any(p.canonical == word for p in self.people):
            canonical = f"{_honorific(titles)} {word}"  # two of one family: "Mrs Bennet"
        person = Entity(canonical, "person", None, word)
        person.group = plural or (not titles and _plural_of_people(word))
        self._add(person)
        return person

    def _organisation(self, parsed: ParsedName, position: int) -> Entity:
        key = parsed.surface.lower()
        found = next((s for s in self.speakers
                      if s.kind == "organisation" and s.canonical.lower() == key), None)
        if found is None:
            found = self._named_alike(parsed.surface)
        if found is None:
            found = Entity(parsed.surface, "organisation")
            self._add(found)
        found.seen(parsed.surface, position)
        return found

    def _named_alike(self, name: str) -> Entity | None:
        """Whom "the Rabbit", "the Queen" names when the text already knows them by a name it
        ends ("White Rabbit", "Frog-Footman") or by that word ("Queen"): one speaker, one
        voice. Not a person with a given name ("Emily Post"), nor another office or body
        ("the House" is not the White House, "the President" not the Vice President)."""
        alike = [
            s for s in self.speakers
            if s.kind in ("person", "organisation") and (
                s.canonical == name
                or (_ends_with_name(s.canonical, name) and not s.named_first and _plain(name))
                or (s.kind == "organisation" and _ends_with_name(name, s.canonical)
                    and _plain(s.canonical))
            )
        ]
        if not alike:
            return None
        found = max(alike, key=lambda s: (s.kind == "person", s.last_seen))
        if found.kind == "organisation" and _ends_with_name(name, found.canonical):
            found.aliases.append(found.canonical)
            found.canonical = name  # "the Rabbit", then "the White Rabbit": the fuller name
        return found

    def description(self, surface: str, position: int) -> Entity | None:
        """ "the mayor" is the person titled Mayor when there is one, else its own speaker;
        "his wife", "her father" the person of that family the pronoun's referent belongs to;
        None when the last word names no one who can speak ("a high", "the following", "his
        face")."""
        surface = head_end(surface)
        tokens = surface.split()
        if len(tokens) < 2:
            return None
        if tokens[0] in ("the", "The") and all(t[:1].isupper() for t in tokens[1:]) and not (
            len(tokens) == 2 and _demonym(tokens[1])  # "the Canadian" stays a description
        ):
            return self.name(surface, position)  # "the Dormouse [shook its head]": a name
        words = [_word(w) for w in tokens]
        head = words[-1]
        noun = next((words[i - 1] for i in range(2, len(words)) if words[i] in _PREPOSITIONS),
                    head)  # "a Democratic staffer in the room": the staffer
        if noun in ENGLISH.not_speakers or _ADJECTIVE.fullmatch(noun) or (
            noun == "one" and words[0] in ("a", "an")  # "as clear a one came the reply"
        ) or (
            words.index(noun) <= 2 and abstract_noun(noun)  # a longer one may have lost its
        ) or (  # head to the cue's word limit ("a former senior law enforcement [official]")
            noun != head and words.index(noun) <= 2 and noun.endswith("ing")
            and bool(_ABSTRACT.fullmatch(noun))  # "the trembling of her lip": an act
        ):
            return None
        if noun in _DOCUMENTS:
            return self._issuer(surface, position)
        if len(words) == 2 and words[0] in ("his", "her") and head in _KIN:
            relative = self._relative(words[0], head, position)
            if relative is not None:
                relative.seen(surface, position)
                return relative
        person = self._titled(tokens, words, position) if words[0] == "the" else None
        if person is not None:
            person.seen(surface, position)
            return person
        present = self._only_one_present(noun, words[0], position)
        if present is not None:
            present.seen(surface, position)
            return present
        canonical = re.sub(r"\s+", " ", surface.strip())
        if _word(canonical.split(None, 1)[0]) in _DETERMINERS:
            canonical = canonical[0].lower() + canonical[1:]  # "The mayor": "the mayor"
        for speaker in self.speakers:
            if speaker.kind == "description" and speaker.canonical == canonical:
                speaker.seen(surface, position)
                return speaker
        speaker = Entity(canonical, "description")
        speaker.learn_gender(set(words))
        self._add(speaker)
        speaker.seen(surface, position)
        if len(words) == 2 and words[0] in ("his", "her") and head in _KIN:
            self._kin_links[canonical] = speaker  # "her mother", nobody named: herself so
        return speaker

    def _title_alone(self, tokens: list[str], position: int) -> Entity:
        """ "the President", "the Emperor": the person seen before who bears the title, else
        a person known by it (a "he" or "she" of later cues, as "the King" is in a tale)."""
        surface = " ".join(tokens)
        title = _full_title(_word(tokens[1]))
        person = self._titled(tokens, [_word(t) for t in tokens], position)
        if person is None:
            person = self._one_word(tokens[1], frozenset({title}))
            person.titles.add(title)
            if person.gender is None:
                person.learn_gender({title})
        person.seen(surface, position)
        return person

    def _titled(self, tokens: list[str], words: list[str], position: int) -> Entity | None:
        """ "the Ohio governor", "the Florida senator and presidential candidate": the person
        seen before `position` who bears the title its head noun (or a conjunct's) names
        ("Gov. John Kasich"; an abbreviation is its title; not "the governor’s chief of
        staff", not a Lt. Gov. for "the governor"), the one whose names share the
        description's capitalised words ("Ohio") first, else the latest seen."""
        end = next((i for i, w in enumerate(words) if w in _PREPOSITIONS), len(words))
        heads = [i for i in range(1, end) if i == end - 1 or words[i + 1] == "and"]
        wanted = {_full_title(words[i]) for i in heads if not _POSSESSIVE.search(tokens[i])}
        wanted &= ENGLISH.titles
        if not wanted:
            return None
        modifiers = set(words) & _SECOND_TITLES
        titled = [
            p for p in self.people
            if 0 <= p.last_seen < position and {_full_title(t) for t in p.titles} & wanted
            and p.titles & _SECOND_TITLES <= modifiers  # "the governor" is no Lt. Gov.
        ]
        if not titled:
            return None
        marks = {t for t in tokens[1:end] if t[:1].isupper()}
        if marks:
            named = [p for p in titled if any(m in a.split() for a in p.aliases for m in marks)]
            titled = named or titled
        return max(titled, key=lambda p: p.last_seen)

    def _issuer(self, surface: str, position: int) -> Entity | None:
        """Who speaks through "the statement", "an email", "the ad": the person or body the
        sentence before had as its subject, or the latest named just before (within
        _SUBJECT_REACH); else no one: a document is no speaker."""
        near = [s for s in self.speakers
                if position - _SUBJECT_REACH <= s.last_seen < position and s.may_speak
                and not s.group and _word(s.canonical.rsplit(None, 1)[-1]) not in _DOCUMENTS]
        if not near:
            return None
        issuer = max(near, key=lambda s: (s.subject_seen >= position - _SUBJECT_REACH,
                                          s.last_seen))
        issuer.seen(surface, position)
        return issuer

    def _only_one_present(self, noun: str, determiner: str, position: int) -> Entity | None:
        """ "the young lady" when Miss Morstan is the one woman named in the scene (the last
        `_SCENE` characters): her; with two or more, or none, no one."""
        gender = ("male" if noun in _MALE_NOUNS else "female" if noun in _FEMALE_NOUNS
                  else None)
        if gender is None or determiner != "the":
            return None
        present = [p for p in self.people if p.gender == gender and p.may_speak
                   and position - _SCENE <= p.last_seen < position]
        return present[0] if len(present) == 1 else None

    def _relative(self, possessive: str, kin: str, position: int) -> Entity | None:
        """ "his wife" after Mr. Bennet: the woman titled Mrs (or Miss for a sister or a
        daughter) who shares his surname; for a possessor known by one name only, the latest
        person so titled."""
        key = f"{possessive} {kin}"
        linked = self._kin_links.get(key)
        if linked is not None and linked.last_seen >= position - _SCENE:
            return linked  # "said her mother" again in the scene: the same mother
        relative = self._find_relative(possessive, kin, position)
        if relative is not None:
            self._kin_links[key] = relative
        return relative

    def _find_relative(self, possessive: str, kin: str, position: int) -> Entity | None:
        owner = self.pronoun(position, "he" if possessive == "his" else "she")
        gender, titles = _KIN[kin]
        family = [
            p
            for p in self.people
            if p is not owner and p.gender in (gender, None) and p.titles & titles
            and 0 <= p.last_seen < position
        ]
        if owner is not None and owner.first is not None:
            family = [p for p in family if p.last == owner.last]
        if family:
            return max(family, key=lambda p: p.last_seen)
        if owner is not None and owner.last and (
            (owner.titles and kin in ("wife", "husband", "lady"))
            or (owner.first is not None and kin in ("mother", "father")
                and not owner.titles & {"mrs", "lady"})  # a wife's mother has another name
        ):
            # "said his lady" before she is named: Mr. Bennet's wife is Mrs Bennet; "said her
            # mother": Elizabeth Bennet's is Mrs Bennet
            title = "mrs" if gender == "female" else "mr"
            spouse = self._one_word(owner.last, frozenset({title}))
            if spouse is owner or spouse.gender not in (None, gender):
                # "her mother" is not Elizabeth Bennet herself: Mrs Bennet, new
                spouse = self._add(Entity(f"{_honorific(frozenset({title}))} {owner.last}",
                                          "person", None, owner.last))
            spouse.titles.add(title)
            spouse.gender = gender
            return spouse
        return None

    def it(self, position: int) -> Entity | None:
        """What "it said" refers to: the latest organisation or description of no gender (the
        company, the report) that spoke before `position`."""
        things = [
            s for s in self.speakers
            if s.kind in ("organisation", "description") and s.gender is None and s.spoke
            and 0 <= s.last_seen < position
        ]
        return max(things, key=lambda s: s.last_seen) if things else None

    def pronoun(
        self, position: int, pronoun: str = "", exclude: tuple[Entity, ...] = ()
    ) -> Entity | None:
        """The person a "he" or "she" most likely refers to: of the persons seen before
        `position` whose gender (when known) fits, the latest subject of a sentence or a cue,
        else the latest mentioned; never one of `exclude`."""
        clash = {"he": "female", "she": "male"}.get(pronoun.lower())
        people = [
            p
            for p in self.speakers
            if 0 <= p.last_seen < position
            and p.gender != clash and p not in exclude
            and (p.kind == "person" or (p.kind == "description" and p.gender is not None))
        ]
        candidates = [p for p in people if (p.titles or p.named_first or not p.place_like)
                      and p.may_speak and not p.group and not _acronym(p)]
        people = [p for p in candidates if p.personal or p.kind == "description"]
        # a description of no known gender that has just spoken or been a sentence's subject
        # ("said the stranger. “…,” he said", "The stationmaster whistled.") is a candidate
        # too, only as the latest subject
        speakers = [
            p for p in self.speakers
            if p.kind == "description" and p.gender is None
            and 0 <= p.subject_seen < position and p not in exclude
        ]
        near = [p for p in people + speakers if p.subject_seen >= position - _SUBJECT_REACH]
        if near:
            return max(near, key=lambda p: p.subject_seen)
        people += speakers
        if not people:
            return None
        return max(people, key=lambda p: p.last_seen)
