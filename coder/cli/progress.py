"""A live line on a terminal's standard error while documents are coded: counts and rates, nothing elsewhere."""

from __future__ import annotations

import time

from rich.console import Console
from rich.progress import Progress, TextColumn, TimeElapsedColumn

from coder.run.batches import BatchResult

LINE = ("documents {task.fields[documents]:,} ({task.fields[document_rate]:,.0f}/s)  "
        "sentences {task.fields[sentences]:,} ({task.fields[rate]:,.0f}/s)  "
        "events {task.fields[events]:,} ({task.fields[event_rate]:,.0f}/s)")


class CodingProgress:
    """Counts batches as they are written and shows them on a terminal (never when `quiet`, or when standard
    error is not a terminal). It refreshes on each batch, from this thread: no display thread is started,
    so worker processes are forked from a single-threaded parent."""

    def __init__(self, quiet: bool = False, console: Console | None = None):
        self.console = console or Console(stderr=True)
        self.shown = not quiet and self.console.is_terminal
        self.documents = self.sentences = self.events = 0
        self.started = time.perf_counter()
        self._bar: Progress | None = None

    def __enter__(self) -> "CodingProgress":
        if self.shown:
            self._bar = Progress(TextColumn(LINE), TimeElapsedColumn(), console=self.console,
                                 auto_refresh=False, transient=True)
            self._bar.start()
            self._task = self._bar.add_task("coding", documents=0, sentences=0, events=0,
                                            document_rate=0.0, rate=0.0, event_rate=0.0)
        return self

    def advance(self, batch: BatchResult) -> None:
        self.documents += batch.documents
        self.sentences += batch.sentences
        self.events += batch.events.num_rows
        if self._bar is not None:
            seconds = max(self.seconds, 1e-9)
            self._bar.update(self._task, documents=self.documents, sentences=self.sentences, events=self.events,
                             document_rate=self.documents / seconds, rate=self.sentences / seconds,
                             event_rate=self.events / seconds)
            self._bar.refresh()

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()
