"""The catalogue of codebook problem codes: what each means and how to fix it. Documented in
docs/codebook.md (a test keeps the table there equal to this one)."""

from __future__ import annotations

from typing import NamedTuple


class Kind(NamedTuple):
    problem: str
    fix: str   # the hint shown with a problem whose message has no more specific one


PROBLEMS: dict[str, Kind] = {
    "C001": Kind("the file is not valid YAML (or not UTF-8)", "fix the syntax at the line and column given"),
    "C002": Kind("a key appears twice in one mapping; YAML would silently keep the last",
                 "merge the two entries or rename one"),
    "C003": Kind("a value does not fit the schema: unknown key, wrong type, missing field, unquoted code, bad date",
                 "check the key against docs/codebook.md; quote codes (\"040\"); write dates as YYYY-MM-DD"),
    "C004": Kind("a pattern id, category code or synonym set is defined twice", "give one of them another id"),
    "C005": Kind("a pattern uses a CAMEO code no category defines",
                 "fix the code (`coder codebook show 04` lists root 04's categories) or add the category"),
    "C006": Kind("a pattern uses an undefined synonym set", "define it under `synsets:` or fix the name"),
    "C007": Kind("a pattern's syntax is wrong (no {source}, unbalanced ( ), unknown slot, no required word)",
                 "see the pattern language in docs/codebook.md"),
    "C008": Kind("no file, or more than one, has the `codebook:` section", "keep exactly one `codebook:` section"),
    "C009": Kind("a date range ends before it starts", "swap or fix the dates"),
    "C010": Kind("the codebook folder is missing or has no .yaml files", "check the -c path or codebook name"),
    "C011": Kind("a pattern can never match a sentence", "the message says why; reword the pattern"),
    "C012": Kind("one name has two actor entries in a file whose dates overlap with different codes",
                 "end one entry's dates where the other's start, or merge the entries"),
    "C013": Kind("a file is too large (over 32 MB), nested too deeply, or its aliases expand too far",
                 "split the file; write repeated parts out instead of nesting aliases"),
    "C014": Kind("a file in the codebook folder is a link to a file outside it",
                 "copy the file into the folder, or pass its folder as another -c"),
}


def fix_for(code: str) -> str:
    kind = PROBLEMS.get(code)
    return kind.fix if kind else ""
