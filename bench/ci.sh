#!/usr/bin/env bash
# Small versions of the benchmarks, for CI (`npm run bench:ci`; docs/perf.md). Each checks its
# figures against an independent count or capture and exits 1 when a check fails; the timings are
# printed, not judged (CI machines are noisy). Needs BENCH_DATABASE_URL (PostgreSQL, loopback).
set -euo pipefail
cd "$(dirname "$0")/.."
quick=(BENCH_SECONDS=2 BENCH_ROUNDS=1 BENCH_WARMUP_SECONDS=0)

# The director's board and statistics over several centers, recounted independently.
npm run bench:board -- --centers 3 --cases 20000 --runs 5 --database bianmin_bench_ci
# The year-end sheet, every field checked against classifyDay.
npm run bench:evaluation -- --staff 30 --runs 2
# The intake against pgbench running the statements it was captured sending (PostgreSQL only).
env "${quick[@]}" BENCH_PGLITE=0 npm run bench
# The public case lookup against pgbench: the script matches the capture, no throttle record left.
env "${quick[@]}" BENCH_CASES=50 npm run bench:lookup
# The embedded server on a filled folder: start-up, memory, the board's counts.
npm run bench:startup -- --cases 20000 --runs 1 --load-seconds 5 --openings 0 --drop
