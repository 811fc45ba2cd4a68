#!/usr/bin/env bash
# CTest must see every doctest test case, one to one. A name CTest splits
# (a ';' in a test name) would otherwise run nothing and pass silently.
# Usage: scripts/check-test-count.sh [build-dir]
set -euo pipefail
build=${1:-build}
doctest=$("$build/bin/cogov_tests" --count | sed -n 's/.*unskipped test cases passing the current filters: \([0-9]*\).*/\1/p')
ctest_count=$(ctest --test-dir "$build" -N -LE script | sed -n 's/^Total Tests: \([0-9]*\)/\1/p')
if [ -z "$doctest" ] || [ "$doctest" != "$ctest_count" ]; then
  echo "check-test-count: doctest has ${doctest:-?} test cases but CTest lists ${ctest_count:-?}" >&2
  exit 1
fi
echo "check-test-count: $ctest_count test cases, one CTest entry each"
