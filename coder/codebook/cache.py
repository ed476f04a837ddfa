"""A cache of compiled codebooks, keyed by the content hash of their files: a warm start skips YAML and compiling.

The key covers every file's name and bytes, the coder version and the Python version, so an edited
codebook, a new coder or another Python never gets a stale entry. The cache lives in
$CODER_CACHE_DIR, else $XDG_CACHE_HOME/coder, else ~/.cache/coder; CODER_CACHE_DIR=off disables it.
A cache that cannot be read or written is ignored: the codebook is then loaded from its files.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import hashlib
import importlib.machinery
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Iterable

from coder.codebook.compile import CompiledCodebook, compile_codebook
from coder.codebook.load import codebook_files, codebook_folders, content_digest, load_codebook


def cache_dir() -> Path | None:
    configured = os.environ.get("CODER_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "no") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "coder"


def load_compiled(paths: str | Path | Iterable[str | Path] | None = None, use_cache: bool = True) -> CompiledCodebook:
    """The compiled codebook for these folders, from the cache when its files are unchanged."""
    folders = codebook_folders(paths)
    where = cache_dir() if use_cache else None
    files = codebook_files(f for f in folders if f.exists()) if where else []
    entry = where / f"{_key(files)}.pickle" if where and files and all(f.exists() for f in folders) else None
    compiled = _read(entry) if entry else None
    if compiled is None:
        with _no_gc():  # loading makes many small objects that live on: collecting them is wasted work
            compiled = compile_codebook(load_codebook(folders))
        if entry:
            _write(entry, compiled)
    book = dataclasses.replace(compiled.codebook, folders=tuple(str(f) for f in folders))
    return dataclasses.replace(compiled, codebook=book)


def _key(files: list[Path]) -> str:
    runtime = f"{_code_digest()}|{sys.version_info[:3]}|{pickle.HIGHEST_PROTOCOL}".encode()
    # the paths too: a compiled codebook names its files (explain, problems), as they were given
    places = "\0".join(str(f) for f in files).encode() + b"\0" + str(Path.cwd()).encode()
    return hashlib.sha256(content_digest(files).encode() + runtime + places).hexdigest()[:40]


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    """The coder's own source and compiled modules: a changed class, or the same class compiled
    (hatch_build.py), must never meet a pickle of its old shape."""
    package = Path(__file__).resolve().parent.parent
    compiled = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    digest = hashlib.sha256()
    for source in sorted(p for p in package.rglob("*") if p.suffix == ".py" or p.name.endswith(compiled)):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


@contextlib.contextmanager
def _no_gc():
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _read(entry: Path) -> CompiledCodebook | None:
    try:
        with entry.open("rb") as handle, _no_gc():
            compiled = pickle.load(handle)
    except Exception:  # missing, truncated or from an incompatible build: rebuild from the files
        return None
    return compiled if isinstance(compiled, CompiledCodebook) else None


KEEP = 6  # cache entries kept: the newest; older ones are removed when a new one is written


def _write(entry: Path, compiled: CompiledCodebook) -> None:
    partial = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, partial = tempfile.mkstemp(dir=entry.parent, suffix=".partial")
        # actors and countries are in the compiled index already: the entry keeps only that copy
        lean = dataclasses.replace(compiled.codebook, actors=(), countries=(), not_actors=(), actor_origins=(), country_origins=(),
                                   complete=False)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(dataclasses.replace(compiled, codebook=lean), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, entry)
        partial = None
        _prune(entry.parent)
    except OSError:
        return  # a read-only home or a full disk: run without the cache
    finally:
        if partial is not None:
            Path(partial).unlink(missing_ok=True)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
