"""Speaker rules learnt from real news and fiction (fixtures written for earmark): who a
pronoun is, which capitalised phrases are people, gender and the voice it gets."""

from __future__ import annotations

from pathlib import Path

import pytest

from earmark.planning.build import plan_file


def plan_of(tmp_path: Path, text: str, recipe, casting):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return plan_file(path, recipe, casting)


def said(plan) -> list[tuple[str, str | None]]:
    return [(plan.document.text[q.span[0] : q.span[1]], q.speaker) for q in plan.quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "said her mother": the mother of the woman just named, not that woman herself
            "Notes\n\nElizabeth Crale came down to breakfast.\n\n"
            "“I shall walk to town,” said Elizabeth Crale.\n\n"
            "“You will do no such thing,” said her mother.",
            [("“I shall walk to town,”", "Elizabeth Crale"),
             ("“You will do no such thing,”", "Mrs Crale")],
        ),
        (  # a pronoun skips places and goes to the latest person of its gender
            "Notes\n\nSenator Maria Vidal met Governor Paul Okafor in South Dakota on Tuesday.\n\n"
            "“We found common ground,” she said.",
            [("“We found common ground,”", "Maria Vidal")],
        ),
        (  # a surname alone in narration brings its person back
            "Notes\n\nTom Hale and Rita Osei spoke in Denver. Later Hale left early.\n\n"
            "“I had a train,” he said.",
            [("“I had a train,”", "Tom Hale")],
        ),
        (  # a description with capitalised words
            "“The vote is lost,” the Senate minority leader said.",
            [("“The vote is lost,”", "the Senate minority leader")],
        ),
        (  # a sentence-opening adverb is no part of the name
            "Notes\n\nMarilla Cuthbert came in.\n\nFinally Marilla spoke up at the door.\n\n"
            "“It is late,” she said.",
            [("“It is late,”", "Marilla Cuthbert")],
        ),
        (  # a description's words before a name describe that name
            "Notes\n\nAnne waited.\n\n“Fiddlesticks!” said the unsympathetic Marilla.",
            [("“Fiddlesticks!”", "Marilla")],
        ),
        (  # one surname as the subject of a verb of speaking is a person for a later "he"
            "Notes\n\nKeith Ryan won the seat. Nehlen responded Friday to the news that Ryan"
            " planned a recount.\n\n“We will appeal,” he said.",
            [("“We will appeal,”", "Nehlen")],
        ),
        (  # a name that modifies a role is not the subject: the name after the role is
            "Notes\n\nFormer Obama consultant Cornell Belcher picked up the thread.\n\n"
            "“They have a lot in common,” he said.",
            [("“They have a lot in common,”", "Cornell Belcher")],
        ),
        (  # a role before the subject of a sentence that introduces the quote
            "Band member Flea shared the news last week, writing “Feels great to support him.”",
            [("“Feels great to support him.”", "Flea")],
        ),
        (  # a described person who is a sentence's subject is who a later "he" is
            "Notes\n\nThe stranger came early in February, through a biting wind. He walked"
            " from the station and came into the inn, and flung his bag down.\n\n"
            "“A fire,” he cried.",
            [("“A fire,”", "the stranger")],
        ),
        (  # ... when nearer than the person named before
            "Notes\n\nMatthew Cuthbert drove to the station.\n\nThe stationmaster whistled."
            "\n\n“Guess there's some mistake,” he said.",
            [("“Guess there's some mistake,”", "the stationmaster")],
        ),
        (  # capitalised roles before a name: the name is its end
            "Notes\n\nFormer Clinton Senior Adviser Sidney Blumenthal spoke on Monday.\n\n"
            "“I had no idea,” he said.",
            [("“I had no idea,”", "Sidney Blumenthal")],
        ),
        (  # ... or the person the sentence names before it
            "Notes\n\nSenator Ana Ruiz spoke for an hour. When Governor Paul Okafor finally"
            " wrapped up — “I will win for you!” — the balloons came down.",
            [("“I will win for you!”", "Paul Okafor")],
        ),
        (  # a text or a thing that introduces a quotation reads it in no person's voice
            "Notes\n\nSenator Ana Ruiz spoke for an hour.\n\nThe snarky, water-carrying"
            " headline reads: “Repeat after me: nobody is coming.”",
            [("“Repeat after me: nobody is coming.”", None)],
        ),
        (  # speech with no cue inside narration: the person the paragraph is about
            "Notes\n\nWhen Senator Ana Ruiz finally wrapped up — “I will fight for you!” —"
            " the balloons came down.",
            [("“I will fight for you!”", "Ana Ruiz")],
        ),
        (  # a common word of the document that opens a sentence is no name, nor part of one
            "Notes\n\nSherlock Holmes sat down. We met again at noon.\n\nAgain Holmes laughed."
            " Harsh words followed, harsh and loud.\n\n“You see, but you do not observe,” he"
            " said.",
            [("“You see, but you do not observe,”", "Sherlock Holmes")],
        ),
        (  # a capitalised word, a role, then the name
            "“We were not to attack him,” said Democratic pollster Geoff Garin, who was on the"
            " team.",
            [("“We were not to attack him,”", "Geoff Garin")],
        ),
        (  # a name the text uses as a place is no speaker, nor who a name alone refers to
            "Notes\n\nDonald Trump spoke at Trump Tower, where he lives.\n\n"
            "“Why's he attacking me?” Trump said.",
            [("“Why's he attacking me?”", "Donald Trump")],
        ),
        (  # a description whose last word names no one who can speak is no speaker
            "Notes\n\nHis face darted from side to side, as if to say, “Did you see that?”",
            [("“Did you see that?”", None)],
        ),
        (  # the noun before a phrase after it is the description's head
            "“Will he be the next attorney general?” a Democratic staffer in the room wondered.",
            [("“Will he be the next attorney general?”", "a Democratic staffer in the room")],
        ),
        (  # a possessive before a name: the name after it; a headline is nobody's name
            "Notes\n\nAs the Washington Post’s Ishaan Tharoor wrote, “Turkey will not yield.”"
            "\n\nCNN President On Trump Wins.\n\n“It is over,” CNN President On Trump said.",
            [("“Turkey will not yield.”", "Ishaan Tharoor"), ("“It is over,”", None)],
        ),
        (  # a person's name starts at its given name
            "“We will build it,” said Billionaire Donald Trump.\n\n“Sure,” Trump said.",
            [("“We will build it,”", "Donald Trump"), ("“Sure,”", "Donald Trump")],
        ),
        (  # a straight double mark after a nested quotation's end closes the quotation
            "\"Nobody says why they vote for 'Clinton,' \" said Bree Maxwell, a volunteer.\n\n"
            "\"It is early,\" she said.",
            [("\"Nobody says why they vote for 'Clinton,' \"", "Bree Maxwell"),
             ("\"It is early,\"", "Bree Maxwell")],
        ),
        (  # a paragraph that only credits the quotation before it
            "Notes\n\nWe do not award Pinocchios.\n\n\"Americans are worried about their kids.\""
            "\n\n- Bernie Sanders.\n\nThe senator relies on an old statistic.",
            [("\"Americans are worried about their kids.\"", "Bernie Sanders")],
        ),
        (  # "said I." is the first-person narrator, named by what the others call them
            "Notes\n\nI looked at Sherlock Holmes.\n\n\"He speaks as a pupil,\" said I.\n\n"
            "\"Well, Watson, you see it,\" said Sherlock Holmes.\n\n\"Indeed, Watson,\" said he.",
            [("\"He speaks as a pupil,\"", "Watson"),
             ("\"Well, Watson, you see it,\"", "Sherlock Holmes"),
             ("\"Indeed, Watson,\"", "Sherlock Holmes")],
        ),
        (  # "the young lady" when one woman is named in the scene is she
            "Notes\n\nMiss Morstan and Sherlock Holmes sat in the cab.\n\n"
            "“I have the letter here,” said the young lady.",
            [("“I have the letter here,”", "Morstan")],
        ),
        (  # ... and with two women in the scene, the description stays itself
            "Notes\n\nMiss Morstan and Mrs. Hudson sat in the room.\n\n"
            "“I have the letter here,” said the young lady.",
            [("“I have the letter here,”", "the young lady")],
        ),
        (  # role words before the name after the quote
            "“We keep going,” campaign manager Dana Reyes said.",
            [("“We keep going,”", "Dana Reyes")],
        ),
        (  # “A.” He added, “B.”: the cue introduces the second quote; the first has its own
            "Ortega said, “The case was weak.” He added, “The jury saw it.”",
            [("“The case was weak.”", "Ortega"), ("“The jury saw it.”", "Ortega")],
        ),
        (  # the second quote of a paragraph that a quotation ran into
            "“First part of it.\n\n“Second part,” Mills said. “And a third.”",
            [("“First part of it.\n\n“Second part,”", "Mills"), ("“And a third.”", "Mills")],
        ),
    ],
)
def test_speaker_rules(tmp_path: Path, recipe, casting, text: str, expected: list) -> None:
    assert said(plan_of(tmp_path, text, recipe, casting)) == expected


def test_headings_and_sentence_openers_are_never_speakers(tmp_path, recipe, casting) -> None:
    text = "CHAPTER IX\n\n‘Do I look ill?’ asked the girl. ‘No,’ Do I said."
    names = {s.name for s in plan_of(tmp_path, text, recipe, casting).speakers}
    assert not names & {"CHAPTER IX", "Do I", "I"}


def test_an_acronym_opens_a_brand_not_a_person(tmp_path, recipe, casting) -> None:
    text = "Review\n\nHBO Now launched in April. Ken Oduya reviewed it.\n\n“It is slow,” he said."
    assert said(plan_of(tmp_path, text, recipe, casting)) == [("“It is slow,”", "Ken Oduya")]


@pytest.mark.parametrize(
    ("text", "speaker", "gender"),
    [
        ("“Yes,” said Mrs Hart.", "Hart", "female"),
        ("“Yes,” said Lord Byrne.", "Byrne", "male"),
        ("“Yes,” said his sister.", "his sister", "female"),
        ("“Yes,” said Margaret Quill.", "Margaret Quill", "female"),
        ("“Yes,” said Secretary of State Antony Blinken.", "Antony Blinken", "male"),
        ("Notes\n\nKit Morrow spoke first.\n\n“Yes,” she said.", "Kit Morrow", "female"),
        ("“Yes,” said Jordan Vale.", "Jordan Vale", None),  # a name either gender bears
    ],
)
def test_gender_from_titles_kinship_first_names_and_pronouns(
    tmp_path, recipe, casting, text: str, speaker: str, gender: str | None
) -> None:
    plan = plan_of(tmp_path, text, recipe, casting)
    found = next(s for s in plan.speakers if s.name == speaker)
    assert found.gender == gender
    if gender:
        assert casting.settings(found.voice).gender == gender


@pytest.mark.parametrize(
    ("text", "speech"),
    [
        ("Notes\n\nAt the debate, Ana Ruiz said her staff “did the wrong thing” then.", False),
        ("Notes\n\nAna Ruiz said that she was “Proud of it” and left.", False),
        ("Notes\n\nAna Ruiz said “We will win this.” Then she left.", True),
        ("Notes\n\nAna Ruiz said, “we will win.”", True),
    ],
)
def test_quotations_inside_paraphrase_stay_with_the_narrator_when_the_recipe_says_so(
    tmp_path, recipe, casting, text: str, speech: bool
) -> None:
    from dataclasses import replace

    narrated = replace(recipe, quotes=replace(recipe.quotes, paraphrase_quotes=False))
    assert bool(said(plan_of(tmp_path, text, narrated, casting))) == speech


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # an indefinite speaker with capitalised words, up to the comma
            "“The gap is too wide,” said a Vermont Democrat, who asked not to be named.",
            [("“The gap is too wide,”", "a Vermont Democrat")],
        ),
        (  # "one of those ..." as the speaker
            "“There is no path left,” added one of those aides.",
            [("“There is no path left,”", "one of those aides")],
        ),
        (  # "according to X" after the quote
            "“The review found no fault” according to Inspector Lena Marsh.",
            [("“The review found no fault”", "Lena Marsh")],
        ),
        (  # the sentence carries on after the quote, then the cue
            "“It can still be won” if turnout holds, said Omar Haddad, a pollster.",
            [("“It can still be won”", "Omar Haddad")],
        ),
        (  # a long appositive with commas inside
            "“Both of them worry me,” Iris Tan, 30, of Leeds, who took part, said on Monday.",
            [("“Both of them worry me,”", "Iris Tan")],
        ),
        (  # a party parenthetical and an auxiliary
            "“It reminds us what is at stake,” Sen. Carl Boyd (R-Ind.) has said.",
            [("“It reminds us what is at stake,”", "Carl Boyd")],
        ),
        (  # a long description as the speaker
            "“We are ready,” the former Ohio governor and party candidate said.",
            [("“We are ready,”", "the former Ohio governor and party candidate")],
        ),
        (  # a surname that is also a title word
            "“We will publish it,” said Baron.",
            [("“We will publish it,”", "Baron")],
        ),
        (  # ", saying," : the subject of the sentence speaks
            "Notes\n\nMaya Lin posted a photo online, saying, “We are so proud of her.”",
            [("“We are so proud of her.”", "Maya Lin")],
        ),
        (  # an introduction ending in a colon, with a pronoun as its subject
            "Notes\n\nRosa Park thanked the crowd. She then turned to the stage again: "
            "“Now let us get to work.”",
            [("“Now let us get to work.”", "Rosa Park")],
        ),
        (  # a byline before a colon
            "POLLS CLOSE EARLY - Nina Ford: “Turnout was higher than anyone expected this year.”",
            [("“Turnout was higher than anyone expected this year.”", "Nina Ford")],
        ),
        (  # a name before a colon mid-sentence is no transcript speaker
            "Notes\n\nLater Ben Ames told Channel Nine: “We will appeal the ruling.”",
            [("“We will appeal the ruling.”", "Ben Ames")],
        ),
    ],
)
def test_cue_forms_from_news(tmp_path: Path, recipe, casting, text: str, expected: list) -> None:
    assert said(plan_of(tmp_path, text, recipe, casting)) == expected


@pytest.mark.parametrize(
    ("text", "speech"),
    [  # the default rule for quotations inside paraphrase
        ("Notes\n\nRuiz said that the council was “fully committed” to it.", True),
        ("Notes\n\nAna Ruiz said “it gets me angry” every time she reads it.", True),
        ("Notes\n\nAna Ruiz says the mayor is “obsessed” with the stadium.", False),
        ("Notes\n\nCritics mocked the plan as “a bridge to nowhere” for weeks.", False),
        ("Notes\n\nAna Ruiz said that after the vote in the hall on the night of the storm the "
         "town was “ready to build again” at last.", False),
        ("Notes\n\nThe actor, who starred in “The Long Night Watch.”, was there.", False),
        ("Notes\n\nGale called the ruling “a disgrace to the court” on Friday.", True),
    ],
)
def test_quotations_inside_paraphrase_by_default(
    tmp_path, recipe, casting, text: str, speech: bool
) -> None:
    assert bool(said(plan_of(tmp_path, text, recipe, casting))) == speech


def test_a_first_person_narrator_is_named_by_what_the_others_call_them(
    tmp_path, recipe, casting
) -> None:
    text = (
        "Notes\n\nDorian Vale looked up from his desk.\n\n"
        "“You are late, Price,” said Vale.\n\n“The train was slow,” I answered.\n\n"
        "“Sit down, Price, we have work,” said Vale.\n\n“What work?” I asked."
    )
    quotes = said(plan_of(tmp_path, text, recipe, casting))
    assert [speaker for _, speaker in quotes] == ["Dorian Vale", "Price", "Dorian Vale", "Price"]


def test_kinship_descriptions_go_to_the_family_member(tmp_path, recipe, casting) -> None:
    text = (
        "Notes\n\nMr. Arden sat by the fire.\n\n"
        "“Have you heard the news?” asked his wife.\n\n“I have not,” said Mr. Arden.\n\n"
        "“The house is let at last,” said Mrs. Arden."
    )
    plan = plan_of(tmp_path, text, recipe, casting)
    speakers = [speaker for _, speaker in said(plan)]
    assert speakers[0] == speakers[2] != speakers[1]
    wife = next(s for s in plan.speakers if s.name == speakers[0])
    assert wife.gender == "female"


def test_the_one_spoken_to_replies(tmp_path, recipe, casting) -> None:
    text = (
        "Notes\n\nNora Quill and Tobias Fenn sat by the window.\n\n"
        "“I have news,” said Nora.\n\n“Tell me, Tobias, did you see the letter?”\n\n"
        "“I read it this morning.”\n\n“Then you know.”\n\n"
        "“Is it true?” asked Tobias to Nora.\n\n“It is.”"
    )
    speakers = [speaker for _, speaker in said(plan_of(tmp_path, text, recipe, casting))]
    assert speakers == [
        "Nora Quill", "Nora Quill", "Tobias Fenn", "Nora Quill", "Tobias Fenn", "Nora Quill"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "it" after an organisation or a description that spoke
            "“We regret the error,” the company wrote. It added, “A refund will follow.”",
            [("“We regret the error,”", "the company"), ("“A refund will follow.”", "the company")],
        ),
        (  # a verb of speaking opening the sentence, the speaker and an appositive after it
            "Notes\n\nSaid Ada Brook, who lived next door, “We were all so proud.”",
            [("“We were all so proud.”", "Ada Brook")],
        ),
    ],
)
def test_it_and_inverted_cues(tmp_path: Path, recipe, casting, text: str, expected: list) -> None:
    assert said(plan_of(tmp_path, text, recipe, casting)) == expected


def test_a_name_before_a_verb_of_speaking_is_who_he_is(tmp_path, recipe, casting) -> None:
    text = (
        "Notes\n\nDonald Marsh spoke first. The plan is worrying, Lee Cuban said.\n\n"
        "“I just don't see it,” he said."
    )
    assert said(plan_of(tmp_path, text, recipe, casting)) == [
        ("“I just don't see it,”", "Lee Cuban")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # Gutenberg's double hyphen is a dash, not part of the name
            "“I will not stay,” said Corran--quite firmly.\n\n“Nor I,” said Corran.",
            [("“I will not stay,”", "Corran"), ("“Nor I,”", "Corran")],
        ),
        (  # a description ends at its head noun: before an adverb ...
            "“We are leaving,” said her aunt soon afterwards.\n\n“Now,” said her aunt.",
            [("“We are leaving,”", "her aunt"), ("“Now,”", "her aunt")],
        ),
        (  # ... a participle after a person's noun ...
            "“Stop that!” said the boy shaking his fist.",
            [("“Stop that!”", "the boy")],
        ),
        (
            "“We will see,” said the driver sitting next to him.",
            [("“We will see,”", "the driver")],
        ),
        (  # ... or a finite verb
            "Notes\n\nThe Ohio senator emailed supporters saying: “Stay with me.”",
            [("“Stay with me.”", "the Ohio senator")],
        ),
        (  # "a husky whisper": an adjective and a noun, not a speaker and a verb
            "Notes\n\nTom Reed leaned over and said in a husky whisper: “Not a word.”",
            [("“Not a word.”", "Tom Reed")],
        ),
        (  # "a faint [voice]": an adjective whose noun the cue lost
            "“Quiet!” cried a faint and feeble voice.",
            [("“Quiet!”", None)],
        ),
        (  # a head that names a feeling, an act or an event is no speaker
            "Notes\n\nAda Finch sat down. Her bewilderment was great; she kept repeating, “How"
            " can it be?”",
            [("“How can it be?”", None)],
        ),
        (  # "rally" is a noun, not an -ly adverb after the subject
            "Notes\n\nAn open rally by the workers had one message: “Pay us now.”",
            [("“Pay us now.”", None)],
        ),
    ],
)
def test_a_description_ends_at_a_head_noun_that_can_speak(
    tmp_path: Path, recipe, casting, text: str, expected: list
) -> None:
    assert said(plan_of(tmp_path, text, recipe, casting)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a place after a preposition is no subject of the verb after it
            "Notes\n\nRavi Nair, the former mayor of Lisbury and governor of Estmark, stressed"
            " his record.\n\n“We can build,” he said.",
            [("“We can build,”", "Ravi Nair")],
        ),
        (  # a party and a state after a name are no one's name
            "Notes\n\nCommittee chair Rep. Dana Holt, R-Iowa, said the hearing will start with"
            " the director.\n\n“It is not over,” she said.",
            [("“It is not over,”", "Dana Holt")],
        ),
        (  # "the" and a people's word is a description, not a name
            "“It gave the address,” explained the Canadian.",
            [("“It gave the address,”", "the Canadian")],
        ),
        (  # "Others" opening a sentence names no one
            "Notes\n\nOthers, reacting to the ruling, shouted, “Shame on you!”",
            [("“Shame on you!”", None)],
        ),
        (  # after "the", an -ly word is part of a title, not a sentence-opening adverb
            "Notes\n\nAccording to the Weekly Ledger, “The mill will close.”",
            [("“The mill will close.”", "Weekly Ledger")],
        ),
        (  # modifiers, then the name with a given name in it
            "“It is a stunt,” said Budget ranking Democrat Elena Ward (D-Vt.).",
            [("“It is a stunt,”", "Elena Ward")],
        ),
        (  # ... but not a name after a function word
            "“It is a stunt,” said Lena Ward in an interview with Omar Price.",
            [("“It is a stunt,”", "Lena Ward")],
        ),
    ],
)
def test_places_labels_and_modifiers_are_no_speakers(
    tmp_path: Path, recipe, casting, text: str, expected: list
) -> None:
    assert said(plan_of(tmp_path, text, recipe, casting)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the verb before its object ends a description ("the Hare" is then a name)
            "Notes\n\nThe Hare shook its head slowly, and said, without looking up, “Not today.”",
            [("“Not today.”", "Hare")],
        ),
        (  # "he" before a participle is the speaker, not a role before "his cup"
            "“It is settled,” said he putting his cup upon the table.",
            [("“It is settled,”", None)],
        ),
        (  # "At Lowbridge / I found": the narrator's "I" is no part of a name
            "Notes\n\nWe drove on to Lowbridge. At Lowbridge\nI found the shop closed.\n\n"
            "“Nobody here,” he said.",
            [("“Nobody here,”", None)],
        ),
        (  # a place after a preposition and a line break is no subject either
            "Notes\n\nOmar Hale was pleased with\nDunmore, thought it a fine town.\n\n"
            "“I like it,” he said.",
            [("“I like it,”", "Omar Hale")],
        ),
        (  # "the Democratic nominee", not "Democratic"
            "“We will not back down,” said the Democratic nominee.",
            [("“We will not back down,”", "the Democratic nominee")],
        ),
        (  # "the Ohio senator", not "the Ohio"
            "“It is a hard case,” said the Ohio senator, “and I will vote no.”",
            [("“It is a hard case,”", "the Ohio senator"),
             ("“and I will vote no.”", "the Ohio senator")],
        ),
    ],
)
def test_descriptions_and_names_stop_where_the_person_does(
    tmp_path: Path, recipe, casting, text: str, expected: list
) -> None:
    assert said(plan_of(tmp_path, text, recipe, casting)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a phrase after a preposition is no subject of the verb after it
            "Notes\n\nAda Finch stayed a month. At the close of the month Nell said firmly:\n\n"
            "“You must go home.”",
            [("“You must go home.”", "Nell")],
        ),
        (  # nor a place that "where" describes
            "Notes\n\nNell Varley, going up to the west attic, where the lamp was lit, said"
            " softly:\n\n“Come down to supper.”",
            [("“Come down to supper.”", "Nell Varley")],
        ),
        (  # a look or a glance speaks no words
            "Notes\n\nAda Finch left early. Her parting glance was warm, and her parting words,"
            " “Be good,” stayed with them.",
            [("“Be good,”", None)],
        ),
        (  # nor a thumb, the body part a gesture is made with
            "Notes\n\nA stout porter strolled over and, pointing his thumb at the cart behind"
            " him, said, “Is that one yours?”",
            [("“Is that one yours?”", None)],
        ),
        (  # "the accent" names no person for a later "he"
            "Notes\n\nAda Finch and Tom Reed sat down. The accent was plain enough.\n\n"
            "“You will stay,” he said.",
            [("“You will stay,”", "Tom Reed")],
        ),
    ],
)
def test_phrases_that_are_no_subject_name_no_speaker(
    tmp_path: Path, recipe, casting, text: str, expected: list
) -> None:
    assert said(plan_of(tmp_path, text, recipe, casting)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a day before a given name opens the sentence; the person is the one so named
            "Notes\n\nAnne Marsh came home in June.\n\nOn Sunday Anne walked to church with her"
            " aunt.\n\n“It is cold,” said Anne.",
            [("“It is cold,”", "Anne Marsh")],
        ),
        (  # ... so does a place
            "Notes\n\nLydia Grey wrote to her sister. Home from London Lydia came in a hurry.\n\n"
            "“I am back,” said Lydia.",
            [("“I am back,”", "Lydia Grey")],
        ),
        (  # ... a sentence adverb
            "Notes\n\nNell Varley looked at the sky. Therefore Nell stayed in.\n\n"
            "“It will rain,” said Nell.",
            [("“It will rain,”", "Nell Varley")],
        ),
        (  # ... a titled surname (English writes "Mrs. Nora Hale", not "Mrs. Hale Nora")
            "Notes\n\nNora Quill liked the new minister's wife. With Mrs. Hale Nora got on at"
            " once.\n\n“She is kind,” said Nora.",
            [("“She is kind,”", "Nora Quill")],
        ),
        (  # ... and a name the text uses as a place ("near the Lyceum,")
            "Notes\n\nNora Quill went up to town. Her room was near the Lyceum, in a quiet"
            " street.\n\nIn the Lyceum Nora soon made friends.\n\n“I like it here,” said Nora.",
            [("“I like it here,”", "Nora Quill")],
        ),
        (  # a known person's surname opening a longer name names a thing of theirs
            "Notes\n\nDonald Marsh spoke at the opening. Marsh Towers Resort was full.\n\n"
            "“I love it,” Marsh said.",
            [("“I love it,”", "Donald Marsh")],
        ),
        (  # a party's word before a role and a name is no name
            "Notes\n\nFormer Democratic candidate Paul Stone spoke first.\n\n“We lost,” he said.",
            [("“We lost,”", "Paul Stone")],
        ),
    ],
)
def test_a_word_before_a_name_is_no_part_of_it(
    tmp_path: Path, recipe, casting, text: str, expected: list
) -> None:
    assert said(plan_of(tmp_path, text, recipe, casting)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # an adjective opening a sentence before a plural noun ("comments are") is no one
            "Notes\n\nSenator Ada Finch spoke for an hour.\n\nHarsh comments are earning her"
            " critics some scorn.\n\n“We will not stop,” she said.",
            [("“We will not stop,”", "Ada Finch")],
        ),
        (  # ... nor a party's word before a noun ("state lawmakers")
            "Notes\n\nSenator Ana Ruiz spoke. More black Democratic state lawmakers back her"
            " rival.\n\n“We will win,” she said.",
            [("“We will win,”", "Ana Ruiz")],
        ),
        (  # a people's word is no name
            "Notes\n\nCanadian papers were quick to react: “This is a scandal.”",
            [("“This is a scandal.”", None)],
        ),
        (  # ... a faith's too: "the Jew" is a description of him
            "Notes\n\nThe old Jew sat by the fire, and Tom came in.\n\n“Welcome, my dear,”"
            " said the Jew.",
            [("“Welcome, my dear,”", "the Jew")],
        ),
        (  # ... with a determiner it describes someone
            "“It is over,” said one senior Republican.",
            [("“It is over,”", "one senior Republican")],
        ),
        (  # a month is no name
            "Notes\n\nRita Moss lost the miners' vote after her March comment that, “We will"
            " close the mines.”",
            [("“We will close the mines.”", None)],
        ),
        (  # a headline's verb is no name, and "he" is not the headline's
            "Mayor Kim Laughs, Dodges Question\n\nAsked about the budget, he laughed and said,"
            " “We will see.”",
            [("“We will see.”", None)],
        ),
        (  # a contraction is no name
            "Notes\n\n“Come in,” said Ada Finch.\n\nI’ll say, “You are late.”",
            [("“Come in,”", "Ada Finch"), ("“You are late.”", None)],
        ),
        (  # an interjection is not the name the others call the narrator
            "Notes\n\n“Hush!” said Tom.\n\n“Hush!” said Ada.\n\n“Who is there?” I said.",
            [("“Hush!”", "Tom"), ("“Hush!”", "Ada"), ("“Who is there?”", "the narrator")],
        ),
        (  # a place made an adjective is no name: the role and the name after it are
            "“It was a deal,” explained New York-based attorney Mia Cruz.",
            [("“It was a deal,”", "Mia Cruz")],
        ),
        (  # ... so are a place and a role word before a name
            "“We are all props,” said Ohio delegate Beau Lind, angered by the rules.",
            [("“We are all props,”", "Beau Lind")],
        ),
        (  # a possessive before its noun ("Editor’s note") is no subject and verb
            "Notes\n\n“Math is math,” said Dan Ruiz. “It doesn’t bend.” Editor’s note: the"
            " figures are from May.",
            [("“Math is math,”", "Dan Ruiz"), ("“It doesn’t bend.”", "Dan Ruiz")],
        ),
        (  # ... but a person's is theirs
            "Notes\n\nAnne Hale wanted to stay. Elizabeth's reply was, “Then stay.”",
            [("“Then stay.”", "Elizabeth")],
        ),
        (  # one capitalised word nobody is known by, before a plural noun, is no subject
            "Notes\n\nThe billboard went up in the night.\n\nLocal news affiliate KTV 7 is"
            " reporting the sign read: “Vote early. Vote often.”",
            [("“Vote early. Vote often.”", None)],
        ),
        (  # an adjective after "the" describes the name after it
            "Notes\n\n“You first,” remarked the wary Jones as they left the room.",
            [("“You first,”", "Jones")],
        ),
        (  # an -ing word before "of" names an act, no one who speaks
            "Notes\n\nWhenever the teacher said, “No, Jane, nothing of the sort,” the trembling of"
            " Jane’s lip would be repeated in her sister’s face.",
            [("“No, Jane, nothing of the sort,”", None)],
        ),
        (  # "his" after a word is no verb: "the other recover his temper" is no one
            "Notes\n\nEmma Vane and Tom Hale stayed late. One had to go home, and the other"
            " recover his temper by the fire.\n\n“A fine night,” he said.",
            [("“A fine night,”", "Tom Hale")],
        ),
        (  # an adjective before a noun ("the odd answer") is no subject and verb
            "Notes\n\nIt was asked in class what the first rule was. The odd answer, “To be kind"
            " to all who are near.”",
            [("“To be kind to all who are near.”", None)],
        ),
    ],
)
def test_words_that_name_no_one_are_no_speakers(
    tmp_path: Path, recipe, casting, text: str, expected: list
) -> None:
    assert said(plan_of(tmp_path, text, recipe, casting)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a plural of people is a group: never a later "he"
            "Notes\n\nDr. Omar Reyes treated the injured.\n\nAnalysts noted that the risk was"
            " low.\n\n“We saw it all,” he said.",
            [("“We saw it all,”", "Omar Reyes")],
        ),
        (  # a possessive's noun is no verb: "Kadova's claims" makes no speaker of Kadova
            "Notes\n\nGeneral Tom Vance spoke to the press.\n\nKadova's claims were dismissed by"
            " experts.\n\n“Nothing new,” he said.",
            [("“Nothing new,”", "Tom Vance")],
        ),
        (  # a name set off after a place's noun is a place
            "Notes\n\nLena Cole, who lives outside the state capital, Merrow, said she was"
            " tired.\n\n“I want a change,” she said.",
            [("“I want a change,”", "Lena Cole")],
        ),
        (  # a name after "in" is a place, not the subject of the verb after it
            "Notes\n\nRuiz, during a town meeting in Dunmore, Ohio, said: “We will fight for every"
            " job.”",
            [("“We will fight for every job.”", None)],
        ),
        (  # an address is no one, even with a given name in it
            "Notes\n\nTom Hale read the letter. Montague Place was written at its head.\n\n"
            "“A strange hand,” he said.",
            [("“A strange hand,”", "Tom Hale")],
        ),
        (  # a title word alone is no title ("For Major, a retiree")
            "Notes\n\nJoan Pike, a nurse, has volunteered for years. For Major, a retiree, the"
            " calls are a duty.\n\n“I do it gladly,” she said.",
            [("“I do it gladly,”", "Joan Pike")],
        ),
    ],
)
def test_groups_places_and_nouns_are_never_he_or_she(
    tmp_path: Path, recipe, casting, text: str, expected: list
) -> None:
    assert said(plan_of(tmp_path, text, recipe, casting)) == expected


def test_a_quote_after_an_invisible_character_is_read_by_its_speaker(
        tmp_path: Path, recipe, casting) -> None:
    # pasted comments carry direction marks before their quotation marks: the segment that
    # starts with one is still the quotation's, not the one before it
    text = ("Former secretary Hillary Clinton: “We learned that.”\n\n"
            "The post drew many replies.\n\n"
            "\u202a“Sorry Sarah, you should have said it!!” posted Sharon Powers Geyer.")
    plan = plan_of(tmp_path, text, recipe, casting)
    quoted = [s for s in plan.segments if s.kind == "quote"]
    assert [(s.text.lstrip("\u202a")[:6], s.speaker) for s in quoted] == [
        ("“We le", "Hillary Clinton"), ("“Sorry", "Sharon Powers Geyer")]


@pytest.mark.parametrize(
    ("text", "person", "description"),
    [
        (  # a title word inside a longer description, after a capitalised modifier
            "Notes\n\nSenator Paul Okafor toured a dairy farm on Friday.\n\n"
            "“Farmers deserve better,” the Idaho senator and former rancher told the crowd."
            "\n\n“They work harder than anyone,” he said.",
            "Paul Okafor", "the Idaho senator and former rancher",
        ),
        (  # an abbreviated title ("Gov.") is its title; the modifier picks the governor
            "Notes\n\nOhio Gov. John Kasich and Arkansas Gov. Mike Huckabee met on Monday.\n\n"
            "“We agreed on little,” the Ohio governor said.\n\n“Not even lunch,” he added.",
            "John Kasich", "the Ohio governor",
        ),
    ],
)
def test_a_description_by_title_is_the_person_who_bears_it(
    tmp_path: Path, recipe, casting, text: str, person: str, description: str
) -> None:
    # one person, one voice: the description is not a second speaker, and the "he" after it
    # names the description it refers back to
    plan = plan_of(tmp_path, text, recipe, casting)
    assert [q.speaker for q in plan.quotes] == [person, person]
    assert [q.aliases for q in plan.quotes] == [(description,), ("he", description)]
    assert [s.name for s in plan.speakers] == ["narrator", person]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a possessive mid-sentence is not the subject the next "he" refers to
            "Notes\n\nJoe Biden and Donald Trump were both in Ohio.\n\n"
            "At a diner in Akron, Biden dismissed Trump’s promise to lower prices.\n\n"
            "“Nobody believes that,” he said.",
            [("“Nobody believes that,”", "Joe Biden")],
        ),
        (  # "’s been" is "has been": the name is the subject
            "Notes\n\nChris Christie and Marco Rubio shared the stage.\n\n"
            "Later in the night Christie's been making the case that Rubio is not ready.\n\n"
            "“You have never been held accountable,” he said.",
            [("“You have never been held accountable,”", "Chris Christie")],
        ),
        (  # a sentence's opening word is no part of the name after it, which is its subject
            "Notes\n\nTed Nordhaus and Barack Obama spoke about the climate deal.\n\n"
            "But Obama, for all the progress, seems to agree with the critics.\n\n"
            "“We do not yet know what will work,” he said.",
            [("“We do not yet know what will work,”", "Barack Obama")],
        ),
        (  # a possessive that opens the sentence is who it is about
            "Notes\n\nMarilla Cuthbert and Rachel Lynde sat by the window.\n\n"
            "Marilla's lips twitched as Rachel watched the road.\n\n"
            "“I am quite well,” she said.",
            [("“I am quite well,”", "Marilla Cuthbert")],
        ),
    ],
)
def test_a_possessive_is_the_subject_only_when_it_opens_the_sentence(
    tmp_path: Path, recipe, casting, text: str, expected: list
) -> None:
    assert said(plan_of(tmp_path, text, recipe, casting)) == expected




@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a plural's possessive keeps its s: "Holmes'" is Holmes
            "Notes\n\nSherlock Holmes' eyes shone.\n\n“You see it,” said Holmes.",
            [("“You see it,”", "Sherlock Holmes")],
        ),
        (  # an organisation, a title and a name: the person, who is later her surname
            "“We are ready,” said FBI Director Dana Koval.\n\n“Yes,” Koval said.",
            [("“We are ready,”", "Dana Koval"), ("“Yes,”", "Dana Koval")],
        ),
        (  # ... with titles in a row
            "“Not yet,” said Army Lt. Gen. Omar Fisk.\n\n“Soon,” Fisk said.",
            [("“Not yet,”", "Omar Fisk"), ("“Soon,”", "Omar Fisk")],
        ),
        (  # a person "of" an organisation is the person
            "“It holds,” said Lena Marsh of the University of Leeds Law School.\n\n"
            "“Quite,” Marsh said.",
            [("“It holds,”", "Lena Marsh"), ("“Quite,”", "Lena Marsh")],
        ),
        (  # "the Misses Pell" are a family's daughters, not Mr. Pell's name
            "Notes\n\n“Pardon me,” said Mr. Pell.\n\nLater the Misses Pell and Dorn came by."
            "\n\n“Go on,” said Pell.",
            [("“Pardon me,”", "Pell"), ("“Go on,”", "Pell")],
        ),
        (  # a profile's age is no part of the name
            "Notes\n\nVolunteer: Nora Quill Age: 31\n\nShe joined the march.\n\n“We are paid"
            " too little,” she said.",
            [("“We are paid too little,”", "Nora Quill")],
        ),
    ],
)
def test_a_name_is_the_person_in_it(
    tmp_path: Path, recipe, casting, text: str, expected: list
) -> None:
    assert said(plan_of(tmp_path, text, recipe, casting)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a surname after a place's word in a headline is the person, not the headline's
            "Fans queue at Oregon Stump picnic\n\n“We will win,” Stump said.",
            [("“We will win,”", "Stump")],
        ),
        (  # ... nor an account's name that ends with it
            "Notes\n\nDozens of copies of the fake Lake County Twitter account kept appearing."
            "\n\n“We cannot do this,” Twitter said.",
            [("“We cannot do this,”", "Twitter")],
        ),
        (  # a word that is no given name, before a common word, is a thing's first word
            "Notes\n\nFor those not yet on Stump Train, the train is late.\n\n"
            "“We will win,” Stump said.",
            [("“We will win,”", "Stump")],
        ),
        (  # a party's word, then a role, is a role and no one's name
            "Notes\n\nRepublican National Committeeman spoke first.\n\n“We must choose,” he"
            " wrote.",
            [("“We must choose,”", None)],
        ),
        (  # a long chapter title that ends in a capitalised word is a heading, no name
            "CHAPTER I. The Visit\n\nNora waited at the gate.\n\n“It is late,” said Nora.\n\n"
            "CHAPTER II. Nora Learns a Lesson at the Mill in the Dark Night\n\nThe night was"
            " cold.\n\n“I know,” said Nora.",
            [("“It is late,”", "Nora"), ("“I know,”", "Nora")],
        ),
    ],
)
def test_one_word_of_a_thing_s_name_is_not_the_thing(
    tmp_path: Path, recipe, casting, text: str, expected: list
) -> None:
    assert said(plan_of(tmp_path, text, recipe, casting)) == expected


def test_a_character_named_the_x_is_one_speaker_however_named(
        tmp_path: Path, recipe, casting) -> None:
    # fiction's "the Rabbit", "the White Rabbit", "the Queen" and "Queen": one speaker each,
    # one voice, whichever form comes first
    text = (
        "Chapter 1\n\n‘I am late,’ said the Rabbit.\n\n"
        "‘Who are you?’ asked Mira.\n\n‘Nobody at all,’ said the White Rabbit, and ran.\n\n"
        "‘Off with it!’ said the Queen.\n\nThe Queen turned round. ‘Now!’ Queen shouted.\n\n"
        "‘Why?’ said the Footman.\n\n‘Because,’ said the Frog-Footman."
    )
    plan = plan_of(tmp_path, text, recipe, casting)
    assert [q.speaker for q in plan.quotes] == [
        "White Rabbit", "Mira", "White Rabbit", "Queen", "Queen", "Frog-Footman", "Frog-Footman"]
    assert sorted(s.name for s in plan.speakers) == [
        "Frog-Footman", "Mira", "Queen", "White Rabbit", "narrator"]


def test_an_organisation_and_its_role_words_before_a_name_give_the_person(
        tmp_path: Path, recipe, casting) -> None:
    text = (
        "Notes\n\n“I was hoping for more,” said Air Force 1st Lt. Tyler Moss.\n\n"
        "“It will please the base,” wrote Ledger City Hall bureau chief Dana Eilers after the"
        " meeting.\n\n“We agree,” said Clinton in an interview with John Dickerson."
    )
    assert [q.speaker for q in plan_of(tmp_path, text, recipe, casting).quotes] == [
        "Tyler Moss", "Dana Eilers", "Clinton"]


def test_a_name_of_plain_words_is_no_speaker_for_the_next_tagless_quote(
        tmp_path: Path, recipe, casting) -> None:
    # "Ogre Fact" personifies a word the text also writes in lower case ("a fact"), with no
    # given name in it: not a person whom the next paragraph's quotation could be
    text = ("Notes\n\nIt was a fact that nobody argued with the teachers there. In the"
            " classroom, Ogre Fact ruled the benches and the slates.\n\n"
            "“Nobody believes any of it, and nobody believes themselves.”")
    assert [q.speaker for q in plan_of(tmp_path, text, recipe, casting).quotes] == [None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a name never ends in a number word: a handle, a place, a film
            "Notes\n\nMy favourite reply is when Building Twenty points out the obvious:"
            " “Both sides are wrong.”",
            [("“Both sides are wrong.”", None)],
        ),
        (  # clothes do not speak, even when a joke has them do it
            "Notes\n\nThe empty coat moved towards him. “Stay back!” said the coat.",
            [("“Stay back!”", None)],
        ),
    ],
)
def test_numbers_a_one_and_clothes_name_no_speaker(
    tmp_path: Path, recipe, casting, text: str, expected: list
) -> None:
    assert said(plan_of(tmp_path, text, recipe, casting)) == expected


def test_a_one_refers_to_no_one(tmp_path: Path, recipe, casting) -> None:
    text = ("Notes\n\n“Will you come?” I asked. But in quite as clear a one came the previous"
            " reply, “I would prefer not to.”")
    plan = plan_of(tmp_path, text, recipe, casting)
    assert "a one" not in [s.name for s in plan.speakers]
    assert len(plan.quotes) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a name in a sentence of the quotation, or in a quotation within it, is not the
            # speaker's own; nor does a cue's name give way to it
            "Notes\n\n“If I am Mr. Darcy, then who are you?” said Mary Hale.\n\n"
            "“He told me, ‘My name is John Smith,’ and left,” said Mary Hale.",
            [("“If I am Mr. Darcy, then who are you?”", "Mary Hale"),
             ("“He told me, ‘My name is John Smith,’ and left,”", "Mary Hale")],
        ),
        (  # "my name" in the narration is the narrator's, not the quotation's speaker's
            "Notes\n\n“Dr. Watson!” cried the girl, and I started at the sound of my name.",
            [("“Dr. Watson!”", "the girl")],
        ),
    ],
)
def test_only_a_speaker_who_gives_their_own_name_is_named_by_it(
    tmp_path: Path, recipe, casting, text: str, expected: list
) -> None:
    assert said(plan_of(tmp_path, text, recipe, casting)) == expected


def test_a_first_person_narrator_takes_the_name_they_give(tmp_path: Path, recipe, casting) -> None:
    text = "Notes\n\n“My name is John Watson,” I said. “I live here.”\n\n“Never mind,” I said."
    plan = plan_of(tmp_path, text, recipe, casting)
    assert [q.speaker for q in plan.quotes] == ["John Watson"] * 3
    assert [s.name for s in plan.speakers] == ["narrator", "John Watson"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # another office or body is another speaker
            "Notes\n\n“We disagree,” said the White House.\n\n“We will vote,” said the House."
            "\n\n“I will travel,” said the Vice President.\n\n“I will stay,” said the President.",
            ["White House", "House", "Vice President", "President"],
        ),
        (  # "the governor" is no Lt. Gov., and a governor's aide no governor
            "Notes\n\nGov. Rick Scott spoke on Monday and Lt. Gov. Carlos Lopez listened.\n\n"
            "“No,” said the governor.\n\n“We agreed,” said the former governor aide.",
            ["Rick Scott", "the former governor aide"],
        ),
        (  # "her mother" said twice is one mother, not the daughter the second time
            "Notes\n\nMrs. Jane Crale came down the stairs.\n\n“Good morning,” said Mrs. Crale."
            "\n\n“You are late,” said her mother.\n\n“I know,” said her mother.",
            ["Jane Crale", "her mother", "her mother"],
        ),
        (  # an opening adverb is no part of the name after it
            "Notes\n\nTed Nordhaus and Barack Obama spoke about the deal.\n\n"
            "Indeed Obama, for all the progress, seems to agree.\n\n"
            "“We do not know yet,” he said.",
            ["Barack Obama"],
        ),
        (  # capitalised words that open a clause are speech, not a title
            "Notes\n\nTom Reed came to the door and waved — “Good Night, Mother,” he said.\n\n"
            "Mary Hale turned; “Come Back Soon,” she called.\n\n"
            "He nodded and “Thank You Kindly,” said Tom.",
            ["Tom Reed", "Mary Hale", "Tom Reed"],
        ),
    ],
)
def test_offices_relatives_openers_and_clauses(
    tmp_path: Path, recipe, casting, text: str, expected: list
) -> None:
    assert [q.speaker for q in plan_of(tmp_path, text, recipe, casting).quotes] == expected


def test_an_indefinite_description_named_in_one_scene_is_not_so_in_the_next(
        tmp_path: Path, recipe, casting) -> None:
    questions = "".join(f"“Is it {n}?” asked Ada Vole.\n\n“No,” said Kit Lark.\n\n"
                        for n in ("one", "two", "three", "four", "five", "six", "seven", "eight"))
    text = (
        "Chapter One\n\n" + questions
        + "Mr. Hobb knocked at the lodge.\n\n“Who knocks out there?” called a voice.\n\n"
        "“Only me, Pinner,” said Mr. Hobb.\n\n"
        "Chapter Two\n\nTen years later the lodge was empty.\n\n"
        "“Only the cat,” said a voice."
    )
    speakers = [q.speaker for q in plan_of(tmp_path, text, recipe, casting).quotes]
    assert speakers[-3:] == ["Pinner", "Hobb", "a voice"]


def test_a_long_chapter_title_ending_in_a_question_keeps_its_words(
        tmp_path: Path, recipe, casting) -> None:
    text = ("CHAPTER I. Why did the old hen cross the wide road?\n\nIt was a fine day.\n\n"
            "CHAPTER II. The Next\n\nMore.")
    plan = plan_of(tmp_path, text, recipe, casting)
    assert plan.chapters[0].title.startswith(
        "CHAPTER I. Why did the old hen cross the wide road?")


def test_a_name_inside_a_longer_word_is_not_named(tmp_path: Path, recipe, casting) -> None:
    # "Lee" is not in "Leeds": the quotation does not name Ed Lee, who may have said it
    text = ("Notes\n\nMary Hale watched as Ed Lee came in from the yard.\n\n"
            "“The train from Leeds was late again.”")
    assert [q.speaker for q in plan_of(tmp_path, text, recipe, casting).quotes] == ["Ed Lee"]


def _speaker(plan, name: str):
    return next(s for s in plan.speakers if s.name == name)


def test_aliases_leave_out_the_sentence_openers_before_a_name(tmp_path, recipe, casting) -> None:
    text = ("Notes\n\nMrs. Wren sat by the fire.\n\n“It is late,” said Mrs. Wren.\n\n"
            "But Mrs. Wren smiled. “Go to bed,” she said.\n\n"
            "Thereupon Mrs. Wren rose. “Good night,” said Mrs. Wren.")
    plan = plan_of(tmp_path, text, recipe, casting)
    aliases = _speaker(plan, "Wren").aliases
    assert "Mrs. Wren" in aliases
    assert not [a for a in aliases if a.startswith(("But", "Thereupon"))]


def test_a_mrs_called_so_again_and_again_is_not_the_daughter_named_later(
    tmp_path, recipe, casting
) -> None:
    text = ("Notes\n\nMrs. Pellow kept the house.\n\n“Dinner is at six,” said Mrs. Pellow.\n\n"
            "“And not a minute later,” said Mrs. Pellow.\n\n"
            "Then Lucy Pellow came in from the garden.\n\n“I am hungry,” said Lucy Pellow.\n\n"
            "“You will wait,” said Mrs. Pellow.")
    assert said(plan_of(tmp_path, text, recipe, casting)) == [
        ("“Dinner is at six,”", "Pellow"), ("“And not a minute later,”", "Pellow"),
        ("“I am hungry,”", "Lucy Pellow"), ("“You will wait,”", "Pellow"),
    ]


def test_mrs_before_a_mans_given_name_is_his_wife(tmp_path, recipe, casting) -> None:
    text = ("Notes\n\nHenry Ashby walked in.\n\n“Fine weather,” said Henry Ashby.\n\n"
            "“Too fine,” said Mrs Henry Ashby.")
    assert said(plan_of(tmp_path, text, recipe, casting)) == [
        ("“Fine weather,”", "Henry Ashby"), ("“Too fine,”", "Mrs Henry Ashby"),
    ]


def test_initials_in_capitals_are_no_he_or_she(tmp_path, recipe, casting) -> None:
    text = ("Notes\n\nDana Ruiz, executive director of the Harbor Fund PAC, a local PAC, said"
            " she thinks the party is ready.\n\n“We will win in November,” she said.")
    assert said(plan_of(tmp_path, text, recipe, casting)) == [
        ("“We will win in November,”", "Dana Ruiz")]


def test_an_organisations_chief_of_staff_is_a_person(tmp_path, recipe, casting) -> None:
    text = ("Notes\n\nThat, LPC Chief of Staff Mara Quist explained, is by design.\n\n"
            "“We have the advantage,” she said.")
    assert said(plan_of(tmp_path, text, recipe, casting)) == [
        ("“We have the advantage,”", "Mara Quist")]


@pytest.mark.parametrize(
    ("cue", "speaker"),
    [
        ("said Senate Majority Whip Ora Landry", "Ora Landry"),
        ("said Harlan County Recorder Nell Briggs", "Nell Briggs"),
        ("Co-anchor Tess Morrow said", "Tess Morrow"),
        ("said Senate Challenger Paula Inge", "Paula Inge"),
    ],
)
def test_a_role_before_a_name_is_no_part_of_it(tmp_path, recipe, casting, cue, speaker) -> None:
    text = f"Notes\n\n“The count is not over,” {cue}."
    assert said(plan_of(tmp_path, text, recipe, casting)) == [("“The count is not over,”", speaker)]


def test_a_document_is_no_speaker_its_issuer_is(tmp_path: Path, recipe, casting) -> None:
    text = ("Notes\n\nSenator Dana Ruiz issued a statement on Monday.\n\n"
            "“We will not back down,” the statement said.\n\n"
            + "The weather turned cold and the roads were closed for the day. " * 8
            + "\n\n“Offices close at noon,” the email read.")
    plan = plan_of(tmp_path, text, recipe, casting)
    assert [q.speaker for q in plan.quotes] == ["Dana Ruiz", None]
    assert plan.quotes[0].aliases == ("the statement",)


def test_a_book_or_a_plan_is_no_speaker(tmp_path: Path, recipe, casting) -> None:
    text = ("Notes\n\nThe weather turned cold and the roads were closed for the day. " * 8
            + "\n\n“Work is a calling,” a popular book declares.")
    plan = plan_of(tmp_path, text, recipe, casting)
    assert [s.name for s in plan.speakers] == ["narrator"]


def test_a_byline_is_no_character_of_the_story(tmp_path: Path, recipe, casting) -> None:
    text = ("The Glass Bell\n\nThomas Quillan Brooke\n\nOne morning a traveller came to"
            " the shop and set down his pack.\n\n“Is the bell for sale?” he asked.")
    assert [q.speaker for q in plan_of(tmp_path, text, recipe, casting).quotes] == [None]


def test_the_king_of_a_tale_is_a_person_a_he_can_refer_to(tmp_path: Path, recipe, casting) -> None:
    text = ("Notes\n\nThe Emperor sat on his throne in the great hall.\n\n"
            "“Bring me the cloth,” said the Emperor.\n\n"
            "The weavers bowed low and held up their empty hands.\n\n"
            "“It is very fine,” he said at last.")
    plan = plan_of(tmp_path, text, recipe, casting)
    assert [q.speaker for q in plan.quotes] == ["Emperor", "Emperor"]
    assert next(s for s in plan.speakers if s.name == "Emperor").gender == "male"


def test_a_sentence_opening_adverb_is_no_part_of_a_speaker_s_name(
        tmp_path: Path, recipe, casting) -> None:
    text = ("Notes\n\nThe shepherd sat by the stream.\n\n"
            "Thereupon Old Ambrose stood up. “I will go,” said Old Ambrose.")
    assert "Thereupon" not in " ".join(s.name for s in plan_of(
        tmp_path, text, recipe, casting).speakers)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a team's, a paper's or an institution's name is no person for "he"
            "Notes\n\nAre you on Team Gable? Like the page.\n\n"
            "Gable told reporters on Monday that he would win. “We are ahead,” Gable said.",
            [("“We are ahead,”", "Gable")],
        ),
        (
            "Notes\n\nAnalyst Tom Moyo spoke first.\n\nDayton Sun-Times reported the story."
            " Hollis Institution published a survey.\n\n“I was not surprised,” he said.",
            [("“I was not surprised,”", "Tom Moyo")],
        ),
        (  # a party's initials and the role after them describe one person
            "Notes\n\n“It matters more to him,” said one former GOP leadership aide.",
            [("“It matters more to him,”", "one former GOP leadership aide")],
        ),
    ],
)
def test_teams_papers_institutions_and_party_aides(
    tmp_path: Path, recipe, casting, text: str, expected: list
) -> None:
    assert said(plan_of(tmp_path, text, recipe, casting)) == expected


def test_a_name_before_a_plural_of_people_describes_the_group(
        tmp_path: Path, recipe, casting) -> None:
    text = ("Notes\n\nThe two teams met on Friday night in Gary.\n\n"
            "Westfield Academy fans also chanted, “Go home,” at the visitors.")
    plan = plan_of(tmp_path, text, recipe, casting)
    assert [q.speaker for q in plan.quotes] == ["Westfield Academy fans"]


def test_an_image_s_words_name_no_speaker(tmp_path: Path, recipe, casting) -> None:
    # a photo's caption or alt text is no part of the story: "he" is not whom it names
    html = ("<html><body><article><p>The bakery opened at six. Many people waited outside"
            " in the rain for the first loaves of the day.</p>"
            "<figure><img src='a.jpg' alt='Tom Varga at his ovens'>"
            "<figcaption>Tom Varga at his ovens</figcaption></figure>"
            "<p>“We sold out by nine,” he said.</p></article></body></html>")
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    plan = plan_file(path, recipe, casting)
    assert [q.speaker for q in plan.quotes] == [None]
