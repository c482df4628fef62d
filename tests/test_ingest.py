from __future__ import annotations

from pathlib import Path

import pytest

from earmark.config.recipe import IngestSettings
from earmark.errors import InputError
from earmark.ingest import read_document

NO_CHROME = IngestSettings()


def blocks(path: Path) -> list[tuple[str, int, str]]:
    doc = read_document(path, NO_CHROME)
    return [(b.kind, b.level, doc.text[b.span[0] : b.span[1]]) for b in doc.blocks]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_txt_paragraphs_are_separated_by_blank_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "# Title\n\nOne line\nwrapped here.\n\n\nTwo.\n")
    assert blocks(path) == [
        ("heading", 1, "Title"),
        ("paragraph", 0, "One line\nwrapped here."),
        ("paragraph", 0, "Two."),
    ]


def test_txt_without_blank_lines_has_a_paragraph_per_line(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "First line.\r\nSecond line.\n## Head ##\nThird.")
    assert blocks(path) == [
        ("paragraph", 0, "First line."),
        ("paragraph", 0, "Second line."),
        ("heading", 2, "Head"),
        ("paragraph", 0, "Third."),
    ]
    doc = read_document(path, NO_CHROME)
    assert [doc.text[d.span[0] : d.span[1]] for d in doc.dropped] == ["##", "##"]


def test_title_is_the_first_heading_else_the_file_name(tmp_path: Path) -> None:
    assert (
        read_document(write(tmp_path, "x.txt", "Text.\n\n## Later heading\n"), NO_CHROME).title
        == "Later heading"
    )
    assert (
        read_document(write(tmp_path, "city-budget_2026.txt", "Just text."), NO_CHROME).title
        == "City budget 2026"
    )


def test_markdown_keeps_words_and_drops_markup(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.md",
        "Intro *with* `code` and ![a chart](c.png).\n\n### Deep\n\n"
        "> Quoted\n> text\n\n1. item one\n2. item two\n",
    )
    assert blocks(path) == [
        ("paragraph", 0, "Intro with code and a chart."),
        ("heading", 3, "Deep"),
        ("blockquote", 0, "Quoted text"),
        ("item", 0, "item one"),
        ("item", 0, "item two"),
    ]


def test_html_reads_main_content_only(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.html",
        """<html lang="fr"><head><title>T</title>
        <style>.x{}</style></head><body><header>Site</header><nav>Menu</nav>
        <article><header><h1>Le titre</h1></header><p>Un <b>paragraphe</b>.</p>
        <div>Texte libre<p>interne</p></div><script>var x = 1;</script>
        <ul><li>un</li><li>deux</li></ul><aside>Pub</aside></article>
        <footer>Contact</footer></body></html>""",
    )
    doc = read_document(path, NO_CHROME)
    assert doc.language == "fr"
    assert doc.title == "Le titre"
    assert blocks(path) == [
        ("heading", 1, "Le titre"),
        ("paragraph", 0, "Un paragraphe."),
        ("paragraph", 0, "Texte libre"),
        ("paragraph", 0, "interne"),
        ("item", 0, "un"),
        ("item", 0, "deux"),
    ]


def test_html_without_main_drops_site_header_and_footer(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.html",
        "<body><header>Brand</header><h2>News</h2><p>Body.</p><footer>Footer</footer></body>",
    )
    assert blocks(path) == [("heading", 2, "News"), ("paragraph", 0, "Body.")]


def test_page_chrome_is_dropped_with_its_reason(tmp_path: Path, recipe) -> None:
    path = write(
        tmp_path, "a.txt", "Your browser doesn’t support HTML5\nReal text.\nAdvertisement\n"
    )
    doc = read_document(path, recipe.ingest)
    assert [doc.text[b.span[0] : b.span[1]] for b in doc.blocks] == ["Real text."]
    assert [(doc.text[d.span[0] : d.span[1]], d.reason) for d in doc.dropped] == [
        ("Your browser doesn’t support HTML5", "boilerplate: media player notice"),
        ("Advertisement", "boilerplate: advertisement"),
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "missing.txt: no such file"),
        ("a.pdf", "x", "a.pdf: unsupported file type '.pdf'"),
    ],
)
def test_bad_input_is_one_clear_error(tmp_path: Path, name: str, content, message: str) -> None:
    path = tmp_path / name if content is None else write(tmp_path, name, content)
    with pytest.raises(InputError) as error:
        read_document(path, NO_CHROME)
    assert message in str(error.value)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.txt", "\ufeffHello.".encode())
    assert blocks(path) == [("paragraph", 0, "Hello.")]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("By Jane Doe", "boilerplate: byline"),
        ("By Jane Doe and Tom Reed, Reuters", "boilerplate: byline"),
        ("Photo: Getty Images", "boilerplate: photo credit"),
        ("(Photo by Ana Costa/Reuters)", "boilerplate: photo credit"),
        ("Sign up for our daily newsletter", "boilerplate: newsletter prompt"),
        ("Follow us on Twitter and Facebook", "boilerplate: social prompt"),
        ("Related: Five bridges to see", "boilerplate: related links"),
        ("By Monday it was over.", None),
        ("By the time the sun rose, the ferry had left.", None),
        ("Photo of the day shows a bridge.", None),
        ("Related cases are pending in two other states, officials said.", None),
    ],
)
def test_chrome_patterns_drop_chrome_and_only_chrome(tmp_path: Path, recipe, line: str,
                                                     reason: str | None) -> None:
    doc = read_document(write(tmp_path, "a.txt", f"{line}\nThe article itself.\n"), recipe.ingest)
    assert [d.reason for d in doc.dropped] == ([reason] if reason else [])


@pytest.mark.parametrize(("patterns", "reasons"), [
    # a back reference means its own pattern's group, which a joined pattern would renumber
    ({"plain": "(advert)isement", "echo": r"(\w+) \1"}, ["echo", "plain"]),
    ({"one": r"(?P<w>advertisement)", "two": r"(?P<w>echo) (?P=w)"}, ["two", "one"]),
    ({"echo": r"(?P<w>echo) (?P=w)"}, ["echo"]),
])
def test_chrome_patterns_that_cannot_be_joined_still_drop(tmp_path: Path, patterns,
                                                          reasons: list[str]) -> None:
    path = write(tmp_path, "a.txt", "echo echo\nThe article itself.\nAdvertisement\necho echoes\n")
    doc = read_document(path, IngestSettings(drop=patterns))
    assert [d.reason for d in doc.dropped] == [f"boilerplate: {r}" for r in reasons]
    assert doc.text[doc.blocks[0].span[0] : doc.blocks[0].span[1]] == "The article itself."


def test_images_are_read_by_their_alt_text_or_figure_caption(tmp_path: Path, recipe) -> None:
    from dataclasses import replace

    page = write(tmp_path, "a.html", """<main><p>See <img src=a alt="a bridge"> here.</p>
        <p><img src=b alt="A red bridge at dawn"></p>
        <figure><img src=c alt="ignored"><figcaption>The bridge at dusk</figcaption></figure>
        <figure><blockquote>Words.</blockquote><figcaption>Ana Costa</figcaption></figure>
        <img src=d alt=""></main>""")
    assert [t for _, _, t in blocks_with(page, recipe.ingest)] == [
        "See a bridge here.", "Image: A red bridge at dawn", "Image: The bridge at dusk",
        "Words.", "Ana Costa"]
    markdown = write(tmp_path, "a.md", "![A chart of the vote](c.png)\n\nText ![x](y.png) here.\n")
    assert [t for _, _, t in blocks_with(markdown, recipe.ingest)] == [
        "Image: A chart of the vote", "Text x here."]
    silent = replace(recipe.ingest, image_prefix="")
    assert "Image: A red bridge at dawn" not in [t for _, _, t in blocks_with(page, silent)]


def blocks_with(path: Path, settings) -> list[tuple[str, int, str]]:
    doc = read_document(path, settings)
    return [(b.kind, b.level, doc.text[b.span[0]:b.span[1]]) for b in doc.blocks]
