#!/usr/bin/env bash
# Regenerate docs/scenarios.md: every library scenario compared with its base
# by `cogov compare` on paired replicates, as a table per comparison.
# Usage: scripts/document-scenarios.sh [--check] [build-dir]   (default: build)
# Takes a few minutes on two cores. The build must be of a clean tree: the
# document records its commit, and scripts/check-scenarios-doc.sh (a fast
# CTest) fails when sim/ or scenarios/ changed since. --check re-runs every
# comparison and fails unless the result equals docs/scenarios.md (the
# numbers are deterministic given the commit); slow, so opt-in.
set -euo pipefail
cd "$(dirname "$0")/.."
check=0
if [ "${1:-}" = --check ]; then check=1; shift; fi
build=${1:-build}
cogov="$build/bin/cogov"
case "$("$cogov" --version)" in
  *+dirty*) if [ "$check" = 0 ]; then
              echo "document-scenarios: $cogov was built from a modified tree; commit, rebuild, then run this" >&2
              exit 1
            fi ;;
esac
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
size=(--set city.communities=20 --set city.streets=4)
replicates=8
pairs=(
  "baseline chongqing-three-society-linkage"
  "baseline sunan-government-led"
  "baseline grid-management"
  "baseline contract-renewal-risk"
  "contract-renewal-risk contract-renewal-risk-third-party"
  "baseline power-instability"
  "baseline hollow-government"
)
{
  cat <<HEAD
# The scenario library compared

Each scenario of \`scenarios/\` against its base, with \`cogov compare\`:
$replicates paired replicates on common random numbers, a city of 20
communities of 2,000 residents in 4 streets, 520 weeks (ten years).
Differences are alternative minus base; the interval is the 95% t interval
of the mean paired difference; *var. red.* is the variance that pairing
removed compared with independent runs. Rows marked **bold** have an
interval that excludes zero. Regenerate with \`scripts/document-scenarios.sh\`
(cogov $("$cogov" --version | cut -d' ' -f2-)).

Outcomes: \`run.resolved_share\` issues resolved per issue raised;
\`run.known_share\` reported or discovered per raised; \`mean.*\` weekly
values averaged over the run; \`final.*\` the last week; \`total.*\` summed
over the run; \`trust.A.B\` mean trust of A in B. Full definitions:
[output-schema.md](output-schema.md), "Comparison files".
HEAD
  for pair in "${pairs[@]}"; do
    set -- $pair
    file="$out/$2.h5"
    cmd="cogov compare $1 $2 -r $replicates --set city.communities=20 --set city.streets=4 -o $2.h5"
    "$cogov" compare "$1" "$2" -r "$replicates" "${size[@]}" -o "$file" -q --threads "$(nproc)"
    printf '\n## %s vs %s\n\n' "$2" "$1"
    "$cogov" list | awk -v n="$2" '$1 == n { $1 = ""; sub(/^ +/, ""); print "*" $0 "*\n" }'
    printf '```\n%s\n```\n\n' "$cmd"
    /usr/bin/python3 - "$file" <<'PY'
import sys, h5py
keys = ["run.resolved_share", "run.known_share", "mean.resolution_time_mean", "mean.participation_rate",
        "mean.committee_service_hours", "mean.collaboration_index", "final.socorgs_active", "total.contracts_renewed",
        "total.payments_defaulted", "final.trust.residents.resident_committee", "final.trust.residents.government",
        "final.trust.residents.social_organization", "final.trust.social_organization.government",
        "final.trust.residents.residents"]
with h5py.File(sys.argv[1], "r") as f:
    names = [n.decode() if isinstance(n, bytes) else n for n in f["outcome"][:]]
    d = f["differences/1"]
    print("| outcome | base | alternative | difference | 95% CI | var. red. |")
    print("| --- | ---: | ---: | ---: | --- | ---: |")
    for k in keys:
        i = names.index(k)
        lo, hi = d["ci_low"][i], d["ci_high"][i]
        row = f"{d['mean_base'][i]:.4g} | {d['mean_alternative'][i]:.4g} | {d['diff_mean'][i]:+.3g} | [{lo:.3g}, {hi:.3g}] | {100 * d['variance_reduction'][i]:.0f}%"
        name = f"**{k}**" if lo > 0 or hi < 0 else k
        print(f"| {name} | {row} |")
PY
  done
} > "$out/scenarios.md"
if [ "$check" = 1 ]; then
  # The recorded commit may differ (a later clean commit); the numbers may not.
  if diff -u <(grep -v '^(cogov ' docs/scenarios.md) <(grep -v '^(cogov ' "$out/scenarios.md"); then
    echo "document-scenarios: docs/scenarios.md reproduces"
    exit 0
  fi
  echo "document-scenarios: docs/scenarios.md does not reproduce (diff above)" >&2
  exit 1
fi
mv "$out/scenarios.md" docs/scenarios.md
echo "wrote docs/scenarios.md"
