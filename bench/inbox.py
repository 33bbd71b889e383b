"""Benchmark: the werkvoorraad with a whole municipality's workload. Seeds PostgreSQL with N open and
M closed tasks (multi-row INSERT … SELECT generate_series), then times the inbox page (HTML, through the
Flask test client, logged in as the demo consulent) and the filtered API query (GET /api/v1/taken with a
Bearer token). Prints one JSON object with p50/p95 ms per scenario and over all of them.

Usage: DATABASE_URL=postgresql+psycopg://cumulus:cumulus@127.0.0.1:5432/cumulus_bench_inbox \\
       python bench/inbox.py [--open 100000] [--closed 1000000] [--repeat 30] [--explain]
   or: DATABASE_URL=sqlite:////tmp/cumulus_bench.sqlite python bench/inbox.py --open 20000 --closed 100000
       (the embedded default; seeded from Python by bench/werkvoorraad_sqlite.py)

The database name must contain 'bench': its schema is dropped (the SQLite file deleted) and migrated afresh. The data set is one
gemeente's workload (Woerden) as bench/werkvoorraad.py seeds it; bench/tenancy.py puts a second beside it.
--explain prints EXPLAIN ANALYZE of the page's queries to stderr; --no-seed times the database as a previous
run left it; --profile samples the requests with py-spy (bench/spy.py). The JSON gives the target beside the
figures (`over_target` names the scenarios whose p95 misses it), the app's CPU per request and the load average.
"""
from __future__ import annotations

import argparse
import json
import logging
import time
from contextlib import nullcontext

from spy import load, sampling
from werkvoorraad import (WOERDEN, api_scenarios, api_token, bench_app, bench_url, explain, logged_in,
                          page_scenarios, sample_person, seed, summary, task_counts, time_call, vacuum_analyze)


#: Issue 15: p95 under 50 ms for every scenario at 100,000 open and 1,000,000 closed tasks on PostgreSQL.
TARGET_P95_MS = 50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--open", type=int, default=100_000, dest="open_tasks")
    parser.add_argument("--closed", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per scenario")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--no-seed", action="store_true", help="time the database a previous run seeded")
    parser.add_argument("--profile", action="store_true", help="sample the timed requests with py-spy")
    args = parser.parse_args()
    url = bench_url()

    logging.disable(logging.INFO)  # one log line per person shown would flood stderr
    started = time.perf_counter()
    app = bench_app(url, seed=not args.no_seed)
    with app.app_context():
        if not args.no_seed:
            seed((WOERDEN,), args.open_tasks, args.closed)
            vacuum_analyze()
        args.open_tasks, args.closed = task_counts()
        token = api_token("consulent")
        people = sample_person()
    seed_seconds = time.perf_counter() - started

    page, api = logged_in(app), app.test_client()
    if args.explain:
        explain(app)
    results = {"open_tasks": args.open_tasks, "closed_tasks": args.closed, "seed_seconds": round(seed_seconds, 1),
               "repeat": args.repeat, "target_p95_ms": TARGET_P95_MS, "load_average": {"before": load()},
               "page_html": {}, "api": {}}
    headers = {"Authorization": f"Bearer {token}"}
    with (sampling("full_dispatch_request") if args.profile else nullcontext({})) as profile:
        for name, query in page_scenarios(people).items():
            results["page_html"][name] = time_call(lambda q=query: page.get("/werkvoorraad/" + q), args.repeat)
        for name, query in api_scenarios(people).items():
            results["api"][name] = time_call(lambda q=query: api.get("/api/v1/taken" + q, headers=headers),
                                             args.repeat)
    results["load_average"]["after"] = load()
    for kind in ("page_html", "api"):
        every = [ms for r in results[kind].values() for ms in r.pop("_all")]
        results[kind]["all"] = summary(every)
    results["over_target"] = sorted(f"{kind}.{name}" for kind in ("page_html", "api")
                                    for name, row in results[kind].items() if row["p95_ms"] >= TARGET_P95_MS)
    if args.profile:
        results["py_spy"] = profile
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
