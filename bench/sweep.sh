#!/usr/bin/env bash
# The sweep benchmark of bench/README.md: 1,000 small runs, the sweep's
# overhead beyond the runs, and MPI with 1 and 2 ranks (three times each,
# alternating, as a shared machine's load comes and goes).
# Usage: bench/sweep.sh [build-dir]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cmake --build "$build" --target cogov_bench_sweep cogov >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$build/bin/cogov_bench_sweep" --sweep sweeps/small-bench.toml --output "$out/bench.h5" --repeat 5
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
for ranks in 1 2 1 2 1 2; do
  start=$(date +%s%N)
  mpirun --oversubscribe -np "$ranks" "$build/bin/cogov" sweep sweeps/small-bench.toml -o "$out/mpi-$ranks.h5" --quiet --force
  end=$(date +%s%N)
  sweep=$(h5dump -a /wall_seconds "$out/mpi-$ranks.h5" | awk '/\(0\):/ { print $2 }')
  awk -v r="$ranks" -v ns=$((end - start)) -v s="$sweep" \
    'BEGIN { printf "  mpirun -np %d: %.3f s in all, %.3f s of sweep (after MPI start-up)\n", r, ns / 1e9, s }'

done
