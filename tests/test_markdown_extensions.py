"""Extension syntax of Markdown dialects is never read aloud: it is reported as dropped."""

from __future__ import annotations

import pytest

from earmark.ingest.markdown import ATTRIBUTES, COMMENT, SHORTCODE
from markdown_fixtures import document, planned, said, spoken


@pytest.mark.parametrize("source, words, removed", [
    ("## Budget {#budget}\n", "Budget", "{#budget}"),
    ("## Budget {#budget .wide data-x=\"1\"}\n", "Budget", "{#budget .wide data-x=\"1\"}"),
    ("Budget\n------ {.x}\n", "Budget", None),
    ("A lead paragraph.\n{: .lead}\n", "A lead paragraph.", "{: .lead}"),
    ("A *word*{: .red} here.\n", "A word here.", "{: .red}"),
    ("[a link](x.html){target=\"_blank\"} here.\n", "a link here.", "{target=\"_blank\"}"),
])
def test_attribute_lists(source: str, words: str, removed: str | None) -> None:
    doc = document(source)
    if removed is None:  # a setext underline with attributes: at least never read
        assert "{" not in " ".join(spoken(doc))
        return
    assert spoken(doc) == [words]
    assert ("dropped: " + ATTRIBUTES, removed) in said(doc)


def test_an_ial_on_a_line_of_its_own_is_dropped_whole() -> None:
    doc = document("{: #intro}\n# Title\n\nText.\n\n{::options parse_block_html=\"true\" /}\n")
    assert spoken(doc) == ["Title", "Text."]
    assert [k for k, _ in said(doc)].count("dropped: " + ATTRIBUTES) == 2


@pytest.mark.parametrize("source", [
    "Before.\n\n<!-- more -->\n\nAfter.\n",
    "Before.\n\n<!--\na comment\nover lines\n-->\n\nAfter.\n",
])
def test_html_comments(source: str) -> None:
    doc = document(source)
    assert spoken(doc) == ["Before.", "After."]
    assert [k for k, _ in said(doc)] == ["paragraph", "dropped: " + COMMENT, "paragraph"]


def test_an_inline_comment_is_reported() -> None:
    doc = document("Before <!-- todo: check --> after.\n")
    assert spoken(doc) == ["Before after."]
    assert ("dropped: " + COMMENT, "<!-- todo: check -->") in said(doc)


@pytest.mark.parametrize("code", [
    "{{< youtube w7Ft2ymGmfc >}}",
    "{{% notice info %}}",
    "{% include share.html param=\"x\" %}",
    "{{ site.title }}",
    "{{<tweet user=\"x\" id=\"1\">}}",
])
def test_shortcodes_and_template_tags(code: str) -> None:
    doc = document(f"Text.\n\n{code}\n\nMore {code} text.\n")
    assert spoken(doc) == ["Text.", "More text."]
    assert [t for k, t in said(doc) if k == "dropped: " + SHORTCODE] == [code, code]


def test_a_paired_shortcode_keeps_what_it_wraps() -> None:
    doc = document("{{% notice tip %}}\nBring a pen.\n{{% /notice %}}\n")
    assert spoken(doc) == ["Bring a pen."]


def test_a_figure_shortcode_reads_its_caption_as_an_image() -> None:
    doc = document('{{< figure src="a.png" alt="A bar chart" caption="Spending" >}}\n')
    assert spoken(doc) == ["Image: Spending"]
    doc = document('{{< figure src="a.png" >}}\n')
    assert spoken(doc) == []


def test_shortcodes_inside_code_are_code() -> None:
    doc = document("Use it so:\n\n```\n{{< figure src=\"x\" >}} {#id}\n```\n\n`{{< x >}}` here.\n")
    assert said(doc)[1] == ("dropped: code block: not read aloud",
                            '{{< figure src="x" >}} {#id}')
    assert spoken(doc)[-1] == "{{< x >}} here."


def test_braces_in_prose_are_read() -> None:
    doc = document("The set {1, 2, 3} and {see below} and {x}.\n")
    assert spoken(doc) == ["The set {1, 2, 3} and {see below} and {x}."]


def test_coverage_holds_with_extensions(recipe, casting) -> None:
    planned(document("# T {#t}\n\n<!-- x -->\n\nA {{< x >}} b{: .c}.\n\n{% raw %}\n"),
            recipe, casting)


@pytest.mark.parametrize("source", ["[TOC]\n", "[[_TOC_]]\n", "* TOC\n{:toc}\n",
                                    "1. Contents\n{: toc}\n"])
def test_table_of_contents_markers(source: str) -> None:
    doc = document(f"Intro.\n\n{source}\n## Part\n\nText.\n")
    assert spoken(doc) == ["Intro.", "Part", "Text."]
    assert any(k == "dropped: table of contents" for k, _ in said(doc))


def test_abbreviation_definitions_and_closing_hashes() -> None:
    doc = document("## Budget ## {#b}\n\nThe HTML page.\n\n*[HTML]: Hyper Text Markup Language\n"
                   "*[W3C]: World Wide Web Consortium\n")
    assert spoken(doc) == ["Budget", "The HTML page."]
    assert said(doc)[-1] == ("dropped: abbreviation definitions: not read aloud",
                             "*[HTML]: Hyper Text Markup Language\n"
                             "*[W3C]: World Wide Web Consortium")
