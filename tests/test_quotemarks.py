from __future__ import annotations

from earmark.ingest import markdown, txt
from earmark.quotes.marks import find_quotes


def quoted(text: str, reader=txt.read) -> tuple[list[str], tuple[str, ...]]:
    document = reader(text, "x.txt")
    scan = find_quotes(document)
    return [document.text[q.span[0] : q.span[1]] for q in scan.quotes], scan.warnings


def test_curly_and_straight_quotes_with_nested_singles() -> None:
    found, warnings = quoted('“He said ‘no’ twice,” she said. "Really," I asked.')
    assert found == ["“He said ‘no’ twice,”", '"Really,"']
    assert warnings == ()


def test_apostrophes_possessives_and_elisions_are_not_quotes() -> None:
    text = (
        "The Brits' love of '90s rock 'n' roll isn't over. ‘Tis the season, and the O'Neills' dog."
    )
    found, warnings = quoted(text)
    assert found == [] and warnings == ()


def test_british_single_quotes_are_quotations_when_no_double_marks_appear() -> None:
    found, _ = quoted("‘I won’t go,’ said Ann. ‘The players’ bus is late.’ It's '90s rock.")
    assert found == ["‘I won’t go,’", "‘The players’ bus is late.’"]


def test_a_quote_running_over_paragraphs_is_one_quote() -> None:
    text = "He said:\n\n“First part.\n\n“Second part.”\n\nAfter."
    found, warnings = quoted(text)
    assert found == ["“First part.\n\n“Second part.”"] and warnings == ()


def test_an_unclosed_quote_ends_with_its_paragraph_and_warns() -> None:
    found, warnings = quoted("“Open and never closed.\n\nNext paragraph.")
    assert found == ["“Open and never closed."]
    assert len(warnings) == 1 and "not closed" in warnings[0]


def test_a_stray_closing_mark_is_reported() -> None:
    found, warnings = quoted("Nothing opened here” at all.")
    assert found == [] and "no opening mark" in warnings[0]


def test_markdown_block_quotes_are_quotations_without_marks() -> None:
    found, _ = quoted(
        "Intro:\n\n> Line one\n> continues.\n>\n> Second para.\n\nAfter.", markdown.read
    )
    assert found == ["Line one continues.\n\nSecond para."]


def test_block_quote_with_its_own_marks_uses_them() -> None:
    found, _ = quoted('> "We did it," the mayor said.', markdown.read)
    assert found == ['"We did it,"']


def test_front_matter_in_double_quotes_does_not_switch_a_book_in_single_quotes() -> None:
    licence = 'This book is "free" to share under the "Licence" terms.\n\n'
    body = "\n\n".join(
        f"‘Line {n}, I don’t know,’ said Ann. ‘Fine.’" for n in range(4)
    )
    found, _ = quoted(licence + body)
    assert sum(q.startswith("‘") for q in found) == 8
    assert '"free"' in found  # the licence paragraph is read by its own (double) marks


def test_nested_double_inside_single_follows_the_first_mark() -> None:
    body = "‘She said “never” to me,’ said Ann.\n\n‘Right.’ ‘Yes.’\n\n‘Go.’"
    found, _ = quoted(body)
    assert found[0] == "‘She said “never” to me,’"


def test_lone_single_quotes_in_a_double_quoted_text_are_not_quotations() -> None:
    text = "\n\n".join(['“We won,” she said.'] * 6 + ["HOW ‘SMALL’ WINS"])
    found, _ = quoted(text)
    assert found == ["“We won,”"] * 6


def test_an_opening_mark_typed_for_the_closing_one_closes(tmp_path, recipe, casting) -> None:
    from earmark.planning.build import plan_file

    path = tmp_path / "doc.txt"
    path.write_text("“It's unusual,“ said Larry Noble, an attorney. “It's a hard thing.”\n\n"
                    "Candidates have found ways.\n", encoding="utf-8")
    plan = plan_file(path, recipe, casting)
    text = plan.document.text
    assert [(text[q.span[0]:q.span[1]], q.speaker) for q in plan.quotes] == [
        ("“It's unusual,“", "Larry Noble"), ("“It's a hard thing.”", "Larry Noble")]


def test_a_closing_mark_typed_for_the_opening_one_opens_at_the_start_of_a_word() -> None:
    # pasted comments (after a left-to-right embedding) and the Swedish style use ” both ways
    text = ("Replies poured in.\n\n\u202a”Sorry Sarah, you should have said it!!” posted Ann Lee."
            "\n\n”This is why it matters,” said Bo Kim. Nothing opened here” at all.")
    found, warnings = quoted(text)
    assert found == ["”Sorry Sarah, you should have said it!!”", "”This is why it matters,”"]
    assert len(warnings) == 1 and "no opening mark" in warnings[0]


def test_a_transcript_quote_without_a_space_after_the_colon() -> None:
    text = ('Rep. Trey Gowdy (R-S.C.):"Who told you that?"\n\n'
            'He read out "the following:" and stopped.')
    found, warnings = quoted(text)
    assert found == ['"Who told you that?"', '"the following:"'] and warnings == ()


def test_a_speech_broken_off_with_its_dash_lost_closes_at_the_spaced_mark() -> None:
    # the text's dashes have become spaces: '... as to ask "' closes, the reply is its own
    text = ('"And if I could be so bold as to ask "\n\n"That is all," said the lodger.\n\n'
            '"I only meant "  and she stopped.')
    found, _ = quoted(text)
    assert found == ['"And if I could be so bold as to ask "', '"That is all,"',
                     '"I only meant "']


def test_a_quotation_whose_closing_mark_is_missing_ends_where_the_next_one_opens() -> None:
    # its closing mark typed as a single one, or left out: a quotation opening inside it,
    # whose marks pair up to the paragraph's end, starts a new one
    text = ('The poster promised "Bramble\'s Menagerie\' which drew the town. Its clown was to '
            '"juggle six plates at once."\n\n'
            '"Go to the yard, my son. You will find the cart there.  '
            '"And bring the lamp," he added.')
    found, _ = quoted(text)
    assert found == ['"Bramble\'s Menagerie\'', '"juggle six plates at once."',
                     '"Go to the yard, my son. You will find the cart there.',
                     '"And bring the lamp,"']
