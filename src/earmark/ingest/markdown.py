"""Markdown (CommonMark, via markdown-it-py) as publishers and static-site generators write it.

- Headings, paragraphs, list items, block quotes; inline markup is removed (link and image
  text kept); code blocks are kept in the extracted text but reported as dropped, never read.
- YAML (`---`) or TOML (`+++`) front matter is never read (dropped "front matter"); its title,
  author, date, language and publisher describe the document (earmark.ingest.frontmatter).
  Its title is read as the first heading, as a site's page shows it, unless the text starts
  with a heading of its own at level 1.
- Extension syntax is never read (reported after its block): heading and inline attribute
  lists (`## Budget {#budget}`, `{.lead}`), kramdown IALs (`{: .note}`), HTML comments
  (`<!-- more -->`), Hugo shortcodes (`{{< figure ... >}}`, `{{% notice %}}`) and Liquid tags
  (`{% include x.html %}`, `{{ site.title }}`). A figure shortcode with a caption (or alt
  text) is read as an image: the recipe's image prefix and the caption.
- Footnotes (`[^1]`, `[^1]: ...`) follow the recipe's `ingest.footnotes`: "paragraph" reads a
  note after the first paragraph that refers to it, "place" where a rendered page shows it
  (after the text, in order), "none" not at all (reported). The reference is never read.
  A note's blocks carry its number (Block.note), so that it is announced: "Note 1. ... End
  of note." (planning/build.py; captions keep what was written).
- Markers that a generator replaces with a table of contents (`[TOC]`, `[[_TOC_]]`, kramdown's
  `* TOC` + `{:toc}`) and abbreviation definitions (`*[HTML]: ...`) are dropped, reported.
- GFM tables are read row by row, each value after its column's name (earmark.text.tables);
  the caption is a "Table: ..." (or ": ...") paragraph right before or after the table, else
  the heading right before it.
- Admonitions are the narrator's, not a quotation: a block quote that opens with a label
  ("> **Note:** ...", "> Warning: ...") or a GitHub alert ("> [!NOTE]", read "Note:"), and
  MkDocs/Python-Markdown admonitions ("!!! note "Title"", read with their title).
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from earmark.config.recipe import IngestSettings
from earmark.ingest.builder import TextBuilder
from earmark.model import Document, Metadata
from earmark.text import regexes as rx

# What a plain article needs is loaded up front; front matter (its parsers), tables and the
# plugins (footnotes, admonitions, definition lists) only when the text has them: with them
# all, the reader's import and first read cost ~10 ms more.

FRONT_MATTER = "front matter"
ATTRIBUTES = "attribute list: not read aloud"
SHORTCODE = "shortcode: not read aloud"
COMMENT = "HTML comment: not read aloud"
NOTE_REFERENCE = "note reference"
NOTE_NONE = 'footnote (recipe ingest.footnotes = "none")'
NOTE_UNUSED = "footnote: nothing refers to it"
TOC = "table of contents"
ABBREVIATIONS = "abbreviation definitions: not read aloud"

_ATTR = r"(?:[#.][\w:-]+|[\w-]+=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s}\"']+))"
_EXTENSIONS = (
    r"(?P<shortcode>\{\{[<%].{0,2000}?[>%]\}\}|\{%.{0,2000}?%\}|\{\{.{0,500}?\}\})"
    r"|(?P<attrs>\{:(?::[^{}\n]*|[^{}\n]*)\}|\{[ \t]*" + _ATTR + r"(?:[ \t]+" + _ATTR +
    r")*[ \t]*\})")
_TOC = rx.compile(r"\s*(?:\[TOC\]|\[\[_TOC_\]\]|\$\{toc\}|\[\[toc\]\])\s*", re.IGNORECASE)
_KRAMDOWN_TOC = rx.compile(r"\{:\s*toc\s*\}")
_ABBREVIATIONS = rx.compile(r"(?:[ ]{0,3}\*\[[^\]\n]+\]:[^\n]*(?:\n|$))+")
_PLACEHOLDER = rx.compile("\ue000(\\d+)\ue001")
_ADMONITION_LABEL = (
    r"\s*(?:[^\w\s*_\[]{1,3}\s*)?(?:\*\*|__|\*|_)?\s*(?P<label>note|notes|tip|hint|important|"
    r"warning|caution|danger|attention|info|information|remember|update|updated|correction|"
    r"disclaimer|disclosure|aside|editor[’']?s note|author[’']?s note|ps|p\.s\.|fyi|example|"
    r"summary|tl;?dr)\s*(?::|(?:\*\*|__|\*|_)\s*:)")
_ALERT = rx.compile(r"\s*\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]", re.IGNORECASE)
_CAPTION = rx.compile(r"\s*(?:table\s*:|:\s)", re.IGNORECASE)
_FIGURE = rx.compile(r"\{\{[<%]\s*figure\b")
_FIGURE_TEXT = rx.compile(r"\b(caption|alt|title)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


@cache
def _parser(footnotes: bool, admonitions: bool, definitions: bool) -> MarkdownIt:
    """CommonMark with GFM tables, and the plugins the text needs (a parser is reusable)."""
    parser = MarkdownIt("commonmark").enable("table")
    if footnotes:
        from mdit_py_plugins.footnote import footnote_plugin

        parser.use(footnote_plugin)
    if admonitions:
        from mdit_py_plugins.admon import admon_plugin

        parser.use(admon_plugin)
    if definitions:
        from mdit_py_plugins.deflist import deflist_plugin

        parser.use(deflist_plugin)
    return parser


def _parser_for(text: str) -> MarkdownIt:
    return _parser("[^" in text, "!!!" in text or "???" in text,
                   re.search(r"\n[ ]{0,3}[:~][ \t]", text) is not None)


@cache
def _extensions() -> re.Pattern[str]:
    return rx.compile(_EXTENSIONS, re.DOTALL)


class _Entry:
    """A block to add (reason None) or a passage to report as dropped."""

    __slots__ = ("container", "kind", "level", "note", "reason", "text")

    def __init__(self, kind: str, text: str, level: int = 0, reason: str | None = None,
                 container: str | None = None) -> None:
        self.kind, self.text, self.level, self.reason = kind, text, level, reason
        self.note: str | None = None  # the label of the footnote it is part of
        self.container = container  # "ol", "table", "figure" (Block.container)


class _Inline:
    """An inline token's text; `moved` is what was taken out of it (extension syntax, note
    references) and why, `refs` the footnotes it refers to."""

    __slots__ = ("moved", "refs", "text")

    def __init__(self, text: str, moved: list[tuple[str, str]], refs: list[int]) -> None:
        self.text, self.moved, self.refs = text, moved, refs


class _Reader:
    def __init__(self, settings: IngestSettings, originals: list[tuple[str, str]]) -> None:
        self.settings = settings
        self.prefix = settings.image_prefix
        self.originals = originals
        self.notes: dict[int, list[Token]] = {}
        self.read_notes: set[int] = set()
        self.out: list[_Entry] = []
        self.quotes: list[bool] = []  # per open block quote: a quotation (or an admonition)
        self.item_depth = 0
        self.lists: list[bool] = []  # per open list: ordered
        self.heading_level = 0
        self.in_title = False
        self.previous_heading: str | None = None
        self.note_depth = 0
        self.queued_notes: list[int] = []

    # -- text ---------------------------------------------------------------------------
    def restore(self, text: str) -> str:
        return _PLACEHOLDER.sub(lambda m: self.originals[int(m[1])][0], text)

    def inline(self, token: Token) -> _Inline:
        found = _Inline("", [], [])
        parts: list[str] = []
        self._children(token.children or [], parts, found)
        found.text = "".join(parts)
        return found

    def _children(self, children: list[Token], parts: list[str], found: _Inline) -> None:
        for child in children:
            if child.type == "text":
                parts.append(self._placeholders(child.content, found))
            elif child.type == "code_inline":
                parts.append(self.restore(child.content))
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
            elif child.type == "image":
                self._children(child.children or [], parts, found)
            elif child.type == "html_inline" and child.content.startswith("<!--"):
                found.moved.append((self.restore(child.content), COMMENT))
            elif child.type == "footnote_ref":
                found.moved.append((f"[^{child.meta.get('label', child.meta['id'] + 1)}]",
                                    NOTE_REFERENCE))
                found.refs.append(child.meta["id"])

    def _placeholders(self, text: str, found: _Inline) -> str:
        def moved(match: re.Match[str]) -> str:
            found.moved.append(self.originals[int(match[1])])
            return ""

        return _PLACEHOLDER.sub(moved, text)

    # -- emitting -----------------------------------------------------------------------
    def emit(self, kind: str, text: str, level: int = 0, found: _Inline | None = None,
             container: str | None = None) -> None:
        if text.strip():
            ordered = self.lists and self.lists[-1] and kind == "item"
            self.out.append(_Entry(kind, text, level,
                                   container=container or ("ol" if ordered else None)))
            self.previous_heading = " ".join(text.split()) if kind == "heading" else None
        if found is not None:
            for moved, reason in found.moved:
                self.drop(moved, reason)
                if reason == SHORTCODE and self.prefix and _FIGURE.match(moved):
                    caption = _figure_caption(moved)
                    if caption:
                        self.emit("image", self.prefix + caption, container="figure")
            for ref in found.refs:
                self.note(ref)

    def drop(self, text: str, reason: str) -> None:
        if text.strip():
            self.out.append(_Entry("", text, reason=reason))

    def kind(self) -> str:
        return "blockquote" if any(self.quotes) else "item" if self.item_depth else "paragraph"

    # -- footnotes ----------------------------------------------------------------------
    def note(self, ref: int, policy: str = "paragraph") -> None:
        if self.settings.footnotes != policy or ref in self.read_notes or ref not in self.notes:
            return
        if self.note_depth:  # a note referred to inside a note: after that note
            self.queued_notes.append(ref)
            return
        self.read_notes.add(ref)
        for entry in self.render_note(ref):
            self.out.append(entry)
        queued, self.queued_notes = self.queued_notes, []
        for other in queued:
            self.note(other, policy)

    def render_note(self, ref: int, announce: bool = True) -> list[_Entry]:
        saved = (self.out, self.quotes, self.lists, self.item_depth, self.previous_heading)
        self.out, self.quotes, self.lists, self.item_depth = [], [], [], 0
        self.note_depth += 1
        try:
            self.walk(self.notes[ref])
            entries = self.out
        finally:
            self.note_depth -= 1
            self.out, self.quotes, self.lists, self.item_depth, self.previous_heading = saved
        for entry in entries:
            if announce and entry.reason is None:  # read "Note 1. ... End of note."
                entry.note = str(ref + 1)
                if entry.kind in ("heading", "blockquote"):
                    entry.kind = "paragraph"
        return entries

    # -- blocks -------------------------------------------------------------------------
    def walk(self, tokens: list[Token]) -> None:
        index = 0
        while index < len(tokens):
            index = self.token(tokens, index) + 1

    def token(self, tokens: list[Token], index: int) -> int:
        """Reads tokens[index] (and any it consumes); returns the last index it read."""
        token = tokens[index]
        kind = token.type
        if kind == "blockquote_open":
            self.quotes.append(not _is_admonition(tokens, index))
        elif kind == "admonition_open":
            self.quotes.append(False)
        elif kind in ("blockquote_close", "admonition_close"):
            if self.quotes:  # a note's tokens can start inside a quote ("[^x]: > [^1]: …")
                self.quotes.pop()
        elif kind == "admonition_title_open":
            self.in_title = True
        elif kind == "admonition_title_close":
            self.in_title = False
        elif kind in ("ordered_list_open", "bullet_list_open"):
            self.lists.append(kind == "ordered_list_open")
        elif kind in ("ordered_list_close", "bullet_list_close"):
            if self.lists:  # as for quotes: a note's tokens can start inside a list
                self.lists.pop()
        elif kind == "list_item_open":
            self.item_depth += 1
        elif kind == "list_item_close":
            self.item_depth -= 1
        elif kind == "heading_open":
            self.heading_level = int(token.tag[1])
        elif kind == "heading_close":
            self.heading_level = 0
        elif kind == "table_open":
            return self.table(tokens, index)
        elif kind == "inline":
            return self.paragraph(tokens, index)
        elif kind in ("fence", "code_block"):
            self.drop(self.restore(token.content).strip("\n").rstrip(),
                      "code block: not read aloud")
        elif kind == "html_block":
            html = self.restore(token.content)
            self.drop(html.strip("\n").rstrip(), COMMENT if re.fullmatch(
                r"\s*(?:<!--.*?-->\s*)+", html, re.DOTALL) else "raw HTML block: not read aloud")
        return index

    def paragraph(self, tokens: list[Token], index: int) -> int:
        token = tokens[index]
        found = self.inline(token)
        text = found.text
        if self.in_title:
            label = _admonition_title(tokens, index, text)
            self.emit("paragraph", label, found=found)
        elif self.heading_level:  # "## Budget ## {#budget}": the closing hashes too
            self.emit("heading", re.sub(r"\s+#+\s*$", "", text), self.heading_level, found)
        elif _TOC.fullmatch(text) or any(_KRAMDOWN_TOC.fullmatch(m) for m, _ in found.moved):
            self.drop(self.restore(token.content), TOC)  # the marker a generator replaces
        elif _ABBREVIATIONS.fullmatch(token.content):
            self.drop(self.restore(token.content), ABBREVIATIONS)
        elif not text.strip():
            self.emit("paragraph", "", found=found)  # only extension syntax
        elif _only_images(token):  # a paragraph that is just an image: "Image: alt"
            if self.prefix and text.strip():
                self.emit("image", self.prefix + text, found=found)
            else:
                self.emit("paragraph", "", found=found)
        elif _CAPTION.match(text) and _next_type(tokens, index + 1) == "table_open" and \
                not self.item_depth:
            return self.table(tokens, index + 2, (text, found))
        else:
            alert = _ALERT.match(text)
            if alert and self.quotes and not self.quotes[-1] and _first_in_quote(tokens, index):
                text = alert.group(1).capitalize() + ": " + text[alert.end():].lstrip()
            self.emit(self.kind(), text, found=found)
        return index

    def table(self, tokens: list[Token], index: int,
              caption: tuple[str, _Inline] | None = None) -> int:
        header: list[str] = []
        rows: list[list[str]] = []
        gathered = _Inline("", [], [])
        end = index
        while tokens[end].type != "table_close":
            token = tokens[end]
            if token.type == "tr_open":
                rows.append([])
            elif token.type == "inline":
                cell = self.inline(token)
                gathered.moved += cell.moved
                gathered.refs += cell.refs
                rows[-1].append(cell.text)
            end += 1
        if rows and tokens[index + 1].type == "thead_open":
            header = rows.pop(0)
        if caption is None and _next_type(tokens, end + 1) == "paragraph_open" and \
                _CAPTION.match(tokens[end + 2].content):
            after = self.inline(tokens[end + 2])
            caption, end = (after.text, after), end + 3
        from earmark.text.tables import spoken_table

        title = caption[0] if caption else self.previous_heading
        lines = spoken_table(header, rows, title)
        kind = self.kind()
        for number, line in enumerate(lines):
            inner = 0 < number < len(lines) - 1
            self.emit("item" if inner else kind, line, container="table")
        if caption:
            gathered.moved = caption[1].moved + gathered.moved
            gathered.refs = caption[1].refs + gathered.refs
        self.emit(kind, "", found=gathered)
        return end


def _next_type(tokens: list[Token], index: int) -> str | None:
    """The type of the next token after the end of a paragraph."""
    while index < len(tokens) and tokens[index].type == "paragraph_close":
        index += 1
    return tokens[index].type if index < len(tokens) else None


def _only_images(token: Token) -> bool:
    children = [c for c in token.children or [] if c.type not in ("softbreak", "hardbreak")
                and not (c.type == "text" and not _PLACEHOLDER.sub("", c.content).strip())]
    return bool(children) and all(c.type == "image" for c in children)


def _is_admonition(tokens: list[Token], index: int) -> bool:
    """A block quote that opens with a label ("**Note:**") or a GitHub alert ("[!NOTE]")."""
    if index + 2 >= len(tokens) or tokens[index + 2].type != "inline":
        return False
    content = tokens[index + 2].content
    return bool(re.match(_ADMONITION_LABEL, content, re.IGNORECASE) or _ALERT.match(content))


def _first_in_quote(tokens: list[Token], index: int) -> bool:
    return index >= 2 and tokens[index - 2].type == "blockquote_open"


def _admonition_title(tokens: list[Token], index: int, title: str) -> str:
    """ "Warning: Check the date" (type and title), or the type alone when that is the title."""
    opening = next((t for t in reversed(tokens[:index]) if t.type == "admonition_open"), None)
    kind = str(opening.meta.get("tag", "")) if opening is not None else ""
    label = kind.replace("-", " ").replace("_", " ").strip().capitalize()
    title = " ".join(title.split())
    if not label or title.lower().rstrip(".:") == label.lower():
        return title or label
    return f"{label}: {title}" if title else label


def _figure_caption(shortcode: str) -> str | None:
    found = {m[1].lower(): m[2] if m[2] is not None else m[3]
             for m in _FIGURE_TEXT.finditer(shortcode)}
    text = found.get("caption") or found.get("alt") or found.get("title")
    return " ".join(text.split()) if text and text.strip() else None


def _protect(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Extension syntax replaced by placeholders that markdown-it passes through as text."""
    originals: list[tuple[str, str]] = []

    def replace(match: re.Match[str]) -> str:
        originals.append((match.group(), SHORTCODE if match.group("shortcode") else ATTRIBUTES))
        return f"\ue000{len(originals) - 1}\ue001"

    if "{" not in text:
        return text, originals
    return _extensions().sub(replace, text), originals


def _unused_definitions(body: str, env: dict) -> list[str]:
    refs = env.get("footnotes", {}).get("refs", {})
    found = []
    for key, value in refs.items():
        if value != -1:
            continue
        label = re.escape(key[1:])
        match = re.search(rf"^[ ]{{0,3}}\[\^{label}\]:.*(?:\n(?:[ \t]+\S.*|[ \t]*(?=\n[ \t]+\S)))*",
                          body, re.MULTILINE | re.IGNORECASE)
        if match:
            found.append(match.group())
    return found


def read(text: str, path: str, settings: IngestSettings | None = None) -> Document:
    from earmark.ingest import title_from_path

    settings = settings or IngestSettings()
    front, body = None, text
    if text.lstrip("\ufeff")[:3] in ("---", "+++"):
        from earmark.ingest import frontmatter

        front, body = frontmatter.split(text)
    protected, originals = _protect(body)
    env: dict = {}
    tokens = _parser_for(protected).parse(protected, env)
    reader = _Reader(settings, originals)
    cut = next((i for i, t in enumerate(tokens) if t.type == "footnote_block_open"), len(tokens))
    _collect_notes(tokens[cut:], reader.notes)
    reader.walk(tokens[:cut])
    _remaining_notes(reader)
    for definition in _unused_definitions(reader.restore(protected), env):
        reader.drop(definition, NOTE_UNUSED)

    builder = TextBuilder()
    entries = reader.out
    if front is not None:
        builder.add_dropped(front.source, FRONT_MATTER)
        first = next((e for e in entries if e.reason is None), None)
        if front.title and not (first and first.kind == "heading" and first.level == 1):
            entries = [_Entry("heading", front.title, 1), *entries]
    for entry in entries:
        if entry.reason is None:
            builder.note = entry.note
            builder.add(entry.kind, entry.text, entry.level, container=entry.container)
            builder.note = None
        else:
            builder.add_dropped(entry.text, entry.reason)
    title = (front.title if front else None) or builder.first_heading() or title_from_path(path)
    metadata = Metadata(author=front.author, publisher=front.publisher,
                        date=front.date) if front else Metadata()
    warnings = (front.warning,) if front and front.warning else ()
    return Document(path, "md", builder.text, title, (front.language if front else None) or "en",
                    tuple(builder.blocks), tuple(builder.dropped), metadata, warnings)


def _collect_notes(tokens: list[Token], notes: dict[int, list[Token]]) -> None:
    current: list[Token] | None = None
    for token in tokens:
        if token.type == "footnote_open":
            current = notes.setdefault(token.meta["id"], [])
        elif token.type == "footnote_close":
            current = None
        elif current is not None and token.type != "footnote_anchor":
            current.append(token)


def _remaining_notes(reader: _Reader) -> None:
    """Notes not read yet: all of them with "place", at the end; with "none", reported."""
    policy = reader.settings.footnotes
    for ref in sorted(reader.notes):
        if ref in reader.read_notes:
            continue
        if policy == "none":
            for entry in reader.render_note(ref, announce=False):
                reader.drop(entry.text, NOTE_NONE if entry.reason is None else entry.reason)
        else:
            reader.note(ref, policy)
