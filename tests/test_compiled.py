"""The compiled hot path (hatch_build.py): in use where it must be, and coding exactly as the pure Python does."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys

import pytest

import coder
from coder import Coder, Document
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench import make_corpus  # noqa: E402


def test_the_installed_coder_is_compiled_where_that_is_required():
    """make test sets CODER_REQUIRE_COMPILED: a build that quietly fell back to pure Python fails here."""
    if not os.environ.get("CODER_REQUIRE_COMPILED"):
        pytest.skip("CODER_REQUIRE_COMPILED not set (an editable install runs pure Python)")
    assert coder.compiled() == coder.HOT_PATH


def test_the_hot_path_list_is_the_build_list():
    """coder.HOT_PATH (what --version and this file check) names the modules pyproject.toml has compiled."""
    import tomllib

    build = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    modules = build["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]["custom"]["compile"]
    assert sorted(m.removesuffix(".py").replace("/", ".") for m in modules) == sorted(coder.HOT_PATH)


def test_compiled_and_pure_python_code_the_same_events(tmp_path):
    if not coder.compiled():
        pytest.skip("this coder runs as pure Python: nothing compiled to compare")
    corpus = tmp_path / "corpus.jsonl"
    make_corpus(corpus, 3000)
    docs = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    here = Coder()
    mine = [(d["id"], e) for d in docs for e in here.code_text(d["text"], d["date"], d["id"])]
    script = """
import json, pickle, sys
import coder
from coder import Coder
assert coder.compiled() == (), coder.compiled()
c = Coder()
docs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
sys.stdout.buffer.write(pickle.dumps([(d["id"], e) for d in docs for e in c.code_text(d["text"], d["date"], d["id"])]))
"""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}   # the checkout's sources first: pure Python
    env.pop("PYTHONSAFEPATH", None)
    pure = subprocess.run([sys.executable, "-c", script, str(corpus)], capture_output=True, env=env, cwd=tmp_path)
    assert pure.returncode == 0, pure.stderr.decode()[-2000:]
    theirs = pickle.loads(pure.stdout)
    assert len(mine) > 2000
    assert mine == theirs


def test_records_and_events_survive_pickling():
    """Workers receive documents and send events back as pickles; compiled records need __reduce__."""
    doc = Document("d1", None, "Ithilien troops attacked Osgiliath.", origin="x.jsonl:1", notes=("a note",))
    assert pickle.loads(pickle.dumps(doc)) == doc
    events = Coder().code_text("Russia attacked Ukraine on Monday.", "2020-01-01")
    assert events and pickle.loads(pickle.dumps(events)) == events


def test_the_output_columns_cover_every_event_field():
    """event_columns is written out field by field: a new Event field must reach the table too."""
    import dataclasses

    from coder.events import Event, event_columns
    from coder.io.parquet import EVENT_FIELDS, SENTENCE_FIELD

    fields = [f.name for f in dataclasses.fields(Event)]
    assert list(event_columns([])) == fields == [f.name for f in [*EVENT_FIELDS, SENTENCE_FIELD]]



def test_every_written_out_init_sets_every_field():
    """The hot records' __init__ are written out (so that mypyc compiles them): one that misses a field
    added later leaves it unset in the compiled build (an AttributeError there, a class default here)."""
    import ast
    import importlib

    for module in coder.HOT_PATH:
        source = ROOT / (module.replace(".", "/") + ".py")
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            init = next((f for f in node.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None)
            decorated = any("dataclass" in ast.unparse(d) for d in node.decorator_list)
            if init is None or not decorated:
                continue
            fields = [f for f in node.body if isinstance(f, ast.AnnAssign) and isinstance(f.target, ast.Name)]
            names = [f.target.id for f in fields]
            # a field(init=False) is made by __init__ from the others: set there, not a parameter
            made = {f.target.id for f in fields if f.value is not None and "init=False" in ast.unparse(f.value)}
            params = [a.arg for a in init.args.args[1:]]
            assigned = {t.attr for n in ast.walk(init) if isinstance(n, ast.Assign)
                        for t in (n.targets[0].elts if isinstance(n.targets[0], ast.Tuple) else n.targets)
                        if isinstance(t, ast.Attribute)}
            assert params == [n for n in names if n not in made] and assigned == set(names), f"{module}.{node.name}"
            importlib.import_module(module)
