#!/usr/bin/env bash
# Rebuilds the classroom page of `cogov serve` (web/dist) from web/src with
# npm and Vite. web/dist is committed and compiled into cogov, so building
# cogov needs neither Node.js nor the network: run this after changing
# web/src or web/package.json, then commit web/dist.
# Usage: scripts/build-web.sh [--check]
#   --check  build into a temporary folder and fail if web/dist differs
#            (skipped, saying so, when Node.js is older than Vite needs)
set -euo pipefail
cd "$(dirname "$0")/../web"
check=0
[ "${1:-}" = "--check" ] && check=1

need="20.19.0"
have="$(node --version 2>/dev/null | sed 's/^v//')" || have=""
if [ -z "$have" ] || [ "$(printf '%s\n%s\n' "$need" "$have" | sort -V | head -1)" != "$need" ]; then
  if [ $check = 1 ]; then
    echo "build-web: SKIPPED: checking web/dist needs Node.js >= $need (found '${have:-none}')" >&2
    exit 0
  fi
  echo "build-web: Node.js >= $need is needed (found '${have:-none}')" >&2
  exit 1
fi

[ -d node_modules ] || npm ci --no-audit --no-fund
if [ $check = 0 ]; then
  npx vite build
  exit 0
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
npx vite build --outDir "$out" --emptyOutDir --logLevel warn
if ! diff -r "$out" dist >/dev/null; then
  echo "build-web: web/dist is out of date with web/src: run scripts/build-web.sh and commit web/dist" >&2
  diff -rq "$out" dist >&2 || true
  exit 1
fi
echo "build-web: web/dist is up to date"
