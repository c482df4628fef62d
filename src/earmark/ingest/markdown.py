"""Markdown (CommonMark, via markdown-it-py): headings, paragraphs, list items, block quotes.

Inline markup is removed (link and image text kept); code blocks are kept in the extracted
text but reported as dropped, never read.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from earmark.config.recipe import IngestSettings
from earmark.ingest.builder import TextBuilder
from earmark.model import Document


def _inline_text(token: Token) -> str:
    out: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "image":
            out.append(_inline_text(child))
    return "".join(out)


def _only_images(token: Token) -> bool:
    children = [c for c in token.children or [] if c.type not in ("softbreak", "hardbreak")
                and not (c.type == "text" and not c.content.strip())]
    return bool(children) and all(c.type == "image" for c in children)


def read(text: str, path: str, settings: IngestSettings | None = None) -> Document:
    from earmark.ingest import title_from_path

    tokens = MarkdownIt("commonmark").parse(text)
    builder = TextBuilder()
    quote_depth = 0
    item_depth = 0
    heading_level = 0
    for token in tokens:
        if token.type == "blockquote_open":
            quote_depth += 1
        elif token.type == "blockquote_close":
            quote_depth -= 1
        elif token.type == "list_item_open":
            item_depth += 1
        elif token.type == "list_item_close":
            item_depth -= 1
        elif token.type == "heading_open":
            heading_level = int(token.tag[1])
        elif token.type == "heading_close":
            heading_level = 0
        elif token.type == "inline":
            if heading_level:
                builder.add("heading", _inline_text(token), heading_level)
            elif _only_images(token):  # a paragraph that is just an image: "Image: alt"
                prefix = (settings or IngestSettings()).image_prefix
                if prefix and _inline_text(token).strip():
                    builder.add("image", prefix + _inline_text(token))
            else:
                kind = "blockquote" if quote_depth else "item" if item_depth else "paragraph"
                builder.add(kind, _inline_text(token))
        elif token.type in ("fence", "code_block"):
            builder.add_dropped(token.content, "code block: not read aloud")
        elif token.type == "html_block":
            builder.add_dropped(token.content, "raw HTML block: not read aloud")
    title = builder.first_heading() or title_from_path(path)
    return Document(
        path, "md", builder.text, title, "en", tuple(builder.blocks), tuple(builder.dropped)
    )
