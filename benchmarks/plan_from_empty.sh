#!/bin/sh
# make run's plan from empty with a cold cache, of the checkout $1, in the scratch folder $2
# (emptied first), over the default source: run from the project root, and time it with
# farm-bench, e.g. against an earlier checkout with --vs.
set -e
root=$(pwd)
source="${THELOOK_SOURCE:-$root/data/thelook.duckdb}"
rm -rf "$2"; mkdir -p "$2"
cd "$1"
export PYTHONPATH="$1" THELOOK_SOURCE="$source" THELOOK_WAREHOUSE="$2/warehouse.duckdb" \
  SQLMESH__CACHE_DIR="$2/cache" SQLMESH__DISABLE_ANONYMIZED_ANALYTICS=1
exec "$root/.venv/bin/sqlmesh" --gateway local --paths "$1" plan prod --auto-apply --no-prompts \
  --skip-tests --execution-time "${EXECUTION_TIME:-$(date -u +%F)}"
