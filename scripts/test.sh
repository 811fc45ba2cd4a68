#!/usr/bin/env bash
# The whole test suite: install what is missing, build, run the unit,
# regression, CLI, server and sweep tests, then the classroom page in a
# real browser, then the same C++ tests under AddressSanitizer and
# UndefinedBehaviorSanitizer, then the Python analysis tests, the Python
# module's tests and the notebooks. The sweep
# tests need OpenMPI (mpirun -np 2) and, as root, Slurm (a throwaway
# single-node cluster): both are installed here and required.
# Set COGOV_SKIP_SANITIZERS=1 to skip the sanitizer build locally.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --with-browser --with-mpi --with-slurm
# As root the full-disk tests mount a small tmpfs, and must be able to.
if [ "$(id -u)" -eq 0 ]; then export COGOV_REQUIRE_SLURM=1 COGOV_REQUIRE_TMPFS=1; fi
export COGOV_REQUIRE_MPI=1

echo "== format (.clang-format)"
scripts/check-format.sh
jobs=$(nproc)
# ctest runs $jobs tests at once and many tests' models run 2 threads:
# OpenMP threads that sleep instead of spinning while they wait keep that
# from starving the cores (results never depend on threads or timing).
export OMP_WAIT_POLICY=PASSIVE

echo "== build (Release) and test"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCOGOV_WERROR=ON -DCOGOV_WITH_MPI=ON \
  -DCOGOV_WITH_PYTHON=ON -DPython_EXECUTABLE=/usr/bin/python3
cmake --build build
scripts/check-test-count.sh build
ctest --test-dir build --output-on-failure -j "$jobs"

echo "== classroom (cogov serve): page bundle up to date, then the page in Chromium"
if ! command -v node >/dev/null || ! command -v npm >/dev/null || [ ! -x /usr/bin/chromium ]; then
  echo "################################################################" >&2
  echo "SKIPPED: browser test: node, npm or /usr/bin/chromium is missing" >&2
  echo "################################################################" >&2
else
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
  scripts/build-web.sh --check
  (cd web && COGOV_BIN="$PWD/../build/bin/cogov" COGOV_SCREENSHOT="$PWD/../build/serve-classroom.png" \
     node --test tests/)
fi

if [ "${COGOV_SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "== build (AddressSanitizer + UndefinedBehaviorSanitizer) and test"
  cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCOGOV_SANITIZE=ON -DCOGOV_BUILD_BENCH=OFF -DCOGOV_WITH_PYTHON=OFF
  cmake --build build-sanitize
  # The statistical stylized-fact tests exercise no code the others miss and
  # are slow under the sanitizers; they run in the Release pass above.
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-sanitize --output-on-failure -j "$jobs" -E "^fact "
fi

if [ -d analysis/tests ]; then
  echo "== analysis (pytest)"
  COGOV_BIN="$PWD/build/bin/cogov" /usr/bin/python3 -m pytest -q analysis/tests
fi

echo "== Python module cogov (pytest), then every notebook executed"
COGOV_BUILD="$PWD/build" COGOV_BIN="$PWD/build/bin/cogov" /usr/bin/python3 -m pytest -q python/tests
scripts/run-notebooks.sh build
echo "test: all passed"
