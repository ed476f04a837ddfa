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
}


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: [{self.code}] {self.message}"


def lint(codebook: Codebook) -> list[Finding]:
    return [*_overlapping_codes(codebook), *_repeated_patterns(codebook), *_unused_synsets(codebook)]


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
