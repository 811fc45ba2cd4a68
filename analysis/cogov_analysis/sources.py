"""What a command reads: one cogov file, several run files, or arms of run files."""

import glob
from pathlib import Path

from .comparison import Comparison
from .errors import AnalysisError
from .formats import open_file
from .run import Run
from .series import MEAN_WEEKS
from .sweep import Sweep

KIND_NAMES = {Run: "a run file (cogov-run)", Comparison: "a comparison (cogov-compare, or --arm)",
              Sweep: "a sweep (cogov-sweep, or several run files)"}


def expand(patterns) -> list:
    """File names, with glob patterns expanded (for patterns the shell left alone)."""
    out = []
    for p in patterns:
        matches = sorted(glob.glob(p)) if any(c in p for c in "*?[") else []
        out.extend(matches or [p])
    return out


def runs_of(paths) -> list:
    """Run files only: anything else is refused."""
    runs = []
    for path in expand(paths):
        obj = open_file(path)
        if not isinstance(obj, Run):
            raise AnalysisError(f"{path}: expected a run file (cogov-run)")
        runs.append(obj)
    return runs


def load(files=(), arms=(), mean_weeks: int = MEAN_WEEKS):
    """A Run, Comparison or Sweep from the command line's inputs.

    arms: [[name, file, ...], ...] -> a Comparison paired by seed;
    one file -> whatever it holds; several run files -> a Sweep over the
    parameters they differ in.
    """
    if arms:
        if files:
            raise AnalysisError("give either files or --arm, not both")
        return Comparison.from_runs({a[0]: runs_of(a[1:]) for a in _checked_arms(arms)}, mean_weeks)
    files = expand(files)
    if not files:
        raise AnalysisError("no input file given")
    if len(files) == 1:
        return open_file(files[0])
    return Sweep.from_runs(runs_of(files), mean_weeks)


def _checked_arms(arms) -> list:
    for arm in arms:
        if len(arm) < 2:
            raise AnalysisError(f"--arm {arm[0]}: give the arm's name, then its run files")
    names = [a[0] for a in arms]
    if len(set(names)) != len(names):
        raise AnalysisError(f"arm names must differ: {', '.join(names)}")
    return arms


def require(obj, kind, command: str):
    """obj if it is of `kind`, else a clear error naming what the command needs."""
    if not isinstance(obj, kind):
        got = next((v for k, v in KIND_NAMES.items() if isinstance(obj, k)), type(obj).__name__)
        raise AnalysisError(f"{command} needs {KIND_NAMES[kind]}; the input is {got}")
    return obj
