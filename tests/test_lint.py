"""Lint findings, table-driven: a YAML snippet, the expected finding code and line; and silencing."""

from __future__ import annotations

import pytest

from coder import load_codebook
from coder.codebook.lint import LINTS, lint

HEAD = """\
codebook: {name: t, version: "1"}
categories:
  - {code: "040", name: Consult, goldstein: 1.0, quad_class: 1}
  - {code: "042", name: Visit, goldstein: 1.9, quad_class: 1}
"""

FINDINGS = [
    ("overlapping dates", "actors:\n  - names: [X]\n    codes:\n      - {code: USAGOV, from: 2000-01-01, until: 2010-01-01}\n"
     "      - {code: USAELI, from: 2009-01-01}\n", "L001", 6),
    ("repeated pattern", 'patterns:\n  - code: "040"\n    phrases:\n      a: "{source} meet {target}"\n'
     '  - code: "042"\n    phrases:\n      b: "{source}  meet {target}"\n', "L002", 11),
    ("unused synonym set", "synsets:\n  talks: [talks]\n", "L003", 6),
    ("name that is a pattern word", 'patterns:\n  - code: "040"\n    phrases: {a: "{source} hold talks with {target}"}\n'
     "actors:\n  - names: [Talks]\n    codes: [{code: USAGOV}]\n", "L005", 9),
    ("name that is an English word", "actors:\n  - names: [Will]\n    codes: [{code: USAGOV}]\n", "L005", 6),
]


@pytest.mark.parametrize("what,extra,code,line", FINDINGS, ids=[f[0] for f in FINDINGS])
def test_each_finding_has_its_code_and_line(tmp_path, what, extra, code, line):
    (tmp_path / "book.yaml").write_text(HEAD + extra)
    assert [(f.code, f.line) for f in lint(load_codebook(tmp_path))] == [(code, line)]


def test_findings_can_be_silenced_where_intended(tmp_path):
    (tmp_path / "book.yaml").write_text(HEAD + (
        "actors:\n  - names: [X]\n    lint_ignore: [L001]\n    codes:\n"
        "      - {code: USAGOV, from: 2000-01-01, until: 2010-01-01}\n      - {code: USAELI, from: 2009-01-01}\n"
        "  - names: [Will]\n    lint_ignore: [L005]\n    codes: [{code: USAGOV}]\n"
        "  - names: [WHO]\n    codes: [{code: IGOWHO}]\n"      # an acronym matches only as written: not "who"
        "synsets:\n  _spare: [talks]\n"))
    assert lint(load_codebook(tmp_path)) == []


def test_a_hand_over_day_is_not_an_overlap(tmp_path):
    (tmp_path / "book.yaml").write_text(HEAD + "actors:\n  - names: [X]\n    codes:\n"
                                        "      - {code: USAELI, until: 2009-01-20}\n      - {code: USAGOV, from: 2009-01-20}\n")
    assert lint(load_codebook(tmp_path)) == []


def test_every_lint_code_is_documented():
    from tests.conftest import ROOT

    text = (ROOT / "docs" / "usage.md").read_text()
    assert [code for code in LINTS if f"| {code} |" not in text] == []


def test_a_pattern_matching_most_sentences_of_a_corpus_is_too_general(tmp_path):
    from coder.text.records import Document

    (tmp_path / "book.yaml").write_text(HEAD + 'patterns:\n  - code: "040"\n    phrases:\n'
                                        '      broad: "{source} say"\n      narrow: "{source} meet {target}"\n'
                                        "countries:\n  - {code: FRA, names: [France]}\n  - {code: DEU, names: [Germany]}\n")
    book = load_codebook(tmp_path)
    corpus = [Document("d", None, "France says it will rain. Germany said so too. France met Germany. It rained.")]
    found = [(f.code, f.message.split()[0]) for f in lint(book, corpus, too_general=0.3)]
    assert found == [("L004", "broad")]       # 2 of 4 sentences; "narrow" 1 of 4 stays under 0.3
    assert [f for f in lint(book, corpus, too_general=0.5) if f.code == "L004"] == []
