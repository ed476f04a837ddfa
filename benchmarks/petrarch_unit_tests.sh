#!/usr/bin/env bash
# PETRARCH's unit-test suite, coded by coder with the suite's own dictionaries imported:
# prints the pass rate by record category. Usage: benchmarks/petrarch_unit_tests.sh [DATA]
# DATA: the folder with petrarch2/ and universalpetrarch/ (default ../shared/data beside the checkout;
# not shipped: the PETRARCH-2 and UniversalPetrarch repositories hold these files).
# Python: $PYTHON, else the checkout's .venv (make sample/test make it), else python on PATH.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data=${1:-"$root/../shared/data"}
python=${PYTHON:-$( [ -x "$root/.venv/bin/python" ] && echo "$root/.venv/bin/python" || echo python )}
for need in universalpetrarch/PETR.Validate.verbs.2.0.txt universalpetrarch/PETR.UnitTest.records.CAMEO2.xml \
            petrarch2/PETR.Validate.actors.txt petrarch2/PETR.Validate.agents.txt petrarch2/PETR.Validate.discards.txt; do
  [ -f "$data/$need" ] || { echo "error: $data/$need: not found; give the data folder as the first argument" >&2; exit 2; }
done
"$python" -c "import coder" 2>/dev/null || { echo "error: $python cannot import coder: run make sample first, or set PYTHON" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$python" -m coder codebook import petrarch -o "$out/validate" --keep-codes \
  --verbs "$data/universalpetrarch/PETR.Validate.verbs.2.0.txt" \
  --actors "$data/petrarch2/PETR.Validate.actors.txt" \
  --agents "$data/petrarch2/PETR.Validate.agents.txt" \
  --discards "$data/petrarch2/PETR.Validate.discards.txt" > /dev/null
"$python" -m coder eval "$data/universalpetrarch/PETR.UnitTest.records.CAMEO2.xml" -c "$out/validate" "${@:2}"
