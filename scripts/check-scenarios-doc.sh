#!/usr/bin/env bash
# Fast check that docs/scenarios.md is what scripts/document-scenarios.sh
# makes of this tree, without re-running it (that takes minutes):
#  - it records the commit of the cogov that made it, and that build was
#    of a clean tree (no "+dirty");
#  - nothing the numbers depend on (sim/, scenarios/ but the classroom lessons, which it does not compare) has changed since
#    that commit;
#  - it has one section per comparison the script runs, in its order.
# The numbers themselves are deterministic given the commit (seeds, common
# random numbers, any thread count): `scripts/document-scenarios.sh --check`
# re-runs them and compares (slow, opt-in).
# Usage: scripts/check-scenarios-doc.sh [REPO_ROOT]
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"
doc=docs/scenarios.md
fail() { echo "check-scenarios-doc: $doc: $*; regenerate with scripts/document-scenarios.sh" >&2; exit 1; }
recorded=$(grep -oE '\(cogov [^ ]+ \([0-9a-f]{40}(\+dirty)?\)\)' "$doc" | head -1 || true)
[ -n "$recorded" ] || fail "no '(cogov VERSION (COMMIT))' line"
case "$recorded" in *+dirty*) fail "made by a build of a modified tree ($recorded)" ;; esac
commit=$(grep -oE '[0-9a-f]{40}' <<<"$recorded")
if git rev-parse --git-dir >/dev/null 2>&1; then
  git cat-file -e "$commit^{commit}" 2>/dev/null || fail "records commit $commit, which this repository does not have"
  changed=$(git diff --name-only "$commit" -- sim scenarios ':!scenarios/lessons')
  [ -z "$changed" ] || fail "sim/ or scenarios/ changed since $commit: $(echo $changed)"
else
  echo "check-scenarios-doc: not a git checkout; commit not compared" >&2
fi
want=$(sed -n '/^pairs=(/,/^)/p' scripts/document-scenarios.sh | grep -oE '"[a-z0-9-]+ [a-z0-9-]+"' | tr -d '"' \
       | awk '{ print "## " $2 " vs " $1 }')
have=$(grep -E '^## ' "$doc")
[ "$want" = "$have" ] || fail "its sections differ from the comparisons of scripts/document-scenarios.sh:
want:
$want
have:
$have"
echo "check-scenarios-doc: $doc was made at $commit from a clean tree; sim/ and scenarios/ unchanged since"
