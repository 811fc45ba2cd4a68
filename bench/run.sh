#!/usr/bin/env bash
# The engine benchmark of bench/README.md: 1,000,000 residents in 500
# communities, all mechanisms on, 520 weekly steps, at 1 and 2 threads;
# then, in the same run, the tight-loop peer (bench/peer_core_rules.cpp, 1
# and 2 threads, 520 weeks) and its numpy version (bench/peer_core_rules.py,
# 52 weeks), and the ratios.
# Usage: bench/run.sh [build-dir]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cmake --build "$build" --target cogov_bench peer_core_rules >/dev/null
rate() { awk '/resident_steps_per_second/ {print $2}'; }
declare -A r
for threads in 1 2; do
  echo "--- cogov_bench, threads $threads"
  out=$("$build/bin/cogov_bench" --communities 500 --residents 2000 --steps 520 --threads "$threads")
  echo "$out"
  r[cogov$threads]=$(rate <<<"$out")
done
for threads in 1 2; do
  echo "--- peer_core_rules, threads $threads"
  out=$("$build/bin/peer_core_rules" --residents 1000000 --steps 520 --threads "$threads")
  echo "$out"
  r[peer$threads]=$(rate <<<"$out")
done
echo "--- peer_core_rules.py (numpy)"
out=$(/usr/bin/python3 bench/peer_core_rules.py --residents 1000000 --steps 52)
echo "$out"
r[numpy]=$(rate <<<"$out")
echo "--- summary (resident-steps per second; load average $(cut -d' ' -f1-3 /proc/loadavg))"
awk -v c1="${r[cogov1]}" -v c2="${r[cogov2]}" -v p1="${r[peer1]}" -v p2="${r[peer2]}" -v np="${r[numpy]}" 'BEGIN {
  printf "cogov   1 thread  %8.1f M   2 threads %8.1f M   speed-up %.2f\n", c1 / 1e6, c2 / 1e6, c2 / c1
  printf "peer    1 thread  %8.1f M   2 threads %8.1f M   speed-up %.2f\n", p1 / 1e6, p2 / 1e6, p2 / p1
  printf "numpy   1 thread  %8.1f M\n", np / 1e6
  printf "cogov / peer, 2 threads %.3f   cogov / numpy (cogov 1 thread) %.2f\n", c2 / p2, c1 / np
}'
