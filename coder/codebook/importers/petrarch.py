"""The PETRARCH/TABARI importer: verbs, actors, agents and discards -> one coder codebook folder."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import yaml

from coder.codebook.importers.common import ImportResult
from coder.codebook.load import default_codebook_path


def import_petrarch(verbs=(), actors=(), agents=(), discards=(), keep_codes: bool = False) -> ImportResult:
    """Convert every given dictionary file; the results merged, issues in file order."""
    from coder.codebook.importers.petrarch_actors import import_actors, import_agents, import_discards
    from coder.codebook.importers.petrarch_verbs import import_verbs

    result = ImportResult()
    def verbs_keeping(path: Path) -> ImportResult:
        return import_verbs(path, keep_codes=keep_codes)

    for convert, paths in ((verbs_keeping, verbs), (import_actors, actors), (import_agents, agents),
                           (import_discards, discards)):
        for path in paths:
            result.merge(convert(Path(path)))
    return result


def write_import(result: ImportResult, folder: Path, name: str, sources: list[Path], categories: bool = True,
                 fallback: bool = False, with_info: bool = True) -> list[Path]:
    """Write the imported sections as a loadable codebook folder, with the report of what did not translate.
    `fallback` marks every imported pattern group as a fallback; `with_info` writes a codebook.yaml."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    header = (f"# Imported by `coder codebook import petrarch` from: {', '.join(p.name for p in sources)}.\n"
              "# Keep the source dictionaries' licence with this folder. Format: docs/codebook.md.\n")
    info = {"codebook": {"name": name, "version": "imported",
                         "description": f"Imported from {', '.join(p.name for p in sources)}"}}
    files = {**({"codebook.yaml": info} if with_info else {}), **result.files}
    for relative, data in files.items():
        if fallback and "patterns" in data:
            data = {**data, "patterns": [{**group, "fallback": True} for group in data["patterns"]]}
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110), encoding="utf-8")
        written.append(path)
    if categories:
        shutil.copy(default_codebook_path() / "categories.yaml", folder / "categories.yaml")
        written.append(folder / "categories.yaml")
    report = folder / "IMPORT-REPORT.txt"
    report.write_text(report_text(result), encoding="utf-8")
    written.append(report)
    return written


def report_text(result: ImportResult) -> str:
    kinds = Counter(issue.kind for issue in result.issues)
    lines = ["imported: " + ", ".join(f"{n} {what}" for what, n in sorted(result.counts.items())),
             "not translated exactly: " + (", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items())) or "none"),
             ""]
    lines += [str(issue) for issue in result.issues]
    return "\n".join(lines) + "\n"
