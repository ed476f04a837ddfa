"""Why a text was coded as it was: tokens, actor mentions, every pattern tried and its outcome, the events."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from coder.events import Event
from coder.match.patterns import _Sentence, attempts
from coder.pipeline import Coder
from coder.text.dateline import parse_date
from coder.text.records import Document


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
    out = []
    for step in coder.steps(Document(doc_id, day, text)):
        sentence = step.sentence
        explained = SentenceExplanation(
            sentence.index, sentence.text, [t.text for t in sentence.tokens],
            [{"start": m.start, "end": m.end, "text": " ".join(t.text for t in sentence.tokens[m.start:m.end]),
              "codes": [x.code for x in m.members], "pronoun": bool(m.refers)} for m in step.mentions],
            events=list(step.events), skipped=step.skipped)
        if not step.skipped:
            coded = {e.rule_id for e in step.events}
            kept = {(m.pattern.spec.id, m.anchor) for m in step.matches if m.pattern.spec.id in coded}
            explained.attempts = _attempts(sentence, step.mentions, coder.compiled.patterns, kept)
        out.append(explained)
    return out


def _attempts(sentence, mentions, index, kept) -> list[Attempt]:
    view = _Sentence(sentence.tokens, mentions)
    found = []
    for fallback in (False, True):
        for pattern, i, match, outcome in attempts(view, index, fallback):
            spec = pattern.spec
            found.append(Attempt(
                spec.id, spec.code, spec.text, spec.file, spec.line, sentence.tokens[i].text, i, outcome,
                [m.code for m in match.source.members] if match and match.source else None,
                [m.code for m in match.target.members] if match and match.target else None,
                (spec.id, i) in kept, spec.fallback))
    return found
