"""The typed records that flow through the coder: Document -> Sentence -> Token."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field


def record_reduce(record) -> tuple:
    """Pickle support for the records: rebuilt through their constructor, with every field. A compiled
    build (hatch_build.py) makes them native classes, which pickle cannot fill in field by field."""
    cls = type(record)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(record) if f.init)
    return cls, tuple(getattr(record, name) for name in names)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


@dataclass(frozen=True, slots=True)
class Document:
    """One story: its id exactly as given, its date (None when unknown) and its text."""

    doc_id: str
    date: dt.date | None
    text: str
    origin: str = ""  # file (and line) it came from, for messages
    notes: tuple[str, ...] = ()   # what reading it changed ("2 invalid UTF-8 bytes replaced"), for the ledger

    def __reduce__(self):
        return record_reduce(self)

    def __post_init__(self) -> None:
        from coder.errors import InputError

        if not isinstance(self.doc_id, str) or not self.doc_id:
            raise InputError(f"a Document needs a non-empty string id, not {self.doc_id!r}")
        if self.date is not None and (not isinstance(self.date, dt.date) or isinstance(self.date, dt.datetime)):
            raise InputError(f"document {self.doc_id!r}: date must be a datetime.date or None, not {self.date!r} "
                             "(code_text accepts 'YYYY-MM-DD' strings)")
        if not isinstance(self.text, str):
            raise InputError(f"document {self.doc_id!r}: text must be a string, not {type(self.text).__name__}")


@dataclass(slots=True)
class Token:
    """A word or punctuation mark; `norm` is its lower-cased, quote-folded form. Not frozen, but never
    changed: a sentence makes dozens, and a frozen dataclass is made three times slower in pure Python."""

    text: str
    norm: str
    start: int
    end: int

    # Written out, not made by @dataclass: a compiled build (hatch_build.py) then builds the record
    # natively, four times faster. Not frozen for the same reason; nothing changes a record once made.
    def __init__(self, text: str, norm: str, start: int, end: int) -> None:
        self.text, self.norm, self.start, self.end = text, norm, start, end

    def __reduce__(self):
        return record_reduce(self)


@dataclass(slots=True, unsafe_hash=True)
class Sentence:
    """One sentence of a document, with its position in the document and its tokens (and their norms,
    which every stage reads: made once here)."""

    doc_id: str
    index: int
    text: str
    tokens: tuple[Token, ...]
    norms: tuple[str, ...] = field(init=False, repr=False, compare=False, hash=False)

    # Written out, not made by @dataclass: a compiled build (hatch_build.py) then builds the record
    # natively, four times faster. Not frozen for the same reason; nothing changes a record once made.
    def __init__(self, doc_id: str, index: int, text: str, tokens: tuple[Token, ...]) -> None:
        self.doc_id, self.index, self.text, self.tokens = doc_id, index, text, tokens
        self.norms = tuple([t.norm for t in tokens])

    def __reduce__(self):
        return record_reduce(self)


@dataclass(frozen=True, slots=True)
class DocumentError:
    """A document that could not be coded, with the reason; it stays in the run's accounts."""

    doc_id: str
    origin: str
    reason: str

    def __reduce__(self):
        return record_reduce(self)

    def __str__(self) -> str:
        who = f"document {self.doc_id!r}: " if self.doc_id else ""
        return f"{self.origin}: {who}{self.reason}"
