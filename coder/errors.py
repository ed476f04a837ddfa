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
    col: int = 0       # 1-based column; 0 when unknown
    hint: str = ""     # how to fix it; empty: the catalogue's fix for the code

    @property
    def fix(self) -> str:
        from coder.codebook.problems import fix_for

        return self.hint or fix_for(self.code)

    @property
    def where(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.col}" if self.col else f"{self.file}:{self.line}"

    def __str__(self) -> str:
        """One line: file:line:col: [code] key.path: message (fix: hint)."""
        key = f" {self.path}:" if self.path else ""
        fix = f" (fix: {self.fix})" if self.fix else ""
        return f"{self.where}: [{self.code}]{key} {self.message}{fix}"


class CodebookError(CoderError):
    """A codebook failed to load; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class InputError(CoderError):
    """An input could not be read at all (missing file, unknown format)."""
