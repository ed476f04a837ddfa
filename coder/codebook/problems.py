"""The catalogue of codebook problem codes; each is documented in docs/codebook.md."""

from __future__ import annotations

PROBLEMS: dict[str, str] = {
    "C001": "the file is not valid YAML",
    "C002": "a key appears twice in one mapping (YAML would silently keep the last)",
    "C003": "a value does not fit the schema (unknown key, wrong type, missing field)",
    "C004": "an id, code or name is defined twice",
    "C005": "a pattern uses a CAMEO code that no category defines",
    "C006": "a pattern uses a synonym set that is not defined",
    "C007": "a pattern's syntax is wrong",
    "C008": "no file, or more than one, has the `codebook:` section",
    "C009": "a date range ends before it starts",
    "C010": "the codebook folder has no YAML files",
}
