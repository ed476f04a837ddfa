#!/usr/bin/env bash
# PETRARCH's unit-test suite, coded by coder with the suite's own dictionaries imported:
# prints the pass rate by record category. Needs the data folder (default ../shared/data) and
# the python of the environment coder is installed in first on PATH (e.g. `. .venv/bin/activate`).
set -euo pipefail
data=${1:-"$(cd "$(dirname "$0")/.." && pwd)/../shared/data"}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python -m coder codebook import petrarch -o "$out/validate" --keep-codes \
  --verbs "$data/universalpetrarch/PETR.Validate.verbs.2.0.txt" \
  --actors "$data/petrarch2/PETR.Validate.actors.txt" \
  --agents "$data/petrarch2/PETR.Validate.agents.txt" \
  --discards "$data/petrarch2/PETR.Validate.discards.txt" > /dev/null
python -m coder eval "$data/universalpetrarch/PETR.UnitTest.records.CAMEO2.xml" -c "$out/validate" "${@:2}"
