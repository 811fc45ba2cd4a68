"""The command-line commands: each reads its input, writes files, prints a summary."""

from pathlib import Path

import pandas as pd

from .comparison import Comparison
from .errors import AnalysisError
from .labels import MISSING, number
from .plots import compare_figures, effect_figures, run_figures, sensitivity_figures, style, sweep_figures
from .report import write_report
from .run import Run
from .sensitivity.analyse import sweep_sensitivity, table_sensitivity
from .sources import load, require
from .summary import comparison_summary, run_summary, sweep_summary
from .sweep import Sweep

def _print_table(title: str, frame: pd.DataFrame) -> None:
    text = {c: f"{{:<{max(len(str(c)), frame[c].astype(str).str.len().max())}}}".format
            for c in frame.columns if frame[c].dtype == object}     # text columns aligned left
    print(f"\n{title}\n")
    print(frame.to_string(index=False, formatters=text, float_format=number, na_rep=MISSING))


def _save_plots(plots, directory: Path, formats, dpi=None) -> list:
    paths = []
    for plot in plots:
        paths += style.save(plot.figure, directory, plot.stem, formats, dpi)
    return paths


def _labels(args) -> dict:
    """--labels OLD=NEW ... as a mapping (short arm labels)."""
    out = {}
    for item in getattr(args, "labels", None) or ():
        old, sep, new = item.partition("=")
        if not sep or not old or not new:
            raise AnalysisError(f"--labels: expected ARM=LABEL, got '{item}'")
        out[old] = new
    return out


def _comparison(args, obj=None):
    from .paper import relabel
    cmp = require(obj if obj is not None else _source(args), Comparison, args.command)
    labels = _labels(args)
    unknown = [a for a in labels if a not in cmp.arms]
    if unknown:
        raise AnalysisError(f"--labels: no arm {unknown[0]!r} (arms: {', '.join(cmp.arms)})")
    return relabel(cmp, labels)


def _report_written(paths) -> None:
    for path in paths:
        print(f"wrote {path}")


def _out_dir(args, default: str) -> Path:
    return Path(args.output) if args.output else Path(default)


def _stem(args, fallback: str) -> str:
    return Path(args.files[0]).stem if len(args.files) == 1 else fallback


def _source(args):
    return load(args.files, getattr(args, "arm", None) or (), args.mean_weeks)


def plot(args) -> int:
    run = require(_source(args), Run, "plot")
    directory = _out_dir(args, f"{_stem(args, 'run')}-plots")
    _report_written(_save_plots(run_figures.run_plots(run, args.weeks), directory, args.formats, args.dpi))
    _print_table(f"{run.name}, seed {run.seed}: key series", run_summary(run))
    return 0


def compare(args) -> int:
    cmp = _comparison(args)
    directory = _out_dir(args, f"{_stem(args, 'comparison')}-plots")
    paths = _save_plots(compare_figures.comparison_plots(cmp, args.series), directory, args.formats, args.dpi)
    table = directory / "differences.csv"
    cmp.differences().to_csv(table, index=False)
    _report_written(paths + [table])
    _print_table(f"Paired differences against {cmp.base} ({cmp.provenance['replicate'].nunique()} replicates)",
                 comparison_summary(cmp, args.series))
    return 0


def sweep(args) -> int:
    sw = require(_source(args), Sweep, "sweep")
    outcomes = sw.outcomes(args.outcome, args.summary)
    directory = _out_dir(args, f"{_stem(args, 'sweep')}-plots")
    paths = _save_plots(sweep_figures.sweep_plots(sw, outcomes), directory, args.formats, args.dpi)
    for name, summary in outcomes:
        table = directory / f"points_{style.safe_stem(name)}_{summary}.csv"
        sweep_summary(sw, name, summary).to_csv(table, index=False)
        paths.append(table)
    _report_written(paths)
    name, summary = outcomes[0]
    _print_table(sweep_figures.outcome_title(sw, name, summary), sweep_summary(sw, name, summary))
    return 0


def _print_notes(notes) -> None:
    for note in notes:
        print(f"\nNote: {note}")


def _sensitivity_results(args) -> list:
    """(label, stem, result) for each outcome asked for."""
    options = {"n_boot": args.bootstrap, "seed": args.bootstrap_seed}
    if args.table:
        if args.files or not args.params or not args.outcome:
            raise AnalysisError("with --table, give --params and --outcome, and no other input file")
        method = args.method or "sobol"
        frame = _read_table(args.table)
        return [(o, style.safe_stem(o), table_sensitivity(frame, args.params, o, method, **options))
                for o in args.outcome]
    sw = require(_source(args), Sweep, "sensitivity")
    return [(sweep_figures.outcome_title(sw, n, s), style.safe_stem(f"{n}_{s}"),
             sweep_sensitivity(sw, n, s, method=args.method, **options))
            for n, s in sw.outcomes(args.outcome, args.summary)]


def _read_table(path: str) -> pd.DataFrame:
    try:
        return pd.read_csv(path)
    except (OSError, ValueError) as e:
        raise AnalysisError(f"{path}: cannot read the table ({e})") from None


def sensitivity(args) -> int:
    directory = _out_dir(args, "sensitivity")
    paths = []
    for label, stem, result in _sensitivity_results(args):
        table = directory / f"sensitivity_{stem}.csv"
        figure = sensitivity_figures.sensitivity_figure(result, label)
        paths += style.save(figure, directory, f"sensitivity_{stem}", args.formats, args.dpi)
        result.table().to_csv(table, index=False)
        paths.append(table)
        _print_table(f"Sensitivity of {label}", result.table())
        _print_notes(result.notes)
    _report_written(paths)
    return 0


def report(args) -> int:
    obj = _source(args)
    if isinstance(obj, Comparison):
        obj = _comparison(args, obj)
    options = {"heatmap_weeks": args.weeks, "names": args.series, "all_outcomes": args.all}
    if isinstance(obj, Sweep):
        options["outcomes"] = obj.outcomes(args.outcome, args.summary)
    _report_written([write_report(obj, args.output_html, **options)])
    return 0


def effects(args) -> int:
    """Paired effects of an effect sweep: figures and a table of every point's effect with its CI."""
    from .effects import read_effects
    sw = read_effects(args.files[0]) if len(args.files) == 1 else None
    if sw is None:
        raise AnalysisError("give one effect-sweep file")
    directory = _out_dir(args, f"{_stem(args, 'effects')}-plots")
    summary, outcome = _outcome_of(args, sw.effects)
    paths = _save_plots(effect_figures.effect_plots(sw, summary, outcome), directory, args.formats, args.dpi)
    table = directory / "effects.csv"
    frame = sw.effects.assign(point_label=[sw.point_label(p) for p in sw.effects["point"]])
    frame.to_csv(table, index=False)
    _report_written(paths + [table])
    shown = frame[(frame["summary"] == summary) & (frame["outcome"] == outcome)]
    _print_table(f"Paired effects on {outcome} ({sw.window[summary]}), {sw.replicates} replicates, 95% CI",
                 shown[["arm", "point_label", "mean_base", "diff_mean", "ci_low", "ci_high"]])
    return 0


def _outcome_of(args, effects_frame) -> tuple:
    if args.outcome:
        summary, _, name = args.outcome.partition(".")
        if summary not in ("final", "mean") or not name:
            raise AnalysisError(f"--outcome: expected final.NAME or mean.NAME, got '{args.outcome}'")
        return summary, name
    first = effects_frame.iloc[0]
    return first["summary"], first["outcome"]


def discover(args) -> int:
    """Scenario discovery (PRIM and CART) on a sweep or effect sweep: where is the outcome below or
    above a threshold?"""
    from .discovery import cart, prim
    from .discovery.cases import cases_of
    x, y, what = cases_of(args.files[0], args.outcome, args.arm, args.below, args.above)
    r = prim(x, y, alpha=args.alpha, threshold=args.density, resamples=args.resamples)
    c = cart(x, y, max_depth=args.depth)
    directory = _out_dir(args, f"{_stem(args, 'discovery')}-discovery")
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, frame in (("prim_trajectory", r.trajectory_frame()), ("prim_box", r.limits_frame()),
                        ("cart_leaves", c.leaves)):
        frame.to_csv(directory / f"{name}.csv", index=False)
        paths.append(directory / f"{name}.csv")
    from .plots.discovery_figures import tradeoff_figure
    paths += style.save(tradeoff_figure(r, what), directory, "prim_tradeoff", args.formats, args.dpi)
    _report_written(paths)
    print(f"\nCases of interest: {what} ({int(y.sum())} of {len(y)})")
    print(f"PRIM box (coverage {r.box.coverage:.2f}, density {r.box.density:.2f}): {r.rule()}")
    _print_table("Restricted inputs (quasi-p-value: binomial test against the box without that limit)",
                 r.limits_frame())
    print(f"\nCART, densest leaf: {c.best_rule()}")
    return 0


def robust(args) -> int:
    """Robust choices: regret and satisficing share of each lever combination across futures."""
    from .plots.robust_figures import robustness_figure
    from .robust import OutcomeGoal, robustness
    goals = [OutcomeGoal.parse(o) for o in args.outcome or ()]
    result = robustness(args.files[0], goals, args.levers)
    directory = _out_dir(args, f"{_stem(args, 'robust')}-robust")
    directory.mkdir(parents=True, exist_ok=True)
    ranking = result.ranking()
    table = directory / "robustness.csv"
    ranking.to_csv(table, index=False)
    paths = style.save(robustness_figure(result), directory, "robustness", args.formats, args.dpi) + [table]
    _report_written(paths)
    _print_table(f"Lever combinations across {result.values['future'].nunique()} futures (uncertainties: "
                 f"{', '.join(result.uncertainties) or 'none'}), best first", ranking)
    return 0


def table(args) -> int:
    """Paper-ready tables of a comparison's chosen outcomes (Markdown, LaTeX booktabs, CSV) and its
    methods paragraph."""
    from .paper import effects_table, methods_paragraph, to_latex, to_markdown
    cmp = _comparison(args)
    frame = effects_table(cmp, args.series, args.all)
    directory = _out_dir(args, f"{_stem(args, 'comparison')}-tables")
    directory.mkdir(parents=True, exist_ok=True)
    caption = f"Paired effects against {cmp.base}, {cmp.attrs.get('replicates', '')} replicates, 95% intervals"
    writers = {"md": lambda: to_markdown(frame, cmp.base), "latex": lambda: to_latex(frame, cmp.base, caption),
               "csv": lambda: frame.to_csv(index=False)}
    paths = []
    for fmt in args.table_formats:
        path = directory / f"effects.{'tex' if fmt == 'latex' else fmt}"
        path.write_text(writers[fmt](), encoding="utf-8")
        paths.append(path)
    methods = methods_paragraph(cmp)
    (directory / "methods.md").write_text(methods + "\n", encoding="utf-8")
    _report_written(paths + [directory / "methods.md"])
    print("\n" + to_markdown(frame, cmp.base))
    print(methods)
    return 0
