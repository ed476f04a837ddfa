"""Text stage: datelines, sentence splitting, tokens, inflections."""

from __future__ import annotations

import datetime as dt

import pytest

from coder.text.dateline import BadDate, parse_date, read_dateline
from coder.text.inflect import inflections
from coder.text.records import Document
from coder.text.split import split_sentences
from coder.text.tokenize import tokenize

DATELINES = [
    ("date 2025-09-06 Beijing: North Korean leader Kim", dt.date(2025, 9, 6), "Beijing", "North Korean leader Kim"),
    ("GAZA CITY, Palestinian Territories: Four children", None, "GAZA CITY, Palestinian Territories", "Four children"),
    ("LYON: Interpol has said", None, "LYON", "Interpol has said"),
    ("The US claimed", None, "", "The US claimed"),
]


@pytest.mark.parametrize("text,date,place,rest", DATELINES)
def test_datelines(text, date, place, rest):
    assert read_dateline(text) == (date, place, rest)


@pytest.mark.parametrize("bad", ["2024-02-30", "06/09/2025", "2025-13-01", "yesterday"])
def test_bad_dates(bad):
    with pytest.raises(BadDate):
        parse_date(bad)


def test_dateline_with_an_impossible_date():
    with pytest.raises(BadDate):
        read_dateline("date 2025-02-30 Kyiv: text")


SPLITS = [
    ("Mr. Smith met the U.S. envoy. He left.", ["Mr. Smith met the U.S. envoy.", "He left."]),
    ("He met the U.S. Army chief.", ["He met the U.S. Army chief."]),
    ("Troops left the U.S. The talks ended.", ["Troops left the U.S.", "The talks ended."]),
    ("He said “no.” Then he left.", ["He said “no.”", "Then he left."]),
    ("First paragraph\n\nSecond one.", ["First paragraph", "Second one."]),
    ("Talks ended on Sept. 5 in Geneva. Nothing was agreed.", ["Talks ended on Sept. 5 in Geneva.", "Nothing was agreed."]),
]


@pytest.mark.parametrize("text,expected", SPLITS)
def test_sentence_splitting(text, expected):
    assert [s.text for s in split_sentences(Document("d", None, text))] == expected


def test_tokens_split_possessives_and_negation_and_keep_acronyms():
    norms = [t.norm for t in tokenize("China’s U.S. policy didn't change; the countries' ties")]
    assert norms == ["china", "'s", "u.s.", "policy", "did", "n't", "change", ";", "the", "countries", "'s", "ties"]


@pytest.mark.parametrize("base,forms", [
    ("back", {"backs", "backed", "backing"}),
    ("meet", {"meets", "met", "meeting"}),
    ("ban", {"bans", "banned", "banning"}),
    ("agree", {"agrees", "agreed", "agreeing"}),
    ("accuse", {"accuses", "accused", "accusing"}),
    ("ally", {"allies", "allied"}),
    ("be", {"is", "was", "were", "been"}),
])
def test_inflections(base, forms):
    assert forms <= inflections(base)


def test_characters_whose_lower_case_is_longer_keep_positions():
    tokens = tokenize("İstanbul and Ankara")
    assert [(t.text, t.start) for t in tokens] == [("İstanbul", 0), ("and", 9), ("Ankara", 13)]
    assert tokens[2].norm == "ankara"


def test_numbers_with_separators_are_one_token():
    assert [t.norm for t in tokenize("killed 8,000 people, 2.5 km away")] == ["killed", "8,000", "people", ",", "2.5", "km", "away"]


def test_a_suspended_hyphen_stays_with_its_word_and_a_dash_is_a_token():
    assert [t.norm for t in tokenize("pro- and anti-Western, an anti- Gondor rally - he said")] == [
        "pro-", "and", "anti-western", ",", "an", "anti-", "gondor", "rally", "-", "he", "said"]


def test_an_underscore_joins_words_as_a_space_does():
    assert [t.norm for t in tokenize("the Prince of Dol_Amroth")] == ["the", "prince", "of", "dol", "amroth"]


def test_function_words_are_not_inflected():
    assert inflections("with") == {"with"}


def test_the_white_space_shortcut_gives_the_token_patterns_tokens():
    """tokenize cuts at white space and reads plain words directly; the token pattern over the whole text
    must give the same tokens, positions and norms, on tricky text and on random strings of tricky characters."""
    import random

    from coder.text.tokenize import _pattern_tokens, normalize

    def by_pattern(text: str, offset: int) -> list[tuple]:
        lowered = normalize(text)
        tokens: list = []
        _pattern_tokens(text, lowered, len(lowered) == len(text), 0, len(text), offset, tokens)
        return [(t.text, t.norm, t.start, t.end) for t in tokens]

    rng = random.Random(7)
    alphabet = list("aZ9 .,'’-_\"“”()!?;:İ\t\n") + ["U.S.", "don't", "Xi's", "anti- ", "8,000", "2.5", "ß"]
    texts = ["Xi's U.S. 8,000 2.5 don't ``quoted'' “curly” ‘x’ it's the countries' ties.", "anti- Gondor and pro- Rohan",
             "İstanbul, İzmir.", "a_b __ _x (Reuters) - A.B. X.Y.Z! Mr. Smith's dog?", "\u00b2 x\u0301y"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(3000)]
    for text in texts:
        assert [(t.text, t.norm, t.start, t.end) for t in tokenize(text, 5)] == by_pattern(text, 5), text
