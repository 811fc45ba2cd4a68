"""The points and cases of interest of a sweep file for scenario discovery: per run of a sweep (its
parameters, and whether its outcome is below or above a threshold), or per design point of an
effect sweep (whether an arm's mean paired effect is)."""

import h5py
import numpy as np
import pandas as pd

from ..errors import AnalysisError
from ..h5util import strings


def cases_of(path, outcome: str, arm=None, below=None, above=None) -> tuple:
    summary, _, name = outcome.partition(".")
    if summary not in ("final", "mean") or not name:
        raise AnalysisError(f"--outcome: expected final.NAME or mean.NAME, got '{outcome}'")
    try:
        f = h5py.File(path, "r")
    except OSError as e:
        raise AnalysisError(f"{path}: cannot open ({e})") from None
    with f:
        params = strings(f["parameter"])
        if arm is not None:
            arms = [a.decode() if isinstance(a, bytes) else str(a) for a in f.attrs.get("arms", [])]
            if arm not in arms[1:]:
                raise AnalysisError(f"{path}: no arm '{arm}' (arms: {', '.join(arms[1:]) or 'none'})")
            k = arms.index(arm)
            key = f"effects/{k}/points/{summary}/{name}/diff_mean"
            if key not in f:
                raise AnalysisError(f"{path}: no effect on {outcome}")
            value = f[key][...]
            x = pd.DataFrame(f["design/values"][...], columns=params)
            what = f"effect of '{arm}' on {outcome}"
        else:
            key = f"{summary}/{name}"
            if key not in f:
                raise AnalysisError(f"{path}: {outcome} was not recorded")
            value = f[key][...]
            x = pd.DataFrame({p: f[f"runs/parameters/{p}"][...] for p in params})
            what = outcome
    ok = ~np.isnan(value)
    y = value[ok] < below if below is not None else value[ok] > above
    what += f" {'below' if below is not None else 'above'} {below if below is not None else above:g}"
    return x[ok].reset_index(drop=True), y, what
