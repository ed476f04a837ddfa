"""The codebook's JSON Schema: shipped up to date, accepts the shipped codebook, refuses a misspelt key."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml
from typer.testing import CliRunner

from coder.cli import app
from coder.codebook.load import codebook_files, default_codebook_path
from tests.conftest import ROOT

jsonschema = pytest.importorskip("jsonschema")
SCHEMA = json.loads((ROOT / "codebooks" / "codebook.schema.json").read_text())


def as_json(value):
    """YAML data as an editor's YAML language server sees it: dates are strings."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def test_the_shipped_schema_is_the_one_the_command_prints():
    assert json.loads(CliRunner().invoke(app, ["codebook", "schema"]).output) == SCHEMA


def test_every_hand_written_file_of_the_shipped_codebook_is_valid():
    validator = jsonschema.Draft202012Validator(SCHEMA)
    files = [f for f in codebook_files([default_codebook_path()]) if "imported" not in f.parts]
    for path in files:
        errors = list(validator.iter_errors(as_json(yaml.safe_load(path.read_text()))))
        assert not errors, (path, errors[0].message)


def test_a_misspelt_key_is_refused():
    document = {"patterns": [{"code": "040", "phrase": {"a": "{source} meet {target}"}}]}
    errors = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(document))
    assert errors and any("phrase" in e.message for e in errors)
