"""Documents in bounded batches, and one batch coded into an Arrow table: the unit every engine moves."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from typing import Iterable, Iterator

import pyarrow as pa

from coder.io.parquet import event_schema, events_table, ledger_table
from coder.io.readers import Columns, JsonLine, read_line
from coder.pipeline import Coder
from coder.text.records import Document, DocumentError

Input = Document | DocumentError | JsonLine   # what a batch holds: JSON lines may come unparsed

BATCH_DOCUMENTS = 1_000


@dataclass(frozen=True)
class Batch:
    """Consecutive inputs in input order: documents to code, the ones that could not be read, and lines of
    JSON lines to be parsed where they are coded."""

    items: list[Input]

    def split(self, parts: int) -> list[list[Input]]:
        """The items in `parts` consecutive runs of (nearly) equal length, for as many workers."""
        size, more = divmod(len(self.items), parts)
        bounds = [k * size + min(k, more) for k in range(parts + 1)]
        return [self.items[bounds[k]:bounds[k + 1]] for k in range(parts)]


@dataclass(frozen=True)
class Coded:
    """What coding a batch gave: its events as a table (the output schema, no metadata), its sentence
    count, and its ledger: one row per input, in input order (the ledger schema, without `input`)."""

    sentences: int
    events: pa.Table
    ledger: pa.Table


@dataclass(frozen=True)
class BatchResult:
    """A batch as an engine hands it back, in input order: read errors, sentences, events, and the ledger
    rows of its inputs."""

    errors: list[DocumentError]
    sentences: int
    events: pa.Table
    ledger: pa.Table
    roots: Counter = field(default_factory=Counter)

    @property
    def documents(self) -> int:
        return self.ledger.num_rows


def batched(docs: Iterable[Input], size: int = BATCH_DOCUMENTS) -> Iterator[Batch]:
    """Split a stream of documents into batches of at most `size` inputs; reads no further than needed."""
    stream = iter(docs)
    while chunk := list(islice(stream, size)):
        yield Batch(chunk)


def code_batch(coder: Coder, items: list[Document | DocumentError], sentence_text: bool = False) -> Coded:
    """Code inputs in order into one table of events and one ledger row per input; the same function
    serves every engine and worker. A document that fails in a way nobody foresaw is an `error` row:
    it never costs the others their events."""
    sentences = 0
    events = []
    rows = []
    for item in items:
        if isinstance(item, DocumentError):
            rows.append((item.doc_id or None, item.origin, "error", item.reason, 0, 0))
            continue
        try:
            done = coder.code_document(item)
        except Exception as exc:  # a bug must cost one document, not the run; the ledger says which
            rows.append((item.doc_id, item.origin, "error", f"internal error: {type(exc).__name__}: {exc}", 0, 0))
            continue
        status = "skipped" if done.skipped else "coded" if done.events else "no_events"
        rows.append((item.doc_id, item.origin, status, done.skipped or "; ".join(done.notes) or None,
                     done.sentences, len(done.events)))
        sentences += done.sentences
        events.extend(done.events)
    return Coded(sentences, events_table(events, event_schema(sentence_text)), ledger_table(rows))


def read_and_code(coder: Coder, items: list[Input], sentence_text: bool = False, columns: Columns = Columns()) -> BatchResult:
    """Inputs coded, JSON lines parsed first: a batch's result, with its read errors and the root-code counts
    the summary reports. A worker process runs this on its share of a batch."""
    items = [read_line(item, columns) if isinstance(item, JsonLine) else item for item in items]
    coded = code_batch(coder, items, sentence_text)
    return BatchResult([d for d in items if isinstance(d, DocumentError)], coded.sentences, coded.events,
                       coded.ledger, root_counts(coded.events))


def joined(shares: list[BatchResult]) -> BatchResult:
    """The results of consecutive shares of one batch as the batch's result."""
    if len(shares) == 1:
        return shares[0]
    return BatchResult([e for share in shares for e in share.errors], sum(share.sentences for share in shares),
                       pa.concat_tables([share.events for share in shares]),
                       pa.concat_tables([share.ledger for share in shares]),
                       sum((share.roots for share in shares), Counter()))


def root_counts(events: pa.Table) -> Counter:
    # counted in Python: pyarrow.compute's value_counts would cost its import (some 50 ms) in every process
    return Counter(events.column("root_code").to_pylist())
