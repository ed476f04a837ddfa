"""Readers: .txt stories, folders of them, JSON lines, CSV and Parquet tables, stdin -> Documents."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple, TextIO

from coder.errors import InputError
from coder.text.dateline import BadDate, parse_date, read_dateline
from coder.text.records import Document, DocumentError

Read = Iterator["Document | DocumentError"]


class JsonLine(NamedTuple):
    """A line of JSON lines not parsed yet (`read_inputs(..., unparsed=True)`): `read_line` parses it where
    it is coded, in a worker process, so that the process that reads the input does little more than read."""

    origin: str   # file:line
    text: str


@dataclass(frozen=True)
class Columns:
    """Which columns of a table hold the id, the date and the text. A date column that was named
    on purpose (`date_required`) must exist; the default one may be absent (undated documents)."""

    id: str = "id"
    date: str = "date"
    text: str = "text"
    date_required: bool = False

    def missing(self, names) -> list[str]:
        """The required columns that a table with these column names lacks."""
        wanted = [self.id, self.text] + ([self.date] if self.date_required else [])
        return [c for c in wanted if c not in names]

    def header_error(self, origin: str, names) -> DocumentError | None:
        missing = self.missing(names)
        if not missing:
            return None
        options = {self.id: "--id-column", self.text: "--text-column", self.date: "--date-column"}
        hint = ", ".join(f"{options[c]}" for c in missing)
        return DocumentError("", origin, f"no column {', '.join(map(repr, missing))}; the columns are "
                             f"{', '.join(map(repr, names))}: name yours with {hint}; no document of this file was read")


def read_inputs(inputs: Iterable[str], columns: Columns = Columns(), stdin: TextIO | None = None,
                unparsed: bool = False) -> Iterator[Document | DocumentError | JsonLine]:
    """Every document of every input, in order; unreadable ones as DocumentError, never raised.
    `unparsed`: the lines of JSON-lines inputs come as JsonLine, each one input, for `read_line` to parse."""
    for name in inputs:
        if name == "-":
            yield from jsonl_lines(stdin or sys.stdin, "<stdin>", columns, unparsed)
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
            yield from _jsonl(path, columns, unparsed) if reader is _jsonl else reader(path, columns)


def read_story(path: Path) -> Document | DocumentError:
    """A .txt story: its stem is its id; a first-line dateline gives its date."""
    raw = path.read_bytes()
    if looks_binary(raw):
        return DocumentError(path.stem, str(path), "a binary file, not text")
    text, notes = decode(raw)
    if not text.strip():
        return DocumentError(path.stem, str(path), "empty document")
    try:
        date, _place, body = read_dateline(text)
    except BadDate as exc:
        return DocumentError(path.stem, f"{path}:1", str(exc))
    if date is None:   # said in the ledger: actor codes then fall back to their undated codes
        notes = (*notes, "no date (a first line 'date YYYY-MM-DD Place:' gives one)")
    return Document(path.stem, date, body, str(path), notes)


_BINARY_STARTS = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"\x7fELF", b"BZh",
                  b"\xd0\xcf\x11\xe0", b"7z\xbc\xaf")


def looks_binary(raw: bytes) -> bool:
    """An image, a PDF, an archive ... by its first bytes, or by the control bytes in its first 8 KB
    (more than 1 in 10; a stray one in text is removed when the text is cleaned)."""
    if raw.startswith(_BINARY_STARTS):
        return True
    head = raw[:8192]
    odd = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and odd / len(head) > 0.1


def decode(raw: bytes) -> tuple[str, tuple[str, ...]]:
    """UTF-8 text (a byte-order mark dropped); invalid bytes become U+FFFD, and a note says how many."""
    try:
        return raw.decode("utf-8-sig"), ()
    except UnicodeDecodeError as exc:
        text, bad = _valid_text(raw.decode("utf-8-sig", errors="surrogateescape"))
        return text, (f"{bad} invalid UTF-8 byte(s) replaced (the first at offset {exc.start})",)


def record_document(record: dict, columns: Columns, origin: str) -> Document | DocumentError:
    """A table row -> Document; a missing id or text, or a bad date, is a DocumentError."""
    doc_id = _valid_text(_id_value(record.get(columns.id)))[0]
    if not doc_id:
        return DocumentError("", origin, f"no id in column {columns.id!r} (another column: --id-column)")
    text = record.get(columns.text)
    if text is None or text != text:
        return DocumentError(doc_id, origin, f"no text in column {columns.text!r}")
    if not isinstance(text, str):
        return DocumentError(doc_id, origin, f"column {columns.text!r} holds {type(text).__name__}, not text")
    if not text or text.isspace():
        return DocumentError(doc_id, origin, "empty document")
    if columns.date_required and columns.date not in record:
        return DocumentError(doc_id, origin, f"no column {columns.date!r} (named with --date-column)")
    try:
        date = _date_value(record.get(columns.date))
    except BadDate as exc:
        return DocumentError(doc_id, origin, str(exc))
    text, bad = _valid_text(text)
    return Document(doc_id, date, text, origin, (f"{bad} invalid UTF-8 byte(s) replaced",) if bad else ())


_UNDECODED = re.compile("[\udc80-\udcff]")   # bytes that were not UTF-8, as surrogateescape keeps them


def _valid_text(value: str) -> tuple[str, int]:
    """Text with the bytes that were not UTF-8 replaced by U+FFFD, and how many there were."""
    if not isinstance(value, str) or value.isascii() or not _UNDECODED.search(value):
        return value, 0
    return _UNDECODED.subn("\ufffd", value)


def _id_value(value) -> str:
    """An id as given; a whole float (a numeric column with gaps) loses its ".0"; NaN is no id."""
    if value is None or value != value:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if isinstance(value, str) else str(value)


def _date_value(value) -> dt.date | None:
    if value is None or value == "" or value != value:  # None, empty, NaN
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse_date(str(value))


def _jsonl(path: Path, columns: Columns, unparsed: bool = False) -> Iterator[Document | DocumentError | JsonLine]:
    # bytes that are not UTF-8 are kept as surrogates, so that a bad byte costs no line: the
    # document that has them gets U+FFFD in their place, and a note (record_document)
    with path.open(encoding="utf-8", errors="surrogateescape") as handle:
        yield from jsonl_lines(handle, str(path), columns, unparsed)


def jsonl_lines(handle: TextIO, name: str, columns: Columns,
                unparsed: bool = False) -> Iterator[Document | DocumentError | JsonLine]:
    for number, line in enumerate(handle, 1):
        if not line.strip():
            continue
        raw = JsonLine(f"{name}:{number}", line)
        yield raw if unparsed else read_line(raw, columns)


def read_line(line: JsonLine, columns: Columns) -> Document | DocumentError:
    """A line of JSON lines -> Document; broken JSON, or JSON that is not an object, is a DocumentError."""
    try:
        record = json.loads(line.text)
    except json.JSONDecodeError as exc:
        return DocumentError("", line.origin, f"not valid JSON ({exc.msg.removesuffix(' at')} at character {exc.pos + 1})")
    except RecursionError:   # the decoder recurses into each nested array or object: this line costs only itself
        return DocumentError("", line.origin, "not valid JSON here (nested too deeply to read)")
    if not isinstance(record, dict):
        return DocumentError("", line.origin, "a line must be a JSON object")
    return record_document(record, columns, line.origin)


def _csv(path: Path, columns: Columns) -> Read:
    with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:   # as _jsonl
        reader = csv.DictReader(handle)
        problem = columns.header_error(str(path), reader.fieldnames or [])
        if problem:
            yield problem
            return
        for number, record in enumerate(reader, 2):
            yield record_document(record, columns, f"{path}:{number}")


def _parquet(path: Path, columns: Columns) -> Read:
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
        yield DocumentError("", str(path), f"not a readable Parquet file ({exc})")
        return
    problem = columns.header_error(str(path), table.schema_arrow.names)
    if problem:
        yield problem
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
