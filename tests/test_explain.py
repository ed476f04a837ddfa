"""coder explain: the rule and YAML line behind every event."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from coder.cli import app
from coder.explain import explain
from tests.conftest import DATA, ROOT

MINI = ["-c", str(DATA / "mini")]


def test_explain_json_names_the_rule_and_its_yaml_line():
    result = CliRunner().invoke(app, ["explain", "Kim Jong Un told Xi that Pyongyang will back Beijing.",
                                      "--date", "2025-09-06", "--json", *MINI])
    assert result.exit_code == 0, result.output
    (sentence,) = json.loads(result.output)
    assert [m["codes"] for m in sentence["mentions"]] == [["PRKGOV"], ["CHNGOV"], ["PRK"], ["CHN"]]
    kim = sentence["mentions"][0]["entries"]
    assert [(e["kind"], e["words"], e["code"], e["file"].endswith(".yaml"), e["line"] > 0) for e in kim] == [
        ("actor", "Kim Jong Un", "PRKGOV", True, True)]     # the dictionary entry that matched, with its file:line
    assert [(e["source"], e["target"], e["code"], e["rule_id"]) for e in sentence["events"]] == [("PRK", "CHN", "032", "will-back")]
    kept = [a for a in sentence["attempts"] if a["kept"]]
    assert [(a["rule_id"], a["file"].endswith("events.yaml"), a["line"]) for a in kept] == [("will-back", True, 12)]
    told = next(a for a in sentence["attempts"] if a["rule_id"] == "tell")
    assert told["outcome"] == "matched" and not told["kept"]  # a subordinate statement, dropped for the 032


def test_explain_says_why_a_pattern_did_not_match(mini):
    (sentence,) = explain(mini, "Russia did not attack Ukraine.", "2024-01-01")
    assert [(a.rule_id, a.outcome) for a in sentence.attempts] == [("attack", "negated")]
    assert sentence.events == []


def test_explain_every_event_of_the_sample_has_a_rule_and_line(shipped):
    text = (ROOT / "samples" / "kim-xi-beijing-2025-09-06.txt").read_text()
    result = CliRunner().invoke(app, ["explain", "--doc", str(ROOT / "samples" / "kim-xi-beijing-2025-09-06.txt")])
    assert result.exit_code == 0 and "sentence 10:" in result.output
    for s in explain(shipped, text.split(":", 1)[1], "2025-09-06"):
        rules = {a.rule_id: a for a in s.attempts if a.kept}
        assert all(e.rule_id in rules and rules[e.rule_id].line > 0 for e in s.events)


def test_explain_needs_a_sentence_or_a_doc():
    result = CliRunner().invoke(app, ["explain", *MINI])
    assert result.exit_code == 2 and "give a SENTENCE or --doc FILE" in result.output
