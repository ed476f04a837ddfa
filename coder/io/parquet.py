"""The output table: an explicit Arrow schema, written to Parquet with the codebook's provenance."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from coder.codebook.load import Codebook
from coder.events import Event

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


def events_table(events: Iterable[Event], schema: pa.Schema) -> pa.Table:
    events = list(events)
    columns = {f.name: [getattr(e, f.name) for e in events] for f in schema}
    return pa.Table.from_pydict(columns, schema=schema)


class EventWriter:
    """Writes event batches to a temporary file and renames it into place only when closed cleanly."""

    def __init__(self, path: str | Path, codebook: Codebook, sentence_text: bool = False):
        self.path = Path(path)
        self.schema = event_schema(sentence_text, provenance(codebook))
        self._partial = self.path.with_name(f".{self.path.name}.{os.getpid()}.partial")
        self._writer = pq.ParquetWriter(self._partial, self.schema)
        self.rows = 0

    def write(self, events: list[Event]) -> None:
        if events:
            self._writer.write_table(events_table(events, self.schema))
            self.rows += len(events)

    def close(self) -> None:
        self._writer.close()
        os.replace(self._partial, self.path)

    def abort(self) -> None:
        self._writer.close()
        self._partial.unlink(missing_ok=True)

    def __enter__(self) -> "EventWriter":
        return self

    def __exit__(self, kind, exc, tb) -> None:
        self.abort() if kind else self.close()
