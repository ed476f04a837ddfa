"""Codebook loading: table-driven bad codebooks, each with its problem code and line; all problems at once."""

from __future__ import annotations

import textwrap

import pytest

from pathlib import Path

from coder import CodebookError, load_codebook
from tests.conftest import DATA

DATA_MINI = DATA / "mini"

HEAD = """\
codebook: {name: t, version: "1"}
categories:
  - {code: "040", name: Consult, goldstein: 1.0, quad_class: 1}
"""

ACTOR_X = "actors:\n  - names: [X]\n    codes:\n"
PATTERN = 'patterns:\n  - code: "040"\n    phrases:\n      a: '
BAD = [
    # (what, YAML after HEAD (None: the whole file), expected code, line, column)
    ("not YAML", "patterns: [\n", "C001", 5, 1),
    ("duplicate key", "synsets:\n  talks: [talks]\n  talks: [negotiation]\n", "C002", 6, 3),
    ("misspelt key", 'patterns:\n  - code: "040"\n    phrase: {a: "{source} meet"}\n', "C003", 6, 5),
    ("code not quoted", 'patterns:\n  - code: 40\n    phrases: {a: "{source} meet"}\n', "C003", 5, 5),
    ("bad actor code", "actors:\n  - names: [X]\n    codes: [{code: usagov}]\n", "C003", 6, 14),
    ("a list written bare", "actors:\n  - names: Tom Fletcher\n    codes: [{code: USAGOV}]\n", "C003", 5, 5),
    ("bad date", "actors:\n  - names: [X]\n    codes: [{code: USAGOV, from: 2010-13-01}]\n", "C003", 6, 28),
    ("pattern id twice", PATTERN + '"{source} meet"\n  - code: "040"\n    phrases: {a: "{source} visit"}\n', "C004", 9, 15),
    ("category twice", '  - {code: "040", name: C, goldstein: 1, quad_class: 1}\n', "C004", 4, 6),  # HEAD's list goes on
    ("unknown code in a pattern", 'patterns:\n  - code: "999"\n    phrases: {a: "{source} meet"}\n', "C005", 5, 12),
    ("unknown synset", PATTERN + '"{source} hold &talks"\n', "C006", 7, 25),
    ("pattern without source", PATTERN + '"meet {target}"\n', "C007", 7, 11),
    ("unbalanced parenthesis", PATTERN + '"{source} meet (with {target}"\n', "C007", 7, 25),
    ("slot glued to 's", PATTERN + '"{source}\'s talks with {target}"\n', "C007", 7, 11),
    ("no codebook section", None, "C008", 0, 0),
    ("dates the wrong way round", ACTOR_X + "      - {code: USAGOV, from: 2010-01-01, until: 2009-01-01}\n", "C009", 7, 9),
    ("sector no actor has", PATTERN + '"{source:XYZ} meet {target}"\n', "C011", 7, 11),
    ("a discard in the pattern", 'discards: {sentence: [world cup]}\n' + PATTERN + '"{source} win the =world =cup"\n',
     "C011", 8, 7),
    ("one name, two codes on one day", ACTOR_X + "      - {code: USAGOV, from: 2010-01-01}\n"
     "  - names: [X]\n    codes: [{code: GBRGOV}]\n", "C012", 8, 5),
]


def write(tmp_path, text: str):
    (tmp_path / "book.yaml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("what,extra,code,line,col", BAD, ids=[b[0] for b in BAD])
def test_each_problem_has_its_code_place_and_fix(tmp_path, what, extra, code, line, col):
    text = 'categories:\n  - {code: "040", name: C, goldstein: 1, quad_class: 1}\n' if extra is None else HEAD + extra
    with pytest.raises(CodebookError) as err:
        load_codebook(write(tmp_path, text))
    found = {(p.code, p.line, p.col): p for p in err.value.problems}
    assert (code, line, col) in found, str(err.value)
    problem = found[(code, line, col)]
    where = f"book.yaml:{line}:{col}: [{code}]" if line else f"book.yaml: [{code}]"
    assert where in str(problem) and problem.fix and f"(fix: {problem.fix})" in str(problem)


def test_a_list_written_bare_says_how_to_write_it(tmp_path):
    with pytest.raises(CodebookError) as err:
        load_codebook(write(tmp_path, HEAD + "actors:\n  - names: Tom Fletcher\n    codes: [{code: USAGOV}]\n"))
    (problem,) = err.value.problems
    assert problem.message == "must be a list, not str" and problem.fix == "write it in brackets: names: [Tom Fletcher]"


def test_every_problem_code_has_a_bad_codebook_in_the_table():
    from coder.codebook.problems import PROBLEMS

    # C010 (no folder, no files) has tests of its own below; C013 and C014 in tests/test_hostile_codebooks.py
    tested = {b[2] for b in BAD} | {"C010", "C013", "C014"}
    assert tested == set(PROBLEMS)


def test_every_problem_is_reported_at_once(tmp_path):
    extra = textwrap.dedent("""\
        patterns:
          - code: "999"
            phrases:
              a: "{source} meet"
              b: "meet {target}"
              c: "{source} hold &nothing"
    """)
    with pytest.raises(CodebookError) as err:
        load_codebook(write(tmp_path, HEAD + extra))
    assert sorted(p.code for p in err.value.problems) == ["C005", "C006", "C007"]


def test_a_user_file_extends_the_codebook(tmp_path):
    write(tmp_path, HEAD + 'patterns:\n  - code: "040"\n    phrases: {a: "{source} meet {target}"}\n')
    (tmp_path / "mine.yaml").write_text('patterns:\n  - code: "040"\n    phrases: {b: "{source} confer with {target}"}\n')
    book = load_codebook(tmp_path)
    assert [p.id for p in book.patterns] == ["a", "b"]
    assert book.patterns[1].file.endswith("mine.yaml") and book.patterns[1].line == 3


def test_a_second_folder_adds_to_the_first(tmp_path):
    base, extra = tmp_path / "base", tmp_path / "extra"
    base.mkdir(), extra.mkdir()
    write(base, HEAD)
    (extra / "x.yaml").write_text('patterns:\n  - code: "040"\n    phrases: {b: "{source} confer with {target}"}\n')
    assert [p.id for p in load_codebook([base, extra]).patterns] == ["b"]


def test_duplicate_pattern_ids_across_files(tmp_path):
    write(tmp_path, HEAD + 'patterns:\n  - code: "040"\n    phrases: {a: "{source} meet {target}"}\n')
    (tmp_path / "mine.yaml").write_text('patterns:\n  - code: "040"\n    phrases: {a: "{source} confer"}\n')
    with pytest.raises(CodebookError) as err:
        load_codebook(tmp_path)
    assert [p.code for p in err.value.problems] == ["C004"]


def test_shipped_codebook_loads_with_all_cameo_codes():
    book = load_codebook()
    assert len(book.categories) == 318
    assert {p.code[:2] for p in book.patterns if p.code != "---"} == {f"{n:02d}" for n in range(1, 21)}
    assert book.categories["032"].quad_class == 1


def test_content_hash_changes_with_content(tmp_path):
    write(tmp_path, HEAD)
    first = load_codebook(tmp_path).content_hash
    write(tmp_path, HEAD + "# a comment\n")
    assert load_codebook(tmp_path).content_hash != first


def test_a_written_codebook_loads_as_the_same_codebook(tmp_path):
    from coder.codebook.write import write_codebook

    book = load_codebook()
    write_codebook(book, tmp_path / "copy")
    again = load_codebook(tmp_path / "copy")
    assert again.categories == book.categories and again.synsets == book.synsets
    assert [(p.id, p.code, p.text, p.mutual) for p in again.patterns] == [(p.id, p.code, p.text, p.mutual) for p in book.patterns]
    assert again.countries == book.countries and again.actors == book.actors
    assert again.agents == book.agents and again.not_actors == book.not_actors and again.info == book.info
    assert sorted((e.text, e.events, e.code) for e in again.examples) == sorted((e.text, e.events, e.code) for e in book.examples)


def test_a_bad_date_does_not_hide_the_other_problems(tmp_path):
    extra = ("actors:\n  - names: [X]\n    kind: persn\n    codes: [{code: USAGOV, until: 2024-13-01}]\n"
             "  - names: [Y]\n    codes: [{code: usagov, from: 01/04/2024}]\n")
    with pytest.raises(CodebookError) as err:
        load_codebook(write(tmp_path, HEAD + extra))
    messages = {(p.line, p.path): p.message for p in err.value.problems}
    assert messages[(6, "actors.0.kind")].startswith("'persn' is not allowed")
    assert messages[(7, "actors.0.codes.0.until")] == "bad date '2024-13-01'"
    assert "is not an actor code" in messages[(9, "actors.1.codes.0.code")]
    assert messages[(9, "actors.1.codes.0.from")].startswith("bad date '01/04/2024'")


def test_an_unquoted_code_says_to_quote_it(tmp_path):
    with pytest.raises(CodebookError) as err:
        load_codebook(write(tmp_path, HEAD + "patterns:\n  - code: 040\n    phrases: {a: \"{source} meet\"}\n"))
    assert "must be text" in str(err.value) and "put it in quotes" in str(err.value)


def test_an_empty_extra_folder_is_reported(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(CodebookError) as err:
        load_codebook([DATA_MINI, tmp_path / "empty"])
    assert [p.code for p in err.value.problems] == ["C010"]


def test_validate_command_lists_every_problem_and_exits_1(tmp_path):
    from typer.testing import CliRunner

    from coder.cli import app

    write(tmp_path, HEAD + 'patterns:\n  - code: "999"\n    phrases:\n      a: "meet {target}"\n')
    result = CliRunner().invoke(app, ["codebook", "validate", str(tmp_path)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "book.yaml:" in line]
    assert [line.split("[")[1][:4] for line in lines] == ["C005", "C007"]
    as_json = CliRunner().invoke(app, ["codebook", "validate", "--json", str(tmp_path)])
    import json

    found = json.loads(as_json.stdout)
    assert as_json.exit_code == 1 and [(p["code"], p["line"], p["col"]) for p in found] == [("C005", 5, 12), ("C007", 7, 11)]
    assert all(p["fix"] for p in found)
    ok = CliRunner().invoke(app, ["codebook", "validate", str(DATA_MINI)])
    assert ok.exit_code == 0 and ok.output.startswith("ok: mini 1:")


def test_stats_and_show():
    from typer.testing import CliRunner

    from coder.cli import app

    stats = CliRunner().invoke(app, ["codebook", "stats", "-c", str(DATA_MINI)])
    assert stats.exit_code == 0 and "  19      2 / 0" in stats.output and "blocking" not in stats.output
    shown = CliRunner().invoke(app, ["codebook", "show", "040", "-c", str(DATA_MINI)])
    assert shown.exit_code == 0 and shown.output.startswith("040  Consult")
    assert "hold-talks: {source} hold ... &talks (with {target})  [mutual]" in shown.output
    assert "events.yaml:" in shown.output
    missing = CliRunner().invoke(app, ["codebook", "show", "777", "-c", str(DATA_MINI)])
    assert missing.exit_code == 2 and "no category '777'" in missing.output


def test_codebooks_by_name_and_the_list(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from coder.cli import app
    from coder.codebook.load import codebook_folders, default_codebook_path

    monkeypatch.chdir(tmp_path)  # "cameo" is no folder here: it is the installed codebook's name
    assert codebook_folders(["cameo"]) == [default_codebook_path()]
    listed = CliRunner().invoke(app, ["codebook", "list"])
    assert listed.exit_code == 0 and listed.output.startswith(f"cameo\t{default_codebook_path()}")
    assert codebook_folders(["nosuchbook"]) == [Path("nosuchbook")]  # reported later as C010


def test_a_published_codebook_is_found_through_its_entry_point(tmp_path, monkeypatch):
    import importlib.metadata as md

    from coder.codebook import load

    folder = tmp_path / "theirs"
    folder.mkdir()

    class Fake:
        name, value = "theirs", "their_package:folder"

        def load(self):
            return lambda: folder

    monkeypatch.setattr(md, "entry_points", lambda group: [Fake()] if group == load.ENTRY_POINTS else [])
    assert load.installed_codebooks()["theirs"] == folder
