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
              "codes": [x.code for x in m.members], "pronoun": bool(m.refers),
              "entries": _entries(coder, sentence.tokens, m, day)} for m in step.mentions],
            events=list(step.events), skipped=step.skipped)
        if not step.skipped:
            coded = {e.rule_id for e in step.events}
            kept = {(m.pattern.spec.id, m.anchor) for m in step.matches if m.pattern.spec.id in coded}
            explained.attempts = _attempts(sentence, step.mentions, coder.compiled.patterns, kept)
        out.append(explained)
    return out


def _entries(coder: Coder, tokens, mention, day) -> list[dict]:
    """The dictionary entries whose names make up a mention: kind, the words, the code, and file:line."""
    from coder.match.actors import DocumentState

    book = coder.codebook
    state = DocumentState(day, seen=set(range(len(book.actors))))   # a short name counts: its full name came first
    found, i = [], mention.start
    while i < mention.end:
        name = coder.compiled.actors.longest_at(tokens, i, state)
        if name is None or name.kind == "anaphor":
            i += 1
            continue
        words = " ".join(t.text for t in tokens[i:i + len(name.norms)])
        entry = {"kind": name.kind, "words": words, "code": name.code, "file": "", "line": 0}
        if name.actor is not None:
            entry["code"] = name.actor.code_at(day) or ""
            if name.actor.key < len(book.actor_origins):
                entry["file"], entry["line"] = book.actor_origins[name.actor.key]
        elif name.kind == "country":
            where = next((o for c, o in zip(book.countries, book.country_origins) if c.code == name.code), ("", 0))
            entry["file"], entry["line"] = where
        elif name.kind == "agent":
            entry["file"], entry["line"] = book.agent_origins.get(name.code, ("", 0))
        found.append(entry)
        i += len(name.norms)
    return found


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
