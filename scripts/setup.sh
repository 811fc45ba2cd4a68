#!/usr/bin/env bash
# One command for a fresh Debian 12 machine: install what is missing, build
# cogov (and its Python module, in build/python), and run the default
# (baseline) scenario to out/baseline.h5.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DPython_EXECUTABLE=/usr/bin/python3
cmake --build build
mkdir -p out
build/bin/cogov run -o out/baseline.h5 --force
echo "setup: done. Output in out/baseline.h5; try: build/bin/cogov info out/baseline.h5"
echo "setup: Python: PYTHONPATH=build/python /usr/bin/python3 -c 'import cogov' (docs/python.md)"
