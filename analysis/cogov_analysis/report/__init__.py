"""One self-contained HTML report per cogov file (run, comparison or sweep)."""

from pathlib import Path

from ..comparison import Comparison
from ..run import Run
from ..sweep import Sweep
from .page import page
from .sections import comparison_sections, run_sections, sweep_sections


def build_report(obj, title: str | None = None, **options) -> str:
    """The report's HTML. Options: heatmap_weeks (runs), names (comparisons), outcomes (sweeps)."""
    if isinstance(obj, Run):
        return page(title or f"cogov run: {obj.name}", run_sections(obj, options.get("heatmap_weeks")))
    if isinstance(obj, Comparison):
        return page(title or f"cogov comparison: {' vs '.join(obj.arms)}",
                    comparison_sections(obj, options.get("names"), options.get("all_outcomes", False)))
    if isinstance(obj, Sweep):
        name = obj.provenance.get("sweep_name")
        return page(title or (f"cogov sweep: {name}" if name else "cogov sweep"),
                    sweep_sections(obj, options.get("outcomes") or obj.outcomes()))
    raise TypeError(f"no report for {type(obj).__name__}")


def write_report(obj, path, **options) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(build_report(obj, **options), encoding="utf-8")
    return path
