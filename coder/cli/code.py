"""coder code: stories in, events out to Parquet, with a summary."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from coder.cli.common import CodebookOption, fail, make_coder
from coder.errors import CoderError
from coder.io.parquet import EventWriter
from coder.io.readers import Columns, read_inputs
from coder.text.records import DocumentError

BATCH = 5_000


def code(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT...", help="Stories: .txt files, folders of them, .jsonl/.ndjson/.csv/.parquet tables, or - for JSON lines on stdin.", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="Parquet file to write.")],
    codebook: CodebookOption = None,
    text: Annotated[bool, typer.Option("--text", help="Add the sentence text as column sentence_text.")] = False,
    id_column: Annotated[str, typer.Option("--id-column", metavar="NAME", help="Column of tables that holds the document id.")] = "id",
    date_column: Annotated[str, typer.Option("--date-column", metavar="NAME", help="Column that holds the date (YYYY-MM-DD).")] = "date",
    text_column: Annotated[str, typer.Option("--text-column", metavar="NAME", help="Column that holds the text.")] = "text",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")] = False,
) -> None:
    """Code documents into CAMEO events and write them to a Parquet file.

    Exits 1 if any document could not be read (the others are still coded), 2 on a usage or codebook error.
    """
    coder = make_coder(codebook)
    docs = read_inputs(inputs, Columns(id_column, date_column, text_column, date_required=date_column != "date"))
    documents = sentences = failed = 0
    roots: Counter[str] = Counter()
    seen: set[str] = set()
    try:
        with EventWriter(output, coder.compiled.codebook, sentence_text=text) as writer:
            batch = []
            for result in coder.code_documents(docs):
                documents += 1
                if isinstance(result, DocumentError):
                    failed += 1
                    typer.echo(f"error: {result}", err=True)
                    continue
                if result.doc_id in seen:
                    typer.echo(f"warning: document id {result.doc_id!r} appears more than once; "
                               "its rows share that doc_id", err=True)
                seen.add(result.doc_id)
                sentences += result.sentences
                batch.extend(result.events)
                roots.update(e.root_code for e in result.events)
                if len(batch) >= BATCH:
                    writer.write(batch)
                    batch = []
            writer.write(batch)
    except CoderError as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        reason = ("its folder does not exist" if not output.absolute().parent.is_dir()
                  else os.strerror(exc.errno) if exc.errno else "not writable")
        raise fail(f"{output}: cannot write the output ({reason})") from None
    if not quiet:
        typer.echo(_summary(documents, failed, sentences, roots, output))
    if failed:
        raise typer.Exit(1)


def _summary(documents: int, failed: int, sentences: int, roots: Counter[str], output: Path) -> str:
    lines = [
        f"documents: {documents} ({documents - failed} coded, {failed} with errors)",
        f"sentences: {sentences}",
        f"events:    {sum(roots.values())} -> {output}",
    ]
    if roots:
        lines.append("by root code: " + ", ".join(f"{root}: {n}" for root, n in sorted(roots.items())))
    return "\n".join(lines)
