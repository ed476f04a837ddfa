"""The output table: an explicit Arrow schema, written to Parquet with the codebook's provenance: one file,
or a hive-partitioned dataset (year=/month= of the event date) that pandas, R arrow and DuckDB read as one table."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from coder.codebook.load import Codebook
from coder.events import Event, event_columns

EVENT_FIELDS = [
    pa.field("doc_id", pa.string(), nullable=False),
    pa.field("sentence", pa.int32(), nullable=False),
    pa.field("date", pa.date32()),
    pa.field("source", pa.string(), nullable=False),
    pa.field("target", pa.string()),
    pa.field("code", pa.string(), nullable=False),
    pa.field("root_code", pa.string(), nullable=False),
    pa.field("quad_class", pa.int8()),
    pa.field("goldstein", pa.float64()),
    pa.field("source_text", pa.string(), nullable=False),
    pa.field("target_text", pa.string()),
    pa.field("trigger_text", pa.string(), nullable=False),
    pa.field("rule_id", pa.string(), nullable=False),
]
SENTENCE_FIELD = pa.field("sentence_text", pa.string())

# The ledger: one row per input document, whatever became of it (docs/output.md, "The ledger").
LEDGER_FIELDS = [
    pa.field("input", pa.int64(), nullable=False),
    pa.field("doc_id", pa.string()),
    pa.field("source", pa.string(), nullable=False),
    pa.field("status", pa.string(), nullable=False),
    pa.field("reason", pa.string()),
    pa.field("sentences", pa.int32(), nullable=False),
    pa.field("events", pa.int32(), nullable=False),
]
LEDGER_STATUSES = ("coded", "no_events", "skipped", "error")


def ledger_schema(metadata: dict[str, str] | None = None) -> pa.Schema:
    return pa.schema(LEDGER_FIELDS, metadata=metadata)


def ledger_table(rows: list[tuple], first_input: int = 0) -> pa.Table:
    """Ledger rows (doc_id, source, status, reason, sentences, events), numbered from `first_input`."""
    names = [f.name for f in LEDGER_FIELDS[1:]]
    columns = {"input": list(range(first_input, first_input + len(rows))),
               **{name: [row[k] for row in rows] for k, name in enumerate(names)}}
    return pa.Table.from_pydict(columns, schema=ledger_schema())


def ledger_path(output: str | Path) -> Path:
    """Where the ledger of an output goes: beside it, OUT.documents.parquet (a dataset folder OUT too)."""
    output = Path(output)
    stem = output.name[: -len(".parquet")] if output.name.endswith(".parquet") else output.name
    return output.with_name(f"{stem}.documents.parquet")


def event_schema(sentence_text: bool = False, metadata: dict[str, str] | None = None) -> pa.Schema:
    fields = EVENT_FIELDS + ([SENTENCE_FIELD] if sentence_text else [])
    return pa.schema(fields, metadata=metadata)


def provenance(codebook: Codebook) -> dict[str, str]:
    from coder import __version__

    return {
        "coder.version": __version__,
        "coder.codebook.name": codebook.info.name,
        "coder.codebook.version": codebook.info.version,
        "coder.codebook.hash": codebook.content_hash,
        "coder.codebook.folders": json.dumps(list(codebook.folders)),
    }


def prepare() -> None:
    """Pay pyarrow's start-up before coding: its first conversion of Python values imports pandas
    (about 0.2 s) when pandas is installed. A run calls this before it starts the clock and before
    worker processes are forked, which then inherit the import instead of each repeating it."""
    pa.array([0])


def events_table(events: Iterable[Event], schema: pa.Schema) -> pa.Table:
    columns = event_columns(list(events))
    return pa.Table.from_pydict({f.name: columns[f.name] for f in schema}, schema=schema)


class EventWriter:
    """Writes event batches to a temporary file and renames it into place only when closed cleanly.
    Batches are gathered into row groups of about ROW_GROUP_ROWS rows: a reader reads large row groups
    faster, and writing few is cheaper than writing many small ones."""

    ROW_GROUP_ROWS = 65_536

    def __init__(self, path: str | Path, codebook: Codebook, sentence_text: bool = False):
        self._open(path, event_schema(sentence_text, provenance(codebook)))

    def _open(self, path: str | Path, schema: pa.Schema) -> None:
        self.path = Path(path)
        self.schema = schema
        self._partial = self.path.with_name(f".{self.path.name}.{os.getpid()}.partial")
        self._writer = pq.ParquetWriter(self._partial, self.schema)
        self._pending: list[pa.Table] = []
        self._pending_rows = 0
        self.rows = 0

    def write(self, events: list[Event]) -> None:
        if events:
            self.write_table(events_table(events, self.schema))

    def write_table(self, table: pa.Table) -> None:
        """Append a table of events (the output columns)."""
        if table.num_rows:
            self._pending.append(table.replace_schema_metadata(self.schema.metadata))
            self._pending_rows += table.num_rows
            self.rows += table.num_rows
            if self._pending_rows >= self.ROW_GROUP_ROWS:
                self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._writer.write_table(pa.concat_tables(self._pending), row_group_size=max(self._pending_rows, 1))
            self._pending, self._pending_rows = [], 0

    def close(self) -> None:
        self._flush()
        self._writer.close()
        os.replace(self._partial, self.path)

    def abort(self) -> None:
        self._writer.close()
        self._partial.unlink(missing_ok=True)

    def __enter__(self) -> "EventWriter":
        return self

    def __exit__(self, kind, exc, tb) -> None:
        self.abort() if kind else self.close()


class LedgerWriter(EventWriter):
    """Writes the ledger (one row per input document) as EventWriter writes events: whole, or not at all."""

    def __init__(self, path: str | Path, codebook: Codebook):
        self._open(path, ledger_schema(provenance(codebook)))


PARTITIONS = {"year": ("year",), "month": ("year", "month")}
UNDATED = "0"  # undated events: year=0 (month=0); a null key (hive's default partition) breaks pandas' reading


class PartitionedEventWriter:
    """Writes events as a hive-partitioned dataset: OUT/year=2024/month=3/part-0.parquet, each file with the
    schema and metadata of EventWriter. Rows keep input order within a partition. The folder is written
    under a temporary name and renamed into place when closed cleanly; an existing non-empty folder is refused."""

    FLUSH_ROWS = 10_000  # rows buffered per partition before a row group is written
    BUFFERED_ROWS = 50_000  # rows buffered in all: past that every partition is written (memory stays bounded)

    def __init__(self, path: str | Path, codebook: Codebook, partition_by: str = "month", sentence_text: bool = False):
        from coder.errors import CoderError

        self.path = Path(path)
        if self.path.is_file() or (self.path.is_dir() and any(self.path.iterdir())):
            raise CoderError(f"{self.path}: already exists; a partitioned dataset is written to a new or empty folder")
        self.keys = PARTITIONS[partition_by]
        self.schema = event_schema(sentence_text, provenance(codebook))
        self._partial = self.path.with_name(f".{self.path.name}.{os.getpid()}.partial")
        self._partial.mkdir()
        self._writers: dict[tuple[str, ...], pq.ParquetWriter] = {}
        self._buffers: dict[tuple[str, ...], list[pa.Table]] = {}
        self._buffered = 0
        self.rows = 0

    def write(self, events: list[Event]) -> None:
        self.write_table(events_table(events, self.schema))

    def write_table(self, table: pa.Table) -> None:
        if not table.num_rows:
            return
        table = table.replace_schema_metadata(self.schema.metadata)
        groups: dict[tuple[str, ...], list[int]] = {}
        for row, key in enumerate(partition_keys(table.column("date").to_pylist(), self.keys)):
            groups.setdefault(key, []).append(row)
        for key, rows in groups.items():
            buffer = self._buffers.setdefault(key, [])
            buffer.append(table.take(rows))
            self._buffered += len(rows)
            if sum(t.num_rows for t in buffer) >= self.FLUSH_ROWS:
                self._flush(key)
        if self._buffered >= self.BUFFERED_ROWS:
            for key in list(self._buffers):
                self._flush(key)
        self.rows += table.num_rows

    def _flush(self, key: tuple[str, ...]) -> None:
        tables = self._buffers.pop(key, [])
        if not tables:
            return
        self._buffered -= sum(t.num_rows for t in tables)
        if key not in self._writers:
            folder = self._partial.joinpath(*(f"{name}={value}" for name, value in zip(self.keys, key)))
            folder.mkdir(parents=True, exist_ok=True)
            self._writers[key] = pq.ParquetWriter(folder / "part-0.parquet", self.schema)
        self._writers[key].write_table(pa.concat_tables(tables))

    def close(self) -> None:
        for key in list(self._buffers):
            self._flush(key)
        for writer in self._writers.values():
            writer.close()
        if self.path.is_dir():
            self.path.rmdir()  # empty, as checked on opening
        os.replace(self._partial, self.path)

    def abort(self) -> None:
        import shutil

        for writer in self._writers.values():
            writer.close()
        shutil.rmtree(self._partial, ignore_errors=True)

    def __enter__(self) -> "PartitionedEventWriter":
        return self

    def __exit__(self, kind, exc, tb) -> None:
        self.abort() if kind else self.close()


def partition_keys(dates: list, names: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The partition of each event date: ("2024",) by year, ("2024", "3") by month; undated ones in year 0."""
    if len(names) == 1:
        return [(f"{d.year}",) if d else (UNDATED,) for d in dates]
    return [(f"{d.year}", f"{d.month}") if d else (UNDATED, UNDATED) for d in dates]
