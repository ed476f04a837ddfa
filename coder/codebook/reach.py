"""Patterns that can never match a sentence (C011), found when a codebook loads.

Pattern words go through the tokenizer that reads the news, so a word is split as text is and
always can be produced (a word of quotation marks only, which the tokenizer drops, is refused as
C007). What can still never match is what the rest of the codebook rules out."""

from __future__ import annotations

from coder.codebook.pattern import Slot, Words, walk
from coder.errors import Problem
from coder.text.tokenize import phrase_norms


def unreachable_patterns(parsed, patterns: dict, agents: dict[str, tuple[str, ...]]) -> list[Problem]:
    """`patterns`: (file, key path) -> (its parsed file, the pattern's elements), as loading parsed them."""
    sectors = _sectors(parsed, agents)
    discards = [n for p in parsed if p.model.discards for d in p.model.discards.sentence if (n := phrase_norms(d))]
    problems: list[Problem] = []
    for (_file, loc), (p, elements) in patterns.items():
        for slot in (e for e in walk(elements) if isinstance(e, Slot)):
            if slot.sector and slot.sector not in sectors:
                written = f"{{{slot.role}:{slot.sector}}}"
                problems.append(p.problem(
                    loc, f"{written} wants an actor of sector {slot.sector}, and no actor or agent code has it",
                    "C011", "use a sector the agents define (GOV, MIL, ...), or add agents of this sector", word=written))
        discard = _discarded(elements, discards)
        if discard:
            problems.append(p.problem(loc, f"every sentence it matches contains {' '.join(discard)!r}, a sentence discard",
                                      "C011", "reword the pattern, or remove the discard"))
    return problems


def _sectors(parsed, agents) -> set[str]:
    """Every 3-letter sector an actor can have: from agent codes and the parts of actor codes."""
    found = {key[i:i + 3] for key in agents for i in range(0, len(key), 3)}
    for p in parsed:
        for actor in p.model.actors:
            for dated in actor.codes:
                found.update(dated.code[i:i + 3] for i in range(3, len(dated.code), 3))
    return found


def _discarded(elements, discards) -> tuple[str, ...] | None:
    """A discard phrase that the pattern's fixed words always contain, else None."""
    if not discards:
        return None
    run: list[str | None] = []   # the words the pattern requires, one form each; None where it varies
    for e in elements:
        if isinstance(e, Words) and len(e.options) == 1:
            run.extend(next(iter(forms)) if len(forms) == 1 else None for forms in e.options[0])
        else:
            run.append(None)
    for phrase in discards:
        n = len(phrase)
        if any(tuple(run[i:i + n]) == phrase for i in range(len(run) - n + 1)):
            return phrase
    return None
