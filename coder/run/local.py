"""The local engine: batches coded in this process (one job) or in a pool of worker processes, in input order.

Where the platform forks safely (Linux, and no other thread runs here) workers are forked and inherit the compiled codebook at no
cost; elsewhere (macOS, Windows) they are spawned and each receives it once, as pickled bytes. Either
way a worker keeps one Coder for its lifetime, and the work it is sent is plain pickled data, so the
pattern is safe under both start methods. At most `2 * jobs` batches are in flight, so memory stays
bounded whatever the corpus size.
"""

from __future__ import annotations

import gc
import multiprocessing
import pickle
import signal
import sys
import threading
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Iterable, Iterator

import pyarrow as pa

from coder.codebook.compile import CompiledCodebook
from coder.pipeline import Coder
from coder.run.batches import BATCH_DOCUMENTS, Batch, BatchResult, Coded, batched, code_batch, result
from coder.text.records import Document, DocumentError

_worker_coder: Coder | None = None  # one per worker process, set by _start_worker


def code_local(coder: Coder, docs: Iterable[Document | DocumentError], jobs: int = 1,
               batch_size: int = BATCH_DOCUMENTS, sentence_text: bool = False) -> Iterator[BatchResult]:
    """Code a stream of documents batch by batch, in input order, on `jobs` processes.

    A stream that fits in one batch is coded in this process: starting workers would cost more."""
    batches = batched(docs, batch_size)
    first = next(batches, None)
    if first is None:
        return
    second = next(batches, None)
    if jobs <= 1 or second is None:
        gc.freeze()  # the codebook lives as long as the run: garbage collections need not walk its millions of objects
        try:
            for batch in _chain(first, second, batches):
                yield result(batch, code_batch(coder, batch.items, sentence_text))
        finally:
            gc.unfreeze()
        return
    yield from _pool(coder, _chain(first, second, batches), jobs, sentence_text)


def _chain(first: Batch, second: Batch | None, rest: Iterator[Batch]) -> Iterator[Batch]:
    yield first
    if second is not None:
        yield second
        yield from rest


def _pool(coder: Coder, batches: Iterator[Batch], jobs: int, sentence_text: bool) -> Iterator[BatchResult]:
    method = start_method()
    context = multiprocessing.get_context(method)
    payload = coder.compiled if method == "fork" else pickle.dumps(coder.compiled, protocol=pickle.HIGHEST_PROTOCOL)
    pending: deque[tuple[Batch, Future[Coded]]] = deque()
    if method == "fork":
        pa.array([0])   # pyarrow imports pandas on its first conversion (0.2 s): once here, not again in every worker
    gc.freeze()  # forked workers then share the codebook's pages instead of copying them as gc touches them
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(payload,)) as pool:
        try:
            for batch in batches:
                pending.append((batch, pool.submit(_code_in_worker, batch.items, sentence_text)))
                if len(pending) >= 2 * jobs:
                    done, future = pending.popleft()
                    yield result(done, future.result())
            while pending:
                done, future = pending.popleft()
                yield result(done, future.result())
        finally:
            gc.unfreeze()
            for _batch, future in pending:
                future.cancel()


def start_method() -> str:
    """'fork' on Linux when this process runs no other thread (forking one that does can copy a held lock
    into the child); else 'spawn'. The workers themselves start no threads."""
    return "fork" if sys.platform.startswith("linux") and threading.active_count() == 1 else "spawn"


def _start_worker(payload: CompiledCodebook | bytes) -> None:
    global _worker_coder
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the pool
    if isinstance(payload, bytes):
        gc.disable()  # unpickling makes many long-lived objects: collecting them meanwhile is wasted work
        try:
            payload = pickle.loads(payload)
        finally:
            gc.enable()
    _worker_coder = Coder(payload)
    gc.freeze()  # as in the parent: collections need not walk the codebook


def _code_in_worker(items: list[Document | DocumentError], sentence_text: bool) -> Coded:
    return code_batch(_worker_coder, items, sentence_text)
