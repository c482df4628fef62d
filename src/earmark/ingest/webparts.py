"""Parts of a web page that are not plain prose, in the form a listener can follow.

- math (MathML, TeX annotations, Wikipedia's formula images) is never read raw: a short
  formula is said ("x squared"), a longer one is "a formula"; the markup is reported dropped;
- alt text that is a file name or a URL ("0226-SUB-hotel-02", "IMG_2041.jpg") is not read;
- `<pre>` that holds prose (mostly words: an RFC, a letter, verse) is read, code is not;
- a data table is read row by row with its header cells named ("Member: Ada Lin, vote:
  Yes."); a layout table is read as text.
"""

from __future__ import annotations

import re

from bs4 import Tag

from earmark.text import regexes as rx

# -- math -------------------------------------------------------------------------------

_GREEK = {n: n for n in ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
                         "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma",
                         "tau", "upsilon", "phi", "chi", "psi", "omega")}
_SYMBOLS = {"=": "equals", "+": "plus", "-": "minus", "<": "is less than",
            ">": "is greater than", "\\times": "times", "\\cdot": "times", "\\leq": "is at most",
            "\\geq": "is at least", "\\neq": "is not equal to", "\\pm": "plus or minus",
            "\\infty": "infinity", "\\approx": "is about", "\\in": "in", "/": "over"}
_STYLE = rx.compile(r"\\(displaystyle|textstyle|scriptstyle|mathsf|mathrm|mathbf|mathit|mathbb|"
                    r"mathcal|operatorname|left|right|,|;|!|quad|qquad)\b|\\[,;! ]")
_TOKEN = rx.compile(r"\\[A-Za-z]+|[A-Za-z]+|\d+(?:\.\d+)?|\^\{?[^{}\s]+\}?|_\{?[^{}\s]+\}?"
                    r"|[=+\-<>/]|\S")
MATH_CLASS = rx.compile(r"mwe-math-element|MathJax|katex|math-tex", re.IGNORECASE)


def tex_of(tag: Tag) -> str | None:
    """The TeX source of a formula element, where it carries one."""
    annotation = tag.find("annotation", encoding=rx.compile("tex", re.IGNORECASE))
    if annotation is not None and annotation.get_text().strip():
        return annotation.get_text().strip()
    for element in [tag, *tag.find_all(["math", "img"])]:
        for attribute in ("alttext", "alt", "data-tex"):
            value = str(element.get(attribute) or "").strip()
            if value:
                return value
    return None


def spoken_math(tag: Tag) -> str:
    """What is said for a formula: its alt text when that is words, a short formula spoken,
    else "a formula"."""
    alt = str(tag.get("aria-label") or "").strip()
    if alt and not _looks_like_tex(alt):
        return alt
    source = tex_of(tag)
    if source is not None and not _looks_like_tex(source) and len(source.split()) <= 12:
        return source  # alt text in words
    if source is None:  # MathML without TeX: its tokens, if few
        tokens = tag.get_text(" ").split()
        return " ".join(tokens) if 0 < len(tokens) <= 3 else "a formula"
    return speak_tex(source)


def _looks_like_tex(text: str) -> bool:
    return bool(re.search(r"[\\{}^_]", text))


def speak_tex(source: str) -> str:
    """A short formula in words ("x^2" -> "x squared"); "a formula" when longer."""
    text = _STYLE.sub(" ", source)
    text = re.sub(r"([\^_])\s*\{\s*([^{}\s]+)\s*\}", r"\1\2 ", text)
    text = re.sub(r"\\text\{([^{}]*)\}", r" \1 ", text)
    text = re.sub(r"\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}", r" \1 / \2 ", text)
    text = text.replace("{", " ").replace("}", " ")
    words: list[str] = []
    for token in _TOKEN.findall(text):
        if token.startswith("^"):
            power = token.strip("^{}")
            words.append({"2": "squared", "3": "cubed"}.get(power, f"to the {power}"))
        elif token.startswith("_"):
            words.append(token.strip("_{}"))
        elif token.startswith("\\"):
            name = token[1:]
            if name in _GREEK:
                words.append(_GREEK[name])
            elif token in _SYMBOLS:
                words.append(_SYMBOLS[token])
            else:
                return "a formula"
        elif token in _SYMBOLS:
            words.append(_SYMBOLS[token])
        elif re.fullmatch(r"[A-Za-z]+|\d+(\.\d+)?", token):
            words.append(token)
        elif token in ".,;":
            continue
        else:
            return "a formula"
    if not words or len(words) > 7:
        return "a formula"
    return " ".join(words)


def is_math(tag: Tag) -> bool:
    if tag.name == "math":
        return True
    names = " ".join(tag.get("class") or []) if not isinstance(tag.get("class"), str) \
        else str(tag.get("class"))
    return bool(MATH_CLASS.search(names)) and tag.name in ("span", "div", "img")


# -- alt text ---------------------------------------------------------------------------

_FILE_NAME = rx.compile(r"\S+\.(jpe?g|png|gif|webp|svg|bmp|tiff?|avif|heic)(\?\S*)?",
                        re.IGNORECASE)
_URL = rx.compile(r"(https?:)?//\S+|www\.\S+|\S+/\S+", re.IGNORECASE)


def alt_is_file_name(alt: str) -> bool:
    """Whether alt text is a file name or a URL (not words a listener should hear)."""
    alt = alt.strip()
    if not alt:
        return False
    if _FILE_NAME.fullmatch(alt) or _URL.fullmatch(alt):
        return True
    if " " in alt:
        return False
    # one "word" joined with dashes or underscores and carrying digits: 0226-SUB-hotel-02
    return bool(re.search(r"[-_]", alt) and re.search(r"\d", alt)) or alt.count("_") >= 2


def is_tex(text: str) -> bool:
    """Alt text that is TeX source (Wikipedia's formula images)."""
    return "\\displaystyle" in text or bool(re.match(r"\s*\{\\", text))


# -- <pre> ------------------------------------------------------------------------------

_CODE_CHARS = rx.compile(r"[{}\[\]();=<>|\\$#@*&^~`_]")
_WORD = rx.compile(r"[^\W\d_]{2,}")


def is_prose(text: str) -> bool:
    """Mostly words: few of code's symbols, and lines made of several words."""
    chars = re.sub(r"\s", "", text)
    if not chars:
        return False
    symbols = len(_CODE_CHARS.findall(chars)) / len(chars)
    lines = [line for line in text.splitlines() if line.strip()]
    wordy = sum(len(_WORD.findall(line)) >= 4 for line in lines)
    return symbols < 0.02 and wordy >= 0.6 * len(lines)


# -- tables -----------------------------------------------------------------------------


def is_data_table(table: Tag) -> bool:
    """Readability's test: a table of data (read cell by cell, with its headers) rather
    than one that lays a page out (read as text)."""
    if str(table.get("role") or "") == "presentation" or str(table.get("datatable")) == "0":
        return False
    if table.get("summary") or table.find("caption") is not None:
        return True
    if table.find(["col", "colgroup", "tfoot", "thead", "th"]) is not None:
        return True
    if table.find("table") is not None:
        return False
    rows = table.find_all("tr")
    columns = max((sum(int(str(c.get("colspan") or 1)) if str(c.get("colspan") or 1).isdigit()
                       else 1 for c in r.find_all(["td", "th"], recursive=False))
                   for r in rows), default=0)
    if len(rows) == 1 or columns == 1:
        return False
    if len(rows) >= 10 or columns > 4:
        return True
    return len(rows) * columns > 10


def _cells(row: Tag) -> list[Tag]:
    return row.find_all(["td", "th"], recursive=False)


def _rows(table: Tag) -> list[Tag]:
    return [r for r in table.find_all("tr") if r.find_parent("table") is table]


def _cell_text(cell: Tag) -> str:
    return " ".join(cell.get_text(" ").split())


def _header_name(text: str, first: bool) -> str:
    if first or not text[:1].isupper() or text[1:2].isupper():
        return text
    return text[:1].lower() + text[1:]


def table_lines(table: Tag) -> tuple[str | None, list[str]]:
    """A data table as spoken lines: its caption ("Table: Council votes.") and one line a
    row, each value named by its column's header ("Member: Ada Lin, vote: Yes.")."""
    caption_tag = table.find("caption")
    caption = _cell_text(caption_tag) if caption_tag is not None else ""
    rows = _rows(table)
    headers: list[str] = []
    body = rows
    if rows and all(c.name == "th" for c in _cells(rows[0])) and _cells(rows[0]):
        headers = [_cell_text(c) for c in _expand(_cells(rows[0]))]
        body = rows[1:]
    lines: list[str] = []
    for row in body:
        cells = _expand(_cells(row))
        parts: list[str] = []
        for index, cell in enumerate(cells):
            value = _cell_text(cell)
            if not value or (index and cells[index - 1] is cell):
                continue
            header = headers[index] if index < len(headers) else ""
            if header and header != value:
                parts.append(f"{_header_name(header, not parts)}: {value}")
            else:
                parts.append(value)
        if parts:
            line = ", ".join(parts)
            lines.append(line if line[-1:] in ".!?" else line + ".")
    title = None
    if caption:
        title = f"Table: {caption}" + ("" if caption[-1:] in ".!?:" else ".")
    return title, lines


def _expand(cells: list[Tag]) -> list[Tag]:
    out: list[Tag] = []
    for cell in cells:
        span = str(cell.get("colspan") or "1")
        out.extend([cell] * (min(int(span), 20) if span.isdigit() and int(span) > 0 else 1))
    return out
