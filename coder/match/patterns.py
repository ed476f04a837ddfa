"""Event patterns: find every pattern match around the sentence's actor mentions."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Union

from coder.codebook.load import Codebook, PatternSpec
from coder.codebook.pattern import Element, Gap, Optional, Slot, Words, parse_pattern, walk
from coder.match.actors import SPEECH_VERBS, Mention
from coder.text.records import Token, record_reduce

SOURCE_REACH = 15    # how far left a leading {source} may be
TARGET_REACH = 12    # how far right a trailing {target} may be
NEAR = 3             # how far an inner slot may be from its words
# Steps one pattern may take at one anchor. Gaps and optional parts multiply the ways a pattern can
# be laid over a sentence; the budget keeps any pattern, however written, linear in sentence length.
# Real patterns take under 20 (the most on both dev sets: 18).
STEP_BUDGET = 1000

# Where a clause ends: a slot search does not cross these.
CLAUSE_BREAKS = frozenset(";  : that which who whom whose while but because although though whereas unless "
                          "\" ( ) [ ] -".split())
TARGET_BREAKS = CLAUSE_BREAKS | {",", "after", "before", "when", "until", "whereas"}  # a target is in the verb's clause
NEGATORS = frozenset("not n't never no without neither nor cannot refuse refuses refused refusing "
                     "decline declines declined declining fail fails failed failing".split())
# Participles that are never passive: "Putin arrived in Beijing" is no reduced passive.
INTRANSITIVE = frozenset("arrived landed travelled traveled died stayed remained".split())
REDUCED_PASSIVE_NEXT = frozenset("in near during outside inside across since after for".split())
GERUND_LEADS = frozenset("since after before upon while by for of on in at without despite against".split())
# An anchor right after one of these is a noun ("the meeting came"), not the verb of a {source}.
DETERMINERS = frozenset("the a an this that these those its their his her our such any".split())
TIME_NOUNS = frozenset("week month year morning afternoon evening night weekend time spring summer autumn "
                       "winter".split())
LINKING = frozenset("and or but nor then also has have had is are was were will would".split())
MODALS = frozenset("will would shall should may might can could must".split())
POSSESSIVES = frozenset("their his her its".split())
BE_FORMS = frozenset("is are was were be been being get got gets".split())
CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may "
                     "june july august september october november december".split())
# A mention right after one of these is a place or an object, not the subject of a later verb.
PREPOSITIONS = frozenset("in at on from to by outside inside near into across toward towards through within "
                         "against for with without over under around beyond between among".split())


@dataclass(frozen=True, slots=True, eq=False)
class CompiledPattern:
    """A pattern ready to match; pickled through its constructor, so a cached compiled codebook loads fast."""

    spec: PatternSpec
    before: tuple[Element, ...]      # elements left of the anchor, nearest first
    anchor: Words
    after: tuple[Element, ...]
    has_target: bool                 # a required {target}: one inside ( ) is optional
    takes_target: bool               # a {target} anywhere, required or optional
    required: tuple[frozenset[str], ...]  # first-word forms of every required word after the anchor, rarest first
    words: int                       # required words: the more, the more specific
    source_after: bool               # {source} after the anchor: written for the passive, read as it stands

    def __reduce__(self):
        return record_reduce(self)


@dataclass(slots=True, unsafe_hash=True)
class PatternMatch:
    """A pattern matched in a sentence: its actors (roles already resolved) and the words it used."""

    pattern: CompiledPattern
    source: Mention | None
    target: Mention | None
    words: frozenset[int]            # token positions of the pattern's words
    passive: bool
    anchor: int                      # token position of the anchor

    # Written out, not made by @dataclass: a compiled build (hatch_build.py) then builds the record
    # natively, four times faster. Not frozen for the same reason; nothing changes a record once made.
    def __init__(self, pattern: CompiledPattern, source: Mention | None, target: Mention | None,
                 words: frozenset[int], passive: bool, anchor: int) -> None:
        self.pattern, self.source, self.target, self.words = pattern, source, target, words
        self.passive, self.anchor = passive, anchor

    def __reduce__(self):
        return record_reduce(self)


class PatternIndex:
    """The codebook's patterns, indexed by every form of their anchor's first token."""

    def __init__(self, codebook: Codebook | None, tables: tuple[dict, dict] | None = None):
        """Index `codebook`'s patterns, or take `tables` (main, fallback) already made (unpickling)."""
        self._main: dict[str, list[CompiledPattern]] = tables[0] if tables else {}
        self._fallback: dict[str, list[CompiledPattern]] = tables[1] if tables else {}
        self._by_required: dict[str, dict[str | None, list[int]]] = {}
        self._by_required_fallback: dict[str, dict[str | None, list[int]]] = {}
        memo: dict = {}
        specs, synsets = (codebook.patterns, codebook.synsets) if codebook is not None else ((), {})
        for spec in specs:
            compiled = _compile(spec, synsets, memo)
            index = self._fallback if spec.fallback else self._main
            for form in compiled.anchor.by_first:
                index.setdefault(form, []).append(compiled)

    def candidates(self, norm: str, fallback: bool = False) -> list[CompiledPattern]:
        return (self._fallback if fallback else self._main).get(norm, [])

    def fitting(self, norm: str, fallback: bool, present: set[str]) -> list[CompiledPattern]:
        """The candidates at an anchor word whose required words are all in the sentence (`present`:
        its set of norms), in codebook order. Common anchors ("said" has 120 imported patterns) go
        through a second index, by the forms of each pattern's rarest required word, built on first use."""
        found = (self._fallback if fallback else self._main).get(norm)
        if not found:
            return []
        if len(found) <= _DIRECT:
            return [p for p in found if _all_present(p.required, present)]
        tables = self._by_required_fallback if fallback else self._by_required
        by_form = tables.get(norm)
        if by_form is None:
            by_form = tables[norm] = _by_first_required(found)
        hits: list[int] = []
        for form in present:
            filed = by_form.get(form)
            if filed is not None:
                hits.extend(filed)
        filed = by_form.get(None)
        if filed is not None:
            hits.extend(filed)
        if len(hits) > 1:
            hits = sorted(set(hits))   # codebook order, once (a pattern is filed under each form of its word)
        return [found[k] for k in hits if _all_present(found[k].required[1:], present)]

    def __reduce__(self):
        return PatternIndex, (None, (self._main, self._fallback))   # the second index is rebuilt on use


_DIRECT = 12   # up to this many candidates, checking each one's required words is faster than the index


def _all_present(required: tuple[frozenset[str], ...], present: set[str]) -> bool:
    for forms in required:
        if present.isdisjoint(forms):
            return False
    return True


def _by_first_required(found: list[CompiledPattern]) -> dict[str | None, list[int]]:
    """Form -> positions in `found` of the patterns whose first (rarest) required word has that form; None -> none required."""
    index: dict[str | None, list[int]] = {}
    for k, pattern in enumerate(found):
        for form in (pattern.required[0] if pattern.required else (None,)):
            filed = index.get(form)
            if filed is None:
                index[form] = [k]
            else:
                filed.append(k)
    return index


def _compile(spec: PatternSpec, synsets, memo: dict) -> CompiledPattern:
    elements = parse_pattern(spec.text, synsets, memo)
    a = next(i for i, e in enumerate(elements) if isinstance(e, Words))
    has_target = any(isinstance(e, Slot) and e.role == "target" for e in elements)
    takes_target = "{target" in spec.text
    # the required words, rarest first (no function word, then the fewest forms): a check fails soonest
    # on a word few sentences have, and the second index of a common anchor (PatternIndex.fitting)
    # files each pattern under each form of that word
    required = tuple(sorted((frozenset(e.by_first) for e in elements[a + 1:] if isinstance(e, Words)),
                            key=lambda forms: (not forms.isdisjoint(_FUNCTION_WORDS), len(forms))))
    words = sum(1 for e in elements if isinstance(e, Words))
    anchor = elements[a]
    assert isinstance(anchor, Words)
    after = elements[a + 1:]
    source_after = any(isinstance(e, Slot) and e.role == "source" for e in walk(after))
    return CompiledPattern(spec, tuple(reversed(elements[:a])), anchor, after, has_target,
                           takes_target, required, words, source_after)


_Found = Union[tuple[dict[str, Mention], set[int]], None]   # what a match of the elements bound, and its words


class _Sentence:
    """The view of a sentence that matching needs: tokens and mentions by start and end."""

    def __init__(self, tokens: tuple[Token, ...], mentions: tuple[Mention, ...]):
        self.tokens = tokens
        self.norms = [t.norm for t in tokens]
        self.present = set(self.norms)
        self.passives: dict[int, bool] = {}   # _is_passive by position, as found
        self.starting: dict[int, Mention] = {}
        self.ending: dict[int, Mention] = {}
        proper: set[int] = set()
        inside: set[int] = set()
        # a '...' gap may not skip a named actor, except one that only describes the next noun:
        # an adjective ("1,141 Iraqi refugees") or a possessive ("Germany's decision")
        named: set[int] = set()
        for m in mentions:
            self.starting[m.start] = m
            self.ending[m.end] = m
            proper |= m.proper
            inside.update(range(m.start, m.end))
            if not m.modifier and not (m.end < len(self.norms) and self.norms[m.end] == "'s"):
                named |= m.proper
        self.proper = proper      # sets, never changed once made
        self.inside = inside
        self.named = named
        self.gap_stops = named
        # where a gap that meets a named actor may go on: the agent noun that ends the actor's mention
        # ("accepted 1,141 Iraqi refugees": "Iraqi" is named, "refugees" may be the pattern's word)
        self.agent_tail: dict[int, int] = {}
        for m in mentions:
            if m.proper and not m.refers and m.end - 1 not in m.proper:
                tail = max(m.proper) + 1
                for q in m.proper:
                    self.agent_tail[q] = tail
        self.budget = STEP_BUDGET
        # the anchor being tried is a passive verb ("was demolished by"): the slots' sectors are checked
        # once the roles are swapped (_with_voice), not on the words' order
        self.passive_anchor = False

    def seq_at(self, pos: int, option: tuple[frozenset[str], ...]) -> bool:
        """Whether the option's words stand at pos (its first word is already known to fit)."""
        if pos < 0 or pos + len(option) > len(self.norms):
            return False
        norms = self.norms
        for k in range(1, len(option)):
            if norms[pos + k] not in option[k]:
                return False
        if self.proper:
            for k in range(pos, pos + len(option)):
                if k in self.proper:
                    return False
        return True

    def starting_with(self, words: Words, pos: int) -> tuple[tuple[frozenset[str], ...], ...]:
        return words.by_first.get(self.norms[pos], ()) if 0 <= pos < len(self.norms) else ()

    def ending_with(self, words: Words, pos: int) -> tuple[tuple[frozenset[str], ...], ...]:
        return words.by_last.get(self.norms[pos], ()) if 0 <= pos < len(self.norms) else ()


def find_matches(tokens: tuple[Token, ...], mentions: tuple[Mention, ...], index: PatternIndex) -> list[PatternMatch]:
    """Every pattern match in the sentence, then the overlaps resolved: more words win. Fallback
    patterns count only in a sentence where no other pattern matched."""
    view = _Sentence(tokens, mentions)
    found = _all_matches(view, index, fallback=False) or _all_matches(view, index, fallback=True)
    return _coordinated_subjects(_infinitive_heads(_main_verbs(_resolve_overlaps(found, view), view, index), view), view)


def _infinitive_heads(matches: list[PatternMatch], s: _Sentence) -> list[PatternMatch]:
    """"X prepared to attend the Games": a match on a lone verb followed by "to" and a verb with a
    match of its own, from the same subject, yields to that verb's match: an imported (fallback) one
    always, a hand-written one when it found no target and the other did ("pledged to expel Y")."""
    # by first word and the source's span (a mention is its span; hashing the record is slower)
    governed: dict[tuple[int, int, int], PatternMatch] = {
        (min(m.words), m.source.start, m.source.end): m for m in matches if m.source is not None}

    def yields(m: PatternMatch) -> bool:
        other = governed.get((m.anchor + 2, m.source.start, m.source.end)) if m.source is not None else None
        if max(m.words) != m.anchor or other is None or s.norms[m.anchor + 1] != "to":
            return False
        # a hand-written head yields only when it has no target and the verb it governs has one
        return m.pattern.spec.fallback or (m.target is None and other.target is not None)

    return [m for m in matches if m.source is None or not yields(m)]


def _main_verbs(matches: list[PatternMatch], s: _Sentence, index: PatternIndex) -> list[PatternMatch]:
    """"will abandon ties": a match on a lone modal yields to the verb it helps, when a pattern is
    written for that verb (within three words: "will not ever clash"), matched or negated."""
    def helps_a_verb(at: int) -> bool:
        return any(index.candidates(s.norms[q]) or index.candidates(s.norms[q], True)
                   for q in range(at + 1, min(at + 4, len(s.norms))))

    return [m for m in matches if not (len(m.words) == 1 and s.norms[m.anchor] in MODALS and helps_a_verb(m.anchor))]


def _all_matches(view: _Sentence, index: PatternIndex, fallback: bool) -> list[PatternMatch]:
    """The viable matches of every pattern at every anchor: `attempts` without the outcomes (a loop
    that runs for every sentence, so it builds no tuple for each try)."""
    found: list[PatternMatch] = []
    present = _begin(view, fallback)
    for i, norm in enumerate(view.norms):
        for pattern in index.fitting(norm, fallback, present):
            match = attempt(pattern, i, view)[0]
            if match is not None and _viable(match, view):
                found.append(match)
    return found


def attempts(view: _Sentence, index: PatternIndex, fallback: bool):
    """(pattern, anchor position, match or None, outcome) for every pattern whose words are all in the
    sentence: what matching tries, for explanations."""
    present = _begin(view, fallback)
    for i, norm in enumerate(view.norms):
        for pattern in index.fitting(norm, fallback, present):   # cheap: its words are all here
            match, outcome = attempt(pattern, i, view)
            yield pattern, i, match, outcome


def _begin(view: _Sentence, fallback: bool) -> set[str]:
    """Set the sentence up for one kind of pattern; the set of its norms."""
    # in hand-written patterns a gap never skips a named actor (it has a role of its own); imported
    # fallbacks keep PETRARCH's reading, where any words may stand between two pattern words
    view.gap_stops = set() if fallback else view.named
    return view.present


def _named_after(q: int, limit: int, s: _Sentence) -> Mention | None:
    """The first named mention (not a pronoun, not a bare agent) after a possessive pronoun at q, in the clause."""
    for r in range(q + 1, min(limit + 1, len(s.norms))):
        mention = s.starting.get(r)
        if mention is not None and not mention.refers and mention.proper:
            return mention
        if s.norms[r] in TARGET_BREAKS:
            return None
    return None


def _viable(m: PatternMatch, s: _Sentence) -> bool:
    """A match that can code an event; one that cannot must not block the others' words. A match whose
    target is its own source ("NAF says it has killed ...": "it" is the speaker) codes nothing."""
    if (m.target is not None and m.source is not None and len(m.source.members) == 1
            and m.target.members == m.source.members       # (a group and "their"/"each other" code its pairs)
            and s.norms[m.source.end:min(m.words)] not in (["and"], [",", "and"])):  # a coordinated verb's
        return False                                        # subject is found later (_coordinated_subjects)
    if m.target is not None or not m.pattern.has_target:
        return True
    return m.pattern.spec.mutual and m.source is not None and len(m.source.members) > 1


def _coordinated_subjects(matches: list[PatternMatch], s: _Sentence) -> list[PatternMatch]:
    """Coordinated verbs. "X attacked Y and praised Z": the second verb's subject is X, not Y.
    "X will support and encourage Y": one event, coded by the first verb, with the shared target."""
    out: list[PatternMatch] = []
    for m in matches:
        prev = out[-1] if out else None
        first = min(m.words)
        if (prev is not None and not m.passive and first > 0 and s.norms[first - 1] == ","
                and s.norms[first].endswith("ing") and max(prev.words) < first):
            # "X bombarded Y, killing eight": the participle's subject is the main clause's
            m = replace(m, source=prev.source)
        if (prev is not None and prev.pattern.takes_target
                and s.norms[max(prev.words) + 1:first] in (["and"], [",", "and"], ["or"])
                and (prev.target is None or prev.target.start > first)):
            target = prev.target or m.target
            if target is not None and m.source is not None:
                out[-1] = replace(prev, target=target, words=prev.words | m.words)
                continue
        if (prev is not None and not m.passive and m.source is not None and m.source is prev.target
                and s.norms[m.source.end:min(m.words)] in (["and"], [",", "and"])):
            m = replace(m, source=prev.source)
        out.append(m)
    return out


def _resolve_overlaps(found: list[PatternMatch], s: _Sentence) -> list[PatternMatch]:
    """The match with more words wins, then the one whose anchor stands as written (the verb "left"
    over an inflection of "leave"), then the pattern written first. (Preferring a match that
    found a target lost class accuracy on the dev sets: "rejected accusations by X" is a denial.)"""
    kept: list[PatternMatch] = []
    used: set[int] = set()
    for m in sorted(found, key=lambda m: (-len(m.words), -m.pattern.words, min(m.words),
                                          s.norms[m.anchor] not in m.pattern.anchor.written)):
        if used.isdisjoint(m.words):
            kept.append(m)
            used |= m.words
    return sorted(kept, key=lambda m: min(m.words))


def attempt(pattern: CompiledPattern, i: int, s: _Sentence) -> tuple[PatternMatch | None, str]:
    """Try a pattern at anchor position i: the match, or None and why not (for explanations)."""
    reason = "the anchor's words are not all here"
    s.budget = STEP_BUDGET
    # where the roles will swap, the slots' sectors are checked after the swap (_with_voice)
    s.passive_anchor = bool(pattern.before) and not pattern.source_after and _is_passive(i, s)
    for option in s.starting_with(pattern.anchor, i):
        if not s.seq_at(i, option):
            continue
        anchor = set(range(i, i + len(option)))
        right = _forward(pattern.after, 0, i + len(option), s, {}, anchor)
        if right is None:
            reason = "the words or actor after the anchor are not there"
            continue
        left = _backward(pattern.before, 0, i, s, right[0], right[1])
        if left is None:
            reason = "no source (or the words before the anchor) found to the left"
            continue
        binds, words = left
        source = binds.get("source")
        if _negated(min(words), max(words), words, s):
            return None, "negated"
        if _noun_use(pattern, i, s):
            return None, "the anchor is used as a noun or background"
        if _unasserted(source, i, s):
            return None, "an infinitive after another verb's object: a wish"
        if _reduced_passive(i, source, s) and i + 1 not in words:  # "arrive in {target}": "in" is the pattern's
            return None, "a reduced passive with no agent"
        match = _with_voice(pattern, binds, frozenset(words), i, s)
        return match, "matched" if match else "passive voice with no 'by' agent"
    if s.budget < 0:
        return None, f"gave up after {STEP_BUDGET} steps: too many ways to lay its gaps and optional parts"
    return None, reason


def _forward(els: tuple[Element, ...], k: int, pos: int, s: _Sentence, binds: dict[str, Mention],
             words: set[int]) -> _Found:
    """Match elements left to right from token `pos`; (binds, words) or None."""
    s.budget -= 1
    if s.budget < 0:
        return None
    if k == len(els):
        return binds, words
    e = els[k]
    if isinstance(e, Words):
        for option in s.starting_with(e, pos):
            if s.seq_at(pos, option):
                r = _forward(els, k + 1, pos + len(option), s, binds, words | set(range(pos, pos + len(option))))
                if r is not None:
                    return r
        return None
    if isinstance(e, Optional):
        r = _forward(e.elements + els[k + 1:], 0, pos, s, binds, words)
        return r if r is not None else _forward(els, k + 1, pos, s, binds, words)
    if isinstance(e, Gap):
        for n in range(e.most + 1):
            if pos + n > len(s.norms) or (n and ((s.norms[pos + n - 1] in TARGET_BREAKS and not _listing(pos + n - 1, s))
                                                 or pos + n - 1 in s.gap_stops)):
                # a gap skips words, never a named actor: that actor has a role of its own; unless the
                # next word of the pattern is the agent noun of that actor's mention ("Iraqi refugees")
                tail = s.agent_tail.get(pos + n - 1) if n and pos + n - 1 in s.gap_stops else None
                if tail is not None and tail - pos <= e.most and k + 1 < len(els) and isinstance(els[k + 1], Words):
                    return _forward(els, k + 1, tail, s, binds, words)
                break
            r = _forward(els, k + 1, pos + n, s, binds, words)
            if r is not None:
                return r
        return None
    trailing = e.role != "actor" and _last_words(els, k)
    reach = TARGET_REACH if trailing else NEAR
    for q in range(pos, min(pos + reach + 1, len(s.norms))):
        mention = s.starting.get(q)
        if mention is not None and trailing and s.norms[q] in POSSESSIVES:
            mention = _named_after(q, pos + reach, s) or mention  # "their ties with Osgiliath": Osgiliath
        if mention is not None and not _admits(e, mention, s):
            break
        if mention is not None:
            # the words after the slot may begin inside the mention: "expel {target} diplomats"
            # against "expelled British diplomats", where "British diplomats" is one mention
            for cont in (mention.end, *range(mention.end - 1, mention.start, -1)):
                if cont < mention.end and (cont in s.proper or trailing):
                    continue
                r = _forward(els, k + 1, cont, s, binds if e.role == "actor" else {**binds, e.role: mention}, words)
                if r is not None:
                    return r
            break
        if s.norms[q] in TARGET_BREAKS and not (trailing and _complement(pos, q, min(words), s)):
            if trailing and s.norms[q] == "," and _apposition_ahead(q, pos, s):
                continue  # "met Alice Wells, a senior US official": the unlisted name is the official
            break
    return _forward(els, k + 1, pos, s, binds, words) if trailing else None


def _last_words(els: tuple[Element, ...], k: int) -> bool:
    """Whether no words of the pattern follow element k: a slot there is the pattern's last (or, read
    backwards, its first) and may reach further."""
    for x in range(k + 1, len(els)):
        if isinstance(els[x], Words):
            return False
    return True


def _listing(q: int, s: _Sentence) -> bool:
    """A comma between two lower-case words inside a gap lists adjectives: "restore complete, full
    diplomatic ties" (the pattern's next word still has to follow)."""
    if s.norms[q] != "," or not 0 < q < len(s.norms) - 1:
        return False
    return all(s.tokens[r].text.isalpha() and s.tokens[r].text.islower() and s.norms[r] not in _FUNCTION_WORDS
               for r in (q - 1, q + 1)) and not s.norms[q + 1].endswith("ing")   # "X stopped work, killing"


_FUNCTION_WORDS = PREPOSITIONS | DETERMINERS | LINKING | MODALS | CLAUSE_BREAKS | TARGET_BREAKS | {"of", "as"}


def _complement(pos: int, q: int, anchor: int, s: _Sentence) -> bool:
    """A "that" right after a verb's words (`pos` is the first token after them), or after a time
    ("expressed hopes on Thursday that"), opens the clause its target heads: "Gollum allowed that
    Mordor isn't ..." is about Mordor. Not when the verb itself is a speech verb: "X said that Y
    ..." is about no one (but in "expressed hopes that", "hopes" is a noun)."""
    if s.norms[q] != "that" or pos < 1 or (pos - 1 == anchor and s.norms[anchor] in SPEECH_VERBS):
        return False
    return all(s.norms[r] in _TIME_WORDS for r in range(pos, q))


_TIME_WORDS = (TIME_NOUNS | frozenset(w for w in CALENDAR if w.endswith("day"))
               | frozenset("on this last next early late today yesterday tonight".split()))


def _apposition_ahead(comma: int, pos: int, s: _Sentence) -> bool:
    """A comma after an unlisted capitalised name, then "a|an|the" and an actor whose mention ends in an
    agent noun: the words after the comma describe the name ("Alice Wells, a senior US official")."""
    before = comma - 1
    if before < pos or before in s.inside or not s.tokens[before].text[:1].isupper() \
            or not s.tokens[before].text.isalpha() or s.norms[before] in CALENDAR:
        return False
    if comma + 1 >= len(s.norms) or s.norms[comma + 1] not in ("a", "an", "the"):
        return False
    for r in range(comma + 2, min(comma + 7, len(s.norms))):
        mention = s.starting.get(r)
        if mention is not None:
            return mention.end - 1 not in mention.proper and not mention.refers
        if s.norms[r] in TARGET_BREAKS:
            return False
    return False


def _backward(els: tuple[Element, ...], k: int, pos: int, s: _Sentence, binds: dict[str, Mention],
              words: set[int]) -> _Found:
    """Match elements right to left, ending just before token `pos`."""
    s.budget -= 1
    if s.budget < 0:
        return None
    if k == len(els):
        return binds, words
    e = els[k]
    if isinstance(e, Words):
        for option in s.ending_with(e, pos - 1):
            start = pos - len(option)
            if (start == pos - 1 or s.norms[start] in option[0]) and s.seq_at(start, option):
                r = _backward(els, k + 1, start, s, binds, words | set(range(start, pos)))
                if r is not None:
                    return r
        return None
    if isinstance(e, Optional):
        r = _backward(tuple(reversed(e.elements)) + els[k + 1:], 0, pos, s, binds, words)
        return r if r is not None else _backward(els, k + 1, pos, s, binds, words)
    if isinstance(e, Gap):
        for n in range(e.most + 1):
            if pos - n < 0 or (n and (s.norms[pos - n] in CLAUSE_BREAKS or pos - n in s.gap_stops)):
                break
            r = _backward(els, k + 1, pos - n, s, binds, words)
            if r is not None:
                return r
        return None
    leading = e.role != "actor" and _last_words(els, k)
    reach = SOURCE_REACH if leading else NEAR
    q = pos
    among: Mention | None = None   # "talks between X and Y": the participants, if no head is named
    while q >= max(pos - reach, 0):
        mention = s.ending.get(q)
        if mention is not None and leading and _after_preposition(mention, s, pos):
            if among is None and _preposition_before(mention, s) in ("between", "among"):
                among = mention
            q -= 1
            continue
        if mention is not None and not _admits(e, mention, s):
            return None
        if mention is not None:
            return _backward(els, k + 1, mention.start, s, binds if e.role == "actor" else {**binds, e.role: mention}, words)
        if q > 0 and s.norms[q - 1] in CLAUSE_BREAKS:
            opener = _apposition(q - 1, s) if leading else None
            if opener is None:
                break
            q = opener  # "The Libyan National Army (LNA) agreed": the bracket names the actor again
            continue
        q -= 1
    if among is not None and _admits(e, among, s):
        return _backward(els, k + 1, among.start, s, {**binds, e.role: among}, words)
    return None


def _apposition(close: int, s: _Sentence) -> int | None:
    """The opening bracket of a short bracket that closes at `close` and stands right after a mention
    ("Army (LNA)", "Union (TASZ)"), or None."""
    if s.norms[close] not in (")", "]"):
        return None
    for r in range(close - 1, max(close - 5, -1), -1):
        if s.norms[r] in ("(", "["):
            return r if r in s.ending else None
        if s.norms[r] in CLAUSE_BREAKS or s.norms[r] == ",":
            return None
    return None


def _noun_use(pattern: CompiledPattern, i: int, s: _Sentence) -> bool:
    """A verb pattern's anchor after a determiner is a noun ("the meeting came", "the brutal
    slaying"); after a preposition it is background whose subject is not the nearest mention
    ("since meeting Putin", "advised against travel")."""
    leads_with_source = bool(pattern.before) and isinstance(pattern.before[0], Slot)
    if not leads_with_source or i == 0 or s.norms[i] in MODALS:
        return False  # a modal is never a noun: "his country will not lift the ban"
    before = s.norms[i - 1]
    if before == "by" and _means(i, s):
        return False
    if before in GERUND_LEADS or before in PREPOSITIONS and before != "to":
        return True
    for q in range(i - 1, max(i - 4, -1), -1):  # over at most two adjectives: "a deadly new attack"
        if s.norms[q] in DETERMINERS:
            return s.norms[q + 1] not in TIME_NOUNS  # "Bachelet this week voiced concern": an adverb
        if q in s.inside or not s.norms[q].isalpha() or s.tokens[q].text[:1].isupper() or s.norms[q] in LINKING:
            return False
    return False


def _means(i: int, s: _Sentence) -> bool:
    """"Russia retaliated by expelling diplomats": "by" and a gerund with an object of its own tell
    how the subject acted; not after a passive ("were killed by shelling the town": a cause)."""
    nxt = s.norms[i + 1] if i + 1 < len(s.norms) else ""
    return (s.norms[i].endswith("ing") and nxt.isalpha() and nxt not in PREPOSITIONS
            and nxt not in CLAUSE_BREAKS and nxt not in LINKING and not (i >= 2 and _is_passive(i - 2, s)))


def _reduced_passive(i: int, source: Mention | None, s: _Sentence) -> bool:
    """"soldiers killed in Ukraine", "civilians imprisoned for ...": a participle straight after its
    noun and followed by a preposition of place, time or cause tells what was done to the noun."""
    return (source is not None and source.end == i and s.norms[i].endswith("ed") and i + 1 < len(s.norms)
            and s.norms[i + 1] in REDUCED_PASSIVE_NEXT and s.norms[i] not in INTRANSITIVE)


def _unasserted(source: Mention | None, i: int, s: _Sentence) -> bool:
    """"Obama wants Putin to attack": an infinitive whose subject is another verb's object is an
    appeal or a wish, not an event (the appeal is coded by its own pattern); so is one right after
    a passive's "by" agent: "Obama is pressured by Congress to help Iran"."""
    if source is None or i < 1 or s.norms[i - 1] != "to":
        return False
    agent = s.ending.get(i - 1)
    return source.end == i - 1 or (agent is not None and "by" in s.norms[max(agent.start - 2, 0):agent.start])


def _preposition_before(mention: Mention, s: _Sentence) -> str | None:
    """The preposition a mention follows (over "the" or one lower-case modifier), or None."""
    q = mention.start - 1
    if q >= 1 and s.tokens[q].text.isalpha() and s.tokens[q].text.islower() and s.norms[q - 1] in PREPOSITIONS:
        q -= 1
    elif q >= 0 and s.norms[q] in ("the", "a", "an"):
        q -= 1
    return s.norms[q] if q >= 0 and s.norms[q] in PREPOSITIONS else None


def _after_preposition(mention: Mention, s: _Sentence, pos: int) -> bool:
    """A mention after a preposition is a place or an object, unless it is a bare adjective
    close before the pattern's words: "killed in Israeli tank shelling"."""
    if mention.modifier and pos - mention.end <= 2:
        return False
    return _preposition_before(mention, s) is not None  # "in south Ithilen", "in eastern Ukraine", "to the US"


def _negated(first: int, last: int, words: set[int], s: _Sentence) -> bool:
    """"did not attack", "will not meet", "refused to meet": a negator shortly before the pattern's
    words or between them (a negator that is itself a pattern word does not count, nor "not" right
    before a pattern preposition: "welcomed memos not about Y" negates the phrase, not the verb)."""
    for q in range(first, last):
        if s.norms[q] in NEGATORS and q not in words and not _phrase_negation(q, words, s):
            return True
    i = first
    for q in range(i - 1, max(i - 4, -1), -1):
        if s.norms[q] in NEGATORS:
            return True
        if s.norms[q] in TARGET_BREAKS:
            return False
    return False


def _phrase_negation(q: int, words: set[int], s: _Sentence) -> bool:
    return s.norms[q] == "not" and q + 1 in words and s.norms[q + 1] in _PHRASE_PREPOSITIONS


_PHRASE_PREPOSITIONS = (PREPOSITIONS | {"about", "of", "between", "among"}) - {"to"}   # "agreed not to attack"


def _with_voice(pattern: CompiledPattern, binds: dict, words: frozenset[int], i: int, s: _Sentence) -> PatternMatch | None:
    """Passive voice ("X was attacked by Y") swaps the roles: the subject is the target, "by" names the source."""
    source, target = binds.get("source"), binds.get("target")
    passive = _is_passive(i, s) or _participle_by(i, max(words), s)
    if not passive or not pattern.before or pattern.source_after:
        # a pattern that puts its {source} after the verb is written for the passive: "{target} free
        # ... from {source}" reads "X was freed from Y" as it stands
        return PatternMatch(pattern, source, target, words, False, i) if source else None
    agent = _by_agent(max(words) + 1, s)
    if agent is None or not _slot(pattern, "source").admits(m.code for m in agent.members):
        return None
    if source is not None and not _slot(pattern, "target").admits(m.code for m in source.members):
        return None
    return PatternMatch(pattern, agent, source, words, True, i)


def _admits(slot: Slot, mention: Mention, s: _Sentence) -> bool:
    """Whether the mention fits the slot's sector; at a passive anchor the roles swap later, and
    _with_voice checks the sectors then ("was demolished by a protester": {source:OPP} is the protester)."""
    if not slot.sector or (s.passive_anchor and slot.role != "actor"):
        return True
    return slot.admits(m.code for m in mention.members)


def _slot(pattern: CompiledPattern, role: str) -> Slot:
    """The pattern's slot for a role ({source} or {target}, perhaps inside ( )); a slot with no sector if none."""
    return next((e for e in walk((*pattern.before, *pattern.after)) if isinstance(e, Slot) and e.role == role),
                Slot("actor"))


def _participle_by(i: int, last: int, s: _Sentence) -> bool:
    """A reduced passive: "warplanes supported by Russia" (a participle straight after its noun, then "by")."""
    return (i == last and s.norms[i].endswith("ed") and last + 1 < len(s.norms) and s.norms[last + 1] == "by"
            and i > 0 and s.norms[i - 1] not in BE_FORMS)


def _is_passive(i: int, s: _Sentence) -> bool:
    """Whether the verb at i is passive: a form of "be" before it, over adverbs ("was heavily and
    unjustly criticized"). Asked for most tries at an anchor: found once for each position."""
    known = s.passives.get(i)
    if known is None:
        known = s.passives[i] = _passive_at(i, s)
    return known


def _passive_at(i: int, s: _Sentence) -> bool:
    verb = s.norms[i]
    if verb.endswith("ing") or verb.endswith("s") and not verb.endswith("ss"):
        return False
    for q in range(i - 1, max(i - 5, -1), -1):
        if s.norms[q] in BE_FORMS:
            return True
        if not (s.norms[q].endswith("ly") or s.norms[q] in ("and", "or") and q < i - 1):
            return False
    return False


def _by_agent(pos: int, s: _Sentence) -> Mention | None:
    for q in range(pos, min(pos + TARGET_REACH, len(s.norms) - 1)):
        if s.norms[q] == "by":
            for r in range(q + 1, min(q + 4, len(s.norms))):
                if r in s.starting:
                    return s.starting[r]
                if s.norms[r] in PREPOSITIONS:
                    return None  # "killed by shelling in Aleppo": a place, not the agent
            return None
        if s.norms[q] in TARGET_BREAKS:
            return None
    return None
