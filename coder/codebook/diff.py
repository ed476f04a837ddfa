"""What changed between two versions of a codebook, and what that does to the events of a corpus."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from coder.codebook.load import Codebook
from coder.pipeline import Coder
from coder.text.records import Document, DocumentError


@dataclass
class CodebookDiff:
    patterns_added: list[str] = field(default_factory=list)      # "id [code]: text"
    patterns_removed: list[str] = field(default_factory=list)
    patterns_changed: list[str] = field(default_factory=list)
    actors_added: list[str] = field(default_factory=list)
    actors_removed: list[str] = field(default_factory=list)
    categories_changed: list[str] = field(default_factory=list)
    gained: Counter = field(default_factory=Counter)             # code -> events only the new codebook codes
    lost: Counter = field(default_factory=Counter)
    gained_examples: list[tuple[str, str]] = field(default_factory=list)   # (event, sentence)
    lost_examples: list[tuple[str, str]] = field(default_factory=list)
    documents: int = 0


def diff_codebooks(old: Codebook, new: Codebook) -> CodebookDiff:
    d = CodebookDiff()
    before = {p.id: p for p in old.patterns}
    after = {p.id: p for p in new.patterns}
    d.patterns_added = [f"{i} [{after[i].code}]: {after[i].text}" for i in after if i not in before]
    d.patterns_removed = [f"{i} [{before[i].code}]: {before[i].text}" for i in before if i not in after]
    d.patterns_changed = [f"{i}: [{before[i].code}] {before[i].text} -> [{after[i].code}] {after[i].text}"
                          for i in after if i in before and (before[i].text, before[i].code, before[i].mutual)
                          != (after[i].text, after[i].code, after[i].mutual)]
    old_actors = {(a.names[0], tuple(c.code for c in a.codes)) for a in old.actors}
    new_actors = {(a.names[0], tuple(c.code for c in a.codes)) for a in new.actors}
    d.actors_added = sorted(f"{n} {list(c)}" for n, c in new_actors - old_actors)
    d.actors_removed = sorted(f"{n} {list(c)}" for n, c in old_actors - new_actors)
    d.categories_changed = [c for c in sorted(set(old.categories) | set(new.categories))
                            if old.categories.get(c) != new.categories.get(c)]
    return d


def diff_corpus(d: CodebookDiff, old: Coder, new: Coder, docs, samples: int = 3) -> CodebookDiff:
    """Code every document with both codebooks; count the events gained and lost, by code."""
    for doc in docs:
        if isinstance(doc, DocumentError):
            continue
        d.documents += 1
        a, b = _events(old, doc), _events(new, doc)
        for key in b - a:
            d.gained[key[3]] += 1
            if len(d.gained_examples) < samples * 10:
                d.gained_examples.append((f"{key[1]} -> {key[2] or '(none)'} {key[3]}", key[4]))
        for key in a - b:
            d.lost[key[3]] += 1
            if len(d.lost_examples) < samples * 10:
                d.lost_examples.append((f"{key[1]} -> {key[2] or '(none)'} {key[3]}", key[4]))
    return d


def _events(coder: Coder, doc: Document) -> set[tuple]:
    return {(e.sentence, e.source, e.target, e.code, e.sentence_text) for e in coder.code_document(doc).events}
