"""Lint: likely mistakes in a codebook that are not errors. Each finding has a code; `lint_ignore: [L00x]`
on the actor or pattern group where it is intended silences it (a synonym set named `_...` is never L003)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from coder.codebook.load import Codebook

LINTS = {
    "L001": "an actor's codes overlap in time by more than a day: a story in between gets the first listed",
    "L002": "a pattern repeats another's words: the later one can never win",
    "L003": "a synonym set no pattern uses",
    "L004": "a pattern matches in a large share of a corpus's sentences (with --corpus): too general",
    "L005": "an actor's one-word name is a common word (a word of the codebook's patterns, or of English)",
}

# Words of English so common that an actor named by one of them alone is almost surely a mistake.
COMMON_WORDS = frozenset("""a about after again against all also an and any are as at back be because been
    before being between both but by can come could day did do does down each even first for from get give
    go good great had has have he her here him his how i if in into is it its just know last like little
    long made make man many may me more most much must my never new no not now of off old on one only or
    other our out over own people said same say see she should so some state still such take than that
    the their them then there these they this those through time to too two under up us use very was way
    we well were what when where which while who will with work world would year you young your
    army force forces party police court government council union press church people fire guard
    justice liberty hope faith grace will chance rich young king major may bush rice brown""".split())





@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: [{self.code}] {self.message}"


def lint(codebook: Codebook, corpus=None, too_general: float = 0.1) -> list[Finding]:
    """Every finding; with `corpus` (documents), also the patterns that match in more than
    `too_general` of its sentences."""
    found = [*_overlapping_codes(codebook), *_repeated_patterns(codebook), *_unused_synsets(codebook),
             *_common_word_names(codebook)]
    if corpus is not None:
        found.extend(_general_patterns(codebook, corpus, too_general))
    return found


def _common_word_names(book: Codebook):
    """L005: one-word actor names that are pattern words or common English words: "Will", "Rice"."""
    from coder.text.tokenize import phrase_norms

    vocabulary = set(COMMON_WORDS)
    for spec in (p for p in book.patterns if not p.fallback):   # imported verbs lower-case names too ("nato")
        vocabulary.update(w for w in re.findall(r"(?<![&\w{:])[a-z][\w'-]*", spec.text))   # lower case: not a name
    for members in book.synsets.values():
        vocabulary.update(n for m in members if m.islower() for n in phrase_norms(m))
    for actor, (file, line) in zip(book.actors, book.actor_origins):
        if "L005" in actor.lint_ignore:
            continue
        for name in actor.names:
            norms = phrase_norms(name)
            acronym = name.isupper() and len(name.replace(".", "")) <= 5   # matched only as written: "WHO"
            if len(norms) == 1 and norms[0] in vocabulary and not acronym:
                yield Finding(file, line, "L005", f"actor name {name!r} is also a common word: capitalised at the start "
                              "of a sentence it is taken for the actor; use a longer name")


def _general_patterns(book: Codebook, corpus, too_general: float):
    """L004: patterns that match in more than `too_general` of the corpus's sentences."""
    from collections import Counter

    from coder.pipeline import Coder
    from coder.text.records import DocumentError

    coder = Coder(book)
    counts: Counter = Counter()
    sentences = 0
    for doc in corpus:
        if isinstance(doc, DocumentError):
            continue
        for step in coder.steps(doc):
            sentences += 1
            counts.update({m.pattern.spec.id for m in step.matches})
    if not sentences:
        return
    specs = {p.id: p for p in book.patterns}
    for pid, n in counts.most_common():
        spec = specs[pid]
        if n / sentences <= too_general:
            break
        if "L004" not in spec.lint_ignore:
            yield Finding(spec.file, spec.line, "L004", f"{pid} matched in {n} of the corpus's {sentences} sentences "
                          f"({n / sentences:.0%}): too general; add words, or a sector to its slots")


def _overlapping_codes(book: Codebook):
    for actor, (file, line) in zip(book.actors, book.actor_origins):
        if "L001" in actor.lint_ignore:
            continue
        dated = [c for c in actor.codes if c.start or c.until]
        for i, a in enumerate(dated):
            for b in dated[i + 1:]:
                first = max(a.start or dt.date.min, b.start or dt.date.min)
                last = min(a.until or dt.date.max, b.until or dt.date.max)
                if a.code != b.code and first < last:
                    yield Finding(file, line, "L001", f"{actor.names[0]!r}: {a.code} and {b.code} both cover "
                                  f"{first} to {last}; end one where the other starts")


def _repeated_patterns(book: Codebook):
    seen: dict[str, object] = {}
    for spec in book.patterns:
        key = " ".join(spec.text.split()).lower()
        first = seen.setdefault(key, spec)
        if first is not spec and "L002" not in spec.lint_ignore:
            same = "the same code" if first.code == spec.code else f"code {first.code}"
            yield Finding(spec.file, spec.line, "L002", f"{spec.id} repeats {first.id} ({same}, {first.file}:{first.line}); "
                          "delete one")


def _unused_synsets(book: Codebook):
    used = {name for spec in book.patterns for name in re.findall(r"&([\w.-]+)", spec.text)}
    for name in book.synsets:
        if name not in used and not name.startswith("_"):
            file, line = book.synset_origins.get(name, ("", 0))
            yield Finding(file, line, "L003", f"synonym set &{name} is never used; use it, delete it, or name it _{name}")
