"""Hostile documents (tests/data/hostile/, each named for what it tries): none stops the others, the
good ones give the events they give alone, each bad one says why."""

from __future__ import annotations

import pytest

from coder import Coder
from coder.io.readers import read_story
from coder.text.clean import MAX_DOCUMENT_CHARS
from coder.text.records import Document, DocumentError
from tests.conftest import DATA

HOSTILE = DATA / "hostile"


@pytest.fixture(scope="module")
def coder():
    return Coder(DATA / "mini")


def coded(coder, name: str):
    doc = read_story(HOSTILE / name)
    if isinstance(doc, DocumentError):
        return doc
    return coder.code_document(doc)


def events(result) -> set:
    return {(e.source, e.target, e.code) for e in result.events}


CODED_AS_GOOD = [
    # (file, words of the note that says what was done to it)
    ("html-page.txt", "markup removed"),                 # and the event inside <script> is not coded
    ("control-characters.txt", "control character"),
    ("punctuation-lines.txt", "without words removed"),
    ("long-token.txt", "more than 400 tokens not coded"),  # 100,000 characters of base64: no sentence
    ("table-as-text.txt", "more than 400 tokens not coded"),
    ("latin-1.txt", "invalid UTF-8 byte(s) replaced"),
]


@pytest.mark.parametrize("name,note", CODED_AS_GOOD, ids=[c[0] for c in CODED_AS_GOOD])
def test_a_hostile_document_is_coded_as_its_good_text_alone(coder, name, note):
    good = coded(coder, "good.txt")
    assert events(good) == {("RUS", "UKR", "190")}
    result = coded(coder, name)
    assert events(result) == events(good) and len(result.events) == 1
    assert not result.skipped
    assert note in " ".join(result.notes)


REFUSED = [
    ("binary-by-mistake.txt", "a binary file, not text"),
    ("empty.txt", "empty document"),
    ("impossible-date.txt", "bad date '2024-02-30'"),
]


@pytest.mark.parametrize("name,reason", REFUSED, ids=[r[0] for r in REFUSED])
def test_a_document_that_cannot_be_read_says_why(coder, name, reason):
    result = coded(coder, name)
    assert isinstance(result, DocumentError) and reason in result.reason


def test_a_document_of_markup_only_is_skipped_with_its_reason(coder):
    result = coded(coder, "only-markup.txt")
    assert result.skipped.startswith("no text left") and result.events == ()


def test_an_enormous_document_is_skipped_not_cut(coder):
    text = "Russia attacked Ukraine. " + "Boilerplate line of a scraped page.\n" * (MAX_DOCUMENT_CHARS // 36 + 10)
    result = coder.code_document(Document("huge", None, text))
    assert "the limit is 2,000,000" in result.skipped and result.events == () and result.sentences == 0


def test_entities_alone_are_decoded(coder):
    (event,) = coder.code_text("Russia attacked Ukraine &amp; its allies.", "2024-05-01")
    assert event.sentence_text == "Russia attacked Ukraine & its allies."
