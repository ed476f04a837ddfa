# Two commands for a fresh clone: `make sample` codes the sample story, `make test` runs the tests.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: sample test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

sample: $(BIN)/python
	$(BIN)/pip install --quiet -e .
	mkdir -p out
	$(BIN)/coder code samples/kim-xi-beijing-2025-09-06.txt -o out/kim-xi-beijing-2025-09-06.parquet

test: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	$(BIN)/python -m pytest

bench: $(BIN)/python
	$(BIN)/pip install --quiet -e . psutil
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) out
