"""Sentence splitting: paragraphs, then sentence ends that are not abbreviations."""

from __future__ import annotations

import re

from coder.text.records import Document, Sentence
from coder.text.tokenize import tokenize

_END = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"\n\s*\n")
_ACRONYM = re.compile(r"(?:[a-z]\.)+[a-z]")
_NEXT_WORD = re.compile(r"[\"'“‘(\[]?(\w+)")
_STARTERS = frozenset("The A An He She It They We I In On At But And This That These Those There "
                      "His Her Its Their Our After Before When While However Meanwhile Earlier Later".split())
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen col lt sgt st jan feb mar apr jun jul aug sep sept oct nov dec "
    "no vs etc inc corp jr sr gov sen rep prof capt maj adm cmdr rev ft mt lt-gen brig"
    .split()
)


def split_sentences(doc: Document) -> list[Sentence]:
    """The document's sentences, numbered from 0, each with its tokens."""
    sentences: list[Sentence] = []
    for start, end in _spans(doc.text):
        raw = doc.text[start:end]
        text = raw.strip()
        if not text:
            continue
        tokens = tokenize(text)
        if tokens:
            sentences.append(Sentence(doc.doc_id, len(sentences), text, tokens))
    return sentences


def _spans(text: str):
    """(start, end) character spans of the sentences in text."""
    para_start = 0
    for para in [*_PARAGRAPH.finditer(text), None]:
        para_end = para.start() if para else len(text)
        start = para_start
        for m in _END.finditer(text, para_start, para_end):
            if m.group().rstrip()[-1] == "." and _is_abbreviation(text, m.start(), m.end()):
                continue
            yield start, m.end()
            start = m.end()
        yield start, para_end
        para_start = para.end() if para else len(text)


def _is_abbreviation(text: str, dot: int, next_start: int) -> bool:
    """True when the full stop at `dot` ends an abbreviation such as "Mr." or "U.S." ("U.S. Army");
    an acronym ends the sentence only before a word that usually starts one ("... the U.S. The")."""
    if text[dot] != ".":
        return False
    begin = dot   # the word before the stop, read backwards: no copy of the text before it
    while begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] in "._"):
        begin -= 1
    if begin == dot:
        return False
    w = text[begin:dot].lower()
    if w in _ABBREVIATIONS:
        return True
    if not _ACRONYM.fullmatch(w):
        return False
    following = _NEXT_WORD.match(text, next_start)
    return not (following and following.group(1) in _STARTERS)
