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


_TRAILING = frozenset(",.;:!?)")   # a mark that ends a word and the token after it ("Monday," "said.")


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Split text into tokens; possessives and "n't" become tokens of their own.

    Tokens never span white space, so the text is cut at white space first: a word of letters or digits
    alone, or followed by one mark, is its token(s) at once (most of a news sentence); any other piece
    goes through the token pattern, which reads on past the piece only to see whether a hyphen is
    suspended ("anti- Gondor")."""
    lowered = normalize(text)  # one pass, when lower() keeps every character's position ("İ" does not)
    aligned = len(lowered) == len(text)
    tokens: list[Token] = []
    append = tokens.append
    end = 0
    for piece in text.split():
        begin = text.find(piece, end)
        end = begin + len(piece)
        if piece.isalnum():
            append(Token(piece, lowered[begin:end] if aligned else normalize(piece), begin + offset, end + offset))
            continue
        last = end - 1
        if last > begin and piece[-1] in _TRAILING and piece[:-1].isalnum():
            word = piece[:-1]
            append(Token(word, lowered[begin:last] if aligned else normalize(word), begin + offset, last + offset))
            append(Token(piece[-1], piece[-1], last + offset, end + offset))
            continue
        _pattern_tokens(text, lowered, aligned, begin, end, offset, tokens)
    return tuple(tokens)


def _pattern_tokens(text: str, lowered: str, aligned: bool, begin: int, end: int, offset: int,
                    tokens: list[Token]) -> None:
    """The tokens of text[begin:end] (no white space in it) by the token pattern, appended to `tokens`."""
    append = tokens.append
    for found in _TOKEN.finditer(text, begin):
        first = found.start()
        if first >= end:
            break
        piece = found.group()
        last = found.end()
        norm = lowered[first:last] if aligned else normalize(piece)
        start = first + offset
        if "'" not in norm and norm != '"':
            append(Token(piece, norm, start, last + offset))
            continue
        if norm == '"':
            continue  # quotation marks are transparent to patterns and slot searches
        if norm == "'":
            if tokens and tokens[-1].end == start and tokens[-1].norm.endswith("s"):
                append(Token(piece, "'s", start, start + 1))  # the countries' ties
            continue
        cut = 2 if norm.endswith("'s") and len(norm) > 2 else 3 if norm.endswith("n't") and len(norm) > 3 else 0
        if cut:
            cut = len(piece) - cut
            append(Token(piece[:cut], norm[:cut], start, start + cut))
            append(Token(piece[cut:], norm[cut:], start + cut, start + len(piece)))
        else:
            append(Token(piece, norm, start, start + len(piece)))


def phrase_norms(phrase: str) -> tuple[str, ...]:
    """The token norms of a codebook phrase."""
    return tuple(t.norm for t in tokenize(phrase))
