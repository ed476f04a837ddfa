"""The local engine: batches coded in this process (one job) or in a pool of worker processes, in input order.

Where the platform forks safely (Linux, and no other thread runs here) workers are forked and inherit the compiled codebook at no
cost; elsewhere (macOS, Windows) they are spawned and each receives it once, as pickled bytes. Either
way a worker keeps one Coder for its lifetime, and the work it is sent is plain pickled data, so the
pattern is safe under both start methods. The parent does little but read: a worker is sent lines of
JSON lines as read and parses them itself, and each batch is shared among the workers. At most three
batches are in flight, so memory stays bounded whatever the corpus size. A worker whose parent is gone
(killed, so that it could not stop its pool) exits on its own instead of waiting for work forever.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Iterable, Iterator

from coder.codebook.compile import CompiledCodebook
from coder.io.parquet import prepare
from coder.io.readers import Columns
from coder.pipeline import Coder
from coder.run.batches import BATCH_DOCUMENTS, Batch, BatchResult, Input, batched, joined, read_and_code

_worker_coder: Coder | None = None  # one per worker process, set by _start_worker
_SHARE = 100   # a batch is split among the workers in shares of at least this many inputs
# Garbage collection while coding: the codebook is frozen (never walked), and a collection waits for
# 50,000 new objects instead of 700. Coding makes few reference cycles; frequent collections walked the
# pattern index's tables built on first use, again and again (coding the benchmark: 5-10% less CPU).
_GC_THRESHOLDS = (50_000, 20, 100)


def code_local(coder: Coder, docs: Iterable[Input], jobs: int = 1, batch_size: int = BATCH_DOCUMENTS,
               sentence_text: bool = False, columns: Columns = Columns()) -> Iterator[BatchResult]:
    """Code a stream of inputs batch by batch, in input order, on `jobs` processes. Lines of JSON lines
    may come unparsed (JsonLine): they are parsed where they are coded, with `columns`.

    A stream that fits in one batch is coded in this process: starting workers would cost more."""
    batches = batched(docs, batch_size)
    first = next(batches, None)
    if first is None:
        return
    second = next(batches, None)
    if jobs <= 1 or second is None:
        with _coding_gc():
            for batch in _chain(first, second, batches):
                yield read_and_code(coder, batch.items, sentence_text, columns)
        return
    yield from _pool(coder, _chain(first, second, batches), jobs, sentence_text, columns)


def _chain(first: Batch, second: Batch | None, rest: Iterator[Batch]) -> Iterator[Batch]:
    yield first
    if second is not None:
        yield second
        yield from rest


def _pool(coder: Coder, batches: Iterator[Batch], jobs: int, sentence_text: bool, columns: Columns) -> Iterator[BatchResult]:
    """Each batch is split in up to `jobs` shares, one task each, so that the workers finish the last batch
    together; at most 3 × jobs shares (three batches, or more small ones) are in flight."""
    method = start_method()
    context = multiprocessing.get_context(method)
    payload = coder.compiled if method == "fork" else pickle.dumps(coder.compiled, protocol=pickle.HIGHEST_PROTOCOL)
    pending: deque[list[Future[BatchResult]]] = deque()
    in_flight = 0
    if method == "fork":
        prepare()   # pyarrow imports pandas on its first conversion (0.2 s): once here, not again in every worker
    gc.freeze()  # forked workers then share the codebook's pages instead of copying them as gc touches them
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(payload, os.getpid())) as pool:
        try:
            for batch in batches:
                shares = batch.split(max(1, min(jobs, len(batch.items) // _SHARE)))
                pending.append([pool.submit(_code_in_worker, share, sentence_text, columns) for share in shares])
                in_flight += len(shares)
                while in_flight >= 3 * jobs:
                    futures = pending.popleft()
                    in_flight -= len(futures)
                    yield joined([future.result() for future in futures])
            while pending:
                yield joined([future.result() for future in pending.popleft()])
        finally:
            gc.unfreeze()
            for futures in pending:
                for future in futures:
                    future.cancel()


@contextlib.contextmanager
def _coding_gc():
    """The garbage collector as coding in this process wants it (_GC_THRESHOLDS), then as it was."""
    before = gc.get_threshold()
    gc.freeze()  # the codebook lives as long as the run: garbage collections need not walk its millions of objects
    gc.set_threshold(*_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def start_method() -> str:
    """'fork' on Linux when this process runs no other thread (forking one that does can copy a held lock
    into the child); else 'spawn'. The workers start one thread, which forks nothing (_watch_parent)."""
    return "fork" if sys.platform.startswith("linux") and threading.active_count() == 1 else "spawn"


def _start_worker(payload: CompiledCodebook | bytes, parent: int) -> None:
    global _worker_coder
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the pool
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="coder-watch-parent").start()
    if isinstance(payload, bytes):
        gc.disable()  # unpickling makes many long-lived objects: collecting them meanwhile is wasted work
        try:
            payload = pickle.loads(payload)
        finally:
            gc.enable()
    _worker_coder = Coder(payload)
    gc.freeze()  # as in the parent: collections need not walk the codebook
    gc.set_threshold(*_GC_THRESHOLDS)


def _watch_parent(parent: int) -> None:
    """Exit once the parent is gone. A parent that is killed (SIGKILL, the out-of-memory killer) cannot
    stop its pool, and a forked worker would wait for work forever, holding its memory."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _code_in_worker(items: list[Input], sentence_text: bool, columns: Columns) -> BatchResult:
    return read_and_code(_worker_coder, items, sentence_text, columns)
