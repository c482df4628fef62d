"""HTML: the main content only (<main>, <article> or <body>), without script, style,
navigation, forms or footers; h1-h6 become headings, p/li/blockquote/td... paragraphs."""

from __future__ import annotations

import warnings

from bs4 import BeautifulSoup, Comment, MarkupResemblesLocatorWarning, NavigableString, Tag

from earmark.config.recipe import IngestSettings
from earmark.errors import InputError
from earmark.ingest.builder import TextBuilder
from earmark.model import Document

_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "textarea",
    "head",
    "object",
    "canvas",
    "dialog",
}
_HEADINGS = {f"h{n}" for n in range(1, 7)}
_BLOCKS = _HEADINGS | {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "dl",
    "dt",
    "dd",
    "hr",
    "br",
    "address",
    "details",
    "summary",
    "fieldset",
    "center",
}


def _root(soup: BeautifulSoup) -> Tag:
    for selector in ("main", "article", "[role=main]"):
        found = soup.select_one(selector)
        if found is not None:
            return found
    body = soup.body or soup
    for tag in body.find_all("header"):
        if tag.find_parent(["article", "main"]) is None:
            tag.decompose()
    return body


def _text_follows(tag: Tag) -> bool:
    """Whether running text follows a tag before the next block (it is inline, then)."""
    for sibling in tag.next_siblings:
        if isinstance(sibling, Comment):
            continue
        if isinstance(sibling, NavigableString):
            if str(sibling).strip():
                return True
            continue
        if isinstance(sibling, Tag) and sibling.name in _BLOCKS:
            return False
        if isinstance(sibling, Tag) and sibling.get_text().strip():
            return True
    return False


def _walk(node: Tag, builder: TextBuilder, in_quote: bool, prefix: str,
          language: str | None = None, in_item: bool = False) -> None:
    buffer: list[str] = []
    language = str(node.get("lang") or "").strip() or language

    def flush() -> None:
        if "".join(buffer).strip():
            kind = "blockquote" if in_quote else "item" if in_item else "paragraph"
            builder.add(kind, "".join(buffer), language=language)
        buffer.clear()

    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            buffer.append(str(child))
            continue
        if not isinstance(child, Tag) or child.name in _SKIP or child.get("hidden") is not None:
            continue
        if child.name == "q":  # browsers add the marks with CSS: put them in the text
            buffer.append(f"“{child.get_text()}”")
            continue
        if child.name == "img":
            alt = str(child.get("alt") or "").strip()
            if "".join(buffer).strip() or _text_follows(child):
                buffer.append(alt)  # an image inside running text: its alt text, inline
            elif prefix and alt:
                builder.add("image", prefix + alt)  # an image on its own: "Image: ..."
            continue
        caption = child.find("figcaption") if child.name == "figure" else None
        if caption is not None and child.find(["img", "picture", "svg"]) is not None:
            flush()  # a figure with a caption: the caption says what the image shows
            if prefix and caption.get_text().strip():
                builder.add("image", prefix + caption.get_text(" "))
            continue
        if child.name not in _BLOCKS and child.find(_BLOCKS) is None:
            buffer.append(child.get_text())
            continue
        if child.name not in _BLOCKS:  # an inline element wrapping blocks (broken markup)
            flush()
            _walk(child, builder, in_quote, prefix, language, in_item)
            continue
        flush()
        if child.name in _HEADINGS:
            builder.add("heading", child.get_text(" "), int(child.name[1]),
                        str(child.get("lang") or "").strip() or language)
        elif child.name == "pre":
            builder.add_dropped(child.get_text(), "code block: not read aloud")
        else:
            _walk(child, builder, in_quote or child.name == "blockquote", prefix, language,
                  in_item or child.name == "li")
    flush()


def read(text: str, path: str, settings: IngestSettings | None = None) -> Document:
    try:
        return _read(text, path, settings)
    except RecursionError:
        raise InputError(f"{path}: HTML nested too deeply (earmark reads up to about 900 "
                         "levels of elements)") from None


def _read(text: str, path: str, settings: IngestSettings | None) -> Document:
    from earmark.ingest import title_from_path

    with warnings.catch_warnings():  # a short text that looks like a URL is still a page
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(text, "html.parser")
    language = "en"
    if soup.html is not None and soup.html.get("lang"):
        language = str(soup.html["lang"]).strip() or "en"
    page_title = soup.title.get_text(" ").strip() if soup.title else ""
    for tag in soup.find_all(_SKIP - {"head"}):
        tag.decompose()
    builder = TextBuilder()
    _walk(_root(soup), builder, False, (settings or IngestSettings()).image_prefix)
    title = builder.first_heading() or page_title or title_from_path(path)
    return Document(
        path, "html", builder.text, title, language, tuple(builder.blocks), tuple(builder.dropped)
    )
