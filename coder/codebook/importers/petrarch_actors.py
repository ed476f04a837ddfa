"""TABARI/PETRARCH actor, agent and discard dictionaries -> coder `countries:`, `actors:`, `agents:`, `discards:`.

What is read (the PETRARCH-2 readers and docs/source/dictionaries.rst of openeventdata/petrarch2 are the
reference; where the two disagree the choice is noted):

- Comments: `#` and (TABARI legacy) `;` to the end of the line, `<!-- ... -->` on one line or over several,
  and lines starting with `<!`. A `#` glued to a word (`COACUTE#RDOBA`, a broken HTML entity) still starts
  a comment, as in PETRARCH, but the line is reported as changed.
- Actors: `NAME [CODE]`, `+SYNONYM` lines, code lines `[CODE restriction]` under the entry (indented or
  not, several per line). Restrictions: `<d` until d, `>d` from d, `d-d` a range, with spaces allowed
  around `<`, `>` and `-`; dates are YYMMDD (00-30 -> 20YY, else 19YY) or YYYYMMDD; anything else is a
  bad date and the code is skipped. Both ends are inclusive, as the PETRARCH dictionary docs say ("the
  limits of the date restrictions are interpreted as 'or equal to'"); Phoenix's hand-over days, where
  one range ends on the day the next begins, then give the earlier-listed code, because coder takes
  the first code that covers a date. A bare date (`[USAGOV 19820101]`) is read as `from` and reported.
  An undated code next to dated ones is TABARI's default ("used if none of the date restrictions is
  satisfied"), so it is written after the dated codes. Lowercase codes are upper-cased (reported);
  codes that are not coder actor codes (`[+++]`, `[ELR/GAL]`) are skipped.
- Names: `_` and spaces both separate words (as PETRARCH reads them); a trailing `_` (TABARI's "do not
  stem") is dropped. Upper-case words are title-cased so the output reads like a hand-written codebook;
  see `display_name` for which words stay in capitals. Names with unreadable characters (U+FFFD, control
  characters) are skipped; an unclosed `(` and what follows it is cut off (`STANKO_TODOROV (ACTING_`).
- Countries: an entry whose only code is one undated three-letter country code (`AUSTRALIA [AUS]` with
  its `+AUSTRALIAN` synonyms) becomes a `countries:` entry with every name under `names`. coder composes
  agents with countries through "of"/"in"/"from" ("the government of Australia") and treats
  upper-case country acronyms as modifiers ("US troops"); neither works for an `actors:` entry with the
  same code, so `countries:` round-trips PETRARCH's behaviour better. PETRARCH does not tell nouns from
  adjectives, so nothing is guessed into `adjectives:`.
- Duplicates: a name in two entries of one file is kept in both only if their codes' date ranges
  differ (coder then picks the entry whose code covers the story date); otherwise PETRARCH's rule
  applies (the later definition replaces the earlier) and the earlier one is reported.
- Kinds: "group" for armed non-state codes (REB, UAF, INS, SEP, IMG), "person" for entries whose name
  starts with a title (PRESIDENT, KING, SHEIKH ...) or that have dated or elite (ELI) codes, else
  "organisation"; a name with an organisation word (PARTY, ARMY, MINISTRY ...) is never a person, and an
  entry with only bare country codes (a state that changed its code) is an organisation.
- Agents: `NOUN {PLURAL} [~CODE]`, `[CODE~]` prefix agents, `!MARKER! = a, b` substitutions (several
  markers per noun allowed). coder inflects the last word itself, so explicit plurals (and marker
  expansions) that coder would generate are dropped; irregular ones stay as nouns. `{}` ("no
  plural") writes the noun as `=noun`, which coder does not inflect ("polices" is a verb). Not
  expressible: TABARI's space-as-gap between agent words, which PETRARCH-2 itself reads as a plain space.
- Discards: `+PHRASE` a story discard, else a sentence discard. coder matches whole words, as
  PETRARCH-2's word tree does (the docs' "stem unless it ends in `_`" is not what PETRARCH-2 runs).
  All-capital phrases are lower-cased except acronyms; matching is case-insensitive anyway.

Matching differences that apply to every name are not reported line by line: PETRARCH matches names in
any case, coder only when the text capitalises the first word (so `THE_UNITED_NATIONS` matches "The
United Nations", not "the United Nations"), and coder inflects agent nouns as verbs too.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from coder.codebook.importers.common import ImportIssue, ImportResult
from coder.codebook.schema import ACTOR_CODE
from coder.text.inflect import inflections

# ---------------------------------------------------------------- name casing

# Acronyms that contain a vowel (those without one stay in capitals anyway).
_ACRONYMS = frozenset("""
    UN UNO US USA UK EU AU UAE USSR NATO OPEC IAEA UNICEF UNESCO UNHCR UNDP UNEP UNFPA UNRWA UNIFIL UNAMID
    UNMIS UNMIK UNMIL UNOCI UNITA UNAIDS WHO WTO WFP FAO ILO IMO ITU IMF ICC ICJ ICRC ICTY ICTR IFAD IOM
    OSCE OAS OAU OIC OECD ASEAN APEC ECOWAS IGAD SADC SAARC EAC COMESA CARICOM AMISOM ISAF KFOR SFOR EULEX
    OHCHR UNHRC UNSC UNGA ECB ADB AFDB IDB EIB EBRD IRA ETA FARC ELN PKK LTTE ANC IDF ISI ISIS ISIL AQIM AQAP
    SPLA SPLM LRA RUF MDC ZANU NLD BJP KMT DPP LDP CPC CCP PLA PLO PNA PA PFLP DFLP PIJ UNITA FRELIMO RENAMO
    SWAPO MPLA EPLF EPRDF TPLF ONLF OLF UDF UPA EPA FEMA NASA CIA FBI NSA DEA KGB FSB GRU SVR MOSSAD SAVAK
    DPRK PRC ROK ROC DRC CAR BBC AFP AP UPI IRNA KCNA NGO IGO CEO MSF HRW EC EEC EFTA NAFTA MERCOSUR
    BRICS CIS CSTO GCC SCO ECOSOC IAEA CTBTO OPCW WIPO WMO UNIDO UNCTAD UNITAR INTERPOL IRGC SEATO CENTO
    II III IV VI VII VIII IX XIV XV XVI
""".split())
# Abbreviations without a vowel that are words, not acronyms.
_ABBREVIATIONS = frozenset("MR MRS MS DR ST JR SR LT SGT CPL MT FT PT".split())
# Words written in lower case inside a name ("Islamic Republic of Afghanistan", "Abu Bakr al-Baghdadi").
_PARTICLES = frozenset("of the and for in on at to by de du des da do dos das del della di la le les van von der den "
                       "y al el ad ash as bin ibn".split())
_VOWELS = frozenset("AEIOUY")
_WORD_RUN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_EDGE_PUNCT = "()\"'`,:;!?*[]{}"


def display_name(raw: str, initials: frozenset[str] = frozenset()) -> str:
    """A PETRARCH phrase (`UNITED_STATES_`) as a codebook name ("United States").

    Words that already have lower-case letters are kept as written. An all-capital word stays in
    capitals when it is an acronym: dotted initials (U.S.), letters mixed with digits (G77, H5N1; not
    ordinals: 1st), four letters or fewer with no vowel, y and accented vowels included (BBC, TV; not
    Byrd, Ly, Gül), a word of the small table `_ACRONYMS` (UN, NATO), or, for a one-word name, the
    initials of another name of the same entry (`initials`: ANSF beside AFGHAN_NATIONAL_SECURITY_FORCES).
    Other words are capitalised (McCloy, O'Brien, Women's), and particles (of, the, al-, bin ...) after
    the first word are lower-cased.
    """
    words = raw.replace("_", " ").split()
    initials = initials if len(words) == 1 else frozenset()   # only a name that is one word: "+ICRC"
    return " ".join(_case_word(word, i == 0, initials) for i, word in enumerate(words))


def initials_of(names: list[str]) -> frozenset[str]:
    """The initials of the multi-word names, with and without particles: what an acronym could stand for."""
    out: set[str] = set()
    for name in names:
        words = [w for w in re.split(r"[\s_-]+", name.upper()) if w[:1].isalpha()]
        if len(words) >= 2:
            out.add("".join(w[0] for w in words))
            out.add("".join(w[0] for w in words if w.lower() not in _PARTICLES))
    return frozenset(i for i in out if len(i) >= 2)


def is_acronym(word: str, initials: frozenset[str] = frozenset()) -> bool:
    """Whether an all-capital word is an acronym that keeps its capitals (see `display_name`)."""
    core = word.strip(_EDGE_PUNCT)
    letters = core.replace(".", "").replace("-", "").replace("/", "")
    if not letters or not letters.isalnum():
        return False
    if re.fullmatch(r"(?:[A-Z]\.){2,}[A-Z]?", core) or letters in _ACRONYMS:
        return True
    if any(c.isdigit() for c in letters) and any(c.isalpha() for c in letters):
        return re.fullmatch(r"\d+(?:ST|ND|RD|TH|S)", letters) is None      # 1ST, 1920S are words
    plain = unicodedata.normalize("NFD", letters)
    if letters.isalpha() and len(letters) <= 4 and not set(plain) & _VOWELS and letters not in _ABBREVIATIONS:
        return True
    return letters.isalpha() and len(letters) >= 2 and letters in initials


def _case_word(word: str, first: bool, initials: frozenset[str]) -> str:
    if any(c.islower() for c in word) or is_acronym(word, initials):
        return word
    parts = word.split("-")
    out = []
    for k, part in enumerate(parts):
        lower = part.lower()
        if (not first or k > 0) and lower in _PARTICLES and (len(parts) == 1 or k < len(parts) - 1):
            out.append(lower)
        else:
            out.append(_WORD_RUN.sub(lambda m: _capitalise(m.group(), m.start(), part), part))
    return "-".join(out)


def _capitalise(run: str, start: int, word: str) -> str:
    if start > 0 and word[start - 1].isdigit():
        return run.lower()                       # 1ST -> 1st
    head, _, tail = run.partition("'")
    if tail and len(head) == 1:
        return head + "'" + tail.capitalize()    # O'BRIEN -> O'Brien, D'IVOIRE -> D'Ivoire
    if run.startswith("MC") and len(run) > 4:
        return "Mc" + run[2:].capitalize()       # MCCLOY -> McCloy
    return run.capitalize()


def _phrase_case(raw: str) -> str:
    """Agents and discards: lower case except acronyms; phrases already in mixed case stay as written."""
    words = raw.replace("_", " ").split()
    if any(c.islower() for c in raw):
        return " ".join(words)
    return " ".join(w if is_acronym(w) else w.lower() for w in words)


# ---------------------------------------------------------------- reading lines


@dataclass(frozen=True)
class _Line:
    number: int
    text: str      # comments removed, stripped, never empty
    cut: str = ""  # text that a '#' glued to a word cut off, if any


@dataclass
class _Issues:
    file: str
    found: list[ImportIssue] = field(default_factory=list)

    def skipped(self, line: int, message: str) -> None:
        self.found.append(ImportIssue(self.file, line, "skipped", message))

    def changed(self, line: int, message: str) -> None:
        self.found.append(ImportIssue(self.file, line, "changed", message))


def _read_lines(path: Path, issues=None) -> list[_Line]:
    """The lines that hold something, without comments, numbered as in the file."""
    from coder.codebook.importers.common import read_dictionary

    text, problem = read_dictionary(path)
    if problem is not None and issues is not None:
        issues.found.append(problem)
    lines: list[_Line] = []
    in_comment = False
    for number, raw in enumerate(text.splitlines(), 1):
        if in_comment:
            in_comment = "-->" not in raw
            continue
        if raw.lstrip().startswith("<!"):
            in_comment = "<!--" in raw and "-->" not in raw[raw.find("<!--"):]
            continue
        text = re.sub(r"<!--.*?-->", " ", raw)
        if "<!--" in text:
            text, in_comment = text[:text.find("<!--")], True
        text, cut = _strip_comment(text)
        if text.strip():
            lines.append(_Line(number, text.strip(), cut))
    return lines


def _strip_comment(text: str) -> tuple[str, str]:
    """Cut at the first '#' or ';'; also return what was cut if the '#' was glued to a word."""
    marks = [i for i in (text.find("#"), text.find(";")) if i >= 0]
    if not marks:
        return text, ""
    i = min(marks)
    glued = text[i] == "#" and 0 < i < len(text) - 1 and all(c.isalnum() or c == "_" for c in (text[i - 1], text[i + 1]))
    return text[:i], (text[i:].split()[0] if glued else "")


# ---------------------------------------------------------------- actors: dates and codes


@dataclass(frozen=True)
class _Code:
    code: str
    start: dt.date | None = None
    until: dt.date | None = None

    def as_yaml(self) -> dict:
        out: dict = {"code": self.code}
        if self.start:
            out["from"] = self.start
        if self.until:
            out["until"] = self.until
        return out


def tabari_date(digits: str) -> dt.date:
    """YYMMDD (00-30 -> 20YY, else 19YY) or YYYYMMDD; ValueError for anything else."""
    if not digits.isdigit() or len(digits) not in (6, 8):
        raise ValueError(f"{digits!r} is not a date: 6 digits (YYMMDD) or 8 (YYYYMMDD)")
    if len(digits) == 6:
        yy = int(digits[:2])
        year, rest = (2000 + yy if yy <= 30 else 1900 + yy), digits[2:]
    else:
        year, rest = int(digits[:4]), digits[4:]
    try:
        return dt.date(year, int(rest[:2]), int(rest[2:]))
    except ValueError as exc:
        raise ValueError(f"{digits!r} is not a date ({exc})") from None


def _restriction(text: str) -> tuple[dt.date | None, dt.date | None, bool]:
    """`<d`, `>d`, `d-d`, a bare `d` (read as from; flagged) or nothing -> (from, until, bare)."""
    if not text:
        return None, None, False
    m = re.fullmatch(r"([<>]?)(\d+)(?:-(\d+))?", text)
    if not m or (m.group(1) and m.group(3)):
        raise ValueError(f"unreadable date restriction {text!r}")
    sign, first, second = m.groups()
    if second:
        return tabari_date(first), tabari_date(second), False
    if sign == "<":
        return None, tabari_date(first), False
    return tabari_date(first), None, sign == ""


def _parse_code(content: str, line: int, issues: _Issues) -> _Code | None:
    """One `[CODE restriction]`; None (and an issue) if it cannot be translated."""
    parts = content.split()
    if not parts:
        issues.skipped(line, "empty code [ ]")
        return None
    code = parts[0].upper()
    if code != parts[0]:
        issues.changed(line, f"lower-case code {parts[0]!r} upper-cased to {code}")
    if not re.fullmatch(ACTOR_CODE, code):
        issues.skipped(line, f"[{content.strip()}]: {code!r} is not a coder actor code (3-letter parts); code skipped")
        return None
    try:
        start, until, bare = _restriction("".join(parts[1:]))
    except ValueError as exc:
        issues.skipped(line, f"[{content.strip()}]: bad date: {exc}; code skipped")
        return None
    if bare:
        issues.changed(line, f"[{content.strip()}]: a date without <, > or - read as 'from {start}'")
    if start and until and until < start:
        issues.skipped(line, f"[{content.strip()}]: the range ends ({until}) before it starts ({start}); code skipped")
        return None
    return _Code(code, start, until)


def _parse_codes(text: str, line: int, issues: _Issues) -> list[_Code]:
    """Every `[...]` of a line; text outside brackets is reported."""
    codes = [c for m in re.finditer(r"\[([^\[\]]*)\]", text) if (c := _parse_code(m.group(1), line, issues))]
    rest = re.sub(r"\[[^\[\]]*\]", " ", text).strip()
    if rest:
        issues.skipped(line, f"unreadable text {rest!r} beside the codes ignored")
    return codes


# ---------------------------------------------------------------- actors: entries


@dataclass
class _Entry:
    """One dictionary entry: its names (with their lines) and codes, as read."""

    line: int
    names: list[tuple[str, int]] = field(default_factory=list)
    codes: list[_Code] = field(default_factory=list)
    code_lines: list[int] = field(default_factory=list)
    had_codes: bool = False   # some [...] was written, even if none could be read


def _read_entries(lines: list[_Line], issues: _Issues) -> list[_Entry]:
    entries: list[_Entry] = []
    for ln in lines:
        text, current = ln.text, (entries[-1] if entries else None)
        if ln.cut:
            issues.changed(ln.number, f"'#' inside {ln.cut!r} starts a comment (as in PETRARCH): the rest of the line is lost")
        if text[0] in "&{}!-=" or "{" in text:
            issues.skipped(ln.number, f"unknown construct in an actors file: {text!r}")
        elif text.startswith("+") and current is None:
            issues.skipped(ln.number, f"synonym {text!r} before any actor entry")
        elif text.startswith("+"):
            name, _, codes = text[1:].partition("[")
            if codes:
                issues.skipped(ln.number, f"code [{codes} on a synonym line ignored: codes belong to the entry")
            current.names.append((name, ln.number))
        elif text.startswith("[") and current is None:
            issues.skipped(ln.number, f"code line {text!r} before any actor entry")
        elif text.startswith("["):
            current.codes.extend(_parse_codes(text, ln.number, issues))
            current.code_lines.append(ln.number)
            current.had_codes = True
        else:
            name, bracket, codes = text.partition("[")
            entries.append(_Entry(ln.number, [(name, ln.number)], had_codes=bool(bracket)))
            if bracket:
                entries[-1].codes.extend(_parse_codes(bracket + codes, ln.number, issues))
    return entries


def _clean_names(entry: _Entry, issues: _Issues) -> list[tuple[str, int]]:
    """Display names of an entry, deduplicated; unreadable ones reported."""
    initials = initials_of([raw for raw, _ in entry.names])
    out: list[tuple[str, int]] = []
    seen: set[str] = set()
    for raw, line in entry.names:
        name = display_name(raw, initials)
        if any(c == "\ufffd" or (ord(c) < 32) for c in name):
            issues.skipped(line, f"name {raw.strip()!r} has an unreadable character")
            continue
        if name.count("(") > name.count(")"):
            cut = name[:name.rfind("(")].strip()
            issues.changed(line, f"unclosed '(' cut from name {name!r} -> {cut!r}")
            name = cut
        if not name:
            issues.skipped(line, f"empty name {raw!r}")
        elif name.lower() not in seen:
            seen.add(name.lower())
            out.append((name, line))
    return out


def _usable(entry: _Entry, names: list[tuple[str, int]], issues: _Issues, next_line: int) -> bool:
    """An entry needs a name and a code; report every line of one that has not."""
    if not entry.codes:
        why = "none of its codes could be read" if entry.had_codes else "the entry has no code"
        if not entry.had_codes and next_line == entry.names[-1][1] + 1:
            why += " (if the next line is meant as its synonym, its '+' is missing)"
        for name, line in names:
            issues.skipped(line, f"name {name!r} skipped: {why}")
        return False
    if not names:
        for line in [entry.line, *entry.code_lines]:
            issues.skipped(line, "entry skipped: none of its names could be read")
        return False
    return True


def _signature(codes: list[_Code]) -> frozenset:
    return frozenset((c.start, c.until) for c in codes)


def _drop_duplicates(entries: list[tuple[_Entry, list[tuple[str, int]]]], issues: _Issues) -> None:
    """A name in two entries with the same date ranges: the later entry keeps it (PETRARCH's rule)."""
    last: dict[tuple[str, frozenset], tuple[int, int]] = {}
    for index, (entry, names) in enumerate(entries):
        for name, line in names:
            last[(name.lower(), _signature(entry.codes))] = (index, line)
    for index, (entry, names) in enumerate(entries):
        kept = []
        for name, line in names:
            later, later_line = last[(name.lower(), _signature(entry.codes))]
            if later == index:
                kept.append((name, line))
                continue
            same = entries[later][0].codes == entry.codes
            issues.skipped(line, f"name {name!r} is defined again at line {later_line} "
                           + ("with the same codes" if same else
                              f"with the same dates but codes {_codes_text(entries[later][0].codes)} "
                              f"(here {_codes_text(entry.codes)}); PETRARCH keeps the later one"))
        names[:] = kept
        if not kept:
            for line in entry.code_lines:
                issues.skipped(line, f"codes of the entry at line {entry.line} skipped: all its names are defined later")


def _separate_clashes(entries: list[tuple[_Entry, list[tuple[str, int]]]], issues: _Issues) -> None:
    """A name that two entries give different codes on one day (ABDULLAH_: JORGOV from 1999, SAUGOV
    from 2005) gets an entry of its own with the codes of all of them: in a coder codebook the first
    entry would always win (C012). Dated codes come first, the later entry's first, then the last
    undated code, so each date gets the code the most specific, latest entry gives it."""
    from coder.codebook.load import first_clash

    holders: dict[str, list[int]] = {}
    for index, (entry, names) in enumerate(entries):
        if _is_country(_ordered(entry.codes)):
            continue  # a country is a name of another kind; it is not compared with actors
        for name, _line in names:
            holders.setdefault(name.lower(), []).append(index)
    for key, indexes in holders.items():
        if len(indexes) < 2 or not any(first_clash(_ordered(entries[i][0].codes), _ordered(entries[j][0].codes))
                                       for n, i in enumerate(indexes) for j in indexes[n + 1:]):
            continue
        owned = [(i, next((n, ln) for n, ln in entries[i][1] if n.lower() == key)) for i in indexes]
        later_first = [entries[i][0] for i in reversed(indexes)]
        dated = [c for e in later_first for c in _ordered(e.codes) if c.start or c.until]
        undated = next(([c] for e in later_first for c in e.codes if not (c.start or c.until)), [])
        merged = _Entry(owned[0][1][1], [owned[-1][1]], list(dict.fromkeys(dated + undated)))
        lines = ", ".join(str(ln) for _, (_, ln) in owned)
        for i, (name, line) in owned:
            entries[i][1].remove((name, line))
            issues.changed(line, f"name {name!r} (lines {lines}) has different codes for one date in different "
                           f"entries: one entry of its own now has them all ({_codes_text(merged.codes)})")
        entries.append((merged, list(merged.names)))


def _codes_text(codes: list[_Code]) -> str:
    return "/".join(c.code for c in codes)


def _ordered(codes: list[_Code]) -> list[_Code]:
    """Dated codes first: an undated code is TABARI's default, used when no dated one applies."""
    unique = list(dict.fromkeys(codes))
    return [c for c in unique if c.start or c.until] + [c for c in unique if not (c.start or c.until)]


# ---------------------------------------------------------------- actors: kinds and sections

_ARMED = frozenset("REB UAF INS SEP IMG".split())
_TITLES = frozenset("""PRESIDENT PRIME KING QUEEN PRINCE PRINCESS SHEIKH SHEIK SHAYKH EMIR AMIR SULTAN MULLAH
    AYATOLLAH GENERAL GEN. COLONEL COL. POPE CARDINAL ARCHBISHOP BISHOP RABBI IMAM MR. MRS. DR. SIR LORD LADY
    SENATOR CHANCELLOR PREMIER ADMIRAL MARSHAL CAPTAIN LIEUTENANT MAJOR""".split())
_ORGANISATION_WORDS = frozenset("""PARTY MINISTRY ARMY NAVY FORCE FORCES COUNCIL COMMITTEE COMMISSION ORGANIZATION
    ORGANISATION MOVEMENT FRONT BRIGADE BRIGADES UNION ASSOCIATION AGENCY BANK FUND INSTITUTE INSTITUTION COMPANY
    CORPORATION GROUP NETWORK LEAGUE ALLIANCE GOVERNMENT PARLIAMENT ASSEMBLY COURT POLICE UNIVERSITY CHURCH
    FEDERATION FOUNDATION SOCIETY CENTER CENTRE OFFICE DEPARTMENT SERVICE SERVICES AUTHORITY BUREAU TRIBUNAL
    CONGRESS SENATE NATIONS COMMAND REGIME CABINET MISSION PROGRAMME PROGRAM BOARD CLUB CORPS GUARD GUARDS
    MILITIA MILITIAS REBELS FACTION COALITION EMBASSY RADIO TELEVISION AIRLINES AIRWAYS NEWS AGENCY COUNCIL
    CONFERENCE ORDER CONVENTION DIRECTORATE SECRETARIAT JUNTA TROOPS SOLDIERS""".split())
# CAMEO three-letter codes that stand for a kind of actor, not a state or region.
_NOT_COUNTRIES = frozenset("""IGO NGO NGM IMG MNC UAF UIS REB MIL GOV OPP PTY COP JUD SPY LEG ELI MED EDU BUS CRM
    CVL CIV LAB REF AGR HLH HRI RAD REL ENV INS SEP MOD CHR MUS JEW BUD HIN""".split())


def actor_kind(names: list[str], codes: list[_Code]) -> str:
    """person | organisation | group by the heuristic of the module docstring."""
    words = {w.strip(_EDGE_PUNCT).upper() for n in names for w in n.replace("-", " ").split()}
    chunks = {c.code[i:i + 3] for c in codes for i in range(0, len(c.code), 3)}
    first = names[0].split()[0].upper()
    if all(len(c.code) == 3 for c in codes):
        return "organisation"
    if chunks & _ARMED and first not in _TITLES:
        return "group"
    if words & _ORGANISATION_WORDS:
        return "organisation"
    dated = any(c.start or c.until for c in codes)
    if first in _TITLES or dated or any(c.code.endswith("ELI") for c in codes):
        return "person"
    return "organisation"


def _is_country(codes: list[_Code]) -> bool:
    """One undated three-letter code that is not a sector or a non-state prefix."""
    return (len({c.code for c in codes}) == 1 and not any(c.start or c.until for c in codes)
            and re.fullmatch(r"[A-Z]{3}", codes[0].code) is not None and codes[0].code not in _NOT_COUNTRIES)



def import_actors(path: Path) -> ImportResult:
    """A TABARI/PETRARCH .actors file -> `actors/<stem>.yaml` with `countries:` and `actors:`."""
    path = Path(path)
    issues = _Issues(path.name)
    read = [(e, _clean_names(e, issues)) for e in _read_entries(_read_lines(path, issues), issues)]
    starts = [e.line for e, _ in read[1:]] + [0]
    entries = [(e, names) for (e, names), after in zip(read, starts) if _usable(e, names, issues, after)]
    _drop_duplicates(entries, issues)
    _separate_clashes(entries, issues)
    countries: list[dict] = []
    actors: list[dict] = []
    result = ImportResult()
    for entry, names in entries:
        if not names:
            continue
        codes, shown = _ordered(entry.codes), [n for n, _ in names]
        if _is_country(codes):
            countries.append({"code": codes[0].code, "names": shown})
        else:
            actors.append({"names": shown, "kind": actor_kind(shown, codes), "codes": [c.as_yaml() for c in codes]})
            result.counts["codes"] += len(codes)
        result.counts["names"] += len(shown)
    sections = {k: v for k, v in (("countries", countries), ("actors", actors)) if v}
    result.files[f"actors/{path.stem}.yaml"] = sections
    result.counts.update(actors=len(actors), countries=len(countries))
    result.issues.extend(issues.found)
    return result


# ---------------------------------------------------------------- agents

_AGENT_LINE = re.compile(r"(?P<noun>[^\[\]{}]*?)\s*(?:\{(?P<plural>[^{}]*)\})?\s*\[(?P<code>[^\[\]]*)\]")


def agent_code(raw: str) -> str | None:
    """`~GOV` -> GOV (after the country), `NGO~` -> NGO~ (before it); None if not a coder agent code."""
    code = "".join(raw.split()).upper()
    code = code[1:] if code.startswith("~") else code
    return code if re.fullmatch(r"(?:[A-Z0-9]{3})+~?", code) else None


def _define_marker(ln: _Line, markers: dict[str, list[str]], issues: _Issues) -> None:
    m = re.fullmatch(r"!([^!\s]+)!\s*=\s*(.+)", ln.text)
    if not m:
        issues.skipped(ln.number, f"substitution marker not defined as !NAME! = a, b: {ln.text!r}")
        return
    if m.group(1) in markers:
        issues.changed(ln.number, f"substitution marker !{m.group(1)}! defined again: the new list replaces the old")
    markers[m.group(1)] = [item.strip() for item in m.group(2).split(",") if item.strip()]


def _expand(phrase: str, markers: dict[str, list[str]]) -> list[str]:
    """Every substitution of every `!MARKER!`; KeyError names an undefined marker."""
    m = re.search(r"!([^!\s]*)!", phrase)
    if not m:
        return [phrase]
    return [out for item in markers[m.group(1)]
            for out in _expand(phrase[:m.start()] + item + phrase[m.end():], markers)]


def _agent_nouns(ln: _Line, markers: dict[str, list[str]], issues: _Issues) -> tuple[str | None, list[str]]:
    """The code and the nouns (expanded, explicit plurals included) of one agent line."""
    m = _AGENT_LINE.fullmatch(ln.text)
    if not m or not m.group("noun").strip():
        why = "no [code]" if "[" not in ln.text else "unbalanced { } or [ ]" if "{" in ln.text else "unreadable line"
        issues.skipped(ln.number, f"agent line skipped ({why}): {ln.text!r}")
        return None, []
    code = agent_code(m.group("code"))
    if code is None:
        issues.skipped(ln.number, f"[{m.group('code')}] is not a coder agent code (3-letter parts, ~ before or after)")
        return None, []
    phrases = [m.group("noun")] + ([m.group("plural")] if (m.group("plural") or "").strip() else [])
    # "{}": no plural; coder would inflect the noun ("police" -> "polices"), so it is written =noun
    exact = "=" if m.group("plural") is not None and not m.group("plural").strip() else ""
    try:
        nouns = [_phrase_case(p) for phrase in phrases for p in _expand(phrase, markers)]
    except KeyError as exc:
        issues.skipped(ln.number, f"substitution marker !{exc.args[0]}! is not defined")
        return None, []
    return code, [exact + n for n in nouns if n]


def _generated(noun: str, others: set[str]) -> bool:
    """Whether coder generates `noun` from another noun: same words, last one an inflection of theirs."""
    words = noun.lower().split()
    for other in others:
        if noun.startswith("=") or other.startswith("="):
            continue   # a noun without plural: coder generates nothing from it, and it is kept as written
        theirs = other.lower().split()
        if theirs != words and theirs[:-1] == words[:-1] and len(theirs) == len(words) \
                and words[-1] in inflections(theirs[-1]):
            return True
    return False


def import_agents(path: Path) -> ImportResult:
    """A PETRARCH .agents file -> `agents/<stem>.yaml` with `agents: {CODE: [nouns]}`."""
    path = Path(path)
    issues = _Issues(path.name)
    markers: dict[str, list[str]] = {}
    owner: dict[str, tuple[str, str, int]] = {}     # key -> (noun, code, line); a later code wins, as in PETRARCH
    for ln in _read_lines(path, issues):
        if ln.text.startswith("!") and "=" in ln.text:
            _define_marker(ln, markers, issues)
            continue
        code, nouns = _agent_nouns(ln, markers, issues)
        for noun in nouns:
            key = noun.lower().lstrip("=")
            before = owner.get(key)
            if before and before[1] != code:
                issues.skipped(before[2], f"agent {noun!r} [{before[1]}] is defined again at line {ln.number} "
                               f"as [{code}]; PETRARCH keeps the later one")
                del owner[key]
            owner.setdefault(key, (noun, code, ln.number))
    agents: dict[str, list[str]] = {}
    for noun, code, _ in owner.values():
        agents.setdefault(code, []).append(noun)
    agents = {code: [n for n in nouns if not _generated(n, set(nouns))] for code, nouns in agents.items()}
    result = ImportResult(files={f"agents/{path.stem}.yaml": {"agents": agents}})
    result.counts.update(agents=sum(len(n) for n in agents.values()), agent_codes=len(agents))
    result.issues.extend(issues.found)
    return result


# ---------------------------------------------------------------- discards


def import_discards(path: Path) -> ImportResult:
    """A PETRARCH .discards file -> `discards/<stem>.yaml` with `discards: {sentence: [...], story: [...]}`."""
    path = Path(path)
    issues = _Issues(path.name)
    found: dict[str, dict[str, None]] = {"sentence": {}, "story": {}}
    for ln in _read_lines(path, issues):
        if ln.cut:
            issues.changed(ln.number, f"'#' inside {ln.cut!r} starts a comment: the rest of the line is lost")
        story = ln.text.startswith("+")
        phrase = _phrase_case(ln.text[1:] if story else ln.text)
        if not phrase:
            issues.skipped(ln.number, f"empty discard phrase {ln.text!r}")
            continue
        found["story" if story else "sentence"].setdefault(phrase, None)
    discards = {kind: list(phrases) for kind, phrases in found.items() if phrases}
    result = ImportResult(files={f"discards/{path.stem}.yaml": {"discards": discards}})
    result.counts.update(discards=sum(len(v) for v in discards.values()))
    result.issues.extend(issues.found)
    return result
