"""Load a codebook folder: YAML -> validated models -> one Codebook, with every problem at file:line."""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import yaml
from pydantic import ValidationError

from coder.codebook.schema import Actor, Category, CodebookFile, CodebookInfo, Country
from coder.errors import CodebookError, Problem

class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when present: same results, faster
    """Safe YAML, except that an impossible date stays a string, so the schema reports it with its
    key path and the rest of the file is still checked."""


def _lenient_timestamp(loader, node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)
Location = tuple  # a key path: ("patterns", 3, "phrases", "consult.meet")

# Limits that keep a hostile or broken file from exhausting time or memory: the largest shipped file
# is 2.6 MB; YAML aliases may repeat a list, not multiply a file's size ("billion laughs").
MAX_FILE_BYTES = 32 * 1024 * 1024
ALIAS_GROWTH = 4          # a file's nodes, counted through its aliases, may be 4x its written nodes ...
ALIAS_ALLOWANCE = 100_000  # ... plus this many


class _TooLarge(Exception):
    """A file whose aliases expand beyond the limits."""


@dataclass(frozen=True, slots=True)
class PatternSpec:
    """One phrase of a pattern group, with where it was written."""

    id: str
    code: str
    text: str
    mutual: bool
    file: str
    line: int
    fallback: bool = False
    reverse: str | None = None
    lint_ignore: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ExampleSpec:
    """A group's example: the sentence, its date, the events expected, and where it was written."""

    text: str
    date: object
    events: tuple[tuple[str, str | None, str], ...]
    file: str
    line: int
    code: str = ""     # the code of the pattern group it belongs to


@dataclass(frozen=True)
class Codebook:
    """A loaded, validated codebook: every section merged from all of its files."""

    info: CodebookInfo
    categories: dict[str, Category]
    synsets: dict[str, list[str]]
    patterns: tuple[PatternSpec, ...]
    countries: tuple[Country, ...]
    actors: tuple[Actor, ...]
    agents: dict[str, tuple[str, ...]]
    not_actors: tuple[str, ...]
    discards_sentence: tuple[str, ...]
    discards_story: tuple[str, ...]
    files: tuple[str, ...]
    content_hash: str
    folders: tuple[str, ...] = ()      # the folders (or files) it was loaded from, as given
    actor_origins: tuple[tuple[str, int], ...] = ()   # (file, line) of each actor, for messages
    synset_origins: dict[str, tuple[str, int]] = dataclasses.field(default_factory=dict)
    country_origins: tuple[tuple[str, int], ...] = ()  # (file, line) of each country
    agent_origins: dict[str, tuple[str, int]] = dataclasses.field(default_factory=dict)  # sector -> where first defined
    examples: tuple["ExampleSpec", ...] = ()
    complete: bool = True              # False in a cached compiled codebook: actors and countries live in its index


@dataclass(frozen=True)
class _Parsed:
    file: str
    model: CodebookFile
    places: dict[Location, tuple[int, int]]   # key path -> (line, column) of its key, 1-based
    source: tuple[str, ...] = ()              # the file's lines, to point at a word inside a value

    def line(self, loc: Location) -> int:
        return _place_of(self.places, loc)[0]

    def problem(self, loc: Location, message: str, code: str, hint: str = "", word: str = "") -> Problem:
        """A problem at a key path; with `word`, at that word inside the key's value when it is on the line."""
        line, col = _place_of(self.places, loc)
        if word and 0 < line <= len(self.source):
            found = self.source[line - 1].find(word, col)
            col = found + 1 if found >= 0 else col
        return Problem(self.file, line, _dotted(loc), message, code, col, hint)


def default_codebook_path() -> Path:
    """The shipped CAMEO codebook: inside the installed package, else in the source checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "codebooks" / "cameo", here.parent / "codebooks" / "cameo"):
        if candidate.is_dir():
            return candidate
    raise CodebookError([Problem(str(here), 0, "", "the shipped codebook is missing from the installation", "C010")])


def codebook_files(folders: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for folder in folders:
        if folder.is_file():
            files.append(folder)
        else:
            files.extend(sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()))
    return files


ENTRY_POINTS = "coder.codebooks"  # packages publish codebooks here: name = "module:function returning its folder"


def installed_codebooks() -> dict[str, Path]:
    """Codebooks known by name: the shipped "cameo", then those installed packages publish."""
    from importlib.metadata import entry_points

    found: dict[str, Path] = {"cameo": default_codebook_path()}
    for ep in entry_points(group=ENTRY_POINTS):
        if ep.name in found and ep.value != "coder.codebook.load:default_codebook_path":
            raise CodebookError([Problem(ep.value, 0, "", f"two installed codebooks are named {ep.name!r}", "C004")])
        try:
            found.setdefault(ep.name, Path(ep.load()()))
        except Exception as exc:  # a broken plugin must not stop the others
            raise CodebookError([Problem(ep.value, 0, "", f"installed codebook {ep.name!r} failed to load: {exc}",
                                         "C010")]) from None
    return found


def codebook_folders(paths: str | Path | Iterable[str | Path] | None) -> list[Path]:
    """The folders (or files) a codebook argument names; a name that is no path is an installed
    codebook ("cameo", or one a package publishes); None is the shipped codebook."""
    if paths is None:
        return [default_codebook_path()]
    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    named = None
    folders = []
    for item in items:
        path = Path(item)
        if not path.exists() and len(path.parts) == 1:
            named = named if named is not None else installed_codebooks()
            path = named.get(str(item), path)
        folders.append(path)
    return folders


def _outside(folders: list[Path], files: list[Path]) -> list[Problem]:
    """Files found under a codebook folder that are links to somewhere outside it (C014)."""
    roots = [f.resolve() for f in folders if f.is_dir()]
    found = []
    for f in files:
        real = f.resolve()
        if any(f.is_relative_to(folder) for folder in folders if folder.is_dir()) and \
                not any(real.is_relative_to(root) for root in roots):
            found.append(Problem(str(f), 0, "", f"links to {real}, outside the codebook folder", "C014",
                                 hint="copy the file into the folder, or pass its folder as another -c"))
    return found


def content_digest(files: list[Path]) -> str:
    """SHA-256 over the files' paths (relative to their folder) and bytes, in load order."""
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return digest.hexdigest()


def load_codebook(paths: str | Path | Iterable[str | Path] | None = None) -> Codebook:
    """Load and validate a codebook from one or more folders (or files); CodebookError lists every problem."""
    folders = codebook_folders(paths)
    problems: list[Problem] = []
    for folder in folders:
        if not folder.exists():
            problems.append(Problem(str(folder), 0, "", "no such codebook folder or file", "C010"))
    for folder in folders:
        if folder.is_dir() and not codebook_files([folder]):
            problems.append(Problem(str(folder), 0, "", "the codebook folder has no .yaml files", "C010"))
    files = codebook_files(f for f in folders if f.exists())
    problems.extend(_outside(folders, files))
    files = [f for f in files if not any(p.file == str(f) for p in problems)]
    parsed = [p for p in (_parse_file(f, problems) for f in files) if p is not None]
    codebook = _merge(parsed, problems, content_digest(files)) if not problems else None
    if problems:
        raise CodebookError(problems)
    assert codebook is not None
    return dataclasses.replace(codebook, folders=tuple(str(f) for f in folders))


def _parse_file(path: Path, problems: list[Problem]) -> _Parsed | None:
    name = str(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.append(Problem(name, 0, "", f"the file is {size / 2**20:.0f} MB; a codebook file may have at most "
                                f"{MAX_FILE_BYTES // 2**20} MB", "C013", hint="split it into several files"))
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(name, 0, "", f"not UTF-8 ({exc.reason} at byte {exc.start})", "C001",
                                hint="save the file as UTF-8"))
        return None
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()  # one parse: the node gives the lines, then the data
            data = loader.construct_document(node) if node is not None else {}
        finally:
            loader.dispose()
    except RecursionError:   # the pure-Python parser, without libyaml, on absurd nesting
        problems.append(Problem(name, 0, "", "nested too deeply to read", "C013",
                                hint="a codebook needs a few levels of nesting; this is not a codebook file"))
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problems.append(Problem(name, line, "", f"{getattr(exc, 'problem', None) or exc}", "C001", col))
        return None
    places: dict[Location, tuple[int, int]] = {}
    if node is not None:
        limit = ALIAS_GROWTH * _distinct_nodes(node) + ALIAS_ALLOWANCE
        try:
            _index_places(node, (), places, name, problems, [limit])
        except _TooLarge:
            problems.append(Problem(name, 0, "", f"its aliases (*name) expand to more than {limit} nodes",
                                    "C013", hint="write the repeated parts out, or use fewer nested aliases"))
            return None
        except RecursionError:
            problems.append(Problem(name, 0, "", "nested too deeply to read", "C013",
                                    hint="a codebook needs a few levels of nesting; this is not a codebook file"))
            return None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.append(Problem(name, 1, "", "a codebook file must be a mapping of sections", "C003", 1,
                                "start the file with a section key: categories:, patterns:, actors:, ..."))
        return None
    try:
        model = CodebookFile.model_validate(data)
    except ValidationError as exc:
        parsed = _Parsed(name, CodebookFile(), places)
        for err in exc.errors():
            message, hint = _schema_message(err)
            problems.append(parsed.problem(tuple(err["loc"]), message, "C003", hint))
        return None
    return _Parsed(name, model, places, tuple(text.splitlines()))


def _distinct_nodes(root) -> int:
    """How many nodes a YAML document has as written (an alias counts once)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return len(seen)


def _index_places(node, path: Location, places: dict, file: str, problems: list[Problem], budget: list) -> None:
    """Record the line and column of every key path; report keys that appear twice in a mapping.
    `budget` ([nodes left]) stops a walk that aliases make explode."""
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooLarge
    places[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in seen:
                problems.append(Problem(file, where[0], _dotted((*path, key)),
                                        f"duplicate key {key!r} (first at line {seen[key]})", "C002", where[1]))
            seen[key] = where[0]
            _index_places(value_node, (*path, key), places, file, problems, budget)
            places[(*path, key)] = where
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index_places(item, (*path, i), places, file, problems, budget)


def _place_of(places: dict[Location, tuple[int, int]], loc: Location) -> tuple[int, int]:
    """The place of a key path, or of its nearest parent that has one."""
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in places:
            return places[loc[:cut]]
    return (0, 0)


def _dotted(loc: Location) -> str:
    return ".".join(str(part) for part in loc)


def _schema_message(err: dict) -> tuple[str, str]:
    """Pydantic's error in the words of the codebook format, and what to write instead."""
    kind, msg, loc, value = err["type"], err["msg"], err["loc"], err.get("input")
    field = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        return f"unknown key {field!r}", "check its spelling against docs/codebook.md"
    if kind == "missing":
        return f"required key {field!r} is missing", "add it (docs/codebook.md lists each section's keys)"
    if kind == "string_type" and isinstance(value, (int, float)):
        return (f"must be text, but YAML read the number {value!r}",
                "put it in quotes: an unquoted code with a leading 0 is even read as octal (040 becomes 32)")
    if kind.startswith(("date_", "datetime_")):
        return f"bad date {value!r}", "write YYYY-MM-DD, e.g. 2011-12-17"
    if kind == "string_pattern_mismatch" and field == "code" and "codes" in loc:
        return f"{value!r} is not an actor code", "3 capitals (or ---), then 3-letter parts, e.g. USA, USAGOV, ---REB"
    if kind == "string_pattern_mismatch" and field == "code" and "countries" in loc:
        return f"{value!r} is not a country code", "3 capital letters (USA), or 6 for a territory (PSEGZA)"
    if kind == "string_pattern_mismatch" and field == "code":
        return f"{value!r} is not a CAMEO event code", 'write 2 to 4 digits in quotes, e.g. "042"'
    if kind == "literal_error":
        return f"{value!r} is not allowed", msg.split(": ", 1)[-1]
    if kind == "list_type":
        shown = value if isinstance(value, (str, int, float)) else "..."
        return f"must be a list, not {type(value).__name__}", f"write it in brackets: {field}: [{shown}]"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"must be a mapping of keys, not {type(value).__name__}", "write key: value pairs, as docs/codebook.md shows"
    return msg, ""


def _merge(parsed: list[_Parsed], problems: list[Problem], content_hash: str) -> Codebook | None:
    """Merge files into one Codebook, checking what only the whole codebook can show."""
    infos = [(p, p.model.codebook) for p in parsed if p.model.codebook is not None]
    if len(infos) != 1:
        where = ", ".join(p.file for p, _ in infos) or (parsed[0].file if parsed else "")
        problems.append(Problem(where, 0, "codebook", f"{len(infos)} files have a `codebook:` section; exactly one must", "C008"))
    categories = _merge_categories(parsed, problems)
    synsets = _merge_named(parsed, "synsets", problems)
    agents = {code: tuple(nouns) for code, nouns in _merge_named(parsed, "agents", problems).items()}
    elements: dict = {}   # (file, key path) -> (its _Parsed, the parsed pattern), for the checks that follow
    patterns = _merge_patterns(parsed, categories, synsets, problems, elements)
    _check_actors(parsed, problems)
    if not problems:
        from coder.codebook.reach import unreachable_patterns

        problems.extend(unreachable_patterns(parsed, elements, agents))
    if problems:
        return None
    return Codebook(
        info=infos[0][1],
        categories=categories,
        synsets=synsets,
        patterns=patterns,
        countries=tuple(c for p in parsed for c in p.model.countries),
        actors=tuple(a for p in parsed for a in p.model.actors),
        actor_origins=tuple((p.file, p.line(("actors", i))) for p in parsed for i in range(len(p.model.actors))),
        synset_origins={name: (p.file, p.line(("synsets", name))) for p in parsed for name in p.model.synsets},
        country_origins=tuple((p.file, p.line(("countries", i))) for p in parsed for i in range(len(p.model.countries))),
        agent_origins={sector: (p.file, p.line(("agents", sector))) for p in reversed(parsed) for sector in p.model.agents},
        examples=tuple(ExampleSpec(e.text, e.date, tuple(tuple(ev) for ev in e.events), p.file,
                                   p.line(("patterns", g, "examples", k)), group.code)
                       for p in parsed for g, group in enumerate(p.model.patterns)
                       for k, e in enumerate(group.examples)),
        agents=agents,
        not_actors=tuple(n for p in parsed for n in p.model.not_actors),
        discards_sentence=tuple(d for p in parsed if p.model.discards for d in p.model.discards.sentence),
        discards_story=tuple(d for p in parsed if p.model.discards for d in p.model.discards.story),
        files=tuple(p.file for p in parsed),
        content_hash=content_hash,
    )


def _merge_categories(parsed, problems) -> dict[str, Category]:
    out: dict[str, Category] = {}
    first: dict[str, str] = {}
    for p in parsed:
        for i, cat in enumerate(p.model.categories):
            loc = ("categories", i, "code")
            if cat.code in out:
                problems.append(p.problem(loc, f"category {cat.code} is defined twice (first at {first[cat.code]})",
                                          "C004", "delete one, or merge what they say"))
                continue
            out[cat.code] = cat
            first[cat.code] = f"{p.file}:{p.line(loc)}"
    return out


def _merge_named(parsed, section: str, problems) -> dict[str, list[str]]:
    """Merge a name -> list mapping (synsets, agents); a name defined in two files is a problem."""
    out: dict[str, list[str]] = {}
    first: dict[str, str] = {}
    for p in parsed:
        for name, members in getattr(p.model, section).items():
            if name in out and section == "synsets":
                problems.append(p.problem((section, name), f"synonym set {name!r} is defined twice (first at {first[name]})",
                                          "C004", "merge the members into one set, or rename one"))
            first.setdefault(name, f"{p.file}:{p.line((section, name))}")
            out.setdefault(name, []).extend(members)
    return out


def _merge_patterns(parsed, categories, synsets, problems, elements: dict) -> tuple[PatternSpec, ...]:
    from coder.codebook.pattern import PatternSyntaxError, parse_pattern

    specs: list[PatternSpec] = []
    seen: dict[str, str] = {}
    memo: dict = {}
    for p in parsed:
        for g, group in enumerate(p.model.patterns):
            for key in ("code", "reverse"):
                value = getattr(group, key)
                if value is not None and value not in categories and value != "---":
                    problems.append(p.problem(("patterns", g, key), f"unknown CAMEO code {value!r}: no category defines it",
                                              "C005", word=value))
            for pid, text in group.phrases.items():
                loc = ("patterns", g, "phrases", pid)
                if pid in seen:
                    problems.append(p.problem(loc, f"pattern id {pid!r} is used twice (first at {seen[pid]})", "C004"))
                    continue
                seen[pid] = f"{p.file}:{p.line(loc)}"
                try:
                    elements[(p.file, loc)] = (p, parse_pattern(text, synsets, memo))
                except KeyError as exc:
                    name = exc.args[0]
                    problems.append(p.problem(loc, f"unknown synonym set &{name}", "C006",
                                              "define it under synsets:, or fix the name", word="&" + name))
                except PatternSyntaxError as exc:
                    problems.append(p.problem(loc, exc.problem, "C007", exc.fix, word=exc.piece or text))
                specs.append(PatternSpec(pid, group.code, text, group.mutual, p.file, p.line(loc), group.fallback,
                                         group.reverse, tuple(group.lint_ignore)))
    return tuple(specs)


def _check_actors(parsed, problems) -> None:
    """Dates the wrong way round (C009); in one file, one name with different codes for the same day (C012)."""
    for p in parsed:
        by_name: dict[str, list[tuple[int, int, object]]] = {}
        for i, actor in enumerate(p.model.actors):
            for j, dated in enumerate(actor.codes):
                if dated.start and dated.until and dated.until < dated.start:
                    problems.append(p.problem(("actors", i, "codes", j),
                                              f"date range ends ({dated.until}) before it starts ({dated.start})", "C009"))
            for name in dict.fromkeys(" ".join(n.lower().split()) for n in actor.names):
                by_name.setdefault(name, []).append(i)
        for name, entries in by_name.items():
            for k, i in enumerate(entries):
                for j in entries[:k]:
                    clash = first_clash(p.model.actors[j].codes, p.model.actors[i].codes)
                    if clash:
                        day, there, here = clash
                        when = "for undated stories and any date" if day.year == 1 else f"from {day}"
                        problems.append(p.problem(("actors", i), f"{name!r} is also the actor at line "
                                                  f"{p.line(('actors', j))}, which wins: it says {there} {when}, "
                                                  f"where this entry says {here}", "C012"))
                        break


def first_clash(first, second) -> tuple[object, str, str] | None:
    """The first day on which two lists of dated codes (of one name) both give a code and differ, as
    (day, code of first, code of second); None if they never do. On a day a list gives its first code
    whose dates cover it; an undated code covers every day."""
    import datetime as dt

    days = {dt.date.min}
    for c in (*first, *second):
        if c.start:
            days.add(c.start)
        if c.until and c.until < dt.date.max:
            days.add(c.until + dt.timedelta(days=1))
    for day in sorted(days):
        a, b = _code_on(first, day), _code_on(second, day)
        if a and b and a != b:
            return day, a, b
    return None


def _code_on(codes, day) -> str | None:
    return next((c.code for c in codes if (not c.start or c.start <= day) and (not c.until or day <= c.until)), None)
