"""HTML pages: the article text only, as paragraphs, Markdown headings, list items and pipe tables.

selectolax (lexbor) parses; the walk below is our own because the article
needs what generic extractors drop or flatten: tables kept as rows, figure
captions kept (they carry facts), a sentence split over two <p> re-joined.
The walk is iterative (no recursion limit on hostile nesting) and stops after
`MAX_NODES` nodes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from eurasia_etl.docmeta import parse_date_value
from eurasia_etl.facts import PartialDate
from eurasia_etl.formats import Extracted, RejectedInput
from eurasia_etl.formats.text import check_not_binary, decode
from eurasia_etl.knowledge import load_yaml
from eurasia_etl.normalize import clean_blocks

MAX_NODES = 2_000_000
MAX_JSONLD = 200_000  # characters of one JSON-LD script parsed at most
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dl",
        "dt",
        "div",
        "fieldset",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "ul",
        "caption",
    ]
)
_WS = re.compile(r"\s+")
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}charset\s*=\s*[\"']?([A-Za-z0-9_\-]{1,40})", re.I)
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
)
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{1,60}$")


@dataclass(frozen=True)
class _Boilerplate:
    drop_tags: frozenset[str]
    prose_only_tags: frozenset[str]
    prose_min_words: int
    tokens: frozenset[str]


@cache
def _knowledge() -> _Boilerplate:
    data = load_yaml("ingest_html.yaml")
    return _Boilerplate(
        frozenset(data["drop_tags"]),
        frozenset(data.get("prose_only_tags") or ()),
        int(data.get("prose_min_words") or 12),
        frozenset(data["boilerplate_tokens"]),
    )


def _is_boilerplate(node: LexborNode) -> bool:
    known = _knowledge()
    if node.tag in known.drop_tags:
        return True
    attrs = node.attributes
    if "hidden" in attrs or attrs.get("aria-hidden") == "true" or attrs.get("role") in ("navigation",):
        return True
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
    if any(part in known.tokens for part in re.split(r"[\s_\-]+", names) if part):
        return True
    return node.tag in known.prose_only_tags and not _has_prose(node, known.prose_min_words)


def _has_prose(node: LexborNode, min_words: int) -> bool:
    """A paragraph of running text, most of it not link text (a fact box, not a list of related links)."""
    for p in node.css("p"):
        words = len(_text(p).split())
        linked = sum(len(_text(a).split()) for a in p.css("a"))
        if words >= min_words and linked * 2 < words:
            return True
    return False


def _text(node: LexborNode) -> str:
    return _WS.sub(" ", node.text(deep=True)).strip()


def _content_root(tree: LexborHTMLParser) -> LexborNode | None:
    """The article: the largest <article>/<main>/articleBody candidate, else <body>."""
    candidates = tree.css("article, main, [role=main], [itemprop=articleBody]")
    candidates = [c for c in candidates if not _is_boilerplate(c) or c.tag in ("article", "main")]
    if candidates:
        return max(candidates, key=lambda c: len(c.text(deep=True)))
    return tree.body


def _render_table(table: LexborNode) -> list[str]:
    """<table> -> caption line and Markdown pipe rows (header + separator when it has a header row)."""
    rows: list[list[str]] = []
    header_rows = 0
    for tr in table.css("tr"):
        cells = [_text(c).replace("|", "/") for c in tr.iter() if c.tag in ("td", "th")]
        if not cells:
            continue
        is_head = all(c.tag == "th" for c in tr.iter() if c.tag in ("td", "th")) or (
            tr.parent is not None and tr.parent.tag == "thead"
        )
        if is_head and len(rows) == header_rows:
            header_rows += 1
        rows.append(cells)
    if not rows:
        return []
    width = max(len(r) for r in rows)
    lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
    if header_rows:
        lines.insert(header_rows, "|" + "---|" * width)
    caption = table.css_first("caption")
    out = [_text(caption)] if caption is not None and _text(caption) else []
    return out + ["\n".join(lines)]


def _is_layout_table(table: LexborNode) -> bool:
    """A table used for page layout holds paragraphs, not data: walk it as blocks."""
    if table.css_first("table table, p, div, ul, ol") is None:
        return False
    return any(len(_text(c)) > 300 for c in table.css("td, th"))


class _Walker:
    """Collects blocks from the content root in document order."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.inline: list[str] = []
        self.lists: list[list[int]] = []  # per open list: [is_ordered, counter, index of first block]
        self.item_starts: list[int] = []
        self.nodes = 0

    def flush(self, prefix: str = "") -> None:
        text = _WS.sub(" ", "".join(self.inline)).strip()
        self.inline = []
        if text:
            self.blocks.append(prefix + text)

    def walk(self, root: LexborNode) -> list[str]:
        stack: list[tuple[LexborNode, bool]] = [(root, False)]
        while stack and self.nodes < MAX_NODES:
            node, leaving = stack.pop()
            self.nodes += 1
            if leaving:
                self.leave(node)
                continue
            if node.is_text_node:
                self.inline.append(node.text_content or "")
                continue
            if not node.is_element_node or (node is not root and _is_boilerplate(node)):
                continue
            if not self.enter(node, root):
                continue
            stack.append((node, True))
            children = list(node.iter(include_text=True))
            stack.extend((c, False) for c in reversed(children))
        self.flush()
        return self.blocks

    def enter(self, node: LexborNode, root: LexborNode) -> bool:
        """Start of an element; False when its content has been handled already (or skipped)."""
        tag = node.tag
        if tag == "header" and node is not root and node.css_first("h1") is None:
            return False  # site header (logo, menu); an article header holds the h1
        if tag == "br":
            self.inline.append(" ")
            return False
        if tag == "img":
            return False
        if tag == "table" and not _is_layout_table(node):
            self.flush()
            self.blocks.extend(_render_table(node))
            return False
        if tag in ("ul", "ol"):
            self.flush()
            self.lists.append([tag == "ol", 0, len(self.blocks)])
        elif tag in BLOCK_TAGS or tag in ("td", "th", "tr", "table"):
            self.flush()
        if tag == "li":
            self.item_starts.append(len(self.blocks))
        return True

    def leave(self, node: LexborNode) -> None:
        tag = node.tag
        if tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                start = self.lists.pop()[2]
                items = self.blocks[start:]
                self.blocks[start:] = ["\n".join(items)] if items else []  # one list, one item per line
        elif tag == "li":
            prefix = "- "
            if self.lists:
                self.lists[-1][1] += 1
                if self.lists[-1][0]:
                    prefix = f"{self.lists[-1][1]}. "
            start = self.item_starts.pop() if self.item_starts else len(self.blocks)
            self.flush()
            if len(self.blocks) > start:  # <li><p>..</p></li>: the item is its block(s), one line
                self.blocks[start:] = [prefix + " ".join(self.blocks[start:])]
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.flush("#" * int(tag[1]) + " ")
        elif tag in BLOCK_TAGS or tag in ("td", "th", "tr", "table"):
            self.flush()


def _json_ld_date(tree: LexborHTMLParser) -> PartialDate | None:
    for script in tree.css('script[type="application/ld+json"]'):
        raw = script.text(deep=True)[:MAX_JSONLD]
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        stack, seen = [data], 0
        while stack and seen < 10_000:
            item = stack.pop()
            seen += 1
            if isinstance(item, dict):
                value = item.get("datePublished") or item.get("dateCreated")
                if isinstance(value, str) and (date := parse_date_value(value)):
                    return date
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
    return None


def _meta_date(tree: LexborHTMLParser, root: LexborNode | None) -> PartialDate | None:
    for meta in tree.css("meta"):
        a = meta.attributes
        key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
        if key in _DATE_META and a.get("content") and (date := parse_date_value(a["content"] or "")):
            return date
    date = _json_ld_date(tree)
    if date:
        return date
    scope = root if root is not None else tree.root
    if scope is not None:
        for t in scope.css("time"):
            value = t.attributes.get("datetime") or ""
            if value and (date := parse_date_value(value)):
                return date
    return None


def _title(tree: LexborHTMLParser, root: LexborNode | None) -> str | None:
    h1 = root.css_first("h1") if root is not None else None
    if h1 is not None and _text(h1):
        return _text(h1)
    og = tree.css_first('meta[property="og:title"]')
    if og is not None and (og.attributes.get("content") or "").strip():
        return _WS.sub(" ", og.attributes["content"] or "").strip()
    title = tree.css_first("title")
    if title is not None and _text(title):
        return _TITLE_SUFFIX.sub("", _text(title)) or _text(title)
    return None


def extract_html(data: bytes) -> Extracted:
    """An HTML file -> article text, title and publication date from its metadata."""
    m = _META_CHARSET.search(data[:4096])
    text, encoding = decode(data, declared=m.group(1).decode("ascii") if m else None)
    check_not_binary(text)
    tree = LexborHTMLParser(text)
    root = _content_root(tree)
    if root is None:
        raise RejectedInput("HTML page has no body")
    blocks = _Walker().walk(root)
    return Extracted(
        text=clean_blocks(blocks),
        title=_title(tree, root),
        published=_meta_date(tree, root),
        encoding=encoding,
    )
