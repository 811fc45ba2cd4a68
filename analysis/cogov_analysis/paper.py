"""Results ready for a paper, from a comparison: tables of chosen outcomes with confidence intervals
(Markdown, LaTeX with booktabs, CSV), a methods paragraph generated from the file, and the "answer"
a report opens with: what differs between the arms and the key effects."""

import tomllib

import numpy as np
import pandas as pd

from .labels import number, series_label, summary_label, unit_label
from .summary import comparison_series

LEVEL = 0.95


def _flat(toml_text: str) -> dict:
    """A scenario's parameters as {"section.key": value} (events left out)."""
    try:
        data = tomllib.loads(toml_text)
    except (tomllib.TOMLDecodeError, TypeError):
        return {}
    out = {}
    for section, values in data.items():
        if isinstance(values, dict):
            for k, v in values.items():
                out[f"{section}.{k}"] = v
    return out


def arm_differences(cmp) -> pd.DataFrame:
    """Each parameter whose value differs between the arms, with every arm's value; scheduled events
    are listed by the report's events section."""
    flats = {arm: _flat(cmp.scenarios.get(arm, "")) for arm in cmp.arms}
    keys = sorted(set().union(*flats.values()))
    rows = [{"parameter": k, **{arm: flats[arm].get(k, "") for arm in cmp.arms}} for k in keys
            if len({repr(flats[arm].get(k)) for arm in cmp.arms}) > 1]
    return pd.DataFrame(rows, columns=["parameter", *cmp.arms])


def changing_outcomes(cmp) -> list:
    """(series, summary) of outcomes that take more than one value over arms and replicates."""
    s = cmp.summaries()
    spread = s.groupby(["series", "summary"])["value"].agg(lambda v: np.nanmax(v) - np.nanmin(v) if v.notna().any()
                                                           else 0.0)
    return [k for k, v in spread.items() if v > 0]


def effects_table(cmp, names=None, all_outcomes: bool = False) -> pd.DataFrame:
    """Chosen outcomes (the key ones, `names`, or with `all_outcomes` every outcome that ever changes):
    per arm, the base and arm means, the mean paired difference and its 95% interval."""
    diffs = cmp.differences(LEVEL)
    if all_outcomes:
        keep = set(changing_outcomes(cmp))
        diffs = diffs[[(s, m) in keep for s, m in zip(diffs["series"], diffs["summary"])]]
    else:
        order = comparison_series(cmp, names)[1]
        diffs = diffs[diffs["series"].isin(order)]
        diffs = diffs.assign(rank=diffs["series"].map(order.index)).sort_values(["arm", "rank"], kind="stable")
    rows = []
    for r in diffs.itertuples():
        units = cmp.info[r.series].units if r.series in cmp.info else ("trust" if "trust." in r.series else "")
        rows.append({"arm": r.arm, "outcome": f"{series_label(r.series, cmp.info)}, "
                                               f"{summary_label(r.summary, cmp.mean_weeks, cmp.window)}",
                     "units": unit_label(units), cmp.base: r.mean_base, "arm mean": r.mean_arm,
                     "difference": r.difference, "CI low": r.low, "CI high": r.high,
                     "variance removed": r.variance_reduction})
    return pd.DataFrame(rows)


def _ci(row) -> str:
    return f"[{number(row['CI low'])}, {number(row['CI high'])}]"


def _display(table: pd.DataFrame, base: str) -> pd.DataFrame:
    out = table[["arm", "outcome", "units"]].copy()
    out[base] = table[base].map(number)
    out["arm mean"] = table["arm mean"].map(number)
    out["difference"] = table["difference"].map(number)
    out[f"{LEVEL:.0%} CI"] = table.apply(_ci, axis=1)
    out["variance removed"] = table["variance removed"].map(lambda v: "n/a" if v != v else f"{100 * v:.0f}%")
    return out


def to_markdown(table: pd.DataFrame, base: str) -> str:
    d = _display(table, base)
    lines = ["| " + " | ".join(d.columns) + " |", "|" + "|".join(" --- " for _ in d.columns) + "|"]
    lines += ["| " + " | ".join(str(v).replace("|", "\\|") for v in row) + " |" for row in d.itertuples(index=False)]
    return "\n".join(lines) + "\n"


LATEX_SPECIALS = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                  "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def latex_escape(text: str) -> str:
    return "".join(LATEX_SPECIALS.get(c, c) for c in str(text))


def to_latex(table: pd.DataFrame, base: str, caption: str = "") -> str:
    """A booktabs table (\\usepackage{booktabs})."""
    d = _display(table, base)
    spec = "ll" + "l" + "r" * (len(d.columns) - 3)
    lines = [r"\begin{table}[htbp]", r"\centering", r"\small"]
    if caption:
        lines.append(r"\caption{" + latex_escape(caption) + "}")
    lines += [r"\begin{tabular}{" + spec + "}", r"\toprule",
              " & ".join(latex_escape(c) for c in d.columns) + r" \\", r"\midrule"]
    lines += [" & ".join(latex_escape(v) for v in row) + r" \\" for row in d.itertuples(index=False)]
    lines += [r"\bottomrule", r"\end{tabular}", r"\end{table}"]
    return "\n".join(lines) + "\n"


def methods_paragraph(cmp) -> str:
    """The design and statistics of a comparison, in words, from the file."""
    attrs = cmp.attrs
    reps = int(attrs.get("replicates", cmp.provenance["replicate"].nunique()))
    steps = attrs.get("steps", "")
    alts = ", ".join(f"'{a}'" for a in cmp.alternatives)
    vr = cmp.differences(LEVEL)["variance_reduction"].dropna()
    pairing = (f"Across the outcomes reported, pairing removed a median of {100 * vr.median():.0f}% of the variance "
               f"of the differences (range {100 * vr.min():.0f}% to {100 * vr.max():.0f}%)" if len(vr) else
               "No outcome varied enough to measure the variance removed by pairing")
    window = f" Means, totals and shares cover {cmp.window}." if cmp.window else ""
    return (
        f"We compared the base scenario '{cmp.base}' with {alts} in the agent-based model cogov "
        f"(version {attrs.get('cogov_version', 'unknown')}, commit {attrs.get('git_commit', 'unknown')}). "
        f"Each scenario was simulated for {steps} weeks in {reps} replicates; replicate r of every scenario used "
        f"the same random seed (common random numbers, comparison seed {attrs.get('seed', '?')}), so that each "
        f"difference between scenarios is paired and reflects the policy rather than chance.{window} "
        f"For each outcome we report the mean over replicates of the paired difference (alternative minus base) "
        f"with a {LEVEL:.0%} Student t confidence interval ({reps - 1} degrees of freedom). "
        f"{pairing}, measured as 1 - Var(d) / (Var(base) + Var(alternative)): the share of the variance the "
        "difference would have had with independent seeds that pairing removed. A negative value means the "
        "replicates of the two scenarios were negatively correlated, so pairing widened the interval instead "
        "of narrowing it.")


def relabel(cmp, labels: dict):
    """The comparison with arms renamed (short labels for figures and tables): {old: new}."""
    if not labels:
        return cmp
    import dataclasses
    def rename(frame):
        if frame is None or "arm" not in frame:
            return frame
        return frame.assign(arm=frame["arm"].map(lambda a: labels.get(a, a)))
    return dataclasses.replace(
        cmp, arms=[labels.get(a, a) for a in cmp.arms], series=rename(cmp.series), events=rename(cmp.events),
        provenance=rename(cmp.provenance), outcomes=rename(cmp.outcomes), recorded=rename(cmp.recorded),
        scenarios={labels.get(a, a): t for a, t in cmp.scenarios.items()})
