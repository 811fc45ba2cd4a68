#!/usr/bin/python3
"""Score cogov run files against the target pack (a reference for the statistics).

Usage: scripts/target-stats.py RUN.h5 [RUN.h5 ...] [--targets ID,ID] [--scenario NAME]

Computes each target's statistic on each run's city series exactly as
data/targets/README.md defines it (mean, slope_per_year, optional denominator),
averages over the runs given (replicates of one scenario), and prints the
statistic, the target's estimate and interval, and the score
z = (s - estimate) / half-width on the side where s falls. Only targets whose
scenario matches the runs' scenario name (`name` in the resolved scenario stored
in the root attribute `scenario`, or --scenario) are scored. Needs python3-h5py and python3-numpy.
"""
import argparse
import sys
import tomllib
from pathlib import Path

import h5py
import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def city_series(f, name):
    if name.startswith("trust."):
        _, truster, trustee = name.split(".")
        order = [a.decode() if isinstance(a, bytes) else str(a) for a in f["/city/trust"].attrs["actor_order"]]
        return f["/city/trust"][:, order.index(truster), order.index(trustee)]
    return f[f"/city/{name}"][:]


def statistic(f, model):
    first, last = model["window"]
    steps = f["/step"][:]
    rows = (steps >= first) & (steps <= last)
    if rows.sum() != last - first + 1:
        raise ValueError(f"window {model['window']} not inside the run's weeks 1..{steps[-1]}")
    x = city_series(f, model["series"])[rows]
    weeks = steps[rows].astype(float)
    den = None
    if "denominator" in model:
        den = sum(city_series(f, d)[rows] for d in model["denominator"])
    if model["statistic"] == "mean":
        return x.mean() if den is None else (x.sum() / den.sum() if den.sum() > 0 else np.inf)
    slope = 52.0 * np.polyfit(weeks, x, 1)[0]
    return slope if den is None else (slope / den.mean() if den.mean() > 0 else np.inf)


def score(s, value):
    est, (lo, hi) = value["estimate"], value["interval"]
    h = (hi - est) if s >= est else (est - lo)
    return (s - est) / h if h > 0 else np.inf


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("runs", nargs="+")
    ap.add_argument("--targets", default="")
    ap.add_argument("--scenario", default="")
    args = ap.parse_args()
    files = [h5py.File(r, "r") for r in args.runs]
    attr = files[0].attrs.get("scenario", "")
    attr = attr.decode() if isinstance(attr, bytes) else str(attr)
    try:  # the root attribute holds the resolved scenario TOML
        attr = tomllib.loads(attr).get("name", attr)
    except tomllib.TOMLDecodeError:
        pass
    scenario = args.scenario or attr
    wanted = set(filter(None, args.targets.split(",")))
    rows = []
    for path in sorted((ROOT / "data/targets").glob("*.toml")):
        t = tomllib.loads(path.read_text())
        if (wanted and t["id"] not in wanted) or (not wanted and t["model"]["scenario"] != scenario):
            continue
        try:
            s = float(np.mean([statistic(f, t["model"]) for f in files]))
        except (KeyError, ValueError) as e:
            print(f"{t['id']}: cannot score: {e}", file=sys.stderr)
            continue
        rows.append((t["id"], t["kind"], s, t["value"]["estimate"], t["value"]["interval"], score(s, t["value"])))
    print(f"{'target':28s} {'kind':9s} {'simulated':>10s} {'estimate':>9s} {'interval':>16s} {'z':>7s}")
    for tid, kind, s, est, (lo, hi), z in rows:
        print(f"{tid:28s} {kind:9s} {s:10.4f} {est:9.3f} {f'[{lo}, {hi}]':>16s} {z:7.2f}")
    if not rows:
        print(f"no target applies to scenario {scenario!r}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
