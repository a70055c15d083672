"""Synthetic corpus for the benchmarks: realistic documents, deterministic for a seed.

The pipeline's cost depends on what the text looks like (sentence and table density,
HTML boilerplate, hard-wrapped PDF-style text, encodings), so the generator recombines
paragraphs, tables and lists in the voices of the seeds and the development corpus
(``tests/data/{seeds,dev}/raw``) with varied figures, dates, names and formats, rather than
repeating a few files. Templates and vocabulary live in ``benchmarks/templates/``.

Each document is drawn from its own ``random.Random(f"{seed}:{index}")``, so the corpus for
``n=1000`` is the first 1000 documents of the corpus for ``n=10000`` and a document never
depends on how many others were generated.

    .venv/bin/python benchmarks/generate_corpus.py OUT_DIR -n 1000 --seed 7
"""

from __future__ import annotations

import argparse
import hashlib
import html
import math
import random
import re
import string
import sys
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

FORMAT_WEIGHTS = {"txt": 50, "md": 25, "html": 25}
MEAN_BYTES = 5000  # target mean document size on disk
OVERSHOOT = 650  # a document stops growing after the block that crosses its target
SIZE_SIGMA = 0.55  # lognormal spread of document sizes
MIN_BYTES, MAX_BYTES = 1200, 40000
DUPLICATE_SHARE = 0.004  # byte-identical copies of an earlier document (dedup path)
CP1252_SHARE = 0.12  # of txt documents: Windows-1252 instead of UTF-8 (decoding path)

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTHS_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

GENRES = {
    # genre: weights of block kinds
    "trade": {"trade": 6, "trade_table": 2, "port": 1, "distractor": 2, "commodity_table": 1},
    "ports": {"port": 5, "port_list": 3, "trade": 1, "distractor": 2},
    "agreement": {"agreement": 6, "timeline": 2, "distractor": 2, "trade": 1},
    "exercise": {"exercise": 6, "exercise_table": 1, "distractor": 2},
    "mixed": {"trade": 3, "trade_table": 1, "port": 1, "agreement": 3, "exercise": 3, "timeline": 1, "distractor": 2},
}
GENRE_WEIGHTS = {"trade": 30, "ports": 12, "agreement": 18, "exercise": 15, "mixed": 25}


@cache
def _vocab() -> dict[str, Any]:
    return yaml.safe_load((TEMPLATES_DIR / "vocab.yaml").read_text(encoding="utf-8"))


@cache
def _paragraphs() -> dict[str, Any]:
    return yaml.safe_load((TEMPLATES_DIR / "paragraphs.yaml").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- formatting


def fmt_date(rng: random.Random, y: int, m: int, d: int) -> str:
    """A full date in one of the forms the date grammar must read."""
    style = rng.random()
    if style < 0.45:
        return f"{d} {MONTHS[m - 1]} {y}"
    if style < 0.75:
        return f"{MONTHS[m - 1]} {d}, {y}"
    if style < 0.88:
        return f"{y}-{m:02d}-{d:02d}"
    return f"{d} {MONTHS_ABBR[m - 1]} {y}"


def fmt_pct(rng: random.Random, v: float) -> str:
    num = f"{v:.1f}" if rng.random() < 0.8 else f"{round(v)}"
    return num + rng.choice(["%", "%", "%", " per cent", " percent"])


def _sig(rng: random.Random, v: float) -> str:
    """v with 0-2 decimals, as a reporter would round it."""
    decimals = rng.choice([0, 1, 1, 2, 2]) if v < 100 else rng.choice([0, 0, 1])
    return f"{v:,.{decimals}f}" if v >= 1000 else f"{v:.{decimals}f}"


def fmt_money(rng: random.Random, value: float, currency: str = "USD") -> str:
    """Money in the mix of styles the seeds use: $240.1 billion, US$ 244.8bn, USD 2.18 billion."""
    if value >= 1e12 and currency != "USD":
        scale, word, short = 1e12, "trillion", "trn"
    elif value >= 1e9:
        scale, word, short = 1e9, "billion", "bn"
    else:
        scale, word, short = 1e6, "million", "mln"
    num = _sig(rng, value / scale)
    if currency == "USD":
        return rng.choice(
            [
                f"${num} {word}",
                f"${num} {word}",
                f"US$ {num}{short}",
                f"USD {num} {word}",
                f"${num}{short}",
                f"US${num} {word}",
            ]
        )
    if currency == "CNY":
        return rng.choice([f"{num} {word} yuan", f"CNY {num} {word}", f"RMB {num} {word}"])
    return rng.choice([f"RUB {num} {word}", f"{num} {word} roubles"])


def fmt_tonnes(rng: random.Random, tonnes: float) -> str:
    if tonnes >= 1e6:
        num = _sig(rng, tonnes / 1e6)
        return rng.choice([f"{num} mln t", f"{num} million tonnes", f"{num} mln tonnes", f"{num} million tons"])
    return rng.choice([f"{round(tonnes, -2):,.0f} tonnes", f"{round(tonnes, -2):,.0f} t"])


def fmt_teu(rng: random.Random, teu: float) -> str:
    if teu >= 1e6 and rng.random() < 0.5:
        return f"{teu / 1e6:.2f} million TEU"
    return f"{round(teu, -2):,.0f} TEU"


# --------------------------------------------------------------------------- slot filling


class Context(dict):
    """Values of one paragraph's slots, drawn on first use so that repeats agree.

    ``doc`` holds the document-level choices (country pair, focal year) that every
    paragraph of a document shares.
    """

    def __init__(self, rng: random.Random, doc: dict[str, Any]) -> None:
        super().__init__(doc)
        self.rng = rng

    def __missing__(self, key: str) -> Any:
        base = key.rstrip("0123456789")
        fn = SLOTS.get(base)
        if fn is None:
            raise KeyError(key)
        suffix = key[len(base) :]
        value = fn(self, suffix)
        self[key] = value
        return value

    def fill(self, template: str) -> str:
        """One sentence; figures are drawn afresh per sentence, entities stay for the paragraph."""
        out = string.Formatter().vformat(template, (), self)
        for key in [k for k in self if k.rstrip("0123456789") in VOLATILE]:
            del self[key]
        return out[:1].upper() + out[1:]


def _country(ctx: Context, iso: str) -> dict[str, Any]:
    return _vocab()["countries"][iso]


def _name(ctx: Context, iso: str) -> str:
    return ctx.rng.choice(_country(ctx, iso)["names"])


def _third(ctx: Context, n: int) -> str:
    """The n-th country other than a and b, stable within the paragraph."""
    key = f"_third{n}"
    if key not in ctx:
        others = [c for c in _vocab()["countries"] if c not in (ctx["_a"], ctx["_b"])]
        picks = ctx.rng.sample(others, 2)
        ctx["_third0"], ctx["_third1"] = picks
    return ctx[key]


def _trade_value(ctx: Context) -> float:
    lo, hi = ctx["_scale"]
    return math.exp(ctx.rng.uniform(math.log(lo), math.log(hi)))


def _exercise(ctx: Context) -> dict[str, Any]:
    if "_ex" not in ctx:
        rng = ctx.rng
        series = rng.choice(_vocab()["exercises"])
        y = rng.randint(*series["years"])
        m = rng.randint(1, 12)
        d0 = rng.randint(1, 20)
        d1 = d0 + rng.randint(2, 8)
        parts = series["parts"][:2] + rng.sample(series["parts"][2:], rng.randint(0, len(series["parts"]) - 2))
        ctx["_ex"] = {
            "series": series,
            "y": y,
            "m": m,
            "d0": d0,
            "d1": d1,
            "parts": parts,
            "name": series["name"].format(y=y),
        }
    return ctx["_ex"]


def _treaty(ctx: Context) -> dict[str, Any]:
    if "_tr" not in ctx:
        rng = ctx.rng
        item = rng.choice(_vocab()["treaty_names"])
        y = rng.randint(1950, 2025) if rng.random() < 0.3 else rng.randint(1992, 2025)
        m, d = rng.randint(1, 12), rng.randint(1, 28)
        name = item["name"].replace("{topic}", ctx["topic"])
        ctx["_tr"] = {"name": name, "type": item["type"], "y": y, "m": m, "d": d}
    return ctx["_tr"]


def _topic(ctx: Context, suffix: str) -> str:
    rng = ctx.rng
    y = rng.randint(2000, 2025)
    cross = rng.choice(_vocab()["crossings"])
    return rng.choice(_vocab()["topics"]).format(
        river=rng.choice(_vocab()["rivers"]), y=y, y4=y + 4, cross_a=cross[0], cross_b=cross[1]
    )


def _later_date(ctx: Context, days: int) -> str:
    tr = _treaty(ctx)
    y, m = tr["y"], tr["m"] + max(1, days // 30)
    y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    return fmt_date(ctx.rng, y, m, ctx.rng.randint(1, 28))


def _port(ctx: Context, suffix: str) -> dict[str, Any]:
    key = f"_port{suffix}"
    if key not in ctx:
        taken = {ctx[k]["name"] for k in ctx if k.startswith("_port")}
        ctx[key] = ctx.rng.choice([p for p in _vocab()["ports"] if p["name"] not in taken])
    return ctx[key]


def _crossing(ctx: Context) -> list[str]:
    if "_cross" not in ctx:
        ctx["_cross"] = ctx.rng.choice(_vocab()["crossings"])
    return ctx["_cross"]


def _period(ctx: Context, suffix: str) -> str:
    y, rng = ctx["year"], ctx.rng
    m1 = rng.randint(4, 11)
    dash = rng.choice(["–", "-"])
    return rng.choice(
        [
            f"the first half of {y}",
            f"H1 {y}",
            f"January{dash}{MONTHS[m1 - 1]} {y}",
            f"the third quarter of {y}",
            f"the first nine months of {y}",
            f"{y}",
            f"Q{rng.randint(1, 4)} {y}",
        ]
    )


def _person(ctx: Context) -> str:
    v = _vocab()
    return f"{ctx.rng.choice(v['first_names'])} {ctx.rng.choice(v['last_names'])}"


def _ex_dates(ctx: Context, suffix: str) -> str:
    ex, rng = _exercise(ctx), ctx.rng
    mon = MONTHS[ex["m"] - 1]
    return rng.choice(
        [
            f"{ex['d0']} to {ex['d1']} {mon} {ex['y']}",
            f"{mon} {ex['d0']} to {mon} {ex['d1']}, {ex['y']}",
            f"{ex['d0']} to {ex['d1']} {mon} {ex['y']}",
        ]
    )


def _ex_when(ctx: Context, suffix: str) -> str:
    ex, rng = _exercise(ctx), ctx.rng
    mon = MONTHS[ex["m"] - 1]
    return rng.choice(
        [
            f"on {ex['d0']}-{ex['d1']} {mon} {ex['y']}",
            f"from {ex['d0']} to {ex['d1']} {mon} {ex['y']}",
            f"in {mon} {ex['y']}",
            f"in late {mon} {ex['y']}",
        ]
    )


def _ex_parts(ctx: Context, suffix: str) -> str:
    names = [_country(ctx, p)["names"][0] for p in _exercise(ctx)["parts"]]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _ex_parts_cap(ctx: Context, suffix: str) -> str:
    adjs = [_country(ctx, p)["adj"] for p in _exercise(ctx)["parts"]]
    return ", ".join(adjs[:-1]) + " and " + adjs[-1]


def _ex_acts(ctx: Context, suffix: str) -> str:
    acts = ctx.rng.sample(_vocab()["activities"], ctx.rng.randint(2, 4))
    return ", ".join(acts[:-1]) + " and " + acts[-1]


SLOTS: dict[str, Callable[[Context, str], Any]] = {
    "a": lambda c, s: _name(c, c["_a"]),
    "b": lambda c, s: _name(c, c["_b"]),
    "c": lambda c, s: _country(c, _third(c, 0))["names"][0],
    "d": lambda c, s: _country(c, _third(c, 1))["names"][0],
    "a_adj": lambda c, s: _country(c, c["_a"])["adj"],
    "b_adj": lambda c, s: _country(c, c["_b"])["adj"],
    "c_adj": lambda c, s: _country(c, _third(c, 0))["adj"],
    "a_cap": lambda c, s: _country(c, c["_a"])["capital"],
    "b_cap": lambda c, s: _country(c, c["_b"])["capital"],
    "a_parl": lambda c, s: _country(c, c["_a"])["parliament"],
    "pair": lambda c, s: c["_pair"],
    "year_prev": lambda c, s: c["year"] - 1,
    "year_next": lambda c, s: min(c["year"] + c.rng.randint(1, 5), 2030),
    "year_base": lambda c, s: c["year"] - c.rng.randint(3, 12),
    "money": lambda c, s: fmt_money(c.rng, _trade_value(c)),
    "money_small": lambda c, s: fmt_money(c.rng, _trade_value(c) / c.rng.uniform(9, 14)),
    "money_half": lambda c, s: fmt_money(c.rng, _trade_value(c) / c.rng.uniform(1.8, 2.3)),
    "money_target": lambda c, s: fmt_money(c.rng, round(_trade_value(c) * 1.5, -9) or 1e9),
    "money_cny": lambda c, s: fmt_money(c.rng, _trade_value(c) * 7.1, "CNY"),
    "money_rub": lambda c, s: fmt_money(c.rng, c.rng.uniform(2e9, 9e10), "RUB"),
    "qual": lambda c, s: c.rng.choice(
        ["", "", "", "about ", "nearly ", "roughly ", "more than ", "close to ", "over ", "almost ", "at least "]
    ),
    "pct": lambda c, s: fmt_pct(c.rng, c.rng.uniform(0.3, 45)),
    "up": lambda c, s: c.rng.choice(["up", "up", "down"]),
    "rose": lambda c, s: c.rng.choice(["rose", "rose", "grew", "fell", "slipped", "climbed"]),
    "grew": lambda c, s: c.rng.choice(["grown", "more than doubled", "shrunk", "risen"]),
    "reach": lambda c, s: c.rng.choice(["within reach", "out of reach", "on track"]),
    "agency": lambda c, s: c.rng.choice(_vocab()["agencies"].get(c["_a"], _vocab()["agencies"]["default"])),
    "person": lambda c, s: f"{c.rng.choice(_vocab()['titles'])} {_person(c)}",
    "official": lambda c, s: f"{c.rng.choice(_vocab()['titles'])} {_person(c)}",
    "commodity": lambda c, s: c.rng.choice(_vocab()["commodities"]),
    "period": _period,
    "month": lambda c, s: c.rng.choice(MONTHS),
    "place": lambda c, s: c.rng.choice(_vocab()["places"]),
    "tonnes": lambda c, s: fmt_tonnes(c.rng, c.rng.uniform(2e6, 2.5e8)),
    "tonnes_small": lambda c, s: fmt_tonnes(c.rng, c.rng.uniform(3e4, 3e6)),
    "region": lambda c, s: c.rng.choice(_vocab()["regions"]),
    "port": lambda c, s: _port(c, s)["name"],
    "port_val": lambda c, s: fmt_tonnes(c.rng, c.rng.uniform(_port(c, s)["lo"], _port(c, s)["hi"]) * 1e6),
    "teu": lambda c, s: fmt_teu(c.rng, c.rng.uniform(1e5, 5e6)),
    "cross_a": lambda c, s: _crossing(c)[0],
    "cross_b": lambda c, s: _crossing(c)[1],
    "river": lambda c, s: c.rng.choice(_vocab()["rivers"]),
    "sea": lambda c, s: c.rng.choice(_vocab()["seas"]),
    "topic": _topic,
    "treaty": lambda c, s: _treaty(c)["name"],
    "sign_date": lambda c, s: fmt_date(c.rng, _treaty(c)["y"], _treaty(c)["m"], _treaty(c)["d"]),
    "sign_year": lambda c, s: _treaty(c)["y"],
    "sign_month": lambda c, s: MONTHS[_treaty(c)["m"] - 1],
    "ratify_date": lambda c, s: _later_date(c, 120),
    "force_date": lambda c, s: _later_date(c, 200),
    "exercise": lambda c, s: _exercise(c)["name"],
    "ex_year": lambda c, s: _exercise(c)["y"],
    "ex_dates": _ex_dates,
    "ex_when": _ex_when,
    "ex_start": lambda c, s: fmt_date(c.rng, _exercise(c)["y"], _exercise(c)["m"], _exercise(c)["d0"]),
    "ex_end": lambda c, s: fmt_date(c.rng, _exercise(c)["y"], _exercise(c)["m"], _exercise(c)["d1"]),
    "ex_where": lambda c, s: c.rng.choice(_exercise(c)["series"]["where"]),
    "ex_parts": _ex_parts,
    "ex_parts_cap": _ex_parts_cap,
    "ex_acts": _ex_acts,
    "ex_domain": lambda c, s: _exercise(c)["series"]["domain"],
    "ex_troops": lambda c, s: f"{c.rng.choice([1, 2, 3, 5, 8, 10, 15, 20, 30]) * 1000:,}",
    "n_ships": lambda c, s: c.rng.randint(4, 60),
    "ship": lambda c, s: c.rng.choice(_vocab()["ships"]),
    "date": lambda c, s: fmt_date(c.rng, c["year"], c.rng.randint(1, 12), c.rng.randint(1, 28)),
    "km": lambda c, s: c.rng.choice(
        [f"{c.rng.randint(300, 4300):,} km", f"{c.rng.uniform(0.5, 60):.1f} km", f"{c.rng.randint(800, 2000):,} metres"]
    ),
    "n_small": lambda c, s: c.rng.randint(12, 900),
    "n_tourists": lambda c, s: f"{c.rng.randint(20, 999)},{c.rng.randint(0, 999):03d}",
    "n_people": lambda c, s: f"{c.rng.uniform(0.2, 6):.2f} million",
    "fx": lambda c, s: f"$1 = {c.rng.uniform(6.2, 7.4):.4f} Chinese yuan",
    "company": lambda c, s: c.rng.choice(
        ["FESCO", "Russian Railways", "Gazprom", "CNPC", "Sovcomflot", "COSCO", "Rosneft", "Sinotrans"]
    ),
}


# figures and phrasings that vary from sentence to sentence within a paragraph
VOLATILE = {
    "money",
    "money_small",
    "money_half",
    "money_target",
    "money_cny",
    "money_rub",
    "qual",
    "pct",
    "up",
    "rose",
    "grew",
    "tonnes",
    "tonnes_small",
    "teu",
    "date",
    "period",
    "month",
    "commodity",
    "year_base",
    "year_next",
    "official",
    "person",
    "km",
    "n_small",
}


# --------------------------------------------------------------------------- blocks


@dataclass
class Block:
    """One unit of a document, rendered differently per format."""

    kind: str  # title | meta | heading | para | list | table | refs
    text: str = ""
    items: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    caption: str = ""

    def size(self) -> int:
        return (
            len(self.text)
            + sum(len(i) + 4 for i in self.items)
            + len(self.caption)
            + sum(sum(len(c) + 3 for c in r) for r in [self.header, *self.rows])
            + 2
        )


def _new_ctx(rng: random.Random, doc: dict[str, Any]) -> Context:
    ctx = Context(rng, doc)
    if rng.random() < 0.2:  # an aside about another pair of countries
        ctx.update(_pair_fields(rng))
        ctx["year"] = doc["year"] - rng.randint(0, 6)
    return ctx


def _sentences(rng: random.Random, doc: dict[str, Any], kind: str, k: int) -> str:
    tpls = rng.sample(_paragraphs()[kind], min(k, len(_paragraphs()[kind])))
    ctx = _new_ctx(rng, doc)
    out = [ctx.fill(t) for t in tpls]
    if rng.random() < 0.3:
        out.insert(rng.randrange(len(out) + 1), Context(rng, doc).fill(rng.choice(_paragraphs()["distractor"])))
    return " ".join(out)


def _series(rng: random.Random, start: float, n: int) -> list[tuple[float, float]]:
    """A random walk of yearly values with their y/y changes."""
    out, v = [], start
    for _ in range(n):
        g = rng.gauss(0.06, 0.15)
        nv = max(v * (1 + g), start * 0.2)
        out.append((nv, (nv / v - 1) * 100))
        v = nv
    return out


def _signed(rng: random.Random, pct: float, minus: str) -> str:
    return f"+{pct:.1f}" if pct >= 0 else f"{minus}{abs(pct):.1f}"


def _block(rng: random.Random, doc: dict[str, Any], kind: str) -> list[Block]:
    """Blocks of one kind, built from templates and the document's context."""
    para = _paragraphs()
    if kind in ("trade", "port", "agreement", "exercise", "distractor"):
        src = {"port": "ports"}.get(kind, kind)
        return [Block("para", _sentences(rng, doc, src, rng.randint(2, 5)))]
    minus = rng.choice(["-", "−", "–"])
    if kind == "trade_table":
        n = min(rng.randint(4, 10), doc["year"] - 1989)
        y0 = min(doc["year"], 2025) - n + 1
        lo, hi = doc["_scale"]
        scale = 1e9 if lo >= 1e9 else 1e6
        unit = "bn" if scale == 1e9 else "mln"
        rows = [
            [str(y0 + i), f"{v / scale:.2f}", _signed(rng, g, minus)]
            for i, (v, g) in enumerate(_series(rng, rng.uniform(lo, hi) / 1.5, n))
        ]
        if rng.random() < 0.3:
            rows[rng.randrange(n)][2] = "–"
        intro = Context(rng, doc).fill(
            rng.choice(
                [
                    "The {pair} trade record looks like this:",
                    "Annual turnover between {a} and {b}:",
                    "Bilateral trade, {a} and {b}, by year ({agency}):",
                ]
            )
        )
        return [
            Block("para", intro),
            Block(
                "table",
                header=["Year", f"Turnover, US$ {unit}", "y/y, %"],
                rows=rows,
                caption=f"Source: {Context(rng, doc)['agency']}.",
            ),
        ]
    if kind == "commodity_table":
        comms = rng.sample(_vocab()["commodities"], rng.randint(3, 6))
        rows = [
            [
                c,
                f"{rng.uniform(0.5, 110):.1f}",
                f"{rng.uniform(0.2, 60):.2f}",
                _signed(rng, rng.uniform(-30, 40), minus),
            ]
            for c in comms
        ]
        return [
            Block("para", Context(rng, doc).fill("Main goods traded between {a} and {b} in {year}:")),
            Block("table", header=["Commodity", "Volume, mln t", "Value, US$ bn", "Change, %"], rows=rows),
        ]
    if kind == "port_list":
        ports = rng.sample(_vocab()["ports"], rng.randint(3, 7))
        year = doc["year"]
        items = [
            f"{p['name']}: {fmt_tonnes(rng, rng.uniform(p['lo'], p['hi']) * 1e6)} "
            f"({_signed(rng, rng.uniform(-15, 25), minus)}%)"
            for p in ports
        ]
        return [Block("para", f"Port by port ({year}, change y/y):"), Block("list", items=items)]
    if kind == "timeline":
        items = []
        for _ in range(rng.randint(4, 9)):
            ctx = _new_ctx(rng, doc)
            src = rng.choice(["agreement", "agreement", "trade", "exercise", "distractor"])
            sent = ctx.fill(rng.choice([t for t in para[src] if not t.startswith("(")]))
            if src == "agreement":
                tr = _treaty(ctx)
                lead = fmt_date(rng, tr["y"], tr["m"], tr["d"])
            elif src == "exercise":
                lead = str(_exercise(ctx)["y"])
            else:
                lead = str(ctx["year"])
            items.append(f"**{lead}** – {sent}")
        return [Block("list", items=items)]
    if kind == "exercise_table":
        rows = []
        for _ in range(rng.randint(3, 6)):
            ctx = Context(rng, doc)
            rows.append([ctx["exercise"], ctx["ex_dates"], ctx["ex_where"], ctx["ex_parts"]])
        return [
            Block("para", "Joint exercises at a glance:"),
            Block("table", header=["Exercise", "Dates", "Location", "Participants"], rows=rows),
        ]
    raise ValueError(kind)


def _pair_fields(rng: random.Random) -> dict[str, Any]:
    pairs = _vocab()["pairs"]
    p = rng.choices(pairs, weights=[x["w"] for x in pairs])[0]
    a, b = (p["a"], p["b"]) if rng.random() < 0.7 else (p["b"], p["a"])
    names = {iso: _vocab()["countries"][iso]["names"][0] for iso in (a, b)}
    hyph = rng.choice(["-", "–"])
    pair = f"{names[a]}{hyph}{names[b]}"
    if {a, b} == {"CHN", "RUS"} and rng.random() < 0.3:
        pair = "Sino-Russian"
    return {"_a": a, "_b": b, "_pair": pair, "_scale": (float(p["lo"]), float(p["hi"]))}


@dataclass
class Doc:
    fmt: str
    genre: str
    style: str
    blocks: list[Block]
    published: tuple[int, int, int]
    outlet: str
    curly: bool
    cp1252: bool


def build_document(rng: random.Random) -> Doc:
    """The abstract document: blocks of text, tables and lists, before rendering."""
    fmt = rng.choices(list(FORMAT_WEIGHTS), weights=list(FORMAT_WEIGHTS.values()))[0]
    genre = rng.choices(list(GENRE_WEIGHTS), weights=list(GENRE_WEIGHTS.values()))[0]
    style = {"txt": rng.choice(["wire", "wire", "brief", "pdf"]), "md": "note", "html": "page"}[fmt]
    year = min(2025, int(2026 - rng.expovariate(1 / 6))) if rng.random() < 0.85 else rng.randint(1992, 2025)
    year = max(year, 1992)
    doc: dict[str, Any] = {"year": year, **_pair_fields(rng)}
    published = (min(year + rng.choice([0, 1, 1]), 2026), rng.randint(1, 12), rng.randint(1, 28))
    outlet = rng.choice(_vocab()["outlets"])
    target = min(MAX_BYTES, max(MIN_BYTES, rng.lognormvariate(math.log(MEAN_BYTES) - SIZE_SIGMA**2 / 2, SIZE_SIGMA)))
    boilerplate = {"html": 1300, "md": 150, "txt": 250}[fmt]  # what rendering adds around the blocks
    target = max(400, target - boilerplate - OVERSHOOT)

    ctx = Context(rng, doc)
    title_kind = "mixed" if genre == "mixed" else {"ports": "ports"}.get(genre, genre)
    blocks = [
        Block("title", ctx.fill(rng.choice(_paragraphs()["titles"][title_kind]))),
        Block("meta", fmt_date(rng, *published)),
        Block(
            "para",
            Context(rng, doc).fill(rng.choice(_paragraphs()["lead"]))
            + " "
            + _sentences(
                rng,
                doc,
                "trade" if genre in ("trade", "mixed") else {"ports": "ports"}.get(genre, genre),
                rng.randint(1, 3),
            ),
        ),
    ]
    weights = GENRES[genre]
    size = sum(b.size() for b in blocks)
    since_heading = 0
    while size < target:
        if since_heading >= rng.randint(1, 4) and rng.random() < 0.6:
            blocks.append(Block("heading", Context(rng, doc).fill(rng.choice(_paragraphs()["headings"]))))
            since_heading = 0
        kind = rng.choices(list(weights), weights=list(weights.values()))[0]
        new = _block(rng, doc, kind)
        blocks.extend(new)
        size += sum(b.size() for b in new)
        since_heading += 1
    if style in ("pdf", "note") and rng.random() < 0.6:
        refs = [
            f"{rng.choice(_vocab()['outlets'])} ({rng.randint(2005, 2025)}). "
            f"{Context(rng, doc).fill(rng.choice(_paragraphs()['titles']['trade']))}. "
            f"{rng.randint(1, 28)} {rng.choice(MONTHS)}."
            for _ in range(rng.randint(2, 5))
        ]
        blocks.append(Block("refs", items=refs))
    curly = rng.random() < 0.4
    cp1252 = fmt == "txt" and style != "pdf" and rng.random() < CP1252_SHARE
    return Doc(fmt, genre, style, blocks, published, outlet, curly or cp1252, cp1252)


# --------------------------------------------------------------------------- rendering

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _plain(s: str) -> str:
    return _BOLD.sub(r"\1", s)


def _curly(s: str) -> str:
    s = re.sub(r'"([^"]*)"', "\u201c\\1\u201d", s)
    return s.replace("'", "\u2019")


def _pipe_table(b: Block, aligned: bool) -> str:
    sep = ["------"] + ["-----:" if aligned else "---"] * (len(b.header) - 1)
    lines = ["| " + " | ".join(r) + " |" for r in [b.header, sep, *b.rows]]
    return "\n".join(lines)


def _fixed_table(b: Block) -> str:
    widths = [max(len(r[i]) for r in [b.header, *b.rows]) + 3 for i in range(len(b.header))]
    return "\n".join("".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in [b.header, *b.rows])


def render_txt(doc: Doc, rng: random.Random) -> str:
    """Plain text: a wire story, a numbered policy brief, or PDF-to-text with page furniture."""
    out: list[str] = []
    n_head = 0
    bullet = rng.choice(["- ", "- ", "• ", "* "])
    for b in doc.blocks:
        if b.kind == "title":
            if doc.style == "brief":
                out.append(f"{doc.outlet.upper()} \u2013 No. {rng.randint(1, 40)}/{doc.published[0]}")
            out.append(b.text)
        elif b.kind == "meta":
            if doc.style == "wire":
                out.append(f"By our {rng.choice(_vocab()['places'])} correspondent\nPublished: {b.text}")
            elif doc.style == "pdf":
                out.append(f"{_person_plain(rng)} and {_person_plain(rng)}\n\n{b.text}\n\nAbstract")
            else:
                out.append(b.text)
        elif b.kind == "heading":
            n_head += 1
            out.append(
                f"{n_head}. {b.text.upper() if doc.style == 'brief' else b.text}" if doc.style != "wire" else b.text
            )
        elif b.kind == "para":
            out.append(_plain(b.text))
        elif b.kind == "list":
            out.append("\n".join(bullet + _plain(i) for i in b.items))
        elif b.kind == "table":
            t = _fixed_table(b) if doc.style == "pdf" or rng.random() < 0.3 else _pipe_table(b, False)
            out.append(t + (f"\n{b.caption}" if b.caption else ""))
        elif b.kind == "refs":
            out.append("References\n" + "\n".join(b.items))
    if doc.style == "wire":
        out.append(f"Reporting by the {rng.choice(_vocab()['desks'])}; editing by {_person_plain(rng)}")
    text = "\n\n".join(out) + "\n"
    if doc.style == "pdf":
        text = _paginate(text, rng, doc)
    return text


def _person_plain(rng: random.Random) -> str:
    v = _vocab()
    return f"{rng.choice(v['first_names'])} {rng.choice(v['last_names'])}"


def _paginate(text: str, rng: random.Random, doc: Doc) -> str:
    """Hard-wrap at ~86 columns, hyphenate some line ends, add page numbers and running headers."""
    width = rng.randint(78, 90)
    lines: list[str] = []
    for para in text.split("\n\n"):
        if para.startswith("|") or "   " in para or len(para) < width:
            lines.extend(para.split("\n"))
        else:
            wrapped = textwrap.wrap(para, width)
            for i in range(len(wrapped) - 1):
                head, _, rest = wrapped[i + 1].partition(" ")
                if head.isalpha() and len(head) >= 9 and rng.random() < 0.25:
                    k = len(head) // 2
                    wrapped[i] += " " + head[:k] + "-"
                    wrapped[i + 1] = head[k:] + (" " + rest if rest else "")
            lines.extend(wrapped)
        lines.append("")
    header = f"{doc.outlet} \u2013 Working Paper {doc.published[0] % 100:02d}/{rng.randint(1, 20):02d}"
    per_page = rng.randint(40, 55)
    out: list[str] = [
        f"{doc.outlet.upper()} WORKING PAPERS".ljust(width - 20)
        + MONTHS[doc.published[1] - 1]
        + f" {doc.published[0]}",
        "",
    ]
    for i in range(0, len(lines), per_page):
        out.extend(lines[i : i + per_page])
        page = i // per_page + 1
        out.extend(["", str(page).rjust(width), ""])
        if i + per_page < len(lines):
            out.extend([header.ljust(width - 8) + f"p. {page + 1}", ""])
    return "\n".join(out) + "\n"


def render_md(doc: Doc, rng: random.Random) -> str:
    """Markdown analyst note: headings, emphasis, pipe tables, bullets, footnotes."""
    out: list[str] = []
    notes: list[str] = []
    for b in doc.blocks:
        if b.kind == "title":
            out.append(f"# {b.text}")
        elif b.kind == "meta":
            out.append(
                f"*{rng.choice(['Research note', 'Explainer', 'Briefing', 'Timeline'])} \u00b7 "
                f"{rng.choice(_vocab()['desks'])} \u00b7 {b.text}*"
            )
        elif b.kind == "heading":
            out.append(f"## {b.text}")
        elif b.kind == "para":
            text = b.text
            if rng.random() < 0.15:
                notes.append(f"Figures as published by {doc.outlet}; rounded.")
                text += f"[^{len(notes)}]"
            out.append(text)
        elif b.kind == "list":
            out.append("\n".join(f"- {i}" for i in b.items))
        elif b.kind == "table":
            out.append(_pipe_table(b, True) + (f"\n\n*{b.caption}*" if b.caption else ""))
        elif b.kind == "refs":
            out.append("## Sources\n\n" + "\n".join(f"- {i}" for i in b.items))
    if notes:
        out.append("---\n\n" + "\n".join(f"[^{i + 1}]: {n}" for i, n in enumerate(notes)))
    return "\n\n".join(out) + "\n"


def _h(s: str, nbsp: bool) -> str:
    s = html.escape(_BOLD.sub(r"\1", s), quote=False)
    s = s.replace("\u2019", "&#8217;").replace("\u2013", "&ndash;")
    if nbsp:
        s = re.sub(r"(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})", r"\1&nbsp;\2&nbsp;\3", s)
    return s


def render_html(doc: Doc, rng: random.Random) -> str:
    """A news page: head with style and scripts, nav, article, tables, aside, footer."""
    nbsp = rng.random() < 0.5
    title = next(b.text for b in doc.blocks if b.kind == "title")
    sections = [_vocab()["desks"][i] for i in rng.sample(range(len(_vocab()["desks"])), 3)]
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{rng.choice(["en", "en-GB"])}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_h(title, False)} | {_h(doc.outlet, False)}</title>",
        f'<meta name="description" content="{html.escape(title)}">',
        "<style>\nbody{font-family:Georgia,serif;margin:0;color:#222}\n"
        "nav ul{list-style:none;display:flex;gap:1em;background:#0b3d5c;padding:.5em}\n"
        "table.data td,table.data th{border:1px solid #999;padding:4px 8px}\n.note{font-size:.8em}\n</style>",
        "<script>\nwindow.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}\n"
        f"gtag('js',new Date());gtag('config','UA-{rng.randint(100000, 999999)}-1');\n</script>",
        "</head>",
        "<body>",
        "<nav><ul>"
        + "".join(f'<li><a href="/{s.split()[0].lower()}">{_h(s, False)}</a></li>' for s in sections)
        + "</ul></nav>",
        "<main>",
        "<article>",
    ]
    body: list[str] = []
    for b in doc.blocks:
        if b.kind == "title":
            body.append(f"<h1>{_h(b.text, nbsp)}</h1>")
        elif b.kind == "meta":
            y, m, d = doc.published
            body.append(
                f'<p class="byline">By {_h(doc.outlet, False)} staff &middot; '
                f'<time datetime="{y}-{m:02d}-{d:02d}">{_h(b.text, nbsp)}</time></p>'
            )
        elif b.kind == "heading":
            body.append(f"<h2>{_h(b.text, nbsp)}</h2>")
        elif b.kind == "para":
            body.append(f"<p>{_h(b.text, nbsp)}</p>")
        elif b.kind == "list":
            body.append("<ul>\n" + "\n".join(f"<li>{_h(i, nbsp)}</li>" for i in b.items) + "\n</ul>")
        elif b.kind == "table":
            rows = "\n".join("<tr>" + "".join(f"<td>{_h(c, False)}</td>" for c in r) + "</tr>" for r in b.rows)
            body.append(
                '<table class="data">\n'
                + (f"<caption>{_h(b.caption, False)}</caption>\n" if b.caption else "")
                + "<thead><tr>"
                + "".join(f"<th>{_h(c, False)}</th>" for c in b.header)
                + f"</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>"
            )
        elif b.kind == "refs":
            body.append(
                '<h3>Sources</h3>\n<ol class="refs">' + "".join(f"<li>{_h(i, False)}</li>" for i in b.items) + "</ol>"
            )
    tail = [
        "</article>",
        '<aside class="related"><h3>Related</h3><ul>'
        + "".join(
            f'<li><a href="/a/{rng.randint(10000, 99999)}">{_h(Context(rng, {"year": doc.published[0], **_pair_fields(rng)}).fill(rng.choice(_paragraphs()["headings"])), False)}</a></li>'  # noqa: E501
            for _ in range(2)
        )
        + "</ul></aside>",
        "</main>",
        f'<footer class="site-footer">\n<p>&copy; {doc.published[0]} {_h(doc.outlet, False)}. All rights reserved. '
        '&middot; <a href="/about">About</a> &middot; <a href="/privacy">Privacy</a></p>\n</footer>',
        "<script>document.querySelectorAll('a').forEach(function(a){a.rel='noopener';});</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(head + body + tail) + "\n"


RENDERERS: dict[str, Callable[[Doc, random.Random], str]] = {"txt": render_txt, "md": render_md, "html": render_html}


def render_document(seed: int, index: int, allow_duplicate: bool = True) -> tuple[bytes, str]:
    """Bytes and extension of document ``index`` of the corpus for ``seed``.

    A small share of documents are byte copies of an earlier one (the dedup path); with
    ``allow_duplicate=False`` the document is always new.
    """
    rng = random.Random(f"{seed}:{index}")
    dup = rng.random() < DUPLICATE_SHARE  # drawn always, so a document's stream never depends on it
    if allow_duplicate and dup and index > 0:
        return render_document(seed, random.Random(f"{seed}:{index}:dup").randrange(index), allow_duplicate=False)
    doc = build_document(rng)
    text = RENDERERS[doc.fmt](doc, rng)
    if doc.curly:
        text = _curly(text) if doc.fmt != "html" else text
    if doc.cp1252:
        return text.replace("\u2212", "-").encode("cp1252", errors="replace"), doc.fmt
    return text.encode("utf-8"), doc.fmt


def doc_filename(index: int, data: bytes, ext: str) -> str:
    """Seed-style name: running number and a content hash prefix."""
    return f"{index:06d}_{hashlib.sha256(data).hexdigest()[:16]}.{ext}"


def generate(out_dir: Path, n: int, seed: int, start: int = 0) -> list[Path]:
    """Write documents ``start .. start+n-1`` of the corpus for ``seed`` into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        data, ext = render_document(seed, i)
        path = out_dir / doc_filename(i, data, ext)
        path.write_bytes(data)
        paths.append(path)
    return paths


# --------------------------------------------------------------------------- mutations (incremental runs)


def add_document(raw_dir: Path, seed: int, index: int) -> Path:
    """Write one new document (never a duplicate) as number ``index``; used to time an incremental add."""
    data, ext = render_document(seed, index, allow_duplicate=False)
    path = raw_dir / doc_filename(index, data, ext)
    path.write_bytes(data)
    return path


def _decode(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def change_document(path: Path, seed: int) -> None:
    """Insert a new trade paragraph in the middle of ``path`` (same name, new content)."""
    data, enc = _decode(path.read_bytes())
    rng = random.Random(f"{seed}:change:{path.name}")
    doc = {"year": rng.randint(2000, 2025), **_pair_fields(rng)}
    new = _sentences(rng, doc, "trade", 3)
    mid = len(data) // 2
    if path.suffix == ".html":
        cut = data.find("</p>", mid)
        cut = data.rfind("</p>", 0, mid) if cut < 0 else cut
        if cut < 0:
            cut, insert = data.rfind("</body>"), f"<p>{_h(new, False)}</p>\n"
        else:
            cut, insert = cut + 4, f"\n<p>{_h(new, False)}</p>"
    else:
        cut = data.find("\n\n", mid)
        cut = len(data) if cut < 0 else cut
        insert = "\n\n" + new
    path.write_bytes((data[:cut] + insert + data[cut:]).encode(enc, errors="replace"))


def remove_document(path: Path) -> None:
    """Delete one document; used to time an incremental removal."""
    path.unlink()


def corpus_stats(paths: Iterable[Path]) -> dict[str, Any]:
    sizes = [p.stat().st_size for p in paths]
    return {"n": len(sizes), "bytes": sum(sizes), "mean_bytes": sum(sizes) / max(1, len(sizes))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("-n", type=int, default=1000, help="number of documents")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--start", type=int, default=0, help="index of the first document")
    args = ap.parse_args(argv)
    paths = generate(args.out_dir, args.n, args.seed, args.start)
    s = corpus_stats(paths)
    exts: dict[str, int] = {}
    for p in paths:
        exts[p.suffix[1:]] = exts.get(p.suffix[1:], 0) + 1
    print(
        f"wrote {s['n']} documents, {s['bytes'] / 1e6:.1f} MB (mean {s['mean_bytes'] / 1000:.2f} KB), "
        f"formats {exts}, to {args.out_dir}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
