"""The dask engine on a LocalCluster: the same rows as the local engine, partition by partition."""

from __future__ import annotations

import sys

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from coder.cli import app
from coder.io.readers import Columns
from tests.conftest import DATA
from tests.test_scale import MINI, corpus

distributed = pytest.importorskip("distributed")


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


def local_rows(tmp_path, source):
    out = tmp_path / "local.parquet"
    assert run("code", source, "-o", out, *MINI, "--jobs", 1, "-q").exit_code in (0, 1)
    return pd.read_parquet(out)


def test_parquet_row_groups_give_the_local_rows(tmp_path, scheduler):
    source = tmp_path / "c.parquet"
    table = pa.Table.from_pandas(pd.read_json(corpus(tmp_path / "c.jsonl"), lines=True, dtype={"id": str, "date": str}))
    pq.write_table(table, source, row_group_size=25)
    assert pq.ParquetFile(source).metadata.num_row_groups == 5
    out = tmp_path / "dask.parquet"
    result = run("code", source, "-o", out, *MINI, "--engine", "dask", "--scheduler", scheduler)
    assert result.exit_code == 0, result.output
    assert "documents: 120 (120 coded, 0 with errors, 0 skipped" in result.output
    pd.testing.assert_frame_equal(pd.read_parquet(out), local_rows(tmp_path, source))
    assert pq.read_schema(out).metadata[b"coder.codebook.name"] == b"mini"


def test_json_lines_blocks_give_the_local_rows_and_errors(tmp_path, scheduler):
    from coder import Coder
    from coder.run.dask_engine import code_dask

    source = corpus(tmp_path / "c.jsonl", bad_line=50)
    batches = list(code_dask(Coder(DATA / "mini"), [str(source)], Columns(), scheduler, block_bytes=700))
    assert len(batches) > 5  # cut at line ends, with lines across the cuts
    assert [str(e) for b in batches for e in b.errors] == [f"{source}:50: not valid JSON (Expecting property name enclosed in double quotes at character 2)"]
    assert sum(b.ledger.num_rows for b in batches) == 120   # 119 documents and the broken line
    rows = pa.concat_tables([b.events for b in batches]).to_pandas()
    pd.testing.assert_frame_equal(rows, local_rows(tmp_path, source))
    # the ledger too: the same rows as the local engine's (numbered by the CLI), sources with file lines
    ledger = pa.concat_tables([b.ledger for b in batches]).to_pandas().drop(columns=["input"])
    local = pd.read_parquet(tmp_path / "local.documents.parquet").drop(columns=["input"])
    pd.testing.assert_frame_equal(ledger, local)


def test_dask_engine_inputs_it_cannot_read_and_a_missing_extra(tmp_path, monkeypatch, scheduler):
    story = tmp_path / "s.txt"
    story.write_text("Russia attacked Ukraine.")
    result = run("code", story, "-o", tmp_path / "o.parquet", *MINI, "--engine", "dask", "--scheduler", scheduler)
    assert result.exit_code == 2 and len(result.output.splitlines()) == 1
    assert "the dask engine reads .parquet and .jsonl/.ndjson files" in result.output
    monkeypatch.setitem(sys.modules, "distributed", None)
    result = run("code", corpus(tmp_path / "c.jsonl", 3), "-o", tmp_path / "o.parquet", *MINI, "--engine", "dask")
    assert result.exit_code == 2
    assert result.output.strip() == "error: the dask engine needs dask and distributed: pip install 'coder[dask]'"


def test_without_a_scheduler_it_starts_a_local_cluster_of_jobs_processes(tmp_path):
    source = corpus(tmp_path / "c.jsonl", 30)
    out = tmp_path / "dask.parquet"
    result = run("code", source, "-o", out, *MINI, "--engine", "dask", "--jobs", 1)
    assert result.exit_code == 0, result.output
    pd.testing.assert_frame_equal(pd.read_parquet(out), local_rows(tmp_path, source))


def test_a_resumed_dask_run_codes_only_the_partitions_not_done(tmp_path, scheduler):
    from coder import Coder
    from coder.run.dask_engine import code_dask

    source = corpus(tmp_path / "c.jsonl", bad_line=90)
    coder = Coder(DATA / "mini")
    every = list(code_dask(coder, [str(source)], Columns(), scheduler, block_bytes=700))
    rest = list(code_dask(coder, [str(source)], Columns(), scheduler, block_bytes=700, skip=4))
    assert len(rest) == len(every) - 4
    for mine, theirs in zip(rest, every[4:]):
        assert mine.events.equals(theirs.events) and mine.ledger.equals(theirs.ledger)
    assert [str(e) for b in rest for e in b.errors] == [str(e) for b in every for e in b.errors]   # line 90, as numbered
