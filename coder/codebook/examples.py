"""Codebook tests: run every `examples:` sentence of a codebook and compare with the events it expects."""

from __future__ import annotations

from dataclasses import dataclass

from coder.codebook.load import ExampleSpec
from coder.pipeline import Coder


@dataclass(frozen=True)
class ExampleResult:
    example: ExampleSpec
    coded: frozenset[tuple[str, str | None, str]]
    missing: frozenset[tuple[str, str | None, str]]

    @property
    def passed(self) -> bool:
        return not self.missing


def run_examples(coder: Coder) -> list[ExampleResult]:
    """An example passes when every event it lists is coded (other events may be coded too)."""
    results = []
    for example in coder.codebook.examples:
        events = coder.code_text(example.text, example.date)
        coded = frozenset((e.source, e.target, e.code) for e in events)
        results.append(ExampleResult(example, coded, frozenset(example.events) - coded))
    return results
