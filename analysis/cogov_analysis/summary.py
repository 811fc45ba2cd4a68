"""Summary tables of runs, comparisons and sweeps, for the terminal and reports."""

import pandas as pd

from .errors import AnalysisError
from .labels import series_label, summary_label, unit_label
from .series import trust_series

KEY_SERIES = (          # most telling first: figures draw the first few
    trust_series("residents", "government"),
    trust_series("residents", "resident_committee"),
    trust_series("social_organization", "government"),
    "participation_rate",
    "resolution_rate",
    "resolved_share",           # comparison files: issues resolved per issue raised over the run
    "resolution_time_mean",
    "backlog",
    "socorgs_active",
    "contracts_renewed",
    trust_series("residents", "social_organization"),
    trust_series("residents", "property_company"),
    trust_series("government", "social_organization"),
    "contracts_dropped",
    "payments_late",
    "payments_defaulted",
    "committee_service_hours",
)


def key_series(available, wanted=None, defaults=KEY_SERIES) -> list:
    """The series asked for (all must exist), else those of `defaults` that exist."""
    available = list(available)
    if wanted:
        unknown = [s for s in wanted if s not in available]
        if unknown:
            raise AnalysisError(f"no series {', '.join(unknown)}; there are: {', '.join(available)}")
        return list(wanted)
    return [s for s in defaults if s in available] or available[:len(defaults)]


def comparison_series(cmp, wanted=None) -> tuple[list, list]:
    """Series to show: (those with weekly values, those with outcomes), the ones asked for or the key series."""
    weekly, outcomes = cmp.series_names(), cmp.outcome_series()
    chosen = key_series(list(dict.fromkeys(weekly + outcomes)), wanted)
    return [s for s in chosen if s in weekly], [s for s in chosen if s in outcomes]


def _describe(name, info) -> dict:
    units = info[name].units if name in info else "trust"
    return {"measure": series_label(name, info), "units": unit_label(units)}


def run_summary(run, names=None) -> pd.DataFrame:
    """Key series of a run: first and last week, mean, lowest and highest."""
    wide = run.series_wide()
    info = run.series_info()
    rows = []
    for name in key_series(wide.columns, names):
        col = wide[name]
        rows.append({**_describe(name, info), "first week": col.iloc[0], "last week": col.iloc[-1],
                     "mean": col.mean(), "lowest": col.min(), "highest": col.max()})
    return pd.DataFrame(rows)


def comparison_summary(cmp, names=None, level: float = 0.95) -> pd.DataFrame:
    """Paired differences of the key series, in words."""
    order = comparison_series(cmp, names)[1]
    diffs = cmp.differences(level)
    diffs = diffs[diffs["series"].isin(order)]
    diffs = diffs.assign(rank=diffs["series"].map(order.index)).sort_values(["arm", "rank"], kind="stable")
    rows = []
    for r in diffs.itertuples():
        rows.append({"arm": r.arm, **_describe(r.series, cmp.info), "summary": summary_label(r.summary, cmp.mean_weeks, cmp.window),
                     cmp.base: r.mean_base, "arm mean": r.mean_arm, "difference": r.difference,
                     f"{level:.0%} CI low": r.low, f"{level:.0%} CI high": r.high,
                     "variance removed by pairing": r.variance_reduction})
    return pd.DataFrame(rows)


def sweep_summary(sweep, name: str, summary: str = "mean") -> pd.DataFrame:
    """Per design point: parameters and the outcome's mean, spread and replicate count."""
    return sweep.point_values(name, summary).reset_index()
