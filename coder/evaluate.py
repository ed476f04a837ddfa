"""Accuracy against hand-coded gold files: precision, recall and F1 at three levels, or 5-way class accuracy."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from coder.errors import InputError
from coder.events import Event
from coder.io.readers import read_story
from coder.pipeline import Coder
from coder.text.dateline import BadDate, parse_date
from coder.text.records import Document, DocumentError
from coder.text.tokenize import normalize

LEVELS = ("root", "country pair + root", "full")


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EventReport:
    """Scores of a sentence-level gold file (records with text and events)."""

    records: int = 0
    scores: dict[str, Score] = field(default_factory=lambda: {level: Score() for level in LEVELS})
    differences: list[tuple[str, str, list, list]] = field(default_factory=list)  # id, text, missed, extra


@dataclass
class ClassReport:
    """Coverage and 5-way class accuracy (statement, verbal/material cooperation, verbal/material conflict)."""

    sentences: int = 0
    coded: int = 0
    correct: int = 0
    confusion: Counter = field(default_factory=Counter)        # (gold class, predicted class or None) -> n
    wrong: list[tuple[str, str, int, str | None, str | None]] = field(default_factory=list)  # id, text, gold, code, rule


@dataclass
class StoryReport:
    """Story-level gold: required events found, and the share of emitted events that are in the gold list."""

    required: int = 0
    required_found: int = 0
    emitted: int = 0
    emitted_in_gold: int = 0
    missing: list[dict] = field(default_factory=list)
    extra: list[Event] = field(default_factory=list)


@dataclass
class RecordReport:
    """PETRARCH-style unit-test records: a record passes when its set of (source, target, code) is exactly
    the expected set; pass counts by record category, and the records that failed."""

    passed: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    failures: list[tuple[str, str, set, set]] = field(default_factory=list)  # id, text, expected, got


def read_petrarch_records(path: Path) -> list[dict]:
    """<Sentence id category date> records with <Text> and <EventCoding> of a PETRARCH validation file."""
    import xml.etree.ElementTree as ET

    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise InputError(f"{path}: not a readable PETRARCH records file ({exc})") from None
    records = []
    for sentence in root.iter("Sentence"):
        text = " ".join((sentence.findtext("Text") or "").split())
        # PETRARCH writes an event with no target as target "---"; coder's is a null target
        expected = {(c.get("sourcecode"), c.get("targetcode") if c.get("targetcode") not in (None, "", "---") else None,
                     c.get("eventcode")) for c in sentence.findall("EventCoding") if c.get("eventcode")}
        raw = sentence.get("date", "")
        date = f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}" if len(raw) == 8 and raw.isdigit() else None
        records.append({"id": sentence.get("id", ""), "category": sentence.get("category", ""),
                        "date": date, "text": text, "expected": expected})
    if not records:
        raise InputError(f"{path}: no <Sentence> records")
    if not any(sentence.find("EventCoding") is not None for sentence in root.iter("Sentence")):
        raise InputError(f"{path}: no <EventCoding> in any record: this is input text, not a gold file")
    return records


def evaluate_records(coder: Coder, records: Iterable[dict]) -> RecordReport:
    report = RecordReport()
    for r in records:
        doc = Document(r["id"] or "record", _date_or_none(r["date"]), r["text"])
        got = {(e.source, e.target, e.code) for e in coder.code_document(doc).events}
        category = r["category"]
        report.total[category] = report.total.get(category, 0) + 1
        if got == r["expected"]:
            report.passed[category] = report.passed.get(category, 0) + 1
        else:
            report.failures.append((r["id"], r["text"], r["expected"], got))
    return report


def read_gold(path: Path) -> list[dict]:
    if path.suffix.lower() == ".xml":
        return read_petrarch_records(path)
    rows = []
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    try:
                        rows.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise InputError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read gold file ({exc})") from None
    if not rows:
        raise InputError(f"{path}: gold file is empty")
    return rows


def gold_kind(rows: list[dict]) -> str:
    first = rows[0]
    if "expected" in first and "category" in first:
        return "records"
    if "sentence_starts" in first:
        return "story"
    if "penta" in first:
        return "class"
    if "events" in first and "text" in first:
        return "events"
    raise InputError("unknown gold format: expected records with text+events, text+penta, or doc+sentence_starts")


def _keys(source: str, target: str | None, code: str) -> dict[str, tuple]:
    root = code[:2]
    return {
        "root": (root,),
        "country pair + root": (source[:3], (target or "")[:3], root),
        "full": (source, target or "", code),
    }


def _date_or_none(value) -> object:
    try:
        return parse_date(value) if value else None
    except BadDate:
        return None


def evaluate_events(coder: Coder, rows: Iterable[dict]) -> EventReport:
    report = EventReport()
    for row in rows:
        report.records += 1
        doc = Document(str(row["id"]), _date_or_none(row.get("date")), row["text"])
        predicted = coder.code_document(doc).events
        for level, score in report.scores.items():
            gold = Counter(_keys(e["source"], e.get("target"), e["code"])[level] for e in row["events"])
            found = Counter(_keys(e.source, e.target, e.code)[level] for e in predicted)
            score.true_positives += sum((gold & found).values())
            score.gold += sum(gold.values())
            score.predicted += sum(found.values())
            if level == "country pair + root" and gold != found:
                report.differences.append((doc.doc_id, doc.text, sorted((gold - found).elements()),
                                           sorted((found - gold).elements())))
    return report


def penta_class(code: str) -> int:
    root = int(code[:2])
    return 0 if root == 1 else 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def evaluate_classes(coder: Coder, rows: Iterable[dict]) -> ClassReport:
    """The first event of a sentence (in text order) gives its class; uncoded sentences count as wrong."""
    report = ClassReport()
    for row in rows:
        report.sentences += 1
        events = coder.code_document(Document(str(row["id"]), None, row["text"])).events
        predicted = penta_class(events[0].code) if events else None
        report.confusion[(row["penta"], predicted)] += 1
        if events:
            report.coded += 1
            report.correct += predicted == row["penta"]
        if predicted != row["penta"]:
            report.wrong.append((str(row["id"]), row["text"], row["penta"], events[0].code if events else None,
                                 events[0].rule_id if events else None))
    return report


def evaluate_story(coder: Coder, rows: list[dict], docs: list[Path]) -> StoryReport:
    report = StoryReport()
    for doc_id in dict.fromkeys(r["doc"] for r in rows):
        story = _find_story(doc_id, docs)
        doc = read_story(story)
        if isinstance(doc, DocumentError):
            raise InputError(str(doc))
        events = coder.code_document(doc).events
        starts = _sentence_index(doc, [r for r in rows if r["doc"] == doc_id], coder)
        _score_story([r for r in rows if r["doc"] == doc_id], events, starts, report)
    return report


def _find_story(doc_id: str, docs: list[Path]) -> Path:
    for place in docs:
        candidate = place if place.is_file() else place / f"{doc_id}.txt"
        if candidate.is_file() and candidate.stem == doc_id:
            return candidate
    raise InputError(f"story {doc_id!r} not found: pass its file or folder with --docs")


def _sentence_index(doc: Document, rows: list[dict], coder: Coder) -> dict[str, int]:
    from coder.text.split import split_sentences

    sentences = split_sentences(doc)
    out = {}
    for row in rows:
        start = normalize(row["sentence_starts"])
        match = [s.index for s in sentences if normalize(s.text).startswith(start)]
        if not match:
            raise InputError(f"gold sentence {row['sentence_starts']!r} not found in story {doc.doc_id!r}")
        out[row["sentence_starts"]] = match[0]
    return out


def _story_matches(row: dict, event: Event) -> bool:
    roots = {row["code"][:2], *(c[:2] for c in row.get("acceptable_codes", []))}
    return (event.source[:3] == row["source"][:3] and (event.target or "")[:3] == (row["target"] or "")[:3]
            and event.root_code in roots)


def _score_story(rows, events, starts, report: StoryReport) -> None:
    for row in rows:
        if row.get("required"):
            report.required += 1
            if any(e.sentence == starts[row["sentence_starts"]] and _story_matches(row, e) for e in events):
                report.required_found += 1
            else:
                report.missing.append(row)
    for event in events:
        report.emitted += 1
        if any(event.sentence == starts[r["sentence_starts"]] and _story_matches(r, event) for r in rows):
            report.emitted_in_gold += 1
        else:
            report.extra.append(event)
