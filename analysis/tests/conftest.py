"""Real run files made by the cogov binary once per test session.

The binary is $COGOV_BIN, else build/sim/cogov in the repository.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ANALYSIS = REPO / "analysis"
DATA = Path(__file__).resolve().parent / "data"
sys.path.insert(0, str(ANALYSIS))

STEPS = 30
SMALL = ["--set", "city.communities=3", "--set", "city.streets=1", "--set", "city.residents_per_community=200",
         "--set", "grid.households_per_cell=30", "--steps", str(STEPS), "--threads", "1", "-q"]
SEEDS = (1, 2, 3)
SWEEP = {"trust.a_loss": (0.1, 0.3), "needs.rate": (0.01, 0.03)}


def cogov_bin() -> Path:
    path = Path(os.environ.get("COGOV_BIN") or REPO / "build" / "sim" / "cogov")
    if not path.is_file():
        pytest.fail(f"cogov binary not found at {path}: build it first, or set COGOV_BIN")
    return path


def run_cogov(out: Path, *args, command: str = "run") -> subprocess.Popen:
    """Start `cogov run` for one small run (or `cogov compare` of small runs)."""
    return subprocess.Popen([str(cogov_bin()), command, *args, *SMALL, "-o", str(out), "--force"])


def make_runs(jobs: dict, command: str = "run") -> dict:
    """{name: (path, args)} -> run them two at a time; {name: path}."""
    items = list(jobs.items())
    for start in range(0, len(items), 2):
        procs = [(name, run_cogov(path, *args, command=command)) for name, (path, args) in items[start:start + 2]]
        for name, proc in procs:
            if proc.wait() != 0:
                pytest.fail(f"cogov {command} for {name} failed with status {proc.returncode}")
    return {name: path for name, (path, _) in items}


@pytest.fixture(scope="session")
def files(tmp_path_factory) -> dict:
    """Run files: 'events' (a scenario with two events), 'no-organizations' (no social organization
    ever: its trust row is NaN), 'base-<seed>' and 'more-needs-<seed>' (the arms of a comparison), and
    'sweep-<i>' (2 x 2 parameters x 2 seeds)."""
    root = tmp_path_factory.mktemp("runs")
    jobs = {"events": (root / "events.h5", [str(DATA / "events.toml"), "--seed", "5"]),
            "no-organizations": (root / "no-organizations.h5", ["--seed", "5", "--set", "socorg.initial_per_community=0"])}
    for seed in SEEDS:
        jobs[f"base-{seed}"] = (root / f"base-{seed}.h5", ["--seed", str(seed)])
        jobs[f"more-needs-{seed}"] = (root / f"more-needs-{seed}.h5", ["--seed", str(seed), "--set", "needs.rate=0.04"])
    i = 0
    for loss in SWEEP["trust.a_loss"]:
        for rate in SWEEP["needs.rate"]:
            for seed in SEEDS[:2]:
                args = ["--seed", str(seed), "--set", f"trust.a_loss={loss}", "--set", f"needs.rate={rate}"]
                jobs[f"sweep-{i}"] = (root / f"sweep-{i}.h5", args)
                i += 1
    return make_runs(jobs)


@pytest.fixture(scope="session")
def events_run(files):
    from cogov_analysis import open_file
    return open_file(files["events"])


@pytest.fixture(scope="session")
def sweep_paths(files) -> list:
    return sorted((p for n, p in files.items() if n.startswith("sweep-")), key=lambda p: int(p.stem.split("-")[1]))


@pytest.fixture(scope="session")
def comparison(files):
    from cogov_analysis import open_file
    from cogov_analysis.comparison import Comparison
    arms = {arm: [open_file(files[f"{arm}-{s}"]) for s in SEEDS] for arm in ("base", "more-needs")}
    return Comparison.from_runs(arms)


SCARCE_ORGANIZATIONS = ["--set", "socorg.initial_per_community=0", "--set", "socorg.entry_rate=0.05"]


@pytest.fixture(scope="session")
def compare_files(tmp_path_factory) -> dict:
    """Comparison files from `cogov compare` (3 paired replicates): 'full' (baseline,
    more-needs, events-test, with weekly series), 'outcomes' (baseline, more-needs, --no-series) and
    'scarce' (baseline, more-needs, no social organization at first: NaN trust rows early on)."""
    root = tmp_path_factory.mktemp("comparisons")
    arms = ["baseline", str(DATA / "more-needs.toml")]
    common = ["-r", str(len(SEEDS))]
    jobs = {"full": (root / "full.h5", [*arms, str(DATA / "events.toml"), *common]),
            "outcomes": (root / "outcomes.h5", [*arms, *common, "--no-series"]),
            "scarce": (root / "scarce.h5", [*arms, *common, *SCARCE_ORGANIZATIONS])}
    return make_runs(jobs, command="compare")
