#!/usr/bin/env bash
# Install the build to a temporary prefix and check that the installed
# cogov finds its scenario library there (<prefix>/share/cogov/scenarios),
# with the source tree out of reach: `cogov list`, `cogov check NAME` and a
# tiny run of a library scenario.
# Usage: scripts/check-install.sh [build-dir]   (default: build)
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
cogov="$prefix/bin/cogov"
test -x "$cogov" || { echo "check-install: $cogov was not installed" >&2; exit 1; }
# Run from an empty folder, without COGOV_SCENARIOS: only the prefix can help.
cd "$prefix"
unset COGOV_SCENARIOS
list=$(env -u COGOV_SCENARIOS "$cogov" list)
for name in baseline chongqing-three-society-linkage grid-management; do
  grep -q "^$name " <<<"$list" || { echo "check-install: '$name' missing from cogov list:" >&2; echo "$list" >&2; exit 1; }
done
"$cogov" check grid-management >/dev/null
"$cogov" run grid-management --set city.communities=1 --set city.streets=1 --set city.residents_per_community=50 \
  --steps 3 -o "$prefix/tiny.h5" -q
test -s "$prefix/tiny.h5" || { echo "check-install: the tiny run wrote no file" >&2; exit 1; }
echo "check-install: $cogov lists and runs the library from $prefix/share/cogov/scenarios"
