"""The compiled-codebook cache: a hit when nothing changed, never a stale codebook, and it can be turned off."""

from __future__ import annotations

import shutil

from coder.codebook import cache
from tests.conftest import DATA


def test_hit_when_unchanged_and_rebuilt_after_an_edit(tmp_path, monkeypatch):
    monkeypatch.setenv("CODER_CACHE_DIR", str(tmp_path / "cache"))
    book = tmp_path / "book"
    shutil.copytree(DATA / "mini", book)
    first = cache.load_compiled(book)
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 1
    calls = []
    monkeypatch.setattr(cache, "compile_codebook", lambda b: calls.append(b) or first)
    second = cache.load_compiled(book)
    assert calls == [] and second.codebook.content_hash == first.codebook.content_hash
    monkeypatch.undo()
    monkeypatch.setenv("CODER_CACHE_DIR", str(tmp_path / "cache"))
    events = book / "patterns" / "events.yaml"
    events.write_text(events.read_text().replace('say: "{source} say"', 'say: "{source} declare"'))
    third = cache.load_compiled(book)
    assert third.codebook.content_hash != first.codebook.content_hash
    assert any(p.text == "{source} declare" for p in third.codebook.patterns)


def test_a_corrupt_entry_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("CODER_CACHE_DIR", str(tmp_path / "cache"))
    cache.load_compiled(DATA / "mini")
    entry = next((tmp_path / "cache").glob("*.pickle"))
    entry.write_bytes(b"not a pickle")
    assert cache.load_compiled(DATA / "mini").codebook.info.name == "mini"


def test_the_cache_can_be_turned_off_and_an_unwritable_one_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("CODER_CACHE_DIR", "off")
    assert cache.cache_dir() is None
    assert cache.load_compiled(DATA / "mini").codebook.info.name == "mini"
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("CODER_CACHE_DIR", str(blocker / "sub"))  # cannot be created
    assert cache.load_compiled(DATA / "mini").codebook.info.name == "mini"


def test_a_cached_codebook_still_gives_the_whole_codebook(tmp_path, monkeypatch):
    from coder import Coder

    monkeypatch.setenv("CODER_CACHE_DIR", str(tmp_path / "cache"))
    Coder(DATA / "mini")                       # fills the cache
    coder = Coder(DATA / "mini")               # from the cache: actors only in the compiled index
    assert not coder.compiled.codebook.complete
    assert coder.code_text("Xi Jinping praised Russia.", "2020-01-01")[0].source == "CHNGOV"
    assert len(coder.codebook.actors) == 4 and coder.codebook.complete


def test_old_entries_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setenv("CODER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "KEEP", 2)
    for n in range(3):
        book = tmp_path / f"book{n}"
        shutil.copytree(DATA / "mini", book)
        (book / "extra.yaml").write_text(f"not_actors: [Thing {n}]\n")
        cache.load_compiled(book)
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 2
    assert not list((tmp_path / "cache").glob("*.partial"))
