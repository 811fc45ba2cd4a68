"""Results ready for a paper, end to end on real comparison files: tables in three formats, the
methods paragraph, short labels, --dpi, --all, and a report that opens with the effects."""

import re

import h5py
import numpy as np
import pandas as pd
import pytest

from cogov_analysis import open_file
from cogov_analysis.cli import main
from cogov_analysis.paper import changing_outcomes, effects_table, latex_escape, methods_paragraph


def test_table_command_writes_markdown_latex_csv_and_methods(compare_files, tmp_path, capsys):
    out = tmp_path / "tables"
    assert main(["table", str(compare_files["outcomes"]), "-o", str(out), "--labels", "more-needs=More needs"]) == 0
    md = (out / "effects.md").read_text()
    tex = (out / "effects.tex").read_text()
    csv = pd.read_csv(out / "effects.csv")
    assert md.startswith("| arm | outcome | units | baseline | arm mean | difference | 95% CI | variance removed |")
    assert "| More needs |" in md
    for part in (r"\toprule", r"\midrule", r"\bottomrule", r"\begin{tabular}", "More needs"):
        assert part in tex, part
    assert "_" not in tex.replace(r"\_", "")          # every underscore escaped
    with h5py.File(compare_files["outcomes"]) as f:
        names = [n.decode() if isinstance(n, bytes) else n for n in f["outcome"][...]]
        low = f["differences/1/ci_low"][...]
    resolved = csv[csv["outcome"].str.startswith("Issues resolved per issue raised")]
    assert resolved["CI low"].iloc[0] == pytest.approx(low[names.index("run.resolved_share")], rel=1e-12)
    methods = (out / "methods.md").read_text()
    for part in ("3 replicates", "common random numbers", "95% Student t confidence interval (2 degrees of freedom)",
                 "A negative value means", "weeks 1-30 (the whole run)"):
        assert part in methods, part
    assert "More needs" in capsys.readouterr().out


def test_all_leaves_out_outcomes_that_never_change(compare_files):
    cmp = open_file(compare_files["outcomes"])
    full = effects_table(cmp, all_outcomes=True)
    changing = changing_outcomes(cmp)
    assert 0 < len(full) // len(cmp.alternatives) == len(changing) < len(cmp.summaries().groupby(["series", "summary"]))
    s = cmp.summaries()
    for series, summary in set(map(tuple, s[["series", "summary"]].drop_duplicates().to_numpy())) - set(changing):
        values = s[(s["series"] == series) & (s["summary"] == summary)]["value"]
        assert values.nunique(dropna=True) <= 1       # left out: the same value in every arm and replicate


def test_report_opens_with_the_effects(compare_files, tmp_path):
    path = tmp_path / "r.html"
    assert main(["report", str(compare_files["outcomes"]), "-o", str(path), "--labels", "more-needs=More"]) == 0
    html = path.read_text()
    sections = re.findall(r'<section id="([^"]+)"><h2>([^<]+)</h2>', html)
    assert sections[0] == ("answer", "Answer: effects of each alternative")
    assert sections[-1][0] == "provenance"
    first = html[html.index('<section id="answer">'):html.index("</section>")]
    for part in ("What differs between the arms", "needs.rate", "Key effects", "CI low", "Methods",
                 "common random numbers", "More"):
        assert part in first, part


def test_dpi_changes_the_png_size(compare_files, tmp_path):
    sizes = {}
    for dpi in (60, 120):
        out = tmp_path / str(dpi)
        assert main(["compare", str(compare_files["outcomes"]), "-o", str(out), "--format", "png",
                     "--dpi", str(dpi)]) == 0
        from matplotlib.image import imread
        sizes[dpi] = imread(next(out.glob("*.png"))).shape[1]
    assert sizes[120] == pytest.approx(2 * sizes[60], abs=2)
    with pytest.raises(SystemExit) as stop:      # a usage error, status 2
        main(["compare", str(compare_files["outcomes"]), "--dpi", "5"])
    assert stop.value.code == 2


def test_latex_escape():
    assert latex_escape("a_b & 50% {x}") == r"a\_b \& 50\% \{x\}"
