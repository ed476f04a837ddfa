"""coder explain: why a sentence was coded as it was."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from coder.cli.common import CodebookOption, fail, make_coder
from coder.errors import CoderError


def explain(
    text: Annotated[Optional[str], typer.Argument(metavar="SENTENCE", help="The text to explain.", show_default=False)] = None,
    date: Annotated[Optional[str], typer.Option("--date", metavar="YYYY-MM-DD", help="The story's date (actor codes depend on it).")] = None,
    doc: Annotated[Optional[Path], typer.Option("--doc", metavar="FILE", help="Explain a .txt story instead (its dateline gives the date).")] = None,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Machine-readable output.")] = False,
    every: Annotated[bool, typer.Option("--all", metavar="", help="Also list the patterns that were tried and did not match.")] = False,
    codebook: CodebookOption = None,
) -> None:
    """Show tokens, actor mentions, the patterns tried (rule id, YAML file:line, outcome) and the events."""
    from coder.explain import explain as run
    from coder.io.readers import read_story
    from coder.text.records import DocumentError

    if (text is None) == (doc is None):
        raise fail("give a SENTENCE or --doc FILE (one of them)")
    coder = make_coder(codebook)
    try:
        if doc is not None:
            story = read_story(doc)
            if isinstance(story, DocumentError):
                raise fail(str(story))
            text, date = story.text, story.date.isoformat() if story.date else date
        sentences = run(coder, text, date)
    except CoderError as exc:
        raise fail(str(exc)) from None
    except ValueError as exc:
        raise fail(str(exc)) from None
    if as_json:
        typer.echo(json.dumps([s.as_dict() for s in sentences], indent=2, ensure_ascii=False))
        return
    text = "\n".join(_human(s, every) for s in sentences)
    if sys.stdout.isatty() and not os.environ.get("NO_COLOR"):
        _print_rich(text)
    else:
        typer.echo(text)


_STYLES = (("sentence ", "bold"), ("    + ", "green"), ("    ~ ", "yellow"), ("    - ", "red"),
           ("  events:", "bold"), ("  actor:", "cyan"), ("      ", "dim"))


def _print_rich(text: str) -> None:
    """The human view with colour on a terminal: matches that coded green, set aside yellow, failed red."""
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True)
    for line in text.splitlines():
        style = next((st for prefix, st in _STYLES if line.startswith(prefix)), "")
        console.print(Text(line, style=style))


def _human(s, every: bool) -> str:
    lines = [f"sentence {s.index}: {s.text}", "  tokens:  " + " | ".join(s.tokens)]
    for m in s.mentions:
        lines.append(f"  actor:   [{m['start']}-{m['end']}] {m['text']!r} -> {', '.join(m['codes'])}"
                     + ("  (pronoun)" if m["pronoun"] else ""))
        lines += [f"      {e['kind']} {e['words']!r} {e['code']}" + (f"   {e['file']}:{e['line']}" if e["file"] else "")
                  for e in m.get("entries", ())]
    if not s.mentions:
        lines.append("  actors:  none found")
    if s.skipped:
        return "\n".join(lines + [f"  skipped: {s.skipped}"])
    tried = [a for a in s.attempts if every or a.outcome == "matched"]
    lines.append(f"  patterns ({len(s.attempts)} tried, {sum(a.outcome == 'matched' for a in s.attempts)} matched):")
    for a in tried:
        mark = "+" if a.kept else ("~" if a.outcome == "matched" else "-")
        roles = f"{'+'.join(a.source or ['?'])} -> {'+'.join(a.target or ['(none)'])}" if a.outcome == "matched" else a.outcome
        lines.append(f"    {mark} {a.rule_id} [{a.code}]{' (fallback)' if a.fallback else ''} at {a.anchor!r}: {roles}")
        lines.append(f"        {a.pattern}   {a.file}:{a.line}")
    lines.append("  events:" if s.events else "  events:  none")
    lines += [f"    {e.source} -> {e.target or '(none)'}  {e.code}  [{e.rule_id}]" for e in s.events]
    return "\n".join(lines)
