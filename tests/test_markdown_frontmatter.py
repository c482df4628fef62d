"""Markdown front matter (YAML `---`, TOML `+++`): parsed, never read aloud."""

from __future__ import annotations

import subprocess
import sys

import pytest

from earmark.ingest import frontmatter
from markdown_fixtures import MARKDOWN, document, planned, said, spoken


def test_yaml_front_matter_describes_the_post_and_is_not_read(recipe, casting) -> None:
    doc = document(MARKDOWN / "blog-post.md")
    assert doc.title == "The Budget Vote, Explained"
    assert doc.language == "en-GB"
    assert doc.metadata.author == "Ada Lin, Bo Chen"
    assert doc.metadata.date == "2026-03-14"
    first = said(doc)[0]
    assert first[0] == "dropped: front matter"
    assert first[1].startswith("---\ntitle:") and first[1].endswith("---")
    # the title is read once, as the page's heading; no key of the front matter is spoken
    assert spoken(doc)[0] == "The Budget Vote, Explained"
    plan = planned(doc, recipe, casting)
    words = " ".join(s.text for s in plan.segments)
    for key in ("title:", "author", "2026-03-14", "en-GB", "tags", "---"):
        assert key not in words
    assert plan.chapters[0].title == "The Budget Vote, Explained"


def test_toml_front_matter(recipe, casting) -> None:
    doc = document(MARKDOWN / "toml-post.md")
    assert (doc.title, doc.language) == ("Notes from the Reading Room", "fr-FR")
    assert doc.metadata.author == "Priya Nair"
    assert doc.metadata.publisher == "Riverside Library"
    assert doc.metadata.date.startswith("2026-01-05T09:30:00")
    assert said(doc)[0][0] == "dropped: front matter"
    assert said(doc)[0][1].startswith("+++") and said(doc)[0][1].endswith("+++")
    planned(doc, recipe, casting)


def test_a_heading_of_its_own_is_the_title_read(recipe, casting) -> None:
    doc = document("---\ntitle: Short title\n---\n# The Long Headline\n\nText.\n")
    assert doc.title == "Short title"
    assert spoken(doc) == ["The Long Headline", "Text."]


def test_no_title_in_front_matter_leaves_the_first_heading_the_title() -> None:
    doc = document("---\nauthor: Ada Lin\n---\n\nIntro.\n\n## Part\n\nText.\n")
    assert doc.title == "Part"
    assert spoken(doc) == ["Intro.", "Part", "Text."]


@pytest.mark.parametrize("source, expected", [
    ('title: "A: B"\nauthor: {name: Ada Lin}\ndate: 2024-05-01\n',
     ("A: B", "Ada Lin", "2024-05-01")),
    ("title: 'It''s here'\nauthors:\n  - name: Ada Lin\n  - name: Bo Chen\n",
     ("It's here", "Ada Lin, Bo Chen", None)),
    ("title: >\n  Folded\n  title\nauthor: Ada Lin # the editor\n",
     ("Folded title", "Ada Lin", None)),
    ("title: Plain words here\ndate: 2024-05-01T10:00:00+02:00\n",
     ("Plain words here", None, "2024-05-01T10:00:00+02:00")),
])
def test_yaml_forms(source: str, expected: tuple) -> None:
    front, rest = frontmatter.split(f"---\n{source}---\nBody\n")
    assert front is not None and rest == "Body\n"
    assert (front.title, front.author, front.date) == expected


def test_flat_front_matter_needs_no_pyyaml() -> None:
    front, _ = frontmatter.split("---\ntitle: T\ntags: [a, b]\ncategories:\n- x\n- y\n---\n")
    assert front is not None and front.tags == ("a", "b")
    script = ("import sys; from earmark.ingest import frontmatter; "
              "frontmatter.split(open(sys.argv[1]).read()); print('yaml' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script, str(MARKDOWN / "blog-post.md")],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_invalid_front_matter_is_still_not_read() -> None:
    doc = document("---\ntitle: [unclosed\n  - : :\n---\n\nText.\n")
    assert said(doc)[0][0] == "dropped: front matter"
    assert spoken(doc) == ["Text."]
    assert doc.warnings and "not valid YAML" in doc.warnings[0]


def test_a_thematic_break_is_not_front_matter() -> None:
    doc = document("Intro.\n\n---\n\nMore.\n")
    assert spoken(doc) == ["Intro.", "More."]
    assert doc.title == "Post"


def test_empty_and_windows_front_matter() -> None:
    assert spoken(document("---\n---\nText.\n")) == ["Text."]
    doc = document("---\r\ntitle: A\r\n---\r\n\r\nText.\r\n")
    assert doc.title == "A" and spoken(doc) == ["A", "Text."]


def test_a_rule_a_line_and_a_rule_are_not_front_matter() -> None:
    assert spoken(document("---\nSome words\n---\n\nText.\n")) == ["Some words", "Text."]
