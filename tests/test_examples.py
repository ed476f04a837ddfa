"""Codebook tests: examples in the YAML, run by `coder codebook test`."""

from __future__ import annotations

import shutil

from typer.testing import CliRunner

from coder import load_codebook
from coder.cli import app
from tests.conftest import DATA


def test_the_shipped_codebook_has_passing_examples_for_every_root():
    result = CliRunner().invoke(app, ["codebook", "test"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("20 passed, 0 failed") or "0 failed" in result.output
    roots = {e.code[:2] for e in load_codebook().examples}
    assert roots == {f"{n:02d}" for n in range(1, 21)}


def test_a_failing_example_is_shown_with_the_explain_view(tmp_path):
    book = tmp_path / "book"
    shutil.copytree(DATA / "mini", book)
    events = book / "patterns" / "events.yaml"
    events.write_text(events.read_text().replace(
        '  - code: "190"\n    phrases:',
        '  - code: "190"\n    examples:\n      - text: "Russia praised Ukraine."\n        events: [[RUS, UKR, "190"]]\n'
        '      - text: "Russia attacked Ukraine."\n        events: [[RUS, UKR, "190"]]\n    phrases:'))
    result = CliRunner().invoke(app, ["codebook", "test", str(book)])
    assert result.exit_code == 1
    assert "FAIL " in result.output and "Russia praised Ukraine." in result.output
    assert "missing:  [('RUS', 'UKR', '190')]" in result.output and "+ praise [051]" in result.output
    assert result.output.strip().endswith("1 passed, 1 failed")


def test_codebook_diff_reports_one_pattern_and_its_events(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(DATA / "mini", old)
    shutil.copytree(DATA / "mini", new)
    events = new / "patterns" / "events.yaml"
    events.write_text(events.read_text().replace('praise: "{source} praise {target}"', 'praise: "{source} laud {target}"'))
    story = tmp_path / "s.txt"
    story.write_text("date 2025-09-06 Beijing: Putin praised Xi. Russia attacked Ukraine.")
    result = CliRunner().invoke(app, ["codebook", "diff", str(old), str(new), "--corpus", str(story)])
    assert result.exit_code == 0, result.output
    assert "patterns changed: 1\n  praise: [051] {source} praise {target} -> [051] {source} laud {target}" in result.output
    assert "patterns added: 0" in result.output and "events gained: 0" in result.output
    assert "events lost: 1 (051: 1)" in result.output
    assert "RUSGOV -> CHNGOV 051   Putin praised Xi." in result.output


def test_codebook_diff_on_the_sample_story(tmp_path):
    from coder.codebook.load import default_codebook_path
    from tests.conftest import ROOT

    new = tmp_path / "cameo"
    shutil.copytree(default_codebook_path(), new)
    consult = new / "patterns" / "04-consult.yaml"
    consult.write_text("".join(line for line in consult.read_text().splitlines(True) if "consult.join-at:" not in line))
    result = CliRunner().invoke(app, ["codebook", "diff", str(default_codebook_path()), str(new),
                                      "--corpus", str(ROOT / "samples" / "kim-xi-beijing-2025-09-06.txt")])
    assert result.exit_code == 0, result.output
    assert "patterns removed: 1\n  consult.join-at [044]" in result.output
    assert "patterns added: 0" in result.output and "patterns changed: 0" in result.output
    assert "events lost: 2 (044: 2)" in result.output
