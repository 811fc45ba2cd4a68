"""Whole runs, comparisons and sweeps: the engine writes the same HDF5 file
the command line writes, and the analysis toolkit reads it back as an
xarray Dataset, so notebooks and the toolkit share one vocabulary."""

import contextlib
import os
import tempfile

from . import _cogov


def _threads(threads):
    return (os.cpu_count() or 1) if threads is None else int(threads)


def _scenario(s, steps=None) -> _cogov.Scenario:
    """A Scenario as given, or loaded from a path or library name; `steps` set on top."""
    if not isinstance(s, _cogov.Scenario):
        from . import load_scenario
        s = load_scenario(s)
    return s if steps is None else s.with_values({"time.steps": int(steps)})


@contextlib.contextmanager
def _output(out, name: str):
    """The file to write: `out`, or one in a temporary folder removed afterwards."""
    if out is not None:
        yield os.fspath(out)
        return
    with tempfile.TemporaryDirectory(prefix="cogov-") as folder:
        yield os.path.join(folder, name)


def _open(path):
    from cogov_analysis import open_file
    return open_file(path)


def run(scenario, seed: int = 1, steps=None, out=None, threads=None, force: bool = False, snapshot: bool = False,
        level: str = "city"):
    """Run a scenario to the end, as `cogov run`, and return its series as an xarray Dataset.

    scenario: a Scenario, a file or a library name. steps: weeks (time.steps)
    instead of the scenario's. out: also keep the HDF5 run file there (force:
    replace an existing one; snapshot: add the final per-agent state). threads:
    default all cores; results never depend on it. level: "city" (dims step,
    truster, trustee) or "communities" (step, community, ...): the Dataset
    cogov_analysis.datasets.to_dataset(open_file(out), level=level) gives.
    Ctrl-C stops the run between weeks (KeyboardInterrupt; no file is written).

    >>> ds = cogov.run("baseline", seed=1, steps=52)
    >>> ds["trust"].sel(truster="residents", trustee="government").plot()
    """
    from cogov_analysis.datasets import to_dataset
    s = _scenario(scenario, steps)
    with _output(out, "run.h5") as path:
        _cogov._run(s, int(seed), _threads(threads), path, force, snapshot)
        return to_dataset(_open(path), level=level)


def compare(base, *alternatives, replicates: int = 10, seed: int = 1, steps=None, out=None, threads=None,
            series: bool = True, force: bool = False):
    """Compare scenarios on common random numbers, as `cogov compare`, and return an xarray Dataset.

    Replicate r of every arm runs with the same seed, so differences are the
    policy, not the dice. Scenarios are Scenario objects, files or library
    names; the first is the base. The Dataset (cogov_analysis's
    comparison_dataset) has each arm's weekly series (arm, replicate, step;
    unless series=False), every replicate's outcomes (arm, replicate,
    outcome) and the paired differences from the base with their 95% interval
    and variance reduction (difference, difference_low, difference_high,
    difference_sd, variance_reduction: arm, outcome). out: keep the file.

    >>> ds = cogov.compare("baseline", "grid-management", replicates=8, steps=104)
    >>> ds["difference"].sel(arm="grid-management", outcome="run.resolved_share")
    """
    from cogov_analysis.datasets import to_dataset
    if not alternatives:
        raise ValueError("compare: give a base scenario and at least one alternative")
    arms = [_scenario(s, steps) for s in (base, *alternatives)]
    with _output(out, "compare.h5") as path:
        _cogov._compare(arms, path, int(replicates), int(seed), _threads(threads), bool(series), force)
        return to_dataset(_open(path))


def sweep(path, out=None, threads=None, resume: bool = False, force: bool = False):
    """Run a sweep file (docs/sweeps.md), as `cogov sweep`, and return an xarray Dataset.

    The Dataset (cogov_analysis's sweep_dataset) has the recorded summaries
    (run, summary), weekly series `weekly_<name>` (run, step), the design
    (design_values, design_unit: point, parameter; design_group, design_role)
    and the run table (run_point, replicate, seed, status, parameters) along
    run. out: keep the sweep file (needed for cogov_analysis's sensitivity
    indices, and to resume=True after Ctrl-C, which leaves the journal of the
    finished runs next to it). Raises ScenarioError for a refused sweep file.

    >>> ds = cogov.sweep("sweeps/burden-grid.toml", out="burden.h5")
    """
    from cogov_analysis.datasets import to_dataset
    with _output(out, "sweep.h5") as target:
        summary = _cogov._sweep(os.fspath(path), target, _threads(threads), resume, force)
        if summary["interrupted"]:
            raise KeyboardInterrupt(f"sweep interrupted; finished runs are in {summary['journal']}")
        return to_dataset(_open(target))
