"""The dask engine: a Parquet or JSON-lines dataset coded on a dask.distributed cluster, one task per partition.

A partition is a Parquet row group or a block of a JSON-lines file (cut at line ends). Each task reads
its partition on a worker with the same reader as the local engine, codes it with the compiled codebook
(scattered to every worker once) and returns an Arrow table; the client writes the tables in input
order, so the rows are those of the local engine. dask and distributed are an optional extra.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import pyarrow as pa

from coder.errors import CoderError, InputError
from coder.io.readers import Columns, jsonl_lines, record_document
from coder.pipeline import Coder
from coder.run.batches import BatchResult, code_batch, root_counts
from coder.text.records import DocumentError

BLOCK_BYTES = 64 * 2**20
SUFFIXES = {".parquet": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl"}


@dataclass(frozen=True)
class Partition:
    """One task's input: a row group of a Parquet file, or bytes [start, end) of a JSON-lines file."""

    kind: str  # "parquet" or "jsonl"
    path: str
    index: int = 0  # the row group
    first_row: int = 0
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class PartitionResult:
    """A partition coded on a worker; `lines` (JSON lines) lets the client number error lines in the file."""

    errors: list[DocumentError]
    sentences: int
    events: object  # pa.Table
    ledger: object  # pa.Table
    lines: int = 0


def code_dask(coder: Coder, inputs: Iterable[str], columns: Columns = Columns(), scheduler: str | None = None,
              jobs: int = 1, sentence_text: bool = False, block_bytes: int = BLOCK_BYTES,
              skip: int = 0) -> Iterator[BatchResult]:
    """Code every partition of the inputs on the cluster at `scheduler` (None: a local cluster of `jobs`
    processes), yielding one BatchResult per partition in input order; the first `skip` results (a
    resumed run's finished ones) are neither coded nor yielded."""
    distributed = _import_distributed()
    parts, problems = partitions(inputs, columns, block_bytes)
    line_offsets: dict[str, int] = {}
    for part in parts[:skip]:   # the error lines of later blocks are numbered from these blocks' lines
        if part.kind == "jsonl":
            line_offsets[part.path] = line_offsets.get(part.path, 0) + len(_block_lines(part))
    problems = problems[max(0, skip - len(parts)):]
    with _client(distributed, scheduler, jobs) as client:
        book = client.scatter(coder.compiled, broadcast=True)
        window = 2 * max(sum(client.nthreads().values()), 1)
        pending: deque = deque()
        for part in parts[skip:]:
            pending.append((part, client.submit(code_partition, part, book, columns, sentence_text, pure=False)))
            if len(pending) >= window:
                yield _collect(*pending.popleft(), line_offsets)
        while pending:
            yield _collect(*pending.popleft(), line_offsets)
    for problem in problems:
        yield BatchResult([problem], 0, _empty(sentence_text), _error_ledger(problem))


def _import_distributed():
    try:
        import dask  # noqa: F401
        import distributed
    except ImportError:
        raise CoderError("the dask engine needs dask and distributed: pip install 'coder[dask]'") from None
    return distributed


def _client(distributed, scheduler: str | None, jobs: int):
    if scheduler is None:
        cluster = distributed.LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                           dashboard_address=":0")
        return _LocalClient(distributed.Client(cluster), cluster)
    try:
        return distributed.Client(scheduler, timeout="10s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise CoderError(f"cannot reach the dask scheduler at {scheduler} ({exc})") from None


class _LocalClient:
    """A client with the local cluster it started: both closed together."""

    def __init__(self, client, cluster):
        self.client, self.cluster = client, cluster

    def __enter__(self):
        return self.client

    def __exit__(self, *exc):
        self.client.close()
        self.cluster.close()


def _collect(part: Partition, future, line_offsets: dict[str, int]) -> BatchResult:
    coded: PartitionResult = future.result()
    errors = coded.errors
    if part.kind == "jsonl":
        offset = line_offsets.get(part.path, 0)
        errors = [DocumentError(e.doc_id, _in_file(e.origin, part.path, offset), e.reason) for e in errors]
        line_offsets[part.path] = offset + coded.lines
        sources = [_in_file(s, part.path, offset) for s in coded.ledger.column("source").to_pylist()]
        coded = dataclasses.replace(coded, ledger=coded.ledger.set_column(
            coded.ledger.schema.get_field_index("source"), coded.ledger.schema.field("source"), pa.array(sources)))
    return BatchResult(errors, coded.sentences, coded.events, coded.ledger, root_counts(coded.events))


def _error_ledger(problem: DocumentError):
    from coder.io.parquet import ledger_table

    return ledger_table([(problem.doc_id or None, problem.origin, "error", problem.reason, 0, 0)])


def _in_file(origin: str, path: str, offset: int) -> str:
    """"path:n" at line n of a block -> line offset + n of the file, as the local engine reports it."""
    line = origin.rpartition(":")[2]
    return f"{path}:{offset + int(line)}" if line.isdigit() else origin


def _empty(sentence_text: bool):
    from coder.io.parquet import event_schema

    return event_schema(sentence_text).empty_table()


def partitions(inputs: Iterable[str], columns: Columns, block_bytes: int) -> tuple[list[Partition], list[DocumentError]]:
    """The partitions of every input file (a folder: its .parquet and .jsonl files, sorted), and the files
    that cannot be read at all."""
    parts: list[Partition] = []
    problems: list[DocumentError] = []
    for path in _files(inputs):
        if SUFFIXES[path.suffix.lower()] == "jsonl":
            size = path.stat().st_size
            parts.extend(Partition("jsonl", str(path), start=s, end=min(s + block_bytes, size))
                         for s in range(0, size, block_bytes))
            continue
        found, problem = _row_groups(path, columns)
        parts.extend(found)
        problems.extend([problem] if problem else [])
    return parts, problems


def _files(inputs: Iterable[str]) -> list[Path]:
    files = []
    for name in inputs:
        path = Path(name)
        if name == "-" or (path.is_file() and path.suffix.lower() not in SUFFIXES):
            raise InputError(f"{name}: the dask engine reads .parquet and .jsonl/.ndjson files, or folders of them")
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES))
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{name}: no such file or folder")
    return files


def _row_groups(path: Path, columns: Columns) -> tuple[list[Partition], DocumentError | None]:
    import pyarrow.parquet as pq

    try:
        metadata = pq.ParquetFile(path).metadata
        names = pq.read_schema(path).names
    except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
        return [], DocumentError("", str(path), f"not a readable Parquet file ({exc})")
    problem = columns.header_error(str(path), names)
    if problem:
        return [], problem
    parts, first = [], 0
    for index in range(metadata.num_row_groups):
        parts.append(Partition("parquet", str(path), index=index, first_row=first))
        first += metadata.row_group(index).num_rows
    return parts, None


def code_partition(part: Partition, compiled, columns: Columns, sentence_text: bool) -> PartitionResult:
    """The task: read one partition, code it. Runs on a worker."""
    read = _read_parquet(part, columns) if part.kind == "parquet" else _read_jsonl(part, columns)
    docs, lines = read
    coded = code_batch(Coder(compiled), docs, sentence_text)
    return PartitionResult([d for d in docs if isinstance(d, DocumentError)], coded.sentences, coded.events,
                           coded.ledger, lines)


def _read_parquet(part: Partition, columns: Columns) -> tuple[list, int]:
    import pyarrow.parquet as pq

    table = pq.ParquetFile(part.path)
    wanted = [c for c in (columns.id, columns.date, columns.text) if c in table.schema_arrow.names]
    records = table.read_row_group(part.index, columns=wanted).to_pylist()
    return [record_document(r, columns, f"{part.path}:row {part.first_row + i}") for i, r in enumerate(records)], 0


def _read_jsonl(part: Partition, columns: Columns) -> tuple[list, int]:
    lines = [raw.decode("utf-8", errors="surrogateescape") for raw in _block_lines(part)]   # as the local reader
    return list(jsonl_lines(lines, part.path, columns)), len(lines)


def _block_lines(part: Partition) -> list[bytes]:
    """The lines that start in [start, end): a line cut by `start` belongs to the block before."""
    with open(part.path, "rb") as handle:
        if part.start:
            handle.seek(part.start - 1)
            if handle.read(1) != b"\n":
                handle.readline()
        position, chunks = handle.tell(), []
        while position < part.end and (line := handle.readline()):
            chunks.append(line)
            position += len(line)
    return chunks


