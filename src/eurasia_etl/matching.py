"""When two rows state the same fact: the annotation guide's matching rules.

Used twice: by `resolve`, to merge mentions across documents, and by
`evaluate`, to pair predicted rows with gold rows exactly as the guide says.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from functools import lru_cache
from typing import Any

STOP = frozenset(["the", "of", "on", "in", "and", "for", "between", "a", "an", "to", "with", "about", "by", "at"])
# Words every agreement or exercise name shares: they say what kind of thing it is, not which one.
GENERIC = frozenset(
    [
        "treaty",
        "treaties",
        "agreement",
        "agreements",
        "accord",
        "convention",
        "exercise",
        "exercises",
        "drill",
        "drills",
        "joint",
        "naval",
        "military",
        "cooperation",
        "memorandum",
        "understanding",
        "declaration",
        "statement",
        "communique",
        "contract",
        "protocol",
        "field",
        "sphere",
        "bilateral",
        "new",
    ]
)
_PRECISION_LEN = {"year": 4, "month": 7, "day": 10}
MIN_NAME_SIMILARITY = 0.6  # the guide: names alike at this similarity or more


def partial_date(value: Any, precision: str | None = None) -> str | None:
    """ISO partial date text at the stated precision ("1858", "1858-05", "1860-11-14")."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, dt.date | dt.datetime):
        iso = value.strftime("%Y-%m-%d")
    else:
        iso = str(value).strip()
        if not iso or iso.lower() in {"none", "null", "nat"}:
            return None
    keep = _PRECISION_LEN.get(str(precision).lower()) if precision else None
    return iso[:keep] if keep else iso


def year_of(value: Any) -> int | None:
    iso = partial_date(value)
    m = re.match(r"-?\d{1,4}", iso) if iso else None
    return int(m.group(0)) if m else None


def month_of(value: Any) -> str | None:
    iso = partial_date(value)
    return iso[:7] if iso and len(iso) >= 7 else None


def as_set(value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        value = [value]
    try:
        return frozenset(str(v).upper() for v in value if v is not None and str(v) != "")
    except TypeError:
        return frozenset()


def num(value: Any) -> float | None:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return None if f != f else f


def close(a: float | None, b: float | None, rel: float = 0.01) -> bool:
    if a is None or b is None:
        return False
    return a == b or abs(a - b) <= rel * max(abs(a), abs(b))


@lru_cache(maxsize=65536)
def tokens(text: str | None) -> tuple[str, ...]:
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return tuple(w for w in re.findall(r"[a-z]+", plain) if w not in STOP)


@lru_cache(maxsize=65536)
def same_word(a: str, b: str) -> bool:
    """Spelling variants and abbreviations count as one word ("Kiakhta"/"Klakhta", "North."/"Northern")."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 4 and long_.startswith(short):
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


@lru_cache(maxsize=65536)
def distinctive(name: str | None) -> frozenset[str]:
    words = tokens(name)
    kept = frozenset(w for w in words if w not in GENERIC)
    return kept or frozenset(words)


@lru_cache(maxsize=65536)
def name_similarity(a: str | None, b: str | None) -> float:
    """Mean of containment and Dice over distinctive words, in [0, 1]."""
    wa, wb = tokens(a), tokens(b)
    ta, tb = {w for w in wa if w not in GENERIC}, {w for w in wb if w not in GENERIC}
    if not ta or not tb:
        ta, tb = set(wa), set(wb)
    if not ta or not tb:
        return 0.0
    small, large = sorted((ta, tb), key=len)
    common = sum(any(same_word(w, v) for v in large) for w in small)
    containment = common / len(small)
    dice = 2 * common / (len(ta) + len(tb))
    return (containment + dice) / 2


def match_trade(p: dict, g: dict) -> float:
    """Same unit, value within 1% (or growth within 0.1 when no level), same year when both give one."""
    if (p.get("unit") or "").lower() != (g.get("unit") or "").lower():
        return 0.0
    pv, gv = num(p.get("value")), num(g.get("value"))
    if gv is not None:
        if not close(pv, gv):
            return 0.0
    elif pv is not None or not close(num(p.get("growth_pct")), num(g.get("growth_pct")), 0.001):
        return 0.0
    py, gy = year_of(p.get("period")), year_of(g.get("period"))
    if py is not None and gy is not None and py != gy:
        return 0.0
    nearness = 0.0
    if pv is not None and gv is not None and max(abs(pv), abs(gv)):
        nearness = 1.0 - abs(pv - gv) / max(abs(pv), abs(gv)) * 100
    same_metric = 0.2 if p.get("metric") == g.get("metric") else 0.0
    return 1.0 + (0.5 if py == gy else 0.0) + 0.3 * nearness + same_metric


def match_agreement(p: dict, g: dict) -> float:
    """Same signing year when both give one, and alike names or same parties and signing month."""
    py, gy = year_of(p.get("signed")), year_of(g.get("signed"))
    if py is not None and gy is not None and py != gy:
        return 0.0
    sim = name_similarity(p.get("name"), g.get("name"))
    if sim >= MIN_NAME_SIMILARITY:
        return 1.0 + sim
    parties = as_set(g.get("parties"))
    pm, gm = month_of(p.get("signed")), month_of(g.get("signed"))
    if parties and as_set(p.get("parties")) == parties and pm and gm and pm == gm:
        return 1.0
    return 0.0


def match_exercise(p: dict, g: dict) -> float:
    """Same start year when both give one, overlapping participants, alike names or same start month."""
    py, gy = year_of(p.get("start")), year_of(g.get("start"))
    if py is not None and gy is not None and py != gy:
        return 0.0
    if not (as_set(p.get("participants")) & as_set(g.get("participants"))):
        return 0.0
    if p.get("name") and g.get("name"):
        sim = name_similarity(p["name"], g["name"])
        return 1.0 + sim if sim >= MIN_NAME_SIMILARITY else 0.0
    pm, gm = month_of(p.get("start")), month_of(g.get("start"))
    return 1.0 if pm and gm and pm == gm else 0.0


MATCHERS = {"trade_volumes": match_trade, "agreements": match_agreement, "military_exercises": match_exercise}
