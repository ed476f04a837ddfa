"""Discards: phrases that mark a sentence (or a whole story) as one to leave uncoded, e.g. sports results."""

from __future__ import annotations

from coder.codebook.load import Codebook
from coder.text.records import Sentence
from coder.text.tokenize import phrase_norms


class DiscardIndex:
    """The codebook's sentence and story discard phrases, indexed by their first token."""

    def __init__(self, codebook: Codebook):
        self._sentence = _index(codebook.discards_sentence)
        self._story = _index(codebook.discards_story)

    def sentence_discarded(self, sentence: Sentence) -> bool:
        return _found(self._sentence, sentence)

    def story_discarded(self, sentences: list[Sentence]) -> bool:
        return bool(self._story) and any(_found(self._story, s) for s in sentences)


def _index(phrases) -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        norms = phrase_norms(phrase)
        if norms:
            index.setdefault(norms[0], []).append(norms)
    return index


def _found(index: dict[str, list[tuple[str, ...]]], sentence: Sentence) -> bool:
    if not index:
        return False
    norms = [t.norm for t in sentence.tokens]
    for i, norm in enumerate(norms):
        for phrase in index.get(norm, ()):
            if tuple(norms[i:i + len(phrase)]) == phrase:
                return True
    return False
