"""The command-line commands: each reads its input, writes files, prints a summary."""

from pathlib import Path

import pandas as pd

from .comparison import Comparison
from .errors import AnalysisError
from .labels import MISSING, number
from .plots import compare_figures, run_figures, sensitivity_figures, style, sweep_figures
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


def _save_plots(plots, directory: Path, formats) -> list:
    paths = []
    for plot in plots:
        paths += style.save(plot.figure, directory, plot.stem, formats)
    return paths


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
    _report_written(_save_plots(run_figures.run_plots(run, args.weeks), directory, args.formats))
    _print_table(f"{run.name}, seed {run.seed}: key series", run_summary(run))
    return 0


def compare(args) -> int:
    cmp = require(_source(args), Comparison, "compare")
    directory = _out_dir(args, f"{_stem(args, 'comparison')}-plots")
    paths = _save_plots(compare_figures.comparison_plots(cmp, args.series), directory, args.formats)
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
    paths = _save_plots(sweep_figures.sweep_plots(sw, outcomes), directory, args.formats)
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
        paths += style.save(figure, directory, f"sensitivity_{stem}", args.formats)
        result.table().to_csv(table, index=False)
        paths.append(table)
        _print_table(f"Sensitivity of {label}", result.table())
        _print_notes(result.notes)
    _report_written(paths)
    return 0


def report(args) -> int:
    obj = _source(args)
    options = {"heatmap_weeks": args.weeks, "names": args.series}
    if isinstance(obj, Sweep):
        options["outcomes"] = obj.outcomes(args.outcome, args.summary)
    _report_written([write_report(obj, args.output_html, **options)])
    return 0
