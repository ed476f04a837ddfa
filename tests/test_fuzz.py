"""Property-based tests: whatever the text or the codebook YAML, the coder never crashes or hangs.

Each example has a deadline; the suites run in CI within a few minutes (max_examples below)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coder import CodebookError, Coder, load_codebook
from tests.conftest import DATA

FUZZ = settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                         HealthCheck.too_slow])

# Words the mini codebook knows (actors, verbs, agents), so that random text reaches the matcher.
WORDS = ["Russia", "Ukraine", "China", "Kim", "Jong", "Un", "Xi", "said", "met", "attacked", "will", "not",
         "back", "Beijing", "Pyongyang", "and", "the", "with", "by", "was", "he", "they", "president",
         "minister", "'s", ",", ".", ";", "(", ")", '"', "...", "talks", "in", "of"]

text_of_words = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join)
any_text = st.text(max_size=400)   # every Unicode character: controls, surrogates escaped, RTL, emoji ...


@pytest.fixture(scope="module")
def coder():
    return Coder(DATA / "mini")


@FUZZ
@given(text=st.one_of(text_of_words, any_text, st.binary(max_size=300).map(lambda b: b.decode("latin-1"))),
       date=st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1))))
def test_any_text_codes_without_error(coder, text, date):
    events = coder.code_text(text, date)
    for e in events:
        assert e.source and e.code and (e.date == date)


@FUZZ
@given(text=text_of_words)
def test_coding_is_deterministic(coder, text):
    assert coder.code_text(text, "2024-01-01") == coder.code_text(text, "2024-01-01")


# YAML for codebooks: real section names and keys, random values and shapes.
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                    st.text(max_size=30), st.sampled_from(["{source} meet {target}", "{source}", "&x", "040", "2020-13-45",
                                                           "(", "{target:MIL}", "... ...", "USAGOV", "---"]))
keys = st.sampled_from(["codebook", "categories", "patterns", "synsets", "actors", "countries", "agents",
                        "not_actors", "discards", "code", "phrases", "names", "codes", "from", "until", "name",
                        "version", "goldstein", "quad_class", "examples", "text", "events", "kind", "mutual",
                        "fallback", "reverse", "lint_ignore", "sentence", "story", "bogus"])
yaml_values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                           st.dictionaries(keys, inner, max_size=4)), max_leaves=25)


@FUZZ
@given(document=st.dictionaries(keys, yaml_values, max_size=6))
def test_any_codebook_yaml_loads_or_lists_its_problems(tmp_path_factory, document):
    import yaml

    folder = tmp_path_factory.mktemp("book")
    (folder / "book.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    try:
        load_codebook(folder)
    except CodebookError as err:
        assert err.problems and all(p.code.startswith("C") and p.file for p in err.problems)


@FUZZ
@given(raw=st.text(max_size=300))
def test_any_file_bytes_load_or_list_their_problems(tmp_path_factory, raw):
    folder = tmp_path_factory.mktemp("raw")
    (folder / "book.yaml").write_text(raw, encoding="utf-8", errors="surrogatepass")
    try:
        load_codebook(folder)
    except CodebookError as err:
        assert err.problems


@FUZZ
@given(pattern=st.lists(st.sampled_from(["{source}", "{target}", "{actor}", "{source:MIL}", "meet", "talks|talk",
                                          "...", "(", ")", "(with", "{target})", "&x", "=met", "'s", "|", "="]),
                        min_size=1, max_size=12).map(" ".join),
       text=text_of_words)
def test_any_pattern_is_refused_or_matches_in_bounded_time(tmp_path_factory, pattern, text):
    folder = tmp_path_factory.mktemp("pat")
    (folder / "extra.yaml").write_text('synsets:\n  x: [meet, "hold talks"]\npatterns:\n  - code: "040"\n'
                                       f"    phrases:\n      p: {pattern!r}\n".replace("'", '"') if '"' not in pattern
                                       else "synsets:\n  x: [meet]\n")
    try:
        coder = Coder([DATA / "mini", folder], cache=False)
    except CodebookError as err:
        assert {p.code for p in err.problems} <= {"C001", "C006", "C007", "C011", "C004"}
        return
    coder.code_text("Russia met Ukraine " + text, "2024-01-01")


json_lines = st.lists(st.one_of(
    st.builds(lambda i, t, d: json.dumps({"id": i, "text": t, "date": d}),
              st.one_of(st.text(max_size=8), st.integers(), st.none()),
              st.one_of(text_of_words, any_text, st.none(), st.integers()),
              st.one_of(st.none(), st.sampled_from(["2024-01-01", "2024-02-30", "yesterday", "2024-1-5T10:00"]))),
    st.text(max_size=40).filter(lambda s: "\n" not in s and "\r" not in s)), max_size=20)


@FUZZ
@given(lines=json_lines)
def test_every_input_line_is_in_the_ledger(coder, lines):
    import io

    from coder.io.readers import Columns, jsonl_lines
    from coder.run.batches import code_batch

    items = list(jsonl_lines(io.StringIO("\n".join(lines) + "\n"), "fuzz.jsonl", Columns()))
    coded = code_batch(coder, items)
    assert coded.ledger.num_rows == len(items) == sum(1 for line in lines if line.strip())
    assert set(coded.ledger.column("status").to_pylist()) <= {"coded", "no_events", "skipped", "error"}
    assert sum(coded.ledger.column("events").to_pylist()) == coded.events.num_rows
