"""One tokenizer for codebook phrases and news text, so that a phrase matches the text it describes."""

from __future__ import annotations

import re

from coder.text.records import Token

_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}"          # U.S., U.N.
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+"   # 8,000 and 2.5: one token
    r"|[^\W_]+(?:[-'’][^\W_]+)*(?:-(?=[ \t]+\w))?"   # words, hyphenated words, Xi's (split below),
                                   # a suspended hyphen "anti- Gondor", "pro- and anti-": no dash;
                                   # "_" joins words as a space does (the dictionaries' "Dol_Amroth")
    r"|['’]s\b"                    # a possessive written alone, as in patterns
    r"|[^\w\s]"                    # any other mark on its own
)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "`": "'"})


_CURLY = ("’", "‘", "“", "”", "`")


def normalize(text: str) -> str:
    """The form tokens are compared in: lower case, straight quotes."""
    lowered = text.lower()
    for quote in _CURLY:   # most text has none: a scan for each is cheaper than translating every character
        if quote in lowered:
            return lowered.translate(_QUOTES)
    return lowered


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Split text into tokens; possessives and "n't" become tokens of their own."""
    lowered = normalize(text)  # one pass, when lower() keeps every character's position ("İ" does not)
    aligned = len(lowered) == len(text)
    tokens: list[Token] = []
    append = tokens.append
    end = 0
    for piece in _TOKEN.findall(text):   # strings, not match objects; each found where the last one ended
        begin = text.find(piece, end)    # (only white space lies between two tokens)
        end = begin + len(piece)
        norm = lowered[begin:end] if aligned else normalize(piece)
        if "'" not in norm and norm != '"':     # nearly every token: no quote to look at
            append(Token(piece, norm, begin + offset, end + offset))
            continue
        word, start = piece, begin + offset
        if norm == '"':
            continue  # quotation marks are transparent to patterns and slot searches
        if norm == "'":
            if tokens and tokens[-1].end == start and tokens[-1].norm.endswith("s"):
                append(Token(word, "'s", start, start + 1))  # the countries' ties
            continue
        cut = 2 if norm.endswith("'s") and len(norm) > 2 else 3 if norm.endswith("n't") and len(norm) > 3 else 0
        if cut:
            cut = len(word) - cut
            append(Token(word[:cut], norm[:cut], start, start + cut))
            append(Token(word[cut:], norm[cut:], start + cut, start + len(word)))
        else:
            append(Token(word, norm, start, start + len(word)))
    return tuple(tokens)


def phrase_norms(phrase: str) -> tuple[str, ...]:
    """The token norms of a codebook phrase."""
    return tuple(t.norm for t in tokenize(phrase))
