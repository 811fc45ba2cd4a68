"""One cogov run file (format `cogov-run`) as tidy pandas frames.

Metadata, parameters and events are read when the file is opened; the
series are read from the file when asked for, so a large run costs memory
only for what is used. Layout: docs/output-schema.md.
"""

from dataclasses import dataclass
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

from .labels import trust_info
from .series import SeriesInfo, melt_steps, trust_series

RUN_FORMAT = "cogov-run"
RUN_FORMAT_VERSION = 1


@dataclass
class Run:
    """A run file's provenance and structure, with readers for its series."""

    path: Path
    provenance: dict            # root attributes (format, seed, scenario, ...)
    parameters: dict            # parameter key -> value at the start of the run
    events: pd.DataFrame        # step, key, value, note: one row per parameter an event sets
    actors: tuple               # actor types, in the order of truster/trustee
    steps: np.ndarray           # week numbers
    communities: np.ndarray     # community indices
    streets: np.ndarray         # street indices
    community_street: np.ndarray
    metrics: dict               # metric name -> SeriesInfo, by name (trust excluded)
    street_metrics: dict        # street metric name -> SeriesInfo

    @property
    def name(self) -> str:
        return self.provenance.get("scenario_name") or self.path.stem

    @property
    def seed(self) -> int:
        return int(self.provenance["seed"])

    def read(self, dataset: str) -> np.ndarray:
        """One dataset's values, e.g. `read("city/trust")`."""
        with h5py.File(self.path, "r") as f:
            return f[dataset][...]

    def read_group(self, group: str, names) -> dict:
        """Several datasets of one group, by name."""
        with h5py.File(self.path, "r") as f:
            return {n: f[f"{group}/{n}"][...] for n in names}

    def _metric_names(self, metrics) -> list:
        names = list(self.metrics) if metrics is None else list(metrics)
        unknown = [m for m in names if m not in self.metrics]
        if unknown:
            raise KeyError(f"{self.path}: no metric {', '.join(unknown)}")
        return names

    # ---- city and community series

    def city_wide(self, metrics=None) -> pd.DataFrame:
        """City series: one row per step, one column per metric."""
        data = self.read_group("city", self._metric_names(metrics))
        return pd.DataFrame(data, index=pd.Index(self.steps, name="step"))

    def city_frame(self, metrics=None) -> pd.DataFrame:
        """City series, tidy: step, metric, value."""
        return melt_steps(self.city_wide(metrics), "metric")

    def community_frame(self, metrics=None) -> pd.DataFrame:
        """Community series, tidy: step, community, street, metric, value."""
        data = self.read_group("communities", self._metric_names(metrics))
        out = _grid_frame(data, self.steps, "community", self.communities)
        out.insert(2, "street", self.community_street[out["community"].to_numpy()])
        return out

    def street_frame(self) -> pd.DataFrame:
        """Street series, tidy: step, street, metric, value."""
        data = self.read_group("streets", list(self.street_metrics))
        return _grid_frame(data, self.steps, "street", self.streets)

    # ---- trust

    def trust(self, level: str = "city") -> np.ndarray:
        """Mean trust: (step, truster, trustee), or (step, community, truster, trustee)."""
        if level not in ("city", "communities"):
            raise ValueError("level is 'city' or 'communities'")
        return self.read(f"{level}/trust")

    def trust_frame(self, level: str = "city") -> pd.DataFrame:
        """Trust, tidy: one row per step (x community) x truster, one column per trustee actor."""
        values = self.trust(level)
        keys = [self.steps, self.actors] if level == "city" else [self.steps, self.communities, self.actors]
        names = ["step", "truster"] if level == "city" else ["step", "community", "truster"]
        index = pd.MultiIndex.from_product(keys, names=names)
        frame = pd.DataFrame(values.reshape(-1, len(self.actors)), index=index, columns=list(self.actors))
        return frame.rename_axis(columns="trustee").reset_index()

    # ---- everything a comparison or a sweep keeps of a run

    def series_wide(self) -> pd.DataFrame:
        """City metrics and every trust cell (`trust.<truster>.<trustee>`), one row per step."""
        wide = self.city_wide()
        trust = self.trust("city")
        cells = {trust_series(a, b): trust[:, i, j]
                 for i, a in enumerate(self.actors) for j, b in enumerate(self.actors)}
        return pd.concat([wide, pd.DataFrame(cells, index=wide.index)], axis=1)

    def series_info(self) -> dict:
        """SeriesInfo of every column of `series_wide`."""
        info = dict(self.metrics)
        for a in self.actors:
            for b in self.actors:
                name = trust_series(a, b)
                info[name] = trust_info(a, b, name)
        return info



def _grid_frame(data: dict, steps: np.ndarray, dim: str, labels: np.ndarray) -> pd.DataFrame:
    """{metric: (step, dim) array} -> tidy rows step, dim, metric, value."""
    index = pd.MultiIndex.from_product([steps, labels], names=["step", dim])
    wide = pd.DataFrame({m: v.reshape(-1) for m, v in data.items()}, index=index)
    return wide.reset_index().melt(id_vars=["step", dim], var_name="metric")
