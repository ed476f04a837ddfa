"""Import a TABARI/PETRARCH verb dictionary (CAMEO.2.0.txt style) as coder synonym sets and patterns.

How each construct translates (see also docs/codebook.md for the target language):

| PETRARCH                          | coder                                                          |
| --------------------------------- | -------------------------------------------------------------- |
| `&NAME` + `+MEMBER` lines         | synset `<prefix>.name`; `_` -> space; `&X` members expanded    |
| `--- NAME [code] ---` + verb lines| synset `<prefix>.v.name` of the block's verbs, used for `*`    |
| verb `{FORMS}`                    | dropped where coder's inflections cover them, else extra member|
| `+MULTI_WORD`, `A_+B`             | the phrase "multi word", "a b"                                 |
| block or verb code (not `---`)    | verb-only pattern `{source} &<prefix>.v.name {target}`          |
| pattern `- before * after [code]` | `{source} before ... &v ... after {target}`                     |
| blank between elements            | `...` (a short gap: PETRARCH matches heads in the parse)        |
| `{A B}` noun phrase, `A_B`        | adjacent words `a b`; `{A B C}`: `a ... b c` (outer modifiers) |
| `(PREP NOUN)` prepositional phrase| required words `prep ... noun` (a PP is required in PETRARCH-2) |
| `$` / `+`                         | `{source}` / `{target}` at that place                          |
| no `$`                            | `{source}` first (the verb's subject); no `+`: `{target}` last  |
| `%` compound                      | `{source}` in a `mutual` group                     ("changed") |
| `^` skip an actor                 | `{actor}`: an actor stands here, in no role       |
| `[a]`, `[---]`                    | group code a; `---` is coder's blocking code                   |
| `[a:b]`                           | code a; the reverse event b is not coded           ("changed") |
| `[a:a]`                           | code a, group `mutual`; no reverse event           ("changed") |
| `[:b]`                            | code b with `{source}` and `{target}` swapped                  |
| `~` transformations               | not translated                                     ("skipped") |

Pattern ids are `<prefix>.<block>.<n>`: n counts the pattern lines of the block from 1, skipped
lines included, so an id stays the same while lines elsewhere change; the verb-only pattern is
`<prefix>.<block>.verb` (`.verb-<code>` when the block's verbs have several codes). The prefix
defaults to the file's stem in lower case ("cameo-2-0"), so two dictionaries can be imported into
one codebook. Pattern words are written in base form and get coder's generated inflections, where
PETRARCH-2 matched the written form (and plurals of synset members): this widens matching a little
and is not reported line by line. Every line that does not translate as in the table, or only
in the altered form the table marks, is an ImportIssue with its file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from coder.codebook.importers.common import ImportIssue, ImportResult
from coder.codebook.pattern import PatternSyntaxError, parse_pattern
from coder.text.inflect import inflections
from coder.text.tokenize import phrase_norms

BLOCKING = "---"
_COMMENT = re.compile(r"[#;].*$")      # PETRARCH-2 cuts a line at any '#'; ';' is the TABARI comment
_BLOCK = re.compile(r"^---\s*(\S+)\s*(?:\[([^\]]*)\])?\s*---\s*$")
_LOOSE_BLOCK = re.compile(r"^---\s*([^\s\[]+)\s*(?:\[([^\]]*)\])?")
_VERB = re.compile(r"^(\+?[A-Za-z0-9'_+\-]+)\s*(?:\{([^{}]*)\})?\s*(?:\[([^\]]*)\])?$")
_CODE = re.compile(r"^\s*(.*?)\s*\[([^\]]*)\]\s*$")
_PIECE = re.compile(r"[(){}]|[^\s(){}]+")


@dataclass
class _Block:
    name: str
    slug: str
    code: str
    line: int
    verbs: list[tuple[int, list[str], str]] = field(default_factory=list)   # (line, members, code)
    patterns: list[tuple[int, str]] = field(default_factory=list)            # (line, text without "- ")


@dataclass
class _Dictionary:
    synsets: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # name -> (line, member)
    synset_lines: dict[str, int] = field(default_factory=dict)
    no_plural: set[str] = field(default_factory=set)
    blocks: list[_Block] = field(default_factory=list)


class _Report:
    """Collects the issues of one file."""

    def __init__(self, file: str):
        self.file = file
        self.issues: list[ImportIssue] = []

    def skipped(self, line: int, message: str) -> None:
        self.issues.append(ImportIssue(self.file, line, "skipped", message))

    def changed(self, line: int, message: str) -> None:
        self.issues.append(ImportIssue(self.file, line, "changed", message))


class _AnyEventCode(set):
    """The known codes, plus any code of event-code shape (digits, maybe a letter: 345, 174L), which
    it remembers: the importer then writes a stub category for each."""

    def __contains__(self, code) -> bool:
        if set.__contains__(self, code):
            return True
        if re.fullmatch(r"[0-9]{2,4}[A-Za-z]?", code or ""):
            self.extra.add(code)
            return True
        return False


def import_verbs(path: Path, *, prefix: str | None = None, known_codes=None, keep_codes: bool = False) -> ImportResult:
    """Convert one verb dictionary; `known_codes` (default: the shipped CAMEO categories) are the codes kept.
    With `keep_codes`, codes outside them are kept too, each with a stub category (a file of its own)."""
    path = Path(path)
    prefix = prefix or _slug(path.stem)
    known = set(known_codes) if known_codes is not None else _shipped_codes()
    if keep_codes:
        known = _AnyEventCode(known)
        known.extra = set()
    report = _Report(path.name)
    from coder.codebook.importers.common import read_dictionary

    text, problem = read_dictionary(path)
    if problem is not None:
        report.issues.append(problem)
    lines = text.splitlines()
    dictionary, counts = _read(lines, report)
    synsets = _noun_synsets(dictionary, prefix, report)
    verb_synsets, verb_patterns = _verb_blocks(dictionary, prefix, known, report)
    synsets.update(verb_synsets)
    patterns = _patterns(dictionary, prefix, synsets, known, report)
    groups = _groups(patterns + verb_patterns, dictionary)
    result = ImportResult()
    result.files[f"synsets/{path.stem}.yaml"] = {"synsets": synsets}
    result.files[f"patterns/{path.stem}.yaml"] = {"patterns": groups}
    if keep_codes and known.extra:
        result.files[f"categories/{path.stem}-extra.yaml"] = {"categories": [
            {"code": code, "name": f"Code {code}, not in CAMEO 1.1b3 (kept from {path.name})", "goldstein": None,
             "quad_class": None} for code in sorted(known.extra)]}
        result.counts["categories added"] = len(known.extra)
    result.counts.update({"blocks": len(dictionary.blocks), "verbs": counts["verbs"], "pattern lines": counts["pattern lines"],
                          "patterns": sum(len(g["phrases"]) for g in groups), "synsets": len(synsets)})
    result.issues.extend(sorted(report.issues, key=lambda i: i.line))
    return result


def _shipped_codes() -> set[str]:
    from coder.codebook.load import default_codebook_path

    data = yaml.safe_load((default_codebook_path() / "categories.yaml").read_text(encoding="utf-8"))
    return {c["code"] for c in data["categories"]}


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9_]+", "-", name.lower().rstrip("_")).strip("-") or "x"


# ---------------------------------------------------------------- reading the file into blocks and sets


def _read(lines: list[str], report: _Report) -> tuple[_Dictionary, dict]:
    """Sort every line into synset definitions, blocks, verbs and patterns; report what fits nowhere."""
    d = _Dictionary()
    counts = {"verbs": 0, "pattern lines": 0}
    synset: str | None = None
    block: _Block | None = None
    seen_verbs: dict[str, str] = {}
    for number, raw in enumerate(lines, 1):
        text = _COMMENT.sub("", raw).strip()
        if not text or text.startswith("<!"):
            continue
        if synset is not None and text.startswith("+"):
            d.synsets[synset].append((number, text[1:].strip()))
            continue
        synset = None
        if text.startswith("&"):
            synset = _start_synset(text, number, d, report)
        elif text.startswith("~"):
            report.skipped(number, "transformation: coder has no rules that turn one event into another")
        elif text.startswith("---"):
            block = _start_block(text, number, d, report)
        elif text.startswith("-") or text.startswith("*"):
            counts["pattern lines"] += 1
            _add_pattern_line(text, number, block, report)
        elif block is None:
            report.skipped(number, f"verb line before any '--- NAME [code] ---' block: {text!r}")
        elif _add_verb(text, number, block, seen_verbs, report):
            counts["verbs"] += 1
    return d, counts


def _start_synset(text: str, number: int, d: _Dictionary, report: _Report) -> str:
    label = text.split()[0][1:]
    name = _slug(label)
    if label.endswith("_"):
        d.no_plural.add(name)
    if name in d.synsets:
        report.changed(number, f"synonym set &{label} is defined again (first at line {d.synset_lines[name]}): members merged")
    else:
        d.synsets[name] = []
        d.synset_lines[name] = number
    return name


def _start_block(text: str, number: int, d: _Dictionary, report: _Report) -> _Block | None:
    m = _BLOCK.match(text)
    if not m:
        m = _LOOSE_BLOCK.match(text)
        if not m:
            report.skipped(number, f"malformed block header (want '--- NAME [code] ---'): {text!r}")
            return None
        report.changed(number, f"malformed block header {text!r} read as '--- {m[1]} [{m[2] or BLOCKING}] ---'")
    slug = _slug(m[1])
    taken = {b.slug for b in d.blocks}
    if slug in taken:
        n = 2
        while f"{slug}-{n}" in taken:
            n += 1
        report.changed(number, f"block {m[1]} appears twice; PETRARCH-2 shares the patterns, here this one is {slug}-{n}")
        slug = f"{slug}-{n}"
    block = _Block(m[1], slug, (m[2] or BLOCKING).strip() or BLOCKING, number)
    d.blocks.append(block)
    return block


def _add_pattern_line(text: str, number: int, block: _Block | None, report: _Report) -> None:
    if block is None:
        report.skipped(number, "pattern before any '--- NAME [code] ---' block: no verb for its '*'")
    elif text.startswith("*"):
        block.patterns.append((number, ""))  # keeps the numbering of the block's patterns
        report.skipped(number, f"malformed pattern line (does not start with '- '): {text!r}")
    else:
        block.patterns.append((number, text[1:].strip()))


def _add_verb(text: str, number: int, block: _Block, seen: dict[str, str], report: _Report) -> bool:
    m = _VERB.match(text)
    if not m:
        report.skipped(number, f"malformed verb line (want 'VERB {{FORMS}} [code]'): {text!r}")
        return False
    base = _phrase(m[1])
    if not base or "+" in m[1][1:].replace("_+", ""):
        report.skipped(number, f"malformed multi-word verb {m[1]!r}: mark one word with '+'")
        return False
    if base in seen:
        report.skipped(number, f"verb {base!r} is already in block {seen[base]}; PETRARCH-2 keeps the first block's")
        return False
    seen[base] = block.name
    if "_" in m[1] and "+" not in m[1]:
        report.changed(number, f"multi-word verb {m[1]!r} has no '+' on its verb word: read as the phrase {base!r}")
    members = [base]
    for form in (m[2] or "").replace(",", " ").split():  # some lists separate forms with commas
        phrase = _phrase(form)
        if phrase and not _covered(base, phrase) and phrase not in members:
            members.append(phrase)  # an irregular form coder's inflections do not make
    block.verbs.append((number, members, (m[3] or "").strip() or block.code))
    return True


def _phrase(word: str) -> str:
    """A dictionary word or phrase (WIRE_+TAP, CEASE_FIRE_) in coder's spelling: "wire tap", "cease fire"."""
    return " ".join(word.replace("+", "").replace("_", " ").lower().split())


def _covered(base: str, form: str) -> bool:
    """Whether coder's generated inflections of `base` already include `form`, word by word."""
    b, f = phrase_norms(base), phrase_norms(form)
    return len(b) == len(f) and all(y in inflections(x) for x, y in zip(b, f))


# ---------------------------------------------------------------- synonym sets


def _noun_synsets(d: _Dictionary, prefix: str, report: _Report) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, members in d.synsets.items():
        kept: list[str] = []
        for number, text in members:
            for member in _member(name, number, text, d, report):
                if member not in kept:
                    kept.append(member)
        if kept:
            out[f"{prefix}.{name}"] = kept
        else:
            report.skipped(d.synset_lines[name], f"synonym set &{name.upper()} has no members; patterns using it are skipped")
    return out


def _member(name: str, number: int, text: str, d: _Dictionary, report: _Report) -> list[str]:
    if text.startswith("&"):
        inner = _slug(text[1:])
        if inner not in d.synsets or inner == name:
            report.skipped(number, f"member {text!r} names an undefined synonym set")
            return []
        report.changed(number, f"member {text!r} is a synonym set (PETRARCH-2 does not expand these): its members are copied in")
        quiet = _Report(report.file)  # the copied members' own lines are reported where they are defined
        return [m for n, t in d.synsets[inner] if not t.startswith("&") for m in _member(inner, n, t, d, quiet)]
    if re.search(r"[(){}]", text):
        report.changed(number, f"member {text!r}: brackets dropped, the words are kept as one required phrase")
        text = re.sub(r"[(){}]", " ", text)
    phrase = _phrase(text)
    if not phrase:
        report.skipped(number, f"empty member {text!r}")
        return []
    if text.endswith("_") or name in d.no_plural:
        last = phrase_norms(phrase)[-1] if phrase_norms(phrase) else ""
        extra = sorted(inflections(last) - {last}) if last else []
        if extra:
            report.changed(number, f"member {text!r} is marked for no plural; coder also matches "
                                   f"{', '.join(extra[:3])}: synset members are always inflected")
    return [phrase]


def _verb_blocks(d: _Dictionary, prefix: str, known: set[str], report: _Report):
    """One synset of verbs per block (what '*' stands for), and a verb-only pattern per verb code."""
    synsets: dict[str, list[str]] = {}
    patterns: list[dict] = []
    for block in d.blocks:
        if not block.verbs:
            if block.patterns:
                report.skipped(block.line, f"block {block.name} has no verbs: its patterns have nothing for '*'")
            continue
        name = f"{prefix}.v.{block.slug}"
        synsets[name] = [m for _, members, _ in block.verbs for m in members]
        by_code: dict[str, list[tuple[int, list[str]]]] = {}
        for number, members, code in block.verbs:
            by_code.setdefault(code, []).append((number, members))
        for code, verbs in by_code.items():
            if code == BLOCKING:
                continue
            line = verbs[0][0] if code != block.code else block.line
            own = name if len(by_code) == 1 else f"{name}.{_slug(code)}"
            if own != name:
                synsets[own] = [m for _, members in verbs for m in members]
            suffix = "verb" if len(by_code) == 1 else f"verb-{_slug(code)}"
            pattern = _coded(f"{prefix}.{block.slug}.{suffix}", f"{{source}} &{own} {{target}}", code, False,
                             line, known, report, block)
            if pattern:
                patterns.append({**pattern, "block": block.slug, "verb_only": True})
    return synsets, patterns


# ---------------------------------------------------------------- patterns


def _patterns(d: _Dictionary, prefix: str, synsets: dict, known: set[str], report: _Report):
    out: list[dict] = []
    for block in d.blocks:
        verb = f"&{prefix}.v.{block.slug}"
        kept: dict[str, tuple[int, int]] = {}   # text -> (index in out, line)
        for n, (number, text) in enumerate(block.patterns, 1):
            if not text or not block.verbs:
                continue
            pattern = _pattern(f"{prefix}.{block.slug}.{n}", text, number, verb, prefix, synsets, known, report, block)
            if pattern is None:
                continue
            key = pattern["text"]
            if key in kept:
                index, first = kept[key]
                if out[index]["code"] == pattern["code"]:
                    if pattern["mutual"] and not out[index]["mutual"]:
                        # the % line codes all the plain one does, and a compound's members on each other too
                        report.skipped(first, f"same pattern and code as line {number}, whose % (compound) "
                                              "reading codes this and more: that line is kept")
                        out[index] = None
                        kept[key] = (len(out), number)
                        out.append({**pattern, "block": block.slug, "verb_only": False})
                    else:
                        report.skipped(number, f"same pattern and code as line {first}")
                    continue
                # PETRARCH-2 stores patterns in a tree: the later line's code replaces the earlier one's
                report.skipped(first, f"same pattern as line {number} with another code; PETRARCH-2 keeps the later line")
                out[index] = None
            kept[key] = (len(out), number)
            out.append({**pattern, "block": block.slug, "verb_only": False})
    return [p for p in out if p is not None]


def _pattern(pid: str, text: str, number: int, verb: str, prefix: str, synsets: dict, known, report, block):
    m = _CODE.match(text)
    if not m:
        report.skipped(number, "pattern line without a [code]")
        return None
    body, code = m[1], m[2].strip()
    notes: list[str] = []
    if re.search(r"\S\*|\*\S", body):
        notes.append("'*' written against a word: read apart from it, as PETRARCH-2 does")
        body = body.replace("*", " * ")
    if body.count("*") != 1:
        report.skipped(number, "pattern without exactly one '*' (the verb)")
        return None
    try:
        items = _parse(_PIECE.findall(body))
    except ValueError as exc:
        report.skipped(number, f"malformed pattern: {exc}")
        return None
    undefined = [i[1] for i in _walk(items) if i[0] == "syn" and f"{prefix}.{_slug(i[1])}" not in synsets]
    if undefined:
        report.skipped(number, f"pattern uses the undefined synonym set &{undefined[0]}")
        return None
    pattern, mutual = _render(items, verb, prefix, number, report, notes)
    if pattern is None:
        return None
    if notes:
        report.changed(number, "; ".join(notes))
    return _coded(pid, pattern, code, mutual, number, known, report, block)


def _coded(pid: str, pattern: str, code: str, mutual: bool, number: int, known, report: _Report, block):
    """Apply a PETRARCH code ([a], [a:b], [:b], [---]) to a translated pattern; None if nothing is left."""
    forward, _, reverse = code.partition(":")
    forward, reverse = forward.strip(), reverse.strip()
    if not forward and not reverse:
        report.skipped(number, f"empty code [{code}]")
        return None
    if not forward:
        if reverse not in known and reverse != BLOCKING:
            report.skipped(number, f"unknown code {reverse!r} in [{code}]: no category defines it")
            return None
        swapped = pattern.replace("{source}", "\0").replace("{target}", "{source}").replace("\0", "{target}")
        return _checked(pid, swapped, reverse, mutual, number, report)
    if forward not in known and forward != BLOCKING:
        report.skipped(number, f"unknown code {forward!r} in [{code}]: no category defines it")
        return None
    if reverse and reverse != BLOCKING:
        if reverse in known:
            checked = _checked(pid, pattern, forward, mutual, number, report)
            return {**checked, "reverse": reverse} if checked else None
        else:
            report.changed(number, f"paired code [{code}]: the reverse event {reverse} (an unknown code) is not coded")
    return _checked(pid, pattern, forward, mutual, number, report)


def _checked(pid, pattern, code, mutual, number, report):
    try:
        parse_pattern(pattern, _ANY_SYNSET)
    except PatternSyntaxError as exc:
        report.skipped(number, f"translation {pattern!r} is not a valid coder pattern: {exc}")
        return None
    return {"id": pid, "text": pattern, "code": code, "mutual": mutual, "line": number}


class _AnySynset(dict):
    """Synsets for a syntax check only: every name exists (undefined names were reported before)."""

    def __contains__(self, key) -> bool:
        return True

    def __getitem__(self, key):
        return ["x"]


_ANY_SYNSET = _AnySynset()


def _parse(pieces: list[str]) -> list:
    """Pattern pieces -> items: ("verb",), ("word", w), ("syn", name), ("slot", c), ("skip",), ("np"|"pp", items)."""
    items, rest = _parse_seq(pieces, None)
    if rest:
        raise ValueError(f"unbalanced {rest[0]!r}")
    return items


_CLOSE = {"(": ")", "{": "}"}


def _parse_seq(pieces: list[str], closer: str | None):
    items: list = []
    while pieces:
        p, pieces = pieces[0], pieces[1:]
        if p == closer:
            return items, pieces
        if p in ")}":
            raise ValueError(f"unbalanced {p!r}")
        if p in _CLOSE:
            inner, pieces = _parse_seq(pieces, _CLOSE[p])
            if not inner:
                raise ValueError(f"empty {p}{_CLOSE[p]}")
            items.append(("pp" if p == "(" else "np", inner))
            continue
        items.append(_item(p))
    if closer is not None:
        raise ValueError(f"unclosed {'(' if closer == ')' else '{'}")
    return items, []


def _item(piece: str):
    if piece == "*":
        return ("verb",)
    if piece in ("$", "+", "%"):
        return ("slot", piece)
    if piece == "^":
        return ("skip",)
    if piece.startswith("&") and len(piece) > 1:
        return ("syn", piece[1:])
    if re.search(r"[*$%^&|=]", piece) or "+" in piece:
        raise ValueError(f"unexpected {piece!r}")
    if not _phrase(piece):
        raise ValueError(f"empty word {piece!r}")
    return ("word", piece)


def _walk(items):
    for i in items:
        yield i
        if i[0] in ("np", "pp"):
            yield from _walk(i[1])


_SLOT = {"$": "{source}", "%": "{source}", "+": "{target}"}


def _render(items, verb: str, prefix: str, number: int, report: _Report, notes: list[str]):
    """Items -> coder pattern text and whether the group is mutual (None if no translation fits)."""
    flat = list(_walk(items))
    slots = [i[1] for i in flat if i[0] == "slot"]
    if slots.count("+") > 1 or slots.count("$") + slots.count("%") > 1:
        report.skipped(number, "more than one source or target marker: coder has one slot of each")
        return None, False
    if ("verb",) not in items:
        report.skipped(number, "'*' inside a bracketed phrase: the verb must stand on its own")
        return None, False
    if "%" in slots:
        notes.append("% (compound actor) translated as {source} in a mutual group; a non-compound source with a "
                     "target codes source->target too")
    text = _tidy(_sequence(items, verb, prefix, top=True))
    if "$" not in slots and "%" not in slots:
        text = "{source} " + text
    if "+" not in slots:
        if text.index("{source}") > text.index(verb):
            text = "{target} " + text
            notes.append("$ after the verb and no +: the verb's subject is taken as the target")
        else:
            text = text + " {target}"
    return _tidy(text.split()), "%" in slots


def _sequence(items, verb: str, prefix: str, top: bool) -> list[str]:
    """Rendered elements with '...' between words that PETRARCH lets other words separate."""
    out: list[str] = []
    for i in items:
        if i[0] == "np":
            words = [x for x in _sequence(i[1], verb, prefix, top=False) if x != "..."]
            # the head and the word before it stand together; outer modifiers may have others after
            # them, as adjectives stack: {NEW &TIETYPES RELATIONS} on "new global economic relations"
            chunk = " ... ".join([*words[:-2], " ".join(words[-2:])])
        elif i[0] == "pp":
            chunk = " ".join(_sequence(i[1], verb, prefix, top=True))
        else:
            chunk = {"verb": lambda: verb, "slot": lambda: _SLOT[i[1]], "skip": lambda: "{actor}",
                     "syn": lambda: f"&{prefix}.{_slug(i[1])}", "word": lambda: _phrase(i[1])}[i[0]]()
        if top and out and out[-1] != "..." and chunk != "...":
            out.append("...")
        out.append(chunk)
    return out


def _tidy(parts: list[str]) -> str:
    """Join, dropping gaps next to slots (slots find their actor nearby anyway) and repeated gaps."""
    words = " ".join(parts).split()
    out: list[str] = []
    for k, w in enumerate(words):
        if w == "...":
            nxt = words[k + 1] if k + 1 < len(words) else None
            if not out or out[-1] in ("...", "{source}", "{target}") or nxt in (None, "...", "{source}", "{target}"):
                continue
        out.append(w)
    return " ".join(out)


# ---------------------------------------------------------------- output


def _groups(patterns: list[dict], d: _Dictionary) -> list[dict]:
    """Patterns in groups by (code, mutual), block by block in file order, the verb-only pattern last."""
    order = {b.slug: k for k, b in enumerate(d.blocks)}
    groups: list[dict] = []
    index: dict[tuple, dict] = {}
    for p in sorted(patterns, key=lambda p: (order[p["block"]], p["verb_only"], p["line"])):
        key = (p["block"], p["code"], p["mutual"], p.get("reverse"))
        group = index.get(key)
        if group is None:
            group = {"code": p["code"], **({"mutual": True} if p["mutual"] else {}),
                     **({"reverse": p["reverse"]} if p.get("reverse") else {}), "phrases": {}}
            index[key] = group
            groups.append(group)
        group["phrases"][p["id"]] = p["text"]
    return groups
