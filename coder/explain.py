"""Why a text was coded as it was: tokens, actor mentions, every pattern tried and its outcome, the events."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from coder.events import Event, sentence_events
from coder.match.actors import DocumentState, find_mentions
from coder.match.patterns import _Sentence, attempt, find_matches
from coder.pipeline import Coder
from coder.text.dateline import parse_date
from coder.text.records import Document
from coder.text.split import split_sentences


@dataclass
class Attempt:
    """One pattern tried at one anchor word, with its outcome."""

    rule_id: str
    code: str
    pattern: str
    file: str
    line: int
    anchor: str
    position: int
    outcome: str                 # "matched" or why not
    source: list[str] | None = None
    target: list[str] | None = None
    kept: bool = False           # its match survived overlaps, fallbacks and modals and coded an event
    fallback: bool = False


@dataclass
class SentenceExplanation:
    index: int
    text: str
    tokens: list[str]
    mentions: list[dict]
    attempts: list[Attempt] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    skipped: str = ""            # why the sentence was not coded at all (a discard phrase)

    def as_dict(self) -> dict:
        data = dataclasses.asdict(self)
        data["events"] = [{**dataclasses.asdict(e), "date": e.date.isoformat() if e.date else None} for e in self.events]
        return data


def explain(coder: Coder, text: str, date: str | dt.date | None = None, doc_id: str = "text") -> list[SentenceExplanation]:
    """Code a text as `Coder.code_text` does, and say at each step what was found and why."""
    day = parse_date(date) if isinstance(date, str) else date
    doc = Document(doc_id, day, text)
    compiled = coder.compiled
    sentences = split_sentences(doc)
    state = DocumentState(day)
    story_skipped = compiled.discards.story_discarded(sentences)
    out = []
    for sentence in sentences:
        mentions = find_mentions(sentence, compiled.actors, state)
        explained = SentenceExplanation(
            sentence.index, sentence.text, [t.text for t in sentence.tokens],
            [{"start": m.start, "end": m.end, "text": " ".join(t.text for t in sentence.tokens[m.start:m.end]),
              "codes": [x.code for x in m.members], "pronoun": bool(m.refers)} for m in mentions])
        if story_skipped or compiled.discards.sentence_discarded(sentence):
            explained.skipped = "a story discard phrase" if story_skipped else "a sentence discard phrase"
            out.append(explained)
            continue
        matches = find_matches(sentence.tokens, mentions, compiled.patterns)
        explained.events = sentence_events(sentence, day, matches, compiled.codebook.categories)
        coded = {e.rule_id for e in explained.events}
        kept = {(m.pattern.spec.id, m.anchor) for m in matches if m.pattern.spec.id in coded}
        explained.attempts = _attempts(sentence, mentions, compiled.patterns, kept)
        out.append(explained)
    return out


def _attempts(sentence, mentions, index, kept) -> list[Attempt]:
    view = _Sentence(sentence.tokens, mentions)
    present = set(view.norms)
    found = []
    for fallback in (False, True):
        view.gap_stops = frozenset() if fallback else view.named
        for i, norm in enumerate(view.norms):
            for pattern in index.candidates(norm, fallback):
                if not all(not present.isdisjoint(forms) for forms in pattern.required):
                    continue  # some word of the pattern is not in the sentence: not tried
                match, outcome = attempt(pattern, i, view)
                spec = pattern.spec
                found.append(Attempt(
                    spec.id, spec.code, spec.text, spec.file, spec.line, sentence.tokens[i].text, i, outcome,
                    [m.code for m in match.source.members] if match and match.source else None,
                    [m.code for m in match.target.members] if match and match.target else None,
                    (spec.id, i) in kept, spec.fallback))
    return found
