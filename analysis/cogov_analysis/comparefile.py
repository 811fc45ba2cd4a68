"""Reader for comparison files (format `cogov-compare`), registered with `formats`.

`cogov compare` runs every arm's replicates on common random numbers and
records each replicate's outcomes (`/arms/<k>/outcomes`), the paired
differences with their 95% intervals (`/differences/<k>`) and, unless it
ran with `--no-series`, every replicate's weekly city series
(`/arms/<k>/city`). Layout: docs/output-schema.md, "Comparison files".
"""

import re
import tomllib
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

from . import formats
from .comparison import DIFFERENCE_COLUMNS, Comparison
from .errors import FileFormatError
from .h5util import as_text, attrs_dict, strings
from .labels import trust_info
from .runfile import group_info
from .series import SeriesInfo, split_outcome, split_trust_series, trust_series

COMPARE_FORMAT = "cogov-compare"
COMPARE_FORMAT_VERSION = 1

# /differences/<k> dataset -> column of Comparison.differences()
RECORDED_COLUMNS = {"mean_base": "mean_base", "mean_alternative": "mean_arm", "diff_mean": "difference",
                    "diff_sd": "sd", "ci_low": "low", "ci_high": "high", "variance_reduction": "variance_reduction"}
# How an outcome's meaning ends: the weeks it summarises (older files: the whole run, without weeks).
SUMMARY_SUFFIX = re.compile(r", (in the last week|averaged over weeks|summed over|mean over|over) ?(the run|weeks .*|\(week .*)?$")


def _arm_groups(path: Path, f: h5py.File) -> list:
    """The arm groups in arm order (0 is the base)."""
    keys = list(f["arms"])
    if sorted(keys) != sorted(str(k) for k in range(len(keys))) or len(keys) < 2:
        raise FileFormatError(f"{path}: damaged comparison file (arms {', '.join(keys) or 'none'}; "
                              "expected 0, 1, ...)")
    return [f[f"arms/{k}"] for k in range(len(keys))]


def _arm_names(groups: list) -> list:
    """Each arm's scenario name, made unique (the same scenario may be compared under two settings)."""
    names = []
    for k, g in enumerate(groups):
        name = as_text(g.attrs.get("name", "")) or f"arm {k}"
        names.append(name if name not in names else f"{name} (arm {k})")
    return names


def _toml_text(value) -> str:
    """An event's value as cogov writes it in run files."""
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def scenario_events(toml: str) -> pd.DataFrame:
    """The events of a fully resolved scenario: step, key, value, note (one row per parameter set)."""
    try:
        events = tomllib.loads(toml).get("events", [])
    except tomllib.TOMLDecodeError as e:
        raise FileFormatError(f"an arm's scenario is not valid TOML ({e})") from None
    rows = [{"step": int(e["step"]), "key": key, "value": _toml_text(value), "note": e.get("note", "")}
            for e in events for key, value in e.get("set", {}).items()]
    return pd.DataFrame(rows, columns=["step", "key", "value", "note"]).astype({"step": "int64"})


def _city_series(city: h5py.Group, actors: list) -> tuple[list, np.ndarray]:
    """Series names and values (replicate, step, series) of one arm's city group."""
    names = [n for n, d in city.items() if isinstance(d, h5py.Dataset) and n != "trust"]
    blocks = [np.stack([city[n][...] for n in names], axis=-1)]
    if "trust" in city:
        trust = city["trust"][...]
        blocks.append(trust.reshape(trust.shape[:2] + (-1,)))
        names += [trust_series(a, b) for a in actors for b in actors]
    return names, np.concatenate(blocks, axis=-1)


def _tidy(values: np.ndarray, labels: dict, value_name: str = "value") -> pd.DataFrame:
    """An n-dimensional array -> tidy rows, one column per axis (labels: {column: axis values})."""
    index = pd.MultiIndex.from_product(list(labels.values()), names=list(labels))
    return pd.DataFrame({value_name: values.reshape(-1)}, index=index).reset_index()


def _series_frame(path, groups, arms, steps, replicates, actors) -> tuple[pd.DataFrame, dict]:
    """Every arm's weekly series, tidy, and their units; no rows when the file has none."""
    parts, info = [], {}
    for arm, g in zip(arms, groups):
        if "city" not in g:
            continue
        names, values = _city_series(g["city"], actors)
        parts.append(_tidy(values, {"replicate": replicates, "step": steps, "series": names}).assign(arm=arm))
        info.update(group_info(g["city"], exclude=("trust",)))
    columns = ["arm", "replicate", "step", "series", "value"]
    if len(parts) not in (0, len(arms)):
        raise FileFormatError(f"{path}: damaged comparison file (some arms have weekly series, some not)")
    series = pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)
    return series, info


def _outcome_info(names: list, meanings: list, known: dict) -> dict:
    """SeriesInfo of each outcome's series that the weekly series do not describe (e.g. run.resolved_share)."""
    info = {}
    for name, meaning in zip(names, meanings):
        series, summary = split_outcome(name)
        if series in known or series in info:
            continue
        pair = split_trust_series(series)
        if pair:
            info[series] = trust_info(*pair, series)
            continue
        meaning = SUMMARY_SUFFIX.sub("", meaning)
        info[series] = SeriesInfo(series, "ratio" if summary == "run" else "", meaning)
    return info


def _outcomes_frame(groups, arms, replicates, names) -> pd.DataFrame:
    """Each replicate's outcomes, tidy: arm, replicate, series, summary, value."""
    pairs = pd.DataFrame([split_outcome(n) for n in names], index=names, columns=["series", "summary"])
    parts = [_tidy(g["outcomes"][...], {"replicate": replicates, "outcome": names}).assign(arm=arm)
             for arm, g in zip(arms, groups)]
    out = pd.concat(parts, ignore_index=True).join(pairs, on="outcome")
    return out[["arm", "replicate", "series", "summary", "value"]]


def _recorded_differences(f: h5py.File, arms: list, names: list, replicates: int) -> pd.DataFrame:
    """cogov compare's own statistics of each alternative arm against the base."""
    pairs = [split_outcome(n) for n in names]
    parts = []
    for k, arm in enumerate(arms[1:], start=1):
        g = f[f"differences/{k}"]
        frame = pd.DataFrame({"arm": arm, "series": [p[0] for p in pairs], "summary": [p[1] for p in pairs]})
        for dataset, column in RECORDED_COLUMNS.items():
            frame[column] = g[dataset][...]
        parts.append(frame.assign(replicates=replicates))
    return pd.concat(parts, ignore_index=True)[DIFFERENCE_COLUMNS]


def _provenance(groups, arms, seeds, attrs, path) -> pd.DataFrame:
    rows = [{"arm": arm, "replicate": r, "seed": int(seed), "scenario": as_text(g.attrs.get("name", "")),
             "source": as_text(g.attrs.get("source", "")), "cogov_version": attrs.get("cogov_version", ""),
             "git_commit": attrs.get("git_commit", ""), "path": str(path)}
            for arm, g in zip(arms, groups) for r, seed in enumerate(seeds)]
    return pd.DataFrame(rows)


def _mean_weeks(attrs: dict, steps: int) -> int:
    """Weeks the file's `mean.` outcomes average: its window (older files: the whole run). Means
    recomputed from the weekly series average the last weeks, which is the window when it runs to the
    end of the run."""
    first, last = int(attrs.get("window_first", 1)), int(attrs.get("window_last", steps))
    return last - first + 1 if last == steps else steps


def read_compare(path: Path, f: h5py.File) -> Comparison:
    attrs = attrs_dict(f)
    groups = _arm_groups(path, f)
    arms = _arm_names(groups)
    steps = f["step"][...]
    replicates = f["replicate"][...]
    names = strings(f["outcome"])
    series, info = _series_frame(path, groups, arms, steps, replicates, strings(f["truster"]))
    info.update(_outcome_info(names, strings(f["outcome_meaning"]), info))
    scenarios = {arm: as_text(g.attrs.get("scenario", "")) for arm, g in zip(arms, groups)}
    events = [scenario_events(toml).assign(arm=arm) for arm, toml in scenarios.items()]
    return Comparison(
        arms=arms,
        series=series,
        info=info,
        events=pd.concat(events, ignore_index=True)[["arm", "step", "key", "value", "note"]],
        provenance=_provenance(groups, arms, f["replicate_seed"][...], attrs, path),
        mean_weeks=_mean_weeks(attrs, len(steps)),
        window=str(attrs.get("window", "")),
        outcomes=_outcomes_frame(groups, arms, replicates, names),
        recorded=_recorded_differences(f, arms, names, len(replicates)),
        outcome_meanings=dict(zip(names, strings(f["outcome_meaning"]))),
        attrs=attrs,
        scenarios=scenarios,
    )


formats.register(COMPARE_FORMAT, COMPARE_FORMAT_VERSION, read_compare)
