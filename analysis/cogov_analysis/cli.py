"""Command line: /usr/bin/python3 -m cogov_analysis COMMAND ... (or analysis/cogov-analysis)."""

import argparse
import os
import sys
import warnings

from . import commands
from .errors import AnalysisError, AnalysisWarning
from .plots.style import FORMATS
from .series import MEAN_WEEKS, SUMMARIES

DESCRIPTION = """Figures, tables and reports from cogov output files.

commands:
  plot RUN.h5                  trust, participation, issues, organizations and hours of one run
  compare CMP.h5               arms with replicate bands and paired differences with confidence intervals
  compare --arm NAME RUN.h5... --arm NAME RUN.h5...
                               the same from run files, replicates paired by seed (first arm is the base)
  sweep SWEEP.h5 | RUN.h5 RUN.h5...
                               outcome against each parameter, pair heatmaps, replicate spread
  sensitivity SWEEP.h5         Sobol indices (Saltelli design) or Morris effects (Morris design)
  sensitivity --table POINTS.csv --method sobol|morris --params A B --outcome Y
                               the same for design points and outputs in a table
  effects SWEEP.h5             an effect sweep: each arm's paired effect against the parameters, with CIs
  discover SWEEP.h5 --outcome mean.NAME --below X [--arm ARM]
                               scenario discovery: PRIM and CART boxes of the cases of interest
  robust SWEEP.h5 --outcome mean.NAME:maximise[:T] [--levers KEY...]
                               regret and satisficing share of each lever combination across futures
  table CMP.h5 [--all] [--labels ARM=LABEL...]
                               paper-ready tables (Markdown, LaTeX booktabs, CSV) and a methods paragraph
  report FILE.h5 -o report.html
                               one self-contained HTML page: provenance, summary, figures

Exit status: 0 success, 2 bad input or usage, 1 failure while writing."""


def _list(text: str) -> list:
    return [t for t in text.split(",") if t]


def _weeks(text: str) -> list:
    try:
        return [int(w) for w in _list(text)]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected week numbers separated by commas, got '{text}'") from None


def _formats(text: str) -> list:
    formats = _list(text)
    bad = [f for f in formats if f not in ("png", "svg", "pdf")]
    if bad or not formats:
        raise argparse.ArgumentTypeError(f"formats are png, svg or pdf, got '{text}'")
    return formats


def _inputs(p, arms: bool = False) -> None:
    p.add_argument("files", nargs="*", metavar="FILE.h5", help="cogov output file(s)")
    if arms:
        p.add_argument("--arm", action="append", nargs="+", metavar=("NAME", "RUN.h5"),
                       help="an arm of a comparison: its name, then its run files (repeat; the first is the base)")
    p.add_argument("--mean-weeks", type=int, default=MEAN_WEEKS,
                   help=f"weeks at the end of each run that the 'mean' summary averages (default {MEAN_WEEKS}); "
                        "run files only: comparison files carry their own outcomes")


def _outputs(p) -> None:
    p.add_argument("-o", "--output", metavar="DIR", help="directory for the files written")
    p.add_argument("--formats", "--format", type=_formats, default=list(FORMATS),
                   help="figure formats, png, svg and/or pdf separated by commas (default png,svg)")
    p.add_argument("--dpi", type=_dpi, help="resolution of png figures (default 150)")


def _dpi(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 30 <= value <= 1200:
        raise argparse.ArgumentTypeError(f"expected dots per inch from 30 to 1200, got '{text}'")
    return value


def _table_formats(text: str) -> list:
    formats = _list(text)
    bad = [f for f in formats if f not in ("md", "latex", "csv")]
    if bad or not formats:
        raise argparse.ArgumentTypeError(f"table formats are md, latex or csv, got '{text}'")
    return formats


def _arm_labels(p) -> None:
    p.add_argument("--labels", nargs="+", metavar="ARM=LABEL", help="short arm labels for figures and tables")


def _outcomes(p) -> None:
    p.add_argument("--outcome", nargs="+", metavar="SERIES",
                   help="outcome series, e.g. participation_rate or trust.residents.government")
    p.add_argument("--summary", choices=SUMMARIES,
                   help="summary of each run: 'final' (last week) or 'mean' over the last weeks (default: the "
                        "mean where recorded, else the final value)")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="cogov-analysis", description=DESCRIPTION,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("plot", help="figures of one run")
    _inputs(p), _outputs(p)
    p.add_argument("--weeks", type=_weeks, help="weeks for the trust heatmaps (default first, middle, last)")
    p.set_defaults(run=commands.plot)

    p = sub.add_parser("compare", help="a paired comparison")
    _inputs(p, arms=True), _outputs(p)
    p.add_argument("--series", nargs="+", metavar="SERIES", help="series to draw and tabulate")
    _arm_labels(p)
    p.set_defaults(run=commands.compare)

    p = sub.add_parser("table", help="paper-ready tables of a comparison (Markdown, LaTeX, CSV) and its methods")
    _inputs(p, arms=True), _outputs(p), _arm_labels(p)
    p.add_argument("--series", nargs="+", metavar="SERIES", help="outcomes' series to tabulate (default the key ones)")
    p.add_argument("--all", action="store_true", help="every outcome that changes (those that never do are left out)")
    p.add_argument("--table-formats", type=_table_formats, default=["md", "latex", "csv"],
                   help="md, latex and/or csv (default all three)")
    p.set_defaults(run=commands.table)

    p = sub.add_parser("sweep", help="a sweep, or several run files that differ in parameters")
    _inputs(p), _outputs(p), _outcomes(p)
    p.set_defaults(run=commands.sweep)

    p = sub.add_parser("sensitivity", help="Sobol indices or Morris elementary effects")
    _inputs(p), _outputs(p), _outcomes(p)
    p.add_argument("--table", metavar="POINTS.csv", help="design points and outputs, one row per point, in design order")
    p.add_argument("--method", choices=("sobol", "morris"),
                   help="with --table (default sobol), or a sweep file with a csv design: what the points are "
                        "(their order is recognised from the points themselves)")
    p.add_argument("--params", nargs="+", metavar="COLUMN", help="with --table: the parameter columns")
    p.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples for intervals (default 1000)")
    p.add_argument("--bootstrap-seed", type=int, default=0, help="seed of the bootstrap (default 0)")
    p.set_defaults(run=commands.sensitivity)

    p = sub.add_parser("effects", help="paired effects of an effect sweep ([[arms]])")
    _inputs(p), _outputs(p)
    p.add_argument("--outcome", metavar="SUMMARY.NAME", help="e.g. mean.trust.residents.resident_committee "
                   "(default: the first recorded)")
    p.set_defaults(run=commands.effects)

    p = sub.add_parser("discover", help="scenario discovery: PRIM and CART boxes where an outcome is low or high")
    _inputs(p), _outputs(p)
    p.add_argument("--outcome", required=True, metavar="SUMMARY.NAME", help="e.g. final.backlog or "
                   "mean.trust.residents.government")
    p.add_argument("--arm", help="effect sweeps: the cases are design points where this arm's mean effect is below "
                                 "or above the threshold")
    side = p.add_mutually_exclusive_group(required=True)
    side.add_argument("--below", type=float, help="cases of interest: the outcome (or effect) below this value")
    side.add_argument("--above", type=float, help="cases of interest: the outcome (or effect) above this value")
    p.add_argument("--alpha", type=float, default=0.05, help="PRIM: share of points peeled per step (default 0.05)")
    p.add_argument("--density", type=float, default=0.8, help="PRIM: density the chosen box should reach (0.8)")
    p.add_argument("--resamples", type=int, default=20, help="PRIM: half-size resamples for stability (20)")
    p.add_argument("--depth", type=int, default=3, help="CART: tree depth (3)")
    p.set_defaults(run=commands.discover)

    p = sub.add_parser("robust", help="robust choices: regret and satisficing of lever combinations across futures")
    _inputs(p), _outputs(p)
    p.add_argument("--outcome", action="append", metavar="SUMMARY.NAME:DIRECTION[:THRESHOLD]",
                   help="e.g. mean.trust.residents.resident_committee:maximise:0.5 (repeat for several; default: "
                        "an experiment file's outcomes)")
    p.add_argument("--levers", nargs="+", metavar="KEY", help="the varied parameters that are levers (default: "
                   "an experiment file's levers); the others are uncertainties")
    p.set_defaults(run=commands.robust)

    p = sub.add_parser("report", help="a self-contained HTML report")
    _inputs(p, arms=True), _outcomes(p)
    p.add_argument("-o", "--output", dest="output_html", required=True, metavar="REPORT.html")
    p.add_argument("--weeks", type=_weeks, help="runs: weeks for the trust heatmaps")
    p.add_argument("--series", nargs="+", metavar="SERIES", help="comparisons: series to draw and tabulate")
    p.add_argument("--all", action="store_true", help="comparisons: every outcome that changes in the answer's table")
    _arm_labels(p)
    p.set_defaults(run=commands.report)
    return top


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Warnings for the reader (an incomplete sweep file, failed runs) as one line on standard error."""
    if issubclass(category, AnalysisWarning):
        print(f"cogov-analysis: warning: {message}", file=sys.stderr)
    else:
        _default_show(message, category, filename, lineno, file, line)


_default_show = warnings.showwarning


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    try:
        with warnings.catch_warnings():
            warnings.showwarning = _show_warning
            warnings.simplefilter("always", AnalysisWarning)
            return args.run(args)
    except AnalysisError as e:
        print(f"cogov-analysis: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:         # output piped into `head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as e:
        print(f"cogov-analysis: error: {e}", file=sys.stderr)
        return 1
