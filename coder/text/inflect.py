"""Inflections of base forms, so that codebook authors write "back" and match backs, backed, backing."""

from __future__ import annotations

from functools import lru_cache

# Closed-class words keep their one form.
_FIXED = frozenset(
    "a an the of to in on at by for with from into onto over under about against between among "
    "and or nor but if than as that this these those there here its his her their our your my "
    "he she it they we you i him them us me who whom whose which what not no never n't 's "
    "will would shall should can could may might must do does did has have had be am is are was "
    "were been being per via amid during after before since until while "
    "each both all any some other another such more most less least very also still".split()
)
_IRREGULAR = {
    "be": ("am", "is", "are", "was", "were", "been", "being"),
    "have": ("has", "had", "having"),
    "do": ("does", "did", "done", "doing"),
    "go": ("goes", "went", "gone", "going"),
}
_IRREGULAR_PAST = {
    "meet": "met", "hold": "held", "give": "gave given", "take": "took taken", "send": "sent",
    "make": "made", "say": "said", "tell": "told", "leave": "left", "keep": "kept", "seek": "sought",
    "bring": "brought", "buy": "bought", "sell": "sold", "fight": "fought", "shoot": "shot",
    "strike": "struck stricken", "break": "broke broken", "speak": "spoke spoken", "steal": "stole stolen",
    "win": "won", "lose": "lost", "lead": "led", "feel": "felt", "find": "found", "hit": "hit",
    "put": "put", "set": "set", "cut": "cut", "let": "let", "quit": "quit", "spread": "spread",
    "beat": "beat beaten", "begin": "began begun", "blow": "blew blown", "choose": "chose chosen",
    "come": "came", "draw": "drew drawn", "drive": "drove driven", "eat": "ate eaten", "fall": "fell fallen",
    "fly": "flew flown", "forbid": "forbade forbidden", "forgive": "forgave forgiven", "freeze": "froze frozen",
    "get": "got gotten", "grow": "grew grown", "hang": "hung hanged", "hide": "hid hidden", "know": "knew known",
    "lay": "laid", "pay": "paid", "ride": "rode ridden", "rise": "rose risen", "run": "ran",
    "see": "saw seen", "shake": "shook shaken", "show": "showed shown", "sink": "sank sunk",
    "stand": "stood", "swear": "swore sworn", "teach": "taught", "tear": "tore torn", "think": "thought",
    "throw": "threw thrown", "understand": "understood", "undertake": "undertook undertaken",
    "withdraw": "withdrew withdrawn", "write": "wrote written", "wake": "woke woken", "bear": "bore borne",
    "bind": "bound", "build": "built", "catch": "caught", "deal": "dealt", "dig": "dug", "flee": "fled",
    "hear": "heard", "hurt": "hurt", "mean": "meant", "overthrow": "overthrew overthrown",
    "oversee": "oversaw overseen", "shut": "shut", "slay": "slew slain", "spend": "spent", "spin": "spun",
    "split": "split", "stick": "stuck", "sting": "stung", "strive": "strove striven", "sweep": "swept",
    "uphold": "upheld", "withhold": "withheld", "rebuild": "rebuilt", "forsee": "foresaw foreseen",
    "foresee": "foresaw foreseen", "mislead": "misled", "undo": "undid undone", "arise": "arose arisen",
    "overcome": "overcame overcome", "become": "became become", "lend": "lent", "sit": "sat",
}
_VOWELS = set("aeiou")


def is_fixed(word: str) -> bool:
    """True for closed-class words, which are not inflected."""
    return word in _FIXED or not word.isalpha()


@lru_cache(maxsize=None)
def inflections(word: str) -> frozenset[str]:
    """The base form and its regular and irregular inflections (verb and noun)."""
    if word in _IRREGULAR:
        return frozenset({word, *_IRREGULAR[word]})
    if is_fixed(word):
        return frozenset({word})
    forms = {word, _third_person(word), *_past(word), *_gerund(word)}
    forms.update(_IRREGULAR_PAST.get(word, "").split())
    if word.endswith("man"):
        forms.add(word[:-3] + "men")  # spokesman -> spokesmen
    return frozenset(forms)


def _third_person(w: str) -> str:
    if w.endswith(("s", "x", "z", "ch", "sh", "o")):
        return w + "es"
    if w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
        return w[:-1] + "ies"
    if w.endswith("fe"):
        return w[:-2] + "ves"
    return w + "s"


def _doubles(w: str) -> bool:
    """Short consonant-vowel-consonant endings double: ban -> banned (plan, stop, commit)."""
    return (
        len(w) >= 3 and w[-1] not in _VOWELS | set("wxy") and w[-2] in _VOWELS and w[-3] not in _VOWELS
    )


def _past(w: str) -> list[str]:
    if w.endswith("e"):
        return [w + "d"]
    if w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
        return [w[:-1] + "ied"]
    forms = [w + "ed"]
    if _doubles(w):
        forms.append(w + w[-1] + "ed")
    return forms


def _gerund(w: str) -> list[str]:
    if w.endswith("ie"):
        return [w[:-2] + "ying"]
    if w.endswith("e") and not w.endswith(("ee", "ye", "oe")):
        return [w[:-1] + "ing"]
    forms = [w + "ing"]
    if _doubles(w):
        forms.append(w + w[-1] + "ing")
    return forms
