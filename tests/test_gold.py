"""Accuracy guards on the dev sets in ../shared/gold (skipped where ../shared is not present)."""

from __future__ import annotations

from pathlib import Path

from coder import evaluate as ev
from tests.conftest import ROOT, shared


def test_sample_story_required_events_and_precision(shipped):
    gold = ev.read_gold(shared("gold/kim-xi-beijing-2025-09-06.events.jsonl"))
    report = ev.evaluate_story(shipped, gold, [ROOT / "samples"])
    missing = [(r["sentence_starts"][:30], r["source"], r["target"], r["code"]) for r in report.missing]
    assert report.required_found == report.required, missing
    assert report.emitted_in_gold / report.emitted >= 0.80, [(e.sentence, e.source, e.target, e.code) for e in report.extra]


def test_petrarch_validation_set_country_pair_f1(shipped):
    rows = ev.read_gold(shared("gold/petr2_gsr_validation.jsonl"))
    report = ev.evaluate_events(shipped, rows)
    # issue 3's targets; measured 0.695 and 0.756 (TABARI with the 2014 dictionaries: 0.36 and 0.47)
    assert report.scores["country pair + root"].f1 >= 0.65
    assert report.scores["root"].f1 >= 0.75


def test_conflibert_sentences_are_coded_and_classed(shipped):
    rows = ev.read_gold(shared("gold/conflibert_train_penta.jsonl"))
    report = ev.evaluate_classes(shipped, rows)
    assert report.coded / report.sentences >= 0.85   # measured 87.2% (TABARI: 49%)
    assert report.correct / report.sentences >= 0.66  # measured 0.690 (target 0.55; TABARI: 0.34 over all sentences)


def test_eval_command_prints_three_levels(tmp_path):
    import json

    from typer.testing import CliRunner

    from coder.cli import app

    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"id": "1", "date": "2024-01-01", "text": "Russia attacked Ukraine.",
                                "events": [{"source": "RUSMIL", "target": "UKR", "code": "190"}]}) + "\n")
    result = CliRunner().invoke(app, ["eval", str(gold), "-c", str(Path(__file__).parent / "data" / "mini")])
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line.split() for line in result.output.splitlines()[2:]}
    assert lines["root"][1:4] == ["1.000", "1.000", "1.000"]
    assert lines["country"][-6:-3] == ["1.000", "1.000", "1.000"]  # RUS matches RUSMIL at country level
    assert lines["full"][1:4] == ["0.000", "0.000", "0.000"]


def test_petrarch_records_file_is_read_and_scored(tmp_path):
    from coder.cli import app
    from typer.testing import CliRunner

    xml = tmp_path / "records.xml"
    xml.write_text("""<Validation><Sentences>
<Sentence date="20240102" id="A-1" category="VERB"><EventCoding eventcode="190" sourcecode="RUS" targetcode="UKR" />
<Text>Russia attacked
Ukraine.</Text></Sentence>
<Sentence date="20240102" id="A-2" category="VERB"><EventCoding noevents="True" /><Text>Russia praised Ukraine.</Text></Sentence>
</Sentences></Validation>""")
    result = CliRunner().invoke(app, ["eval", str(xml), "-c", str(Path(__file__).parent / "data" / "mini"), "--show"])
    assert result.exit_code == 0, result.output
    assert "VERB               1        2   50.0%" in result.output
    assert "A-2: Russia praised Ukraine." in result.output


def test_a_petrarch_target_of_dashes_is_no_target(tmp_path):
    xml = tmp_path / "records.xml"
    xml.write_text("""<Validation><Sentences>
<Sentence date="20240102" id="B-1" category="VERB"><EventCoding eventcode="040" sourcecode="RUS" targetcode="---" />
<Text>Russia held talks.</Text></Sentence></Sentences></Validation>""")
    records = ev.read_gold(xml)
    assert records[0]["expected"] == {("RUS", None, "040")}
    from coder import Coder
    assert sum(ev.evaluate_records(Coder(Path(__file__).parent / "data" / "mini"), records).passed.values()) == 1


def test_petrarch_unit_tests_pass_rate(tmp_path):
    """PETRARCH's own unit-test suite, coded with its validation dictionaries imported by coder."""
    from coder import Coder
    from coder.codebook.importers.petrarch import import_petrarch, write_import

    data = shared("data")
    sources = dict(verbs=[data / "universalpetrarch/PETR.Validate.verbs.2.0.txt"],
                   actors=[data / "petrarch2/PETR.Validate.actors.txt"],
                   agents=[data / "petrarch2/PETR.Validate.agents.txt"],
                   discards=[data / "petrarch2/PETR.Validate.discards.txt"])
    write_import(import_petrarch(**sources, keep_codes=True), tmp_path / "validate", "validate",
                 [p for v in sources.values() for p in v])
    records = ev.read_gold(data / "universalpetrarch/PETR.UnitTest.records.CAMEO2.xml")
    report = ev.evaluate_records(Coder(tmp_path / "validate"), records)
    assert sum(report.total.values()) == 284
    assert sum(report.passed.values()) / 284 >= 0.71  # measured 202 of 284 (PETRARCH-2 with parses: 120)


def test_an_xml_file_without_gold_is_refused(tmp_path):
    from typer.testing import CliRunner

    from coder.cli import app

    xml = tmp_path / "input.xml"
    xml.write_text('<Sentences><Sentence id="1" date="20240101"><Text>Russia attacked Ukraine.</Text></Sentence></Sentences>')
    result = CliRunner().invoke(app, ["eval", str(xml), "-c", str(Path(__file__).parent / "data" / "mini")])
    assert result.exit_code == 2 and "no <EventCoding>" in result.output


def test_class_report_has_a_confusion_table(tmp_path):
    import json

    from typer.testing import CliRunner

    from coder.cli import app

    gold = tmp_path / "penta.jsonl"
    gold.write_text("\n".join(json.dumps(r) for r in [
        {"id": "a", "text": "Russia attacked Ukraine.", "penta": 4},
        {"id": "b", "text": "Russia praised Ukraine.", "penta": 3},
        {"id": "c", "text": "Nothing happened.", "penta": 0}]))
    result = CliRunner().invoke(app, ["eval", str(gold), "-c", str(Path(__file__).parent / "data" / "mini"), "--show"])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split() for line in result.output.splitlines() if line[:1].isdigit()}
    assert rows["4"][-7:] == ["0", "0", "0", "0", "1", "0", "1.000"]
    assert rows["3"][-7:] == ["0", "1", "0", "0", "0", "0", "0.000"]
    assert "b: gold 3, coded 051 [praise]" in result.output and "c: gold 0, coded nothing" in result.output
