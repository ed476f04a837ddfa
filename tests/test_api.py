"""The library API a pandas user calls directly."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import coder
from tests.conftest import DATA


def test_code_a_dataframe_into_a_dataframe(mini):
    docs = pd.DataFrame({"id": ["a", "b", "c"], "date": ["2024-01-02", None, "2024-02-31"],
                         "text": ["Russia attacked Ukraine.", "Putin met Xi.", "Russia attacked Ukraine."]})
    events = mini.code_frame(docs)
    assert list(events.columns[:6]) == ["doc_id", "sentence", "date", "source", "target", "code"]
    assert events[["doc_id", "source", "target", "code"]].values.tolist() == [
        ["a", "RUS", "UKR", "190"], ["b", "RUSGOV", "CHNGOV", "040"]]
    assert events["date"].tolist()[0] == dt.date(2024, 1, 2)
    assert events["quad_class"].dtype == "int8"


def test_frames_name_their_missing_columns_and_ids_stay_as_given(mini):
    with pytest.raises(coder.InputError, match="no column 'id'; its columns are 'story', 'text'"):
        mini.code_frame(pd.DataFrame({"story": ["a"], "text": ["Russia attacked Ukraine."]}))
    frame = pd.DataFrame({"id": [1, None, 3], "text": ["Russia attacked Ukraine."] * 3})  # a float column with a gap
    assert mini.code_frame(frame)["doc_id"].tolist() == ["1", "3"]


def test_documents_check_their_fields():
    with pytest.raises(coder.InputError, match="date must be a datetime.date"):
        coder.Document("d", "2024-01-01", "text")
    with pytest.raises(coder.InputError, match="non-empty string id"):
        coder.Document("", None, "text")


def test_code_documents_accounts_for_every_document(mini):
    docs = [coder.Document("a", None, "Russia attacked Ukraine."), coder.DocumentError("b", "x.jsonl:2", "empty document")]
    results = list(mini.code_documents(docs))
    assert isinstance(results[0], coder.DocumentResult) and results[0].sentences == 1
    assert str(results[1]) == "x.jsonl:2: document 'b': empty document"


def test_load_codebook_raises_with_problems(tmp_path):
    (tmp_path / "a.yaml").write_text("codebook: {name: x}\n")
    with pytest.raises(coder.CodebookError) as err:
        coder.load_codebook(tmp_path)
    assert err.value.problems[0].line == 1 and err.value.problems[0].code == "C003"


def test_coder_accepts_a_loaded_codebook():
    book = coder.load_codebook(DATA / "mini")
    assert coder.Coder(book).codebook is book
