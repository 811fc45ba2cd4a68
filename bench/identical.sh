#!/usr/bin/env bash
# Bit-for-bit check of an engine change against a reference build: runs a
# few small scenarios (every mechanism, odd community sizes, dense and
# empty networks, phases off) with a reference `cogov` and with this
# build's, at 1 and 2 threads, and compares every series and the final
# per-agent state (/snapshot) with h5diff (exact, no tolerance).
#   bench/identical.sh REFERENCE_COGOV [build-dir]
# Make the reference from the commit before the change, e.g.
#   git worktree add /tmp/ref HEAD~1 && cmake -S /tmp/ref -B /tmp/ref/build -G Ninja \
#     -DCMAKE_BUILD_TYPE=Release && cmake --build /tmp/ref/build --target cogov
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:?usage: bench/identical.sh REFERENCE_COGOV [build-dir]}
build=${2:-build}
new="$build/bin/cogov"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

all="--set grid.enabled=true --set platform.enabled=true --set participation.deliberation=true \
--set socorg.hub_share=0.2 --set talk.epsilon=0.5"
declare -A cases=(
  [mechanisms]="$all --set city.communities=24 --set city.streets=3 --set city.residents_per_community=700 --steps 104 --seed 3"
  [odd_sizes]="$all --set city.communities=7 --set city.streets=2 --set city.residents_per_community=333 --set network.degree=8 --steps 60 --seed 11"
  [baseline]="--set city.communities=10 --set city.streets=2 --set city.residents_per_community=250 --steps 52 --seed 5"
  [mobile]="$all --set city.communities=6 --set city.streets=2 --set city.residents_per_community=129 --set power.mobility=0.05 --set network.degree=3 --steps 52 --seed 7"
  [no_network]="$all --set city.communities=4 --set city.streets=2 --set city.residents_per_community=65 --set network.degree=0 --steps 30 --seed 2"
  [no_bounded]="$all --set city.communities=5 --set city.streets=2 --set city.residents_per_community=200 --set talk.epsilon=1 --set network.degree=64 --steps 30 --seed 9"
  [leaders]="$all --set city.communities=8 --set city.streets=4 --set city.residents_per_community=180 --set power.leader_tenure=3 --set power.continuity=0.2 --set contracts.per_community=2 --steps 60 --seed 6"
  [phases_off]="$all --set city.communities=5 --set city.streets=2 --set city.residents_per_community=150 --set phases.participation=false --set phases.talk=false --steps 30 --seed 4"
)
status=0
for name in "${!cases[@]}"; do
  # shellcheck disable=SC2086
  "$ref" run ${cases[$name]} --threads 1 --snapshot -q -o "$out/$name.ref.h5"
  for threads in 1 2; do
    # shellcheck disable=SC2086
    "$new" run ${cases[$name]} --threads "$threads" --snapshot -q -o "$out/$name.$threads.h5"
    for group in /city /communities /streets /snapshot; do
      if ! h5diff -q "$out/$name.ref.h5" "$out/$name.$threads.h5" "$group" "$group"; then
        echo "DIFFERENT: $name, $threads threads, $group"
        status=1
      fi
    done
  done
  echo "$name: compared at 1 and 2 threads"
done
[ "$status" = 0 ] && echo "identical: every case, every group, 1 and 2 threads"
exit "$status"
