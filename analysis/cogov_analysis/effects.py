"""Effect sweeps (sweep files with [[arms]]): each arm's paired effect on the base at every design
point, as `cogov sweep` stored it (mean paired difference over replicates on common random numbers,
95% t interval); docs/sweeps.md, "Effect sweeps"."""

from dataclasses import dataclass
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

from .errors import AnalysisError
from .h5util import strings

STATS = ("mean_base", "mean_alternative", "diff_mean", "diff_sd", "ci_low", "ci_high", "variance_reduction",
         "replicates")


@dataclass
class EffectSweep:
    path: Path
    arms: list                      # base first
    parameters: list                # varied parameter keys
    design: pd.DataFrame            # point -> parameter values
    effects: pd.DataFrame           # arm, summary, outcome, point, parameters..., STATS
    window: dict                    # summary group -> what its values cover ("weeks 53-312 ...")
    replicates: int
    meanings: dict                  # outcome -> long name
    units: dict                     # outcome or parameter -> units

    def point_label(self, point: int) -> str:
        """A design point by its parameter values: "power.leader_tenure = 52, contracts.p_late = 0.3"."""
        row = self.design.loc[point]
        return ", ".join(f"{p} = {row[p]:g}" for p in self.parameters)

    def of(self, arm: str, summary: str, outcome: str) -> pd.DataFrame:
        sel = self.effects[(self.effects["arm"] == arm) & (self.effects["summary"] == summary)
                           & (self.effects["outcome"] == outcome)]
        if sel.empty:
            raise AnalysisError(f"{self.path}: no effect of arm '{arm}' on {summary} {outcome}")
        return sel


def read_effects(path) -> EffectSweep:
    path = Path(path)
    try:
        f = h5py.File(path, "r")
    except OSError as e:
        raise AnalysisError(f"{path}: cannot open ({e})") from None
    with f:
        if f.attrs.get("format") not in ("cogov-sweep", b"cogov-sweep") or "effects" not in f:
            raise AnalysisError(f"{path}: not an effect sweep (a cogov sweep file with [[arms]])")
        arms = [a.decode() if isinstance(a, bytes) else str(a) for a in f.attrs["arms"]]
        params = strings(f["parameter"])
        design = pd.DataFrame(f["design/values"][...], columns=params).rename_axis("point")
        rows = []
        meanings = {}
        units = {p: _text(f[f"runs/parameters/{p}"].attrs.get("units", "")) for p in params}
        for k, arm in enumerate(arms[1:], start=1):
            for summary in ("final", "mean"):
                group = f.get(f"effects/{k}/points/{summary}")
                if group is None:
                    continue
                for outcome in group:
                    frame = design.reset_index()
                    for stat in STATS:
                        frame[stat] = group[outcome][stat][...]
                    rows.append(frame.assign(arm=arm, summary=summary, outcome=outcome))
                    meanings[outcome] = _text(f[f"{summary}/{outcome}"].attrs.get("long_name", outcome))
                    units[outcome] = _text(f[f"{summary}/{outcome}"].attrs.get("units", ""))
        window = {"final": "in the last week", "mean": "mean over " + _text(f["mean"].attrs.get("window", ""))}
        return EffectSweep(path, arms, params, design, pd.concat(rows, ignore_index=True), window,
                           int(f.attrs["replicates"]), meanings, units)


def _text(v) -> str:
    return v.decode() if isinstance(v, bytes) else str(v)
