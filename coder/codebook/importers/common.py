"""What every importer returns: codebook sections to write, and every line it could not translate."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


def read_dictionary(path) -> tuple[str, ImportIssue | None]:
    """A dictionary's text: UTF-8, or else Latin-1 (old TABARI files), which is then reported."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        return raw.decode("latin-1"), ImportIssue(path.name, line, "changed",
                                                  "the file is not UTF-8 (first bad byte on this line): read as Latin-1")


@dataclass(frozen=True)
class ImportIssue:
    """One line of a source dictionary that was not (or not fully) translated, and why."""

    file: str
    line: int
    kind: str        # "skipped": nothing of the line was kept; "changed": kept in an altered form
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: [{self.kind}] {self.message}"


@dataclass
class ImportResult:
    """Codebook files to write (relative path -> YAML data), what they hold, and the issues."""

    files: dict[str, dict] = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)       # "actors": 27000, "patterns": 4700, ...
    issues: list[ImportIssue] = field(default_factory=list)

    def merge(self, other: "ImportResult") -> "ImportResult":
        for path, data in other.files.items():
            if path in self.files:
                raise ValueError(f"two importers write {path}")
            self.files[path] = data
        self.counts.update(other.counts)
        self.issues.extend(other.issues)
        return self
