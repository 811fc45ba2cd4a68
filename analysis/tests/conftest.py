"""Real run, comparison and sweep files made by the cogov binary once per test session.

The binary is $COGOV_BIN, else build/bin/cogov in the repository.
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
            "no-organizations": (root / "no-organizations.h5", ["--seed", "5", "--set", "socorg.initial_per_community=0", "--set", "socorg.entry_rate=0"])}
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


SCARCE_ORGANIZATIONS = ["--set", "socorg.initial_per_community=0", "--set", "socorg.entry_rate=0.05", "--set", "time.burn_in=0"]


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


SWEEP_SET = """[set]
"time.steps" = 10
"city.communities" = 2
"city.streets" = 1
"city.residents_per_community" = 150
"""
SWEEP_FILES = {   # small versions of the sweeps/ examples (name -> sweep file without its [set] table)
    "sobol": """name = "tiny-sobol"
seed = 7
replicates = 2
[design]
type = "sobol"
n = 16
[parameters]
"trust.a_gain" = { min = 0.01, max = 0.2 }
"trust.a_loss" = { min = 0.05, max = 0.4 }
"power.leader_tenure" = { min = 52, max = 520 }
[record]
series = ["participation_rate", "trust.residents.government"]
final = ["trust.residents.government", "socorgs_active"]
mean = ["trust.residents.government", "resolution_rate"]
last_weeks = 4
""",
    "morris": """name = "tiny-morris"
seed = 5
[design]
type = "morris"
n = 6
levels = 4
[parameters]
"trust.a_gain" = { min = 0.01, max = 0.2 }
"committee.delegated_items" = { min = 0, max = 296 }
"grid.enabled" = { min = false, max = true }
[record]
series = ["participation_rate"]
final = ["backlog", "trust.residents.government"]
mean = ["resolution_rate"]
last_weeks = 4
""",
    # city.streets = 3 exceeds the 2 communities: those points' runs fail
    "grid": """name = "tiny-grid"
seed = 3
replicates = 2
[design]
type = "factorial"
[parameters]
"committee.delegated_items" = [296, 72]
"city.streets" = [1, 3]
"time.steps" = [8, 10]
[record]
series = ["participation_rate", "trust.residents.resident_committee"]
final = ["participation_rate", "backlog"]
mean = ["participation_rate"]
last_weeks = 4
""",
    "summaries-only": """name = "tiny-lhs"
seed = 1
replicates = 2
[design]
type = "latin_hypercube"
n = 6
[parameters]
"trust.a_gain" = { min = 0.01, max = 0.2 }
"grid.enabled" = { min = false, max = true }
""",
    "csv-saltelli": """name = "csv-saltelli"
[design]
type = "csv"
file = "saltelli.csv"
[record]
final = ["participation_rate"]
""",
    "failing-sobol": """name = "failing-sobol"
seed = 11
[design]
type = "sobol"
n = 16
[parameters]
"trust.a_gain" = { min = 0.01, max = 0.2 }
"city.streets" = { min = 1, max = 3 }
[record]
final = ["participation_rate"]
""",
}


@pytest.fixture(scope="session")
def sweep_files(tmp_path_factory) -> dict:
    """Sweep files from `cogov sweep`: 'sobol' (Saltelli, 16 base samples x 5 points x 2 replicates, weekly
    series), 'morris' (6 trajectories), 'grid' (factorial; half its points fail; run lengths 8 and 10
    weeks), 'summaries-only' (Latin hypercube, no [record]), 'csv-saltelli' (a Saltelli design made here,
    as a csv design), 'failing-sobol' (Saltelli whose points with 3 streets fail) and 'shard' (the first
    of two shards of 'sobol')."""
    root = tmp_path_factory.mktemp("sweeps")
    write_csv_design(root / "saltelli.csv")
    jobs = {}
    for name, text in SWEEP_FILES.items():
        toml = root / f"{name}.toml"
        toml.write_text(text.replace("[design]", SWEEP_SET + "[design]", 1))
        jobs[name] = [str(toml), "-o", str(root / f"{name}.h5")]
    jobs["shard"] = [str(root / "sobol.toml"), "-o", str(root / "shard.h5"), "--shard", "1/2"]
    items = list(jobs.items())
    for start in range(0, len(items), 2):
        procs = [(name, subprocess.Popen([str(cogov_bin()), "sweep", *args, "--threads", "1", "-q", "--force"]))
                 for name, args in items[start:start + 2]]
        for name, proc in procs:
            if proc.wait() != 0:
                pytest.fail(f"cogov sweep for {name} failed with status {proc.returncode}")
    return {name: root / f"{name}.h5" for name in jobs}


CSV_BOUNDS = {"trust.a_gain": (0.01, 0.2), "trust.a_loss": (0.05, 0.4)}


def write_csv_design(path: Path) -> None:
    """A Saltelli design (8 base samples, interleaved as SALib writes it) for a csv sweep."""
    from cogov_analysis.sensitivity import saltelli_sample
    x = saltelli_sample(8, list(CSV_BOUNDS.values()), seed=2)
    lines = [",".join(CSV_BOUNDS)] + [",".join(f"{v:.17g}" for v in row) for row in x]
    path.write_text("\n".join(lines) + "\n")
