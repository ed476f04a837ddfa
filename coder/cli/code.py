"""coder code: stories in, events out to Parquet (a file or a partitioned dataset), with progress and a summary."""

from __future__ import annotations

import os
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from coder.cli.common import CodebookOption, fail, make_coder
from coder.cli.progress import CodingProgress
from coder.errors import CoderError
from coder.io.parquet import EventWriter, PartitionedEventWriter
from coder.io.readers import Columns, read_inputs
from coder.run.batches import BATCH_DOCUMENTS


class Engine(str, Enum):
    local = "local"
    dask = "dask"


class PartitionBy(str, Enum):
    year = "year"
    month = "month"


def code(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT...", help="Stories: .txt files, folders of them, .jsonl/.ndjson/.csv/.parquet tables, or - for JSON lines on stdin.", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="Parquet file to write (with --partition-by: a folder).")],
    codebook: CodebookOption = None,
    text: Annotated[bool, typer.Option("--text", help="Add the sentence text as column sentence_text.")] = False,
    id_column: Annotated[str, typer.Option("--id-column", metavar="NAME", help="Column of tables that holds the document id.")] = "id",
    date_column: Annotated[str, typer.Option("--date-column", metavar="NAME", help="Column that holds the date (YYYY-MM-DD).")] = "date",
    text_column: Annotated[str, typer.Option("--text-column", metavar="NAME", help="Column that holds the text.")] = "text",
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, metavar="N", help="Worker processes (default: all cores). The rows are the same whatever N.", show_default=False)] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, metavar="N", help="Documents read, coded and written at a time.")] = BATCH_DOCUMENTS,
    partition_by: Annotated[Optional[PartitionBy], typer.Option("--partition-by", help="Write a hive-partitioned dataset (folder OUT/year=/month=) by the event date's year or month.", show_default=False)] = None,
    engine: Annotated[Engine, typer.Option("--engine", help="local: this machine's cores; dask: a dask cluster (.parquet/.jsonl inputs; needs coder[dask]).")] = Engine.local,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", metavar="ADDRESS", help="With --engine dask: the scheduler to use (default: a local cluster of --jobs workers).", show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors: no progress, no summary.")] = False,
) -> None:
    """Code documents into CAMEO events and write them to a Parquet file.

    Exits 1 if any document could not be read (the others are still coded), 2 on a usage or codebook error.
    """
    if scheduler and engine is not Engine.dask:
        raise fail("--scheduler goes with --engine dask")
    coder = make_coder(codebook)
    columns = Columns(id_column, date_column, text_column, date_required=date_column != "date")
    jobs = jobs or os.cpu_count() or 1
    roots: Counter[str] = Counter()
    seen: set[str] = set()
    failed = 0
    try:
        writer = (PartitionedEventWriter(output, coder.compiled.codebook, partition_by.value, sentence_text=text)
                  if partition_by else EventWriter(output, coder.compiled.codebook, sentence_text=text))
        with writer, CodingProgress(quiet) as progress:
            for batch in _results(coder, inputs, columns, engine, scheduler, jobs, batch_size, text):
                failed += _report(batch, seen)
                writer.write_table(batch.events)
                roots.update(batch.roots)
                progress.advance(batch)
    except CoderError as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        reason = ("its folder does not exist" if not output.absolute().parent.is_dir()
                  else os.strerror(exc.errno) if exc.errno else "not writable")
        raise fail(f"{output}: cannot write the output ({reason})") from None
    if not quiet:
        typer.echo(_summary(progress, failed, roots, output))
    if failed:
        raise typer.Exit(1)


def _results(coder, inputs, columns, engine, scheduler, jobs, batch_size, text):
    if engine is Engine.dask:
        from coder.run.dask_engine import code_dask

        return code_dask(coder, inputs, columns, scheduler, jobs, sentence_text=text)
    from coder.run.local import code_local

    return code_local(coder, read_inputs(inputs, columns), jobs, batch_size, sentence_text=text)


def _report(batch, seen: set[str]) -> int:
    """Errors and repeated ids of a batch on standard error; the number of errors."""
    for error in batch.errors:
        typer.echo(f"error: {error}", err=True)
    for doc_id in batch.doc_ids:
        if doc_id in seen:
            typer.echo(f"warning: document id {doc_id!r} appears more than once; its rows share that doc_id", err=True)
        seen.add(doc_id)
    return len(batch.errors)


def _summary(progress: CodingProgress, failed: int, roots: Counter[str], output: Path) -> str:
    documents, seconds = progress.documents, progress.seconds
    lines = [
        f"documents: {documents} ({documents - failed} coded, {failed} with errors)",
        f"sentences: {progress.sentences}",
        f"events:    {sum(roots.values())} -> {output}",
    ]
    if roots:
        lines.append("by root code: " + ", ".join(f"{root}: {n}" for root, n in sorted(roots.items())))
    lines.append(f"time:      {seconds:.1f} s ({progress.sentences / max(seconds, 1e-9):,.0f} sentences/s)")
    return "\n".join(lines)
