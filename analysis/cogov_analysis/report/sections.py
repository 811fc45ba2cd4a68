"""Report sections for each kind of cogov file."""

import pandas as pd

from ..comparison import Comparison
from ..plots import compare_figures, run_figures, sensitivity_figures, style, sweep_figures
from ..run import Run
from ..sensitivity.analyse import METHODS, sweep_sensitivity
from ..summary import comparison_summary, run_summary, sweep_summary
from ..sweep import Sweep
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
            for k, label in keys if k in attrs}


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


def comparison_sections(cmp: Comparison, names=None) -> list:
    return [
        comparison_provenance(cmp),
        events_section(cmp.events),
        Section("summary", "Summary: paired differences", table(comparison_summary(cmp, names))),
        *plot_sections(compare_figures.comparison_plots(cmp, names)),
    ]


def sensitivity_section(sweep: Sweep, outcomes) -> Section:
    if sweep.design.kind not in METHODS:
        return Section("sensitivity", "Sensitivity", paragraph(
            f"No sensitivity indices: the design is '{sweep.design.kind}', not Sobol (Saltelli) or Morris."))
    body = ""
    for name, summary in outcomes:
        result = sweep_sensitivity(sweep, name, summary)
        label = sweep_figures.outcome_title(sweep, name, summary)
        body += (f"<h3>{esc(label)}</h3>" + table(result.table())
                 + figure(sensitivity_figures.sensitivity_figure(result, label), f"Sensitivity of {label}"))
    return Section("sensitivity", "Sensitivity", body)


def sweep_sections(sweep: Sweep, outcomes) -> list:
    facts = {"Design": sweep.design.kind, "Varied parameters": ", ".join(sweep.params), "Runs": len(sweep.runs),
             "Failed runs": int((sweep.runs["status"] != "ok").sum())}
    facts.update({k: ", ".join(map(str, v)) if isinstance(v, list) else v for k, v in sweep.provenance.items()})
    name, summary = outcomes[0]
    return [
        Section("provenance", "Provenance", key_values(facts) + table(sweep.runs.reset_index())),
        Section("summary", f"Summary: {sweep_figures.outcome_title(sweep, name, summary)}", table(sweep_summary(sweep, name, summary))),
        *plot_sections(sweep_figures.sweep_plots(sweep, outcomes)),
        sensitivity_section(sweep, outcomes),
    ]
