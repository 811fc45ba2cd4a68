#!/usr/bin/env bash
# The engine benchmark of bench/README.md: 1,000,000 residents in 500
# communities, all mechanisms on, 520 weekly steps, at 1 and 2 threads.
# Usage: bench/run.sh [build-dir]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cmake --build "$build" --target cogov_bench >/dev/null
for threads in 1 2; do
  echo "--- threads $threads"
  "$build/bin/cogov_bench" --communities 500 --residents 2000 --steps 520 --threads "$threads"
done
