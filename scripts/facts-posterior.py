#!/usr/bin/python3
"""Run the stylized-fact tests over posterior draws of a calibration.

Usage: scripts/facts-posterior.py CALIB.h5 [--draws N] [--seed S] [--tests build/bin/cogov_tests]

Draws N particles of the calibration's final generation (by weight, with a
fixed seed, so the same draws every time), and for each draw runs every
"fact N:" test case of tests/sim/test_stylized_facts.cpp with the draw's
parameter values set in every arm (COGOV_FACTS_PARAMS). A fact holds in a
draw when its checks pass; the tests marked should_fail (facts the model is
known not to show) are counted the same way, by their checks, not by
doctest's inverted verdict. Prints a Markdown table of the share of draws
in which each fact holds (docs/ODD.md, "Patterns"). Each fact test takes
5-30 s on 2 cores, so 10 draws take about 10-15 minutes.
"""
import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def facts():
    """(number, title, marked should_fail) of each fact test case."""
    text = (ROOT / "tests/sim/test_stylized_facts.cpp").read_text()
    out = []
    for m in re.finditer(r'TEST_CASE\("(fact (\d+): [^"]*)"(\s*\*\s*doctest::should_fail\(\))?', text):
        out.append((int(m.group(2)), m.group(1), m.group(3) is not None))
    return out


def draws(path, n, seed):
    with h5py.File(path, "r") as f:
        if f.attrs.get("format") != "cogov-calibration":
            sys.exit(f"{path}: not a cogov calibration file")
        keys = [k.decode() if isinstance(k, bytes) else str(k) for k in f["parameter"][:]]
        theta, w = f["generations/theta"][-1], f["generations/weight"][-1]
    rng = np.random.default_rng(seed)
    picks = rng.choice(len(w), size=n, replace=True, p=w / w.sum())
    return [",".join(f"{k}={theta[i, j]!r}" for j, k in enumerate(keys)) for i in picks]


def holds(tests, number, should_fail, params):
    env = dict(os.environ, COGOV_FACTS_PARAMS=params)
    env.pop("COGOV_FACTS_REPORT", None)
    rc = subprocess.run([tests, f"-tc=fact {number}:*"], env=env, stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL).returncode
    return (rc != 0) if should_fail else (rc == 0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("--draws", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--tests", default=str(ROOT / "build/bin/cogov_tests"))
    args = ap.parse_args()
    if args.draws < 1:
        sys.exit("--draws: expected a positive number of draws")
    if not os.access(args.tests, os.X_OK):
        sys.exit(f"{args.tests}: no test binary (build first)")
    sample = draws(args.file, args.draws, args.seed)
    print(f"| fact | holds at the defaults | holds in posterior draws |")
    print("| --- | --- | ---: |")
    for number, title, should_fail in facts():
        at_defaults = holds(args.tests, number, should_fail, "")
        count = sum(holds(args.tests, number, should_fail, p) for p in sample)
        print(f"| {title} | {'yes' if at_defaults else 'no'} | {count} of {len(sample)} ({100 * count / len(sample):.0f}%) |",
              flush=True)


if __name__ == "__main__":
    main()
