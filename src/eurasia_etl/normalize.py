"""Turn decoded text into the clean text every extractor offset refers to.

Sources arrive as PDF conversions (hard line breaks, page numbers, running
headers, words hyphenated across lines, paragraphs cut by page breaks),
Markdown exports with inline HTML and backslash escapes, or HTML paragraphs.
Everything here is deterministic, line-based and linear in the input size, and
never raises on any `str`. No offset map back to the raw bytes is kept: the
cleaned text *is* the document.
"""

from __future__ import annotations

import html
import re
import unicodedata

# --- characters -------------------------------------------------------------------------------

_NEWLINES = re.compile(r"\r\n?|[\x0b\x85\u2028\u2029]")
_DROP_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\u00ad\u200b\u2060\ufeff\ufffe\uffff]")
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_LIGATURE = re.compile("[\ufb00-\ufb04]")
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"})

# inline HTML left in converted text: only real tag names, so "a < b" and "<5%" survive
_TAG_NAMES = (
    "a|abbr|b|bdi|bdo|big|br|cite|code|del|dfn|div|em|font|hr|i|img|ins|kbd|mark|p|q|s|samp|small|"
    "span|strike|strong|sub|sup|tt|u|var|wbr"
)
_TAG = re.compile(rf"</?(?:{_TAG_NAMES})(?:\s[^<>]{{0,1000}})?/?>", re.I)
_BR = re.compile(r"<br\s*/?>", re.I)
_COMMENT = re.compile(r"<!--(?:(?!-->).){0,10000}-->", re.S)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_INNER_SPACES = re.compile(r"(?<=\S)[ ]{2,}(?=\S)")


def clean_chars(text: str) -> str:
    """Newlines to \\n, drop BOM/zero-width/control characters, exotic spaces to ' ', NFC, ligatures."""
    text = _NEWLINES.sub("\n", text)
    text = _DROP_CHARS.sub("", text)
    text = _SPACES.sub(" ", text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        if _LIGATURE.search(text):
            text = text.translate(_LIGATURES)
    return text


def strip_markup(text: str) -> str:
    """Inline HTML tags -> their content, entities decoded, Markdown backslash escapes removed."""
    text = _COMMENT.sub("", text)
    text = _BR.sub(" ", text)
    text = _TAG.sub("", text)
    text = _ENTITY.sub(lambda m: html.unescape(m.group()), text)
    return _MD_ESCAPE.sub(r"\1", text)


# --- line classes -----------------------------------------------------------------------------

_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_LIST = re.compile(r"^\s*(?:[-*+•▪●◦–]|\d{1,3}[.)])\s+\S")
_TABLE = re.compile(r"^\s*\|")
_OTHER_STRUCT = re.compile(r"^\s*(?:```|~~~|\[\^[^\]]+\]:|(?:[-*_]\s*){3,}$|>)")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]*_]*$")
_PAGE_NO = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:(?:page|p\.|стр\.?)\s*)?\d{1,4}(?:\s*(?:/|of|из)\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.I
)
_NUMBERED_HEADER = re.compile(r"^\s*(\d{1,4})\s{3,}(\S.*?)\s*$|^\s*(\S.*?)\s{3,}(\d{1,4})\s*$")
_WORD = re.compile(r"[^\W\d_]+")
_HYPHENATED = re.compile(r"[^\W\d_]+-[^\W\d_]+")
_KEEP_HYPHEN_PREFIXES = frozenset(
    [
        "all",
        "anti",
        "co",
        "cross",
        "ex",
        "far",
        "full",
        "half",
        "high",
        "long",
        "low",
        "multi",
        "non",
        "post",
        "pre",
        "self",
        "short",
        "state",
        "well",
        "year",
    ]
)
PAGE = "\f"


def is_structural(line: str) -> bool:
    """Markdown lines that must keep their own line: headings, list items, table rows, fences, notes."""
    return bool(_HEADING.match(line) or _LIST.match(line) or _TABLE.match(line) or _OTHER_STRUCT.match(line))


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line.rstrip()))


def _starts_lower(line: str) -> bool:
    s = line.lstrip()
    return bool(s) and s[0].islower()


# --- page furniture (PDF conversions) ---------------------------------------------------------


def _edge_key(line: str) -> str:
    """Compare running headers across pages: digits and spacing do not matter."""
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", line.strip().lower()))


def _neighbour(lines: list[str], i: int, step: int) -> str | None:
    """Nearest non-blank line before (step=-1) or after (step=1) line i."""
    j = i + step
    while 0 <= j < len(lines):
        if lines[j].strip() or lines[j] == PAGE:
            return lines[j]
        j += step
    return None


def strip_page_furniture(lines: list[str]) -> list[str]:
    """Drop page numbers and running headers/footers; leave a PAGE marker line where a page ended.

    A page boundary is a form feed, a number alone in its own block, or a
    header line carrying a page number after a wide gap ("42      Orlov -
    Exercising Together"). A line next to a boundary whose text repeats at
    other boundaries is a running header. A first-page header that does not
    repeat keeps its text (it often states the journal issue and date).
    """
    n = len(lines)
    blank = [not ln.strip() for ln in lines]
    kind: list[str | None] = [None] * n  # "page" | "header" | None
    header_text: dict[int, str] = {}
    for i, ln in enumerate(lines):
        if ln == PAGE:
            kind[i] = "page"
            continue
        if blank[i]:
            continue
        at_page = _neighbour(lines, i, -1) == PAGE or _neighbour(lines, i, 1) == PAGE
        alone = (i == 0 or blank[i - 1] or lines[i - 1] == PAGE) and (
            i == n - 1 or blank[i + 1] or lines[i + 1] == PAGE
        )
        if _PAGE_NO.match(ln):
            if alone or at_page:
                kind[i] = "page"
            continue
        m = _NUMBERED_HEADER.match(ln) if alone or at_page else None
        if m and not is_structural(ln):
            kind[i] = "header"
            header_text[i] = m.group(2) if m.group(2) is not None else m.group(3)
    boundaries = [i for i in range(n) if kind[i]]
    if not boundaries:
        return lines
    # lines next to a boundary or the document's ends (two non-blank lines) are running-header candidates
    near: dict[int, str] = {}
    for b, steps in [(-1, (1,)), (n, (-1,))] + [(b, (-1, 1)) for b in boundaries]:
        for step in steps:
            j, seen = b + step, 0
            while 0 <= j < n and seen < 2 and not kind[j]:
                if not blank[j]:
                    if not is_structural(lines[j]) and len(lines[j].strip()) <= 120:
                        near[j] = _edge_key(lines[j])
                    seen += 1
                j += step
    counts: dict[str, int] = {}
    for key in list(near.values()) + [_edge_key(t) for t in header_text.values()]:
        counts[key] = counts.get(key, 0) + 1
    first_text = next((i for i in range(n) if not blank[i] and lines[i] != PAGE), n)
    out: list[str] = []
    for i, ln in enumerate(lines):
        if kind[i] == "page":
            out.append(PAGE)
        elif kind[i] == "header":
            if counts.get(_edge_key(header_text[i]), 0) >= 2:
                out.append(PAGE)
            elif i == first_text:
                out.append(header_text[i])  # first-page header: keep its words, drop the number
            else:
                out.append(ln)
        elif i in near and counts.get(near[i], 0) >= 2:
            out.append(PAGE)
        else:
            out.append(ln)
    return out


# --- joining lines and paragraphs -------------------------------------------------------------


class _Vocabulary:
    """Words and hyphenated pairs the document uses: evidence for undoing a line-end hyphen.

    Built on first use only: most documents have no line-end hyphens at all.
    """

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self._sets: tuple[set[str], set[str]] | None = None

    def _load(self) -> tuple[set[str], set[str]]:
        if self._sets is None:
            text = "\n".join(self._lines).lower()
            self._sets = set(_WORD.findall(text)), set(_HYPHENATED.findall(text))
        return self._sets

    def has_word(self, word: str) -> bool:
        return word in self._load()[0]

    def has_hyphenated(self, pair: str) -> bool:
        return pair in self._load()[1]


def _glue(parts: list[str], b: str, vocab: _Vocabulary) -> None:
    """Append `b` to a paragraph (kept as parts, so long paragraphs grow in linear time).

    `parts[-1]` is always the end of the previous physical line; a line-end
    hyphen is undone when the continuation is lowercase and the document does
    not show the hyphenated form ("inter-/governmental"), kept otherwise
    ("Sino-/Russian", "search-and-/rescue", "anti-/submarine").
    """
    a = parts[-1]
    b = b.lstrip()
    sep = " "
    if len(a) >= 2 and a.endswith("-") and a[-2].isalpha():
        sep = ""
        fragment = a.rsplit(" ", 1)[-1][:-1]
        first = _WORD.match(b)
        if first and b[0].islower():
            word = first.group()
            head = _WORD.findall(fragment)
            last_part = head[-1].lower() if head else ""
            keep = (
                "-" in fragment
                or any(c.isdigit() for c in fragment)
                or last_part in _KEEP_HYPHEN_PREFIXES
                or (
                    not vocab.has_word((last_part + word).lower())
                    and vocab.has_hyphenated(f"{last_part}-{word}".lower())
                )
            )
            if not keep:
                parts[-1] = a[:-1]
    parts.append(sep)
    parts.append(b)


def _line_width(lines: list[str], force: bool = False) -> int | None:
    """Wrap width of a hard-wrapped text (90th percentile of prose line lengths), else None."""
    prose = [i for i, ln in enumerate(lines) if ln.strip() and ln != PAGE and not is_structural(ln)]
    if force and prose:
        lengths = sorted(len(lines[i].strip()) for i in prose)
        return lengths[int(0.9 * (len(lengths) - 1))]
    if len(prose) < 5:
        return None
    lengths = sorted(len(lines[i].strip()) for i in prose)
    p90 = lengths[int(0.9 * (len(lengths) - 1))]
    followed = sum(1 for i in prose if i + 1 < len(lines) and lines[i + 1].strip() and lines[i + 1] != PAGE)
    return p90 if p90 <= 120 and followed >= 0.5 * len(prose) else None


def _blocks(lines: list[str]) -> list[tuple[list[str], bool]]:
    """Non-blank line runs, each with whether a page break separated it from the previous one."""
    blocks: list[tuple[list[str], bool]] = []
    current: list[str] = []
    page_break = False
    for ln in lines:
        if ln == PAGE or not ln.strip():
            if current:
                blocks.append((current, page_break))
                current, page_break = [], False
            page_break = page_break or ln == PAGE
        else:
            current.append(ln)
    if current:
        blocks.append((current, page_break))
    return blocks


def _tidy_line(line: str) -> str:
    """Collapse inner space runs; keep list indentation only."""
    line = _INNER_SPACES.sub(" ", line.rstrip())
    return line if _LIST.match(line) else line.lstrip()


def assemble(lines: list[str], wrapped_width: int | None) -> str:
    """Lines -> paragraphs separated by blank lines, joining what layout split apart."""
    vocab = _Vocabulary(lines)
    paragraphs: list[list[str]] = []
    last_line = ""  # last physical line of the previous paragraph
    for block, page_break in _blocks(lines):
        block = [_tidy_line(ln) for ln in block]
        parts = [block[0]]
        for prev, ln in zip(block, block[1:], strict=False):
            structural = is_structural(ln) or _HEADING.match(prev) or _TABLE.match(prev)
            hyphen = prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha() and _starts_lower(ln)
            if not structural and (hyphen or wrapped_width and _wraps(prev, ln, wrapped_width)):
                _glue(parts, ln, vocab)
            else:
                listy = is_structural(ln) or _TABLE.match(prev)
                parts += ["\n" if listy or not wrapped_width else "\n\n", ln]
        if paragraphs and _continues(last_line, block[0], page_break):
            _glue(paragraphs[-1], parts[0], vocab)
            paragraphs[-1].extend(parts[1:])
        else:
            paragraphs.append(parts)
        last_line = block[-1]
    return "\n\n".join("".join(parts) for parts in paragraphs)


def _wraps(prev: str, line: str, width: int) -> bool:
    """In hard-wrapped text: is `line` the continuation of `prev`?"""
    if _starts_lower(line) or len(prev) >= 0.6 * width:
        return True
    return not ends_sentence(prev) and prev.rstrip()[-1:] in {",", "(", "–", "—", "&"}


def _continues(last: str, first: str, page_break: bool) -> bool:
    """A paragraph cut by a page break or a stray blank line: the previous one stops mid-sentence."""
    if is_structural(last) or is_structural(first) or ends_sentence(last):
        return False
    if _starts_lower(first):
        return True
    return page_break and len(last) >= 40


# --- entry points -----------------------------------------------------------------------------


def _finish(text: str) -> str:
    text = re.sub(r"[ ]+\n", "\n", text.replace(PAGE, "\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def clean_text(text: str, markup: bool = True, hard_wrapped: bool | None = None) -> str:
    """Plain text / Markdown / PDF-converted text -> clean text (Markdown structure kept).

    `hard_wrapped=None` detects whether lines were wrapped at a fixed width (PDF
    conversions) and only then unwraps them; True forces it (a PDF text layer).
    """
    if markup:
        text = strip_markup(text)
    text = clean_chars(text.replace(PAGE, "\n" + PAGE + "\n"))
    lines = [PAGE if ln.strip(" ") == PAGE else ln.replace(PAGE, " ") for ln in text.split("\n")]
    lines = strip_page_furniture(lines)
    width = _line_width(lines, force=bool(hard_wrapped)) if hard_wrapped is not False else None
    return _finish(assemble(lines, width))


def clean_pages(pages: list[str]) -> str:
    """Text layers of PDF pages -> one clean text (page breaks known exactly, lines always unwrapped)."""
    sep = "\n" + PAGE + "\n"
    return clean_text(sep + sep.join(pages) + sep, markup=False, hard_wrapped=True)


def clean_blocks(blocks: list[str]) -> str:
    """Blocks from an HTML page (paragraphs, list runs, tables) -> clean text.

    A sentence split over two <p> (dev10) is re-joined like a paragraph cut by a page.
    """
    lines: list[str] = []
    for block in blocks:
        block = clean_chars(block).strip()
        if block:
            lines.extend(block.split("\n"))
            lines.append("")
    return _finish(assemble(lines, None))
