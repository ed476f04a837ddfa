"""Benchmark: code a generated corpus of news-like sentences end to end (JSONL in, Parquet out).

Prints sentences per second (median and spread of several runs), codebook load time, peak memory,
and the machine. Run: `make bench` or `python benchmarks/bench.py --sentences 20000 --runs 3`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

SUBJECTS = ["Russian President Vladimir Putin", "Chinese Foreign Minister Wang Yi", "The United States",
            "Israeli troops", "Iranian officials", "The European Union", "North Korea", "Ukrainian forces",
            "Turkish police", "Syrian rebels", "The United Nations", "Indian Prime Minister Narendra Modi",
            "French President Emmanuel Macron", "Hamas militants", "Brazilian lawmakers", "Japan", "Pakistan's army",
            "Saudi Arabia", "German Chancellor Olaf Scholz", "Nigerian soldiers"]
OBJECTS = ["Ukraine", "China", "Iran", "the Gaza Strip", "Beijing", "Moscow", "South Korea", "Washington",
           "the Syrian government", "Indian troops", "Turkey", "NATO", "Egypt", "Venezuela", "Afghanistan"]
VERBS = ["met with", "accused", "attacked", "praised", "criticized", "held talks with", "signed an agreement with",
         "threatened", "urged", "imposed sanctions on", "arrested opposition members in", "visited",
         "condemned", "called on", "promised aid to", "rejected a proposal from", "shelled", "hosted",
         "said it would support", "warned"]
TAILS = ["on Monday", "on Tuesday, officials said", "after weeks of tension", "in a statement",
         "according to state media", "amid rising tensions in the region", "for the first time since 2019",
         "over the border dispute", "despite international pressure", ", a spokesman said"]
FILLER = ["Analysts said the move could reshape the region.", "The talks lasted several hours.",
          "Markets rose slightly after the announcement.", "The ministry did not give further details."]


def make_corpus(path: Path, sentences: int, seed: int = 20260101) -> None:
    """Documents of 1-6 sentences, news-lead length (15-35 words), fixed seed."""
    rnd = random.Random(seed)
    written = 0
    with path.open("w", encoding="utf-8") as out:
        doc = 0
        while written < sentences:
            n = min(rnd.randint(1, 6), sentences - written)
            text = " ".join(
                f"{rnd.choice(SUBJECTS)} {rnd.choice(VERBS)} {rnd.choice(OBJECTS)} {rnd.choice(TAILS)}."
                if rnd.random() < 0.75 else rnd.choice(FILLER) for _ in range(n))
            year = rnd.randint(2015, 2026)
            out.write(json.dumps({"id": f"doc{doc}", "date": f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
                                  "text": text}) + "\n")
            doc += 1
            written += n


def run_once(corpus: Path, out: Path) -> tuple[float, int, int]:
    """Code the corpus as `coder code` does; (seconds, sentences, events)."""
    from coder.io.parquet import EventWriter
    from coder.io.readers import read_inputs
    from coder.pipeline import Coder, DocumentResult

    coder = Coder()
    start = time.perf_counter()
    sentences = events = 0
    with EventWriter(out, coder.compiled.codebook) as writer:
        batch = []
        for result in coder.code_documents(read_inputs([str(corpus)])):
            if isinstance(result, DocumentResult):
                sentences += result.sentences
                batch.extend(result.events)
                if len(batch) >= 5000:
                    writer.write(batch)
                    events += len(batch)
                    batch = []
        writer.write(batch)
        events += len(batch)
    return time.perf_counter() - start, sentences, events


def load_time() -> float:
    """Load and compile from the YAML files, as on a first run (the cache not used)."""
    from coder.codebook.cache import load_compiled

    start = time.perf_counter()
    load_compiled(use_cache=False)
    return time.perf_counter() - start


def warm_load_time() -> float:
    """Load through the compiled-codebook cache (filled by the first call)."""
    from coder.codebook.cache import load_compiled

    load_compiled()
    start = time.perf_counter()
    load_compiled()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        make_corpus(corpus, args.sentences)
        loads = [load_time() for _ in range(args.runs)]
        warm = [warm_load_time() for _ in range(args.runs)]
        rates = []
        for _ in range(args.runs):
            seconds, sentences, events = run_once(corpus, Path(tmp) / "out.parquet")
            rates.append(sentences / seconds)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}, {platform.platform()}")
    print(f"corpus: {sentences} sentences, {events} events per run")
    print(f"codebook load+compile, cold: median {statistics.median(loads):.3f} s (min {min(loads):.3f}, max {max(loads):.3f})")
    print(f"codebook load, warm (cache): median {statistics.median(warm):.3f} s (min {min(warm):.3f}, max {max(warm):.3f})")
    print(f"sentences/s (1 process, end to end JSONL -> Parquet): median {statistics.median(rates):,.0f} "
          f"(min {min(rates):,.0f}, max {max(rates):,.0f}, {args.runs} runs)")
    print(f"peak memory (max RSS of this process): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
