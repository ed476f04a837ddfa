"""Exceptions the library raises; the CLI turns them into one-line messages and exit codes."""

from __future__ import annotations

from dataclasses import dataclass


class CoderError(Exception):
    """Base of every error the coder reports to its user."""


@dataclass(frozen=True)
class Problem:
    """One problem found in a codebook file, with where it is."""

    file: str
    line: int
    path: str
    message: str
    code: str = "C000"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        key = f" {self.path}:" if self.path else ""
        return f"{where}:{key} [{self.code}] {self.message}"


class CodebookError(CoderError):
    """A codebook failed to load; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class InputError(CoderError):
    """An input could not be read at all (missing file, unknown format)."""
