"""Mentions and pattern matches -> events: dyads from compounds, mutual acts, subordinate statements."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import permutations

from coder.codebook.schema import Category
from coder.match.actors import Member
from coder.match.patterns import PatternMatch
from coder.text.records import Sentence


@dataclass(frozen=True, slots=True)
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


def dyads(match: PatternMatch) -> list[tuple[Member, Member | None]]:
    """The (source, target) pairs a match codes: one per directed pair of compound members."""
    sources = match.source.members if match.source else ()
    if match.target is not None:
        pairs = [(s, t) for s in sources for t in match.target.members if _distinct(s, t)]
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
