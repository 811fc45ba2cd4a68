#!/usr/bin/env bash
# The layers of docs/architecture.md, enforced on #include lines: each part
# may include only its own headers and those of the parts below it.
#   sim    the engine         includes cogov/sim/ only
#   batch  batch work         cogov/sim/, cogov/batch/
#   serve  classroom server   cogov/sim/, cogov/serve/
#   cli    the command line   everything
#   python the Python module  cogov/sim/, cogov/batch/
# and nothing includes cogov/cli/ but cli/ and the tests. Prints one line per
# offending #include (file:line: text) and exits 1 if there is any.
# Usage: scripts/check-layers.sh [REPO_ROOT]
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"
status=0
check() {  # check FOLDER ALLOWED-PARTS...
  local folder=$1; shift
  local allowed
  allowed=$(printf '%s|' "$@")
  allowed=${allowed%|}
  while IFS= read -r hit; do
    echo "$hit: $folder/ may include only cogov/{${allowed//|/,}}/ (docs/architecture.md)"
    status=1
  done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]cogov/' "$folder" \
             --include='*.h' --include='*.cpp' --include='*.def' \
           | grep -vE "#[[:space:]]*include[[:space:]]*[<\"]cogov/($allowed)/" || true)
}
# No part reaches into another's folders by a relative path.
while IFS= read -r hit; do
  echo "$hit: include another part's header as cogov/<part>/..., not by a relative path"
  status=1
done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"\.\./' sim batch serve cli bench python \
           --include='*.h' --include='*.cpp' || true)
check sim sim
check batch sim batch
check serve sim serve
check cli sim batch serve cli
check bench sim batch
check python sim batch
exit $status
