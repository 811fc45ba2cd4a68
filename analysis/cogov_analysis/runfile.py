"""Reader for run files (format `cogov-run`), registered with `formats`."""

from pathlib import Path

import h5py
import pandas as pd

from . import formats
from .h5util import as_text, attrs_dict, strings
from .run import RUN_FORMAT, RUN_FORMAT_VERSION, Run
from .series import SeriesInfo


def series_info(name: str, dataset) -> SeriesInfo:
    units = as_text(dataset.attrs.get("units", ""))
    return SeriesInfo(name, units, as_text(dataset.attrs.get("long_name", name)))


def group_info(group, exclude=()) -> dict:
    """SeriesInfo of every dataset of a group, in the file's order."""
    return {n: series_info(n, d) for n, d in group.items() if isinstance(d, h5py.Dataset) and n not in exclude}


def read_events(f: h5py.File) -> pd.DataFrame:
    g = f["events"]
    return pd.DataFrame({
        "step": g["step"][...].astype("int64"),
        "key": strings(g["key"]),
        "value": strings(g["value"]),
        "note": strings(g["note"]),
    })


def read_run(path: Path, f: h5py.File) -> Run:
    return Run(
        path=path,
        provenance=attrs_dict(f),
        parameters=attrs_dict(f["parameters"]),
        events=read_events(f),
        actors=tuple(strings(f["truster"])),
        steps=f["step"][...],
        communities=f["community"][...],
        streets=f["street"][...],
        community_street=f["structure/community_street"][...],
        metrics=group_info(f["city"], exclude=("trust",)),
        street_metrics=group_info(f["streets"]),
    )


formats.register(RUN_FORMAT, RUN_FORMAT_VERSION, read_run)
