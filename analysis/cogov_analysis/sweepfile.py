"""Reader for sweep files (format `cogov-sweep`), registered with `formats`.

`cogov sweep` writes one row per run (run r is design point r / replicates,
replicate r % replicates) with the run's status, seed and parameter values,
the design (matrix, unit-cube sample, and the Saltelli or Morris structure
in `/design/group`, `role`, `changed`) and what `[record]` asked for: final
values, means over the last weeks and weekly series. Failed runs, and runs
not in a shard's file, have NaN values. Layout: docs/output-schema.md,
"Sweep files".
"""

import warnings
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

from . import formats
from .comparefile import scenario_events
from .errors import AnalysisWarning, FileFormatError
from .h5util import attrs_dict, strings, text_attr
from .labels import trust_info
from .runfile import series_info
from .sensitivity.saltelli import is_saltelli
from .series import split_trust_series
from .sweep import FAILED, MISSING, OK, Design, Sweep

SWEEP_FORMAT = "cogov-sweep"
SWEEP_FORMAT_VERSION = 1
STATUS = {0: MISSING, 1: OK, 2: FAILED}
SUMMARY_GROUPS = ("final", "mean")        # /final/<name>, /mean/<name>: one value per run
STRUCTURED = ("sobol", "morris")          # designs whose group and role the estimators need
STEPS_PARAMETER = "time.steps"


def _info(name: str, dataset) -> object:
    pair = split_trust_series(name)
    return trust_info(*pair, name) if pair else series_info(name, dataset)


def _run_table(f: h5py.File, params: list) -> pd.DataFrame:
    codes = f["runs/status"][...].astype(int)
    unknown = sorted(set(codes) - set(STATUS))
    if unknown:
        raise FileFormatError(f"unknown run status {unknown[0]} in /runs/status")
    table = pd.DataFrame({
        "point": f["runs/point"][...].astype("int64"),
        "replicate": f["runs/replicate"][...].astype("int64"),
        "seed": f["runs/seed"][...].astype("int64"),
        "status": [STATUS[c] for c in codes],
        "error": strings(f["runs/error"]),
    })
    for p in params:
        table[p] = f[f"runs/parameters/{p}"][...]
    return table.rename_axis("run")


def _design(path: Path, f: h5py.File, params: list) -> Design:
    g = f["design"]
    kind = text_attr(g, "type") or text_attr(f, "design")
    structured = kind in STRUCTURED
    design = Design(
        kind=kind,
        params=params,
        values=g["values"][...],
        unit=g["unit"][...],
        group=g["group"][...] if structured else None,
        role=g["role"][...] if structured else None,
        changed=g["changed"][...] if kind == "morris" else None,
        attrs=attrs_dict(g),
    )
    if kind == "sobol" and not is_saltelli(design.values, design.group, design.role):
        raise FileFormatError(f"{path}: damaged sweep file: /design/values is not the Saltelli design "
                              "that /design/group and /design/role describe")
    return design


def _run_lengths(f: h5py.File, runs: pd.DataFrame) -> np.ndarray:
    """Weeks each run simulated: the varied time.steps, else the file's steps."""
    if STEPS_PARAMETER in runs.columns:
        return runs[STEPS_PARAMETER].to_numpy(dtype="int64")
    return np.full(len(runs), int(f.attrs["steps"]), dtype="int64")


def summarise_series(values: np.ndarray, lengths: np.ndarray, weeks: int) -> dict:
    """final and mean of weekly series (run, step) as cogov records them: the value in each run's last week
    and the mean over its last `weeks` weeks (all of a shorter run; NaN if any of them is NaN)."""
    final = np.full(values.shape[0], np.nan)
    mean = np.full(values.shape[0], np.nan)
    for length in np.unique(lengths):
        rows = lengths == length
        window = min(weeks, int(length))
        final[rows] = values[rows, length - 1]
        mean[rows] = values[rows, length - window:length].mean(axis=1)
    return {"final": final, "mean": mean}


def _summaries(f: h5py.File, runs: pd.DataFrame, series_names: list, weeks: int) -> tuple[pd.DataFrame, list]:
    """Tidy summaries (run, series, summary, value): as recorded, then those of weekly series that
    [record] did not ask for, computed the same way. Also the names summarised here."""
    columns = {}
    for group in SUMMARY_GROUPS:
        for name in strings(f[f"record/{group}"]):
            columns[(name, group)] = f[f"{group}/{name}"][...]
    derived = []
    lengths = _run_lengths(f, runs)
    for name in series_names:
        missing = [g for g in SUMMARY_GROUPS if (name, g) not in columns]
        if missing:
            computed = summarise_series(f[f"series/{name}"][...], lengths, weeks)
            columns.update({(name, g): computed[g] for g in missing})
            derived.append(name)
    run = np.arange(len(runs))
    parts = [pd.DataFrame({"run": run, "series": name, "summary": group, "value": values})
             for (name, group), values in columns.items()]
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["run", "series", "summary", "value"])
    return out, derived


def _series_reader(path: Path):
    def read(names) -> dict:
        with h5py.File(path, "r") as f:
            return {n: f[f"series/{n}"][...] for n in names}
    return read


def _notes(path: Path, attrs: dict, runs: pd.DataFrame) -> list:
    """Warnings about what the file lacks: runs of other shards, failed runs."""
    notes = []
    total = len(runs)
    missing = int((runs["status"] == MISSING).sum())
    if not attrs.get("complete", 1) or missing:
        notes.append(f"{path}: incomplete sweep file (shard {attrs.get('shard', '?')} of sweep "
                     f"'{attrs.get('sweep_name', '')}'): {total - missing} of {total} runs are in it, the other "
                     f"{missing} have no values; join every shard's file with `cogov merge` for the whole sweep")
    failed = runs[runs["status"] == FAILED]
    if len(failed):
        points = failed["point"].nunique()
        notes.append(f"{path}: {len(failed)} of {total} runs failed, at {points} design point{'s' if points > 1 else ''}, "
                     f"and have no values; e.g. run {failed.index[0]}: {failed['error'].iloc[0] or 'no reason recorded'}")
    return notes


PROVENANCE_KEYS = ("sweep_name", "sweep_source", "scenario_name", "design", "seed", "common_seeds", "replicates",
                   "points", "runs", "steps", "runs_done", "runs_failed", "complete", "shard", "sweep_id",
                   "cogov_version", "git_commit", "created", "wall_seconds", "format", "format_version")


def read_sweep(path: Path, f: h5py.File) -> Sweep:
    attrs = attrs_dict(f)
    params = strings(f["parameter"])
    runs = _run_table(f, params)
    series_names = strings(f["record/series"])
    weeks = int(f["mean"].attrs.get("weeks", 0)) or len(f["step"])
    summaries, derived = _summaries(f, runs, series_names, weeks)
    info = {}
    for group in ("series",) + SUMMARY_GROUPS:
        info.update({n: _info(n, f[f"{group}/{n}"]) for n in strings(f[f"record/{group}"]) if n not in info})
    notes = _notes(path, attrs, runs)
    for note in notes:
        warnings.warn(note, AnalysisWarning, stacklevel=3)   # at open_file's caller
    provenance = {k: attrs[k] for k in PROVENANCE_KEYS if k in attrs}
    provenance.update(mean_weeks=weeks, path=str(path), summaries_from_series=derived,
                      sweep=attrs.get("sweep", ""), scenario=attrs.get("scenario", ""))
    return Sweep(
        runs=runs,
        design=_design(path, f, params),
        summaries=summaries,
        info=info,
        provenance=provenance,
        series_names=series_names,
        steps=f["step"][...],
        read_series=_series_reader(path),
        param_info={p: series_info(p, f[f"runs/parameters/{p}"]) for p in params},
        notes=notes,
        events=scenario_events(attrs.get("scenario", "")),
    )


formats.register(SWEEP_FORMAT, SWEEP_FORMAT_VERSION, read_sweep)
