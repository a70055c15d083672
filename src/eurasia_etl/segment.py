"""Split cleaned document text into Segments with exact document offsets.

Extractors state every fact with the segment (sentence, table row, list item)
that carries it, so offsets must be exact: `text[seg.start:seg.end] == seg.text`.
The segmenter works line by line on the markdown-ish text the ingest stage
produces: blank-line paragraphs, `#` headings, list items, pipe tables, and
PDF-style hard-wrapped lines. Reference lists, bibliographies and footnote
definitions are dropped because they are not a source of facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from eurasia_etl.grammar.guard import contains_any, skipping
from eurasia_etl.knowledge import load_yaml


# Not frozen, for speed: see facts.PartialDate (never mutated, hashed as before).
@dataclass(unsafe_hash=True)
class Segment:
    start: int  # offsets into the document text; text[start:end] == segment.text
    end: int
    text: str
    kind: str  # "sentence" | "table_row" | "list_item" | "heading"
    heading: str | None  # text of the nearest heading above, if any
    header: tuple[str, ...] | None = None  # table rows: the header cells of their table
    cells: tuple[tuple[int, int], ...] | None = None  # table rows: (start, end) of each cell


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class _Knowledge:
    non_final: frozenset[str]
    maybe_final: frozenset[str]
    starters: frozenset[str]
    ref_heading_re: re.Pattern[str]
    ref_end_re: re.Pattern[str]
    note_heading_re: re.Pattern[str]
    note_citation_cues: tuple[str, ...]
    note_prose_min_words: int
    note_prose_verbs: frozenset[str]


@lru_cache(maxsize=1)
def _knowledge() -> _Knowledge:
    """Load data/segment.yaml once: abbreviation lists and section-heading words."""
    raw = load_yaml("segment.yaml")

    def alt(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    for key, val in raw.items():
        bad = [w for w in val if not isinstance(w, str)] if isinstance(val, list) else []
        if bad:  # YAML 1.1 reads unquoted On/No/yes as booleans
            raise ValueError(f"segment.yaml: {key} has non-string entries {bad}; quote them")
    return _Knowledge(
        non_final=frozenset(a.lower() for a in raw["non_final_abbreviations"]),
        maybe_final=frozenset(raw["maybe_final_abbreviations"]),
        starters=frozenset(raw["sentence_starters"]),
        ref_heading_re=re.compile(rf"(?:{alt(raw['reference_headings'])})", re.I),
        ref_end_re=re.compile(rf"(?:{alt(raw['reference_end_headings'])})", re.I),
        note_heading_re=re.compile(rf"(?:{alt(raw['note_headings'])})", re.I),
        note_citation_cues=tuple(raw["note_citation_cues"]),
        note_prose_min_words=raw["note_prose_min_words"],
        note_prose_verbs=frozenset(raw["note_prose_verbs"]),
    )


# --------------------------------------------------------------------------- line patterns

_MD_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$", re.M)
_TABLE_LINE = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
_TABLE_SEP = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
_FOOTNOTE_DEF = re.compile(r"^[ \t]*\[\^[^\]]+\]:")
_HRULE = re.compile(r"^[ \t]*([-*_=])(?:[ \t]*\1){2,}[ \t]*$")
_BULLET = re.compile(r"^([ \t]*)(?:[-*+•▪◦●○■□➢►–—·]|\d{1,3}[.)]|[a-z]\)|\(\w{1,3}\))[ \t]+(?=\S)", re.M)
_NUMBERED = re.compile(r"^[ \t]*\d{1,3}[.)][ \t]")
_PAGE_NUMBER = re.compile(r"^[ \t]*(?:[-–—]\s*)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*[-–—])?[ \t]*$", re.I)
_SECTION_NUMBER = re.compile(r"^(?:\d{1,2}\.(?:\d{1,2}\.?)*|[IVX]{1,5}\.|[A-Z]\.)\s+(?=[A-Z])")
_TERMINAL = ".!?;:"
_BULLET_FIRST = frozenset("-*+•▪◦●○■□➢►–—·(abcdefghijklmnopqrstuvwxyz")  # how a _BULLET can begin, digits aside


def _may_be_bullet(t: str) -> bool:
    """Cheap test before _BULLET on a stripped line: it can only start with a bullet, a digit, a
    lower-case letter or "(". (Regex calls on every line add up.)"""
    c = t[:1]
    return c in _BULLET_FIRST or c.isdecimal()


def _may_be_page_number(t: str) -> bool:
    """Cheap test before _PAGE_NUMBER on a stripped line (non-ASCII first characters are left to it)."""
    c = t[:1]
    return c in "-–—ivxlcIVXLC" or c.isdecimal() or not c.isascii()


_INNER_STOP = re.compile(r"[a-z]{2}[.!?]\s+[A-Z]")
_EMPH_STRIP = "*_ \t"

# Citation-looking blocks: `Name Name, "Title..."`, `Author (2024). Title`, `Maxwell, N.`
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|der|al))*"
_CITE_NUMBER = r"^(?:\[\d+\]\s*|\d{1,3}\.\s+)?"
_CITE_INITIALS = r"[A-Z][\w'’-]+,\s+(?:[A-Z]\.\s*){1,3}(?:,|&|and|\(|\d)"
_CITATION = re.compile(
    rf"{_CITE_NUMBER}(?:"
    rf"(?:{_NAME}|n\.\s?a\.|n\.d\.)(?:\s+et\s+al\.?)?(?:\s*(?:&|and|,)\s*{_NAME})*\s*[,.:]\s*[\"“«*]"
    rf"|{_NAME}(?:\s*(?:&|and|,)\s*{_NAME})*\s*\((?:1[5-9]|20)\d\d[a-z]?\)[.,]?\s"
    rf"|{_CITE_INITIALS}"
    rf")"
)
# _CITATION's first two forms need a quote mark, "*" or "(": without one only the third can match, and
# this cheaper pattern (no backtracking over runs of names) matches just where _CITATION does
_CITATION_BY_INITIALS = re.compile(f"{_CITE_NUMBER}{_CITE_INITIALS}")
_CITATION_MARKS = ('"', "“", "«", "*", "(")
_LOOSE_CITATION = re.compile(r"^[A-Z][^\"“”\n]{0,90}?\s*[\"“][^\"“”\n]{10,}[\"”]")
_YEAR = skipping(r"\b(?:1[5-9]|20)\d\d\b")  # re skips to a "1" or "2" (grammar.guard)


@dataclass
class _Line:
    start: int  # offset of first non-blank char
    end: int  # offset after last non-blank char
    text: str  # stripped text
    raw_start: int  # offset of line start


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):  # one C call instead of a find and a slice per line
        stripped = raw.strip()
        if stripped:
            s = pos + len(raw) - len(raw.lstrip())
            out.append(_Line(s, s + len(stripped), stripped, pos))
        else:
            out.append(_Line(pos, pos, "", pos))
        pos += len(raw) + 1
    return out


_EMPHASIS = re.compile(r"[*_`]+")


def _clean_heading(s: str) -> str:
    """Heading text as a reader sees it: no markdown emphasis markers."""
    if "*" in s or "_" in s or "`" in s:  # else there is nothing to remove (and `in` is cheaper than sub)
        s = _EMPHASIS.sub("", s)
    return s.strip()


_LEADING_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+")


def _section_kind(s: str) -> str | None:
    """'references' or 'notes' for the heading of such a section, else None."""
    k = _knowledge()
    t = _clean_heading(s)
    t = _SECTION_NUMBER.sub("", t).rstrip(":").strip()
    t = _LEADING_NUMBER.sub("", t)
    if k.ref_heading_re.fullmatch(t):
        return "references"
    if k.note_heading_re.fullmatch(t):
        return "notes"
    return None


def _is_prose_note(text: str, b: _Block) -> bool:
    """A block under a notes heading that states something in prose (enough words, a verb such as
    "was" or "signed"), not a citation (its shape, or a cue such as "Ibid", "See ", "pp.")."""
    k = _knowledge()
    s = text[b.start : b.end]
    words = _NOTE_WORD.findall(s)
    if len(words) < k.note_prose_min_words or k.note_prose_verbs.isdisjoint(words):
        return False
    return not _citation_flag(text, b) and not any(c in s for c in k.note_citation_cues)


_NOTE_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def _is_ref_end_heading(s: str) -> bool:
    t = _SECTION_NUMBER.sub("", _clean_heading(s)).rstrip(":").strip()
    return bool(_knowledge().ref_end_re.match(t))


def _title_like(s: str, width: float = 10_000.0) -> bool:
    """A short standalone line that reads as a title (no sentence ending).

    `width` is the document's wrap width: in hard-wrapped text a title is
    clearly shorter than a full line, otherwise it is just a wrapped line.
    """
    if s.startswith("*") and not s.startswith("**") and s.endswith("*"):
        return False  # an italic line is a dateline or a caption, not a heading
    t = s.strip(_EMPH_STRIP)
    if not t or len(t) > 100 or len(t.split()) > 14 or not any(c.isalpha() for c in t):
        return False
    if _INNER_STOP.search(t):
        return False
    numbered = bool(_SECTION_NUMBER.match(t))
    if t[-1] in ".,;!" or (t[-1] == "?" and not numbered):
        return False
    if not numbered and len(t) > 0.75 * width:
        return False
    if t[0].isdigit():
        return numbered
    return t[0].isupper()


# --------------------------------------------------------------------------- sentences

# A sentence end: one of .!?… (or "..."), closing quotes/brackets, white space. Written to start with a
# character class (the "..." alternative tried after the single "." as before) so that `re` skips to
# the next candidate character instead of trying the pattern at every position.
_BOUNDARY_TAIL = r"(?:|(?<=\.)\.\.)[\"”’')\]*_]*(?=\s+([\"“‘'(\[*_]*)(\S?))"
_BOUNDARY = re.compile(rf"[.!?…]{_BOUNDARY_TAIL}")
# The same for text without "!", "?" and "…" (most paragraphs): a pattern that starts with one literal
# character is scanned for with a tight loop, several times faster than a character class.
_PERIOD_BOUNDARY = re.compile(rf"\.{_BOUNDARY_TAIL}")
_TOKEN_BEFORE = re.compile(r"[^\s(\[\"“‘']+$")
_INITIAL = re.compile(r"^[A-Z]\.$")
_DOTTED = re.compile(r"^(?:[A-Za-z]\.){2,}$")
_NEXT_WORD = re.compile(r"\s+[\"“‘'(\[*_]*([\w'’-]+)")


# The token before a sentence-final "." read backwards: a match on the reversed paragraph instead of a
# search for `_TOKEN_BEFORE` (which tries every position of its 40-character window).
_TOKEN_REVERSED = re.compile(r"[^\s(\[\"“‘']+")
_ASCII_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Abbreviation-aware sentence boundaries inside text[start:end]."""
    k = _knowledge()
    spans: list[tuple[int, int]] = []
    seg_start = start
    chunk = text[start:end]
    rev: str | None = None
    n = len(chunk)
    exclaims = "!" in chunk or "?" in chunk or "…" in chunk
    for m in (_BOUNDARY if exclaims else _PERIOD_BOUNDARY).finditer(chunk):
        nxt = m.group(2)
        if not nxt or not (nxt.isupper() or nxt.isdigit()):
            continue
        punct = m.group(0)
        if punct.startswith(("...", "…")):
            continue  # an ellipsis usually elides inside a sentence
        if punct[0] == ".":
            at = m.start()
            if rev is None:
                rev = chunk[::-1]
            # what _TOKEN_BEFORE.search(chunk, max(0, at - 40), at + 1) finds: the run of token characters
            # ending with this ".", at most 41 long
            tok = _TOKEN_REVERSED.match(rev, n - 1 - at, n - max(0, at - 40)).group()[::-1]  # type: ignore[union-attr]
            if tok.lower() in k.non_final or (len(tok) == 2 and tok[0] in _ASCII_UPPER):  # _INITIAL
                continue
            numbered = tok[:-1].isdigit() and len(tok) <= 3
            if numbered or tok in k.maybe_final or (tok.count(".") >= 2 and _DOTTED.match(tok)):
                word_m = _NEXT_WORD.match(chunk, m.end())
                next_word = word_m.group(1) if word_m else ""
                if (tok in k.maybe_final or _DOTTED.match(tok)) and next_word not in k.starters:
                    continue
                if numbered and next_word[:1].isdigit():
                    continue  # "para 1. 2" list numbering inside prose
        cut = start + m.end()
        if (span := _trim_piece(text[seg_start:cut], seg_start, cut)) is not None:
            spans.append(span)
        seg_start = cut
    if (span := _trim_piece(text[seg_start:end], seg_start, end)) is not None:
        spans.append(span)
    return spans


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _trim_piece(piece: str, s: int, e: int) -> tuple[int, int] | None:
    """`_trim(text, s, e)` of a piece = text[s:e], None when it is all white space (str.strip strips
    just the characters str.isspace accepts)."""
    body = piece.lstrip()
    if not body:
        return None
    return s + len(piece) - len(body), e - (len(body) - len(body.rstrip()))


# --------------------------------------------------------------------------- tables


def _cells(text: str, line: _Line) -> list[tuple[int, int]]:
    """Document spans of the cells of a pipe-table line (stripped, may be empty)."""
    s = line.start
    body = line.text
    inner_s = s + 1 if body.startswith("|") else s
    inner_e = line.end - 1 if body.endswith("|") and len(body) > 1 else line.end
    spans: list[tuple[int, int]] = []
    cur = inner_s
    i = inner_s
    while i < inner_e:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "|":
            spans.append(_trim(text, cur, i))
            cur = i + 1
        i += 1
    spans.append(_trim(text, cur, inner_e))
    return spans


# --------------------------------------------------------------------------- main


@dataclass
class _Block:
    kind: str  # paragraph | list_item | heading | table_row
    start: int
    end: int
    heading: str | None = None
    level: int = 7
    header: tuple[str, ...] | None = None
    cells: tuple[tuple[int, int], ...] | None = None
    citation: bool = False


_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
_WIDE_GAP = re.compile(r"\S {3,}\S")


def _boilerplate(lines: list[_Line]) -> set[int]:
    """Line indices that are page numbers or running headers/footers of PDF-style text."""
    counts: dict[str, int] = {}
    keys: list[str | None] = []
    for ln in lines:
        t = ln.text
        if not t or len(t) > 120 or t.startswith("|") or (_may_be_bullet(t) and _BULLET.match(t)):
            keys.append(None)
            continue
        key = _DIGITS.sub("#", t)
        if "  " in t or not t.isprintable():  # else its only white space is single blanks: nothing to squeeze
            key = _SPACES.sub(" ", key)
        keys.append(key)
        counts[key] = counts.get(key, 0) + 1
    out: set[int] = set()
    for i, ln in enumerate(lines):
        t = ln.text
        if t and _may_be_page_number(t) and _PAGE_NUMBER.match(t):
            out.add(i)
            continue
        kept = keys[i]
        if kept is None:
            continue
        c = counts[kept]
        if c >= 2 and ("#" in kept or _WIDE_GAP.search(t)) or c >= 3 and t[-1:] not in ".!?":
            out.add(i)
    return out


_FRONT_MATTER_FENCE = re.compile(r"---|\.\.\.")
_FRONT_MATTER_FIELD = re.compile(r"[A-Za-z_][\w-]*(?:\s[\w-]+){0,2}\s*:(?:\s|$)|-\s")
_FRONT_MATTER_MAX = 60  # lines: a longer block is not a document header


def _front_matter(lines: list[_Line]) -> range:
    """Lines of a YAML front-matter block (`---`, `key: value` lines, `---` or `...`) opening the
    document: the file's metadata (title, author, date), which `docmeta` reads; not prose that
    states facts. Indented lines continue a field. Empty when the document opens otherwise."""
    first = next((i for i, ln in enumerate(lines) if ln.text), None)
    if first is None or lines[first].text != "---":
        return range(0)
    for j in range(first + 1, min(len(lines), first + 1 + _FRONT_MATTER_MAX)):
        ln = lines[j]
        if j > first + 1 and _FRONT_MATTER_FENCE.fullmatch(ln.text):
            return range(first, j + 1)
        indented = ln.start > ln.raw_start
        if not ln.text or not (indented or _FRONT_MATTER_FIELD.match(ln.text)):
            return range(0)
    return range(0)


def _wrap_width(lines: list[_Line]) -> float:
    """Typical line length of hard-wrapped (PDF-style) prose, or a huge number if not wrapped."""
    lens = sorted(
        len(ln.text)
        for ln in lines
        if ln.text and not ln.text.startswith(("|", "#")) and not (_may_be_bullet(ln.text) and _BULLET.match(ln.text))
    )
    if len(lens) < 5:
        return 10_000.0
    w = float(lens[int(len(lens) * 0.9) - 1])
    return w if w >= 50 else 10_000.0


def _blocks(text: str) -> list[_Block]:
    lines = _lines(text)
    skip = _boilerplate(lines)
    skip.update(_front_matter(lines))
    width = _wrap_width(lines)
    blocks: list[_Block] = []
    para: list[_Line] = []
    para_kind = "paragraph"
    gap = False  # blank or skipped line since the last paragraph line
    page_break = False  # ... and one of them was a page number / running header

    def flush() -> None:
        nonlocal para, para_kind
        if para:
            if para_kind == "paragraph" and len(para) == 1 and _title_like(para[0].text, width):
                blocks.append(_Block("heading", para[0].start, para[0].end, level=7))
            else:
                blocks.append(_Block(para_kind, para[0].start, para[-1].end))
        para = []
        para_kind = "paragraph"

    i = 0
    n = len(lines)
    while i < n:
        ln = lines[i]
        t = ln.text
        if not t or i in skip or (t[0] in "-*_=" and _HRULE.match(t)):
            if para:
                gap = True
                page_break = page_break or i in skip
            i += 1
            continue
        # a paragraph broken by a page break / blank line mid-sentence continues
        if gap and para:
            last = para[-1].text
            wrapped = page_break and len(last) >= 0.6 * width and not _title_like(t, width)
            if (
                (t[0].islower() or wrapped)
                and last[-1] not in _TERMINAL
                and not _BULLET.match(t)
                and not _MD_HEADING.match(t)
            ):
                para.append(ln)
                gap = page_break = False
                i += 1
                continue
            flush()
        gap = page_break = False
        m = _MD_HEADING.match(text, ln.raw_start, ln.end) if t[0] == "#" else None
        if m and m.group(2):
            flush()
            blocks.append(_Block("heading", m.start(2), m.end(2), level=len(m.group(1))))
            i += 1
            continue
        if t.startswith("[^") and _FOOTNOTE_DEF.match(t):
            flush()
            i += 1
            while i < n and lines[i].text and text[lines[i].raw_start] in " \t":
                i += 1  # indented continuation of the footnote
            continue
        if t[0] == "|" and _TABLE_LINE.match(t):
            flush()
            j = i
            while j < n and lines[j].text and (_TABLE_LINE.match(lines[j].text)):
                j += 1
            _table(text, lines[i:j], blocks)
            i = j
            continue
        bm = _BULLET.match(text, ln.raw_start, ln.end) if _may_be_bullet(t) else None
        if bm and not (_NUMBERED.match(t) and _title_like(t, width)):
            flush()
            para = [_Line(bm.end(), ln.end, text[bm.end() : ln.end], ln.raw_start)]
            para_kind = "list_item"
            i += 1
            continue
        if para:
            prev = para[-1].text
            cont = False
            if para_kind == "list_item":
                # lazy continuation of a bullet: indented, or a wrapped line
                cont = text[ln.raw_start] in " \t" or (prev[-1] not in _TERMINAL and t[0].islower())
            else:
                wrapped = len(prev) >= 0.6 * width  # prev is a full-width line of wrapped prose
                cont = (
                    prev[-1] == "-"  # hyphenated across lines
                    or (prev[-1] not in _TERMINAL and (t[0].islower() or (wrapped and not _SECTION_NUMBER.match(t))))
                    # a hard-wrapped line that happens to end a sentence
                    or (prev[-1] in ".!?" and wrapped and not _title_like(t, width))
                )
            if cont:
                para.append(ln)
                i += 1
                continue
            flush()
        para = [ln]
        i += 1
    flush()
    return blocks


_DIGIT = re.compile(r"\d")


def _table(text: str, rows: list[_Line], blocks: list[_Block]) -> None:
    sep = next((k for k, r in enumerate(rows) if _TABLE_SEP.match(r.text)), None)
    header: tuple[str, ...] | None = None
    body = rows
    if sep is not None and sep >= 1:
        header = tuple(text[s:e] for s, e in _cells(text, rows[sep - 1]))
        body = rows[: sep - 1] + rows[sep + 1 :]
    elif sep is not None:
        body = rows[1:]
    elif len(rows) >= 2:
        first = rows[0].text
        if not _DIGIT.search(first) and any(_DIGIT.search(r.text) for r in rows[1:]):
            header = tuple(text[s:e] for s, e in _cells(text, rows[0]))
            body = rows[1:]
    for r in body:
        if _TABLE_SEP.match(r.text):
            continue
        cells = tuple(_cells(text, r))
        if not any(e > s for s, e in cells):
            continue
        blocks.append(_Block("table_row", r.start, r.end, header=header, cells=cells))


def _citation_flag(text: str, b: _Block) -> int:
    """0: no citation, 1: a weak one, 2: a strong one (see `_mark_citations`)."""
    if b.kind not in ("paragraph", "list_item") or b.end - b.start > 600:
        return 0
    s = text[b.start : b.end]
    if _YEAR.search(s):  # the cheap test first: most blocks without a year are no strong citation
        cite = _CITATION if contains_any(s, _CITATION_MARKS) else _CITATION_BY_INITIALS
        if cite.match(s):
            return 2
    if len(s) < 400 and ('"' in s or "“" in s) and _LOOSE_CITATION.match(s):
        return 1  # a loose citation quotes its title: without a quote mark the regex cannot match
    return 0


def _mark_citations(text: str, blocks: list[_Block]) -> None:
    """Drop bibliographies that have no heading.

    A block is a strong citation when it looks like `Name, "Title", ... 2019` and a
    weak one when it merely opens with a short lead and a quoted title. A run of
    adjacent citation blocks with at least two strong ones is a reference list.
    """
    flags = [_citation_flag(text, b) for b in blocks]
    i = 0
    while i < len(blocks):
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < len(blocks) and flags[j]:
            j += 1
        if sum(1 for k in range(i, j) if flags[k] == 2) >= 2:
            for k in range(i, j):
                blocks[k].citation = True
        i = j


def segment(text: str) -> list[Segment]:
    """Sentences, table rows, list items and headings of `text`, references excluded."""
    blocks = _blocks(text)
    _mark_citations(text, blocks)
    out: list[Segment] = []
    stack: list[tuple[int, str]] = []  # (level, heading text) of open headings
    in_refs: int | None = None  # level of the references (or notes) heading we are under
    notes = False  # ... and it is a notes heading: only its citations are dropped
    for b in blocks:
        if b.kind == "heading":
            raw = text[b.start : b.end]
            if in_refs is not None:
                if b.level <= in_refs or (b.level == 7 and _is_ref_end_heading(raw)):
                    in_refs = None
                elif not notes:
                    continue
            section = _section_kind(raw) if in_refs is None or notes else None
            if section is not None:
                in_refs, notes = b.level, section == "notes"
                if not notes:
                    continue  # a notes heading stays: its prose notes are read under it
            while stack and stack[-1][0] >= b.level:
                stack.pop()
            parent = stack[-1][1] if stack else None
            stack.append((b.level, _clean_heading(raw)))
            out.append(Segment(b.start, b.end, raw, "heading", parent))
            continue
        if b.citation or in_refs is not None and not (notes and _is_prose_note(text, b)):
            continue
        heading = stack[-1][1] if stack else None
        if b.kind == "table_row":
            out.append(Segment(b.start, b.end, text[b.start : b.end], "table_row", heading, b.header, b.cells))
        elif b.kind == "list_item":
            out.append(Segment(b.start, b.end, text[b.start : b.end], "list_item", heading))
        else:
            for s, e in _split_sentences(text, b.start, b.end):
                out.append(Segment(s, e, text[s:e], "sentence", heading))
    return out
