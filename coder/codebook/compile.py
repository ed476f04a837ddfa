"""A codebook compiled for matching: the actor index and the pattern index, built once."""

from __future__ import annotations

from dataclasses import dataclass

from coder.codebook.load import Codebook
from coder.match.actors import ActorIndex
from coder.match.discards import DiscardIndex
from coder.match.patterns import PatternIndex


@dataclass(frozen=True)
class CompiledCodebook:
    codebook: Codebook
    actors: ActorIndex
    patterns: PatternIndex
    discards: DiscardIndex


def compile_codebook(codebook: Codebook) -> CompiledCodebook:
    return CompiledCodebook(codebook, ActorIndex(codebook), PatternIndex(codebook), DiscardIndex(codebook))
