"""Discards: phrases that mark a sentence (or a whole story) as one to leave uncoded, e.g. sports results."""

from __future__ import annotations

from coder.codebook.load import Codebook
from coder.text.records import Sentence
from coder.text.tokenize import phrase_norms


class DiscardIndex:
    """The codebook's sentence and story discard phrases, indexed by their first token."""

    def __init__(self, codebook: Codebook | None, tables: tuple[dict, dict] | None = None):
        """Index `codebook`'s phrases, or take `tables` (sentence, story) already made (unpickling)."""
        if codebook is not None:
            tables = _index(codebook.discards_sentence), _index(codebook.discards_story)
        self._sentence: dict[str, list[tuple[str, ...]]] = tables[0] if tables else {}
        self._story: dict[str, list[tuple[str, ...]]] = tables[1] if tables else {}

    def __reduce__(self):
        return DiscardIndex, (None, (self._sentence, self._story))

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
    norms = sentence.norms
    for i, norm in enumerate(norms):
        for phrase in index.get(norm, ()):
            if norms[i:i + len(phrase)] == phrase:
                return True
    return False
