"""coder codebook ...: commands for codebook authors (import)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from coder.cli.common import fail
from coder.errors import CodebookError, CoderError

app = typer.Typer(help="Work with codebooks: list, validate, lint, test, diff, stats, show, schema, import other coders' dictionaries.", no_args_is_help=True,
                  context_settings={"help_option_names": ["-h", "--help"]})
import_app = typer.Typer(help="Import dictionaries of other coders into a coder codebook folder.", no_args_is_help=True,
                         context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(import_app, name="import")

FileList = Optional[list[Path]]


@app.command("validate")
def validate(
    paths: Annotated[Optional[list[Path]], typer.Argument(metavar="[DIR]...", help="Codebook folders (default: the shipped one).", show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print the problems as a JSON list (file, line, col, code, path, message, fix).")] = False,
) -> None:
    """Check a codebook and list every problem as file:line:col: \\[code] key.path: message (fix: ...). Exit 1 if any."""
    import json

    from coder.codebook.load import load_codebook

    try:
        book = load_codebook(paths or None)
    except CodebookError as exc:
        if as_json:
            typer.echo(json.dumps([{"file": p.file, "line": p.line, "col": p.col, "code": p.code, "path": p.path,
                                    "message": p.message, "fix": p.fix} for p in exc.problems], indent=1))
        else:
            for problem in exc.problems:
                typer.echo(str(problem))
        typer.echo(f"{len(exc.problems)} problem(s); the codes are explained in docs/codebook.md", err=True)
        raise typer.Exit(1) from None
    if as_json:
        typer.echo("[]")
        return
    typer.echo(f"ok: {book.info.name} {book.info.version}: {len(book.categories)} categories, {len(book.patterns)} "
               f"patterns, {len(book.countries)} countries, {len(book.actors)} actors, "
               f"{sum(len(v) for v in book.agents.values())} agent nouns, {len(book.files)} files")


@app.command("lint")
def lint_command(
    paths: Annotated[Optional[list[Path]], typer.Argument(metavar="[DIR]...", help="Codebook folders (default: the shipped one).", show_default=False)] = None,
    strict: Annotated[bool, typer.Option("--strict", metavar="", help="Exit 1 when there are findings.")] = False,
    hand_written: Annotated[bool, typer.Option("--hand-written", metavar="", help="Only findings in files outside imported/ folders.")] = False,
    corpus: Annotated[Optional[list[str]], typer.Option("--corpus", metavar="INPUT", help="Stories to code (as for `coder code`), to find patterns that match too often (L004); repeatable.")] = None,
    too_general: Annotated[float, typer.Option("--too-general", metavar="SHARE", help="With --corpus: report patterns matching in more than this share of sentences.", min=0.0, max=1.0)] = 0.1,
) -> None:
    """Likely mistakes that are not errors: L001 overlapping dates, L002 repeated patterns, L003 unused synonym
    sets, L004 patterns too general for a corpus, L005 actor names that are common words."""
    from collections import Counter

    from coder.codebook.lint import lint

    docs = None
    if corpus:
        from coder.io.readers import read_inputs

        try:
            docs = read_inputs(corpus)
        except CoderError as exc:
            raise fail(str(exc)) from None
    findings = [f for f in lint(_load(paths), docs, too_general) if not (hand_written and "imported" in Path(f.file).parts)]
    for finding in findings:
        typer.echo(str(finding))
    counts = Counter(f.code for f in findings)
    typer.echo(f"{len(findings)} finding(s)" + (": " + ", ".join(f"{c} {n}" for c, n in sorted(counts.items())) if counts else ""),
               err=True)
    if strict and findings:
        raise typer.Exit(1)


@app.command("test")
def test_examples(
    paths: Annotated[Optional[list[Path]], typer.Argument(metavar="[DIR]...", help="Codebook folders (default: the shipped one).", show_default=False)] = None,
) -> None:
    """Run every `examples:` sentence of the codebook; show each failure with the explain view. Exit 1 on failures."""
    from coder.cli.explain import _human
    from coder.codebook.examples import run_examples
    from coder.explain import explain
    from coder.pipeline import Coder

    coder = Coder(_load(paths))
    results = run_examples(coder)
    failed = [r for r in results if not r.passed]
    for r in failed:
        ex = r.example
        typer.echo(f"FAIL {ex.file}:{ex.line}: {ex.text}")
        typer.echo(f"  expected: {sorted(ex.events, key=str)}\n  missing:  {sorted(r.missing, key=str)}")
        for sentence in explain(coder, ex.text, ex.date):
            typer.echo("\n".join("  " + line for line in _human(sentence, False).splitlines()))
    typer.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    if failed:
        raise typer.Exit(1)


@app.command("diff")
def diff(
    old: Annotated[Path, typer.Argument(metavar="OLD", help="The codebook folder before the edit.", show_default=False)],
    new: Annotated[Path, typer.Argument(metavar="NEW", help="The codebook folder after the edit.", show_default=False)],
    corpus: Annotated[Optional[list[str]], typer.Option("--corpus", metavar="INPUT", help="Stories to code with both (as for `coder code`); repeatable.")] = None,
    samples: Annotated[int, typer.Option("--samples", help="Sample sentences per code gained or lost.")] = 3,
    base: Annotated[Optional[list[Path]], typer.Option("--codebook", "-c", metavar="DIR", help="Codebook folders both OLD and NEW extend (repeatable), e.g. -c cameo for a folder of additions.")] = None,
) -> None:
    """What changed between two codebooks, and the events a corpus gains and loses by code."""
    from coder.codebook.diff import diff_codebooks, diff_corpus
    from coder.io.readers import read_inputs
    from coder.pipeline import Coder

    before, after = _load([*(base or []), old]), _load([*(base or []), new])
    d = diff_codebooks(before, after)
    lines = []
    for title, items in (("patterns added", d.patterns_added), ("patterns removed", d.patterns_removed),
                         ("patterns changed", d.patterns_changed), ("actors added", d.actors_added),
                         ("actors removed", d.actors_removed), ("categories changed", d.categories_changed)):
        lines.append(f"{title}: {len(items)}")
        lines += [f"  {item}" for item in items[:50]]
    if corpus:
        try:
            diff_corpus(d, Coder(before), Coder(after), read_inputs(corpus), samples)
        except CoderError as exc:
            raise fail(str(exc)) from None
        lines.append(f"corpus: {d.documents} documents")
        for title, counts, examples in (("events gained", d.gained, d.gained_examples), ("events lost", d.lost, d.lost_examples)):
            lines.append(f"{title}: {sum(counts.values())}" + (" (" + ", ".join(f"{c}: {n}" for c, n in sorted(counts.items())) + ")" if counts else ""))
            for code in sorted(counts):
                shown = [(e, s) for e, s in examples if e.endswith(" " + code)][:samples]
                lines += [f"  {e}   {s[:110]}" for e, s in shown]
    typer.echo("\n".join(lines))


@app.command("list")
def list_codebooks() -> None:
    """The codebooks that can be named with -c NAME: the shipped one and those installed packages publish."""
    from coder.codebook.load import installed_codebooks

    try:
        for name, folder in installed_codebooks().items():
            typer.echo(f"{name}\t{folder}")
    except CodebookError as exc:
        raise fail(str(exc)) from None


@app.command("stats")
def stats(
    codebook: Annotated[Optional[list[Path]], typer.Option("--codebook", "-c", metavar="DIR", help="Codebook folder (repeatable). Default: the shipped one.")] = None,
    top: Annotated[int, typer.Option("--top", help="How many countries to list by number of actors.")] = 20,
) -> None:
    """Counts: patterns by root code (hand-written and fallback), actors by country, agent nouns by sector."""
    from collections import Counter

    book = _load(codebook)
    roots = Counter((p.code[:2], p.fallback) for p in book.patterns)
    lines = [f"{book.info.name} {book.info.version}: {len(book.files)} files", "patterns by root code (main / fallback):"]
    for root in sorted({r for r, _ in roots}):
        name = "blocking (---)" if root == "--" else book.categories[root].name if root in book.categories else ""
        lines.append(f"  {root}  {roots[(root, False)]:>5} / {roots[(root, True)]:<5} {name}")
    countries = Counter(c.code[:3] for a in book.actors for c in a.codes)
    lines.append(f"actors: {len(book.actors)} ({sum(a.kind == 'person' for a in book.actors)} people); "
                 f"countries: {len(book.countries)}; by country of their codes (top {top}):")
    lines += [f"  {code}  {n}" for code, n in countries.most_common(top)]
    lines.append("agent nouns by sector: " + ", ".join(f"{k} {len(v)}" for k, v in sorted(book.agents.items(), key=lambda kv: -len(kv[1]))))
    typer.echo("\n".join(lines))


@app.command("show")
def show(
    code: Annotated[str, typer.Argument(metavar="CODE", help="A CAMEO code, e.g. 042 (a root such as 04 shows the whole family).", show_default=False)],
    codebook: Annotated[Optional[list[Path]], typer.Option("--codebook", "-c", metavar="DIR", help="Codebook folder (repeatable). Default: the shipped one.")] = None,
    fallback: Annotated[bool, typer.Option("--fallback", metavar="", help="Also list fallback (imported) patterns.")] = False,
) -> None:
    """Everything the codebook says about a code: its category and every pattern, with file:line."""
    book = _load(codebook)
    codes = sorted(c for c in book.categories if c == code or (len(code) == 2 and c.startswith(code)))
    if not codes:
        raise fail(f"no category {code!r} in the codebook")
    for c in codes:
        cat = book.categories[c]
        typer.echo(f"{c}  {cat.name}  (Goldstein {cat.goldstein}, quad class {cat.quad_class})")
        if cat.description:
            typer.echo(f"    {cat.description}")
        for p in (p for p in book.patterns if p.code == c and (fallback or not p.fallback)):
            typer.echo(f"    {p.id}: {p.text}{'  [mutual]' if p.mutual else ''}{'  [fallback]' if p.fallback else ''}"
                       f"   {p.file}:{p.line}")


def _load(codebook):
    from coder.codebook.load import load_codebook

    try:
        return load_codebook(codebook or None)
    except CodebookError as exc:
        for problem in exc.problems[:20]:
            typer.echo(f"error: {problem}", err=True)
        hint = ("" if any(_has_info(f) for f in (codebook or [])) else
                "; a folder of additions needs its base codebook with it (cameo, or its folder), as in the tutorial")
        raise fail(f"the codebook has {len(exc.problems)} problem(s){hint if any(p.code == 'C008' for p in exc.problems) else ''}") from None


def _has_info(folder) -> bool:
    """Whether a codebook folder (or file) has the `codebook:` section: a whole codebook, not additions."""
    path = Path(folder)
    files = [path] if path.is_file() else sorted(path.rglob("*.yaml")) if path.is_dir() else []
    return any(line.startswith("codebook:") for f in files for line in f.read_text(errors="replace").splitlines())


@app.command("schema")
def schema() -> None:
    """Print the JSON Schema of a codebook file, for editors (see docs/codebook.md, "Editor support")."""
    import json

    from coder.codebook.schema import CodebookFile

    document = CodebookFile.model_json_schema(by_alias=True)
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "coder codebook file"
    typer.echo(json.dumps(document, indent=2))


@import_app.command("petrarch")
def import_petrarch(
    output: Annotated[Path, typer.Option("--output", "-o", metavar="DIR", help="Codebook folder to write.")],
    verbs: Annotated[FileList, typer.Option("--verbs", metavar="FILE", help="Verb dictionary (CAMEO.2.0.txt style); repeatable.")] = None,
    actors: Annotated[FileList, typer.Option("--actors", metavar="FILE", help="Actor dictionary (*.actors.txt); repeatable.")] = None,
    agents: Annotated[FileList, typer.Option("--agents", metavar="FILE", help="Agent dictionary (*.agents.txt); repeatable.")] = None,
    discards: Annotated[FileList, typer.Option("--discards", metavar="FILE", help="Discard list (*.discards.txt); repeatable.")] = None,
    name: Annotated[Optional[str], typer.Option("--name", help="Codebook name (default: the folder's name).")] = None,
    force: Annotated[bool, typer.Option("--force", metavar="", help="Empty the folder first if it is not empty.")] = False,
    fallback: Annotated[bool, typer.Option("--fallback", metavar="", help="Mark the imported patterns as fallbacks, to add them to another codebook (docs/codebook.md).")] = False,
    keep_codes: Annotated[bool, typer.Option("--keep-codes", metavar="", help="Keep verb codes outside CAMEO (345, 174L), each with a stub category, instead of skipping them.")] = False,
    extends: Annotated[bool, typer.Option("--extends", metavar="", help="Write no codebook.yaml or categories: the folder extends another codebook (-c base -c DIR).")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", metavar="", help="Print every line that did not translate exactly.")] = False,
) -> None:
    """Convert TABARI/PETRARCH dictionaries (verbs, actors, agents, discards) into a codebook folder.

    Every line that does not translate exactly is listed, by file and line, in DIR/IMPORT-REPORT.txt.
    """
    from coder.codebook.importers.petrarch import import_petrarch as run, report_text, write_import
    from coder.codebook.load import load_codebook

    sources = [*(verbs or []), *(actors or []), *(agents or []), *(discards or [])]
    if not sources:
        raise fail("name at least one dictionary with --verbs, --actors, --agents or --discards")
    for source in sources:
        if not source.is_file():
            raise fail(f"{source}: {'a folder, not a dictionary file' if source.is_dir() else 'no such file'}")
    if output.exists() and not output.is_dir():
        raise fail(f"{output}: not a folder")
    if output.exists() and any(output.iterdir()):
        if not force:
            raise fail(f"{output}: folder is not empty (--force empties it first)")
        import shutil

        shutil.rmtree(output)
    result = run(verbs or [], actors or [], agents or [], discards or [], keep_codes=keep_codes)
    write_import(result, output, name or output.resolve().name, sources, not extends, fallback, with_info=not extends)
    summary = report_text(result).split("\n\n", 1)
    typer.echo(summary[0])
    if verbose and len(summary) > 1:
        typer.echo(summary[1].rstrip(), err=True)
    typer.echo(f"report: {output / 'IMPORT-REPORT.txt'}")
    try:
        from coder.codebook.load import default_codebook_path

        base = default_codebook_path()
        inside = output.resolve().is_relative_to(base.resolve())
        book = load_codebook(([base] if inside else [base, output]) if extends else output)
    except CodebookError as exc:
        for problem in exc.problems[:20]:
            typer.echo(f"error: {problem}", err=True)
        raise fail(f"the imported codebook has {len(exc.problems)} problem(s)", 1) from None
    what = f"{output} with the shipped codebook" if extends else f"codebook {book.info.name}"
    typer.echo(f"{what}: {len(book.patterns)} patterns, {len(book.actors)} actors, "
               f"{sum(len(v) for v in book.agents.values())} agent nouns, loads without problems")
    if not any(result.counts.values()):
        typer.echo("warning: nothing was imported (empty dictionaries?)", err=True)
