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
