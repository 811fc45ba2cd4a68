"""Stepping through Python against the engine benchmark (bench_engine.cpp),
and the per-call overhead of Model.step() on a tiny model.

  PYTHONPATH=build/python /usr/bin/python3 bench/bench_python.py [--steps 52] [--threads 2] [--repeats 3]

Part 1 builds the benchmark's city (500 communities x 2,000 residents, 50
streets, every mechanism on) and times m.step(steps), interleaved with
`build/bin/cogov_bench` on the same city, seed and weeks; each side's
fastest of `repeats`, wall time. Part 2 does the same on one thread in
processor time, which other work on a shared machine disturbs far less:
the engine's from cogov_bench's user time for `steps` weeks minus that for
one week (the city's initialisation cancels out), Python's from
time.process_time() around m.step(steps - 1) after a first m.step().
Part 3 times 20,000 calls of m.step() on a city of one community of 10
residents against one m.step(20000) call.
"""

import argparse
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "build" / "python"))
import cogov  # noqa: E402

BENCH_CITY = {"city.residents_per_community": 2000, "grid.enabled": True, "platform.enabled": True,
              "participation.deliberation": True, "socorg.hub_share": 0.2, "talk.epsilon": 0.5}


def python_seconds(communities: int, steps: int, threads: int) -> float:
    s = cogov.load_scenario(None, set={"city.communities": communities, "city.streets": max(1, communities // 10),
                                       **BENCH_CITY, "time.steps": steps})
    m = cogov.Model(s, seed=1, threads=threads)
    start = time.perf_counter()
    m.step(steps)
    return time.perf_counter() - start


def cli_seconds(bench: str, communities: int, steps: int, threads: int) -> float:
    out = subprocess.run([bench, "--communities", str(communities), "--steps", str(steps), "--threads", str(threads)],
                         capture_output=True, text=True, check=True).stdout
    return float(re.search(r"step_seconds ([0-9.]+)", out).group(1))


def cli_cpu_seconds(bench: str, communities: int, steps: int) -> float:
    """User+system seconds of cogov_bench stepping weeks 2..steps on one thread."""
    def cpu(weeks):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([bench, "--communities", str(communities), "--steps", str(weeks), "--threads", "1"],
                       capture_output=True, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu(steps) - cpu(1)


def python_cpu_seconds(communities: int, steps: int) -> float:
    s = cogov.load_scenario(None, set={"city.communities": communities, "city.streets": max(1, communities // 10),
                                       **BENCH_CITY, "time.steps": steps})
    m = cogov.Model(s, seed=1, threads=1)
    m.step()
    start = time.process_time()
    m.step(steps - 1)
    return time.process_time() - start


def overhead(calls: int) -> tuple:
    s = cogov.load_scenario(None, set={"city.communities": 1, "city.streets": 1, "city.residents_per_community": 10,
                                       "time.steps": 2 * calls})
    m = cogov.Model(s, seed=1)
    step = m.step
    start = time.perf_counter()
    for _ in range(calls):
        step()
    loop = time.perf_counter() - start
    start = time.perf_counter()
    m.step(calls)
    batched = time.perf_counter() - start
    return loop / calls, batched / calls


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--communities", type=int, default=500)
    ap.add_argument("--steps", type=int, default=52)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--bench", default=str(REPO / "build" / "bin" / "cogov_bench"))
    ap.add_argument("--calls", type=int, default=20000)
    a = ap.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    py, cli = [], []
    for r in range(a.repeats):
        cli.append(cli_seconds(a.bench, a.communities, a.steps, a.threads))
        py.append(python_seconds(a.communities, a.steps, a.threads))
        print(f"  repeat {r + 1}: cogov_bench {cli[-1]:.2f} s, Python m.step({a.steps}) {py[-1]:.2f} s")
    residents = a.communities * 2000
    print(f"city: {residents} residents, {a.steps} weeks, {a.threads} threads")
    print(f"cogov_bench step_seconds (fastest): {min(cli):.2f}  ({residents * a.steps / min(cli) / 1e6:.1f} M resident-steps/s)")
    print(f"Python m.step(n) seconds (fastest): {min(py):.2f}  ({residents * a.steps / min(py) / 1e6:.1f} M resident-steps/s)")
    print(f"Python / C++: {min(py) / min(cli):.3f}")
    cpu_cli, cpu_py = [], []
    for r in range(a.repeats):
        cpu_cli.append(cli_cpu_seconds(a.bench, a.communities, a.steps))
        cpu_py.append(python_cpu_seconds(a.communities, a.steps))
        print(f"  repeat {r + 1}, 1 thread, processor time: cogov_bench {cpu_cli[-1]:.2f} s, Python {cpu_py[-1]:.2f} s")
    print(f"1 thread, processor seconds for weeks 2..{a.steps} (fastest): cogov_bench {min(cpu_cli):.2f}, "
          f"Python {min(cpu_py):.2f}; Python / C++: {min(cpu_py) / min(cpu_cli):.3f}")
    per_call, per_week = overhead(a.calls)
    print(f"tiny model (10 residents): m.step() {per_call * 1e6:.2f} us per call; m.step({a.calls}) "
          f"{per_week * 1e6:.2f} us per week; overhead {1e6 * (per_call - per_week):.2f} us per call")


if __name__ == "__main__":
    main()
