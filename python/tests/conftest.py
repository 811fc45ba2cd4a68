"""Shared set-up of the Python module's tests: the built package on the
path (build/python, or $COGOV_BUILD/python), the cogov binary ($COGOV_BIN)
and a tiny city."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Idle OpenMP threads sleep instead of spinning: on a machine shared by
# several builds, spinning threads of tiny 2-thread models lose their cores
# and a 0.2 s run takes seconds. Read once, when the module (libgomp) loads;
# changes scheduling only, never results.
os.environ.setdefault("OMP_WAIT_POLICY", "passive")

REPO = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("COGOV_BUILD", REPO / "build"))
sys.path.insert(0, str(BUILD / "python"))

import cogov  # noqa: E402

COGOV_BIN = os.environ.get("COGOV_BIN", str(BUILD / "bin" / "cogov"))

#: A city small enough to step in milliseconds, every mechanism on.
TINY = {"city.communities": 3, "city.streets": 2, "city.residents_per_community": 150, "time.steps": 30,
        "grid.enabled": True, "platform.enabled": True, "participation.deliberation": True,
        "socorg.hub_share": 0.2}


def tiny_overrides() -> list:
    """TINY as `--set key=value` arguments for the cogov binary."""
    args = []
    for k, v in TINY.items():
        args += ["--set", f"{k}={str(v).lower() if isinstance(v, bool) else v}"]
    return args


def cli(*args, check=True) -> subprocess.CompletedProcess:
    """Run the cogov binary."""
    result = subprocess.run([COGOV_BIN, *map(str, args)], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"cogov {' '.join(map(str, args))} failed ({result.returncode}):\n{result.stderr}")
    return result


@pytest.fixture
def tiny() -> cogov.Scenario:
    return cogov.load_scenario("baseline", set=TINY)
