"""Turn-taking in novels' tagless dialogue (passages written for earmark): who speaks a
paragraph of quotation that names no speaker."""

from __future__ import annotations

from pathlib import Path

import pytest

from earmark.planning.build import plan_file


def speakers(tmp_path: Path, text: str, recipe, casting) -> list[str | None]:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return [q.speaker for q in plan_file(path, recipe, casting).quotes]


_OPENING = (
    "Chapter One\n\n“Is that you, Jem?” said Mrs. Dale.\n\n“It is, Mrs. Dale,” said Jem Hart."
    "\n\n“Then come in and shut the door,” said Mrs. Dale.\n\nJem came in and went away again."
    "\n\n"
)
"""A dialogue with a tag on every turn: the text takes turns (turns.note_turn)."""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # after one tagged turn, the reply is the other person the narration names
            _OPENING + "Mrs. Dale sat at the window while Captain Rowe read the paper.\n\n"
            "“The post is late again,” said Mrs. Dale.\n\n"
            "“It always is on a Monday.”\n\n"
            "“Then I shall walk to the village for it myself.”\n",
            ["Dale", "Jem Hart", "Dale", "Dale", "Rowe", "Dale"],
        ),
        (  # no one names themselves: the turn that addresses Bella is not hers
            _OPENING + "“I will not go,” said Bella Crane.\n\n“Then stay,” said Arthur Lusk."
            "\n\n“Bella, you must not cry so.”\n",
            ["Dale", "Jem Hart", "Dale", "Bella Crane", "Arthur Lusk", "Arthur Lusk"],
        ),
        (  # a run nobody starts is filled in from the turns after it
            _OPENING + "Mr. Pell kept the lock, and Tom Birch worked the boat for him.\n\n"
            "The next evening there were questions.\n\n"
            "“Where did you leave the boat?”\n\n"
            "“By the mill, where it always is.”\n\n"
            "“And the oars?”\n\n"
            "“Under the hedge, Mr. Pell, as you told me.”\n\n"
            "“Very good. Then go to bed, Tom.”\n\n"
            "“Good night, sir,” said Tom Birch.\n",
            ["Dale", "Jem Hart", "Dale",
             "Pell", "Tom Birch", "Pell", "Tom Birch", "Pell", "Tom Birch"],
        ),
        (  # "he replied": the one the turn before spoke to, when he fits
            _OPENING + "Miss Ames and Mr. Ward stood by the shelves while Mr. Lowe read.\n\n"
            "“What a fine library you keep, Mr. Ward!” said Miss Ames.\n\n"
            "“It ought to be good,” he replied.\n",
            ["Dale", "Jem Hart", "Dale", "Ames", "Ward"],
        ),
        (  # "she demanded" is not the woman she addresses by name
            _OPENING + "Mrs. Lyle and Mrs. Pryor sat down, and Mrs. Lyle poured the tea.\n\n"
            "“Are you in earnest, Mrs. Lyle?” she demanded.\n",
            ["Dale", "Jem Hart", "Dale", "Pryor"],
        ),
        (  # in news, a paragraph of quotation after a speaker's goes on with that speaker
            "Bridge\n\nMayor Ada Quist spoke after Governor Lee Park had left the hall.\n\n"
            "“We will build the bridge,” Quist said.\n\n"
            "“It will take two years, and the state will pay for it.”\n",
            ["Ada Quist", "Ada Quist"],
        ),
    ],
)
def test_turns(tmp_path: Path, recipe, casting, text: str, expected: list) -> None:
    assert speakers(tmp_path, text, recipe, casting) == expected


def test_a_description_that_answers_is_the_one_spoken_to(tmp_path: Path, recipe, casting) -> None:
    """ "said the child" answering a turn that calls Tibby Marsh by name is Tibby, and goes on
    being her in the scene; "the old gentleman" is never the one called "the child"."""
    text = _OPENING + (
        "Mr. Hobb waited at the gate, and Tibby Marsh came slowly up the lane.\n\n"
        "“Come here, Tibby,” said Mr. Hobb.\n\n"
        "“I am coming, sir,” said the child.\n\n"
        "“Where have you been all day?” said Mr. Hobb.\n\n"
        "“At the river, sir,” said the child, looking down.\n\n"
        "An old gentleman came out of the house with Mr. Rowe.\n\n"
        "“You are late again, Tibby,” said Mr. Hobb.\n\n"
        "“Late, indeed,” said the old gentleman.\n"
    )
    assert speakers(tmp_path, text, recipe, casting)[3:] == [
        "Hobb", "Tibby Marsh", "Hobb", "Tibby Marsh", "Hobb", "the old gentleman"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a thought speaks to no one: the turn after it is not Mrs. Pim's
            _OPENING + "Mrs. Pim had sent a goose to the school, and Ada Vole walked home "
            "with Kitty Lark.\n\n"
            "“Kitty, was it a large goose?” said Ada Vole.\n\n"
            "“The largest I ever saw,” said Kitty Lark.\n\n"
            "“Well done, Mrs. Pim!” thought Ada Vole.\n\n"
            "“And she sent a cake as well.”\n",
            ["Ada Vole", "Kitty Lark", "Ada Vole", "Kitty Lark"],
        ),
        (  # "Mr. Pim" addressed is not Mrs. Pim, the one Pim the text knows
            _OPENING + "Mrs. Pim had sent a goose to the school, and Ada Vole walked home "
            "with Kitty Lark.\n\n"
            "“Kitty, was it a large goose?” said Ada Vole.\n\n"
            "“The largest I ever saw,” said Kitty Lark.\n\n"
            "“Mr. Pim, I suppose, keeps geese?” said Ada Vole.\n\n"
            "“He does, and cows.”\n",
            ["Ada Vole", "Kitty Lark", "Ada Vole", "Kitty Lark"],
        ),
    ],
)
def test_no_false_addressees(tmp_path: Path, recipe, casting, text: str, expected: list) -> None:
    assert speakers(tmp_path, text, recipe, casting)[3:] == expected


def test_a_speaker_who_names_themselves_is_that_person(tmp_path: Path, recipe, casting) -> None:
    """ “Mr. Tobias Reed,” said the thin clerk. “That is my name.”: the thin clerk is Tobias
    Reed, in what he said before too; “My name is Clara Dunn” is Clara Dunn's."""
    text = (
        "Chapter One\n\nA thin clerk with an inky cuff opened the office to us.\n\n"
        "“Come in, do,” said the thin clerk. “You are awaited.”\n\n"
        "“Mr. Tobias Reed,” said the thin clerk, nodding. “That is my name.”\n\n"
        "A tall woman rose from the sofa.\n\n“My name is Clara Dunn,” she said.\n"
    )
    assert speakers(tmp_path, text, recipe, casting) == ["Tobias Reed"] * 4 + ["Clara Dunn"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # “Poor Mrs. Pim!” pities her; it does not speak to her
            _OPENING + "Mrs. Pim had lost her goose, and Ada Vole and Kitty Lark sat by the "
            "fire talking of it.\n\n"
            "“Kitty, have you heard?” said Ada Vole.\n\n"
            "“I have,” said Kitty Lark.\n\n"
            "“Poor Mrs. Pim!” said Ada Vole.\n\n"
            "“She will get another.”\n",
            ["Ada Vole", "Kitty Lark", "Ada Vole", "Kitty Lark"],
        ),
        (  # after narration, a turn is not by the person it talks about
            _OPENING + "Kitty Lark came in from the lane with news of Mrs. Pim.\n\n"
            "“Mrs. Pim has lost her goose!”\n",
            ["Kitty Lark"],
        ),
    ],
)
def test_named_but_not_addressed(
    tmp_path: Path, recipe, casting, text: str, expected: list
) -> None:
    assert speakers(tmp_path, text, recipe, casting)[3:] == expected


def test_a_described_speaker_called_by_name_in_the_reply(tmp_path: Path, recipe, casting) -> None:
    """ “Who knocks?” called a hoarse voice. / “Only me, Pinner,” said Mr. Hobb.: the hoarse
    voice is Pinner, a name the text had not used."""
    text = _OPENING + (
        "Mr. Hobb knocked at the gate of the lodge.\n\n"
        "“Who knocks out there?” called a hoarse voice behind the gate.\n\n"
        "“Only me, Pinner,” said Mr. Hobb. “Open the gate.”\n"
    )
    assert speakers(tmp_path, text, recipe, casting)[3:] == ["Pinner", "Hobb", "Hobb"]


def test_said_he_in_a_new_paragraph_is_the_other_turn(tmp_path: Path, recipe, casting) -> None:
    # the narration's "He ..." keeps the last speaker as its subject; a new paragraph that
    # opens with “...,” said he is the other one's turn
    text = (_OPENING + "Mr. Crane stood by the fire when Dr. Lowe came in.\n\n"
            "“You are late,” said Mr. Crane.\n\n"
            "“The roads were bad,” said Lowe. He shook the snow from his coat and looked"
            " about the room.\n\n"
            "“Then sit down by the fire,” said he. “You must be cold.”\n\n"
            "“I am, rather,” said Lowe.\n\n"
            "“It is always so in January,” he remarked.\n")
    assert speakers(tmp_path, text, recipe, casting)[3:] == [
        "Crane", "Lowe", "Crane", "Crane", "Lowe", "Crane"]


def test_an_answer_that_names_its_speaker(tmp_path: Path, recipe, casting) -> None:
    # “What is your name?” / “Rosa Venn,” faltered forth ...: the child is Rosa Venn, in her
    # turns before and after; the answer is speech though its cue has no verb of speaking
    text = (_OPENING + "Martha Keel came into the kitchen where the child sat by the stove."
            "\n\n“What's your name?” said Martha.\n\nThe child looked at the floor.\n\n"
            "“Must I tell you?” she said.\n\n“Of course you must. What is your name?”\n\n"
            "“Rosa Venn,” sadly faltered forth the owner of that name, “but nobody ever calls"
            " me that.”\n\n“Well, Rosa, sit down,” said Martha.\n")
    assert speakers(tmp_path, text, recipe, casting)[3:] == [
        "Martha Keel", "Rosa Venn", "Martha Keel", "Rosa Venn", "Rosa Venn", "Martha Keel"]


def test_she_is_the_one_in_the_conversation(tmp_path: Path, recipe, casting) -> None:
    # Mrs. Pike is only talked about; the narration's "She ..." sentences are Nell's, and so
    # is the "she whispered" of the one woman in the conversation
    text = ("Chapter One\n\n“Is that you, Jem?” said Mr. Dale.\n\n“It is, Mr. Dale,” said"
            " Jem Hart.\n\n“Then come in and shut the door,” said Mr. Dale.\n\nJem came in.\n\n"
            "Nell Gray sat beside Mr. Hale in the cart.\n\n“Is it far?” said Nell.\n\n"
            "“Not very,” said Mr. Hale.\n\n“I am glad. I do not like long drives.”\n\n"
            "Mrs. Pike had said so at the station, and Mrs. Pike was seldom wrong.\n\n"
            "The road went on between the hedges for a long while.\n\n"
            "She leaned back in the cart and shut her eyes. She did not speak for a mile.\n\n"
            "“Oh, Mr. Hale,” she whispered, “what was that white place?”\n")
    assert speakers(tmp_path, text, recipe, casting)[-2:] == ["Nell Gray", "Nell Gray"]


@pytest.mark.parametrize(
    ("quotation", "names"),
    [
        ("“Only me, Pinner,”", ["Pinner"]),
        ("“Well, Mr. Hobb!”", ["Hobb"]),
        ("“Imitated.”", []),  # a word alone is an answer, not someone spoken to
        ("“Summarily,”", []),
        ("“In-_deed_, it is,”", []),  # an emphasis
        ("“Quite so, Gladly,”", []),  # an adverb
    ],
)
def test_what_a_quotation_addresses_is_a_name(quotation: str, names: list[str]) -> None:
    from earmark.quotes.turns import vocatives

    assert vocatives(quotation) == names


def test_an_abbreviation_alone_is_no_name() -> None:
    from earmark.quotes.speakers import parse_name

    assert parse_name("St.") is None
    assert parse_name("St. Simon") is not None
