"""The Coder: documents in, events out; the one place the stages are put together."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

from coder.codebook.cache import load_compiled
from coder.codebook.compile import CompiledCodebook, compile_codebook
from coder.codebook.load import Codebook, load_codebook
from coder.events import Event, sentence_events
from coder.match.actors import DocumentState, Mention, find_mentions
from coder.match.patterns import PatternMatch, find_matches
from coder.text.clean import MAX_DOCUMENT_CHARS, MAX_SENTENCE_TOKENS, clean
from coder.text.dateline import parse_date
from coder.text.records import Document, DocumentError, Sentence
from coder.text.split import split_sentences


_TOO_LONG = "a sentence too long to be one"


class SentenceSteps(NamedTuple):
    """One sentence as each stage left it: mentions, pattern matches, events (or why it was skipped).
    A named tuple: one is made for every sentence, and a tuple is made faster than a frozen dataclass."""

    sentence: Sentence
    mentions: tuple[Mention, ...]
    matches: list[PatternMatch]
    events: tuple[Event, ...]
    skipped: str


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """What coding one document gave: its sentence count and its events; `skipped` says why a document
    was not coded at all, `notes` what was changed or left out of one that was (markup removed ...)."""

    doc_id: str
    sentences: int
    events: tuple[Event, ...]
    skipped: str = ""
    notes: tuple[str, ...] = ()


class Coder:
    """Codes documents with one codebook, compiled once. Safe to reuse for any number of documents."""

    def __init__(self, codebook: Codebook | CompiledCodebook | str | Path | list | None = None, cache: bool = True):
        """`codebook`: a loaded or compiled codebook, or folders to load (None: the shipped one). Folders
        are compiled once and cached by content hash (see coder.codebook.cache); cache=False skips it."""
        if isinstance(codebook, CompiledCodebook):
            self.compiled = codebook
        elif isinstance(codebook, Codebook):
            self.compiled = compile_codebook(codebook)
        else:
            self.compiled = load_compiled(codebook, use_cache=cache)

    @property
    def codebook(self) -> Codebook:
        """The whole codebook. One from the cache keeps actors and countries only in its compiled
        index; asking for it here loads the files (coding itself never needs that)."""
        book = self.compiled.codebook
        if not book.complete:
            book = dataclasses.replace(load_codebook(list(book.folders)), folders=book.folders)
            self.compiled = dataclasses.replace(self.compiled, codebook=book)
        return book

    def code_document(self, doc: Document) -> DocumentResult:
        if len(doc.text) > MAX_DOCUMENT_CHARS:
            return DocumentResult(doc.doc_id, 0, (), skipped=f"document of {len(doc.text):,} characters; "
                                  f"the limit is {MAX_DOCUMENT_CHARS:,}")
        text, notes = clean(doc.text)
        notes = [*doc.notes, *notes]
        if not text.strip():
            return DocumentResult(doc.doc_id, 0, (), skipped="no text left once markup and control characters are removed")
        steps = list(self.steps(dataclasses.replace(doc, text=text) if text != doc.text else doc, cleaned=True))
        long = sum(1 for step in steps if step.skipped.startswith(_TOO_LONG))
        if long:
            notes.append(f"{long} sentence(s) of more than {MAX_SENTENCE_TOKENS} tokens not coded")
        return DocumentResult(doc.doc_id, len(steps), tuple(e for step in steps for e in step.events),
                              notes=tuple(notes))

    def steps(self, doc: Document, cleaned: bool = False) -> Iterator["SentenceSteps"]:
        """Each sentence with what every stage made of it; `code_document` and explanations share this.
        `cleaned`: the text is already free of markup and control characters."""
        if not cleaned:
            doc = dataclasses.replace(doc, text=clean(doc.text)[0])
        state = DocumentState(doc.date)
        sentences = split_sentences(doc)
        discards = self.compiled.discards
        story_skipped = discards.story_discarded(sentences)
        for sentence in sentences:
            if len(sentence.tokens) > MAX_SENTENCE_TOKENS:
                yield SentenceSteps(sentence, (), [], (), f"{_TOO_LONG} ({len(sentence.tokens)} tokens; the "
                                    f"limit is {MAX_SENTENCE_TOKENS})")
                continue
            mentions = find_mentions(sentence, self.compiled.actors, state)
            if story_skipped or discards.sentence_discarded(sentence):
                yield SentenceSteps(sentence, mentions, [], (), "a story discard phrase" if story_skipped
                                    else "a sentence discard phrase")
                continue
            # every event has a source, and a source is a mention: no mention, nothing to match
            matches = find_matches(sentence.tokens, mentions, self.compiled.patterns) if mentions else []
            events = sentence_events(sentence, doc.date, matches, self.compiled.codebook.categories)
            yield SentenceSteps(sentence, mentions, matches, tuple(events), "")

    def code_documents(self, docs: Iterable[Document | DocumentError]) -> Iterator[DocumentResult | DocumentError]:
        """Code a stream of documents; read errors pass through so that every document is accounted for."""
        for doc in docs:
            yield doc if isinstance(doc, DocumentError) else self.code_document(doc)

    def code_text(self, text: str, date: str | dt.date | None = None, doc_id: str = "text") -> list[Event]:
        """Code one text; `date` is an ISO date string or a date."""
        day = parse_date(date) if isinstance(date, str) else date
        return list(self.code_document(Document(doc_id, day, text)).events)

    def code_frame(self, frame, id: str = "id", date: str = "date", text: str = "text", sentence_text: bool = False):
        """Code a pandas DataFrame of documents into a DataFrame of events (the Parquet columns)."""
        from coder.io.frames import documents_from_frame, events_to_frame

        results = [r for r in self.code_documents(documents_from_frame(frame, id, date, text))
                   if isinstance(r, DocumentResult)]
        return events_to_frame([e for r in results for e in r.events], sentence_text)
