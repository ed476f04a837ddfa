"""Mentions and pattern matches -> events: dyads from compounds, mutual acts, subordinate statements."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import permutations

from coder.codebook.schema import Category
from coder.match.actors import Member
from coder.match.patterns import PatternMatch
from coder.text.records import Sentence, record_reduce


@dataclass(slots=True, unsafe_hash=True)
class Event:
    """One coded event: who did what to whom, where it was read, and the rule that coded it."""

    doc_id: str
    sentence: int
    date: dt.date | None
    source: str
    target: str | None
    code: str
    root_code: str
    quad_class: int | None
    goldstein: float | None
    source_text: str
    target_text: str | None
    trigger_text: str
    rule_id: str
    sentence_text: str

    # Written out, not made by @dataclass: a compiled build (hatch_build.py) then builds the record
    # natively, four times faster. Not frozen for the same reason; nothing changes a record once made.
    def __init__(self, doc_id: str, sentence: int, date: dt.date | None, source: str, target: str | None, code: str,
                 root_code: str, quad_class: int | None, goldstein: float | None, source_text: str,
                 target_text: str | None, trigger_text: str, rule_id: str, sentence_text: str) -> None:
        self.doc_id, self.sentence, self.date, self.source, self.target = doc_id, sentence, date, source, target
        self.code, self.root_code, self.quad_class, self.goldstein = code, root_code, quad_class, goldstein
        self.source_text, self.target_text, self.trigger_text = source_text, target_text, trigger_text
        self.rule_id, self.sentence_text = rule_id, sentence_text

    def __reduce__(self):
        return record_reduce(self)


def event_columns(events: list[Event]) -> dict[str, list]:
    """The events as columns, by field name (the output table's columns); one pass of plain attribute
    reads, which compiled (hatch_build.py) cost a fraction of getattr's."""
    return {
        "doc_id": [e.doc_id for e in events], "sentence": [e.sentence for e in events],
        "date": [e.date for e in events], "source": [e.source for e in events],
        "target": [e.target for e in events], "code": [e.code for e in events],
        "root_code": [e.root_code for e in events], "quad_class": [e.quad_class for e in events],
        "goldstein": [e.goldstein for e in events], "source_text": [e.source_text for e in events],
        "target_text": [e.target_text for e in events], "trigger_text": [e.trigger_text for e in events],
        "rule_id": [e.rule_id for e in events], "sentence_text": [e.sentence_text for e in events],
    }


def dyads(match: PatternMatch) -> list[tuple[Member, Member | None]]:
    """The (source, target) pairs a match codes: one per directed pair of compound members."""
    sources = match.source.members if match.source else ()
    if match.target is not None:
        pairs: list[tuple[Member, Member | None]] = [(s, t) for s in sources for t in match.target.members
                                                     if _distinct(s, t)]
        own_place = not (pairs or match.target.refers or match.pattern.spec.fallback
                         or any(len(t.code) > 3 for t in match.target.members))
        # "Iraqi forces began their assault on Mosul": a place in the actor's own country is no
        # target, but the act happened
        return [(s, None) for s in sources] if own_place else pairs
    if match.pattern.spec.mutual and len(sources) > 1:
        return [(s, t) for s, t in permutations(sources, 2) if _distinct(s, t)]
    if match.pattern.has_target:
        return []
    return [(s, None) for s in sources]


def _distinct(a: Member, b: Member) -> bool:
    """An actor does not act on itself or on its own country (CHNGOV -> CHN); a country may act on
    its own people, parties and forces ("Venezuela banned opposition leader X": VEN -> VENOPP), not
    on its own government, which a bare country name stands for (USA -> USAGOV)."""
    return not (a.code.startswith(b.code) or b.code == a.code + "GOV")


def sentence_events(sentence: Sentence, date: dt.date | None, matches: list[PatternMatch],
                    categories: dict[str, Category]) -> list[Event]:
    """The sentence's events, without duplicates; subordinate statements only if nothing else."""
    if not matches:
        return []
    events: list[Event] = []
    seen: set[tuple[str, str | None, str]] = set()
    for match in matches:
        spec = match.pattern.spec
        trigger = " ".join(sentence.tokens[i].text for i in sorted(match.words))
        for source, target in dyads(match):
            coded = [(spec.code, source, target)]
            if spec.reverse and target is not None:  # "X hosted Y": Y also visited X
                coded.append((spec.reverse, target, source))
            for code, actor, other in coded:
                key = (actor.code, other.code if other else None, code)
                if code == "---" or key in seen:
                    continue  # "---": a blocking pattern took its words from shorter ones and codes nothing
                seen.add(key)
                category = categories[code]
                events.append(Event(
                    sentence.doc_id, sentence.index, date, actor.code, other.code if other else None,
                    code, code[:2], category.quad_class, category.goldstein, actor.text,
                    other.text if other else None, trigger, spec.id, sentence.text,
                ))
    if any(not categories[e.code].subordinate for e in events):
        events = [e for e in events if not categories[e.code].subordinate]
    # "X was willing to develop ties with Y": the targetless event says less than X -> Y of the same root
    with_target = {(e.source, e.root_code) for e in events if e.target is not None}
    return [e for e in events if e.target is not None or (e.source, e.root_code) not in with_target]
