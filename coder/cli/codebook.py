"""coder codebook ...: commands for codebook authors (import)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from coder.cli.common import fail
from coder.errors import CodebookError

app = typer.Typer(help="Work with codebooks: validate, schema, import other coders' dictionaries.", no_args_is_help=True,
                  context_settings={"help_option_names": ["-h", "--help"]})
import_app = typer.Typer(help="Import dictionaries of other coders into a coder codebook folder.", no_args_is_help=True,
                         context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(import_app, name="import")

FileList = Optional[list[Path]]


@app.command("validate")
def validate(
    paths: Annotated[Optional[list[Path]], typer.Argument(metavar="[DIR]...", help="Codebook folders (default: the shipped one).", show_default=False)] = None,
) -> None:
    """Check a codebook and list every problem as file:line: key.path: [code] message. Exit 1 if any."""
    from coder.codebook.load import load_codebook

    try:
        book = load_codebook(paths or None)
    except CodebookError as exc:
        for problem in exc.problems:
            typer.echo(str(problem))
        typer.echo(f"{len(exc.problems)} problem(s); the codes are explained in docs/codebook.md", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"ok: {book.info.name} {book.info.version}: {len(book.categories)} categories, {len(book.patterns)} "
               f"patterns, {len(book.countries)} countries, {len(book.actors)} actors, "
               f"{sum(len(v) for v in book.agents.values())} agent nouns, {len(book.files)} files")


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
    force: Annotated[bool, typer.Option("--force", help="Empty the folder first if it is not empty.")] = False,
    fallback: Annotated[bool, typer.Option("--fallback", help="Mark the imported patterns as fallbacks, to add them to another codebook (docs/codebook.md).")] = False,
    keep_codes: Annotated[bool, typer.Option("--keep-codes", help="Keep verb codes outside CAMEO (345, 174L), each with a stub category, instead of skipping them.")] = False,
    extends: Annotated[bool, typer.Option("--extends", help="Write no codebook.yaml or categories: the folder extends another codebook (-c base -c DIR).")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Print every line that did not translate exactly.")] = False,
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
