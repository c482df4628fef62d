"""The main content of a web page: which element holds the article, and what inside it is
page chrome (comments, share bars, galleries of other stories, video player controls).

The method is Mozilla Readability's, on the BeautifulSoup tree: paragraphs score their
ancestors (length, commas), class and id names weigh for or against an element, links lower
a score; the best-scoring element is the article, with its siblings that score nearly as
well; inside it, lists, tables and divisions that look like chrome (mostly links, images
without text, form fields, embeds) are marked to be dropped, with their reason.

`extract` marks the tree and returns the element to read (or None: no paragraph long enough
to tell, the caller reads the page as before). Elements outside the article are not part of
the document's text; elements marked inside it are reported as dropped by the walker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

from bs4 import NavigableString, Tag
from bs4.element import Comment

from earmark.ingest import webparts
from earmark.ingest.htmlbook import _DROP_MARK
from earmark.text import regexes as rx

SKIP_MARK = "data-earmark-skip"  # outside the article: not read and not part of the text

_UNLIKELY = rx.compile(
    r"-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|"
    r"gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|"
    r"sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote", re.IGNORECASE)
_MAYBE = rx.compile(r"and|article|body|column|content|main|mathjax|shadow", re.IGNORECASE)
_POSITIVE = rx.compile(r"article|body|content|entry|hentry|h-entry|main|page|pagination|post|"
                       r"text|blog|story", re.IGNORECASE)
_NEGATIVE = rx.compile(r"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|"
                       r"footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|"
                       r"shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|kudos",
                       re.IGNORECASE)
_CHROME_ROLES = {"menu", "menubar", "complementary", "navigation", "alert", "alertdialog",
                 "dialog"}
_HIDDEN_STYLE = rx.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_VIDEO = rx.compile(r"//(www\.)?((dailymotion|youtube|youtube-nocookie|player\.vimeo|v\.qq)"
                    r"\.com|(archive|upload\.wikimedia)\.org|player\.twitch\.tv)", re.IGNORECASE)
_COMMAS = rx.compile(r"[,\u060C\uFE50\uFE10\uFE11\u2E41\u2E34\u2E32\uFF0C]")
_BLOCK_TAGS = {"blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul", "section",
               "article", "main", "header", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
               "aside", "footer", "nav", "form", "li", "select", "dd", "dt", "address"}
_SCORED = {"p", "td", "pre", "section", "h2", "h3", "h4", "h5", "h6"}
_TAG_SCORE = {"div": 5, "pre": 3, "td": 3, "blockquote": 3, "address": -3, "ol": -3, "ul": -3,
              "dl": -3, "dd": -3, "dt": -3, "li": -3, "form": -3, "h1": -5, "h2": -5, "h3": -5,
              "h4": -5, "h5": -5, "h6": -5, "th": -5}
_REASONS = (("comment", "reader comments"), ("disqus", "reader comments"),
            ("repl", "reader comments"), ("kudos", "kudos"), ("share", "share buttons"),
            ("social", "share buttons"), ("sponsor", "sponsored links"),
            ("outbrain", "sponsored links"), ("taboola", "sponsored links"),
            ("promo", "promotion"), ("related", "other stories"), ("recommend", "other stories"),
            ("newsletter", "newsletter sign-up"), ("video", "media player"),
            ("player", "media player"), ("gallery", "image gallery"), ("caption", "media player"),
            ("tag", "tags"), ("byline", "byline"), ("meta", "metadata"), ("ad", "advertisement"))


def _names(tag: Tag) -> str:
    value = tag.get("class") or []
    classes = value if isinstance(value, str) else " ".join(value)
    return f"{classes} {tag.get('id') or ''}".strip()


def chrome_reason(tag: Tag, fallback: str = "links and controls") -> str:
    """The reason reported for a dropped element, from what its names say it is."""
    names = _names(tag).lower()
    role = str(tag.get("role") or "").lower()
    for word, reason in _REASONS:
        if word in names:
            return f"page chrome: {reason}"
    if role in _CHROME_ROLES:
        return f"page chrome: {role}"
    return f"page chrome: {fallback}"


def class_weight(tag: Tag) -> int:
    weight = 0
    for value in (" ".join(tag.get("class") or []) if not isinstance(tag.get("class"), str)
                  else str(tag.get("class")), str(tag.get("id") or "")):
        if value:
            if _NEGATIVE.search(value):
                weight -= 25
            if _POSITIVE.search(value):
                weight += 25
    return weight


def is_hidden(tag: Tag) -> bool:
    if tag.get("hidden") is not None or str(tag.get("aria-hidden") or "") == "true":
        return "fallback-image" not in _names(tag)
    return bool(_HIDDEN_STYLE.search(str(tag.get("style") or "")))


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def _marked(tag: Tag) -> bool:
    return tag.get(_DROP_MARK) is not None or tag.get(SKIP_MARK) is not None


def visible_text(tag: Tag) -> str:
    """The element's text without the parts already marked as dropped."""
    parts: list[str] = []
    stack: list = [tag]
    while stack:
        node = stack.pop()
        if isinstance(node, Comment):
            continue
        if isinstance(node, NavigableString):
            parts.append(str(node))
        elif isinstance(node, Tag) and (node is tag or not _marked(node)):
            stack.extend(reversed(list(node.children)))
    return " ".join(" ".join(parts).split())


def link_density(tag: Tag) -> float:
    length = len(visible_text(tag))
    if not length:
        return 0.0
    linked = 0.0
    for a in tag.find_all("a"):
        if any(_marked(p) for p in a.parents if p is not tag and p is not None):
            continue
        coefficient = 0.3 if str(a.get("href") or "").startswith("#") else 1.0
        linked += len(visible_text(a)) * coefficient
    return linked / length


@dataclass
class _Scores:
    score: dict[int, float] = field(default_factory=dict)
    tags: dict[int, Tag] = field(default_factory=dict)

    def init(self, tag: Tag) -> None:
        if id(tag) not in self.score:
            self.score[id(tag)] = _TAG_SCORE.get(tag.name, 0) + class_weight(tag)
            self.tags[id(tag)] = tag

    def of(self, tag: Tag) -> float | None:
        return self.score.get(id(tag))


def _mark_unlikely(body: Tag, strict: bool = True) -> None:
    for tag in body.find_all(True):
        if _marked(tag) or tag.name in ("a", "body", "html"):
            continue
        if is_hidden(tag):
            tag[SKIP_MARK] = "hidden"
            continue
        if not strict:
            continue
        role = str(tag.get("role") or "").lower()
        if role in _CHROME_ROLES:
            tag[_DROP_MARK] = chrome_reason(tag)
            continue
        names = _names(tag)
        if (names and _UNLIKELY.search(names) and not _MAYBE.search(names)
                and tag.find_parent(["table", "code"]) is None):
            tag[_DROP_MARK] = chrome_reason(tag)


def _unmarked_descendants(root: Tag, names: set[str] | None = None):
    stack = list(reversed([c for c in root.children if isinstance(c, Tag)]))
    while stack:
        node = stack.pop()
        if _marked(node):
            continue
        if names is None or node.name in names:
            yield node
        stack.extend(reversed([c for c in node.children if isinstance(c, Tag)]))


def _has_block_child(tag: Tag) -> bool:
    return any(isinstance(c, Tag) and c.name in _BLOCK_TAGS for c in tag.children)


def _score(body: Tag) -> _Scores:
    scores = _Scores()
    for tag in _unmarked_descendants(body):
        if tag.name in _SCORED or (tag.name == "div" and not _has_block_child(tag)):
            text = visible_text(tag)
            owner = tag
        elif tag.name == "div":  # inline runs of a mixed div: Readability wraps them in <p>
            text = " ".join("".join(str(c) if isinstance(c, NavigableString)
                                    and not isinstance(c, Comment) else
                                    (visible_text(c) if isinstance(c, Tag) and c.name not in
                                     _BLOCK_TAGS and not _marked(c) else " ")
                                    for c in tag.children).split())
            owner = None
        else:
            continue
        if len(text) < 25:
            continue
        points = 1 + len(_COMMAS.findall(text)) + 1 + min(len(text) // 100, 3)
        ancestors = ([tag] if owner is None else []) + list(islice(tag.parents, 5))
        for level, ancestor in enumerate(ancestors[:5]):
            if ancestor is None or ancestor.name in ("[document]", "html"):
                break
            scores.init(ancestor)
            divider = 1 if level == 0 else 2 if level == 1 else level * 3
            scores.score[id(ancestor)] += points / divider
    for key, tag in scores.tags.items():
        scores.score[key] *= 1 - link_density(tag)
    return scores


def _top(body: Tag, scores: _Scores) -> Tag | None:
    ranked = sorted(scores.tags.values(), key=lambda t: -scores.score[id(t)])
    if not ranked:
        return None
    top = ranked[0]
    if top is body or top.name == "body":
        return body
    best = scores.score[id(top)]
    alternatives = [t for t in ranked[1:5] if best and scores.score[id(t)] / best >= 0.75]
    if len(alternatives) >= 3:
        parent = top.parent
        while parent is not None and parent.name != "body":
            if sum(1 for a in alternatives if parent in a.parents) >= 3:
                top = parent
                break
            parent = parent.parent
    scores.init(top)
    parent = top.parent
    last = scores.score[id(top)]
    threshold = last / 3
    while parent is not None and parent.name not in ("body", "[document]"):
        score = scores.of(parent)
        if score is None:
            parent = parent.parent
            continue
        if score < threshold:
            break
        if score > last:
            top = parent
            break
        last = score
        parent = parent.parent
    parent = top.parent
    while (parent is not None and parent.name not in ("body", "[document]")
           and len([c for c in parent.children if isinstance(c, Tag) and not _marked(c)]) == 1):
        top = parent
        parent = top.parent
    return top


def _with_siblings(top: Tag, scores: _Scores) -> Tag:
    """The article: the top element, or its parent with the siblings that belong to it
    (the others marked to be skipped)."""
    parent = top.parent
    if parent is None or top.name == "body":
        return top
    top_score = scores.of(top) or 0.0
    threshold = max(10.0, top_score * 0.2)
    top_class = " ".join(top.get("class") or [])
    kept: list[Tag] = []
    others: list[Tag] = []
    for sibling in parent.children:
        if not isinstance(sibling, Tag):
            continue
        if sibling is top:
            kept.append(sibling)
            continue
        if _marked(sibling):
            others.append(sibling)
            continue
        bonus = top_score * 0.2 if top_class and " ".join(sibling.get("class") or []) == \
            top_class else 0.0
        score = scores.of(sibling)
        text = visible_text(sibling)
        density = link_density(sibling) if sibling.name == "p" else 1.0
        if (score is not None and score + bonus >= threshold) or (
                len(text) > 80 and density < 0.25) or (
                0 < len(text) <= 80 and density == 0 and re.search(r"\.( |$)", text)):
            kept.append(sibling)
        else:
            others.append(sibling)
    if len(kept) == 1:
        return top
    for sibling in others:
        if not sibling.get(_DROP_MARK):
            sibling[SKIP_MARK] = "outside the article"
    return parent


def _clean(root: Tag) -> None:
    """Marks chrome inside the article: Readability's conditional cleaning."""
    for tag in _unmarked_descendants(root, {"h1", "h2"}):
        if class_weight(tag) < 0:
            tag[_DROP_MARK] = "page chrome: heading"
    for tag in list(_unmarked_descendants(root)):
        names = _names(tag)
        if re.search(r"share", names, re.IGNORECASE) and len(visible_text(tag)) < 500:
            tag[_DROP_MARK] = "page chrome: share buttons"
    candidates = list(_unmarked_descendants(root, {"form", "fieldset", "table", "ul", "ol", "div",
                                                    "section", "aside"}))
    for tag in reversed(candidates):
        if _marked(tag) or any(_marked(p) for p in tag.parents if p is not None):
            continue
        reason = _clean_reason(tag)
        if reason:
            tag[_DROP_MARK] = reason


def _between(tag: Tag, ancestor: Tag) -> list[Tag]:
    found = []
    for parent in tag.parents:
        if parent is ancestor or parent is None:
            break
        found.append(parent)
    return found


def _clean_reason(tag: Tag) -> str | None:
    if tag.name == "table" and webparts.is_data_table(tag):
        return None
    for parent in tag.parents:
        if parent is None or not isinstance(parent, Tag):
            break
        if parent.name == "code" or (parent.name == "table" and webparts.is_data_table(parent)):
            return None
    text = visible_text(tag)
    is_list = tag.name in ("ul", "ol")
    if not is_list and text:
        lists = [t for t in tag.find_all(["ul", "ol"]) if not any(
            p.name in ("ul", "ol") for p in _between(t, tag))]
        list_length = sum(len(visible_text(t)) for t in lists)
        is_list = list_length / len(text) > 0.9
    weight = class_weight(tag)
    if weight < 0:
        return chrome_reason(tag)
    if len(_COMMAS.findall(text)) >= 10:
        return None

    def count(*names: str) -> int:
        return sum(1 for _ in _unmarked_descendants(tag, set(names)))

    paragraphs = count("p")
    images = count("img")
    items = count("li") - 100
    inputs = count("input")
    heading_text = sum(len(visible_text(h)) for h in
                       _unmarked_descendants(tag, {"h1", "h2", "h3", "h4", "h5", "h6"}))
    heading_density = heading_text / len(text) if text else 0.0
    embeds = 0
    for embed in _unmarked_descendants(tag, {"object", "embed", "iframe"}):
        if any(_VIDEO.search(str(v)) for v in embed.attrs.values() if isinstance(v, str)):
            continue
        embeds += 1
    density = link_density(tag)
    in_figure = tag.find_parent("figure") is not None
    length = len(text)
    if images > 1 and paragraphs / images < 0.5 and not in_figure:
        return chrome_reason(tag, "images without text")
    if not is_list and items > paragraphs:
        return chrome_reason(tag)
    if inputs > paragraphs // 3:
        return chrome_reason(tag, "form")
    if (not is_list and heading_density < 0.9 and length < 25 and (images == 0 or images > 2)
            and not in_figure):
        return chrome_reason(tag, "controls")
    if not is_list and weight < 25 and density > 0.2:
        return chrome_reason(tag, "links")
    if weight >= 25 and density > 0.5:
        return chrome_reason(tag, "links")
    if (embeds == 1 and length < 75) or embeds > 1:
        return chrome_reason(tag, "embedded content")
    return None


def _unmark(body: Tag) -> None:
    for tag in body.find_all(attrs={_DROP_MARK: True}):
        if str(tag[_DROP_MARK]).startswith("page chrome"):
            del tag[_DROP_MARK]
    for tag in body.find_all(attrs={SKIP_MARK: True}):
        del tag[SKIP_MARK]


def _attempt(body: Tag, strict: bool) -> Tag | None:
    _mark_unlikely(body, strict)
    top = _top(body, scores := _score(body))
    if top is None:
        return None
    root = _with_siblings(top, scores)
    _clean(root)
    return root


def extract(body: Tag) -> Tag | None:
    """Marks the page's chrome and returns the element that holds the article, or None
    when no paragraph is long enough to tell (a short page: read as it is).

    As Readability does, an article under 500 characters on a longer page is looked for
    again without setting aside elements by their names (only hidden ones)."""
    root = _attempt(body, strict=True)
    if root is not None and len(visible_text(root)) >= 500:
        return root
    if len(" ".join(body.get_text(" ").split())) > 1000:
        _unmark(body)
        retry = _attempt(body, strict=False)
        if retry is not None and len(visible_text(retry)) >= 500:
            return retry
        _unmark(body)
        root = _attempt(body, strict=True)
    if root is None:
        _unmark(body)
    return root
