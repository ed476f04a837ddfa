"""coder code: stories in, events out to Parquet (a file or a partitioned dataset), with progress and a summary."""

from __future__ import annotations

import os
import shutil
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from coder.cli.common import CodebookOption, fail, make_coder
from coder.cli.progress import CodingProgress
from coder.errors import CoderError
from coder.io.parquet import EventWriter, PartitionedEventWriter, prepare
from coder.io.readers import Columns, read_inputs
from coder.run.batches import BATCH_DOCUMENTS, root_counts


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
    text: Annotated[bool, typer.Option("--text", metavar="", help="Add the sentence text as column sentence_text.")] = False,
    id_column: Annotated[str, typer.Option("--id-column", metavar="NAME", help="Column of tables that holds the document id.")] = "id",
    date_column: Annotated[str, typer.Option("--date-column", metavar="NAME", help="Column that holds the date (YYYY-MM-DD).")] = "date",
    text_column: Annotated[str, typer.Option("--text-column", metavar="NAME", help="Column that holds the text.")] = "text",
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, metavar="N", help="Worker processes (default: all cores). The rows are the same whatever N.", show_default=False)] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, metavar="N", help="Documents read, coded and written at a time.")] = BATCH_DOCUMENTS,
    partition_by: Annotated[Optional[PartitionBy], typer.Option("--partition-by", help="Write a hive-partitioned dataset (folder OUT/year=/month=) by the event date's year or month.", show_default=False)] = None,
    engine: Annotated[Engine, typer.Option("--engine", help="local: this machine's cores; dask: a dask cluster (.parquet/.jsonl inputs; needs coder\\[dask]).")] = Engine.local,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", metavar="ADDRESS", help="With --engine dask: the scheduler to use (default: a local cluster of --jobs workers).", show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", metavar="", help="Print only errors: no progress, no summary.")] = False,
    resume: Annotated[bool, typer.Option("--resume", metavar="", help="Finish an interrupted run of the same command: code only the inputs it did not finish.")] = False,
) -> None:
    """Code documents into CAMEO events in a Parquet file, with a ledger of every document beside it.

    The ledger is OUT.documents.parquet: one row per input, with its status and reason.

    Exit 0: all coded; 1: some documents could not be read (the others are coded); 2: a usage or codebook error; 130: interrupted (finish with --resume).
    """
    from coder.io.parquet import LedgerWriter, ledger_path
    from coder.run.checkpoint import RunFolder

    if scheduler and engine is not Engine.dask:
        raise fail("--scheduler goes with --engine dask")
    if resume and "-" in inputs:
        raise fail("--resume cannot re-read standard input: give the input as a file")
    if engine is Engine.dask:
        from coder.run.dask_engine import _import_distributed

        try:
            _import_distributed()   # before any folder is made: a missing extra is a usage error
        except CoderError as exc:
            raise fail(str(exc)) from None
    _check_paths(inputs, output, partition_by is not None, resume)
    coder = make_coder(codebook)
    prepare()   # start-up, like the codebook: before the clock, and before any worker is forked
    columns = Columns(id_column, date_column, text_column, date_required=date_column != "date")
    jobs = jobs or os.cpu_count() or 1
    manifest = _manifest(coder, inputs, columns, text, batch_size, partition_by, engine)
    run = None
    try:
        run = RunFolder(output, manifest, resume)
        if partition_by and output.is_dir() and any(output.iterdir()):
            if not run.finishing:   # else it is this run's own output, put in place before it was interrupted
                raise CoderError(f"{output}: already exists; a partitioned dataset is written to a new or empty folder")
            shutil.rmtree(output)
        # the output and its ledger are written as batches come in, in the run's folder, and renamed into place
        # at the end: no join of the parts, which are kept only for a resumed run
        events_out, ledger_out = run.staged(output.name), run.staged(ledger_path(output).name)
        writer = (PartitionedEventWriter(events_out, coder.compiled.codebook, partition_by.value, sentence_text=text)
                  if partition_by else EventWriter(events_out, coder.compiled.codebook, sentence_text=text))
        with writer, LedgerWriter(ledger_out, coder.compiled.codebook) as ledger_writer:
            tally = _Tally(writer, ledger_writer)
            progress = _code_batches(run, tally, quiet, _results(coder, inputs, columns, engine, scheduler, jobs,
                                                                 batch_size, text, run))
            run.begin_finishing()
        run.put_in_place(events_out, output)
        run.put_in_place(ledger_out, ledger_path(output))
        run.remove()
    except CoderError as exc:
        _forget_if_empty(run)
        raise fail(str(exc)) from None
    except OSError as exc:
        _forget_if_empty(run)
        reason = ("its folder does not exist" if not output.absolute().parent.is_dir()
                  else os.strerror(exc.errno) if exc.errno else "not writable")
        raise fail(f"{output}: cannot write the output ({reason})") from None
    if not quiet:
        typer.echo(_summary(progress, tally.statuses, tally.roots, tally.sentences, output))
    if tally.statuses["error"]:
        raise typer.Exit(1)


class _Tally:
    """Batches written to the output and its ledger, and counted for the summary."""

    def __init__(self, writer, ledger_writer):
        self.writer, self.ledger_writer = writer, ledger_writer
        self.statuses: Counter[str] = Counter()
        self.roots: Counter[str] = Counter()
        self.sentences = 0

    def add(self, events, ledger, roots: Counter[str]) -> None:
        self.writer.write_table(events)
        self.ledger_writer.write_table(ledger)
        self.statuses.update(ledger.column("status").to_pylist())
        self.sentences += sum(ledger.column("sentences").to_pylist())
        self.roots.update(roots)


def _code_batches(run, tally: _Tally, quiet: bool, results) -> CodingProgress:
    """An interrupted run's finished batches written out, then each batch coded: kept in the run's folder,
    then written out. Ctrl-C keeps what is done."""
    seen: dict[str, int] = {}
    with CodingProgress(quiet) as progress:
        try:
            for events, ledger in run.parts():
                _remember(ledger, seen)
                tally.add(events, ledger, root_counts(events))
            for batch in results:
                ledger = _numbered(batch.ledger, run.inputs, seen, quiet)
                _report(batch)
                run.add(batch.events, ledger)
                tally.add(batch.events, ledger, batch.roots)
                progress.advance(batch)
        except KeyboardInterrupt:
            raise fail(f"interrupted: {run.inputs} input(s) are coded and kept in {run.folder}; run the same "
                       "command with --resume to finish", 130) from None
    return progress


def _check_paths(inputs: list[str], output: Path, partitioned: bool, resume: bool = False) -> None:
    """Usage errors found before anything is coded or written: a missing input, an output that cannot be one."""
    for name in inputs:
        if name != "-" and not Path(name).exists():
            raise fail(f"{name}: no such file or folder")
    if not output.absolute().parent.is_dir():
        raise fail(f"{output}: cannot write the output (its folder does not exist)")
    if not partitioned and output.is_dir():
        raise fail(f"{output}: is a folder; give a file name (or --partition-by to write a dataset into a new folder)")
    if partitioned and (output.is_file() or (not resume and output.is_dir() and any(output.iterdir()))):
        raise fail(f"{output}: already exists; a partitioned dataset is written to a new or empty folder")


def _forget_if_empty(run) -> None:
    """A run that failed before finishing a batch leaves nothing to resume: no folder either."""
    if run is not None and run.batches == 0:
        run.remove()


def _manifest(coder, inputs, columns, text, batch_size, partition_by, engine) -> dict:
    """What makes a run: resuming one needs the same inputs (as they were), codebook and options."""
    from coder import __version__

    def stamp(name: str):
        path = Path(name)
        if name == "-" or not path.exists():
            return name
        files = sorted(path.rglob("*.txt")) if path.is_dir() else [path]
        return [str(path.resolve()), sum(f.stat().st_size for f in files), max((f.stat().st_mtime_ns for f in files), default=0)]

    return {"inputs": [stamp(i) for i in inputs], "codebook": coder.compiled.codebook.content_hash,
            "coder version": __version__, "options": {"text": text, "batch size": batch_size,
                                                      "columns": [columns.id, columns.date, columns.text],
                                                      "partition by": partition_by.value if partition_by else None,
                                                      "engine": engine.value}}


def _results(coder, inputs, columns, engine, scheduler, jobs, batch_size, text, run):
    """The batches still to code, in input order: after a resumed run's last finished one."""
    if engine is Engine.dask:
        from coder.run.dask_engine import code_dask

        return code_dask(coder, inputs, columns, scheduler, jobs, sentence_text=text, skip=run.batches)
    from itertools import islice

    from coder.run.local import code_local

    return code_local(coder, islice(read_inputs(inputs, columns, unparsed=True), run.inputs, None), jobs, batch_size,
                      sentence_text=text, columns=columns)


def _remember(ledger, seen: dict[str, int]) -> None:
    """The ids of a finished part's ledger, each with the input that used it first: a resumed run notes
    an id repeated across the interruption as the uninterrupted run would."""
    for doc_id, number in zip(ledger.column("doc_id").to_pylist(), ledger.column("input").to_pylist()):
        if doc_id is not None:
            seen.setdefault(doc_id, number)


def _numbered(ledger, first: int, seen: dict[str, int], quiet: bool = False):
    """The batch's ledger rows numbered from `first` in the whole input, a repeated id noted in its reason."""
    import pyarrow as pa

    ids = ledger.column("doc_id").to_pylist()
    reasons = ledger.column("reason").to_pylist()
    for k, doc_id in enumerate(ids):
        if doc_id is None:
            continue
        if doc_id in seen:
            note = f"id also used by input {seen[doc_id]}; their rows share the doc_id"
            reasons[k] = f"{reasons[k]}; {note}" if reasons[k] else note
            if not quiet:
                typer.echo(f"warning: document id {doc_id!r} appears more than once; its rows share that doc_id", err=True)
        else:
            seen[doc_id] = first + k
    ledger = ledger.set_column(0, ledger.schema.field("input"), pa.array(range(first, first + ledger.num_rows), pa.int64()))
    return ledger.set_column(ledger.schema.get_field_index("reason"), ledger.schema.field("reason"), pa.array(reasons, pa.string()))


def _report(batch) -> None:
    """A batch's read errors on standard error."""
    for error in batch.errors:
        typer.echo(f"error: {error}", err=True)


def _summary(progress: CodingProgress, statuses: Counter[str], roots: Counter[str], sentences: int, output: Path) -> str:
    """The run's summary, counted from its ledger (all of it, when the run was resumed); the rate is this session's."""
    from coder.io.parquet import ledger_path

    seconds = progress.seconds
    lines = [
        f"documents: {sum(statuses.values())} ({statuses['coded'] + statuses['no_events']} coded, "
        f"{statuses['error']} with errors, {statuses['skipped']} skipped; {statuses['coded']} gave events) "
        f"-> {ledger_path(output)}",
        f"sentences: {sentences}",
        f"events:    {sum(roots.values())} -> {output}",
    ]
    if roots:
        lines.append("by root code: " + ", ".join(f"{root}: {n}" for root, n in sorted(roots.items())))
    lines.append(f"time:      {seconds:.1f} s ({progress.sentences / max(seconds, 1e-9):,.0f} sentences/s)")
    return "\n".join(lines)
