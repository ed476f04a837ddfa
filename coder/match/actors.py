"""Actor mentions: longest-match names, composed with agents, joined into compounds, pronouns resolved."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from coder.codebook.load import Codebook
from coder.codebook.schema import Actor
from coder.text.inflect import inflections
from coder.text.records import Sentence, Token, record_reduce
from coder.text.tokenize import phrase_norms

Kind = Literal["country", "actor", "short", "agent", "anaphor", "none"]
_PROPER = frozenset({"country", "actor", "short", "none"})  # proper names: matched only when capitalised

# Pronouns and plural descriptions that point back to an earlier mention.
PERSON_PRONOUNS = ("he", "she", "him", "his", "her")
GROUP_ANAPHORS = ("they", "them", "their", "both", "both countries", "the two countries", "the countries",
                  "both sides", "the two sides", "both leaders", "the two leaders", "the two nations",
                  "both nations", "each other")
# "X said it would ...", "X claimed that they had ...": after these a pronoun is the speaker.
SPEECH_VERBS = frozenset("say says said announce announces announced state states stated add adds added warn warns "
                         "warned claim claims claimed insist insists insisted hope hopes hoped believe believes believed "
                         "signal signals signalled signaled vow vows vowed pledge pledges pledged threaten threatens "
                         "threatened deny denies denied confirm confirms confirmed argue argues argued "
                         "indicate indicates indicated stress stresses stressed note notes noted reiterate reiterates "
                         "reiterated explain explains explained acknowledge acknowledges acknowledged assert asserts "
                         "asserted declare declares declared emphasize emphasizes emphasized emphasise emphasises "
                         "emphasised maintain maintains maintained suggest suggests suggested".split())
# "X released a statement that it will ...": after one of these and "that", a pronoun is the speaker too.
SPEECH_NOUNS = frozenset("statement statements warning warnings assurance assurances promise promises pledge "
                         "pledges threat threats announcement".split())
# Words that may stand between a country's name and its agent: "Iraq's former security officials".
_TITLE_MODIFIERS = frozenset("former senior top acting interim local regional national federal provincial security "
                             "new outgoing incoming deputy chief retired high-ranking top-ranking".split())
_MODIFIER_STOP = frozenset("the a an of and or to in on at by for with from that which who , ; : \" ( ) [ ] -".split())


_OPEN_END = dt.date.max.toordinal()


@dataclass(frozen=True, slots=True, eq=False)
class ActorCodes:
    """What matching needs of an actor: an id, whether it is a person, and its dated codes as
    (code, first day, last day) day ordinals. Pickled through its constructor: a cached codebook loads fast."""

    key: int
    person: bool
    codes: tuple[tuple[str, int, int], ...]

    def __reduce__(self):
        return record_reduce(self)

    @classmethod
    def of(cls, key: int, actor: Actor) -> "ActorCodes":
        codes = tuple((d.code, d.start.toordinal() if d.start else 0, d.until.toordinal() if d.until else _OPEN_END)
                      for d in actor.codes)
        return cls(key, actor.kind == "person", codes)

    def code_at(self, day: dt.date | None) -> str | None:
        """The code on the story's date; for an undated story, the first code with no end, else the
        latest one: a former leader named in an undated text is still that country's actor."""
        if day is None:
            latest = max(self.codes, key=lambda c: c[2], default=None)
            return next((code for code, _, last in self.codes if last == _OPEN_END), latest and latest[0])
        when = day.toordinal()
        for code, first, last in self.codes:
            if first <= when <= last:
                return code
        return None


@dataclass(frozen=True, slots=True, eq=False)
class Name:
    """A codebook name as an index entry: what it is and, for acronyms, the exact spelling required.
    Pickled through its constructor, so a cached codebook loads fast."""

    norms: tuple[str, ...]
    kind: Kind
    code: str = ""                 # country code or agent sector
    actor: ActorCodes | None = None
    exact: tuple[str, ...] | None = None
    modifier: bool = False         # a country adjective or acronym: "Israeli", "US"

    def __reduce__(self):
        return record_reduce(self)


@dataclass(slots=True, unsafe_hash=True)
class Member:
    """One actor in a mention: its code at the story's date and the words that named it."""

    code: str
    text: str
    person: bool = False

    # Written out, not made by @dataclass: a compiled build (hatch_build.py) then builds the record
    # natively, four times faster. Not frozen for the same reason; nothing changes a record once made.
    def __init__(self, code: str, text: str, person: bool = False) -> None:
        self.code, self.text, self.person = code, text, person

    def __reduce__(self):
        return record_reduce(self)


@dataclass(slots=True, unsafe_hash=True)
class Mention:
    """An actor mention over tokens [start, end); a compound mention has several members."""

    start: int
    end: int
    members: tuple[Member, ...]
    proper: frozenset[int] = frozenset()   # token positions inside proper names: no pattern word matches there
    refers: str = ""                       # "person" or "group": a pronoun (resolved: members are its antecedent)
    modifier: bool = False                 # a bare country adjective: "Israeli (tank shelling)"

    # Written out, not made by @dataclass: a compiled build (hatch_build.py) then builds the record
    # natively, four times faster. Not frozen for the same reason; nothing changes a record once made.
    def __init__(self, start: int, end: int, members: tuple[Member, ...], proper: frozenset[int] = frozenset(),
                 refers: str = "", modifier: bool = False) -> None:
        self.start, self.end, self.members = start, end, members
        self.proper, self.refers, self.modifier = proper, refers, modifier

    def __reduce__(self):
        return record_reduce(self)

    @property
    def text(self) -> str:
        return " + ".join(m.text for m in self.members)


@dataclass
class DocumentState:
    """What earlier sentences of the same document tell later ones: names seen, antecedents."""

    date: dt.date | None
    seen: set[int] = field(default_factory=set)          # keys of actors named in full
    last_person: Member | None = None
    prior_person: Member | None = None    # the person named before last_person
    last_group: tuple[Member, ...] = ()

    # Written out, not made by @dataclass: a compiled build (hatch_build.py) then builds it natively.
    def __init__(self, date: dt.date | None, seen: set[int] | None = None, last_person: Member | None = None,
                 prior_person: Member | None = None, last_group: tuple[Member, ...] = ()) -> None:
        self.date, self.seen = date, seen if seen is not None else set()
        self.last_person, self.prior_person, self.last_group = last_person, prior_person, last_group


class ActorIndex:
    """Every actor, country and agent name of a codebook, indexed by its first token, then by its
    length (longest first) and its whole token tuple: a lookup costs a few dict probes, not a scan."""

    def __init__(self, codebook: Codebook | None, index: dict | None = None, seconds: dict | None = None):
        """Index `codebook`'s names, or take an `index` and `seconds` already made (unpickling)."""
        self._by_first: dict[str, list[Name]] = {}   # only needed while building
        self._index: dict[str, tuple[tuple[int, dict[tuple[str, ...], tuple[Name, ...]]], ...]] = (
            index if index is not None else {})
        # first word -> the second words of the longer names it begins: "the" begins hundreds of names,
        # but after "the" in a sentence stands a word that begins none of them more often than not
        self._seconds: dict[str, frozenset[str]] = seconds if seconds is not None else {}
        if codebook is not None:
            self._build(codebook)

    def __reduce__(self):
        return ActorIndex, (None, self._index, self._seconds)

    def _build(self, codebook: Codebook) -> None:
        for country in codebook.countries:
            for text in (*country.names, *country.capitals):
                self._add(text, "country", code=country.code)
            for text in country.adjectives:
                self._add(text, "country", code=country.code, modifier=True)
                if not text.endswith(("s", "sh", "ch", "ese")):
                    self._add(text + "s", "country", code=country.code)  # "12 Palestinians", "Israelis"
        for key, actor in enumerate(codebook.actors):
            codes = ActorCodes.of(key, actor)
            for text in actor.names:
                self._add(text, "actor", actor=codes)
            for text in actor.short_names:
                self._add(text, "short", actor=codes)
        for sector, nouns in codebook.agents.items():
            for noun in nouns:
                self._add_inflected(noun, sector)
        for text in codebook.not_actors:
            self._add(text, "none")
        for text in PERSON_PRONOUNS:
            self._add(text, "anaphor", code="person")
        for text in GROUP_ANAPHORS:
            self._add(text, "anaphor", code="group")
        self._add("it", "anaphor", code="speaker")  # only after a speech verb: "Interpol said it will send"
        for first, names in self._by_first.items():
            by_length: dict[int, dict[tuple[str, ...], list[Name]]] = {}
            for name in names:  # in codebook order within a name: the first entry read wins a tie
                by_length.setdefault(len(name.norms), {}).setdefault(name.norms, []).append(name)
            self._index[first] = tuple((n, {k: tuple(v) for k, v in by_length[n].items()})
                                       for n in sorted(by_length, reverse=True))
            self._seconds[first] = frozenset(name.norms[1] for name in names if len(name.norms) > 1)
        self._by_first = {}

    def _add(self, text: str, kind: Kind, code: str = "", actor: ActorCodes | None = None, modifier: bool = False) -> None:
        norms = phrase_norms(text)
        if not norms:
            return
        exact = tuple(text.split()) if text.isupper() and len(text.replace(".", "")) <= 5 else None
        modifier = modifier or (exact is not None and kind == "country")
        self._by_first.setdefault(norms[0], []).append(Name(norms, kind, code, actor, exact, modifier))

    def _add_inflected(self, noun: str, sector: str) -> None:
        """Agents match in the plural too: the last word of "foreign minister" is inflected, but only
        to its plural: "the government outlawed", "policing" are verbs, not agents. A noun written
        "=police" has no plural: "the US polices the region" is a verb."""
        exact = noun.startswith("=")
        norms = phrase_norms(noun[1:] if exact else noun)
        plurals = [] if not norms else [norms[-1]] if exact else \
            [f for f in inflections(norms[-1]) if f == norms[-1] or f.endswith("s")]
        for last in plurals:
            self._by_first.setdefault(norms[0] if len(norms) > 1 else last, []).append(
                Name((*norms[:-1], last), "agent", sector))

    def longest_at(self, tokens: tuple[Token, ...], i: int, state: DocumentState,
                   norms: tuple[str, ...] | None = None) -> Name | None:
        """The longest name whose words stand at token i and that counts there; `norms` (the tokens'
        norms) saves building them again when a caller walks a whole sentence."""
        entries = self._index.get(tokens[i].norm)
        if entries is None:
            return None
        if norms is None:
            norms = tuple(t.norm for t in tokens)
        seconds = self._seconds.get(norms[i])
        longer = seconds is not None and i + 1 < len(norms) and norms[i + 1] in seconds
        for n, names in entries:
            if i + n > len(norms) or (n > 1 and not longer):
                continue
            found = names.get(norms[i:i + n])
            if found:
                for name in found:
                    if self._fits(name, tokens, i, n, state):
                        return name
        return None

    @staticmethod
    def _fits(name: Name, tokens: tuple[Token, ...], i: int, n: int, state: DocumentState) -> bool:
        """Whether a name whose words stand at i counts here: spelling, seen full name, date, capital."""
        if name.exact is not None and tuple(t.text for t in tokens[i:i + n]) != name.exact:
            return False
        actor = name.actor
        if actor is not None and name.kind == "short" and actor.key not in state.seen:
            return False
        if actor is not None and actor.code_at(state.date) is None:
            return False  # another entry with this name may cover the date
        # a capital anywhere in the first word: "Turkey", "TURKEY", a slip such as "iSrael"; not "turkey"
        return not (name.kind in _PROPER and not any(c.isupper() for c in tokens[i].text))


@dataclass
class _Unit:
    """A mention being assembled from adjacent names: country, agent, actor."""

    start: int
    end: int
    country: str = ""
    agent: str = ""
    actor: Member | None = None
    refers: str = ""
    modifier: bool = False
    agent_first: bool = False      # "lawmakers in X": the agent came before its country
    proper: set[int] = field(default_factory=set)
    prefix: str = ""               # a prefix agent's code before the country: "MSF Arnor" -> NGO + ARN

    # Written out, not made by @dataclass: a compiled build (hatch_build.py) then builds it natively.
    def __init__(self, start: int, end: int, country: str = "", agent: str = "", actor: Member | None = None,
                 refers: str = "", modifier: bool = False, agent_first: bool = False,
                 proper: set[int] | None = None, prefix: str = "") -> None:
        self.start, self.end, self.country, self.agent, self.actor = start, end, country, agent, actor
        self.refers, self.modifier, self.agent_first = refers, modifier, agent_first
        self.proper = proper if proper is not None else set()
        self.prefix = prefix

    def members(self, tokens: tuple[Token, ...]) -> tuple[Member, ...]:
        text = " ".join(t.text for t in tokens[self.start:self.end])
        if self.actor is not None:
            composed = self.country + self.agent if self.country and self.agent else ""
            if composed.startswith(self.actor.code) and len(composed) > len(self.actor.code):
                # "Bree Prime Minister Romendacil", Romendacil coded BRE: the title says more
                return (Member(composed, text, self.actor.person),)
            if self.actor.person or not self.agent:
                return (Member(self.actor.code, text, self.actor.person),)
            code = self.actor.code if self.actor.code.endswith(self.agent) else self.actor.code + self.agent
            return (Member(code, text),)
        if self.agent.endswith("~"):  # a prefix agent: "IGO~" + SDN -> IGOSDN
            return (Member(self.prefix + self.agent[:-1] + (self.country or "---"), text),)
        if self.country or self.agent:
            return (Member(self.prefix + (self.country or "---") + self.agent, text),)
        return ()


def find_mentions(sentence: Sentence, index: ActorIndex, state: DocumentState) -> tuple[Mention, ...]:
    """The sentence's actor mentions, left to right; updates the document state as it reads."""
    tokens = sentence.tokens
    norms = sentence.norms
    units: list[_Unit] = []
    names = index._index
    i = 0
    while i < len(tokens):
        if norms[i] not in names:   # most words begin no name
            i += 1
            continue
        name = index.longest_at(tokens, i, state, norms)
        if name is None:
            i += 1
            continue
        end = i + len(name.norms)
        _place(name, i, end, tokens, units, state)
        i = end
    return tuple(_resolve_pronouns(_compounds(units, tokens), state, tokens))


def _resolve_pronouns(mentions: list[Mention], state: DocumentState, tokens: tuple[Token, ...]) -> list[Mention]:
    """Pronouns take the last person or compound read so far, in this sentence or an earlier one;
    right after a speech verb ("X said it would", "X claimed that they had") they are the speaker."""
    out: list[Mention] = []
    named_at = None   # where, in this sentence, the mention that named state.last_person ends
    for m in mentions:
        if m.refers:
            speaker = _speaker(m, out, tokens)
            person = state.last_person
            if (tokens[m.start].norm == "him" and named_at is not None and state.prior_person is not None
                    and not any(t.norm in _CLAUSE_LINKS for t in tokens[named_at:m.start])):
                person = state.prior_person   # "Xi praised him": the object is not the clause's own subject
            members = (speaker.members if speaker is not None
                       else (person,) if m.refers == "person" and person
                       else state.last_group if m.refers == "group" else ())
            if not members:
                continue
            m = Mention(m.start, m.end, tuple(members), m.proper, refers=m.refers)
        else:
            people = [x for x in m.members if x.person]
            if people:
                if state.last_person is not None and people[-1].code != state.last_person.code:
                    state.prior_person = state.last_person
                state.last_person, named_at = people[-1], m.end
            if len(m.members) > 1:
                state.last_group = m.members
        out.append(m)
    return out


# Between a person and "him", these start another clause, where "him" may be that person again.
_CLAUSE_LINKS = frozenset(", ; : and but or that who which when after before because while as if".split())


def _speaker(pronoun: Mention, before: list[Mention], tokens: tuple[Token, ...]) -> Mention | None:
    """The mention that speaks in "X said (that) it/they/he ...", or None."""
    q = pronoun.start - 1
    reach = 3
    if q >= 0 and tokens[q].norm == "that":
        q -= 1
        if q >= 0 and tokens[q].norm in SPEECH_NOUNS:
            reach = 5   # "X issued a stern warning that it would ...": the speaker is X
    if (q < 0 or tokens[pronoun.start].norm not in ("it", "they", "he", "she")
            or tokens[q].norm not in (SPEECH_NOUNS if reach == 5 else SPEECH_VERBS)):
        return None
    earlier = [m for m in before if m.end <= q]
    return earlier[-1] if earlier and q - earlier[-1].end <= reach else None


def _place(name: Name, start: int, end: int, tokens: tuple[Token, ...], units: list[_Unit], state: DocumentState) -> None:
    """Add a name to the last unit if it composes with it, else start a new unit."""
    last = units[-1] if units else None
    if name.kind == "none":
        return
    if name.kind == "anaphor":
        units.append(_Unit(start, end, refers=name.code))
        return
    if name.kind in ("actor", "short", "country"):
        proper = set(range(start, end))
    if name.kind in ("actor", "short") and name.actor is not None:
        actor = name.actor
        code = actor.code_at(state.date)
        if name.kind == "actor":
            state.seen.add(actor.key)
        if code is None:
            return
        member = Member(code, "", actor.person)
        if last and not last.actor and not last.refers and (last.country or last.agent) and _joins(last, start, tokens, 0):
            last.actor, last.end = member, end
            last.proper |= proper
        elif (last and last.agent and not last.country and not last.actor and not last.refers and not member.person
              and _of_link(last.end, start, tokens)):
            last.actor, last.end, last.agent_first = member, end, True  # "activists of Amnesty International"
            last.proper |= proper
        else:
            units.append(_Unit(start, end, actor=member, proper=proper))
        return
    if name.kind == "agent":
        if last and last.agent and not last.actor and not last.refers and _joins(last, start, tokens, 0):
            last.end = end  # "U.S. Army soldiers", "Foreign Ministry spokesman": the first agent rules
            return
        if last and not last.agent and not last.refers and (last.country or (last.actor and not last.actor.person)) \
                and _joins(last, start, tokens, 2):
            last.agent, last.end = name.code, end
            return
        unit = _Unit(start, end, agent=name.code)
        units.append(unit)
        return
    # a country name, adjective or capital
    if last and last.country == name.code and not last.actor and not last.refers and last.end == start:
        last.end = end  # "Bree Prime Minister Romendacil", where the dictionary codes Romendacil as BRE
        last.proper |= proper
        return
    if last and last.country and last.agent and not last.actor and not last.refers and last.end == start \
            and not name.modifier and tokens[start - 1].text.islower():
        # a name right after a country's title names the title's holder: "Ithilen's minister
        # Calimehtar", where the dictionary lists Calimehtar under another country
        last.end = end
        last.proper |= proper
        return
    if last and last.agent and not last.country and not last.actor and _of_link(last.end, start, tokens):
        last.country, last.end, last.agent_first = name.code, end, True
        last.proper |= proper
        return
    if last and last.agent.endswith("~") and not last.country and not last.actor and not last.refers \
            and last.end == start and tokens[start - 1].norm not in _MODIFIER_STOP:
        # a prefix agent right before a country: "MSF Arnor" -> NGOARN; an agent may follow ("MSF Arnor
        # diplomat"). One ending in a preposition ("observers in") leaves the country a place or a target.
        last.prefix, last.agent, last.country, last.end = last.agent[:-1], "", name.code, end
        last.proper |= proper
        return
    units.append(_Unit(start, end, country=name.code, proper=proper, modifier=name.modifier))


def _joins(last: _Unit, start: int, tokens: tuple[Token, ...], modifiers: int) -> bool:
    """Whether a name at `start` continues `last`: adjacent, after "'s", or after a few modifiers."""
    gap = tokens[last.end:start]
    possessive = bool(gap) and gap[0].norm == "'s"
    if possessive:
        gap = gap[1:]  # "France's conservative government"
    if not gap:
        return True
    if not (possessive or last.modifier) and not all(t.norm in _TITLE_MODIFIERS for t in gap):
        return False  # "Germany pledged military aid": a verb, not a modifier, stands between
    if possessive and len(gap) == 3 and modifiers >= 2 and gap[1].norm in ("and", "or"):
        gap = gap[:1] + gap[2:]  # "Ithilen's awful and evil minister": two modifiers joined
    return len(gap) <= modifiers and all(t.norm not in _MODIFIER_STOP and t.norm.replace("-", "").isalpha() for t in gap)


def _of_link(end: int, start: int, tokens: tuple[Token, ...]) -> bool:
    """"minister of China", "the government of the People's Republic of China", "a court in Guyana",
    "dissidents from military-ruled Myanmar", "the mayor of the northern West Bank"."""
    link = [t.norm for t in tokens[end:start]]
    if len(link) > 1 and link[1] == "the":
        del link[1]
    if len(link) == 2 and link[1].replace("-", "").isalpha() and link[1] not in _MODIFIER_STOP \
            and tokens[end + len(tokens[end:start]) - 1].text.islower():
        del link[1]
    return link in (["of"], ["in"], ["from"])


def _compounds(units: list[_Unit], tokens: tuple[Token, ...]) -> list[Mention]:
    """Join "A, B and C" and "A and B" into one mention; "A [B]" and "A (B)" appositions stay A."""
    out: list[Mention] = []
    i = 0
    while i < len(units):
        head = units[i]
        if head.refers:
            out.append(Mention(head.start, head.end, (), refers=head.refers))
            i += 1
            continue
        end, j = head.end, i + 1
        while j < len(units) and _bracketed(end, units[j], tokens):
            end, j = units[j].end + 1, j + 1
        chain: list[tuple[list[str], _Unit]] = []
        while j + len(chain) < len(units):
            unit = units[j + len(chain)]
            if unit.refers or unit.start - (chain[-1][1].end if chain else end) > _LONGEST_LINK:
                break
            link = _bare_link([t for t in tokens[(chain[-1][1].end if chain else end):unit.start]])
            if link not in ([","], ["and"], [",", "and"], ["&"]):
                break
            if link == [",", "and"] and any("and" in earlier for earlier, _ in chain):
                break  # "between A and B, and C and D": the first list is over
            chain.append((link, unit))
        # a comma list counts only when it ends with "and": "A, B and C", not "A attacked B, C said"
        while chain and "and" not in chain[-1][0] and "&" not in chain[-1][0]:
            chain.pop()
        members: list[Member] = []
        proper: set[int] = set()
        for unit in _distribute_agent([head, *(u for _, u in chain)]):
            members.extend(m for m in unit.members(tokens) if m not in members)
            proper |= unit.proper
        if chain:
            end, j = chain[-1][1].end, j + len(chain)
        if members:
            bare = head.modifier and not head.agent and not head.actor and not chain
            out.append(Mention(head.start, end, tuple(members), frozenset(proper), modifier=bare))
        i = j
    return out


def _distribute_agent(units: list[_Unit]) -> list[_Unit]:
    """One agent for a list of countries: "US and British activists" (the last member's agent goes to
    the bare adjectives before it), "lawmakers in Iran and Iraq" (the first member's to the countries after it);
    one country for a list of agents: "Danish media and government"."""
    def with_agent(u: _Unit, agent: str) -> _Unit:
        return _Unit(u.start, u.end, country=u.country, agent=agent, proper=u.proper)

    first, last = units[0], units[-1]
    if len(units) < 2:
        return units
    if first.country and any(u.agent and not u.country and not u.actor for u in units[1:]):
        # "Danish media and government": the bare agents take the first member's country
        units = [first] + [_Unit(u.start, u.end, country=first.country, agent=u.agent, proper=u.proper)
                           if u.agent and not u.country and not u.actor else u for u in units[1:]]
    if first.agent_first:
        return [first] + [with_agent(u, first.agent) if u.country and not u.agent and not u.actor else u
                          for u in units[1:]]
    if last.agent and last.country:
        return [with_agent(u, last.agent) if u.modifier and not u.agent and not u.actor else u
                for u in units[:-1]] + [last]
    return units


_LONGEST_LINK = 6   # ", and the" and three adjectives: members further apart are no list


def _bare_link(gap: list[Token]) -> list[str]:
    """The words between two list members, less a determiner and its adjectives: "and the European
    Union", "and the evil awful Gondor" -> ["and"]. Without "the" a lower-case word may be a verb."""
    norms = [t.norm for t in gap]
    for cut in range(len(norms) - 1, max(len(norms) - 4, 0) - 1, -1):
        if norms[cut] == "the" and all(t.text.isalpha() and t.text.islower() and t.norm not in _MODIFIER_STOP
                                       for t in gap[cut + 1:]):
            return norms[:cut]
    return norms


def _bracketed(end: int, unit: _Unit, tokens: tuple[Token, ...]) -> bool:
    return (unit.start == end + 1 and tokens[end].norm in ("(", "[")
            and unit.end < len(tokens) and tokens[unit.end].norm in (")", "]"))
