"""Any mix of the syntax the Markdown reader knows keeps the coverage invariant."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from earmark.errors import InputError
from markdown_fixtures import document, planned

PIECES = ["---\n", "+++\n", "title: T\n", 'title = "T"\n', "# H", "## H {#h}\n", "[^1]",
          "[^1]: note\n", "[^x]: ", "{: .c}", "{{< figure caption=\"c\" >}}", "{% x %}",
          "<!-- c -->", "| a | b |\n", "|---|---|\n", "Table: t\n", "> ", "> [!NOTE]\n",
          "**Note:** ", "!!! note \"t\"\n", "    body\n", "```\n", "- ", "1. ", "Term\n: def\n",
          "\n", "\n\n", "Words and more words. ", "\"Quoted,\" she said. ", "{", "}", "*", "é"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.sampled_from(
    ["paragraph", "place", "none"]))
def test_any_mix_keeps_the_invariant(recipe, casting, pieces: list[str], policy: str) -> None:
    doc = document("".join(pieces), footnotes=policy)
    with contextlib.suppress(InputError):  # nothing to read aloud
        planned(doc, recipe, casting)
