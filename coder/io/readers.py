"""Readers: .txt stories, folders of them, JSON lines, CSV and Parquet tables, stdin -> Documents."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, TextIO

from coder.errors import InputError
from coder.text.dateline import BadDate, parse_date, read_dateline
from coder.text.records import Document, DocumentError

Read = Iterator["Document | DocumentError"]


@dataclass(frozen=True)
class Columns:
    """Which columns of a table hold the id, the date and the text."""

    id: str = "id"
    date: str = "date"
    text: str = "text"


def read_inputs(inputs: Iterable[str], columns: Columns = Columns(), stdin: TextIO | None = None) -> Read:
    """Every document of every input, in order; unreadable ones as DocumentError, never raised."""
    for name in inputs:
        if name == "-":
            yield from _jsonl_lines(stdin or sys.stdin, "<stdin>", columns)
            continue
        path = Path(name)
        if path.is_dir():
            stories = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not stories:
                yield DocumentError("", str(path), "folder has no .txt stories")
            for story in stories:
                yield read_story(story)
        elif not path.exists():
            yield DocumentError("", str(path), "no such file or folder")
        else:
            reader = READERS.get(path.suffix.lower())
            if reader is None:
                raise InputError(f"{path}: unknown input type {path.suffix!r}; use .txt, .jsonl, .ndjson, .csv, .parquet or a folder")
            yield from reader(path, columns)


def read_story(path: Path) -> Document | DocumentError:
    """A .txt story: its stem is its id; a first-line dateline gives its date."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return DocumentError(path.stem, str(path), f"not UTF-8 text (invalid byte at offset {exc.start})")
    if not text.strip():
        return DocumentError(path.stem, str(path), "empty document")
    try:
        date, _place, body = read_dateline(text)
    except BadDate as exc:
        return DocumentError(path.stem, f"{path}:1", str(exc))
    return Document(path.stem, date, body, str(path))


def record_document(record: dict, columns: Columns, origin: str) -> Document | DocumentError:
    """A table row -> Document; a missing id or text, or a bad date, is a DocumentError."""
    doc_id = record.get(columns.id)
    doc_id = "" if doc_id is None else doc_id if isinstance(doc_id, str) else str(doc_id)
    if not doc_id:
        return DocumentError("", origin, f"no {columns.id!r} value")
    text = record.get(columns.text)
    if not isinstance(text, str):
        return DocumentError(doc_id, origin, f"no {columns.text!r} text")
    if not text.strip():
        return DocumentError(doc_id, origin, "empty document")
    try:
        date = _date_value(record.get(columns.date))
    except BadDate as exc:
        return DocumentError(doc_id, origin, str(exc))
    return Document(doc_id, date, text, origin)


def _date_value(value) -> dt.date | None:
    if value is None or value == "" or value != value:  # None, empty, NaN
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse_date(str(value))


def _jsonl(path: Path, columns: Columns) -> Read:
    try:
        with path.open(encoding="utf-8") as handle:
            yield from _jsonl_lines(handle, str(path), columns)
    except UnicodeDecodeError as exc:
        yield DocumentError("", str(path), f"not UTF-8 text (invalid byte at offset {exc.start}); documents after it were not read")


def _jsonl_lines(handle: TextIO, name: str, columns: Columns) -> Read:
    for number, line in enumerate(handle, 1):
        if not line.strip():
            continue
        origin = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield DocumentError("", origin, f"not valid JSON ({exc.msg})")
            continue
        if not isinstance(record, dict):
            yield DocumentError("", origin, "a line must be a JSON object")
            continue
        yield record_document(record, columns, origin)


def _csv(path: Path, columns: Columns) -> Read:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for number, record in enumerate(csv.DictReader(handle), 2):
                yield record_document(record, columns, f"{path}:{number}")
    except UnicodeDecodeError as exc:
        yield DocumentError("", str(path), f"not UTF-8 text (invalid byte at offset {exc.start}); documents after it were not read")


def _parquet(path: Path, columns: Columns) -> Read:
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
        yield DocumentError("", str(path), f"not a readable Parquet file ({exc})")
        return
    wanted = [c for c in (columns.id, columns.date, columns.text) if c in table.schema_arrow.names]
    row = 0
    for batch in table.iter_batches(batch_size=10_000, columns=wanted):
        for record in batch.to_pylist():
            yield record_document(record, columns, f"{path}:row {row}")
            row += 1


READERS: dict[str, Callable[[Path, Columns], Read]] = {
    ".txt": lambda path, columns: iter([read_story(path)]),
    ".jsonl": _jsonl,
    ".ndjson": _jsonl,
    ".csv": _csv,
    ".parquet": _parquet,
}
