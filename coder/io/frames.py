"""pandas in and out: a DataFrame of documents -> Documents; events -> a DataFrame with the output schema."""

from __future__ import annotations

from typing import Iterator

from coder.errors import InputError
from coder.events import Event
from coder.io.parquet import event_schema, events_table
from coder.io.readers import Columns, record_document
from coder.text.records import Document, DocumentError


def documents_from_frame(frame, id: str, date: str, text: str) -> Iterator[Document | DocumentError]:
    columns = Columns(id, date, text)
    missing = columns.missing(list(frame.columns))
    if missing:
        raise InputError(f"the DataFrame has no column {', '.join(map(repr, missing))}; its columns are "
                         f"{', '.join(map(repr, frame.columns))}: pass id=, text= (and date=) to name yours")
    for row, record in enumerate(frame.to_dict("records")):
        yield record_document(record, columns, f"row {row}")


def events_to_frame(events: list[Event], sentence_text: bool = False):
    return events_table(events, event_schema(sentence_text)).to_pandas()
