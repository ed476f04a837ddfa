"""Docs stay true: every command, option, output column and problem code is documented."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from coder.cli import app
from coder.codebook.problems import PROBLEMS
from coder.io.parquet import event_schema, ledger_schema
from tests.conftest import ROOT

DOCS = ROOT / "docs"


def test_every_problem_code_is_documented_with_its_fix():
    text = (DOCS / "codebook.md").read_text().replace("\\|", "|")   # a | in a table cell is written \|
    rows = {code: f"| {code} | {kind.problem} | {kind.fix} |" for code, kind in PROBLEMS.items()}
    assert [code for code, row in rows.items() if row not in text] == []


def test_every_output_column_is_documented():
    text = (DOCS / "output.md").read_text()
    assert [f.name for f in event_schema(sentence_text=True) if f"| `{f.name}` |" not in text] == []
    ledger = text[text.index("## The ledger"):]
    assert [f.name for f in ledger_schema() if f"| `{f.name}` |" not in ledger] == []


@pytest.mark.parametrize("command", ["code", "eval", "explain", "codebook list", "codebook validate", "codebook schema",
                                     "codebook lint", "codebook test", "codebook diff", "codebook stats", "codebook show",
                                     "codebook import petrarch"])
def test_every_command_has_help_and_docs(command):
    result = CliRunner().invoke(app, [*command.split(), "--help"])
    assert result.exit_code == 0 and "Usage" in result.output
    # a flag takes no value; its help must not suggest one (Typer's own --help line still does)
    assert [line for line in result.output.splitlines() if "<bool>" in line and "--help" not in line] == []
    usage = (DOCS / "usage.md").read_text()
    assert f"## `coder {command}" in usage
    for option in set(re.findall(r"--[a-z][a-z-]+", result.output)) - {"--help"}:
        assert f"`{option}" in usage or f"{option}`" in usage or f", {option}" in usage, option


def test_the_tutorial_additions_work(tmp_path):
    """The YAML of docs/tutorial.md, put in a folder as the tutorial says, validates and its example passes."""
    from coder import Coder, load_codebook
    from coder.codebook.examples import run_examples
    from coder.codebook.load import default_codebook_path

    text = (DOCS / "tutorial.md").read_text()
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    (tmp_path / "additions.yaml").write_text("".join(b for b in blocks if b.startswith(("actors:", "patterns:"))))
    coder = Coder(load_codebook([default_codebook_path(), tmp_path]))
    mine = [r for r in run_examples(coder) if r.example.file.endswith("additions.yaml")]
    assert len(mine) == 1 and mine[0].passed
