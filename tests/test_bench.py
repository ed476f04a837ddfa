"""The benchmark's corpus: the same for a seed, news-lead length, and coded by the shipped codebook."""

from __future__ import annotations

import json
import statistics
import sys

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import bench  # noqa: E402


def test_the_corpus_is_fixed_by_its_seed_and_codes(tmp_path, shipped):
    first, again = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    bench.make_corpus(first, 300)
    bench.make_corpus(again, 300)
    assert first.read_bytes() == again.read_bytes()
    docs = [json.loads(line) for line in first.read_text().splitlines()]
    assert {"id", "date", "text"} == set(docs[0]) and len({d["id"] for d in docs}) == len(docs)
    lengths = [len(s.split()) for d in docs for s in d["text"].split(". ")]
    assert 12 <= statistics.median(lengths) <= 25
    coded = [shipped.code_text(d["text"], d["date"]) for d in docs[:40]]
    assert sum(map(len, coded)) > 40  # the patterns it was built from code its sentences
