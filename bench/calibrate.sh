#!/bin/sh
# Calibration throughput: the committed status-quo calibration
# (calibration/status-quo.toml) on 2 threads, timed; prints model runs per
# hour and the wall time. See bench/README.md ("Calibration").
set -eu
cd "$(dirname "$0")/.."
out=${1:-/tmp/cogov-bench-calibration.h5}
bin=build/bin/cogov
[ -x "$bin" ] || { echo "build first: cmake --build build" >&2; exit 2; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "%e s wall, %U s user, %S s system" \
    "$bin" calibrate calibration/status-quo.toml -o "$out" --threads 2 --force --quiet
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - "$out" <<'PY'
import sys
import h5py
f = h5py.File(sys.argv[1])
a = f.attrs
runs, wall = int(a["runs"]), float(a["wall_seconds"])
print(f"{int(a['generations'])} generations, {runs} runs in {wall:.0f} s: {runs / wall * 3600:.0f} simulations per hour "
      f"(final epsilon {f['generations/epsilon'][-1]:.3f})")
PY
