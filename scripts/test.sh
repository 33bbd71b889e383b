#!/usr/bin/env bash
# `make test`: the whole suite in two passes that share nothing, run side by side (one core each):
#  1. the embedded default — SQLite, in-process jobs, the browser walks — whatever Redis or database the
#     shell exports (.ci/run exports them for the second pass);
#  2. when TEST_POSTGRES_URL is set, the suite again (without the browser walks) on PostgreSQL with a real
#     Redis + rq worker. Its output follows the first pass's; the exit code is non-zero if either failed.
set -u
cd "$(dirname "$0")/.."
PY=.venv/bin/python

pg_status=0
if [ -n "${TEST_POSTGRES_URL:-}" ]; then
  pg_log="$(mktemp)"
  CUMULUS_ENV=test TEST_DATABASE_URL="$TEST_POSTGRES_URL" TEST_REDIS_URL="${TEST_REDIS_URL:-}" \
    TEST_PRODUCTION_DATABASE_URL="${TEST_PRODUCTION_DATABASE_URL:-}" \
    "$PY" -m pytest -m "not browser" -p no:cacheprovider >"$pg_log" 2>&1 &
  pg_pid=$!
fi

echo "== The suite on SQLite with in-process jobs, with the browser walks =="
env -u TEST_REDIS_URL -u TEST_DATABASE_URL -u TEST_PRODUCTION_DATABASE_URL CUMULUS_ENV=test "$PY" -m pytest "$@"
sqlite_status=$?

if [ -n "${TEST_POSTGRES_URL:-}" ]; then
  wait "$pg_pid"
  pg_status=$?
  echo "== The suite again on PostgreSQL and a real Redis + rq worker (ran alongside) =="
  cat "$pg_log"
  rm -f "$pg_log"
else
  echo "(TEST_POSTGRES_URL not set: the PostgreSQL pass was skipped; .ci/run sets it)"
fi
[ "$sqlite_status" -eq 0 ] && [ "$pg_status" -eq 0 ]
