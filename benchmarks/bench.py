"""Benchmark: code a generated corpus of news-lead sentences end to end (JSON lines in, Parquet out) with the CLI.

The corpus is made with a fixed seed from the shipped codebook's own vocabulary: its countries (names,
adjectives, capitals), people, organisations and agent nouns fill the actor slots of its hand-written
patterns, whose verbs are put in the past tense, with datelines, attributions and filler clauses
and sometimes a second clause around them, so that sentences have about the length of news leads (median
17 words, one in ten over 27). No real text is copied.

Each run is `python -m coder code CORPUS -o OUT --jobs N` in a child process: sentences per second are
those of the run's summary (reading, coding and writing; not the interpreter start and the warm
codebook load, which are timed apart), the peak memory is the largest sum of the resident memory of
the child and its workers, sampled every 0.2 s (needs psutil). Run: `make bench`, or
`python benchmarks/bench.py --sentences 50000 --runs 3`; `--memory 1000000` codes a million sentences once
and reports the peak memory (slow: minutes).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CODEBOOK = ROOT / "codebooks" / "cameo"
SEED = 20260101

TITLES = ["President", "Prime Minister", "Foreign Minister", "Defence Minister", "leader", "opposition leader"]
LEADS = ["", "On Monday, ", "On Tuesday, ", "Late on Wednesday, ", "Earlier this week, ", "In a statement, ",
         "For the first time in a decade, ", "After weeks of speculation, "]
TAILS = ["", " on Thursday", " on Friday, officials said", ", the state news agency reported",
         ", according to a statement released by the foreign ministry", " amid rising tensions in the region",
         " after talks that lasted late into the night", ", two diplomats familiar with the matter said",
         " despite mounting pressure from lawmakers at home", " ahead of a summit planned for next month",
         ", a government spokesman told reporters", " in a move that surprised many observers"]
FILLER = ["The ministry did not give further details.", "Markets rose slightly after the announcement.",
          "It was not immediately clear how many people were affected.", "The talks are expected to resume next week.",
          "Analysts said the decision could reshape the balance of power in the region for years to come.",
          "Neither side commented on the reports, which could not be independently verified.",
          "The announcement came as thousands of people gathered in the capital for a third day."]
GAP = ["", "", "", "new", "further"]
IRREGULAR = {"meet": "met", "hold": "held", "have": "had", "make": "made", "speak": "spoke", "give": "gave",
             "send": "sent", "say": "said", "take": "took", "seek": "sought", "begin": "began", "break": "broke",
             "bring": "brought", "buy": "bought", "come": "came", "go": "went", "keep": "kept", "lead": "led",
             "leave": "left", "put": "put", "set": "set", "shoot": "shot", "tell": "told", "throw": "threw",
             "be": "was", "fight": "fought", "sell": "sold", "strike": "struck", "win": "won", "withdraw": "withdrew",
             "hit": "hit", "cut": "cut", "spend": "spent", "think": "thought", "lay": "laid", "seize": "seized"}


class Vocabulary:
    """What the shipped codebook names: actor phrases, synonym sets, and its hand-written patterns."""

    def __init__(self, folder: Path = CODEBOOK):
        def read(name):
            return yaml.safe_load((folder / name).read_text(encoding="utf-8")) or {}

        countries = read("actors/countries.yaml")["countries"]
        self.countries = [c["names"][0] for c in countries]
        self.capitals = [cap for c in countries for cap in c.get("capitals", [])]
        self.adjectives = [a for c in countries for a in c.get("adjectives", [])]
        self.people = [a["names"][0] for name in ("people.yaml", "leaders-2014-2026.yaml")
                       for a in read(f"actors/{name}")["actors"]]
        self.organisations = [a["names"][0] for name in ("igos.yaml", "groups.yaml", "institutions.yaml")
                              for a in read(f"actors/{name}")["actors"]]
        self.agents = {sector: [n for n in nouns if " " not in n] for sector, nouns in read("agents.yaml")["agents"].items()}
        self.synsets = {**read("synsets.yaml")["synsets"], **read("synsets-conflict.yaml")["synsets"]}
        self.phrases = [p for f in sorted((folder / "patterns").glob("*.yaml"))
                        for group in yaml.safe_load(f.read_text(encoding="utf-8"))["patterns"]
                        for p in group["phrases"].values() if p.startswith("{source")]

    def actor(self, rnd: random.Random, sector: str | None = None) -> str:
        kind = rnd.random() if sector is None else 0.0
        if kind < 0.3:
            nouns = self.agents.get(sector or rnd.choice(["GOV", "MIL", "COP", "REB", "OPP", "BUS"]), ["officials"])
            noun = rnd.choice(nouns)
            return f"{rnd.choice(self.adjectives)} {_plural(noun)}"
        if kind < 0.55:
            return f"{rnd.choice(self.adjectives)} {rnd.choice(TITLES)} {rnd.choice(self.people)}"
        if kind < 0.75:
            return rnd.choice(self.countries)
        if kind < 0.85:
            return rnd.choice(self.capitals)
        return f"the {rnd.choice(self.organisations)}" if rnd.random() < 0.5 else rnd.choice(self.organisations)


MODALS = {"will", "would", "shall", "should", "can", "could", "may", "might", "must", "to", "not"}


def _plural(noun: str) -> str:
    if noun.endswith("man"):
        return noun[:-3] + "men"
    return noun if noun.endswith("s") else noun[:-1] + "ies" if re.search(r"[^aeiou]y$", noun) else noun + "s"


def _past(words: str) -> str:
    """The first word of a verb phrase in the past tense ("ask for" -> "asked for"), roughly."""
    verb, _, rest = words.partition(" ")
    return _past_word(verb) + (f" {rest}" if rest else "")


def _past_word(verb: str) -> str:
    if verb in MODALS or (verb.endswith("s") and not verb.endswith("ss")) or verb.endswith("ed"):
        return verb
    if verb in IRREGULAR:
        return IRREGULAR[verb]
    if verb.endswith("e"):
        return verb + "d"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ied"
    return verb + "ed"


def _expand(tokens: list[str], vocab: Vocabulary, rnd: random.Random, verb_next: bool) -> tuple[list[str], bool]:
    """Pattern tokens -> words: slots become actors, alternatives one choice, synonym sets one member,
    optional parts kept half the time, gaps a filler word or two; the first plain word is put in the past."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token == "(":
            depth, j = 1, i + 1
            while depth:
                depth += {"(": 1, ")": -1}.get(tokens[j], 0)
                j += 1
            if rnd.random() < 0.5:
                words, verb_next = _expand(tokens[i + 1:j - 1], vocab, rnd, verb_next)
                out.extend(words)
            i = j
            continue
        i += 1
        if token.startswith("{"):
            sector = token.strip("{}").partition(":")[2] or None
            out.append(vocab.actor(rnd, sector))
            continue
        if token == "...":
            out.append(rnd.choice(GAP))
            continue
        choice = rnd.choice(token.split("|")).lstrip("<").rstrip(">")
        exact = choice.startswith("=")
        if choice.startswith("&"):
            choice = rnd.choice(vocab.synsets.get(choice[1:], ["talks"]))
        choice = choice.lstrip("=")
        out.append(_past(choice) if verb_next and not exact and choice[:1].isalpha() else choice)
        verb_next = False
    return out, verb_next


JOINS = [", days after ", ", a week after ", " as ", ", while ", ", hours before "]


def clause(vocab: Vocabulary, rnd: random.Random) -> str:
    tokens = re.findall(r"\{[^}]*\}|\.\.\.|[()]|[^\s()]+", rnd.choice(vocab.phrases))
    words, _ = _expand(tokens, vocab, rnd, verb_next=True)
    return " ".join(w for w in words if w).replace(" 's", "'s")


def sentence(vocab: Vocabulary, rnd: random.Random) -> str:
    """A lead: an optional opening, one or two event clauses, an attribution or circumstance."""
    if rnd.random() < 0.2:
        return rnd.choice(FILLER)
    text = clause(vocab, rnd)
    if rnd.random() < 0.35:
        text += rnd.choice(JOINS) + clause(vocab, rnd)
    lead = rnd.choice(LEADS)
    body = text[0].upper() + text[1:] if not lead else text
    return f"{lead}{body}{rnd.choice(TAILS)}."


def make_corpus(path: Path, sentences: int, seed: int = SEED) -> None:
    """Documents of 1-8 sentences with dates from 2015 to 2026, as JSON lines; fixed seed."""
    vocab, rnd = Vocabulary(), random.Random(seed)
    written = doc = 0
    with path.open("w", encoding="utf-8") as out:
        while written < sentences:
            n = min(rnd.randint(1, 8), sentences - written)
            text = " ".join(sentence(vocab, rnd) for _ in range(n))
            date = f"{rnd.randint(2015, 2026)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
            out.write(json.dumps({"id": f"doc{doc}", "date": date, "text": text}) + "\n")
            doc += 1
            written += n


class TreeMemory:
    """The peak of the summed resident memory of a process and its descendants, sampled in a thread."""

    def __init__(self, pid: int, every: float = 0.2):
        import psutil

        self.process, self.every, self.peak, self.peak_pss = psutil.Process(pid), every, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                tree = [self.process, *self.process.children(recursive=True)]
                rss = pss = 0
                for p in tree:
                    try:
                        info = p.memory_full_info()  # pss: shared pages (forked workers) counted once
                        rss, pss = rss + info.rss, pss + getattr(info, "pss", info.rss)
                    except psutil.Error:
                        pass
                self.peak, self.peak_pss = max(self.peak, rss), max(self.peak_pss, pss)
            except psutil.Error:
                return
            self._stop.wait(self.every)

    def stop(self) -> tuple[int, int]:
        """(peak RSS sum, peak PSS sum): RSS counts pages shared by forked workers once per process."""
        self._stop.set()
        self._thread.join()
        return self.peak, self.peak_pss


def run_cli(corpus: Path, out: Path, jobs: int) -> tuple[float, float, int, int, tuple[int, int] | None, float]:
    """One `coder code` run: (coding seconds from its summary, wall seconds, sentences, events, peak tree RSS
    and PSS, CPU seconds of the process tree)."""
    command = [sys.executable, "-m", "coder", "code", str(corpus), "-o", str(out), "--jobs", str(jobs)]
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=coder_env(),
                             cwd=out.parent)
    try:
        memory = TreeMemory(child.pid)
    except ImportError:
        memory = None
    stdout, stderr = child.communicate()
    wall = time.perf_counter() - start
    peak = memory.stop() if memory else None
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the child and its workers, once all have exited
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if child.returncode != 0:
        raise SystemExit(f"coder code failed ({child.returncode}): {stderr.strip()}")
    summary = dict(line.split(":", 1) for line in stdout.splitlines() if ":" in line)
    sentences = int(summary["sentences"])
    # the summary's rate, not its time: "time: 1.8 s (27,913 sentences/s)" rounds the time to a tenth
    rate = re.search(r"\(([\d,]+) sentences/s\)", summary["time"])
    seconds = sentences / int(rate[1].replace(",", "")) if rate else float(summary["time"].split()[0])
    events = int(summary["events"].split()[0])
    return seconds, wall, sentences, events, peak, cpu


INSTALLED = importlib.util.find_spec("coder") is not None   # asked before anything puts the checkout on the path


def coder_env() -> dict[str, str]:
    """The environment of the measured runs: the coder installed in this Python (`make bench` installs it,
    compiled), else the checkout's sources (pure Python)."""
    env = dict(os.environ)
    if not INSTALLED:
        env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def build() -> str:
    """Which coder the runs measure: `coder --version` (compiled or pure Python) and where it is."""
    code = "import coder, coder.cli as c, sys; sys.argv = ['coder', '--version']; print(coder.__file__); c.main()"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=coder_env(), cwd=tempfile.gettempdir())
    where, _, version = out.stdout.strip().partition("\n")
    return f"{version or out.stderr.strip()[-200:]} from {Path(where).parent}"


def load_times(runs: int) -> tuple[list[float], list[float]]:
    """Codebook load + compile from the YAML files (cold, as a first run) and through the cache (warm)."""
    if not INSTALLED:
        sys.path.append(str(ROOT))
    from coder.codebook.cache import load_compiled

    cold, warm = [], []
    for _ in range(runs):
        start = time.perf_counter()
        load_compiled(use_cache=False)
        cold.append(time.perf_counter() - start)
    load_compiled()
    for _ in range(runs):
        start = time.perf_counter()
        load_compiled()
        warm.append(time.perf_counter() - start)
    return cold, warm


def spread(values: list[float], unit: str = "", digits: int = 0) -> str:
    f = f"{{:,.{digits}f}}{unit}"
    return f"median {f.format(statistics.median(values))} (min {f.format(min(values))}, max {f.format(max(values))})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=50_000, help="corpus size (default 50,000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per setting (default 3)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="the many-jobs setting (default: all cores)")
    parser.add_argument("--memory", type=int, metavar="N", help="only: code N sentences once at --jobs and report peak memory")
    parser.add_argument("--keep", type=Path, metavar="FILE", help="also write the corpus to FILE")
    args = parser.parse_args()
    print("load average: other work on the machine slows every figure; the CPU seconds show the work itself")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} "
          f"{platform.python_version()}, {platform.platform()}; load average {os.getloadavg()[0]:.2f}")
    print(f"measured: {build()}")
    keep = args.keep.resolve() if args.keep else None
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)  # the runs' folder: the warm load below leaves them a cache entry (its key has the folder)
        corpus = keep or Path(tmp) / "corpus.jsonl"
        start = time.perf_counter()
        make_corpus(corpus, args.memory or args.sentences)
        size = corpus.stat().st_size
        print(f"corpus: {args.memory or args.sentences:,} sentences, {size / 2**20:.0f} MiB of JSON lines, "
              f"made in {time.perf_counter() - start:.1f} s (seed {SEED})")
        if args.memory:
            return memory_run(corpus, Path(tmp) / "out.parquet", args.jobs)
        cold, warm = load_times(args.runs)
        print(f"codebook load+compile, cold: {spread(cold, ' s', 3)}")
        print(f"codebook load, warm (cache): {spread(warm, ' s', 3)}")
        rates: dict[int, list[float]] = {}
        for jobs in sorted({1, args.jobs}):
            results = [run_cli(corpus, Path(tmp) / "out.parquet", jobs) for _ in range(args.runs)]
            rates[jobs] = [r[2] / r[0] for r in results]
            peaks = [r[4] for r in results if r[4]]
            print(f"--jobs {jobs}: sentences/s {spread(rates[jobs])}, {args.runs} runs; wall incl. start-up "
                  f"{spread([r[1] for r in results], ' s', 1)}; CPU of the process tree {spread([r[5] for r in results], ' s', 1)}; "
                  f"{results[0][3]:,} events; " + memory(peaks))
        if len(rates) > 1:
            print(f"speed-up, --jobs {args.jobs} over --jobs 1 (medians): "
                  f"{statistics.median(rates[args.jobs]) / statistics.median(rates[1]):.2f}x")


def memory_run(corpus: Path, out: Path, jobs: int) -> None:
    seconds, wall, sentences, events, peak, _cpu = run_cli(corpus, out, jobs)
    print(f"--jobs {jobs}: {sentences:,} sentences, {events:,} events in {seconds:.0f} s "
          f"({sentences / seconds:,.0f} sentences/s; wall {wall:.0f} s)")
    print(memory([peak] if peak else []))


def memory(peaks: list[tuple[int, int]]) -> str:
    if not peaks:
        return "peak memory not measured: pip install psutil"
    rss, pss = max(p[0] for p in peaks), max(p[1] for p in peaks)
    return (f"peak memory of the process tree (coder and its workers, sampled every 0.2 s): "
            f"{pss / 2**20:,.0f} MB PSS ({rss / 2**20:,.0f} MB RSS summed, shared pages counted per process)")


if __name__ == "__main__":
    main()
