"""Report sections for each kind of cogov file."""

import pandas as pd

from ..comparison import Comparison
from ..errors import AnalysisError
from ..plots import compare_figures, run_figures, sensitivity_figures, style, sweep_figures
from ..run import Run
from ..sensitivity.analyse import METHODS, sweep_sensitivity
from ..summary import comparison_summary, run_summary, sweep_summary
from ..sweep import FAILED, MISSING, OK, Sweep
from .page import Section, esc, figure, key_values, paragraph, preformatted, table

PROVENANCE_KEYS = (
    ("scenario_name", "Scenario"), ("scenario_description", "Description"), ("scenario_source", "Loaded from"),
    ("seed", "Random seed"), ("steps", "Weeks simulated"), ("threads", "Threads"),
    ("cogov_version", "cogov version"), ("git_commit", "Git commit"), ("created", "Finished (UTC)"),
    ("wall_seconds", "Wall-clock seconds"), ("format", "File format"), ("format_version", "Format version"),
)
COMPARISON_KEYS = (("arms", "Arms (base first)"), ("replicates", "Paired replicates per arm")) + PROVENANCE_KEYS
EVENT_COLUMNS = {"step": "week", "key": "parameter", "value": "set to"}


def events_section(events: pd.DataFrame) -> Section:
    body = (paragraph("No scheduled events: the parameters stayed as they started.") if events.empty
            else table(events.rename(columns=EVENT_COLUMNS)))
    return Section("events", "Scenario events", body)


def plot_sections(plots: list) -> list:
    return [Section(f"figure-{p.stem}", p.title, figure(p.figure, p.caption)) for p in plots]


def _facts(attrs: dict, keys) -> dict:
    return {label: ", ".join(map(str, attrs[k])) if isinstance(attrs[k], list) else attrs[k]
            for k, label in keys if k in attrs and attrs[k] != []}


def run_sections(run: Run, heatmap_weeks=None) -> list:
    p = run.provenance
    facts = _facts(p, PROVENANCE_KEYS) | {"File": str(run.path)}
    return [
        Section("provenance", "Provenance",
                key_values(facts) + "<h3>Scenario, fully resolved</h3>" + preformatted(p.get("scenario", ""))),
        events_section(run.events),
        Section("summary", "Summary", table(run_summary(run))),
        *plot_sections(run_figures.run_plots(run, heatmap_weeks)),
    ]


def comparison_provenance(cmp: Comparison) -> Section:
    facts = _facts(cmp.attrs, COMPARISON_KEYS)
    facts["Weekly series"] = "recorded" if cmp.has_series else "not recorded (outcomes only, cogov compare --no-series)"
    scenarios = "".join(f"<h3>Scenario of {esc(arm)}, fully resolved</h3>" + preformatted(toml)
                        for arm, toml in cmp.scenarios.items() if toml)
    return Section("provenance", "Provenance", key_values(facts) + table(cmp.provenance) + scenarios)


def answer_section(cmp: Comparison, names=None, all_outcomes: bool = False) -> Section:
    """What a reader wants first: what differs between the arms, the key effects with their
    intervals, and how they were computed."""
    from ..paper import arm_differences, effects_table, methods_paragraph, to_markdown  # noqa: F401
    differs = arm_differences(cmp)
    events = cmp.events.drop_duplicates(["arm", "step", "key", "value"]) if not cmp.events.empty else cmp.events
    body = "<h3>What differs between the arms</h3>"
    body += (table(differs) if not differs.empty else paragraph("No parameter differs at the start."))
    if not events.empty:
        body += paragraph("Scheduled events (week, parameter, value) by arm:") + table(
            events.rename(columns=EVENT_COLUMNS))
    effects = effects_table(cmp, names, all_outcomes)
    body += f"<h3>Key effects (each alternative minus {esc(cmp.base)}, 95% confidence intervals)</h3>"
    body += table(effects)
    body += "<h3>Methods</h3>" + paragraph(methods_paragraph(cmp))
    return Section("answer", "Answer: effects of each alternative", body)


def comparison_sections(cmp: Comparison, names=None, all_outcomes: bool = False) -> list:
    return [
        answer_section(cmp, names, all_outcomes),
        *plot_sections(compare_figures.comparison_plots(cmp, names)),
        Section("summary", "All paired differences shown in the figures", table(comparison_summary(cmp, names))),
        events_section(cmp.events),
        comparison_provenance(cmp),
    ]


SWEEP_KEYS = (
    ("sweep_name", "Sweep"), ("sweep_source", "Sweep file"), ("scenario_name", "Base scenario"),
    ("seed", "Sweep seed"), ("common_seeds", "Common random numbers (1 = every point uses the same seeds)"),
    ("replicates", "Replicates per design point"), ("points", "Design points"), ("steps", "Weeks simulated"),
    ("complete", "Complete (1 = every run of the sweep is in this file)"), ("shard", "Shard"),
    ("mean_weeks", "Weeks averaged by the 'mean' summary"),
    ("summaries_from_series", "Summaries computed here from weekly series"), ("sweep_id", "Sweep fingerprint"),
    ("cogov_version", "cogov version"), ("git_commit", "Git commit"), ("created", "Written (UTC)"),
    ("wall_seconds", "Wall-clock seconds"), ("format", "File format"), ("format_version", "Format version"),
    ("scenarios", "Scenarios"), ("paths", "Run files"),
)
LONG_TEXTS = (("sweep", "Sweep file"), ("scenario", "Base scenario, fully resolved (every run is this plus its "
                                                   "design point's values)"))
STATUS_WORDS = {OK: "finished", FAILED: "failed", MISSING: "not in this file"}
MAX_ROWS = 120      # longer tables are shortened in a report
MAX_RUNS = 24       # a sweep's run table is listed up to this many runs
SHOWN = 10


def _notes(notes) -> str:
    return "".join(paragraph(f"Note: {n}") for n in notes)


def sweep_provenance(sweep: Sweep) -> Section:
    runs = sweep.runs
    facts = {"Design": sweep.design.kind, "Varied parameters": ", ".join(sweep.params), "Runs": len(runs)}
    counts = runs["status"].value_counts()
    facts.update({f"Runs {words}": int(counts[status]) for status, words in STATUS_WORDS.items() if status in counts})
    facts.update(_facts(sweep.provenance, SWEEP_KEYS))
    texts = "".join(f"<h3>{esc(title)}</h3>" + preformatted(sweep.provenance[k])
                    for k, title in LONG_TEXTS if sweep.provenance.get(k))
    if len(runs) <= MAX_RUNS:
        table_html = "<h3>Runs</h3>" + table(runs.reset_index())
    else:
        lost = runs[runs["status"] != OK]
        table_html = paragraph(f"{len(runs)} runs at {runs['point'].nunique()} design points: each point's "
                               "parameter values and outcome are in the summary below (every run: Sweep.runs, or "
                               "/runs in the file).")
        if len(lost):
            table_html += (f"<h3>Runs without values ({len(lost)}; the first {min(len(lost), MAX_ROWS)})</h3>"
                           + table(lost.head(MAX_ROWS).reset_index()))
    return Section("provenance", "Provenance", _notes(sweep.notes) + key_values(facts) + table_html + texts)


def sweep_summary_table(sweep: Sweep, name: str, summary: str) -> str:
    points = sweep_summary(sweep, name, summary)
    if len(points) <= MAX_ROWS:
        return table(points)
    ordered = points.sort_values("mean", kind="stable")
    return (paragraph(f"{len(points)} design points with a value; the {SHOWN} with the lowest and the {SHOWN} "
                      f"with the highest mean:") + table(pd.concat([ordered.head(SHOWN), ordered.tail(SHOWN)])))


def sensitivity_section(sweep: Sweep, outcomes) -> Section:
    if sweep.design.kind not in METHODS:
        return Section("sensitivity", "Sensitivity", paragraph(
            f"No sensitivity indices: the design is '{sweep.design.kind}', not Sobol (Saltelli) or Morris."))
    body = ""
    for name, summary in outcomes:
        label = sweep_figures.outcome_title(sweep, name, summary)
        try:
            result = sweep_sensitivity(sweep, name, summary)
        except AnalysisError as e:
            body += f"<h3>{esc(label)}</h3>" + paragraph(f"No indices: {e}")
            continue
        body += (f"<h3>{esc(label)}</h3>" + table(result.table()) + _notes(result.notes)
                 + figure(sensitivity_figures.sensitivity_figure(result, label), f"Sensitivity of {label}"))
    return Section("sensitivity", "Sensitivity", body)


def effects_section(path) -> list:
    """An effect sweep's paired effects first: every point's effect with its interval, figures."""
    from ..effects import read_effects
    from ..plots import effect_figures
    try:
        fx = read_effects(path)
    except (AnalysisError, OSError, KeyError):
        return []
    sections = []
    for (summary, outcome), rows in fx.effects.groupby(["summary", "outcome"], sort=False):
        shown = rows.assign(point=[fx.point_label(p) for p in rows["point"]])[
            ["arm", "point", "mean_base", "diff_mean", "ci_low", "ci_high", "replicates"]]
        stem = f"effects-{summary}-{outcome}"
        body = paragraph(f"Mean paired effect (arm - {fx.arms[0]}) over {fx.replicates} replicates on common random "
                         f"numbers at each design point, with 95% t intervals; {fx.window[summary]}.") + table(shown)
        for p in effect_figures.effect_plots(fx, summary, outcome):
            body += figure(p.figure, p.caption)
        sections.append(Section(stem, f"Effects on {outcome} ({summary})", body))
    return sections


def sweep_sections(sweep: Sweep, outcomes) -> list:
    name, summary = outcomes[0]
    path = sweep.provenance.get("path")
    return [*(effects_section(path) if path else []),
        sweep_provenance(sweep),
        *([events_section(sweep.events)] if sweep.events is not None else []),
        Section("summary", f"Summary: {sweep_figures.outcome_title(sweep, name, summary)}",
                sweep_summary_table(sweep, name, summary)),
        *plot_sections(sweep_figures.sweep_plots(sweep, outcomes)),
        sensitivity_section(sweep, outcomes),
    ]
