"""Documents in bounded batches, and one batch coded into an Arrow table: the unit every engine moves."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from typing import Iterable, Iterator

import pyarrow as pa

from coder.io.parquet import event_schema, events_table
from coder.pipeline import Coder
from coder.text.records import Document, DocumentError

BATCH_DOCUMENTS = 1_000


@dataclass(frozen=True)
class Batch:
    """Consecutive inputs: the documents to code and the ones that could not be read, in input order."""

    documents: list[Document]
    errors: list[DocumentError]


@dataclass(frozen=True)
class Coded:
    """What coding a batch gave: its events as a table (the output schema, no metadata) and its counts."""

    sentences: int
    events: pa.Table


@dataclass(frozen=True)
class BatchResult:
    """A batch as an engine hands it back, in input order: the ids coded, read errors, sentences, events."""

    doc_ids: list[str]
    errors: list[DocumentError]
    sentences: int
    events: pa.Table
    roots: Counter = field(default_factory=Counter)

    @property
    def documents(self) -> int:
        return len(self.doc_ids) + len(self.errors)


def batched(docs: Iterable[Document | DocumentError], size: int = BATCH_DOCUMENTS) -> Iterator[Batch]:
    """Split a stream of documents into batches of at most `size` inputs; reads no further than needed."""
    stream = iter(docs)
    while chunk := list(islice(stream, size)):
        yield Batch([d for d in chunk if isinstance(d, Document)], [d for d in chunk if isinstance(d, DocumentError)])


def code_batch(coder: Coder, documents: list[Document], sentence_text: bool = False) -> Coded:
    """Code documents in order into one table; the same function serves every engine and worker."""
    sentences = 0
    events = []
    for doc in documents:
        result = coder.code_document(doc)
        sentences += result.sentences
        events.extend(result.events)
    return Coded(sentences, events_table(events, event_schema(sentence_text)))


def result(batch: Batch, coded: Coded) -> BatchResult:
    """A batch and its coding, with the root-code counts the summary reports."""
    return BatchResult([d.doc_id for d in batch.documents], batch.errors, coded.sentences, coded.events,
                       root_counts(coded.events))


def root_counts(events: pa.Table) -> Counter:
    return Counter({c["values"]: c["counts"] for c in events.column("root_code").value_counts().to_pylist()})
