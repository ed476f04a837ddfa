"""The PETRARCH verb importer: each construct of a small dictionary, its issues by line, and the real dictionary."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from coder import Coder, load_codebook
from coder.codebook.importers.petrarch_verbs import import_verbs
from tests.conftest import DATA, ROOT, SHARED

FIXTURE = DATA / "petrarch" / "verbs-fixture.txt"


@pytest.fixture(scope="module")
def result():
    return import_verbs(FIXTURE)


@pytest.fixture(scope="module")
def phrases(result) -> dict[str, tuple[str, str, bool]]:
    """pattern id -> (code, text, mutual)"""
    groups = result.files["patterns/verbs-fixture.yaml"]["patterns"]
    return {pid: (g["code"], text, g.get("mutual", False)) for g in groups for pid, text in g["phrases"].items()}


def issues_at(result, line: int):
    found = [i for i in result.issues if i.line == line]
    assert found and all(i.file == "verbs-fixture.txt" for i in found), (line, result.issues)
    return found


def test_synsets(result):
    synsets = result.files["synsets/verbs-fixture.yaml"]["synsets"]
    assert synsets["verbs-fixture.military"] == ["troops", "armed forces"]
    assert synsets["verbs-fixture.cash"] == ["money", "hard currency"]
    # irregular forms: "met" is made by coder's inflections, "sped" is not and stays as a member
    assert synsets["verbs-fixture.v.meet"] == ["meet", "ask for"]
    assert synsets["verbs-fixture.v.meet.040-040"] == ["meet"]
    assert synsets["verbs-fixture.v.speed"] == ["speed", "sped"]


@pytest.mark.parametrize("pid, code, text, mutual", [
    ("verbs-fixture.meet.1", "043", "{source} &verbs-fixture.v.meet ... with ... &verbs-fixture.military {target}", False),
    ("verbs-fixture.meet.2", "050", "{target} &verbs-fixture.v.meet ... diplomatic ties {source}", False),
    ("verbs-fixture.meet.3", "046", "{source} &verbs-fixture.military ... &verbs-fixture.v.meet ... {actor} ... talks {target}", False),
    ("verbs-fixture.meet.4", "173", "{target} &verbs-fixture.v.meet ... in ... court {source}", False),
    ("verbs-fixture.meet.5", "040", "{source} &verbs-fixture.v.meet ... secretly {target}", True),
    ("verbs-fixture.meet.8", "042", "{source} &verbs-fixture.v.meet ... dinner {target}", False),
    ("verbs-fixture.meet.verb-040-040", "040", "{source} &verbs-fixture.v.meet.040-040 {target}", False),
    ("verbs-fixture.meet.verb-020", "020", "{source} &verbs-fixture.v.meet.020 {target}", False),
    ("verbs-fixture.speed.2", "073", "{source} &verbs-fixture.v.speed ... aid {target}", False),
    ("verbs-fixture.speed.3", "---", "{source} &verbs-fixture.v.speed ... relief {target}", False),
])
def test_patterns(phrases, pid, code, text, mutual):
    assert phrases[pid] == (code, text, mutual)


def test_nothing_else(phrases):
    # meet.6 (unknown code), meet.7 (malformed), speed.1 (replaced by the later line) are not translated;
    # SPEED's block code is [---]: its verbs alone code nothing
    assert sorted(phrases) == sorted(["verbs-fixture.meet.1", "verbs-fixture.meet.2", "verbs-fixture.meet.3",
                                      "verbs-fixture.meet.4", "verbs-fixture.meet.5", "verbs-fixture.meet.8",
                                      "verbs-fixture.meet.verb-040-040", "verbs-fixture.meet.verb-020",
                                      "verbs-fixture.speed.2", "verbs-fixture.speed.3"])


@pytest.mark.parametrize("line, kind, words", [
    (2, "skipped", "before any"),                  # a pattern before any block
    (9, "changed", "no plural"),                   # &CASH_: coder inflects synset members anyway
    (10, "changed", "no plural"),
    (16, "changed", "subject is taken as the target"),
    (19, "changed", "% (compound actor)"),
    (20, "skipped", "unknown code '999'"),
    (21, "skipped", "malformed pattern"),
    (26, "skipped", "PETRARCH-2 keeps the later line"),
    (29, "skipped", "transformation"),
])
def test_issues(result, line, kind, words):
    assert any(i.kind == kind and words in i.message for i in issues_at(result, line))


def test_issue_lines(result):
    # the verb lines, the synset names, the plain patterns (lines 15, 18, 27, 28) and the paired codes
    # [040:040] (12) and [042:043] (22), and ^ as {actor} (17) translate exactly
    assert {i.line for i in result.issues} == {2, 9, 10, 16, 19, 20, 21, 26, 29}


def test_counts(result):
    assert result.counts == {"blocks": 2, "verbs": 3, "pattern lines": 12, "patterns": 10, "synsets": 6}


def _book(tmp_path: Path, result) -> Path:
    cameo = ROOT / "codebooks" / "cameo"
    (tmp_path / "codebook.yaml").write_text("codebook: {name: imported, version: '1'}\n")
    for name in ("categories.yaml", "agents.yaml"):
        (tmp_path / name).write_text((cameo / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "actors").mkdir()
    (tmp_path / "actors" / "countries.yaml").write_text((cameo / "actors" / "countries.yaml").read_text(encoding="utf-8"),
                                                        encoding="utf-8")
    for rel, data in result.files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return tmp_path


def test_fixture_loads_and_codes(tmp_path, result):
    coder = Coder(_book(tmp_path, result))
    events = {(e.source, e.target, e.code) for e in coder.code_text("France sped aid to Mali.")}
    assert ("FRA", "MLI", "073") in events
    events = {(e.source, e.target, e.code) for e in coder.code_text("France met Germany.")}
    assert ("FRA", "DEU", "040") in events


@pytest.mark.skipif(not (SHARED / "data/petrarch2/CAMEO.2.0.txt").exists(), reason="shared data not present")
@pytest.mark.parametrize("name", ["petrarch2/CAMEO.2.0.txt", "universalpetrarch/PETR.Validate.verbs.2.0.txt"])
def test_real_dictionaries_load(tmp_path, name):
    result = import_verbs(SHARED / "data" / name)
    book = load_codebook(_book(tmp_path, result))
    assert len(book.patterns) == result.counts["patterns"]
    lines = (SHARED / "data" / name).read_text(encoding="utf-8").splitlines()
    assert result.counts["pattern lines"] == sum(1 for x in lines if x.startswith(("- ", "-\t", "* ")))


def test_keep_codes_keeps_codes_outside_cameo_with_a_stub_category():
    kept = import_verbs(FIXTURE, keep_codes=True)
    stubs = kept.files["categories/verbs-fixture-extra.yaml"]["categories"]
    assert [(c["code"], c["quad_class"]) for c in stubs] == [("999", None)]
    codes = {g["code"] for g in kept.files["patterns/verbs-fixture.yaml"]["patterns"]}
    assert "999" in codes and not any("unknown code '999'" in i.message for i in kept.issues)


def test_a_paired_code_keeps_its_reverse_event(result):
    verb_only = next(g for g in result.files["patterns/verbs-fixture.yaml"]["patterns"]
                     if "verbs-fixture.meet.verb-040-040" in g["phrases"])
    assert verb_only.get("reverse") == "040"
    groups = result.files["patterns/verbs-fixture.yaml"]["patterns"]
    group = next(g for g in groups if "verbs-fixture.meet.8" in g["phrases"])
    assert (group["code"], group.get("reverse")) == ("042", "043")
    assert not [i for i in result.issues if i.line == 22]


def test_forms_separated_by_commas(tmp_path):
    dictionary = tmp_path / "commas.txt"
    dictionary.write_text("---  SELECT   [030]  ---\n+IS_DETERMINED {+WAS_DETERMINED , +BE_DETERMINED} [030]\nDECIDE\n")
    synsets = import_verbs(dictionary).files["synsets/commas.yaml"]["synsets"]
    members = [m for ms in synsets.values() for m in ms]
    assert "," not in members and "was determined" in members


def test_a_compound_pattern_is_kept_over_the_same_plain_pattern(tmp_path):
    dictionary = tmp_path / "dup.txt"
    dictionary.write_text("--- RENEW [---] ---\nRENEW\n- * {DIPLOMATIC TIES}  [050]\n- % * {DIPLOMATIC TIES}  [050]\n")
    result = import_verbs(dictionary)
    groups = result.files["patterns/dup.yaml"]["patterns"]
    assert [(g.get("mutual", False), list(g["phrases"])) for g in groups] == [(True, ["dup.renew.2"])]
    assert any(i.line == 3 and "whose % (compound) reading" in i.message for i in result.issues)


def test_a_noun_phrase_keeps_its_head_pair_together_and_lets_outer_modifiers_stack(tmp_path):
    dictionary = tmp_path / "np.txt"
    dictionary.write_text("--- ABANDON [080] ---\nABANDON\n- * {NEW ECONOMIC RELATIONS}  [081]\n- * {DIPLOMATIC TIES}  [080]\n")
    groups = import_verbs(dictionary).files["patterns/np.yaml"]["patterns"]
    texts = {pid: text for g in groups for pid, text in g["phrases"].items()}
    assert texts["np.abandon.1"] == "{source} &np.v.abandon ... new ... economic relations {target}"
    assert texts["np.abandon.2"] == "{source} &np.v.abandon ... diplomatic ties {target}"
