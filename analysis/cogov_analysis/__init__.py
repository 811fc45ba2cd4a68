"""Analysis of cogov output files: tidy frames, xarray datasets, figures,
comparisons, sweeps, sensitivity indices and HTML reports.

    from cogov_analysis import open_file
    run = open_file("out/base.h5")
    run.city_frame()            # step, metric, value
    run.trust_frame()           # step, truster, one column per trustee
"""

from . import comparefile, runfile, sweepfile  # noqa: F401  (register the readers of each format)
from .errors import AnalysisError, AnalysisWarning, FileFormatError
from .comparison import Comparison
from .formats import open_file, register, supported_formats
from .run import Run
from .sweep import Sweep

__all__ = ["AnalysisError", "AnalysisWarning", "Comparison", "FileFormatError", "Run", "Sweep", "open_file", "register",
           "supported_formats"]
