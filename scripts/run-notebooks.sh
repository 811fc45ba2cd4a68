#!/usr/bin/env bash
# Execute every notebook in notebooks/ with Debian's Jupyter (nbclient, the
# /usr/bin/python3 kernel) against the built module; fail on any error.
# The notebooks in git stay unexecuted: executed copies go to a temporary
# folder (python/tests/test_notebooks.py checks the committed ones are
# stripped of outputs).
# Usage: scripts/run-notebooks.sh [build-dir]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export PYTHONPATH="$build/python${PYTHONPATH:+:$PYTHONPATH}"
# Idle OpenMP threads sleep rather than spin (a shared CI machine); speed only.
export PYDEVD_DISABLE_FILE_VALIDATION=1 OMP_WAIT_POLICY=passive
start=$(date +%s)
for nb in notebooks/*.ipynb; do
  t0=$(date +%s)
  # Run from the notebook's folder, as Jupyter does.
  /usr/bin/python3 - "$nb" "$out/$(basename "$nb")" <<'PY'
import sys, pathlib, nbformat
from nbclient import NotebookClient
src, dst = pathlib.Path(sys.argv[1]), sys.argv[2]
nb = nbformat.read(src, as_version=4)
NotebookClient(nb, kernel_name="python3", timeout=600, resources={"metadata": {"path": str(src.parent)}}).execute()
nbformat.write(nb, dst)
PY
  echo "run-notebooks: $nb ok ($(( $(date +%s) - t0 )) s)"
done
echo "run-notebooks: all notebooks ran in $(( $(date +%s) - start )) s"
