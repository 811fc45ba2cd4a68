#!/usr/bin/env bash
# Check the C++ sources against .clang-format (clang-format 14, Debian's
# clang-format-14): prints each deviation and exits 1 if there is any.
#   scripts/check-format.sh          check (what scripts/test.sh runs)
#   scripts/check-format.sh --count  only print how many lines would change
#   scripts/check-format.sh --fix    reformat in place
# COGOV_FORMAT_ADVISORY=1 makes the check print a count instead of failing
# (e.g. while rebasing an old branch); scripts/test.sh runs it strictly.
set -euo pipefail
cd "$(dirname "$0")/.."
format=$(command -v clang-format-14 || command -v clang-format || true)
if [ -z "$format" ]; then
  echo "check-format: clang-format-14 is missing (scripts/install-deps.sh installs it)" >&2
  exit 1
fi
mapfile -t files < <(git ls-files -- 'sim/*.cpp' 'sim/*.h' 'batch/*.cpp' 'batch/*.h' 'serve/*.cpp' 'serve/*.h' \
                                     'cli/*.cpp' 'cli/*.h' 'bench/*.cpp' 'bench/*.h' 'tests/*.cpp' 'tests/*.h' \
                                     'python/*.cpp' 'python/*.h')
mode=${1:-}
if [ "${COGOV_FORMAT_ADVISORY:-0}" = 1 ] && [ -z "$mode" ]; then mode=--count; fi
case "$mode" in
  --fix) "$format" -i --style=file "${files[@]}"; exit 0 ;;
  --count)
    n=0
    for f in "${files[@]}"; do
      c=$("$format" --style=file "$f" | diff "$f" - | grep -c '^<' || true)
      n=$((n + c))
    done
    echo "check-format: $n of $(cat "${files[@]}" | wc -l) lines in ${#files[@]} files would change"
    if [ "$n" -gt 0 ] && [ -z "${1:-}" ]; then echo "check-format: advisory (COGOV_FORMAT_ADVISORY=1)" >&2; fi
    exit 0 ;;
esac
if "$format" --dry-run --Werror --style=file "${files[@]}"; then
  echo "check-format: ${#files[@]} files follow .clang-format"
  exit 0
fi
exit 1
