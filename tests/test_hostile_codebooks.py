"""Hostile codebooks: each is refused with a clear problem, or handled in bounded time; none runs code."""

from __future__ import annotations

import signal
from contextlib import contextmanager

import pytest

from coder import CodebookError, Coder, load_codebook
from tests.conftest import DATA

HEAD = 'codebook: {name: t, version: "1"}\ncategories:\n  - {code: "040", name: Consult, goldstein: 1.0, quad_class: 1}\n'


@contextmanager
def deadline(seconds: int):
    """Fail, rather than hang the suite, if the block takes longer than `seconds`."""
    def expired(*_):
        raise TimeoutError(f"took longer than {seconds} s")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def problems_of(folder) -> list:
    with pytest.raises(CodebookError) as err:
        load_codebook(folder)
    return err.value.problems


def test_a_tag_that_would_construct_an_object_is_refused(tmp_path):
    witness = tmp_path / "ran"
    (tmp_path / "book.yaml").write_text(HEAD + f'evil: !!python/object/apply:os.system ["touch {witness}"]\n')
    (problem,) = problems_of(tmp_path)
    assert problem.code == "C001" and problem.line == 4 and "python/object/apply" in problem.message
    assert not witness.exists()


def test_a_file_linking_out_of_the_folder_is_refused(tmp_path):
    outside = tmp_path / "secret.yaml"
    outside.write_text("synsets:\n  x: [y]\n")
    book = tmp_path / "book"
    book.mkdir()
    (book / "book.yaml").write_text(HEAD)
    (book / "climb.yaml").symlink_to(outside)
    problems = problems_of(book)
    assert [(p.code, p.file.endswith("climb.yaml")) for p in problems] == [("C014", True)]
    assert "outside the codebook folder" in str(problems[0])


def test_an_alias_bomb_is_refused_quickly(tmp_path):
    levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        levels.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    (tmp_path / "book.yaml").write_text(HEAD + "bomb:\n" + "".join(f"  {line}\n" for line in levels))
    with deadline(20):
        problems = problems_of(tmp_path)
    assert [p.code for p in problems] == ["C013"] and "aliases" in problems[0].message


def test_a_few_aliases_are_fine(tmp_path):
    (tmp_path / "book.yaml").write_text(HEAD + "synsets:\n  talks: &talks [talks, negotiations]\n"
                                        "  more_talks: *talks\n")
    assert load_codebook(tmp_path).synsets["more_talks"] == ["talks", "negotiations"]


def test_an_enormous_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import coder.codebook.load as load

    monkeypatch.setattr(load, "MAX_FILE_BYTES", 1000)
    (tmp_path / "book.yaml").write_text(HEAD + "# padding\n" * 200)
    (problem,) = problems_of(tmp_path)
    assert problem.code == "C013" and "at most" in problem.message


def test_deep_nesting_is_a_problem_not_a_crash(tmp_path):
    (tmp_path / "book.yaml").write_text(HEAD + "synsets: " + "[" * 5000 + "]" * 5000 + "\n")
    (problem,) = problems_of(tmp_path)
    assert problem.code in ("C001", "C013")


def test_a_pattern_made_for_backtracking_stays_bounded(tmp_path):
    from coder.explain import explain

    gaps = " ... a" * 16
    (tmp_path / "extra.yaml").write_text('patterns:\n  - code: "040"\n    phrases:\n'
                                         f'      bomb: "{{source}} a{gaps} zzz {{target}}"\n')
    coder = Coder([DATA / "mini", tmp_path])
    text = "Russia " + "a " * 300 + "Ukraine zzz."   # every word is there, never in that order
    with deadline(30):
        assert coder.code_text(text, "2024-01-01") == []
        (sentence,) = explain(coder, text, "2024-01-01")
    assert any("gave up" in a.outcome for a in sentence.attempts if a.rule_id == "bomb")
