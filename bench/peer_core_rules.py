#!/usr/bin/python3
"""The core trust rules alone in numpy: the same rules as bench/peer_core_rules.cpp.

Each week, for every resident of a ring (5 trust values each): an issue
with chance P_ISSUE, with one actor type drawn uniformly, good with chance
P_GOOD, moves that trust by the asymmetric rule (good: T += A_GAIN (1 - T),
bad: T -= A_LOSS T); then every trust value moves by MU toward the mean of
the 8 ring neighbours' last-week values. numpy's own generator (PCG64) draws
the random numbers, so the values differ from the C++ peer's; the work per
resident is the same. One thread (numpy's element-wise operations are not
parallel).

    /usr/bin/python3 bench/peer_core_rules.py [--residents 1000000] [--steps 52]
"""
import argparse
import time

import numpy as np

ACTORS, HALF_RING = 5, 4
P_ISSUE, P_GOOD, A_GAIN, A_LOSS, MU = 0.05, 0.6, 0.05, 0.15, 0.05


def week(trust, rng, padded, total):
    """One week of the three rules on trust (ACTORS x N, float32), in place;
    padded (ACTORS x N + 8) and total (ACTORS x N) are scratch."""
    n = trust.shape[1]
    issue = rng.random(n, dtype=np.float32) < P_ISSUE
    good = rng.random(n, dtype=np.float32) < P_GOOD
    actor = rng.integers(0, ACTORS, n)
    cols = np.nonzero(issue)[0]
    t = trust[actor[cols], cols]
    g = good[cols]
    trust[actor[cols], cols] = np.where(g, t + np.float32(A_GAIN) * (1 - t), t - np.float32(A_LOSS) * t)
    # The ring, wrapped: padded[:, HALF_RING + i] is trust[:, i].
    padded[:, HALF_RING:HALF_RING + n] = trust
    padded[:, :HALF_RING] = trust[:, n - HALF_RING:]
    padded[:, HALF_RING + n:] = trust[:, :HALF_RING]
    total.fill(0)
    for d in range(1, HALF_RING + 1):
        total += padded[:, HALF_RING - d:HALF_RING - d + n]
        total += padded[:, HALF_RING + d:HALF_RING + d + n]
    total *= np.float32(1.0 / (2 * HALF_RING))
    total -= trust
    total *= np.float32(MU)
    trust += total


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--residents", type=int, default=1_000_000)
    ap.add_argument("--steps", type=int, default=52)
    args = ap.parse_args()
    rng = np.random.default_rng(1)
    trust = np.repeat((0.3 + 0.1 * np.arange(ACTORS, dtype=np.float32))[:, None], args.residents, axis=1)
    padded = np.empty((ACTORS, args.residents + 2 * HALF_RING), dtype=np.float32)
    total = np.empty_like(trust)
    start = time.perf_counter()
    for _ in range(args.steps):
        week(trust, rng, padded, total)
    seconds = time.perf_counter() - start
    print(f"residents {args.residents}  steps {args.steps}  threads 1 (numpy {np.__version__})")
    print(f"step_seconds {seconds:.2f}")
    print(f"resident_steps_per_second {args.residents * args.steps / seconds:.0f}")
    print(f"mean_trust {float(trust.mean()):.6f}")


if __name__ == "__main__":
    main()
