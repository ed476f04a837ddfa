"""Write a Codebook back to a folder of YAML files that load_codebook reads as the same codebook."""

from __future__ import annotations

from pathlib import Path

import yaml

from coder.codebook.load import Codebook

HEADER = "# Written by coder from the codebook {name} {version}. Edit freely; see docs/codebook.md.\n"


def write_codebook(codebook: Codebook, folder: str | Path) -> list[Path]:
    """Write every section to its own file in `folder` (created if needed); the files written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sections = {
        "codebook.yaml": {"codebook": codebook.info.model_dump(exclude_defaults=True)},
        "categories.yaml": {"categories": [c.model_dump(exclude_defaults=True) for c in codebook.categories.values()]},
        "synsets.yaml": {"synsets": codebook.synsets},
        "patterns.yaml": {"patterns": _pattern_groups(codebook)},
        "countries.yaml": {"countries": [c.model_dump(exclude_defaults=True) for c in codebook.countries]},
        **_actor_files(codebook),
        "agents.yaml": {"agents": {code: list(nouns) for code, nouns in codebook.agents.items()}},
        "not-actors.yaml": {"not_actors": list(codebook.not_actors)},
        "discards.yaml": {"discards": {k: v for k, v in (("sentence", list(codebook.discards_sentence)),
                                                          ("story", list(codebook.discards_story))) if v}},
    }
    header = HEADER.format(name=codebook.info.name, version=codebook.info.version)
    written = []
    for name, data in sections.items():
        if not next(iter(data.values())):
            continue
        path = folder / name
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        path.write_text(header + text, encoding="utf-8")
        written.append(path)
    return written


def _actor_files(codebook: Codebook) -> dict[str, dict]:
    """Actors in one file per file they came from, in load order: where two files name one actor, the
    first still wins, and what only one file may do (one name, two codes on a day: C012) stays legal."""
    origins = [file for file, _ in codebook.actor_origins] or [""] * len(codebook.actors)
    runs: list[list] = []
    for actor, origin, before in zip(codebook.actors, origins, [None, *origins]):
        if not runs or origin != before:
            runs.append([])
        runs[-1].append(actor.model_dump(by_alias=True, exclude_defaults=True, exclude_none=True))
    width = len(str(len(runs)))
    return {("actors.yaml" if len(runs) == 1 else f"actors-{n:0{width}d}.yaml"): {"actors": run}
            for n, run in enumerate(runs, 1)}


def _pattern_groups(codebook: Codebook) -> list[dict]:
    """Consecutive phrases with the same code and mutual flag form one group, in codebook order."""
    groups: list[dict] = []
    for spec in codebook.patterns:
        last = groups[-1] if groups else None
        if (last is None or last["code"] != spec.code or last.get("mutual", False) != spec.mutual
                or last.get("fallback", False) != spec.fallback or last.get("reverse") != spec.reverse
                or tuple(last.get("lint_ignore", ())) != spec.lint_ignore):
            last = {"code": spec.code, **({"mutual": True} if spec.mutual else {}),
                    **({"fallback": True} if spec.fallback else {}),
                    **({"reverse": spec.reverse} if spec.reverse else {}),
                    **({"lint_ignore": list(spec.lint_ignore)} if spec.lint_ignore else {}), "phrases": {}}
            groups.append(last)
        last["phrases"][spec.id] = spec.text
    for example in codebook.examples:  # in the first group of the example's code
        group = next(g for g in groups if g["code"] == example.code)
        entry = {"text": example.text, **({"date": example.date} if example.date else {}),
                 "events": [list(e) for e in example.events]}
        group.setdefault("examples", []).append(entry)
    return groups
