# Two commands for a fresh clone: `make sample` codes the sample story, `make test` runs the tests.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: sample test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# A plain (not editable) install: the wheel build compiles the hot path (hatch_build.py). For work on the
# code itself, `pip install -e ".[test]"` is pure Python and takes edits at once.
sample: $(BIN)/python
	$(BIN)/pip install --quiet .
	mkdir -p out
	$(BIN)/coder code samples/kim-xi-beijing-2025-09-06.txt -o out/kim-xi-beijing-2025-09-06.parquet

# The installed, compiled coder is what is tested: PYTHONSAFEPATH keeps the checkout's sources off the
# front of the path (in subprocesses too), CODER_REQUIRE_COMPILED fails a test if compiling did not happen.
test: $(BIN)/python
	$(BIN)/pip install --quiet ".[test]"
	PYTHONSAFEPATH=1 CODER_REQUIRE_COMPILED=1 $(BIN)/python -m pytest

bench: $(BIN)/python
	$(BIN)/pip install --quiet . psutil
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) out
