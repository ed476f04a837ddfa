"""The pattern language: parse "{source} hold ... &talks (with {target})" into typed elements."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, Union

from coder.text.inflect import inflections
from coder.text.records import record_reduce
from coder.text.tokenize import phrase_norms

GAP_SIZE = 4


# The elements are small frozen records that pickle through their constructors (__reduce__), so that a
# cached compiled codebook loads fast, compiled or not (hatch_build.py compiles this module).

@dataclass(frozen=True, slots=True, eq=False)
class Words:
    """A choice of token sequences; each position is the set of forms that match there."""

    options: tuple[tuple[frozenset[str], ...], ...]
    source: str  # as written, for messages and explanations
    by_first: dict[str, tuple[tuple[frozenset[str], ...], ...]]
    by_last: dict[str, tuple[tuple[frozenset[str], ...], ...]]
    written: frozenset[str]   # first words as the codebook writes them, not generated inflections

    def __reduce__(self):
        return record_reduce(self)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Words) and (self.options, self.source) == (other.options, other.source)

    @classmethod
    def of(cls, options, source: str, written: frozenset[str] = frozenset()) -> "Words":
        """Words with the options indexed by their first and last forms, so matching tries only the fitting ones."""
        by_first: dict[str, list] = {}
        by_last: dict[str, list] = {}
        for option in options:
            for form in option[0]:
                by_first.setdefault(form, []).append(option)
            for form in option[-1]:
                by_last.setdefault(form, []).append(option)
        return cls(tuple(options), source, {k: tuple(v) for k, v in by_first.items()},
                   {k: tuple(v) for k, v in by_last.items()}, written)


@dataclass(frozen=True, slots=True)
class Optional:
    elements: tuple

    def __reduce__(self):
        return record_reduce(self)


@dataclass(frozen=True, slots=True)
class Gap:
    most: int

    def __reduce__(self):
        return record_reduce(self)


@dataclass(frozen=True, slots=True)
class Slot:
    """Where an actor goes; `sector` ("MIL") limits it to actors whose code has that sector."""

    role: Literal["source", "target", "actor"]   # "actor": an actor stands here, in no role (TABARI's ^)
    sector: str = ""

    def __reduce__(self):
        return record_reduce(self)

    def admits(self, codes) -> bool:
        if not self.sector:
            return True
        return all(self.sector in (c[i:i + 3] for i in range(3, len(c), 3)) for c in codes)


Element = Union[Words, Optional, Gap, Slot]


class PatternSyntaxError(ValueError):
    """A pattern that cannot be parsed: what is wrong, how to fix it, and the piece at fault."""

    def __init__(self, problem: str, fix: str = "", piece: str = ""):
        super().__init__(f"{problem}: {fix}" if fix else problem)
        self.problem, self.fix, self.piece = problem, fix, piece


_PIECE = re.compile(r"\(|\)|\S+?(?=\(|\)|\s|$)")


def parse_pattern(text: str, synsets: dict[str, list[str]], memo: dict | None = None) -> tuple[Element, ...]:
    """Parse a pattern; PatternSyntaxError names the first problem and how to fix it. Patterns parsed
    with the same `memo` (and synsets) share their elements: one `&verbs` set, not one per pattern."""
    pieces = _PIECE.findall(text)
    elements, rest = _parse_sequence(pieces, synsets, 0, {} if memo is None else memo)
    if rest:
        raise PatternSyntaxError("unbalanced ')'", "remove it or add the '(' it closes", ")")
    _check(elements)
    return elements


def _parse_sequence(pieces: list[str], synsets, depth: int, memo: dict) -> tuple[tuple[Element, ...], list[str]]:
    out: list[Element] = []
    while pieces:
        piece, pieces = pieces[0], pieces[1:]
        if piece == ")":
            if depth == 0:
                raise PatternSyntaxError("unbalanced ')'", "remove it or add the '(' it closes", ")")
            return tuple(out), [")", *pieces]
        if piece == "(":
            inner, pieces = _parse_sequence(pieces, synsets, depth + 1, memo)
            if not pieces or pieces[0] != ")":
                raise PatternSyntaxError("unclosed '('", "close the optional part with ')'", "(")
            if not inner:
                raise PatternSyntaxError("empty '()'", "put the optional words inside it", "(")
            out.append(Optional(inner))
            pieces = pieces[1:]
        else:
            element = memo.get(piece)
            if element is None:
                element = memo[piece] = _parse_piece(piece, synsets)
            out.append(element)
    return tuple(out), []


def _parse_piece(piece: str, synsets) -> Element:
    if piece == "...":
        return Gap(GAP_SIZE)
    slot = re.fullmatch(r"\{(source|target|actor)(?::([A-Z]{3}))?\}", piece)
    if slot:
        return Slot(slot[1], slot[2] or "")  # type: ignore[arg-type]
    if piece.startswith("{"):
        raise PatternSyntaxError(f"unknown slot {piece!r}", "use {source} or {target}, or with a sector {source:MIL}; "
                                 "leave a space before 's", piece)
    options: list[tuple[frozenset[str], ...]] = []
    written: set[str] = set()
    for word in piece.split("|"):
        if word.startswith("&"):
            if word[1:] not in synsets:
                raise KeyError(word[1:])
            for member in synsets[word[1:]]:
                options.append(_phrase(member))
                written.update(phrase_norms(member)[:1])
        elif word.startswith("="):
            norms = phrase_norms(word[1:])
            if not norms:
                raise PatternSyntaxError(f"{piece!r} has '=' without a word", "write the exact form after it: =talks", piece)
            options.append(tuple(frozenset({n}) for n in norms))
            written.add(norms[0])
        elif word:
            options.append(_phrase(word))
            written.update(phrase_norms(word)[:1])
    if not options or any(not o for o in options):
        raise PatternSyntaxError(f"{piece!r} has no word in it", "quotation marks and empty '|' alternatives "
                                 "never match (the tokenizer drops quotes); write words", piece)
    return Words.of(options, piece, frozenset(written))


def _phrase(text: str) -> tuple[frozenset[str], ...]:
    """A word or phrase in base form -> per-token sets of its inflected forms."""
    return tuple(inflections(n) for n in phrase_norms(text))


def _check(elements: tuple[Element, ...]) -> None:
    slots = [e.role for e in walk(elements) if isinstance(e, Slot)]
    for role in ("source", "target"):
        if slots.count(role) > 1:
            raise PatternSyntaxError(f"{{{role}}} appears more than once", "keep one", "{" + role)
    if "source" not in slots:
        raise PatternSyntaxError("no {source} slot", "say where the acting actor is, e.g. '{source} meet {target}'")
    if not any(isinstance(e, Words) for e in elements):
        raise PatternSyntaxError("no required word outside '( )'", "a pattern needs at least one word it always matches")


def walk(elements):
    """Every element, and those inside optional parts."""
    for e in elements:
        yield e
        if isinstance(e, Optional):
            yield from walk(e.elements)
