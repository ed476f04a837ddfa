"""Scale: batches, worker processes, partitioned output, the dask engine and progress give the same rows."""

from __future__ import annotations

import io
import json
import random
from concurrent.futures import ProcessPoolExecutor

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest
from rich.console import Console
from typer.testing import CliRunner

from coder.cli import app
from coder.cli.progress import CodingProgress
from coder.io.readers import Columns, JsonLine, read_inputs, read_line
from coder.run.batches import Batch, BatchResult, batched
from tests.conftest import DATA

MINI = ["-c", str(DATA / "mini")]
SENTENCES = ["Russia attacked Ukraine.", "Putin praised Xi.", "Russian troops attacked Kyiv.",
             "Putin met Xi in Beijing.", "The weather was mild.", "Ukraine criticized Russia."]


def run(*args, input=None):
    return CliRunner().invoke(app, [str(a) for a in args], input=input)


def corpus(path, documents=120, bad_line=None, seed=5):
    """JSON lines of 1-4 sentences with dates over two years; `bad_line` (1-based) is broken JSON."""
    rnd = random.Random(seed)
    lines = []
    for n in range(documents):
        date = f"{rnd.choice([2023, 2024])}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}" if n % 9 else None
        text = " ".join(rnd.choice(SENTENCES) for _ in range(rnd.randint(1, 4)))
        lines.append(json.dumps({"id": f"d{n}", "date": date, "text": text}))
    if bad_line:
        lines[bad_line - 1] = "{not json"
    path.write_text("\n".join(lines) + "\n")
    return path


def frame(path):
    return pd.read_parquet(path)


def test_batches_are_bounded_and_keep_order(tmp_path):
    docs = read_inputs([str(corpus(tmp_path / "c.jsonl", 25, bad_line=3))])
    batches = list(batched(docs, 10))
    assert [len(b.items) for b in batches] == [10, 10, 5]
    first = batches[0].items   # in input order, the broken line where it stands
    assert first[2].origin.endswith("c.jsonl:3") and first[3].doc_id == "d3"
    assert [type(d).__name__ for d in first[:4]] == ["Document", "Document", "DocumentError", "Document"]


def test_jobs_1_and_2_give_the_same_rows_in_the_same_order(tmp_path, monkeypatch):
    import coder.run.local as local

    pools = []
    monkeypatch.setattr(local, "ProcessPoolExecutor", lambda *a, **k: pools.append(a) or ProcessPoolExecutor(*a, **k))
    source = corpus(tmp_path / "c.jsonl", bad_line=7)
    results = {}
    for jobs in (1, 2):
        out = tmp_path / f"j{jobs}.parquet"
        result = run("code", source, "-o", out, *MINI, "--jobs", jobs, "--batch-size", 10, "--text")
        assert result.exit_code == 1 and "c.jsonl:7: not valid JSON" in result.output, result.output
        assert "documents: 120 (119 coded, 1 with errors, 0 skipped" in result.output
        results[jobs] = frame(out)
    assert len(results[1]) > 100 and pools == [(2,)]  # --jobs 2 coded in two worker processes
    pd.testing.assert_frame_equal(results[1], results[2])
    assert pq.read_schema(tmp_path / "j2.parquet").metadata[b"coder.codebook.name"] == b"mini"


def test_spawned_workers_code_the_same_rows(tmp_path, monkeypatch, mini):
    """Where fork is not used (macOS, Windows) workers are spawned and sent the codebook: same rows."""
    import coder.run.local as local

    source = str(corpus(tmp_path / "c.jsonl", 40))
    docs = list(read_inputs([source]))
    here = [b.events for b in local.code_local(mini, docs, jobs=1, batch_size=10)]
    monkeypatch.setattr(local, "start_method", lambda: "spawn")
    spawned = [b.events for b in local.code_local(mini, read_inputs([source], unparsed=True), jobs=2, batch_size=10)]
    assert len(spawned) == 4 and [t.to_pylist() for t in spawned] == [t.to_pylist() for t in here]


def test_workers_share_each_batch_and_parse_its_lines_themselves(tmp_path, monkeypatch, mini):
    """A batch is split among the workers; they are sent the JSON lines as read, and a broken line is still
    reported with its line number while the others are coded, in input order."""
    import coder.run.local as local

    shares = []
    monkeypatch.setattr(local, "_SHARE", 10)
    real_split = Batch.split
    monkeypatch.setattr(Batch, "split", lambda self, parts: shares.append(parts) or real_split(self, parts))
    source = str(corpus(tmp_path / "c.jsonl", 75, bad_line=33))
    here = list(local.code_local(mini, read_inputs([source]), jobs=1, batch_size=25))
    pooled = list(local.code_local(mini, read_inputs([source], unparsed=True), jobs=2, batch_size=25))
    assert shares == [2, 2, 2]
    assert [str(e) for b in pooled for e in b.errors] == [f"{source}:33: not valid JSON (Expecting property name "
                                                          "enclosed in double quotes at character 2)"]
    for mine, theirs in zip(pooled, here):
        assert mine.events.to_pylist() == theirs.events.to_pylist()   # the ledger's `input` is numbered by the caller
        assert mine.ledger.drop_columns(["input"]).equals(theirs.ledger.drop_columns(["input"]))
        assert (mine.sentences, mine.roots, mine.errors) == (theirs.sentences, theirs.roots, theirs.errors)
    assert sum(b.documents for b in pooled) == 75


def test_a_line_read_unparsed_is_read_as_it_would_be_parsed(tmp_path):
    source = tmp_path / "c.jsonl"
    source.write_bytes(b'\xef\xbb\xbf{"id": "bom", "text": "x"}\n{"id": "a", "text": "caf\xe9 Putin."}\r\n\n \xe3\x80\x80\n'
                       b'[1, 2]\n{"id": 3, "text": "Xi.", "date": "2024-02-30"}\r{"text": "no id"}\n{"id": "b", "text": 7}')
    parsed = list(read_inputs([str(source)]))
    unparsed = list(read_inputs([str(source)], unparsed=True))
    assert all(isinstance(line, JsonLine) for line in unparsed) and len(unparsed) == len(parsed) == 6
    assert [read_line(line, Columns()) for line in unparsed] == parsed
    assert [p.origin.rsplit(":", 1)[1] for p in parsed] == ["1", "2", "5", "6", "7", "8"]


@pytest.mark.parametrize("by, first", [("month", "year=2023/month=1"), ("year", "year=2023")])
def test_a_partitioned_dataset_reads_back_as_one_table(tmp_path, by, first):
    source = corpus(tmp_path / "c.jsonl")
    assert run("code", source, "-o", tmp_path / "one.parquet", *MINI, "-q").exit_code == 0
    out = tmp_path / "events"
    result = run("code", source, "-o", out, *MINI, "--partition-by", by, "--batch-size", 7, "--jobs", 1)
    assert result.exit_code == 0, result.output
    assert (out / first / "part-0.parquet").is_file() and (out / "year=0").is_dir()
    part = next(out.rglob("*.parquet"))
    assert pq.read_schema(part).metadata[b"coder.codebook.name"] == b"mini"
    key = ["doc_id", "sentence", "code", "source", "target"]
    one = frame(tmp_path / "one.parquet").sort_values(key, ignore_index=True)
    whole = pd.read_parquet(out)
    assert str(whole["year"].dtype) == "category"
    pd.testing.assert_frame_equal(whole[one.columns].sort_values(key, ignore_index=True), one)
    dated = one["date"].notna()
    assert ((whole["year"] == 0).sum(), len(whole)) == ((~dated).sum(), len(one))
    counts = duckdb.sql(f"SELECT year, count(*) FROM read_parquet('{out}/**/*.parquet', hive_partitioning=true) "
                        "GROUP BY year ORDER BY year").fetchall()
    years = pd.to_datetime(one["date"]).dt.year
    assert counts == [(0, (~dated).sum()), (2023, (years == 2023).sum()), (2024, (years == 2024).sum())]


def test_partition_buffers_are_bounded_and_written_in_order(tmp_path, monkeypatch):
    from coder.io.parquet import PartitionedEventWriter

    source = corpus(tmp_path / "c.jsonl")
    assert run("code", source, "-o", tmp_path / "one.parquet", *MINI, "-q").exit_code == 0
    monkeypatch.setattr(PartitionedEventWriter, "FLUSH_ROWS", 4)
    monkeypatch.setattr(PartitionedEventWriter, "BUFFERED_ROWS", 10)
    assert run("code", source, "-o", tmp_path / "events", *MINI, "--partition-by", "year", "--batch-size", 5,
               "--jobs", 1).exit_code == 0
    one = frame(tmp_path / "one.parquet")
    for year in (2023, 2024):
        part = tmp_path / "events" / f"year={year}" / "part-0.parquet"
        assert pq.ParquetFile(part).metadata.num_row_groups > 3
        expected = one[pd.to_datetime(one["date"]).dt.year == year].reset_index(drop=True)
        pd.testing.assert_frame_equal(pd.read_parquet(part), expected)  # input order within a partition


def test_a_partitioned_dataset_is_never_written_over_a_full_folder(tmp_path):
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "keep.txt").write_text("mine")
    result = run("code", corpus(tmp_path / "c.jsonl", 5), "-o", tmp_path / "events", *MINI, "--partition-by", "year")
    assert result.exit_code == 2 and "already exists" in result.output and len(result.output.splitlines()) == 1
    assert [p.name for p in (tmp_path / "events").iterdir()] == ["keep.txt"]


def test_options_that_do_not_go_together_are_one_line_and_exit_2(tmp_path):
    source = corpus(tmp_path / "c.jsonl", 5)
    result = run("code", source, "-o", tmp_path / "o.parquet", *MINI, "--scheduler", "tcp://127.0.0.1:1")
    assert result.exit_code == 2 and result.output.strip() == "error: --scheduler goes with --engine dask"
    assert run("code", source, "-o", tmp_path / "o.parquet", *MINI, "--jobs", 0).exit_code == 2


def test_progress_shows_rates_on_a_terminal_and_nothing_elsewhere(tmp_path):
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=200)
    with CodingProgress(console=console) as progress:
        from coder.io.parquet import ledger_table

        ledger = ledger_table([("a", "a.txt", "coded", None, 2, 2), ("b", "b.txt", "coded", None, 3, 1)])
        batch = BatchResult([], 5, _table(3), ledger)
        progress.advance(batch)
    shown = screen.getvalue()
    assert "documents 2 (" in shown and "sentences 5 (" in shown and "events 3 (" in shown and "/s)" in shown
    assert (progress.documents, progress.sentences, progress.events) == (2, 5, 3)
    quiet = io.StringIO()
    with CodingProgress(quiet=True, console=Console(file=quiet, force_terminal=True)) as progress:
        progress.advance(batch)
    assert quiet.getvalue() == ""
    result = run("code", corpus(tmp_path / "c.jsonl", 5), "-o", tmp_path / "o.parquet", *MINI)
    assert "sentences/s" in result.stdout and "documents" not in result.stderr  # not a terminal: summary only
    quiet_run = run("code", corpus(tmp_path / "c.jsonl", 5), "-o", tmp_path / "o.parquet", *MINI, "-q")
    assert quiet_run.output == ""


def _table(rows):
    import pyarrow as pa

    from coder.io.parquet import event_schema

    row = {"doc_id": "a", "sentence": 0, "source": "RUS", "code": "190", "root_code": "19",
           "source_text": "Russia", "trigger_text": "attacked", "rule_id": "x"}
    return pa.Table.from_pylist([row] * rows, event_schema())
