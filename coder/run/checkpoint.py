"""A run's finished work on disk, so that a crash, a kill or Ctrl-C loses none of it.

Every batch's events and ledger rows go to part files in a hidden folder beside the output
(`.OUT.coder-run/`), Arrow IPC files (written and read back without encoding: they are the run's own), each
written under a temporary name and renamed: a part is there whole or not
at all, and a batch counts as done once its ledger part is there. The output and its ledger are written
in this folder as batches come in (a resumed run first copies the finished parts), and renamed into place
when the last batch is in; the folder is then removed.
Nothing partial ever stands under the output's name. `--resume` finds the folder, checks that the
inputs, codebook and options are those of the interrupted run, and codes only what is not done."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Iterator

import pyarrow as pa

from coder.errors import CoderError

MANIFEST = "manifest.json"
FINISHING = "finishing"   # made before the output is put in place; a resumed run may then replace that output


class RunFolder:
    def __init__(self, output: Path, manifest: dict, resume: bool):
        self.output = Path(output)
        self.folder = self.output.with_name(f".{self.output.name}.coder-run")
        if self.folder.exists():
            if not resume:
                raise CoderError(f"{self.folder}: an interrupted run of {self.output} left its work here; "
                                 "finish it with --resume, or delete the folder to start again")
            before = self._manifest()
            changed = _differences(before, manifest)
            if changed:
                raise CoderError(f"--resume: the interrupted run had other {'; '.join(changed)}; run it as it was, "
                                 f"or delete {self.folder} to start again")
        else:
            if resume:
                raise CoderError(f"--resume: there is no interrupted run of {self.output} ({self.folder} is not there)")
            self.folder.mkdir()
            _write_atomic(self.folder / MANIFEST, json.dumps(manifest, indent=1).encode())
        self.batches, self.inputs = self._done()

    def _manifest(self) -> dict:
        try:
            return json.loads((self.folder / MANIFEST).read_text())
        except (OSError, ValueError):
            raise CoderError(f"{self.folder}: not the work folder of a coder run (no readable {MANIFEST}); "
                             "delete it to start again") from None

    def _done(self) -> tuple[int, int]:
        """The batches done (consecutive from the first) and how many inputs they hold; later stray parts go."""
        batches = inputs = 0
        while (self.folder / _name(batches, "ledger")).exists():
            inputs += _read_table(self.folder / _name(batches, "ledger")).num_rows
            batches += 1
        for stray in self.folder.iterdir():   # unfinished parts, and the output as it was being written
            if stray.name in (MANIFEST, FINISHING) or _is_part_before(stray.name, batches):
                continue
            if stray.is_dir():
                shutil.rmtree(stray)
            else:
                stray.unlink()
        return batches, inputs

    def add(self, events: pa.Table, ledger: pa.Table) -> None:
        """Keep one batch: its events, then its ledger rows (the mark that it is done)."""
        _write_table(self.folder / _name(self.batches, "events"), events)
        _write_table(self.folder / _name(self.batches, "ledger"), ledger)
        self.batches += 1
        self.inputs += ledger.num_rows

    def parts(self) -> Iterator[tuple[pa.Table, pa.Table]]:
        for k in range(self.batches):
            yield _read_table(self.folder / _name(k, "events")), _read_table(self.folder / _name(k, "ledger"))

    def staged(self, name: str) -> Path:
        """Where an output file (or dataset folder) is written while the run goes on: in this folder,
        so that a run killed half way leaves nothing beside the output; `put_in_place` moves it."""
        return self.folder / f"output.{name}"

    def put_in_place(self, staged: Path, final: Path) -> None:
        """A staged output renamed to its name, which an existing file (or empty folder) gives up."""
        if final.is_dir():
            final.rmdir()   # an empty folder named as the dataset's place (a full one was refused or removed)
        os.replace(staged, final)

    @property
    def finishing(self) -> bool:
        """Whether the run had begun to put its output in place: what stands under the output's name is its own."""
        return (self.folder / FINISHING).exists()

    def begin_finishing(self) -> None:
        _write_atomic(self.folder / FINISHING, b"")

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _differences(before: dict, now: dict) -> list[str]:
    """What differs between two manifests, in words: "options (batch size: 200, now 500)", "inputs (c.jsonl changed)"."""
    found = []
    for key in sorted(set(before) | set(now)):
        old, new = before.get(key), now.get(key)
        if old == new:
            continue
        if isinstance(old, dict) and isinstance(new, dict):
            found.append(f"{key} (" + ", ".join(f"{k}: {old.get(k)!r}, now {new.get(k)!r}" for k in sorted(set(old) | set(new))
                                              if old.get(k) != new.get(k)) + ")")
        elif key == "inputs" and isinstance(old, list) and isinstance(new, list):
            names = [str(n[0] if isinstance(n, list) else n) for o, n in zip(old, new) if o != n]
            found.append(f"inputs ({', '.join(names) or 'their number'} changed since)")
        else:
            found.append(key)
    return found


def _name(k: int, kind: str) -> str:
    return f"part-{k:06d}.{kind}.arrow"


def _is_part_before(name: str, batches: int) -> bool:
    head = name.split(".", 1)[0]
    return head.startswith("part-") and head[5:].isdigit() and int(head[5:]) < batches and not name.endswith(".tmp")


def _write_table(path: Path, table: pa.Table) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with pa.OSFile(str(temporary), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    os.replace(temporary, path)


def _read_table(path: Path) -> pa.Table:
    with pa.OSFile(str(path), "rb") as source:   # read, not mapped: a mapped file cannot be deleted on Windows
        return pa.ipc.open_file(source).read_all()


def _write_atomic(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
