"""coder eval: accuracy against a gold file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from coder.cli.common import CodebookOption, fail, make_coder
from coder.errors import CoderError
from coder import evaluate as ev


def evaluate(
    gold: Annotated[Path, typer.Argument(metavar="GOLD", help="Gold JSONL (records with text+events, text+penta, or doc+sentence_starts) or a PETRARCH unit-test XML file.", show_default=False)],
    codebook: CodebookOption = None,
    docs: Annotated[Optional[list[Path]], typer.Option("--docs", metavar="PATH", help="Story files or folders, for story-level gold (default: samples/).")] = None,
    show: Annotated[bool, typer.Option("--show", metavar="", help="List each record's missed and extra events (country pair + root).")] = False,
) -> None:
    """Code a gold file's texts and print precision, recall and F1 (or class accuracy)."""
    coder = make_coder(codebook)
    try:
        rows = ev.read_gold(gold)
        kind = ev.gold_kind(rows)
        if kind == "events":
            typer.echo(_event_report(ev.evaluate_events(coder, rows), show))
        elif kind == "records":
            typer.echo(_records_report(ev.evaluate_records(coder, rows), show))
        elif kind == "class":
            typer.echo(_class_report(ev.evaluate_classes(coder, rows), show))
        else:
            typer.echo(_story_report(ev.evaluate_story(coder, rows, docs or [Path("samples")])))
    except CoderError as exc:
        raise fail(f"{gold}: {exc}" if not str(exc).startswith(str(gold)) else str(exc)) from None
    except KeyError as exc:
        raise fail(f"{gold}: a record lacks the field {exc.args[0]!r}") from None


def _event_report(report: ev.EventReport, show: bool = False) -> str:
    lines = [f"records: {report.records}", f"{'level':<22}{'precision':>10}{'recall':>8}{'F1':>8}{'tp':>6}{'pred':>6}{'gold':>6}"]
    for level, s in report.scores.items():
        lines.append(f"{level:<22}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>8.3f}{s.true_positives:>6}{s.predicted:>6}{s.gold:>6}")
    if show:
        lines.append("")
        for doc_id, text, missed, extra in report.differences:
            lines.append(f"{doc_id}: {text[:100]}")
            lines += [f"  missed: {' '.join(k)}" for k in missed] + [f"  extra:  {' '.join(k)}" for k in extra]
    return "\n".join(lines)


def _records_report(report: ev.RecordReport, show: bool = False) -> str:
    total, passed = sum(report.total.values()), sum(report.passed.values())
    lines = [f"{'category':<12}{'passed':>8}{'records':>9}{'rate':>8}"]
    for category in sorted(report.total):
        p, n = report.passed.get(category, 0), report.total[category]
        lines.append(f"{category:<12}{p:>8}{n:>9}{p / n:>8.1%}")
    lines.append(f"{'all':<12}{passed:>8}{total:>9}{passed / (total or 1):>8.1%}")
    if show:
        for rid, text, expected, got in report.failures:
            lines += ["", f"{rid}: {text[:110]}", f"  expected: {sorted(expected, key=str)}", f"  got:      {sorted(got, key=str)}"]
    return "\n".join(lines)


CLASSES = ("statement", "verbal coop", "material coop", "verbal conflict", "material conflict")


def _class_report(report: ev.ClassReport, show: bool = False) -> str:
    n = report.sentences or 1
    lines = [
        f"sentences: {report.sentences}",
        f"coded:     {report.coded} ({report.coded / n:.1%})",
        f"class accuracy, all sentences (uncoded = wrong): {report.correct / n:.3f}",
        f"class accuracy, coded sentences: {report.correct / (report.coded or 1):.3f}",
        "",
        "gold class (rows) by coded class (columns):",
        f"{'':<20}" + "".join(f"{c:>8}" for c in ("0", "1", "2", "3", "4", "none")) + f"{'recall':>9}",
    ]
    for g, name in enumerate(CLASSES):
        row = [report.confusion[(g, p)] for p in (0, 1, 2, 3, 4, None)]
        lines.append(f"{g} {name:<18}" + "".join(f"{x:>8}" for x in row) + f"{row[g] / (sum(row) or 1):>9.3f}")
    precision = [report.confusion[(p, p)] / (sum(report.confusion[(g, p)] for g in range(5)) or 1) for p in range(5)]
    lines.append(f"{'precision':<20}" + "".join(f"{x:>8.3f}" for x in precision))
    if show:
        lines.append("")
        lines += [f"{rid}: gold {gold}, coded {code or 'nothing'} [{rule or '-'}]: {text[:120]}"
                  for rid, text, gold, code, rule in report.wrong]
    return "\n".join(lines)


def _story_report(report: ev.StoryReport) -> str:
    lines = [
        f"required events found: {report.required_found} of {report.required}",
        f"emitted events in gold: {report.emitted_in_gold} of {report.emitted} "
        f"({report.emitted_in_gold / (report.emitted or 1):.1%})",
    ]
    lines += [f"  missing: {r['source']} -> {r['target']} {r['code']}  ({r['sentence_starts'][:40]}...)" for r in report.missing]
    lines += [f"  extra:   {e.source} -> {e.target} {e.code}  [{e.rule_id}] sentence {e.sentence}" for e in report.extra]
    return "\n".join(lines)
