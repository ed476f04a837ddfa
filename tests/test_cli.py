"""The command line as a user meets it: inputs of every kind, bad inputs, exit codes, the Parquet file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from coder import __version__
from coder.cli import app
from tests.conftest import DATA, ROOT

MINI = ["-c", str(DATA / "mini")]
runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def rows(path: Path) -> list[dict]:
    return pq.read_table(path).to_pylist()


def test_version_help_and_python_m():
    assert run("--version").output.strip() in (f"coder {__version__} (compiled)", f"coder {__version__} (pure Python)")
    assert "code" in run("--help").output and "eval" in run("-h").output
    out = subprocess.run([sys.executable, "-m", "coder", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and __version__ in out.stdout


def test_code_the_sample_story_with_the_shipped_codebook(tmp_path):
    out = tmp_path / "events.parquet"
    result = run("code", ROOT / "samples" / "kim-xi-beijing-2025-09-06.txt", "-o", out)
    assert result.exit_code == 0, result.output
    assert "documents: 1 (1 coded, 0 with errors, 0 skipped" in result.output and "by root code:" in result.output
    table = pq.read_table(out)
    assert set(table.column("doc_id").to_pylist()) == {"kim-xi-beijing-2025-09-06"}
    meta = table.schema.metadata
    assert meta[b"coder.codebook.name"] == b"cameo" and len(meta[b"coder.codebook.hash"]) == 64
    assert meta[b"coder.version"] == __version__.encode()


def test_tables_of_every_kind_and_stdin(tmp_path):
    records = [{"id": "a 1", "date": "2024-01-02", "text": "Russia attacked Ukraine."},
               {"id": 7, "date": "2024-01-03", "text": "Putin praised Xi."}]
    (tmp_path / "d.jsonl").write_text("\n".join(json.dumps(r) for r in records))
    (tmp_path / "d.csv").write_text('id,date,text\na 1,2024-01-02,Russia attacked Ukraine.\n7,2024-01-03,"Putin praised Xi."\n')
    import pandas as pd
    pd.DataFrame(records).astype({"id": str}).to_parquet(tmp_path / "d.parquet")
    for name in ("d.jsonl", "d.csv", "d.parquet"):
        out = tmp_path / f"{name}.out.parquet"
        assert run("code", tmp_path / name, "-o", out, *MINI).exit_code == 0
        assert [(r["doc_id"], r["source"], r["target"], r["code"]) for r in rows(out)] == [
            ("a 1", "RUS", "UKR", "190"), ("7", "RUSGOV", "CHNGOV", "051")], name
    out = tmp_path / "stdin.parquet"
    assert run("code", "-", "-o", out, *MINI, input=json.dumps(records[0]) + "\n").exit_code == 0
    assert [r["doc_id"] for r in rows(out)] == ["a 1"]


def test_other_column_names(tmp_path):
    (tmp_path / "d.jsonl").write_text(json.dumps({"story": "s1", "day": "2024-01-02", "body": "Russia attacked Ukraine."}))
    out = tmp_path / "o.parquet"
    result = run("code", tmp_path / "d.jsonl", "-o", out, *MINI, "--id-column", "story", "--date-column", "day", "--text-column", "body")
    assert result.exit_code == 0, result.output
    assert rows(out)[0]["doc_id"] == "s1" and str(rows(out)[0]["date"]) == "2024-01-02"


def test_a_named_date_column_must_exist(tmp_path):
    (tmp_path / "d.jsonl").write_text(json.dumps({"id": "s1", "published": "2024-01-02", "text": "Russia attacked Ukraine."}))
    result = run("code", tmp_path / "d.jsonl", "-o", tmp_path / "o.parquet", *MINI, "--date-column", "pub")
    assert result.exit_code == 1 and "no column 'pub' (named with --date-column)" in result.output


def test_folder_of_stories_with_datelines(tmp_path):
    (tmp_path / "b.txt").write_text("date 2024-05-01 Kyiv: Russia attacked Ukraine.\n")
    (tmp_path / "a.txt").write_text("Putin praised Xi Jinping.")
    out = tmp_path / "o.parquet"
    assert run("code", tmp_path, "-o", out, *MINI, "--text").exit_code == 0
    got = [(r["doc_id"], str(r["date"]), r["sentence_text"]) for r in rows(out)]
    assert got == [("a", "None", "Putin praised Xi Jinping."), ("b", "2024-05-01", "Russia attacked Ukraine.")]


BAD_INPUTS = [
    # (what, file name, bytes, the words the one-line error must contain)
    ("binary file", "photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)), "photo.txt: document 'photo': a binary file"),
    ("empty", "empty.txt", b"  \n", "empty.txt: document 'empty': empty document"),
    ("bad dateline date", "baddate.txt", b"date 2024-02-30 Kyiv: Russia attacked Ukraine.", "baddate.txt:1: document 'baddate': bad date '2024-02-30'"),
    ("bad date in a table", "t.jsonl", b'{"id": "x", "date": "2024-13-01", "text": "Russia attacked Ukraine."}\n', "t.jsonl:1: document 'x': bad date '2024-13-01'"),
    ("broken JSON line", "j.jsonl", b'{"id": "x", "text": \n', "j.jsonl:1: not valid JSON (Expecting value at character 22)"),
    ("CSV without the id column", "c.csv", b"story,text\n1,Russia attacked Ukraine.\n",
     "c.csv: no column 'id'; the columns are 'story', 'text': name yours with --id-column"),
    ("missing text", "m.jsonl", b'{"id": "x"}\n', "m.jsonl:1: document 'x': no text in column 'text'"),
]


@pytest.mark.parametrize("what,name,data,message", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_a_bad_document_costs_the_others_nothing(tmp_path, what, name, data, message):
    (tmp_path / name).write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text("Russia attacked Ukraine.")
    out = tmp_path / "o.parquet"
    result = subprocess.run([sys.executable, "-m", "coder", "code", str(tmp_path / name), str(good), "-o", str(out), *MINI],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and message in errors[0], result.stderr
    assert "Traceback" not in result.stderr
    assert [r["doc_id"] for r in rows(out)] == ["good"]
    assert "documents: 2 (1 coded, 1 with errors, 0 skipped" in result.stdout


def test_a_malformed_codebook_is_one_line_per_problem_and_exit_2(tmp_path):
    book = tmp_path / "book"
    book.mkdir()
    (book / "a.yaml").write_text('codebook: {name: b, version: "1"}\ncategories:\n  - {code: "040", name: C, goldstein: 1, quad_class: 1}\n'
                                 'patterns:\n  - code: "041"\n    phrases: {x: "{source} phone {target}"}\n')
    result = subprocess.run([sys.executable, "-m", "coder", "code", "-", "-o", str(tmp_path / "o.parquet"), "-c", str(book)],
                            capture_output=True, text=True, cwd=ROOT, input="")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{book / 'a.yaml'}:5:12: [C005] patterns.0.code: unknown CAMEO code '041'" in result.stderr


def test_missing_input_and_unknown_type(tmp_path):
    out = tmp_path / "o.parquet"
    result = run("code", tmp_path / "nope.txt", "-o", out, *MINI)
    assert result.exit_code == 2 and "nope.txt: no such file or folder" in result.output   # a usage error:
    assert not out.exists() and list(tmp_path.iterdir()) == []                           # nothing written
    (tmp_path / "adir").mkdir()
    result = run("code", MINI[1] + "/../hostile/good.txt", "-o", tmp_path / "adir", *MINI)
    assert result.exit_code == 2 and "is a folder" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["adir"]                        # no ledger, no work folder
    (tmp_path / "x.docx").write_text("?")
    result = run("code", tmp_path / "x.docx", "-o", out, *MINI)
    assert result.exit_code == 2 and "unknown input type '.docx'" in result.output


def test_output_reads_back_in_pyarrow_and_duckdb(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    (tmp_path / "d.jsonl").write_text(json.dumps({"id": "d", "date": "2025-09-06", "text": "Kim Jong Un will back Beijing. Russia attacked Ukraine."}))
    out = tmp_path / "o.parquet"
    assert run("code", tmp_path / "d.jsonl", "-o", out, *MINI).exit_code == 0
    schema = pq.read_schema(out)
    assert str(schema.field("date").type) == "date32[day]" and str(schema.field("quad_class").type) == "int8"
    got = duckdb.sql(f"select date, code, typeof(date) as t, typeof(code) as c from '{out}' order by sentence").fetchall()
    assert [(str(d), code, t, c) for d, code, t, c in got] == [
        ("2025-09-06", "032", "DATE", "VARCHAR"), ("2025-09-06", "190", "DATE", "VARCHAR")]


def test_duplicate_ids_are_coded_with_a_warning(tmp_path):
    (tmp_path / "d.jsonl").write_text("\n".join(json.dumps({"id": "x", "text": "Russia attacked Ukraine."}) for _ in range(2)))
    result = subprocess.run([sys.executable, "-m", "coder", "code", str(tmp_path / "d.jsonl"), "-o", str(tmp_path / "o.parquet"), *MINI],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and "warning: document id 'x' appears more than once" in result.stderr
    assert len(rows(tmp_path / "o.parquet")) == 2


def test_an_unwritable_output_names_the_output(tmp_path):
    (tmp_path / "d.txt").write_text("Russia attacked Ukraine.")
    result = run("code", tmp_path / "d.txt", "-o", tmp_path / "no" / "such" / "o.parquet", *MINI)
    assert result.exit_code == 2 and f"{tmp_path / 'no' / 'such' / 'o.parquet'}: cannot write the output" in result.output
    assert ".partial" not in result.output
