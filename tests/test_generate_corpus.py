"""The benchmark corpus generator: deterministic, in the right formats and about the right size."""

from __future__ import annotations

import re
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def gc(corpus_generator):
    return corpus_generator


def _snapshot(paths: list[Path]) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in paths}


def test_same_seed_same_corpus(gc, tmp_path):
    a = gc.generate(tmp_path / "a", 20, seed=7)
    b = gc.generate(tmp_path / "b", 20, seed=7)
    assert _snapshot(a) == _snapshot(b)
    c = gc.generate(tmp_path / "c", 20, seed=8)
    assert not set(_snapshot(a).values()) & set(_snapshot(c).values())


def test_a_smaller_corpus_is_a_prefix_of_a_larger_one(gc, tmp_path):
    small = gc.generate(tmp_path / "small", 5, seed=7)
    large = gc.generate(tmp_path / "large", 20, seed=7)
    assert _snapshot(small) == _snapshot(large[:5])


def test_formats_and_size(gc, tmp_path):
    paths = gc.generate(tmp_path, 40, seed=7)
    formats = {p.suffix for p in paths}
    assert formats == {".txt", ".md", ".html"}
    mean = sum(p.stat().st_size for p in paths) / len(paths)
    assert 3500 < mean < 6500, mean
    for p in paths:
        data = p.read_bytes()
        text = data.decode("utf-8") if p.suffix != ".txt" else data.decode("cp1252", errors="replace")
        if p.suffix == ".html":
            assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
            assert "<nav>" in text and "<script>" in text
        elif p.suffix == ".md":
            assert text.startswith("# ")
        assert not re.search(r"\{[a-z_]+[0-9]?\}", text), "unfilled template slot"


def test_documents_state_facts(gc, tmp_path):
    """Every document has figures, dates and country names for the extractors to find."""
    text = b"".join(p.read_bytes() for p in gc.generate(tmp_path, 20, seed=3)).decode("utf-8", "replace")
    for needle in ("billion", "%", "signed", "exercise", "Russia", "China", "| Year |"):
        assert needle in text, needle


def test_mutations(gc, tmp_path):
    paths = gc.generate(tmp_path, 10, seed=7)
    added = gc.add_document(tmp_path, seed=7, index=10)
    assert added.exists() and added not in paths
    assert added.read_bytes() not in {p.read_bytes() for p in paths}

    for target in paths[:3]:
        before = target.read_bytes()
        gc.change_document(target, seed=7)
        after = target.read_bytes()
        assert after != before and len(after) > len(before)

    gc.remove_document(paths[-1])
    assert not paths[-1].exists()
    assert len(list(tmp_path.iterdir())) == 10
