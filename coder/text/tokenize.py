"""One tokenizer for codebook phrases and news text, so that a phrase matches the text it describes."""

from __future__ import annotations

import re

from coder.text.records import Token

_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}"          # U.S., U.N.
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+"   # 8,000 and 2.5: one token
    r"|\w+(?:[-'’]\w+)*"           # words, hyphenated words, Xi's (split below)
    r"|['’]s\b"                    # a possessive written alone, as in patterns
    r"|[^\w\s]"                    # any other mark on its own
)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "`": "'"})


def normalize(text: str) -> str:
    """The form tokens are compared in: lower case, straight quotes."""
    return text.translate(_QUOTES).lower()


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Split text into tokens; possessives and "n't" become tokens of their own."""
    tokens: list[Token] = []
    for m in _TOKEN.finditer(text):
        word, start = m.group(), m.start() + offset
        norm = normalize(word)
        if norm == '"' or norm == "'" and not (tokens and tokens[-1].norm.endswith("s") and tokens[-1].end == start):
            continue  # quotation marks: transparent to patterns and slot searches
        split = _split_clitic(norm)
        if split:
            cut = len(word) - split
            tokens.append(Token(word[:cut], norm[:cut], start, start + cut))
            tokens.append(Token(word[cut:], norm[cut:], start + cut, start + len(word)))
        elif norm == "'" and tokens and tokens[-1].norm.endswith("s") and tokens[-1].end == start:
            tokens.append(Token(word, "'s", start, start + 1))  # the countries' ties
        else:
            tokens.append(Token(word, norm, start, start + len(word)))
    return tuple(tokens)


def _split_clitic(norm: str) -> int:
    """Length of a trailing "'s" or "n't" to split off, or 0."""
    if len(norm) > 2 and norm.endswith("'s"):
        return 2
    if len(norm) > 3 and norm.endswith("n't"):
        return 3
    return 0


def phrase_norms(phrase: str) -> tuple[str, ...]:
    """The token norms of a codebook phrase."""
    return tuple(t.norm for t in tokenize(phrase))
