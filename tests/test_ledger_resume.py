"""The ledger (one row per input document), atomic output, and resuming a run killed half way."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import DATA, ROOT
from tests.test_scale import MINI, corpus, run

HOSTILE = DATA / "hostile"


def frame(path) -> pd.DataFrame:
    return pd.read_parquet(path)


def test_the_ledger_has_a_row_for_every_input_with_its_reason(tmp_path):
    out = tmp_path / "o.parquet"
    result = run("code", HOSTILE, "-o", out, *MINI)
    assert result.exit_code == 1                      # some could not be read; the others are coded
    ledger = frame(tmp_path / "o.documents.parquet")
    stories = sorted(HOSTILE.glob("*.txt"))
    assert list(ledger.doc_id) == [p.stem for p in stories] and list(ledger.input) == list(range(len(stories)))
    by_id = ledger.set_index("doc_id")
    assert by_id.loc["good", "status"] == "coded" and pd.isna(by_id.loc["good", "reason"])
    assert by_id.loc["binary-by-mistake", ["status", "reason"]].tolist() == ["error", "a binary file, not text"]
    assert by_id.loc["only-markup", "status"] == "skipped"
    assert "markup removed" in by_id.loc["html-page", "reason"]
    assert "invalid UTF-8" in by_id.loc["latin-1", "reason"]
    assert "bad date '2024-02-30'" in by_id.loc["impossible-date", "reason"]
    events = frame(out)
    # the good documents are coded exactly as when they are alone
    alone = tmp_path / "alone.parquet"
    run("code", HOSTILE / "good.txt", "-o", alone, *MINI)
    good = frame(alone).drop(columns=["doc_id"]).reset_index(drop=True)
    for name in ("good", "html-page", "control-characters", "latin-1", "punctuation-lines", "table-as-text"):
        mine = events[events.doc_id == name].drop(columns=["doc_id", "sentence", "source_text", "target_text"])
        assert mine.reset_index(drop=True).equals(good.drop(columns=["sentence", "source_text", "target_text"])), name
    assert by_id.events.sum() == len(events)
    assert "documents: 11 (7 coded, 3 with errors, 1 skipped; 7 gave events)" in result.output


def test_a_line_nested_too_deeply_costs_only_itself(tmp_path):
    source = tmp_path / "c.jsonl"
    source.write_text('{"id": "a", "text": ' + "[" * 100_000 + "}\n" + '{"id": "b", "text": "Russia attacked Ukraine."}\n')
    result = run("code", source, "-o", tmp_path / "o.parquet", *MINI)
    assert result.exit_code == 1 and f"{source}:1: not valid JSON here (nested too deeply to read)" in result.output
    assert list(frame(tmp_path / "o.documents.parquet").status) == ["error", "coded"]


def test_a_broken_line_and_a_repeated_id_are_in_the_ledger(tmp_path):
    source = tmp_path / "c.jsonl"
    source.write_text('{"id": "a", "text": "Russia attacked Ukraine."}\n{"id": \n'
                      '{"id": "a", "text": "Putin praised Xi."}\n{"id": "", "text": "x"}\n')
    assert run("code", source, "-o", tmp_path / "o.parquet", *MINI).exit_code == 1
    ledger = frame(tmp_path / "o.documents.parquet")
    assert list(ledger.status) == ["coded", "error", "coded", "error"]
    assert ledger.source.tolist() == [f"{source}:{n}" for n in (1, 2, 3, 4)]
    assert ledger.doc_id.isna().tolist() == [False, True, False, True]
    assert "id also used by input 0" in ledger.reason[2] and "not valid JSON" in ledger.reason[1]


def _children(pid: int) -> list[int]:
    """The processes whose parent is pid, read from /proc (Linux); none where there is no /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


def _alive(pid: int) -> bool:
    """Whether a process runs (a zombie that no one has reaped yet does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def code_cmd(source, out, *extra, jobs="1"):
    return [sys.executable, "-m", "coder", "code", str(source), "-o", str(out), *MINI, "-j", jobs, "-q", *extra]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_run_killed_half_way_resumes_to_the_uninterrupted_rows(tmp_path, jobs):
    source = corpus(tmp_path / "c.jsonl", 6000)
    whole = tmp_path / "whole.parquet"
    subprocess.run(code_cmd(source, whole, "--batch-size", "200"), check=True, cwd=ROOT)

    out = tmp_path / "o.parquet"
    work = tmp_path / ".o.parquet.coder-run"
    process = subprocess.Popen(code_cmd(source, out, "--batch-size", "200", jobs=jobs), cwd=ROOT)
    deadline = time.monotonic() + 120
    while len(list(work.glob("*.ledger.arrow"))) < 3:   # a few batches are done ...
        assert process.poll() is None, "the run finished before it could be killed: make the corpus bigger"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    workers = _children(process.pid)
    process.send_signal(signal.SIGKILL)                   # ... then a real kill, no chance to clean up
    process.wait()
    if Path("/proc").is_dir() and jobs == "2":            # its workers do not wait for work forever
        assert len(workers) == 2
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers):
            assert time.monotonic() < deadline, "the workers of a killed run are still there"
            time.sleep(0.05)
    assert not out.exists() and not (tmp_path / "o.documents.parquet").exists()   # nothing partial under the names
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("o.")] == []

    again = subprocess.run(code_cmd(source, out, "--batch-size", "200"), cwd=ROOT, capture_output=True, text=True)
    assert again.returncode == 2 and "--resume" in again.stderr and "Traceback" not in again.stderr

    resumed = subprocess.run(code_cmd(source, out, "--batch-size", "200", "--resume", jobs=jobs), cwd=ROOT,
                             capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert frame(out).equals(frame(whole))
    assert frame(tmp_path / "o.documents.parquet").equals(frame(tmp_path / "whole.documents.parquet"))
    assert len(frame(tmp_path / "o.documents.parquet")) == 6000 and not work.exists()


def test_ctrl_c_keeps_the_work_and_says_how_to_finish(tmp_path):
    source = corpus(tmp_path / "c.jsonl", 6000)
    out = tmp_path / "o.parquet"
    work = tmp_path / ".o.parquet.coder-run"
    process = subprocess.Popen(code_cmd(source, out, "--batch-size", "200"), cwd=ROOT, stderr=subprocess.PIPE, text=True)
    while len(list(work.glob("*.ledger.arrow"))) < 2:
        assert process.poll() is None
        time.sleep(0.005)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130 and "--resume" in err and "Traceback" not in err
    assert work.exists() and not out.exists()


def test_a_resumed_run_drops_what_the_killed_one_was_writing(tmp_path):
    from coder.run.checkpoint import RunFolder

    first = RunFolder(tmp_path / "o", {"inputs": []}, resume=False)
    (first.staged("o") / "year=2024").mkdir(parents=True)            # a dataset half written
    (first.folder / "part-000000.events.arrow.tmp").write_bytes(b"")  # a part half written
    again = RunFolder(tmp_path / "o", {"inputs": []}, resume=True)
    assert (again.batches, again.inputs) == (0, 0) and [p.name for p in again.folder.iterdir()] == ["manifest.json"]


def test_resume_refuses_changed_inputs_and_a_run_that_is_not_there(tmp_path):
    source = corpus(tmp_path / "c.jsonl", 50)
    out = tmp_path / "o.parquet"
    nothing = run("code", source, "-o", out, *MINI, "--resume")
    assert nothing.exit_code == 2 and "no interrupted run" in nothing.output
    work = tmp_path / ".o.parquet.coder-run"
    work.mkdir()
    (work / "manifest.json").write_text(json.dumps({"inputs": ["elsewhere"]}))
    changed = run("code", source, "-o", out, *MINI, "--resume")
    assert changed.exit_code == 2 and "the interrupted run had other" in changed.output and "inputs" in changed.output


@pytest.mark.parametrize("suffix,head", [(".jsonl", b""), (".csv", b"id,text\n")])
def test_a_bad_byte_in_a_table_costs_no_document(tmp_path, suffix, head):
    source = tmp_path / f"t{suffix}"
    if suffix == ".jsonl":
        rows = [b'{"id": "a", "text": "Russia attacked Ukraine."}', b'{"id": "b", "text": "Putin praised Xi at the caf\xe9."}',
                b'{"id": "c", "text": "China praised Russia."}']
    else:
        rows = [b"a,Russia attacked Ukraine.", b"b,Putin praised Xi at the caf\xe9.", b"c,China praised Russia."]
    source.write_bytes(head + b"\n".join(rows) + b"\n")
    assert run("code", source, "-o", tmp_path / "o.parquet", *MINI).exit_code == 0
    ledger = frame(tmp_path / "o.documents.parquet")
    assert list(ledger.doc_id) == ["a", "b", "c"] and list(ledger.status) == ["coded"] * 3
    assert ledger.reason[1] == "1 invalid UTF-8 byte(s) replaced"


def test_a_run_stopped_while_putting_its_dataset_in_place_resumes(tmp_path):
    source = corpus(tmp_path / "c.jsonl", 300)
    whole = tmp_path / "whole"
    assert run("code", source, "-o", whole, *MINI, "--partition-by", "year", "--batch-size", 100).exit_code == 0
    out, work = tmp_path / "o", tmp_path / ".o.coder-run"
    # a run that dies right after its dataset is renamed into place, before its work folder is removed
    dies = subprocess.run([sys.executable, "-c", f"""
import os, sys
sys.argv = ["coder", "code", {str(source)!r}, "-o", {str(out)!r}, "-c", {str(DATA / "mini")!r},
            "--partition-by", "year", "--batch-size", "100", "-q", "-j", "1"]
import coder.run.checkpoint as checkpoint
checkpoint.RunFolder.remove = lambda self: os._exit(9)
from coder.cli import main
main()
"""], cwd=ROOT)
    assert dies.returncode == 9 and out.is_dir() and (work / "finishing").exists()
    refused = run("code", source, "-o", out, *MINI, "--partition-by", "year", "--batch-size", 100)
    assert refused.exit_code == 2                                     # not without --resume
    resumed = run("code", source, "-o", out, *MINI, "--partition-by", "year", "--batch-size", 100, "--resume")
    assert resumed.exit_code == 0, resumed.output
    pd.testing.assert_frame_equal(pd.read_parquet(out), pd.read_parquet(whole))
    assert not work.exists()


def test_a_resumed_run_notes_an_id_repeated_across_the_interruption(tmp_path):
    source = corpus(tmp_path / "c.jsonl", 500)
    lines = source.read_text().splitlines()
    lines[450] = lines[450].replace('"id": "d450"', '"id": "d3"')   # input 450 repeats the id of input 3
    source.write_text("\n".join(lines) + "\n")
    whole = tmp_path / "whole.parquet"
    assert run("code", source, "-o", whole, *MINI, "--batch-size", 100).exit_code == 0
    out = tmp_path / "o.parquet"
    # a run that dies once two batches (inputs 0-199) are kept
    dies = subprocess.run([sys.executable, "-c", f"""
import os, sys
sys.argv = ["coder", "code", {str(source)!r}, "-o", {str(out)!r}, "-c", {str(DATA / "mini")!r},
            "--batch-size", "100", "-q", "-j", "1"]
import coder.run.checkpoint as checkpoint
add = checkpoint.RunFolder.add
def add_then_die(self, events, ledger):
    add(self, events, ledger)
    if self.batches == 2:
        os._exit(9)
checkpoint.RunFolder.add = add_then_die
from coder.cli import main
main()
"""], cwd=ROOT)
    assert dies.returncode == 9
    assert run("code", source, "-o", out, *MINI, "--batch-size", 100, "--resume").exit_code == 0
    ledger = frame(tmp_path / "o.documents.parquet")
    assert "id also used by input 3" in ledger.reason[450]
    assert ledger.equals(frame(tmp_path / "whole.documents.parquet"))
