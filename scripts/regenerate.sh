#!/usr/bin/env bash
# Regenerate the files derived from the parameter table after changing
# sim/include/cogov/sim/params.def: docs/parameters.md and the parameter body
# of scenarios/baseline.toml (its header comments, name and description are
# kept). Tests fail while either is stale.
# Usage: scripts/regenerate.sh [build-dir]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cmake --build "$build" --target cogov >/dev/null
cogov="$build/bin/cogov"
"$cogov" params --format markdown > docs/parameters.md
header=$(sed '/^\[time\]/,$d' scenarios/baseline.toml)
{ printf '%s\n\n' "$header"; "$cogov" params --format toml | sed '1{/^$/d}'; } > scenarios/baseline.toml.new
mv scenarios/baseline.toml.new scenarios/baseline.toml
echo "regenerated docs/parameters.md and scenarios/baseline.toml"
